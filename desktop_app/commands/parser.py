"""An ``argparse`` parser that speaks Chinese: help, usage and every argument error.

argparse writes its own words (``usage:``, ``options:``, ``the following arguments are required``) in
English.  Rather than patch argparse's private gettext hook, :class:`ChineseArgumentParser` translates
what it prints: section headings in the help, and the error message by pattern.  A message no
pattern knows is still shown, behind a Chinese lead-in, so a future Python's new wording cannot
turn into an untranslated traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

HELP_TEXT = "显示本帮助并退出"
USAGE_ERROR = 2

_HEADINGS = (
    (re.compile(r"^usage: ", re.MULTILINE), "用法："),
    (re.compile(r"^(?:positional arguments|位置参数):$", re.MULTILINE), "参数："),
    (re.compile(r"^(?:options|optional arguments):$", re.MULTILINE), "选项："),
    # argparse ends every group title with ":" (窗口选项:, 子命令:); a Chinese title takes the full-width colon.
    (re.compile(r"^([^\x00-\x7f][^\s:：]*):$", re.MULTILINE), r"\1："),
)

_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)", "参数 {0} 的值 {1} 无效，可选：{2}"),
    (r"argument (.+?): invalid (\w+) value: (.+)", "参数 {0} 的值 {2} 无效"),
    (r"argument (.+?): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (.+?): expected at least one argument", "参数 {0} 后面至少需要一个值"),
    (r"argument (.+?): expected at most one argument", "参数 {0} 后面至多一个值"),
    (r"argument (.+?): not allowed with argument (.+)", "参数 {0} 不能与 {1} 同时使用"),
    (r"argument (.+?): ignored explicit argument (.+)", "参数 {0} 不接受值 {1}"),
    (r"ambiguous option: (.+?) could match (.+)", "选项 {0} 不明确，可能是：{1}"),
    (r"one of the arguments (.+) is required", "须给出以下参数之一：{0}"),
    (r"argument (.+?): (.+)", "参数 {0}：{1}"),
)


def translate_error(message: str) -> str:
    """argparse's English error message in Chinese (unknown wording keeps its English, labelled)."""
    for pattern, template in _ERRORS:
        m = re.fullmatch(pattern, message, re.DOTALL)
        if m:
            return template.format(*m.groups())
    return f"参数错误（{message}）"


def translate_help(text: str) -> str:
    for pattern, replacement in _HEADINGS:
        text = pattern.sub(replacement, text)
    return text


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Chinese; subparsers are of the same class."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        super().__init__(*args, add_help=False, **kwargs)
        self.command = ""  # the subcommand being parsed, when known before parsing (for hints)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_TEXT)

    def format_usage(self) -> str:
        return translate_help(super().format_usage())

    def format_help(self) -> str:
        return translate_help(super().format_help())

    def _parse_optional(self, arg_string: str):
        # "-就业" cannot be an option (every option is ASCII): it is a search exclusion, so a positional.
        if len(arg_string) > 1 and arg_string[0] == "-" and not arg_string[1].isascii():
            return None
        return super()._parse_optional(arg_string)

    def error(self, message: str) -> NoReturn:
        text = translate_error(message)
        hint = self.hint(message)
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}：{text}{hint}\n（查看说明：{self.prog} --help）\n")

    def hint(self, message: str) -> str:
        """Advice for an error a user is likely to make with this command."""
        command = self.prog.split()[-1] if " " in self.prog else getattr(self, "command", "")
        if command == "search" and message.startswith("unrecognized arguments: -"):
            return ("。检索词以“-”开头（排除该词）时，请写在 -- 之后，"
                    "如 policydesk search -- -就业 档案，或把整个检索式放在引号中")
        return ""
