"""Search hits as a list model; each row renders document, clause and highlighted fragments."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

ROOT = QModelIndex()  # the invisible root, as default parent

HIT_ROLE = Qt.ItemDataRole.UserRole + 1    # the SearchHit
HTML_ROLE = Qt.ItemDataRole.UserRole + 2   # rich text for the delegate
MARK_STYLE = "background:#ffe08a; font-weight:bold"
UNIT_LABELS = {"title": "文件标题、文号和日期", "preamble": "前言"}


class SearchResultsModel(QAbstractListModel):
    """Rows are ``desktop_app.search.SearchHit`` objects of the latest answered query."""

    def __init__(self, doc_names: dict[str, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []
        self._doc_names = dict(doc_names or {})

    def set_doc_names(self, names: dict[str, str]) -> None:
        self._doc_names = dict(names)

    def set_hits(self, hits: Sequence[Any]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Any:
        return self._hits[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            frags = " … ".join(f.marked() for f in hit.fragments)
            return f"{self._title(hit)}\n{frags}"
        if role == HTML_ROLE:
            return self._html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._title(hit)
        return None

    def _title(self, hit: Any) -> str:
        unit = getattr(hit, "unit", "clause")
        where = f"{UNIT_LABELS[unit]}" if unit in UNIT_LABELS else f"{hit.num}{hit.heading}"
        return f"{self._doc_names.get(hit.doc, hit.doc)} {where}"

    def _html(self, hit: Any) -> str:
        title = html.escape(self._title(hit))
        frags = " … ".join(_fragment_html(f) for f in hit.fragments)
        how = _how_matched(hit)
        how = f' <span style="color:#8a5a00; font-weight:normal">〔{html.escape(how)}〕</span>' if how else ""
        return (f'<div style="font-weight:bold; color:#1a3d6d">{title}{how}</div>'
                f'<div style="color:#333">{frags}</div>')


def _how_matched(hit: Any) -> str:
    """同义：社会保险 / 拆词：异地 就医 / 繁简 for a hit that did not match as typed."""
    via = getattr(hit, "matched_via", "exact")
    if via in ("synonym", "parts"):
        return ("同义：" if via == "synonym" else "拆词：") + "、".join(hit.equivalents)
    return "繁简" if via == "traditional" else ""


def _fragment_html(fragment: Any) -> str:
    text, out, pos = fragment.text, [], 0
    for start, end in fragment.spans:
        out.append(html.escape(text[pos:start]))
        out.append(f'<span style="{MARK_STYLE}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", " ")
