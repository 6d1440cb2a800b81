"""Deciding: statuses and reasons; an adopted tracked change goes into the clause (undoable); conflicts."""

from __future__ import annotations

import docx
import pytest

from desktop_app.drafting.edit import DraftSession, set_clause_text
from desktop_app.feedback.decide import FeedbackError, UnknownItemError, conflicts, decide
from desktop_app.feedback.importer import import_returned
from desktop_app.feedback.items import Kind, Status

from . import helpers as h
from .conftest import unique_phrase

CLAUSE = "part_1__para_4"


@pytest.fixture
def with_changes(base_draft, sent, tmp_path):
    """公安局 inserts words after a phrase and deletes another; 教育局 replaces the deleted words otherwise."""
    phrase = unique_phrase(base_draft, CLAUSE)
    other = unique_phrase(base_draft, CLAUSE, skip=30)
    files = []
    for unit, edit in (("鞍山市公安局", lambda d: (h.insert_after(d, phrase, "依法"), h.delete(d, other))),
                       ("鞍山市教育局", lambda d: h.replace_words(d, other, "另一种说法"))):
        doc = docx.Document(str(sent))
        edit(doc)
        doc.save(str(tmp_path / f"{unit}.docx"))
        files.append((tmp_path / f"{unit}.docx", unit))
    draft = import_returned(base_draft, files).draft
    return draft, phrase, other


def _item(draft, unit, kind):
    return next(i for i in draft.feedback if i.unit == unit and i.kind is kind)


def test_adopting_an_insertion_puts_it_in_the_clause_and_rejecting_takes_it_out(with_changes):
    draft, phrase, _ = with_changes
    ins = _item(draft, "鞍山市公安局", Kind.INSERTION)
    adopted = decide(draft, ins.id, Status.ADOPTED, "合理")
    assert phrase + "依法" in adopted.clause(CLAUSE).body
    assert next(i for i in adopted.feedback if i.id == ins.id).applied
    rejected = decide(adopted, ins.id[:8], Status.REJECTED, "与上位文件表述不一致")
    assert rejected.clause(CLAUSE).body == draft.clause(CLAUSE).body
    item = next(i for i in rejected.feedback if i.id == ins.id)
    assert (item.status, item.reason, item.applied) == (Status.REJECTED, "与上位文件表述不一致", False)


def test_adopting_a_deletion_removes_the_words_and_is_undoable_in_the_session(with_changes):
    draft, _, other = with_changes
    dele = _item(draft, "鞍山市公安局", Kind.DELETION)
    session = DraftSession(draft)
    session.apply("采纳意见", decide, dele.id, Status.ADOPTED)
    assert other not in session.draft.clause(CLAUSE).body
    assert session.undo()
    assert other in session.draft.clause(CLAUSE).body
    assert session.draft.feedback == draft.feedback


def test_a_change_whose_place_is_gone_is_not_guessed(with_changes):
    draft, _, _ = with_changes
    ins = _item(draft, "鞍山市公安局", Kind.INSERTION)
    clause = draft.clause(CLAUSE)
    rewritten = set_clause_text(draft, CLAUSE, clause.heading, "本条已完全重写。")
    with pytest.raises(FeedbackError, match="找不到"):
        decide(rewritten, ins.id, Status.ADOPTED)
    recorded = decide(rewritten, ins.id, Status.ADOPTED, apply=False)
    assert recorded.clause(CLAUSE).body == "本条已完全重写。"
    assert next(i for i in recorded.feedback if i.id == ins.id).status is Status.ADOPTED


def test_comments_only_record_the_decision_and_unknown_ids_are_refused(with_changes):
    draft, _, _ = with_changes
    with pytest.raises(UnknownItemError):
        decide(draft, "fb_nothing", Status.ADOPTED)


def test_two_units_changing_the_same_words_differently_are_a_conflict(with_changes):
    draft, _, other = with_changes
    [conflict] = conflicts(draft)
    assert conflict.clause_id == CLAUSE and other in conflict.words
    assert set(conflict.units) == {"鞍山市公安局", "鞍山市教育局"}
    ids = {i.id for i in draft.feedback if i.kind is not Kind.INSERTION or i.unit == "鞍山市教育局"}
    assert set(conflict.item_ids) == ids


def test_the_same_change_from_two_units_is_no_conflict(base_draft, sent, tmp_path):
    phrase = unique_phrase(base_draft, CLAUSE)
    files = []
    for unit in ("鞍山市公安局", "鞍山市财政局"):
        doc = docx.Document(str(sent))
        h.delete(doc, phrase, author=unit)
        doc.save(str(tmp_path / f"{unit}.docx"))
        files.append((tmp_path / f"{unit}.docx", ""))
    draft = import_returned(base_draft, files).draft
    assert len(draft.feedback) == 2 and conflicts(draft) == []
