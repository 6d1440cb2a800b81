"""``policydesk search``: what a drafter sees in a terminal, and the exit codes."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main


def run(capsys, *argv):
    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_output_marks_matches(capsys):
    code, out, _err = run(capsys, "异地就医")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("1. 《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》"
                            "（八）完善社会保险制度消除流动障碍")
    assert "liaoning:part_2__para_8" in first
    assert "完善【异地就医】直接结算平台" in out


def test_heading_only_clause_says_so(capsys):
    code, out, _err = run(capsys, "档案", "--doc", "central")
    assert code == 0
    assert "（六）以档案服务改革畅通职业转换" in out
    assert "（知识库只有此条的仅标题）" in out
    assert "liaoning" not in out


def test_json_output(capsys):
    code, out, _err = run(capsys, "档案", "--json", "--limit", "2")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "档案"
    assert [(h["doc"], h["id"], h["num"]) for h in data["hits"]] == [
        ("liaoning", "part_2__para_11", "（十一）"), ("central", "part_3__para_6", "（六）")]
    hit = data["hits"][0]
    assert {"doc", "id", "num", "heading", "score", "fragments"} <= set(hit)
    assert hit["heading"] == "完善档案管理服务畅通职业转换" and hit["score"] > 0
    frag = hit["fragments"][0]
    assert "【档案】" in frag["marked"]
    assert all(frag["text"][s:e] == "档案" for s, e in frag["spans"])


def test_kind_and_headings_filters(capsys):
    code, out, _err = run(capsys, "档案", "--kind", "provincial", "--headings", "--json")
    assert code == 0
    assert [h["num"] for h in json.loads(out)["hits"]] == ["（十一）"]


def test_no_hits_is_exit_1(capsys):
    code, out, _err = run(capsys, "量子计算")
    assert code == 1
    assert "没有找到" in out
    code, out, _err = run(capsys, "量子计算", "--json")
    assert code == 1 and json.loads(out)["hits"] == []


@pytest.mark.parametrize("argv", [["档案", "--limit", "0"], ["档案", "--limit", "x"], ["档案", "--kind", "county"],
                                  ["档案", "--bogus"], []])
def test_bad_options_are_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["search", *argv])
    assert exc.value.code == 2


def test_unknown_document_is_exit_2(capsys):
    code, _out, err = run(capsys, "档案", "--doc", "shenyang")
    assert code == 2
    assert "没有文档 'shenyang'" in err


def test_odd_queries_do_not_fail(capsys):
    for query in ['"档案', "OR", "落户 -积分", "heading:档案", "*", "\x07"]:
        code, _out, err = run(capsys, query)
        assert code in (0, 1) and "Traceback" not in err
    code, _out, _err = run(capsys, "--", "-档案")  # a lone exclusion after "--": nothing to find
    assert code == 1
