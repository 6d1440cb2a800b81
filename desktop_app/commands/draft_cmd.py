"""``draft``: build a city's draft plan and export it as Word files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import LookupFailed
from ..drafting import Draft, build_draft, load_draft
from ..drafting.departments import load_registry
from ..drafting.division import set_package_following
from ..drafting.package import DIVISION_LABELS, DocumentPackage
from ..drafting.store import draft_to_json
from ..export.safety import check_target, write_all
from ..workspace import Workspace
from .common import load_corpus
from .package_args import add_package_options, package_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="生成某市实施方案草稿并导出 Word（公文格式、逐条批注依据）",
                       description="从省实施措施生成市级实施方案草稿，导出为公文格式的 .docx，可附对照表。"
                                   "几个文件要么全部写成，要么一个也不改；已有文件不会被覆盖，除非加 --force。")
    p.add_argument("--city", help="城市，如 沈阳市（用 --from 时可省略）")
    p.add_argument("-o", "--output", metavar="PLAN.docx", help="导出的方案 .docx")
    p.add_argument("--track-changes", action="store_true", help="以修订（w:ins/w:del）标出相对省实施措施的改动")
    p.add_argument("--table", metavar="TABLE.docx", help="同时导出三栏对照表（横向）")
    p.add_argument("--from", dest="source", metavar="DRAFT.json", help="从已保存的草稿文件导出，而不是重新生成")
    p.add_argument("--save", metavar="DRAFT.json", help="把草稿保存为文件，以便在窗口中继续编辑")
    p.add_argument("--force", action="store_true", help="方案、对照表或草稿文件已存在时覆盖（不加则不动已有文件）")
    add_package_options(p)
    p.set_defaults(func=cmd_draft)


def cmd_draft(args: argparse.Namespace) -> int:
    if not (args.output or args.table or args.save):
        print("policydesk draft: 请至少给出 -o、--table 或 --save 之一", file=sys.stderr)
        return 2
    targets = [Path(t) for t in (args.output, args.table, args.save) if t]
    if len({t.resolve() for t in targets}) < len(targets):
        print("policydesk draft: -o、--table、--save 不能是同一个文件", file=sys.stderr)
        return 2
    for target in targets:  # refuse before the work of rendering
        check_target(target, args.force)
    corpus = load_corpus(args)
    draft = _draft(corpus, args)
    write_all(_rendered(draft, corpus, args), args.force)  # all or none
    if args.save:
        print(f"已保存草稿：{args.save}")
    if args.output:
        mode = "，修订模式" if args.track_changes else ""
        print(f"已导出方案：{args.output}（{_summary(draft)}{mode}）")
    if args.table:
        print(f"已导出对照表：{args.table}")
    return 0


def _rendered(draft: Draft, corpus, args: argparse.Namespace) -> list[tuple[Path, bytes]]:
    from ..export.docx_writer import render_draft, to_bytes
    from ..export.table import render_table

    files = []
    if args.save:
        files.append((Path(args.save), draft_to_json(draft).encode("utf-8")))
    if args.output:
        files.append((Path(args.output), to_bytes(render_draft(draft, corpus, args.track_changes))))
    if args.table:
        files.append((Path(args.table), to_bytes(render_table(draft, corpus))))
    return files


def _draft(corpus, args: argparse.Namespace) -> Draft:
    if args.source:
        draft = load_draft(args.source)
        if args.city and corpus.city(args.city).name != draft.city:
            raise LookupFailed(f"草稿 {args.source} 是{draft.city}的，与 --city {args.city} 不符")
        return set_package_following(draft, package_from_args(draft.package, args), _registry(args))
    if not args.city:
        names = "、".join(c.name for c in corpus.cities)
        raise LookupFailed(f"请用 --city 指定城市；可选：{names}")
    package = package_from_args(DocumentPackage(), args)
    return build_draft(corpus, args.city, registry=_registry(args), package=package)


def _registry(args: argparse.Namespace):
    """The workspace's department registry (the entry point's Workspace when it hands one down)."""
    return load_registry(getattr(args, "workspace", None) or Workspace.from_environment())


def _summary(draft: Draft) -> str:
    numbered = draft.numbered()
    clauses = [nc.clause for np in numbered for nc in np.clauses]
    flags = sum(len(c.open_flags) for c in clauses)
    todo = sum(c.to_complete for c in clauses) + sum(np.part.to_complete and not np.clauses for np in numbered)
    division = DIVISION_LABELS[draft.package.division]
    return (f"{len(numbered)} 部分 {len(clauses)} 条，批注 {len(clauses)} 条，待处理提示 {flags} 条，待起草 {todo} 处，"
            f"分工：{division}")
