"""Wires the desktop app: QApplication, settings, notes, corpus, main window, background loading.

``policydesk`` with no subcommand calls :func:`run_gui`; the ``policydesk-gui``
script calls :func:`main`.  ``--screenshot PATH`` renders the window offscreen
at 1400×900 with the chosen view, writes a PNG and exits.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
import sys
from argparse import Namespace
from pathlib import Path

from .core.corpus import Corpus
from .core.errors import LookupFailed, PolicyDeskError
from .core.notes import NotesStore

SCREENSHOT_SIZE = (1400, 900)
SCREENSHOT_TIMEOUT_MS = 180_000
# Tools built beside the core window.  A module here, when present, offers install(window) and adds
# its menu actions or views through MainWindow.add_tool_action / add_view (see ui/main_window.py).
EXTENSION_MODULES = ("desktop_app.ui.import_actions",
                     "desktop_app.ui.dictionary_dialog")  # HOOK(search-words): 工具 → 检索词典
# The city-draft editor is a self-contained widget DraftEditor(corpus, parent): it becomes the "draft" view,
# built the first time it is shown so it costs nothing at start-up.
DRAFT_EDITOR_MODULE = "desktop_app.ui.draft_editor"
# Chinese UI fonts, most wanted first (Windows, macOS, then Linux).  The first one installed becomes the
# application's font, so Chinese text is drawn from it directly instead of through the platform's font
# fallback, which costs the first window's layout tens of milliseconds on Linux (measured: docs/benchmarks.md).
CHINESE_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "SimSun")


def main() -> int:
    """Entry point of the ``policydesk-gui`` script: parse the window options and open the window."""
    from .cli import build_parser

    gc.disable()  # as cli.main does for the window: collection resumes once the window is painted
    try:
        return run_gui(build_parser(commands=False).parse_args())
    finally:
        gc.enable()


def run_gui(args: Namespace) -> int:
    """Open the window (or, with ``args.screenshot``, render it to a PNG) and return the exit code."""
    if getattr(args, "screenshot", None):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = _application()
    try:
        corpus = Corpus.load_default()
    except PolicyDeskError as exc:
        return _fatal(app, app.translate("app", "知识库文件无法读取，程序无法启动：\n%1").replace("%1", str(exc)),
                      bool(getattr(args, "screenshot", None)))
    window = create_window(corpus, defer_extensions=not getattr(args, "screenshot", None))
    try:
        _apply_open(window, getattr(args, "open", None))
    except LookupFailed as exc:
        print(f"policydesk: {exc}", file=sys.stderr)
        return 2
    window.after_first_paint(gc.enable)  # cli.main turned collection off for the start-up
    if getattr(args, "screenshot", None):
        from .ui.screenshot import take_screenshot

        code = take_screenshot(window, Path(args.screenshot), view=args.view, query=args.query,
                               size=SCREENSHOT_SIZE, timeout_ms=SCREENSHOT_TIMEOUT_MS)
    else:
        _apply_view(window, getattr(args, "view", None), getattr(args, "query", None))
        window.show()
        code = app.exec()
    from .ui.workers import wait_for_all

    window.search_service.close()
    wait_for_all()
    return code


def create_window(corpus: Corpus | None = None, *, start_background: bool = True, defer_extensions: bool = False):
    """Build the main window with the user's settings and notes, restored to where the user left off.

    Args:
        corpus: the corpus to show (the default corpus when None).
        start_background: load jieba and open the search index once the window is painted.
        defer_extensions: install the tools of EXTENSION_MODULES just after the first paint rather than now
            (their imports would otherwise delay the window's appearance).
    """
    from .ui.main_window import MainWindow
    from .ui.settings import AppSettings

    corpus = corpus if corpus is not None else Corpus.load_default()
    notes, moved_aside = NotesStore.open()
    window = MainWindow(corpus, notes, AppSettings.load())
    _add_draft_view(window)
    if defer_extensions:
        window.after_first_paint(lambda: _install_extensions(window))
    else:
        _install_extensions(window)
    window.restore_state()
    if moved_aside is not None:
        window.statusBar().showMessage(window.tr("笔记文件无法读取，已另存为 %1，现从空白开始").replace(
            "%1", str(moved_aside)), 15000)
    if start_background:
        window.start_background_after_first_paint()
    return window


def _application():
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("PolicyDesk")
        QCoreApplication.setApplicationName("PolicyDesk")
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName(app.translate("app", "政策起草助手"))
        _use_chinese_font(app)
    return app


def _use_chinese_font(app) -> None:
    """Put the first installed Chinese UI font before the platform's own; nothing changes if none is installed."""
    from PySide6.QtGui import QFontDatabase

    family = next((f for f in CHINESE_FONTS if QFontDatabase.hasFamily(f)), None)
    if family is None:
        return
    font = app.font()
    font.setFamilies([family, *font.families()])
    app.setFont(font)


def _add_draft_view(window) -> None:
    if importlib.util.find_spec(DRAFT_EDITOR_MODULE) is None:
        return

    def draft_editor():
        editor = importlib.import_module(DRAFT_EDITOR_MODULE).DraftEditor(window.corpus, window)
        editor.draftChanged.connect(lambda: window.set_city_draft(editor.draft))
        return editor

    window.add_view("draft", draft_editor, window.tr("城市草稿"))


def _install_extensions(window) -> None:
    for name in EXTENSION_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        install = getattr(importlib.import_module(name), "install", None)
        if callable(install):
            install(window)


def _apply_open(window, spec: str | None) -> None:
    """``--open DOC:CLAUSE`` (clause as （五）, (五), 5 or an id; ``DOC`` alone opens the whole document)."""
    if not spec:
        return
    doc, _, ref = spec.partition(":")
    unit = window.corpus.resolve(doc, ref).id if ref else ""
    window.open_unit(doc, unit)


def _apply_view(window, view: str | None, query: str | None) -> None:
    """``--view``/``--query`` when the window opens normally; the default view keeps the remembered one."""
    if view == "search" or query:
        window.focus_search()
        if query:
            window.search_panel.set_query(query)
    if view == "compare" and window.reader.unit_id:
        window.compare_current()  # the opened clause beside what it carries out
    elif view in window.views and view != "reader":
        window.show_view(view)


def _fatal(app, message: str, headless: bool) -> int:
    print(f"policydesk: {message}", file=sys.stderr)
    if not headless:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, app.translate("app", "政策起草助手"), message)
    return 1
