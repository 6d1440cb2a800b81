"""A titled landscape table in the GB/T 9704 faces: what the comparison, coverage and notes exports share.

Cells hold lines of plain text or runs with a mark (highlighted, struck
through, underlined), written as WordprocessingML directly.  No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

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
    sect = doc.element.body.find(qn("w:sectPr"))
    sect.addprevious(paragraph(g.STYLE_TITLE, title))
    sect.addprevious(paragraph(g.STYLE_TABLE_TEXT, subtitle))
    return doc


def add_table(doc: Document, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
              widths_mm: Sequence[float] | None = None, shaded: Sequence[tuple[int, int, str]] = ()) -> None:
    """Append a table: a repeated header row, then *rows*; ``shaded`` = (row, column, fill) of body cells."""
    widths = list(widths_mm or [TEXT_WIDTH_MM / len(headers)] * len(headers))
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = next(s for s in doc.styles if s.style_id == "TableGrid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, headers, strict=True):
        set_cell(cell, [head], g.STYLE_TABLE_HEAD)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in rows:
        for cell, content in zip(table.add_row().cells, row, strict=True):
            set_cell(cell, content, g.STYLE_TABLE_TEXT)
    for r, c, fill in shaded:
        tcpr = table.rows[r + 1].cells[c]._tc.get_or_add_tcPr()
        tcpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))
    for row in table.rows:
        for tc, width in zip(row._tr.tc_lst, widths, strict=True):
            tc.width = Mm(width)
    grid = table._tbl.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 56.7)))


def add_paragraph(doc: Document, text: str) -> None:
    doc.element.body.find(qn("w:sectPr")).addprevious(paragraph(g.STYLE_TABLE_TEXT, text))


def set_cell(cell, content: Cell, style_id: str) -> None:
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    for line in content or [""]:
        p = paragraph(style_id, line if isinstance(line, str) else "")
        if style_id == g.STYLE_TABLE_TEXT:  # short lines of labels: justified they would spread out
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
