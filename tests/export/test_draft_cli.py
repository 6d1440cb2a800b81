"""``policydesk draft``: exit codes, messages, files written."""

from __future__ import annotations

import json

import pytest
from docx2python import docx2python

from desktop_app.cli import main


def run(capsys, *args):
    code = main(["draft", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_city_exits_2_listing_the_valid_ones(capsys, tmp_path):
    code, _, err = run(capsys, "--city", "北京市", "-o", tmp_path / "x.docx")
    assert code == 2
    assert "北京市" in err and "沈阳市" in err and "葫芦岛市" in err
    assert not (tmp_path / "x.docx").exists()


def test_full_export_with_table_and_saved_draft(capsys, tmp_path):
    plan, table, saved = tmp_path / "plan.docx", tmp_path / "table.docx", tmp_path / "draft.json"
    code, out, _ = run(capsys, "--city", "沈阳市", "-o", plan, "--track-changes", "--table", table, "--save", saved)
    assert code == 0
    assert "已导出方案" in out and "修订模式" in out and "已导出对照表" in out
    with docx2python(plan) as doc:
        assert len(doc.comments) == 21
        assert doc.text.startswith("沈阳市关于促进劳动力和人才")
    assert json.loads(saved.read_text(encoding="utf-8"))["city"] == "沈阳市"
    assert table.stat().st_size > 0


def test_existing_output_needs_force(capsys, tmp_path):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"keep me")
    code, _, err = run(capsys, "--city", "大连市", "-o", plan)
    assert code == 1 and "--force" in err and str(plan) in err
    assert plan.read_bytes() == b"keep me"
    code, _, _ = run(capsys, "--city", "大连市", "-o", plan, "--force")
    assert code == 0 and plan.read_bytes()[:2] == b"PK"


def test_nothing_is_written_when_one_target_exists(capsys, tmp_path):
    (tmp_path / "table.docx").write_bytes(b"old table")
    code, _, _ = run(capsys, "--city", "大连市", "-o", tmp_path / "plan.docx", "--table", tmp_path / "table.docx")
    assert code == 1
    assert not (tmp_path / "plan.docx").exists()


def test_export_from_a_saved_draft(capsys, tmp_path):
    saved = tmp_path / "d.json"
    assert run(capsys, "--city", "朝阳市", "--save", saved)[0] == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["parts"][1]["clauses"][0]["included"] = False
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, _ = run(capsys, "--from", saved, "-o", tmp_path / "p.docx")
    assert code == 0
    with docx2python(tmp_path / "p.docx") as doc:
        assert doc.comments[0][0] == "（一）推动城乡区域协调发展促进流动均衡。"
        assert "辽西北（阜新、铁岭）城市间协同合作" in doc.comments[1][3]
    code, _, err = run(capsys, "--from", saved, "--city", "沈阳市", "-o", tmp_path / "q.docx")
    assert code == 2 and "朝阳市" in err


@pytest.mark.parametrize("args", [["--city", "沈阳市"], ["-o", "x.docx"]])
def test_usage_errors(capsys, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 2 and err


def test_missing_folder_and_bad_draft_file(capsys, tmp_path):
    code, _, err = run(capsys, "--city", "沈阳市", "-o", tmp_path / "no" / "p.docx")
    assert code == 1 and "文件夹不存在" in err and "p.docx" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "--from", bad, "-o", tmp_path / "p.docx")
    assert code == 1 and "JSON 格式错误" in err and str(bad) in err
