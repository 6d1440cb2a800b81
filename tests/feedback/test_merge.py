"""The window takes in what the command line wrote to the open draft's file, keeping its own edits."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.drafting import edit as ed
from desktop_app.feedback.decide import decide
from desktop_app.feedback.items import FeedbackItem, Kind, Status
from desktop_app.feedback.merge import merge_from_disk
from desktop_app.feedback.versions import save_version


def item(n: int) -> FeedbackItem:
    return FeedbackItem(id=f"fb_{n:010d}", kind=Kind.COMMENT, unit="鞍山市公安局", author="x", date="",
                        file="f.docx", quote="", text=f"意见{n}", clause_id="part_1__para_1")


def test_new_items_and_decisions_come_in_and_unsaved_edits_stay(base_draft):
    base = replace(base_draft, feedback=(item(1), item(2)))
    clause = base.clause("part_1__para_3")
    mine = ed.set_clause_text(base, clause.id, clause.heading, "窗口中尚未保存的修改。")
    mine = decide(mine, item(2).id, Status.REJECTED, "窗口里的决定")
    theirs = decide(base, item(1).id, Status.ADOPTED, "命令行的决定")
    theirs = decide(replace(theirs, feedback=(*theirs.feedback, item(3))), item(2).id, Status.PARTLY, "命令行")
    theirs = save_version(theirs, "征求意见稿")
    other = theirs.clause("part_1__para_4")
    theirs = ed.set_clause_text(theirs, other.id, other.heading, "命令行采纳修订后的条文。")
    merged = merge_from_disk(base, mine, theirs)
    by_id = {i.id: i for i in merged.feedback}
    assert set(by_id) == {item(1).id, item(2).id, item(3).id}
    assert by_id[item(1).id].reason == "命令行的决定"           # untouched in the window: taken from the file
    assert by_id[item(2).id].reason == "窗口里的决定"           # decided in the window: kept
    assert merged.clause("part_1__para_3").body == "窗口中尚未保存的修改。"
    assert merged.clause("part_1__para_4").body == "命令行采纳修订后的条文。"
    assert [v.name for v in merged.versions] == ["征求意见稿"]


def test_a_file_of_another_draft_changes_nothing(base_draft):
    other = replace(base_draft, id="another", feedback=(item(1),))
    assert merge_from_disk(base_draft, base_draft, other) == base_draft
