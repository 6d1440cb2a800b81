"""``import`` and ``remove``: bring a document into the knowledge base, or take an imported one out.

Without ``--yes`` nothing is saved: the command shows what it found (metadata,
structure, suggested links) so the user can check it first.  With ``--yes``
the document and its suggested links scoring at least ``ACCEPT_THRESHOLD``
(see desktop_app/linking/suggest.py) are saved.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import PolicyDeskError
from ..core.labels import division_text, kind_label, notice_text
from ..core.model import Document, DocumentKind
from ..core.normalize import describe_changes
from ..core.serialize import document_dict
from ..importing import ImportPlan, NoStructureError, commit_import, prepare_import, remove_document
from ..importing.plan import update_search_index
from ..linking import ACCEPT_THRESHOLD
from ..workspace import describe_os_error
from .common import add_json_flag, load_corpus, print_json, workspace_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="导入文档（.txt .docx .html .xml），识别结构并建议交叉链接；加 --yes 才保存",
                       description="读取一个文件，识别文号、标题和条款结构，建议与已有条款的交叉链接。"
                                   "不加 --yes 时只显示识别结果，不保存任何东西。")
    p.add_argument("file", help="要导入的文件")
    p.add_argument("--as", dest="kind", choices=[k.value for k in DocumentKind],
                   help="文档层级（默认按发文机关和标题推断）")
    p.add_argument("--id", dest="doc_id", help="文档编号（英文字母开头，默认取文件名）")
    p.add_argument("--yes", action="store_true",
                   help=f"保存文档及得分不低于 {ACCEPT_THRESHOLD} 的建议链接（不加则只显示，不保存）")
    p.add_argument("--encoding", help="文本编码（无法自动判断时指定，如 gb18030、big5）")
    p.add_argument("--paragraphs", action="store_true", help="没有条款编号时，按段落导入（每段一条）")
    p.add_argument("--overwrite", action="store_true", help="导入中央文件全文时，允许改写已有全文但文字不同的条款")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="知识库中已有内容相同的文档时仍另存一份（不加则拒绝重复导入）")
    add_json_flag(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("remove", help="删除导入的文档及其链接",
                       description="删除一个导入的文档及所有指向它或由它发出的链接；随程序发布的文档不能删除。")
    p.add_argument("doc", help="文档编号")
    add_json_flag(p)
    p.set_defaults(func=cmd_remove)


def cmd_import(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    corpus = load_corpus(args)
    try:
        plan = prepare_import(corpus, args.file, kind=DocumentKind(args.kind) if args.kind else None,
                              doc_id=args.doc_id, encoding=args.encoding, by_paragraph=args.paragraphs,
                              overwrite=args.overwrite)
    except NoStructureError as exc:
        raise NoStructureError(exc.path, exc.problem + "（加 --paragraphs）") from None
    saved = None
    if args.yes:
        saved = commit_import(plan, workspace=workspace, allow_duplicate=args.allow_duplicate, update_index=False)
        _update_index(workspace, plan.document)
    if args.json:
        print_json(plan_dict(plan, saved is not None))
    else:
        print_plan(plan)
        _print_outcome(plan, saved)
    return 0


def _update_index(workspace, saved=None) -> None:
    """The save stands whatever happens here: a failed index update is a warning, not a failure."""
    try:
        update_search_index(workspace=workspace, saved=saved)
    except (OSError, PolicyDeskError) as exc:
        detail = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        print(f"policydesk: 注意：已保存，但检索索引未能更新（{detail}）；下次检索时会自动补上。", file=sys.stderr)


def _print_outcome(plan: ImportPlan, saved: Path | None) -> None:
    if saved is not None:
        count = len(plan.default_links())
        print(f"\n已保存到 {saved}，含 {count} 条链接。删除：policydesk remove {plan.document.id}")
        return
    if plan.duplicate_of:
        print(f"\n注意：知识库中的 {plan.duplicate_of} 与此文件内容相同；确需另存一份时加 --allow-duplicate。")
    print(f"\n未保存。确认无误后加 --yes 保存（连同得分不低于 {ACCEPT_THRESHOLD} 的建议链接）。")


def cmd_remove(args: argparse.Namespace) -> int:
    result = remove_document(args.doc, workspace=workspace_of(args), update_index=False)
    if result.file_removed:
        _update_index(workspace_of(args))
    if args.json:
        print_json({"removed": result.doc_id, "links_removed": result.links_removed,
                    "restored_builtin": result.restored_builtin})
    else:
        extra = "，已恢复内置版本" if result.restored_builtin else ""
        if not result.file_removed:
            extra = f"（文档文件此前因无法读取已移到 {workspace_of(args).set_aside_dir}）"
        print(f"已删除 {result.doc_id} 及 {result.links_removed} 条链接{extra}。")
    return 0


def plan_dict(plan: ImportPlan, saved: bool) -> dict:
    """The detected document with each clause's suggested links, best first."""
    doc = plan.document
    out = document_dict(doc, with_parts=True)
    by_unit = {s.unit_id: s for s in plan.suggestions}
    accepted = {(lk.source_id, lk.target_doc, lk.target_id) for lk in plan.default_links()}
    for part in out["parts"]:
        for unit in [part, *part["clauses"]]:
            if unit["id"] in by_unit:
                unit["suggestions"] = [
                    {"doc": s.doc, "id": s.id, "num": s.num, "heading": s.heading, "score": s.score,
                     "reason": s.reason, "accepted": (unit["id"], s.doc, s.id) in accepted}
                    for s in by_unit[unit["id"]].suggestions
                ]
    out["source"] = {"file": str(plan.imported.path), "format": plan.imported.format,
                     "encoding": plan.imported.encoding, "header_lines": list(plan.imported.header.taken),
                     "by_paragraph": plan.imported.by_paragraph}
    out["accept_threshold"] = ACCEPT_THRESHOLD
    out["duplicate_of"] = plan.duplicate_of
    if plan.completion is not None:
        out["completion"] = {"filled": list(plan.completion.filled), "unmatched": list(plan.completion.unmatched),
                             "conflicts": [{"id": c.clause_id, "num": c.num, "current": c.current,
                                            "imported": c.imported} for c in plan.completion.conflicts]}
    out["saved"] = saved
    return out


