"""``docs``, ``show``, ``links`` and ``coverage``: reading the corpus from a terminal."""

from __future__ import annotations

import argparse

from ..core.corpus import Corpus, UnitRef
from ..core.labels import division_text, kind_label
from ..core.model import Clause, Completeness, Document
from ..core.normalize import describe_changes
from ..core.serialize import coverage_dict, document_dict, link_dict, unit_dict
from . import coverage_cmd
from .common import add_json_flag, load_corpus, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="列出知识库中的文档",
                       description="列出知识库中的全部文档：随程序发布的和用户导入的，含层级、文号和条数。")
    add_json_flag(p)
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("show", help="显示文档全文或其中一条",
                       description="显示一个文档的全文，或其中一条（连同它的交叉链接）。")
    p.add_argument("doc", help="文档编号，如 liaoning、central")
    p.add_argument("clause", nargs="?", help="条款：（五）、(五)、5 或条款编号")
    add_json_flag(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("links", help="显示一条的交叉链接（落实的中央条款、落实它的条款）",
                       description="显示一条的交叉链接：它落实了哪些条款，又被哪些条款落实；"
                                   "--json 时 note 为链接自身的说明，target_note 为对方条款的注。")
    p.add_argument("doc", help="文档编号，如 liaoning")
    p.add_argument("clause", help="条款：（五）、(五)、5 或条款编号")
    add_json_flag(p)
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("coverage", help="中央意见各条的落实情况及缺口",
                       description="逐条列出一个文档（默认中央意见）被哪些下级条款落实，以及尚无人落实的缺口。")
    p.add_argument("--doc", default="central", help="要查看落实情况的文档（默认 central）")
    coverage_cmd.add_arguments(p)  # HOOK(compare): --by-city, --city, --draft, -o
    add_json_flag(p)
    p.set_defaults(func=cmd_coverage)


def cmd_docs(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    if args.json:
        print_json([document_dict(d) for d in corpus.documents])
        return 0
    for doc in corpus.documents:
        mark = "" if doc.is_complete else "  〔部分条款仅有标题或部分原文〕"
        print(f"{doc.id}\t{kind_label(doc.kind)}\t《{doc.title}》{mark}")
        meta = "，".join(x for x in (doc.issuer, doc.doc_number, doc.date, doc.published_in) if x)
        print(f"\t{meta}；{len(doc.parts)} 部分，{len(doc.clauses)} 条")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    doc = corpus.document(args.doc)
    if args.clause:
        ref = UnitRef(doc, corpus.resolve(doc.id, args.clause))
        if args.json:
            print_json(unit_dict(ref))
        else:
            print(format_unit(corpus, ref))
        return 0
    if args.json:
        print_json(document_dict(doc, with_parts=True))
    else:
        print(format_document(doc))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    ref = UnitRef(corpus.document(args.doc), corpus.resolve(args.doc, args.clause))
    outgoing = corpus.links_from(ref.doc.id, ref.unit.id)
    incoming = corpus.links_to(ref.doc.id, ref.unit.id)
    if args.json:
        print_json({
            **unit_dict(ref, with_text=False),
            "links": [link_dict(v, "carries-out") for v in outgoing]
            + [link_dict(v, "carried-out-by") for v in incoming],
        })
        return 0
    print(f"{ref.citation} {ref.label}")
    if not outgoing and not incoming:
        print("  （无交叉链接）")
    for view in outgoing:
        print(f"  → {view.relation.label} {view.other.citation} {view.other.label}{_mark(view.other)}")
        if view.link.note:
            print(f"      {view.link.note}")
    for view in incoming:
        print(f"  ← 被{view.relation.label} {view.other.citation} {view.other.label}{_mark(view.other)}")
        if view.link.note:
            print(f"      {view.link.note}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    if coverage_cmd.wanted(args):  # HOOK(compare)
        return coverage_cmd.cmd_coverage_by_city(args)
    corpus = load_corpus(args)
    rows = corpus.coverage(args.doc)
    if args.json:
        print_json([coverage_dict(r) for r in rows])
        return 0
    doc = corpus.document(args.doc)
    print(f"《{doc.title}》各条落实情况")
    for row in rows:
        who = "、".join(f"{r.doc.id}{r.unit.num}" for r in row.implemented_by)
        related = "、".join(f"{r.doc.id}{r.unit.num}" for r in row.related)
        status = f"落实：{who}" if who else "【缺口】尚无下级文件落实"
        if related:
            status += f"；相关：{related}"
        print(f"{row.target.label}{_mark(row.target)}\n    {status}")
    gaps = [r for r in rows if r.is_gap]
    print(f"共 {len(rows)} 项，缺口 {len(gaps)} 项：" + "、".join(r.target.label for r in gaps))
    return 0


def _mark(ref: UnitRef) -> str:
    c = ref.unit.completeness
    return "" if c is Completeness.FULL else f"〔{c.label}〕"


def format_unit(corpus: Corpus, ref: UnitRef) -> str:
    unit = ref.unit
    lines = [f"《{ref.doc.title}》"]
    if isinstance(unit, Clause):
        lines.append(unit.full_text())
        if unit.division is not None:
            lines.append(division_text(unit.division))
    else:
        lines.append(unit.full_text())
        lines.extend(c.full_text() for c in unit.clauses)
    if unit.completeness is not Completeness.FULL:
        lines.append(f"〔{unit.completeness.label}〕{unit.note}")
    elif unit.note:
        lines.append(f"〔注〕{unit.note}")
    for view in corpus.links_from(ref.doc.id, unit.id):
        lines.append(f"→ {view.relation.label} {view.other.citation} {view.other.label}")
    for view in corpus.links_to(ref.doc.id, unit.id):
        lines.append(f"← 被{view.relation.label} {view.other.citation} {view.other.label}")
    return "\n".join(lines)


def format_document(doc: Document) -> str:
    lines = [f"《{doc.title}》"]
    meta = "，".join(x for x in (doc.issuer, doc.doc_number, doc.date, doc.published_in) if x)
    if meta:
        lines.append(f"（{meta}）")
    if doc.notice is not None:
        lines.append(f"印发通知：{doc.notice.title}")
    lines.append("")
    lines.extend(doc.preamble)
    for part in doc.parts:
        if part.num:
            lines.append(part.full_text())
        for clause in part.clauses:
            lines.append(clause.full_text())
            if clause.completeness is not Completeness.FULL:
                lines.append(f"    〔{clause.completeness.label}〕{clause.note}")
            if clause.division is not None:
                lines.append("    " + division_text(clause.division))
    changes = describe_changes(doc.provenance.normalisation)
    lines.append("")
    lines.append(f"来源：{doc.provenance.source}")
    lines.extend(f"说明：{n}" for n in doc.provenance.notes)
    if changes:
        lines.append("标点规范化：" + "；".join(changes))
    return "\n".join(lines)
