"""Wires the desktop app: QApplication, the workspace, settings, notes, corpus, main window, background work.

The one place that builds everything: :func:`run_gui` makes the one
:class:`~desktop_app.workspace.Workspace` (``POLICYDESK_DATA_DIR`` is read here, once) and passes it
down to the window, which passes it to the settings, notes, draft autosave, search index and import
tools.  ``policydesk`` with no subcommand calls :func:`run_gui`; the ``policydesk-gui`` script calls
:func:`main`.  ``--screenshot PATH`` renders the window offscreen at 1400×900 with the chosen view,
writes a PNG and exits.

This module imports only the standard library at the top (the command line reads the window
options from here: :func:`add_window_options`) and never imports ``desktop_app.cli``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core.corpus import Corpus
    from .ui.main_window import MainWindow
    from .workspace import Workspace

SCREENSHOT_SIZE = (1400, 900)
SCREENSHOT_TIMEOUT_MS = 180_000
VIEW_NAMES = ("reader", "compare", "coverage", "search", "draft")
# Chinese UI fonts, most wanted first (Windows, macOS, then Linux).  The first one installed becomes the
# application's font, so Chinese text is drawn from it directly instead of through the platform's font
# fallback, which costs the first window's layout tens of milliseconds on Linux (measured: docs/benchmarks.md).
CHINESE_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "SimSun")


def add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options of the window (``policydesk`` with no subcommand, and ``policydesk-gui``)."""
    gui = parser.add_argument_group("窗口选项")
    gui.add_argument("--screenshot", metavar="PATH", help="在屏幕外渲染窗口（1400×900）并保存为 PNG 后退出")
    gui.add_argument("--view", choices=VIEW_NAMES, default="reader", help="打开（或截图）时显示的视图")
    gui.add_argument("--open", metavar="DOC:CLAUSE", help="打开的条款，如 liaoning:（五）")
    gui.add_argument("--query", metavar="Q", help="打开时检索的词")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``policydesk-gui`` script: parse the window options and open the window."""
    from .commands.parser import ChineseArgumentParser  # help and errors in Chinese, as policydesk's

    parser = ChineseArgumentParser(prog="policydesk-gui", description="政策起草助手 PolicyDesk：打开桌面窗口。")
    add_window_options(parser)
    args = parser.parse_args(argv)
    gc.disable()  # as cli.main does for the window: collection resumes once the window is painted
    try:
        from .workspace import Workspace

        return run_gui(args, Workspace.from_environment())
    finally:
        gc.enable()


def run_gui(args: Namespace, workspace: Workspace | None = None) -> int:
    """Open the window (or, with ``args.screenshot``, render it to a PNG) and return the exit code.

    *workspace* (or ``args.workspace``, as the command line hands it down) is the one Workspace; it is
    read from the environment here only when neither is given.
    """
    from .core.errors import LookupFailed, PolicyDeskError
    from .workspace import Workspace

    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    workspace = workspace or getattr(args, "workspace", None) or Workspace.from_environment()
    app = _application()
    try:
        window = create_window(workspace, defer_tools=not screenshot, ask=not screenshot)
    except PolicyDeskError as exc:  # the shipped documents themselves cannot be read
        return _fatal(app, app.translate("app", "知识库文件无法读取，程序无法启动：\n%1").replace("%1", str(exc)),
                      bool(screenshot))
    try:
        _apply_open(window, getattr(args, "open", None))
    except LookupFailed as exc:
        print(f"policydesk: {exc}", file=sys.stderr)
        return 2
    window.after_first_paint(gc.enable)  # cli.main turned collection off for the start-up
    if screenshot:
        from .ui.screenshot import take_screenshot

        code = take_screenshot(window, Path(screenshot), view=args.view, query=args.query,
                               size=SCREENSHOT_SIZE, timeout_ms=SCREENSHOT_TIMEOUT_MS)
    else:
        _apply_view(window, getattr(args, "view", None), getattr(args, "query", None))
        window.show()
        code = app.exec()
    from .ui.workers import wait_for_all

    window.search_service.close()
    wait_for_all()
    return code


def load_corpus(workspace: Workspace, *, set_aside: bool = True) -> Corpus:
    """The knowledge base of *workspace*: the shipped documents and what the user imported.

    An unreadable user file is moved aside (``set_aside``) and named in ``corpus.problems``; the rest loads.
    """
    from .core.corpus import Corpus

    return Corpus.load_workspace(workspace, set_aside=set_aside)


def create_window(workspace: Workspace | None = None, corpus: Corpus | None = None, *,
                  start_background: bool = True, defer_tools: bool = False, ask: bool = False) -> MainWindow:
    """Build the main window for *workspace*, restored to where the user left off.

    Args:
        workspace: the user's data (``Workspace.from_environment()`` when None).
        corpus: the corpus to show (the workspace's knowledge base when None).
        start_background: load jieba and open the search index once the window is painted.
        defer_tools: install the tools of :data:`TOOLS` just after the first paint rather than now.
        ask: show a start-up problem (unusable data directory) in a message box too, once painted.
    """
    from .ui.main_window import MainWindow
    from .ui.settings import AppSettings
    from .workspace import Workspace

    workspace = workspace if workspace is not None else Workspace.from_environment()
    problems = _check_workspace(workspace)
    usable = not problems
    if usable:
        workspace.remove_stale_temporaries()
    if corpus is None:
        corpus = _load_or_shipped(workspace, problems, usable)
    problems += [f"{p}" for p in corpus.problems]
    notes, moved_aside = _open_notes(workspace, problems)
    window = MainWindow(workspace, corpus, notes, AppSettings.load(workspace.settings_path),
                        load_corpus=lambda: load_corpus(workspace))
    for name, title, factory in VIEWS:
        window.add_view(name, lambda factory=factory: factory(window), window.tr(title))
    _install_tools(window, defer_tools)
    window.state.restore()
    if moved_aside is not None:
        window.statusBar().showMessage(window.tr("笔记文件无法读取，已另存为 %1，现从空白开始").replace(
            "%1", str(moved_aside)), 15000)
    _report_problems(window, problems, ask)
    if not usable:
        window.search_service.disable(window.tr("数据目录不可用，无法建立检索索引"))
    _watch_session(window)
    if start_background:
        window.start_background_after_first_paint()
    return window


# ---- views and tools: factories that import their module when first used ------------------------
def _draft_view(window: MainWindow):
    """The 城市草稿 view: the draft editor, its autosave in the workspace, its draft shown in 落实情况."""
    from .ui.draft_editor import DraftEditor

    editor = DraftEditor(window.corpus, window, workspace=window.workspace)
    editor.draftChanged.connect(lambda: window.set_city_draft(editor.draft))
    window.add_saveable("draft", editor.keep_for_recovery)
    return editor


def _import_tools(window: MainWindow) -> None:
    """工具 → 导入文档… / 删除导入的文档… (the dialog itself is imported when first used)."""
    from .ui.import_actions import install

    install(window)


def _department_tools(window: MainWindow) -> None:
    """工具 → 部门名录… (the department registry of the task division)."""
    from .ui.departments_dialog import install

    install(window)


def _dictionary_tools(window: MainWindow) -> None:
    """工具 → 检索词典… (the search dictionary: the shipped equivalents and the user's own)."""
    from .ui.dictionary_dialog import install

    install(window)


# Views beside the window's own (阅读, 对照, 落实情况): name, title, factory(window) -> view.
VIEWS: tuple[tuple[str, str, Callable], ...] = (("draft", "城市草稿", _draft_view),)
# Functions that add tools to the window (menus and actions); run once the window is painted.
TOOLS: tuple[Callable, ...] = (_import_tools, _department_tools, _dictionary_tools)


def _install_tools(window: MainWindow, defer: bool) -> None:
    for install in TOOLS:
        if defer:
            window.after_first_paint(lambda install=install: install(window))
        else:
            install(window)


def _watch_session(window: MainWindow) -> None:
    """The desktop session ending asks as a close does; a quit without a close keeps unsaved work."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    app.commitDataRequest.connect(window.commit_session)
    app.aboutToQuit.connect(window.quit_without_asking)


# ---- an unusable data directory: the window still starts ----------------------------------------
def _check_workspace(workspace: Workspace) -> list[str]:
    from .workspace import WorkspaceError

    try:
        workspace.ensure()
    except WorkspaceError as exc:
        return [f"{exc}。本次只能阅读，笔记、设置、草稿的自动保存和导入都无法保存。"]
    return []


def _load_or_shipped(workspace: Workspace, problems: list[str], usable: bool) -> Corpus:
    """The workspace's knowledge base; if the user's documents cannot be read, the shipped ones alone."""
    from .core.corpus import Corpus
    from .core.errors import PolicyDeskError

    try:
        return load_corpus(workspace, set_aside=usable)
    except (PolicyDeskError, OSError) as exc:
        problems.append(f"导入的文件无法读取（{exc}），本次只显示内置文件。")
        return Corpus.load()


def _open_notes(workspace: Workspace, problems: list[str]):
    """The user's notes; an unreadable file that cannot even be moved aside leaves an empty store."""
    from .core.errors import PolicyDeskError
    from .core.notes import NotesStore
    from .workspace import os_reason

    try:
        return NotesStore.open(workspace.notes_path)
    except (PolicyDeskError, OSError) as exc:
        cause = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        problems.append(f"笔记文件 {workspace.notes_path} 无法读取（{cause}），本次不显示笔记。")
        return NotesStore(workspace.notes_path), None


def _report_problems(window: MainWindow, problems: list[str], ask: bool) -> None:
    if not problems:
        return
    message = "\n".join(problems)
    window.state.show_data_problem(message)
    print(f"policydesk: {message}", file=sys.stderr)
    if ask:
        from PySide6.QtWidgets import QMessageBox

        window.after_first_paint(lambda: QMessageBox.warning(window, window.tr("数据文件有问题"), message))


# ---- the application and the window options -----------------------------------------------------
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
        _use_chinese_qt_texts(app)
    return app


def _use_chinese_qt_texts(app) -> None:
    """Qt's own words (standard buttons 确定/取消, file dialogs) in Chinese, from the translations Qt ships."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def _use_chinese_font(app) -> None:
    """Put the first installed Chinese UI font before the platform's own; nothing changes if none is installed."""
    from PySide6.QtGui import QFontDatabase

    family = next((f for f in CHINESE_FONTS if QFontDatabase.hasFamily(f)), None)
    if family is None:
        return
    font = app.font()
    font.setFamilies([family, *font.families()])
    app.setFont(font)


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
