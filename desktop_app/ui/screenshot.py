"""``policydesk --screenshot PATH``: render the window offscreen with one view and save a PNG."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

DEFAULT_QUERY = "户籍"


def take_screenshot(window, path: Path, *, view: str, query: str | None, size: tuple[int, int],
                    timeout_ms: int) -> int:
    """Show *view* in *window*, wait for its background work, write *path*; return the exit code."""
    window.resize(*size)
    window.show()
    if view == "compare":
        _wait(lambda: window.compare_current() if window.reader.unit_id else _default_pair(window),
              [window.compare_view.comparisonShown], timeout_ms)
    elif view == "search":
        window.focus_search()
        panel = window.search_panel
        _wait(lambda: panel.set_query(query or DEFAULT_QUERY),
              [panel.resultsShown, window.search_service.failed], timeout_ms)
        if window.search_service.state == "failed":
            print(f"policydesk: 检索不可用：{window.search_service.error}", file=sys.stderr)
        hit = panel.model.index(0)
        if hit.isValid():
            panel.results.setCurrentIndex(hit)
            panel._on_hit_activated(hit)  # open the first hit with its words highlighted, as Enter does
    elif view == "draft" and "draft" in window.views:
        window.show_view(view)
        _show_a_draft(window)
    elif view in window.views:
        window.show_view(view)
    else:
        print(f"policydesk: 视图 {view!r} 尚未安装；可用：{'、'.join(window.views)}", file=sys.stderr)
        return 2
    if query and view != "search":
        window.search_panel.set_query(query)
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        print(f"policydesk: 无法写入截图 {path}", file=sys.stderr)
        return 1
    return 0


def _show_a_draft(window) -> None:
    """With no draft open, start one for the city in the picker and show clause （三）, which has flags."""
    editor = window.views["draft"]
    if editor.draft is None:
        editor.new_draft(editor.city_box.currentText())
        editor.select("part_1__para_3")
    QApplication.processEvents()


def _default_pair(window) -> None:
    liaoning = "liaoning" if any(d.id == "liaoning" for d in window.corpus.documents) else None
    doc = liaoning or window.corpus.documents[-1].id
    first = window.corpus.clauses(doc)[0]
    window.open_unit(doc, first.id)
    window.compare_current()


def _wait(start, signals, timeout_ms: int) -> None:
    """Call *start*, then run the event loop until one of *signals* fires (it may fire inside *start*)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*_args) -> None:
        fired.append(True)
        loop.quit()

    for signal in signals:
        signal.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    start()
    if not fired:
        loop.exec()
    for signal in signals:
        signal.disconnect(done)
