"""Editing a draft: include/exclude, add/remove/reorder, flags, numbering, undo/redo."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.numerals import int_to_cn
from desktop_app.drafting import TO_COMPLETE, DraftEditError, DraftSession, build_draft
from desktop_app.drafting import edit as ed


@pytest.fixture(scope="module")
def base(corpus):
    return build_draft(corpus, "沈阳市")


def printed(draft):
    """What the exported document shows: number + heading for every part and clause."""
    return [(np.num + np.part.heading, [nc.lead for nc in np.clauses]) for np in draft.numbered()]


def test_excluding_renumbers_parts_and_clauses(base):
    draft = ed.set_included(base, "gap_part_1", False)
    draft = ed.set_included(draft, "part_1__para_1", False)
    out = printed(draft)
    assert out[0][0] == "一、推动经济高质量发展，筑牢社会性流动基础"
    assert out[0][1][0] == "（一）推动城乡区域协调发展促进流动均衡。"
    assert draft.numbers().get("part_1__para_1") is None
    assert printed(ed.set_included(draft, "part_1__para_1", True))[0][1][0] == "（一）实施就业优先政策创造流动机会。"


def test_add_remove_and_move_keep_numbering_continuous(base):
    draft, new_id = ed.add_clause(base, "part_1", 1, "加快建设区域性人才高地", "【本市内容】")
    assert draft.numbers()[new_id] == "（二）"
    assert draft.numbers()["part_1__para_2"] == "（三）"
    assert draft.numbers()["gap_part_6__para_16"] == "（二十二）"
    draft = ed.move_clause(draft, new_id, -1)
    assert draft.numbers()[new_id] == "（一）"
    draft = ed.move_clause(draft, new_id, -1)  # crosses into the previous part (总体要求), at its end
    assert draft.part_of(new_id).id == "gap_part_1"
    assert draft.numbers()[new_id] == "（一）" and draft.numbers()["part_1__para_1"] == "（二）"
    draft = ed.move_clause_to(draft, new_id, "part_4", 0)
    assert draft.part("part_4").clauses[0].id == new_id
    draft = ed.remove_clause(draft, new_id)
    assert printed(draft) == printed(base)


def test_moving_down_from_the_last_clause_of_a_part_enters_the_next(base):
    draft = ed.move_clause(base, "part_1__para_4", +1)
    assert draft.part("part_2").clauses[0].id == "part_1__para_4"
    assert draft.numbers()["part_1__para_4"] == "（四）"  # same place in reading order
    assert ed.move_clause(base, "gap_part_6__para_16", +1) == base  # nothing after the last clause


def test_accepting_a_flag_puts_the_suggested_wording_in(base):
    three = base.clause("part_1__para_3")
    index = next(i for i, f in enumerate(three.flags) if f.pattern == "支持高等院校设置")
    draft = ed.accept_flag(base, "part_1__para_3", index)
    clause = draft.clause("part_1__para_3")
    assert "支持驻沈阳高等院校设置面向先进装备制造业" in clause.body
    assert clause.flags[index].accepted and len(clause.open_flags) == len(three.flags) - 1
    assert ed.accept_flag(draft, "part_1__para_3", index) == draft


def test_accepting_a_flag_whose_passage_was_rewritten_is_refused(base):
    clause = base.clause("part_2__para_8")
    body = clause.body.replace("推进失业保险省级统筹", "做好失业保险工作")
    draft = ed.set_clause_text(base, clause.id, clause.heading, body)
    with pytest.raises(DraftEditError, match="找不到"):
        ed.accept_flag(draft, clause.id, 0)
    with pytest.raises(DraftEditError):
        ed.accept_flag(base, "no_such_clause", 0)


def test_writing_a_gap_section_clears_its_marker(base):
    clause = base.clause("gap_part_6__para_14")
    draft = ed.set_clause_text(base, clause.id, clause.heading, "成立由市政府主要负责同志牵头的工作专班。")
    assert not draft.clause(clause.id).to_complete
    still = ed.set_clause_text(base, clause.id, clause.heading, clause.body + "补充")
    assert still.clause(clause.id).to_complete
    part = ed.set_part_text(base, "gap_part_1", "总体要求", "以习近平新时代中国特色社会主义思想为指导。")
    assert not part.part("gap_part_1").to_complete
    assert TO_COMPLETE not in "".join(part.part("gap_part_1").paragraphs)


def test_session_undo_redo(base):
    session = DraftSession(base)
    seen = []
    session.changed.append(seen.append)
    session.apply("排除条款", ed.set_included, "part_1__para_2", False)
    new_id = session.apply_returning("添加条款", ed.add_clause, "part_2", None, "新条款", "正文")
    assert session.undo_label == "添加条款" and session.dirty
    assert session.undo()
    assert new_id not in session.draft.numbers()
    assert session.undo()
    assert printed(session.draft) == printed(base)
    assert not session.undo()
    assert session.redo() and session.redo_label == "添加条款"
    assert session.draft.numbers().get("part_1__para_2") is None
    session.apply("改标题", ed.set_title, "新标题")
    assert not session.redo() and session.redo_label == ""
    assert len(seen) == 6  # two edits, two undos, one redo, one edit


OPS = st.lists(st.tuples(st.sampled_from(["exclude", "add", "remove", "up", "down", "text", "flag"]),
                         st.integers(0, 30)), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_edit_sequence_undoes_to_the_start_and_numbers_stay_continuous(base, ops):
    session = DraftSession(base)
    for op, n in ops:
        clauses = session.draft.clauses
        clause = clauses[n % len(clauses)]
        if op == "exclude":
            session.apply("排除", ed.set_included, clause.id, not clause.included)
        elif op == "add":
            part = session.draft.parts[n % len(session.draft.parts)]
            session.apply_returning("添加", ed.add_clause, part.id, n, f"新条款{n}", "")
        elif op == "remove" and len(clauses) > 1:
            session.apply("删除", ed.remove_clause, clause.id)
        elif op in ("up", "down"):
            session.apply("移动", ed.move_clause, clause.id, -1 if op == "up" else 1)
        elif op == "text":
            session.apply("编辑", ed.set_clause_text, clause.id, clause.heading + "改", clause.body)
        elif op == "flag" and clause.open_flags:
            session.apply("采用", ed.accept_flag, clause.id, clause.flags.index(clause.open_flags[0]))
        nums = [nc.num for np in session.draft.numbered() for nc in np.clauses]
        assert nums == [f"（{int_to_cn(i)}）" for i in range(1, len(nums) + 1)]
    while session.undo():
        pass
    assert session.draft.parts == base.parts


def test_undo_history_is_bounded(base):
    session = DraftSession(base)
    for i in range(ed.UNDO_LIMIT + 5):
        session.apply("改标题", ed.set_title, f"标题{i}")
    undone = 0
    while session.undo():
        undone += 1
    assert undone == ed.UNDO_LIMIT
    assert session.draft.title == "标题4"
