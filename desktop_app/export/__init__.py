"""Word export of city drafts: GB/T 9704 layout, basis comments, tracked changes, the 对照表.

Plain Python (python-docx, lxml), no Qt.
"""

from __future__ import annotations

from .docx_writer import export_draft, render_draft
from .safety import ExportError, TargetExistsError
from .table import export_table, render_table

__all__ = ["ExportError", "TargetExistsError", "export_draft", "export_table", "render_draft", "render_table"]
