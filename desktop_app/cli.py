"""The ``policydesk`` command: no arguments opens the window, subcommands work in a terminal.

Each group of subcommands lives in its own module under ``desktop_app.commands``
and exposes ``register(subparsers)``; a subcommand's handler takes the parsed
arguments and returns the exit code.  Exit codes: 0 success, 1 nothing found
or a file problem, 2 bad usage, a missing input file or an unknown document/clause.

The entry point builds the one :class:`~desktop_app.workspace.Workspace` from the environment and
hands it down as ``args.workspace`` (the window's start-up receives it the same way).
"""

from __future__ import annotations

from .core import _lean_dataclasses  # noqa: F401 - first: dataclasses without inspect (see the module)

# isort: split
import argparse
import gc
import importlib
import sys

from .app import add_window_options
from .commands.parser import USAGE_ERROR, ChineseArgumentParser
from .core.errors import LookupFailed, MissingInput, PolicyDeskError
from .workspace import Workspace, describe_os_error

_CORPUS, _IMPORT = "desktop_app.commands.corpus_cmds", "desktop_app.commands.import_cmd"
# Each subcommand and the module that registers it: running one imports only its own module
# (the draft command's python-docx, say, costs a search ~0.1 s).
COMMANDS = {
    "docs": _CORPUS, "show": _CORPUS, "links": _CORPUS, "coverage": _CORPUS,
    "selftest": "desktop_app.commands.selftest_cmd",
    "draft": "desktop_app.commands.draft_cmd",
    "departments": "desktop_app.commands.departments_cmd",
    "import": _IMPORT, "remove": _IMPORT,
    "search": "desktop_app.commands.search_cmd",
    "feedback": "desktop_app.commands.feedback_cmd", "explain": "desktop_app.commands.feedback_cmd",  # HOOK(consult)
    "compare": "desktop_app.commands.compare_cmd",  # HOOK(compare)
    "notes": "desktop_app.commands.notes_cmd",  # HOOK(compare)
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))
DESCRIPTION = ("政策起草助手 PolicyDesk：不带参数运行时打开桌面窗口；带子命令时在终端中查阅、检索、导入和导出。"
               "数据目录由环境变量 POLICYDESK_DATA_DIR 指定（默认在本机用户数据目录）。"
               "退出码：0 成功，1 未找到或文件有问题，2 参数错误或文件、条款不存在。")


def build_parser(commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; ``commands=False`` gives only the window options (no command module imported),
    ``only`` a parser knowing just that subcommand's module."""
    parser = ChineseArgumentParser(prog="policydesk", description=DESCRIPTION, add_help=commands)
    add_window_options(parser)  # app.py owns them; it never imports this module (no cycle)
    if not commands:
        return parser
    parser.command = only or ""
    sub = parser.add_subparsers(dest="command", metavar="子命令", title="子命令",
                                description="每个子命令的用法：policydesk 子命令 --help")
    for name in COMMAND_MODULES if only is None else (COMMANDS[only],):
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    workspace = Workspace.from_environment()
    window_args, rest = build_parser(commands=False).parse_known_args(argv)
    if not rest:
        window_args.workspace = workspace
        return _run_window(window_args)
    # Importing the command's modules allocates much and frees next to nothing: no collection meanwhile.  A
    # command that declares ``collect_garbage=False`` (search: short, next to no cyclic garbage) runs without.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # An argument error or --help ends here with SystemExit (2 or 0), as argparse does.
        args = build_parser(only=rest[0] if rest[0] in COMMANDS else None).parse_args(argv)
        args.workspace = workspace
        if collecting and getattr(args, "collect_garbage", True):
            gc.enable()
        if args.command is None:
            from .app import run_gui

            return run_gui(args)
        return run_command(args)
    finally:
        if collecting:
            gc.enable()


def _run_window(window_args: argparse.Namespace) -> int:
    # Opening the window: skip importing every command's module (python-docx alone costs ~0.1 s of start-up).
    # Start-up allocates much and frees next to nothing; the ~60 collections it set off cost ~20 ms before the
    # window appeared.  app.run_gui turns collection back on once the window is painted.
    gc.disable()
    try:
        from .app import run_gui

        return run_gui(window_args)
    finally:
        gc.enable()


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed subcommand: every failure becomes one Chinese line on stderr and an exit code."""
    try:
        args.workspace.remove_stale_temporaries()
        return int(args.func(args) or 0)
    except (LookupFailed, MissingInput) as exc:
        print(f"policydesk: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except PolicyDeskError as exc:
        print(f"policydesk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"policydesk: {describe_os_error(exc)}", file=sys.stderr)
        return 1


def _utf8_streams() -> None:
    # Windows consoles default to a legacy code page; Chinese output must not crash there.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
