"""``search``: full-text search of every document from a terminal."""

from __future__ import annotations

import argparse

from ..core.errors import LookupFailed
from ..core.labels import completeness_label, kind_label
from ..core.model import Completeness, DocumentKind
from .common import add_json_flag, print_json

KIND_LABELS = {k.value: kind_label(k) for k in DocumentKind}


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
                    "用引号括起的短语须连续出现。",
    )
    p.add_argument("query", nargs="+",
                   help="检索词，如 异地就医、档案 OR 户籍、\"档案转递\"；排除某词写作 -词（如 -就业），"
                        "以 - 开头的英文词请写在 -- 之后")
    p.add_argument("--doc", help="只检索此文档（如 liaoning、central）")
    p.add_argument("--kind", choices=tuple(KIND_LABELS),
                   help="只检索此类文档：central 中央、provincial 省级、city 市级、other 其他")
    p.add_argument("--headings", action="store_true", help="只检索条款标题")
    p.add_argument("--limit", type=_positive_int, default=10, help="最多显示几条（默认 10）")
    add_json_flag(p)
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from ..search import SearchIndex

    args.query = " ".join(args.query)  # several words on the command line are one query
    # Opens without reading the documents when the index is up to date with their files.
    with SearchIndex.open_default() as index:
        if args.doc and not index.has_document(args.doc):  # a usage error (exit 2), not "no hits"
            raise LookupFailed(f"没有文档 {args.doc!r}；现有文档：{'、'.join(index.document_ids())}")
        hits = index.search(args.query, doc=args.doc, kind=args.kind, headings_only=args.headings,
                            limit=args.limit)
    if args.json:
        print_json({"query": args.query, "hits": [h.to_dict() for h in hits]})
    elif not hits:
        print(f"没有找到与“{args.query}”相符的条款。")
    else:
        for n, hit in enumerate(hits, 1):
            print(f"{n}. 《{hit.title}》{hit.num}{hit.heading}  〔{KIND_LABELS.get(hit.kind, hit.kind)}；"
                  f"{hit.doc}:{hit.id}；得分 {hit.score:.2f}〕")
            completeness = Completeness(hit.completeness)
            if completeness is not Completeness.FULL:
                print(f"   （知识库只有此条的{completeness_label(completeness)}）")
            for fragment in hit.fragments:
                print(f"   …{fragment.marked()}…")
    return 0 if hits else 1
