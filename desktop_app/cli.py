"""The ``policydesk`` command: no arguments opens the window, subcommands work in a terminal.

Each group of subcommands lives in its own module under ``desktop_app.commands``
and exposes ``register(subparsers)``; a subcommand's handler takes the parsed
arguments and returns the exit code.  Exit codes: 0 success, 1 nothing found
or a file problem, 2 bad usage or an unknown document/clause.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from .app import add_window_options
from .core.errors import LookupFailed, PolicyDeskError

_CORPUS, _IMPORT = "desktop_app.commands.corpus_cmds", "desktop_app.commands.import_cmd"
# Each subcommand and the module that registers it: running one imports only its own module
# (the draft command's python-docx, say, costs a search ~0.1 s).
COMMANDS = {
    "docs": _CORPUS, "show": _CORPUS, "links": _CORPUS, "coverage": _CORPUS,
    "selftest": "desktop_app.commands.selftest_cmd",
    "draft": "desktop_app.commands.draft_cmd",
    "import": _IMPORT, "remove": _IMPORT,
    "search": "desktop_app.commands.search_cmd",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def build_parser(commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; ``commands=False`` gives only the window options (no command module imported),
    ``only`` a parser knowing just that subcommand's module."""
    parser = argparse.ArgumentParser(
        prog="policydesk",
        description="政策起草助手 PolicyDesk：不带参数运行时打开桌面窗口。",
        add_help=commands,
    )
    add_window_options(parser)  # app.py owns them; it never imports this module (no cycle)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else (COMMANDS[only],):
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    window_args, rest = build_parser(commands=False).parse_known_args(argv)
    if not rest:
        # Opening the window: skip importing every command's module (python-docx alone costs ~0.1 s of start-up).
        # Start-up allocates much and frees next to nothing; the ~60 collections it set off cost ~20 ms before the
        # window appeared.  app.run_gui turns collection back on once the window is painted.
        gc.disable()
        try:
            from .app import run_gui

            return run_gui(window_args)
        finally:
            gc.enable()
    parser = build_parser(only=rest[0] if rest[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        from .app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except LookupFailed as exc:
        print(f"policydesk: {exc}", file=sys.stderr)
        return 2
    except PolicyDeskError as exc:
        print(f"policydesk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _utf8_streams() -> None:
    # Windows consoles default to a legacy code page; Chinese output must not crash there.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
