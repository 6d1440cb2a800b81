"""The ``draft`` command's options for the issued document: task division, issuers, dates, 文号, 版记."""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..drafting.package import COLUMNS as COLUMN_KEYS
from ..drafting.package import (
    INLINE_FORMS,
    DivisionMode,
    DocumentPackage,
    columns_text,
    parse_columns,
    parse_date,
)


def add_package_options(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("分工与发文要素（保存在草稿文件中；未给出的要素在文中写作【请补充】）")
    group.add_argument("--division", choices=DivisionMode.ALL,
                       help="分工写法：inline 条款后括注，annex 附件分工表（默认），both 两者都有，none 不列")
    group.add_argument("--inline-form", choices=tuple(INLINE_FORMS),
                       help="括注的形式：lead “（甲牵头，乙、丙按职责分工负责）”（默认），joint “（甲、乙负责）”，"
                            "first-listed “（甲、乙等负责，列第一位者为牵头单位，下同）”，"
                            "lines 条款下另起“牵头单位：”“责任单位：”")
    group.add_argument("--columns", metavar="列,列=新名",
                       help=f"分工表的列及顺序，可改名（如 牵头单位=牵头部门）；默认 {columns_text_default()}")
    group.add_argument("--issuer", action="append", metavar="机关",
                       help="发文机关署名；联合发文时重复给出，主办机关在前")
    group.add_argument("--date", metavar="2020-07-15", help="成文日期（部门名称也按此日期取用）")
    group.add_argument("--doc-number", metavar="文号", help="发文字号，如 鞍政办发〔2020〕12号")
    group.add_argument("--cc", action="append", metavar="机关", help="抄送机关；可重复，或用顿号、逗号分隔")
    group.add_argument("--printer", metavar="机关", help="印发机关（版记）")
    group.add_argument("--print-date", metavar="2020-07-16", help="印发日期（版记）")
    group.add_argument("--addressee", metavar="主送", help="印发通知的主送机关（默认按发文机关取通常写法）")
    group.add_argument("--notice", action=argparse.BooleanOptionalAction, default=None,
                       help="以“关于印发《……》的通知”包装方案")
    group.add_argument("--public", action=argparse.BooleanOptionalAction, default=None,
                       help="在成文日期下加附注“（此件公开发布）”")


def columns_text_default() -> str:
    return ",".join(COLUMN_KEYS)


def _names(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(x.strip() for x in value.replace("，", "、").replace(",", "、").split("、") if x.strip())
    return tuple(out)


def package_from_args(base: DocumentPackage, args: argparse.Namespace) -> DocumentPackage:
    """*base* with every option the user gave put in.

    Raises:
        PackageError: a bad date or column list (the message says which and how to write it).
    """
    changes: dict = {}
    for name in ("division", "inline_form", "doc_number", "printer", "addressee", "notice", "public"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value.strip() if isinstance(value, str) else value
    if getattr(args, "issuer", None):
        changes["issuers"] = tuple(i.strip() for i in args.issuer if i.strip())
    if getattr(args, "cc", None):
        changes["cc"] = _names(args.cc)
    if getattr(args, "date", None) is not None:
        changes["date"] = parse_date(args.date)
    if getattr(args, "print_date", None) is not None:
        changes["print_date"] = parse_date(args.print_date)
    if getattr(args, "columns", None) is not None:
        changes["columns"] = parse_columns(args.columns)
    return replace(base, **changes)


__all__ = ["add_package_options", "columns_text", "package_from_args"]
