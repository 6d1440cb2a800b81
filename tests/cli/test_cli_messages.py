"""The command line speaks Chinese: every --help, every argument error, and exclusion queries that start with "-"."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from desktop_app.cli import COMMANDS, main

ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|error:|required|unrecognized|invalid")


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    return capsys.readouterr().out


def test_main_help_is_chinese_and_lists_each_command_with_what_it_does(capsys):
    out = _help(capsys, ["--help"])
    assert out.startswith("用法：policydesk")
    assert "显示本帮助并退出" in out and "子命令" in out
    assert not ENGLISH.search(out), out
    for command in COMMANDS:
        line = next(x for x in out.splitlines() if x.strip().startswith(command + " "))
        assert re.search(r"[\u4e00-\u9fff]", line), line


def test_main_help_ends_every_section_title_with_a_full_width_colon(capsys):
    out = _help(capsys, ["--help"])
    titles = [line for line in out.splitlines() if line.endswith(("：", ":")) and not line.startswith(" ")]
    assert titles == ["选项：", "窗口选项：", "子命令："], titles


def test_the_window_scripts_help_and_errors_are_chinese(capsys):
    from desktop_app.app import main as gui_main

    with pytest.raises(SystemExit) as exc:
        gui_main(["--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and out.startswith("用法：policydesk-gui")
    assert not ENGLISH.search(out), out
    assert [line for line in out.splitlines() if line.endswith(("：", ":")) and not line.startswith(" ")] == \
        ["选项：", "窗口选项："]
    with pytest.raises(SystemExit) as exc:
        gui_main(["--view", "清单"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "policydesk-gui：参数 --view 的值 '清单' 无效" in err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_subcommand_help_is_chinese_and_describes_it(capsys, command):
    out = _help(capsys, [command, "--help"])
    assert out.startswith(f"用法：policydesk {command}")
    assert not ENGLISH.search(out), out
    description = out.split("\n\n")[1]
    assert re.search(r"[\u4e00-\u9fff]{4}", description), out


@pytest.mark.parametrize(("argv", "expected"), [
    (["show"], "缺少必需的参数：doc"),
    (["search", "档案", "--limit", "x"], "参数 --limit：应为正整数：'x'"),
    (["show", "liaoning", "--json", "--json=1"], "参数 --json 不接受值 '1'"),
    (["search", "档案", "--kind", "county"], "可选："),
    (["docs", "--bogus"], "无法识别的参数：--bogus"),
    (["bogus"], "参数 子命令 的值 'bogus' 无效"),
])
def test_bad_arguments_give_one_chinese_line_and_exit_2(capsys, argv, expected):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "用法：policydesk" in err and "--help" in err
    assert not ENGLISH.search(err.replace("--help", "")), err


def test_console_script_bad_argument_has_no_traceback():
    with subprocess.Popen([sys.executable, "-m", "desktop_app", "links", "liaoning"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8") as proc:
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "缺少必需的参数：clause" in err and "Traceback" not in err


def _search(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["search", "--json", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_exclusion_query_after_double_dash_works(capsys):
    code, both = _search(capsys, "档案")
    assert code == 0
    code, out = _search(capsys, "--", "-就业", "档案")
    assert out["query"] == "-就业 档案"
    assert code == 0 and out["hits"]
    assert len(out["hits"]) <= len(both["hits"])
    for hit in out["hits"]:
        assert "就业" not in hit["heading"]


def test_exclusion_query_in_quotes_and_bare_work(capsys):
    _code, quoted = _search(capsys, "-就业 档案")
    _code, bare = _search(capsys, "-就业", "档案")
    _code, dashed = _search(capsys, "--", "-就业", "档案")
    assert quoted["hits"] == bare["hits"] == dashed["hits"]
    assert quoted["hits"]


def test_ascii_exclusion_without_double_dash_gets_a_chinese_hint(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["search", "档案", "-foo"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "无法识别的参数：-foo" in err
    assert "policydesk search -- -就业 档案" in err


def test_links_json_keeps_the_links_note_apart_from_the_target_clauses_note(capsys):
    assert main(["links", "liaoning", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    link = next(lk for lk in out["links"] if (lk["doc"], lk["id"]) == ("central", "part_6__para_15"))
    assert link["note"].startswith("加强行政执法和仲裁队伍建设")
    assert link["target_note"].startswith("本条正文尚未收录")
