"""``feedback`` (征求意见: form, import, list, decide, table, version) and ``explain`` (起草说明).

An export that is refused (the file exists, is open in Word) or fails is a ``PolicyDeskError``:
``cli.run_command`` prints its one line and exits 1, as for every other command.
"""

from __future__ import annotations

import argparse
import sys

from ..drafting import load_draft, save_draft
from ..feedback.adoption import export_adoption, totals_line
from ..feedback.decide import conflicts, decide
from ..feedback.explain import export_explanation
from ..feedback.form import export_form
from ..feedback.importer import ImportResult, import_returned, parse_source
from ..feedback.items import STATUS_LABELS, Status
from ..feedback.versions import CURRENT, compare_versions, export_changes, save_version
from ..feedback.views import items_json, place
from .common import add_json_flag, load_corpus, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feedback", help="征求意见：反馈表、导入各单位返回的 Word 文件、逐条决定、意见采纳情况表、版本",
                       description="征求意见的往返：发出反馈表，读回各单位的批注、修订和反馈表，逐条决定，导出意见采纳情况表。")
    fsub = p.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    _form(fsub)
    _import(fsub)
    _list(fsub)
    _decide(fsub)
    _table(fsub)
    _version(fsub)
    e = sub.add_parser("explain", help="生成起草说明（公文格式 Word）",
                       description="根据草稿、版本和征求意见情况生成起草说明；无法从数据得出的内容标为【请补充】。")
    _draft_arg(e)
    _output_args(e, "起草说明.docx")
    e.set_defaults(func=cmd_explain)


def _draft_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--draft", required=True, metavar="DRAFT.json", help="草稿文件")


def _output_args(p: argparse.ArgumentParser, example: str) -> None:
    p.add_argument("-o", "--output", required=True, metavar=example, help="导出的 .docx")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")


def _form(fsub) -> None:
    p = fsub.add_parser("form", help="为一个单位生成征求意见反馈表（条款 | 修改意见 | 理由）")
    _draft_arg(p)
    p.add_argument("--unit", required=True, help="反馈单位，如 鞍山市公安局")
    _output_args(p, "反馈表.docx")
    p.set_defaults(func=cmd_form)


def _import(fsub) -> None:
    p = fsub.add_parser("import", help="读回各单位返回的 .docx（批注、修订、反馈表），存入草稿文件")
    p.add_argument("files", nargs="+", metavar="FILE[=UNIT]", help="返回的 .docx；=UNIT 指定反馈单位")
    _draft_arg(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_import)


def _list(fsub) -> None:
    p = fsub.add_parser("list", help="列出草稿中的意见")
    _draft_arg(p)
    p.add_argument("--status", choices=[s.value for s in Status], help="只列出此状态的意见")
    add_json_flag(p)
    p.set_defaults(func=cmd_list)


def _decide(fsub) -> None:
    p = fsub.add_parser("decide", help="对一条意见作出决定（采纳的修订会改入条文）")
    p.add_argument("id", help="意见编号（可只写开头几位）")
    p.add_argument("--status", required=True, choices=[s.value for s in Status],
                   help="adopted 采纳 / partly 部分采纳 / rejected 不采纳 / pending 待定")
    p.add_argument("--reason", help="处理情况及理由")
    p.add_argument("--no-apply", action="store_true", help="只记录决定，不把采纳的修订改入条文")
    _draft_arg(p)
    p.set_defaults(func=cmd_decide)


def _table(fsub) -> None:
    p = fsub.add_parser("table", help="导出意见采纳情况表（横向）")
    _draft_arg(p)
    _output_args(p, "意见采纳情况表.docx")
    p.set_defaults(func=cmd_table)


def _version(fsub) -> None:
    p = fsub.add_parser("version", help="命名版本：保存、列出、比较（导出带修订的 Word）")
    vsub = p.add_subparsers(dest="version_command", metavar="ACTION", required=True)
    s = vsub.add_parser("save", help="把当前稿保存为命名版本，如 征求意见稿")
    s.add_argument("name")
    _draft_arg(s)
    s.set_defaults(func=cmd_version_save)
    li = vsub.add_parser("list", help="列出已保存的版本")
    _draft_arg(li)
    add_json_flag(li)
    li.set_defaults(func=cmd_version_list)
    c = vsub.add_parser("compare", help=f"比较两个版本（“{CURRENT}”为当前稿）；加 -o 导出带修订的 Word")
    c.add_argument("old")
    c.add_argument("new")
    _draft_arg(c)
    c.add_argument("-o", "--output", metavar="修改对照.docx", help="导出后一版本，以修订标出相对前一版本的改动")
    c.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    add_json_flag(c)
    c.set_defaults(func=cmd_version_compare)


