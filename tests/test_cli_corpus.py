"""The corpus commands a drafter or a script runs in a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop_app.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_docs(capsys):
    code, out, _ = run(capsys, "docs")
    assert code == 0
    assert "《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》" in out
    assert "厅字〔2019〕56号" in out and "仅有标题" in out


def test_docs_json(capsys):
    code, out, _ = run(capsys, "docs", "--json")
    docs = {d["id"]: d for d in json.loads(out)}
    assert code == 0 and docs["liaoning"]["clauses"] == 18 and docs["central"]["complete"] is False


def test_show_clause(capsys):
    code, out, _ = run(capsys, "show", "liaoning", "(八)")
    assert code == 0
    assert "（八）完善社会保险制度消除流动障碍。认真贯彻落实" in out
    assert "→ 相关" in out and "第（四）条" in out


def test_show_heading_only_clause_says_so(capsys):
    code, out, _ = run(capsys, "show", "central", "七")
    assert code == 0 and "〔仅标题〕" in out and "导入官方全文" in out


def test_show_clause_json_fields(capsys):
    code, out, _ = run(capsys, "show", "central", "5", "--json")
    data = json.loads(out)
    assert code == 0
    assert {k: data[k] for k in ("doc", "id", "num", "heading", "completeness")} == {
        "doc": "central", "id": "part_3__para_5", "num": "（五）",
        "heading": "以用人制度改革促进单位流动", "completeness": "partial",
    }


def test_show_whole_document(capsys):
    code, out, _ = run(capsys, "show", "liaoning")
    assert code == 0 and out.count("（十八）") == 1 and "半角逗号“,”改为全角“，”：110 处" in out


def test_links_json(capsys):
    code, out, _ = run(capsys, "links", "liaoning", "四", "--json")
    links = json.loads(out)["links"]
    assert code == 0
    assert [(x["num"], x["relation"], x["direction"]) for x in links] == [
        ("（三）", "implements", "carries-out"), ("（十五）", "related", "carries-out"),
    ]
    assert all({"doc", "id", "heading", "completeness"} <= set(x) for x in links)


def test_links_of_a_central_clause_lists_who_carries_it_out(capsys):
    code, out, _ = run(capsys, "links", "central", "（四）")
    assert code == 0 and out.count("← 被落实") == 2 and out.count("← 被相关") == 3


def test_coverage(capsys):
    code, out, _ = run(capsys, "coverage")
    assert code == 0
    assert "缺口 4 项：一、总体要求、（十四）加强组织领导、（十五）强化法治保障、（十六）营造良好氛围" in out


def test_coverage_json(capsys):
    code, out, _ = run(capsys, "coverage", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["num"] for r in rows if r["gap"]] == ["一、", "（十四）", "（十五）", "（十六）"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [(["show", "jilin"], "jilin"), (["show", "liaoning", "（十九）"], "（十九）"), (["links", "central", "99"], "99")],
)
def test_unknown_document_or_clause_exit_2_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_python_m_entry_point_prints_chinese():
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # even a console that can't print Chinese gets UTF-8
    result = subprocess.run([sys.executable, "-m", "desktop_app", "show", "liaoning", "1"],
                            capture_output=True, env=env, check=False)
    assert result.returncode == 0
    assert "实施就业优先政策创造流动机会" in result.stdout.decode("utf-8")


def test_bad_option_exit_2():
    result = subprocess.run([sys.executable, "-m", "desktop_app", "docs", "--bogus"], capture_output=True, check=False)
    assert result.returncode == 2


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("docs", "show", "links", "coverage", "selftest", "draft", "import", "remove", "search"):
        assert command in out


def test_each_command_is_registered_by_the_module_named_for_it():
    from desktop_app.cli import COMMANDS, build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for command, module in COMMANDS.items():
        sub = next(a for a in build_parser(only=command)._actions if a.dest == "command")
        assert command in sub.choices, f"{module} does not register {command}"


def test_a_search_does_not_load_what_other_commands_need(tmp_path):
    # A search from the terminal answers at once: it must not import python-docx or the importers.
    code = ("import sys; from desktop_app.cli import main; main(['search', '档案', '--limit', '1']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'docx' or m.startswith('desktop_app.im')))")
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert result.stdout.decode("utf-8").strip().endswith("[]")
