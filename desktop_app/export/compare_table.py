"""Two clauses side by side as a Word table for a meeting: differences marked, the verdict below.

Left column clause A, right column clause B; words only in A are highlighted
yellow and struck through, words only in B highlighted green and underlined.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from ..core.compare import Mark
from ..core.verdict import ClauseComparison
from .simple_table import add_paragraph, add_table, new_table_document, runs_by_line, save

LEGEND = "说明：黄底删除线为仅 A 有的文字，绿底下划线为仅 B 有的文字，无底色为两边相同。"


def render_comparison(cc: ClauseComparison) -> Document:
    title = f"{cc.base.name}与{cc.other.name}条款对照"
    doc = new_table_document(title, f"A：{cc.base.citation or cc.base.name}　B：{cc.other.citation or cc.other.name}")
    left = [(s.text, "removed" if s.mark is Mark.ONLY_A else "") for s in cc.comparison.a]
    right = [(s.text, "added" if s.mark is Mark.ONLY_B else "") for s in cc.comparison.b]
    verdict = [f"相似度 {round(cc.similarity * 100)}%", *cc.summary_lines()]
    add_table(doc, (f"A　{cc.base.name}", f"B　{cc.other.name}"),
              [(runs_by_line(left), runs_by_line(right))])
    add_paragraph(doc, "")
    add_table(doc, ("对照结论",), [(verdict,)])
    add_paragraph(doc, LEGEND)
    return doc


def export_comparison(cc: ClauseComparison, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write the comparison table atomically (refuses an existing file unless *overwrite*)."""
    return save(render_comparison(cc), path, overwrite)
