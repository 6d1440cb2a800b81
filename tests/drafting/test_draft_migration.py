"""Draft format version 2: task division and the document package saved; version-1 files still open."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.drafting import DraftFileError, build_draft, load_draft, save_draft
from desktop_app.drafting import edit as ed
from desktop_app.drafting.division import set_division
from desktop_app.drafting.package import DEFAULT_COLUMNS, Column, DocumentPackage
from desktop_app.drafting.store import MIGRATIONS, VERSION, migrate

V1_FILE = Path(__file__).parent / "data" / "draft-v1-anshan.json"   # written by the version-1 code


def test_a_version_1_file_opens_with_no_division_and_the_default_package():
    raw = json.loads(V1_FILE.read_text(encoding="utf-8"))
    assert raw["version"] == 1 and "package" not in raw
    draft = load_draft(V1_FILE)
    assert draft.city == "鞍山市" and len(draft.clauses) == sum(len(p["clauses"]) for p in raw["parts"])
    assert all(c.lead == "" and c.partners == () and c.deadline == "" and c.suggestion is None
               for c in draft.clauses)
    assert draft.package == DocumentPackage()
    assert draft.package.division == "annex" and draft.package.columns == DEFAULT_COLUMNS
    assert [c.heading for c in draft.clauses] == [c["heading"] for p in raw["parts"] for c in p["clauses"]]


def test_a_migrated_draft_is_saved_in_the_current_version(tmp_path):
    draft = load_draft(V1_FILE)
    path = tmp_path / "d.json"
    save_draft(draft, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION == 3
    assert load_draft(path) == draft


def test_division_suggestions_and_package_survive_save_and_reopen(corpus, tmp_path):
    draft = build_draft(corpus, "鞍山市")
    cid = draft.clauses[3].id
    draft = set_division(draft, cid, "市营商局", ["市发展改革委"], "2020年12月底前")
    package = DocumentPackage(issuers=("中共鞍山市委办公室", "鞍山市人民政府办公室"), date="2020-07-15",
                              doc_number="鞍委办发〔2020〕30号", cc=("省委办公厅",), printer="中共鞍山市委办公室",
                              print_date="2020-07-16", notice=True, addressee="各县（市）区", public=True,
                              division="both", inline_form="lines",
                              columns=(Column("序号", "序号"), Column("重点任务", "主要工作举措"),
                                       Column("牵头单位", "牵头单位")))
    draft = ed.set_package(draft, package)
    path = tmp_path / "d.json"
    save_draft(draft, path)
    again = load_draft(path)
    assert again == draft
    assert again.clause(cid).deadline == "2020年12月底前" and again.clause(cid).suggestion is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["package"]["columns"][1] == {"key": "重点任务", "label": "主要工作举措"}
    clause = next(c for p in data["parts"] for c in p["clauses"] if c["id"] == cid)
    assert clause["lead"] == "市营商局" and clause["suggestion"]["lead"]["triggers"]


def test_migrations_are_a_chain_of_steps():
    assert sorted(MIGRATIONS) == list(range(1, VERSION))
    data = migrate({"format": "policydesk-draft", "version": 1, "parts": [{"clauses": [{"id": "a"}]}]}, 1)
    assert data["version"] == VERSION and data["parts"][0]["clauses"][0]["lead"] == ""


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(version=VERSION + 1), f"版本 {VERSION + 1}"),
    (lambda d: d["package"].update(division="sideways"), "分工方式"),
    (lambda d: d["package"].update(date=20200715), "发文信息：字段 'date' 类型不对"),
])
def test_bad_version_2_fields_give_a_clear_message(corpus, tmp_path, change, message):
    path = tmp_path / "d.json"
    save_draft(replace(build_draft(corpus, "沈阳市")), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftFileError, match=message):
        load_draft(path)
