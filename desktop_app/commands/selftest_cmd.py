"""``selftest``: headless checks that this build of PolicyDesk works, run inside whichever build it is.

Each check (``selftest_checks``) does the real thing a drafter relies on (load the
shipped corpus, look clauses up, build the index and search, export a draft and
the 对照表 and read them back, import the exported plan) in a temporary data
directory, so a user's real index, drafts and imported documents are never read
or written.  One line
per check; exit 0 when all pass, 1 naming the checks that failed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..workspace import Workspace
from .selftest_checks import CHECKS, Check, Context, SelfTestFailure


@dataclass(frozen=True)
class Outcome:
    title: str
    passed: bool
    detail: str
    seconds: float


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("selftest", help="自检：在临时目录中检查语料、检索、导出等功能是否正常（不碰用户数据）",
                       description="逐项检查本程序能否正常工作；全部通过时退出码为 0，否则为 1 并列出未通过的项目。")
    p.add_argument("--data-dir", metavar="DIR", help="用指定目录代替临时数据目录（默认用临时目录，用完删除）")
    p.add_argument("--keep", action="store_true", help="保留临时目录（索引、导出的文件）以便查看")
    p.add_argument("--verbose", action="store_true", help="未通过时打印完整的错误堆栈")
    p.set_defaults(func=cmd_selftest)


def cmd_selftest(args: argparse.Namespace) -> int:
    root = Path(tempfile.mkdtemp(prefix="policydesk-selftest-"))
    data = Path(args.data_dir) if args.data_dir else root / "data"
    ctx = Context(workspace=Workspace(data), out_dir=root / "export")
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        with _jieba_cache_in(ctx.workspace):
            outcomes = run_checks(ctx, CHECKS, verbose=args.verbose)
        print(font_note(), flush=True)
    finally:
        ctx.close()
        if args.keep:
            print(f"临时目录已保留：{root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return _summarise(outcomes, time.perf_counter() - started)


def run_checks(ctx: Context, checks: tuple[Check, ...], *, verbose: bool = False) -> list[Outcome]:
    """Run *checks* in order, printing one line each as it finishes."""
    outcomes = []
    for check in checks:
        t0 = time.perf_counter()
        try:
            detail, passed = check.run(ctx), True
        except Exception as exc:  # a self-test reports every failure, whatever its type
            detail, passed = _reason(exc), False
            if verbose:
                traceback.print_exc()
        outcome = Outcome(check.title, passed, detail, time.perf_counter() - t0)
        outcomes.append(outcome)
        mark = "PASS" if passed else "FAIL"
        print(f"[{mark}] {outcome.title}：{outcome.detail}（{outcome.seconds:.1f} 秒）", flush=True)
    return outcomes


def _summarise(outcomes: list[Outcome], seconds: float) -> int:
    failed = [o.title for o in outcomes if not o.passed]
    if failed:
        print(f"自检未通过：{len(failed)}/{len(outcomes)} 项失败（{'、'.join(failed)}），用时 {seconds:.1f} 秒",
              file=sys.stderr)
        return 1
    print(f"自检通过：{len(outcomes)} 项全部通过，用时 {seconds:.1f} 秒")
    return 0


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SelfTestFailure):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def _jieba_cache_in(workspace: Workspace) -> Iterator[None]:
    """jieba's model cache goes to the temporary workspace while the checks run (the environment is left alone)."""
    from ..core import segment

    segment.use_cache_dir(workspace.cache_dir)
    try:
        yield
    finally:
        segment.use_cache_dir(None)


# --- the official fonts: not a check (the build is fine without them), but drafters need to know ----------

OFFICIAL_FONTS = {  # the face names Word writes, and the English names a non-Chinese Windows lists them under
    "仿宋_GB2312": ("仿宋_gb2312", "fangsong_gb2312"),
    "楷体_GB2312": ("楷体_gb2312", "kaiti_gb2312"),
    "方正小标宋简体": ("方正小标宋简体", "方正小标宋_gbk", "fzxiaobiaosong"),
}


def font_note() -> str:
    names = installed_font_names()
    if names is None:
        return "[提示] 公文字体：无法检查本机已安装的字体"
    text = "\n".join(names).lower()
    missing = [face for face, aliases in OFFICIAL_FONTS.items() if not any(a in text for a in aliases)]
    if not missing:
        return f"[提示] 公文字体：本机已安装 {'、'.join(OFFICIAL_FONTS)}"
    return (f"[提示] 公文字体：本机未安装 {'、'.join(missing)}；导出的 Word 仍写明规范字体，"
            "在本机打开时用替代字体显示；正式印发前请在装有这些字体的电脑上核对")


def installed_font_names() -> list[str] | None:
    """Names of the fonts installed on this machine (Windows registry, or fontconfig), None if unknown."""
    if sys.platform == "win32":
        return _windows_fonts()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.splitlines() if result.returncode == 0 else None


def _windows_fonts() -> list[str]:
    import winreg  # type: ignore[import-not-found]

    names = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):  # per-user fonts since Windows 10 1809
        try:
            key = winreg.OpenKey(hive, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts")
        except OSError:
            continue
        with key:
            index = 0
            while True:
                try:
                    names.append(winreg.EnumValue(key, index)[0])
                except OSError:
                    break
                index += 1
    return names
