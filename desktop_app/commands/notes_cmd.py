"""``notes``: search the drafter's notes, export them (Word or text) or carry them into a draft's basis comments."""

from __future__ import annotations

import argparse

from ..core.note_search import entry_dict, note_entries, search_notes
from ..core.notes import NotesStore
from .common import add_json_flag, load_corpus, print_json, workspace_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notes", help="检索、导出笔记，或把笔记带入草稿的依据批注",
                       description="列出本机保存的笔记（带条款和文件）；可检索、导出为 Word 或文本，"
                                   "或带入草稿各条的依据批注。")
    p.add_argument("query", nargs="?", default="", help="检索词，空格分隔的词须同时出现（在笔记、条款或文件名中）")
    p.add_argument("-o", "--output", metavar="NOTES.docx|NOTES.txt", help="导出：.txt 为文本，其余为 Word 表格")
    p.add_argument("--into-draft", metavar="DRAFT.json", help="把相应条款的笔记写入该草稿各条的依据批注（保存草稿）")
    p.add_argument("--force", action="store_true", help="导出文件已存在时覆盖")
    add_json_flag(p)
    p.set_defaults(func=cmd_notes)


def cmd_notes(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    store = NotesStore.load(workspace=workspace_of(args))
    entries = search_notes(note_entries(store.all(), corpus), args.query)
    if args.into_draft:
        return _into_draft(args.into_draft, entries)
    if args.output:
        from ..export.notes_table import export_notes

        where = f"检索“{args.query}”，" if args.query else ""
        export_notes(entries, args.output, overwrite=args.force, subtitle=f"{where}共 {len(entries)} 条")
    if args.json:
        print_json([entry_dict(e) for e in entries])
        return 0
    for e in entries:
        print(f"{e.citation}　{e.label}\n    " + "\n    ".join(e.note.text.splitlines()))
    print(f"共 {len(entries)} 条笔记" + (f"；已导出：{args.output}" if args.output else ""))
    return 0 if entries or not args.query else 1


def _into_draft(path: str, entries) -> int:
    from ..drafting import load_draft, save_draft
    from ..drafting.carry_notes import carry_notes

    draft, changed = carry_notes(load_draft(path), entries)
    if changed:
        save_draft(draft, path)
    print(f"已把笔记带入 {changed} 条的依据批注：{path}" if changed else f"没有需要带入的笔记：{path}")
    return 0