def print_plan(plan: ImportPlan) -> None:
    doc = plan.document
    src = plan.imported
    print(f"文件：{src.path}（{src.format}{'，' + src.encoding if src.encoding else ''}）")
    _print_metadata(doc)
    for line in describe_changes(doc.provenance.normalisation):
        print(f"  标点规范：{line}")
    for note in doc.provenance.notes:
        print(f"  注意：{note}")
    if plan.completion is not None:
        _print_completion(plan)
        return
    by_unit = {s.unit_id: s for s in plan.suggestions}
    for part in doc.parts:
        if part.num or part.heading:
            print(f"\n{part.num}{part.heading}")
        for unit in (part.clauses or ((part,) if part.num else ())):
            if unit is not part:
                print(f"  {unit.num}{unit.heading}")
                if unit.division is not None:
                    print(f"      {division_text(unit.division)}")
            found = by_unit.get(unit.id)
            for s in found.suggestions[:4] if found else ():
                mark = "✓" if s in found.accepted() else " "
                print(f"      {mark} {s.score:.2f}  {s.doc} {s.num}{s.heading}")


def _print_metadata(doc: Document) -> None:
    print(f"编号：{doc.id}    层级：{kind_label(doc.kind)}（{doc.kind.value}）")
    print(f"标题：{doc.title}")
    unknown = "（未识别）"
    print(f"发文机关：{doc.issuer or unknown}    文号：{doc.doc_number or unknown}    日期：{doc.date or unknown}")
    print(f"结构：{len(doc.parts)} 部分，{len(doc.clauses)} 条")
    if doc.notice is not None:
        print(notice_text(doc.notice))


def _print_completion(plan: ImportPlan) -> None:
    c = plan.completion
    nums = [u.num for u in plan.document.clauses if u.id in c.filled]
    print(f"\n这是内置文档 {plan.document.id} 的全文：将补全 {len(nums)} 条：{'、'.join(nums) or '（无）'}")
    if c.unmatched:
        print(f"  导入文本中找不到（编号和标题都相同的）条款：{'、'.join(c.unmatched)}，保持原样")
    for conflict in c.conflicts:
        action = "将改用导入文本（--overwrite）" if c.overwrite else "保持原文（加 --overwrite 改用导入文本）"
        print(f"  {conflict.num} 已有全文，与导入文本不同：{action}")
