"""Format version 3: feedback items and versions travel in the draft file; older files still open."""

from __future__ import annotations

import json

import pytest

from desktop_app.drafting import DraftFileError, load_draft, save_draft
from desktop_app.drafting.store import MIGRATIONS, VERSION, draft_to_dict
from desktop_app.feedback.items import FeedbackItem, Kind, Match, Status
from desktop_app.feedback.versions import save_version


def test_a_version_1_file_written_by_the_old_code_opens(base_draft, tmp_path):
    data = draft_to_dict(base_draft)
    data["version"] = 1
    del data["feedback"], data["versions"], data["package"]
    for part in data["parts"]:   # what version 2 added
        for clause in part["clauses"]:
            for key in ("lead", "partners", "deadline", "suggestion"):
                clause.pop(key, None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    draft = load_draft(path)
    assert [(c.id, c.heading, c.body) for c in draft.clauses] == [(c.id, c.heading, c.body) for c in base_draft.clauses]
    assert draft.feedback == () and draft.versions == ()
    save_draft(draft, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION == 3


def test_migrations_are_one_step_per_version():
    assert sorted(MIGRATIONS) == list(range(1, VERSION))


def test_items_and_versions_survive_saving(base_draft, tmp_path):
    item = FeedbackItem(id="fb_0123456789", kind=Kind.DELETION, unit="鞍山市公安局", author="张伟",
                        date="2026-03-02T09:00:00Z", file="公安.docx", quote="进一步", text="建议删除“进一步”",
                        clause_id="part_1__para_4", match=Match.ANCHOR, status=Status.PARTLY, reason="部分合理",
                        before="前文", after="后文", unit_source="given")
    draft = save_version(base_draft, "征求意见稿")
    draft = draft.__class__(**{**draft.__dict__, "feedback": (item,)})
    save_draft(draft, tmp_path / "d.json")
    again = load_draft(tmp_path / "d.json")
    assert again == draft
    assert again.versions[0].name == "征求意见稿"


def test_a_mistyped_item_is_named_at_its_place(base_draft, tmp_path):
    data = draft_to_dict(base_draft)
    data["feedback"] = [{"id": "fb_1", "kind": "comment", "status": "maybe"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftFileError, match="意见1"):
        load_draft(path)
