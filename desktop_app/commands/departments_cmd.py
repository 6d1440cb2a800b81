"""``departments``: list a city's departments from the registry (the drafter's edited copy when there is one)."""

from __future__ import annotations

import argparse
import sys

from ..core.errors import LookupFailed
from ..drafting.departments import DEFAULT_PLAN_DATE, Department, load_registry
from ..drafting.package import TO_CHECK, parse_date
from ..workspace import Workspace
from .common import add_json_flag, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("departments", help="列出某市部门名录（分工用简称、有效期、来源；未核实的标“待核”）",
                       description="列出部门名录：全称、分工中使用的简称、有效期和来源。"
                                   "状态为“待核”的名称是按通行命名推定的默认值，使用前请核实。")
    p.add_argument("--city", required=True, help="城市，如 鞍山市")
    p.add_argument("--date", metavar="2020-07-01",
                   help=f"只列该日期有效的部门（默认 {DEFAULT_PLAN_DATE}；--all 列出全部）")
    p.add_argument("--all", action="store_true", help="列出所有时期的部门")
    add_json_flag(p)
    p.set_defaults(func=cmd_departments)


def _row(d: Department) -> dict:
    return {"name": d.name, "short": d.short, "duties": list(d.keys), "valid_from": d.valid_from,
            "valid_to": d.valid_to, "verified": d.verified, "source": d.source}


def cmd_departments(args: argparse.Namespace) -> int:
    try:
        day = parse_date(args.date) if args.date else DEFAULT_PLAN_DATE
    except ValueError as exc:
        print(f"policydesk departments: {exc}", file=sys.stderr)
        return 2
    registry = load_registry(getattr(args, "workspace", None) or Workspace.from_environment())
    city = args.city.strip()
    if city not in registry.cities():
        short = city + "市"
        if short not in registry.cities():
            raise LookupFailed(f"部门名录中没有“{args.city}”；可选：{'、'.join(registry.cities())}")
        city = short
    entries = registry.of_city(city, None if args.all else day)
    if args.json:
        print_json({"city": city, "date": None if args.all else day, "departments": [_row(d) for d in entries]})
        return 0
    print(f"{city}部门名录（{'所有时期' if args.all else day + ' 有效'}，共 {len(entries)} 个）")
    for d in entries:
        period = f"{d.valid_from or '…'}～{d.valid_to or '今'}"
        state = "已核实" if d.verified else TO_CHECK
        print(f"{d.short}\t{d.name}\t{period}\t{state}\t{d.source}")
    return 0
