"""Named versions: save, list, compare, and the Word file with tracked changes between two of them."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.drafting import edit as ed
from desktop_app.feedback.decide import UnknownItemError
from desktop_app.feedback.versions import (
    CURRENT,
    FeedbackError,
    compare_versions,
    export_changes,
    save_version,
    version_draft,
)

CLAUSE = "part_2__para_5"


@pytest.fixture
def two_versions(base_draft):
    draft = save_version(base_draft, "征求意见稿")
    clause = draft.clause(CLAUSE)
    draft = ed.set_clause_text(draft, CLAUSE, clause.heading, clause.body.replace("进一步", "全面", 1))
    draft = ed.set_included(draft, "part_1__para_2", False)
    draft, added = ed.add_clause(draft, "part_3", 0, "支持鞍山钢铁产业人才流动", "加强钢铁产业人才培养。")
    return save_version(draft, "送审稿"), added


def test_versions_keep_their_own_text(two_versions, base_draft):
    draft, _ = two_versions
    assert [v.name for v in draft.versions] == ["征求意见稿", "送审稿"]
    assert version_draft(draft, "征求意见稿").parts == base_draft.parts
    assert "全面" in version_draft(draft, "送审稿").clause(CLAUSE).body
    with pytest.raises(FeedbackError, match="已有名为"):
        save_version(draft, "送审稿")
    with pytest.raises(UnknownItemError, match="可选：征求意见稿、送审稿、当前稿"):
        version_draft(draft, "定稿")


def test_compare_lists_changed_added_and_removed_clauses(two_versions):
    draft, added = two_versions
    changes = {c.clause_id: c.change for c in compare_versions(draft, "征求意见稿", "送审稿")}
    assert changes == {CLAUSE: "修改", added: "新增", "part_1__para_2": "删除"}
    assert compare_versions(draft, "送审稿", CURRENT) == []


def test_the_word_file_shows_the_later_version_with_tracked_changes(two_versions, corpus, tmp_path):
    draft, _ = two_versions
    path = export_changes(draft, corpus, "征求意见稿", "送审稿", tmp_path / "修改对照.docx")
    body = docx.Document(str(path)).element.body
    inserted = "".join(t.text for ins in body.iter(qn("w:ins")) for t in ins.iter(qn("w:t")))
    deleted = "".join(t.text for d in body.iter(qn("w:del")) for t in d.iter(qn("w:delText")))
    assert "全面" in inserted and "进一步" in deleted
    assert "支持鞍山钢铁产业人才流动" in inserted                       # the added clause
    assert draft.clause("part_1__para_2").heading in deleted           # the removed one
    assert not list(body.iter(qn("w:commentRangeStart")))              # no basis comments in a comparison
