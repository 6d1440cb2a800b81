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


def test_issuing_options_are_exported_and_saved_in_the_draft(capsys, tmp_path):
    plan, saved = tmp_path / "plan.docx", tmp_path / "draft.json"
    code, out, _ = run(capsys, "--city", "鞍山市", "-o", plan, "--save", saved, "--division", "both",
                       "--inline-form", "joint", "--columns", "序号,重点任务,牵头单位=牵头部门",
                       "--issuer", "中共鞍山市委办公室", "--issuer", "鞍山市人民政府办公室", "--date", "2020年7月15日",
                       "--doc-number", "鞍委办发〔2020〕30号", "--cc", "省委办公厅、省政府办公厅", "--printer",
                       "中共鞍山市委办公室", "--print-date", "2020-07-16", "--notice", "--public")
    assert code == 0 and "分工：括注并附分工表" in out
    package = json.loads(saved.read_text(encoding="utf-8"))["package"]
    assert package["issuers"] == ["中共鞍山市委办公室", "鞍山市人民政府办公室"]
    assert (package["date"], package["print_date"], package["notice"], package["public"]) == (
        "2020-07-15", "2020-07-16", True, True)
    assert package["cc"] == ["省委办公厅", "省政府办公厅"] and package["inline_form"] == "joint"
    assert [c["label"] for c in package["columns"]] == ["序号", "重点任务", "牵头部门"]
    with docx2python(plan) as doc:
        text = doc.text
    assert "鞍委办发〔2020〕30号" in text and "2020年7月15日" in text and "2020年7月16日印发" in text
    assert "（市公安局、市发展改革委、市人力资源社会保障局负责）" in text
    # exporting again from the saved draft keeps every choice; an option given again overrides it
    again = tmp_path / "again.docx"
    code, _, _ = run(capsys, "--from", saved, "-o", again, "--division", "none")
    assert code == 0
    with docx2python(again) as doc:
        assert "鞍委办发〔2020〕30号" in doc.text and "负责）" not in doc.text


@pytest.mark.parametrize(("args", "message"), [
    (("--date", "2020-02-30"), "日期“2020-02-30”无效"),
    (("--columns", "序号,牵头单位"), "必须有“重点任务”列"),
    (("--columns", "序号,重点任务,主管领导"), "没有“主管领导”这一列"),
    (("--division", "sideways"), "参数 --division 的值 'sideways' 无效"),
])
def test_bad_issuing_options_exit_2(capsys, tmp_path, args, message):
    try:
        code, _, err = run(capsys, "--city", "鞍山市", "-o", tmp_path / "x.docx", *args)
    except SystemExit as exc:       # argparse's own refusal
        code, err = exc.code, capsys.readouterr().err
    assert code == 2 and message in err
    assert not (tmp_path / "x.docx").exists()


def test_departments_command_lists_the_registry(capsys):
    assert main(["departments", "--city", "鞍山市"]) == 0
    out = capsys.readouterr().out
    assert "市公安局\t鞍山市公安局" in out and "待核" in out and "鞍政发〔2024〕1号" in out
    assert main(["departments", "--city", "鞍山市", "--date", "2022-01-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    shorts = [d["short"] for d in data["departments"]]
    assert "市乡村振兴局" in shorts and "市扶贫办" not in shorts
    police = next(d for d in data["departments"] if d["short"] == "市公安局")
    assert police["verified"] is False and police["duties"] == ["公安"]
    assert main(["departments", "--city", "北京市"]) == 2
    assert "沈阳市" in capsys.readouterr().err


def test_a_new_date_renames_units_of_a_saved_draft(capsys, tmp_path):
    saved = tmp_path / "d.json"
    assert run(capsys, "--city", "锦州市", "--save", saved)[0] == 0
    assert run(capsys, "--from", saved, "--date", "2022-05-01", "--save", tmp_path / "later.json")[0] == 0
    clauses = [c for p in json.loads((tmp_path / "later.json").read_text(encoding="utf-8"))["parts"]
               for c in p["clauses"]]
    poverty = next(c for c in clauses if "扶贫" in c["heading"])
    assert poverty["lead"] == "市乡村振兴局"
