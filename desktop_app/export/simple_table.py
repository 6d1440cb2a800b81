"""A titled landscape table in the GB/T 9704 faces: what the comparison, coverage and notes exports share.

Cells hold lines of plain text or runs with a mark (highlighted, struck
through, underlined), written as WordprocessingML directly.  The feedback
documents (form, adoption table) build their tables from the same pieces
(``feedback/wordkit.py``).  No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import Table, _Cell

from . import gbt9704 as g
from .docx_writer import to_bytes
from .safety import write_export
from .wml import XML_SPACE, el, paragraph

TEXT_WIDTH_MM = 247          # landscape A4 less the 25 mm margins
Run = tuple[str, str]        # (text, mark): mark "" plain, or one of MARKS
MARKS = {
    "added": '<w:highlight w:val="green"/><w:u w:val="single"/>',
    "removed": '<w:highlight w:val="yellow"/><w:strike/>',
    "note": '<w:color w:val="C00000"/>',
    "bold": "<w:b/>",
}
Cell = Sequence[str] | Sequence[Sequence[Run]]  # lines of text, or lines of runs


def new_table_document(title: str, subtitle: str = "") -> Document:
    doc = g.landscape_document()
    g.set_properties(doc, title)
    add_paragraph(doc, title, g.STYLE_TITLE)
    add_paragraph(doc, subtitle)
    return doc


def add_table(doc: Document, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
              widths_mm: Sequence[float] | None = None, shaded: Sequence[tuple[int, int, str]] = ()) -> Table:
    """Append a table: a repeated header row, then *rows*; ``shaded`` = (row, column, fill) of body cells."""
    widths = list(widths_mm or [TEXT_WIDTH_MM / len(headers)] * len(headers))
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = next(s for s in doc.styles if s.style_id == "TableGrid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head, width in zip(table.rows[0].cells, headers, widths, strict=True):
        set_cell(cell, [head], g.STYLE_TABLE_HEAD)
        cell.width = Mm(width)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in rows:
        add_row(table, row, widths)
    for r, c, fill in shaded:
        shade(table.rows[r + 1].cells[c], fill)
    grid = table._tbl.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 56.7)))
    return table


def add_row(table: Table, row: Sequence[Cell], widths_mm: Sequence[float], style_id: str = g.STYLE_TABLE_TEXT,
            *, left: bool | None = None) -> list[_Cell]:
    """Append a row of cells *row* (see :func:`set_cell` for *left*); returns its cells."""
    cells = table.add_row().cells
    for cell, content, width in zip(cells, row, widths_mm, strict=True):
        set_cell(cell, content, style_id, left=left)
        cell.width = Mm(width)
    return cells


def shade(cell: _Cell, fill: str) -> None:
    """Give *cell* the background *fill* (hex RGB)."""
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def add_paragraph(doc: Document, text: str = "", style_id: str = g.STYLE_TABLE_TEXT):
    """Append a paragraph before the section properties; returns it."""
    p = paragraph(style_id, text)
    doc.element.body.find(qn("w:sectPr")).addprevious(p)
    return p


def set_cell(cell: _Cell, content: Cell, style_id: str, *, left: bool | None = None) -> None:
    """Fill *cell* with one paragraph per line of *content*.

    Args:
        left: align the lines left; by default lines of table text are (short lines of labels
            would spread out if justified), headings are not.
    """
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    if left is None:
        left = style_id == g.STYLE_TABLE_TEXT
    for line in content or [""]:
        p = paragraph(style_id, line if isinstance(line, str) else "")
        if left:
            p.find(qn("w:pPr")).append(el("w:jc", val="left"))
        for text, mark in ([] if isinstance(line, str) else line):
            p.append(marked_run(text, mark))
        tc.append(p)


def marked_run(text: str, mark: str = ""):
    r = el("w:r")
    if mark:
        r.append(parse_xml(f'<w:rPr {nsdecls("w")}>{MARKS[mark]}</w:rPr>'))
    t = el("w:t")
    t.set(XML_SPACE, "preserve")
    t.text = text
    r.append(t)
    return r


def save(doc: Document, path: str | Path, overwrite: bool) -> Path:
    """Write atomically; refuses an existing file unless *overwrite* (raises the ``export.safety`` errors)."""
    return write_export(path, to_bytes(doc), overwrite)


def runs_by_line(runs: Sequence[Run]) -> list[list[Run]]:
    """Split runs at line breaks into lines of runs (a cell paragraph per line)."""
    lines: list[list[Run]] = [[]]
    for text, mark in runs:
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((piece, mark))
    return lines
