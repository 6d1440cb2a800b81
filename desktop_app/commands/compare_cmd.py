"""``compare``: two clauses word by word, the changes in obligation wording and the verdict."""

from __future__ import annotations

import argparse

from ..core.comparing import comparison_dict, resolve_side
from ..core.verdict import ChangeKind, ClauseComparison, judge
from .common import add_json_flag, draft_of, load_corpus, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="逐词对照两条条款，判断措辞宽严（B 相对 A）",
                       description="对照 A、B 两条：相似度、逐词差异、约束性措辞的变化和宽严判断（B 相对 A）。")
    p.add_argument("a", metavar="A", help="条款 A，如 central:（四）；draft:（五）为 --draft 草稿中的条款")
    p.add_argument("b", metavar="B", help="条款 B，如 liaoning:（五）")
    p.add_argument("--draft", metavar="DRAFT.json", help="draft:… 所指的草稿文件")
    p.add_argument("-o", "--output", metavar="COMPARE.docx", help="导出两栏对照表（标出差异）")
    p.add_argument("--force", action="store_true", help="对照表文件已存在时覆盖")
    add_json_flag(p)
    p.set_defaults(func=cmd_compare)


def cmd_compare(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    draft = draft_of(args)
    result = judge(resolve_side(corpus, args.a, draft), resolve_side(corpus, args.b, draft))
    if args.output:
        from ..export.compare_table import export_comparison

        # a refusal or a disk problem: one line and exit 1 (cli.run_command)
        export_comparison(result, args.output, overwrite=args.force)
    if args.json:
        print_json(comparison_dict(result))
    else:
        print(format_comparison(result))
        if args.output:
            print(f"已导出对照表：{args.output}")
    return 0


def format_comparison(cc: ClauseComparison) -> str:
    """Readable text: both clauses named, the diff with 〔删：…〕〔增：…〕, then the wording changes and verdict."""
    marks = {"equal": "{}", "delete": "〔删：{}〕", "insert": "〔增：{}〕"}
    lines = [f"A：{cc.base.citation or cc.base.name}（{cc.base.name}）",
             f"B：{cc.other.citation or cc.other.name}（{cc.other.name}）",
             f"相似度：{round(cc.similarity * 100)}%",
             "差异（A → B）：" + "".join(marks[op].format(text) for op, text in cc.comparison.diff)]
    lines += [f"  · {line}" for line in cc.summary_lines()]
    lines += [f"    {c.description}" for c in cc.changes if c.kind in (ChangeKind.OMITTED, ChangeKind.ADDED)]
    return "\n".join(lines)
