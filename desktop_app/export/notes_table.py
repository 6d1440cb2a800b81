"""The drafter's notes exported as a Word table (序号 | 文件 | 条款 | 笔记 | 更新) or plain text."""

from __future__ import annotations

from pathlib import Path

from ..core.note_search import NoteEntry, notes_text
from .safety import write_export
from .simple_table import add_table, new_table_document, save

HEADERS = ("序号", "文件", "条款", "笔记", "更新")
WIDTHS_MM = (14, 60, 55, 96, 22)


def export_notes(entries: list[NoteEntry], path: str | Path, *, overwrite: bool = False, subtitle: str = "") -> Path:
    """A ``.txt`` path gets plain text, anything else a Word table; written atomically.

    Raises:
        TargetExistsError: the file exists and *overwrite* is false.
        ExportError: the file cannot be written.
    """
    path = Path(path)
    if path.suffix.lower() == ".txt":
        return write_export(path, notes_text(entries).encode("utf-8"), overwrite)
    doc = new_table_document("我的笔记", subtitle or f"共 {len(entries)} 条")
    rows = [([str(n)], [e.document], [e.citation.split("》")[-1], e.label], e.note.text.splitlines() or [""],
             [e.note.updated[:10]]) for n, e in enumerate(entries, 1)]
    add_table(doc, HEADERS, rows, WIDTHS_MM)
    return save(doc, path, overwrite)
