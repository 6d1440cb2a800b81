"""``policydesk import`` / ``remove`` as a user runs them."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from desktop_app.core.corpus import Corpus
from desktop_app.linking import ACCEPT_THRESHOLD
from tests.importing.helpers import snapshot
from tests.linking.test_suggest import MOCK_CITY_PLAN

HEADER = "某市人民政府办公室\n某政办发〔2020〕12号\n"


@pytest.fixture
def plan_file(files):
    path = files / "mock.txt"
    path.write_text(MOCK_CITY_PLAN + "某市人民政府办公室\n2020年6月30日\n", encoding="utf-8")
    return path


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_json_shows_document_and_suggestions_and_saves_nothing(plan_file, data_dir, capsys):
    before = snapshot(data_dir)
    assert main(["import", str(plan_file), "--as", "city", "--id", "mock", "--json"]) == 0
    out = _json(capsys)
    assert (out["id"], out["kind"], out["saved"]) == ("mock", "city", False)
    assert out["title"] == "某市促进劳动力和人才社会性流动体制机制改革实施方案"
    assert (out["issuer"], out["date"]) == ("某市人民政府办公室", "2020-06-30")
    assert out["accept_threshold"] == ACCEPT_THRESHOLD
    first = out["parts"][0]["clauses"][0]
    assert (first["num"], first["heading"]) == ("（一）", "完善住房保障")
    assert first["text"].startswith("完善住房保障。按照市场主导")
    best = first["suggestions"][0]
    assert (best["doc"], best["id"], best["num"]) == ("liaoning", "part_2__para_9", "（九）")
    for part in out["parts"]:
        for clause in part["clauses"]:
            scores = [s["score"] for s in clause["suggestions"]]
            assert scores == sorted(scores, reverse=True)
    assert snapshot(data_dir) == before
    assert "mock" not in {d.id for d in Corpus.load_default().documents}


def test_yes_saves_document_and_links_above_threshold(plan_file, capsys):
    assert main(["import", str(plan_file), "--as", "city", "--id", "mock", "--yes"]) == 0
    assert "已保存" in capsys.readouterr().out
    corpus = Corpus.load_default()
    doc = corpus.document("mock")
    assert len(doc.clauses) == 11
    carried = corpus.carries_out("mock", "part_1__para_1")
    assert ("liaoning", "part_2__para_9") in {(r.doc.id, r.unit.id) for r in carried}
    # shows in coverage of the provincial measures and in the central document's links
    rows = {r.target.unit.id: r for r in corpus.coverage("liaoning")}
    assert "mock" in {r.doc.id for r in rows["part_2__para_9"].implemented_by}
    assert all(v.link.note for v in corpus.links_from("mock", "part_1__para_1"))


def test_text_output_marks_what_yes_would_save(plan_file, capsys):
    assert main(["import", str(plan_file), "--as", "city", "--id", "mock"]) == 0
    out = capsys.readouterr().out
    assert "标题：某市促进劳动力和人才社会性流动体制机制改革实施方案" in out
    assert "（一）完善住房保障" in out and "✓" in out and "未保存" in out


def test_same_id_twice_is_refused_and_remove_takes_it_out(plan_file, data_dir, capsys):
    assert main(["import", str(plan_file), "--as", "city", "--id", "mock", "--yes"]) == 0
    capsys.readouterr()
    before = snapshot(data_dir)
    assert main(["import", str(plan_file), "--as", "city", "--id", "mock", "--yes"]) == 1
    assert "已导入过编号为 mock" in capsys.readouterr().err
    assert snapshot(data_dir) == before
    assert main(["remove", "mock", "--json"]) == 0
    out = _json(capsys)
    assert out["removed"] == "mock" and out["links_removed"] >= 10
    corpus = Corpus.load_default()
    assert "mock" not in {d.id for d in corpus.documents}
    assert not [lk for lk in corpus.links if "mock" in (lk.source_doc, lk.target_doc)]


def test_shipped_documents_cannot_be_removed_or_shadowed(plan_file, capsys):
    assert main(["remove", "liaoning"]) == 1
    assert "内置文档" in capsys.readouterr().err
    assert main(["import", str(plan_file), "--as", "city", "--id", "liaoning", "--yes"]) == 1
    assert "内置文档" in capsys.readouterr().err


def test_unclear_encoding_is_asked_for_then_given(files, capsys):
    path = files / "tw.txt"
    path.write_bytes("一、總體要求\n（一）推動人才流動，健全檔案管理服務。\n".encode("big5"))
    assert main(["import", str(path), "--as", "other"]) == 1
    assert "--encoding" in capsys.readouterr().err
    assert main(["import", str(path), "--as", "other", "--encoding", "big5", "--json"]) == 0
    out = _json(capsys)
    assert out["source"]["encoding"] == "big5" and out["parts"][0]["clauses"][0]["heading"].startswith("推動人才流動")


def test_kind_and_id_are_guessed(files, capsys):
    path = files / "省级措施.txt"
    path.write_text("辽宁省人民政府办公厅关于做好人才工作的通知\n辽政办发〔2020〕12号\n一、总体要求\n（一）加强领导。\n",
                    encoding="utf-8")
    assert main(["import", str(path), "--json"]) == 0
    out = _json(capsys)
    assert (out["id"], out["kind"], out["doc_number"]) == ("provincial_1", "provincial", "辽政办发〔2020〕12号")
    assert out["issuer"] == "辽宁省人民政府办公厅"


def test_imported_provincial_document_becomes_a_target_for_later_city_plans(files, plan_file, capsys):
    liaoning_copy = files / "other.txt"
    liaoning_copy.write_text("\n".join(MOCK_CITY_PLAN.splitlines()[2:5]), encoding="utf-8")
    assert main(["import", str(liaoning_copy), "--as", "provincial", "--id", "prov", "--yes"]) == 0
    capsys.readouterr()
    assert main(["import", str(plan_file), "--as", "city", "--id", "mock", "--json"]) == 0
    out = _json(capsys)
    docs = {s["doc"] for p in out["parts"] for c in p["clauses"] for s in c["suggestions"]}
    assert "prov" in docs
