"""The three-level coverage matrix as a Word table: central clauses down, province and cities across."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from ..core.coverage_matrix import CoverageMatrix, cell_lines
from ..core.model import Completeness
from .simple_table import TEXT_WIDTH_MM, add_paragraph, add_table, new_table_document, save

FIRST_COLUMN_MM = 52
GAP_FILL = "FDE2E1"
LEGEND = ("说明：每格列出落实该条的条款；“（经辽宁（五））”表示通过所落实的省级条款间接落实；"
          "“相关”为仅相关、不算落实的条款；【缺口】为该文件尚无落实条款。")


def render_coverage(matrix: CoverageMatrix) -> Document:
    where = f"（{matrix.city}）" if matrix.city else ""
    title = f"中央意见落实情况对照表{where}"
    doc = new_table_document(title, "列：" + "、".join(c.title or c.label for c in matrix.columns))
    headers = ["中央条款", *(c.label for c in matrix.columns)]
    rest = (TEXT_WIDTH_MM - FIRST_COLUMN_MM) / max(1, len(matrix.columns))
    rows, shaded = [], []
    for r, row in enumerate(matrix.rows):
        mark = row.target.unit.completeness
        target = [row.target.label] + ([f"〔{mark.label}〕"] if mark is not Completeness.FULL else [])
        rows.append([target, *(cell_lines(cell) for cell in row.cells)])
        shaded += [(r, c + 1, GAP_FILL) for c, cell in enumerate(row.cells) if not cell.implements]
    add_table(doc, headers, rows, [FIRST_COLUMN_MM, *[rest] * len(matrix.columns)], shaded)
    add_paragraph(doc, LEGEND)
    return doc


def export_coverage(matrix: CoverageMatrix, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write the coverage table atomically (refuses an existing file unless *overwrite*)."""
    return save(render_coverage(matrix), path, overwrite)
