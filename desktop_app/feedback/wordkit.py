"""Small Word helpers shared by the form, the adoption table and the 起草说明 (layout from export/gbt9704)."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from ..export import gbt9704 as g
from ..export.wml import paragraph

PLACEHOLDER = "【请补充】"
DRAFT_NOTE = "（征求意见稿）"


def plain_title(title: str) -> str:
    """The draft's title without its closing （征求意见稿）, for a title that quotes it."""
    return title[: -len(DRAFT_NOTE)] if title.endswith(DRAFT_NOTE) and len(title) > len(DRAFT_NOTE) else title


def add(doc: Document, style: str = "", text: str = ""):
    """Append a paragraph before the section properties; returns it."""
    p = paragraph(style, text)
    doc.element.body.find(qn("w:sectPr")).addprevious(p)
    return p


def table(doc: Document, headers: tuple[str, ...], widths_mm: tuple[float, ...]):
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = next(s for s in doc.styles if s.style_id == "TableGrid")
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head, width in zip(t.rows[0].cells, headers, widths_mm, strict=True):
        set_cell(cell, [head], g.STYLE_TABLE_HEAD)
        cell.width = Mm(width)
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    grid = t._tbl.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(width * 56.7)))
    return t


def row(t, values: list[list[str] | str], widths_mm: tuple[float, ...], style: str = g.STYLE_TABLE_TEXT,
        min_height_mm: float = 0):
    added = t.add_row()
    if min_height_mm:
        added.height = Mm(min_height_mm)
    cells = added.cells
    for cell, value, width in zip(cells, values, widths_mm, strict=True):
        set_cell(cell, value if isinstance(value, list) else [value], style)
        cell.width = Mm(width)
    return cells


def group_row(t, text: str, width_mm: float) -> None:
    cells = t.add_row().cells
    merged = cells[0].merge(cells[-1])
    set_cell(merged, [text], g.STYLE_TABLE_HEAD)
    merged.width = Mm(width_mm)
    merged._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>'))


def set_cell(cell, lines: list[str], style_id: str) -> None:
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    for line in lines or [""]:
        tc.append(paragraph(style_id, line))

