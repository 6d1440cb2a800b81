"""Word pieces of the form, the adoption table and the 起草说明: ``export/simple_table``'s, justified cells.

The feedback tables are built from the same pieces as the other plain tables
(:mod:`desktop_app.export.simple_table`); their body cells stay justified and
each row may have a minimum height (the form leaves room to write).
"""

from __future__ import annotations

from docx.document import Document
from docx.shared import Mm
from docx.table import Table

from ..export import gbt9704 as g
from ..export.simple_table import add_paragraph, add_row, add_table, set_cell, shade

PLACEHOLDER = "【请补充】"
DRAFT_NOTE = "（征求意见稿）"
GROUP_FILL = "F2F2F2"


def plain_title(title: str) -> str:
    """The draft's title without its closing （征求意见稿）, for a title that quotes it."""
    return title[: -len(DRAFT_NOTE)] if title.endswith(DRAFT_NOTE) and len(title) > len(DRAFT_NOTE) else title


def add(doc: Document, style: str = "", text: str = ""):
    """Append a paragraph before the section properties; returns it."""
    return add_paragraph(doc, text, style)


def table(doc: Document, headers: tuple[str, ...], widths_mm: tuple[float, ...]) -> Table:
    """A table with its repeated header row; rows come with :func:`row` and :func:`group_row`."""
    return add_table(doc, headers, [], widths_mm)


def row(t: Table, values: list[list[str] | str], widths_mm: tuple[float, ...], style: str = g.STYLE_TABLE_TEXT,
        min_height_mm: float = 0):
    """Append a row (a value is a line or a list of lines); returns its cells."""
    cells = add_row(t, [value if isinstance(value, list) else [value] for value in values], widths_mm, style,
                    left=False)
    if min_height_mm:
        t.rows[-1].height = Mm(min_height_mm)
    return cells


def group_row(t: Table, text: str, width_mm: float) -> None:
    """A shaded row across the table naming the group of rows below it."""
    cells = t.add_row().cells
    merged = cells[0].merge(cells[-1])
    set_cell(merged, [text], g.STYLE_TABLE_HEAD)
    merged.width = Mm(width_mm)
    shade(merged, GROUP_FILL)
