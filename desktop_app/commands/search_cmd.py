"""``search``: full-text search of every document from a terminal."""

from __future__ import annotations

import argparse

from ..core.errors import LookupFailed
from ..core.labels import KIND_LABELS, completeness_label
from .common import add_json_flag, print_json


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text!r}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search", help="全文检索所有文档的条款",
        description="全文检索。空格分隔的词须同时出现；OR 表示任一；-词 或 NOT 词 表示排除；"
                    "用引号括起的短语须连续出现。简称和等同说法（社保 ↔ 社会保险）、繁体字、复合词的组成部分"
                    "也能找到，排在原词命中之后；文件标题、文号（〔〕或﹝﹞）、日期和前言也可检索。",
    )
    p.add_argument("query", nargs="+",
                   help="检索词，如 异地就医、档案 OR 户籍、\"档案转递\"；排除某词写作 -词（如 -就业），"
                        "以 - 开头的英文词请写在 -- 之后")
    p.add_argument("--doc", help="只检索此文档（如 liaoning、central）")
    p.add_argument("--kind", choices=tuple(KIND_LABELS),
                   help="只检索此类文档：central 中央、provincial 省级、city 市级、other 其他")
    p.add_argument("--headings", action="store_true", help="只检索条款标题")
    p.add_argument("--limit", type=_positive_int, default=10, help="最多显示几条（默认 10）")
    p.add_argument("--no-synonyms", dest="synonyms", action="store_false",
                   help="不按检索词典扩展简称和等同说法（只找原词、繁简对应和复合词的组成部分）")
    add_json_flag(p)
    # Without the cyclic garbage collector (see cli.main): a search makes next to no cyclic garbage, and the
    # ≈ 30 collections its imports set off were ≈ 4 ms of a fresh process; even reading and indexing 5,556
    # changed documents peaked at the same memory without it (354 against 353 MiB, one run each).
    p.set_defaults(func=cmd_search, collect_garbage=False)


def cmd_search(args: argparse.Namespace) -> int:
    from ..search import SearchIndex

    args.query = " ".join(args.query)  # several words on the command line are one query
    # Opens without reading the documents when the index is up to date with their files.
    with SearchIndex.open_default() as index:
        if args.doc and not index.has_document(args.doc):  # a usage error (exit 2), not "no hits"
            raise LookupFailed(f"没有文档 {args.doc!r}；现有文档：{'、'.join(index.document_ids())}")
        results = index.search(args.query, doc=args.doc, kind=args.kind, headings_only=args.headings,
                               limit=args.limit, synonyms=args.synonyms)
    if args.json:
        print_json({"query": args.query, **results.to_dict()})
    else:
        _print_text(args, results)
    return 0 if results else 1


UNIT_LABELS = {"title": "文件标题、文号和日期", "preamble": "前言"}
VIA_LABELS = {"synonym": "同义", "parts": "拆词"}


def _print_text(args: argparse.Namespace, results) -> None:
    if not results:
        print(f"没有找到与“{args.query}”相符的条款。")
    for n, hit in enumerate(results, 1):
        where = UNIT_LABELS.get(hit.unit, f"{hit.num}{hit.heading}")
        print(f"{n}. 《{hit.title}》{where}  〔{KIND_LABELS.get(hit.kind, hit.kind)}；"
              f"{hit.doc}:{hit.id or hit.unit}；得分 {hit.score:.2f}〕")
        if hit.completeness != "full":
            print(f"   （知识库只有此条的{completeness_label(hit.completeness)}）")
        if hit.matched_via in VIA_LABELS:
            print(f"   （{VIA_LABELS[hit.matched_via]}：{'、'.join(hit.equivalents)}）")
        elif hit.matched_via == "traditional":
            print("   （繁简：按简体字形找到）")
        for fragment in hit.fragments:
            print(f"   …{fragment.marked()}…")
    if results.truncated:
        print(f"（结果已截断：只显示前 {args.limit} 条，可用 --limit 显示更多）")
    if results.suggestions:
        print(f"您是不是要找：{'　'.join(results.suggestions)}")