# ---- handlers ------------------------------------------------------------------------
def cmd_form(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    export_form(draft, args.unit.strip(), args.output, overwrite=args.force)
    print(f"已导出{args.unit}的征求意见反馈表：{args.output}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    result = import_returned(draft, [parse_source(f) for f in args.files])
    if result.draft != draft:
        save_draft(result.draft, args.draft)
    if args.json:
        new = {i.id for i in result.added}
        held = {i.id: i for i in result.draft.feedback}
        rows = items_json(result.draft, [held[i] for f in result.files for i in f.item_ids])
        print_json([{**row, "new": row["id"] in new} for row in rows])
    else:
        _print_import(result)
    for report in result.failed:
        print(f"policydesk: {report.path}: {report.error}", file=sys.stderr)
    return 1 if result.failed else 0


def _print_import(result: ImportResult) -> None:
    numbers = result.draft.numbers()
    for report in result.files:
        if report.error:
            continue
        again = f"，{report.already} 条此前已导入" if report.already else ""
        print(f"{report.path.name}：新增 {len(report.added)} 条意见{again}")
        for problem in report.problems:
            print(f"  未能读取：{problem}")
        for item in report.added:
            unit = item.unit or "【单位待确认】"
            print(f"  {item.id}  {place(result.draft, item.clause_id, numbers)}  {unit}  {item.text[:40]}")
    no_unit = [i.id for i in result.added if not i.unit]
    if no_unit:
        print(f"以下意见的作者不是单位名称，反馈单位待确认（可用 文件=单位 重新导入）：{'、'.join(no_unit)}")
    unmapped = [i.id for i in result.added if not i.clause_id]
    if unmapped:
        print(f"以下意见未能对应到条款：{'、'.join(unmapped)}")
    for c in conflicts(result.draft):
        print(f"冲突：{place(result.draft, c.clause_id, numbers)}“{c.words}”，{'与'.join(c.units)}的修改意见不同"
              f"（{'、'.join(c.item_ids)}）")


def cmd_list(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    items = [i for i in draft.feedback if not args.status or i.status.value == args.status]
    if args.json:
        print_json(items_json(draft, items))
        return 0
    numbers = draft.numbers()
    for i in items:
        print(f"{i.id}  {place(draft, i.clause_id, numbers)}  {i.unit or '【单位待确认】'}  "
              f"{STATUS_LABELS[i.status]}  {i.text[:40]}")
    print(totals_line(draft))
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    new = decide(draft, args.id, Status(args.status), args.reason, apply=not args.no_apply)
    save_draft(new, args.draft)
    changed = [c.id for c in new.clauses if c != _clause(draft, c.id)]
    item = next(i for i in new.feedback if i.id.startswith(args.id))
    note = f"，已改入条文{place(new, changed[0])}" if changed else ""
    print(f"意见 {item.id}：{STATUS_LABELS[item.status]}{note}")
    return 0


def _clause(draft, clause_id: str):
    try:
        return draft.clause(clause_id)
    except KeyError:
        return None


def cmd_table(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    export_adoption(draft, args.output, overwrite=args.force)
    print(f"已导出意见采纳情况表：{args.output}（{totals_line(draft)}）")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    export_explanation(draft, load_corpus(args), args.output, overwrite=args.force)
    print(f"已导出起草说明：{args.output}（其中【请补充】处需起草人填写）")
    return 0


def cmd_version_save(args: argparse.Namespace) -> int:
    draft = save_version(load_draft(args.draft), args.name)
    save_draft(draft, args.draft)
    print(f"已保存版本“{args.name.strip()}”")
    return 0


def cmd_version_list(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    if args.json:
        print_json([{"name": v.name, "saved": v.saved} for v in draft.versions])
    for v in [] if args.json else draft.versions:
        print(f"{v.name}  {v.saved}")
    return 0


def cmd_version_compare(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    changes = compare_versions(draft, args.old, args.new)
    if args.output:
        export_changes(draft, load_corpus(args), args.old, args.new, args.output, overwrite=args.force)
    if args.json:
        print_json([c.__dict__ for c in changes])
    else:
        for c in changes:
            print(f"{c.change}  {c.num}{c.heading}")
        written = f"；已导出 {args.output}" if args.output else ""
        print(f"“{args.old}”→“{args.new}”：{len(changes)} 条有改动{written}")
    return 0
