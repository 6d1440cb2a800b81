"""An import never leaves the knowledge base in a state the loader refuses, and never fails after a preview."""

from __future__ import annotations

import errno
import json
import random

import pytest

from desktop_app.cli import main
from desktop_app.core.corpus import Corpus
from desktop_app.importing import store as store_module
from tests.importing.helpers import paragraph, snapshot, write_docx
from tests.linking.test_suggest import MOCK_CITY_PLAN

OPENING = "一、总体要求\n（一）实施就业优先政策。"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _knowledge_base_still_loads(capsys) -> list[str]:
    code, out, err = _run(capsys, "docs", "--json")
    assert code == 0 and err == ""
    return [d["id"] for d in json.loads(out)]


def test_a_text_that_would_save_past_the_loaders_limit_is_refused_at_preview(files, data_dir, capsys):
    path = files / "amp.txt"  # 7.4 MB: under the 8 MB import limit, but "&<" grows to 31 MB of XML
    path.write_text(OPENING + "&<" * 3_700_000 + "\n", encoding="utf-8")
    before = snapshot(data_dir)
    code, _out, err = _run(capsys, "import", str(path), "--as", "city", "--yes")
    assert code == 1
    assert str(path) in err and "无法被本程序读取" in err and "拆分" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert snapshot(data_dir) == before
    assert "amp" not in _knowledge_base_still_loads(capsys)


def test_a_docx_paragraph_split_over_many_runs_is_refused_when_it_would_not_load(files, data_dir, capsys):
    hanzi = [chr(c) for c in range(0x4E00, 0x5E00)]  # varied text: a repeated one would look like a zip bomb
    text = "".join(random.Random(11).choices(hanzi, k=3_500_000))
    runs = "".join(paragraph(text[i:i + 2000]).removeprefix("<w:p>").removesuffix("</w:p>")
                   for i in range(0, len(text), 2000))
    path = write_docx(files / "runs.docx", [paragraph("一、总体要求"), paragraph("（一）实施就业优先政策。"),
                                            f"<w:p>{runs}</w:p>"])
    before = snapshot(data_dir)
    code, _out, err = _run(capsys, "import", str(path), "--as", "city", "--yes")
    assert code == 1 and "无法被本程序读取" in err
    assert snapshot(data_dir) == before
    assert "runs" not in _knowledge_base_still_loads(capsys)


def test_control_characters_anywhere_are_removed_and_counted(files, capsys):
    filler = "（二）稳定和扩大就业。" + "促进就业。" * 20_000  # past the first 64 KB the binary check reads
    path = files / "ctl.txt"
    path.write_text(f"{OPENING}\n{filler}\n（三）畅通\x00渠道\x07。\x1b\ufffe\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", str(path), "--as", "city", "--yes")
    assert code == 0, err
    assert "4 个控制字符" in out and "已保存" in out
    clause = Corpus.load_default().resolve("ctl", "（三）")
    assert clause.full_text() == "（三）畅通渠道。"
    _knowledge_base_still_loads(capsys)


def _nested_page(depth: int) -> str:
    body = "<p>一、总体要求</p><p>（一）实施就业优先政策。稳定和扩大就业。</p><p>（二）深层的条款。</p>"
    return f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"


def test_html_nested_deeper_than_libxml2s_default_is_read_whole(files, capsys):
    path = files / "deep.html"
    path.write_text(_nested_page(400), encoding="utf-8")
    code, out, err = _run(capsys, "import", str(path), "--as", "city", "--json")
    assert code == 0, err
    clauses = [c["heading"] for p in json.loads(out)["parts"] for c in p["clauses"]]
    assert clauses == ["实施就业优先政策", "深层的条款"]


def test_html_nested_past_the_parsers_limit_is_refused_with_a_message(files, capsys):
    path = files / "deeper.html"
    path.write_text(_nested_page(2500), encoding="utf-8")
    code, _out, err = _run(capsys, "import", str(path), "--as", "city")
    assert code == 1
    assert str(path) in err and "嵌套超过" in err and ".txt" in err


def test_the_same_content_is_not_imported_twice_without_being_asked(files, capsys):
    first, second = files / "plan.txt", files / "copy.txt"
    for path in (first, second):
        path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    assert _run(capsys, "import", str(first), "--as", "city", "--yes")[0] == 0
    code, out, _err = _run(capsys, "import", str(second), "--as", "city")
    assert code == 0 and "知识库中的 plan 与此文件内容相同" in out
    code, out, _err = _run(capsys, "import", str(second), "--as", "city", "--json")
    assert json.loads(out)["duplicate_of"] == "plan"
    code, _out, err = _run(capsys, "import", str(second), "--as", "city", "--yes")
    assert code == 1 and "plan" in err and "--allow-duplicate" in err
    assert "copy" not in _knowledge_base_still_loads(capsys)
    code, _out, err = _run(capsys, "import", str(second), "--as", "city", "--yes", "--allow-duplicate")
    assert code == 0, err
    assert {"plan", "copy"} <= set(_knowledge_base_still_loads(capsys))


def test_a_missing_file_exits_with_2(files, capsys):
    code, _out, err = _run(capsys, "import", str(files / "无此文件.docx"))
    assert code == 2 and "无此文件.docx" in err and "不存在" in err


def test_full_disk_during_an_import_rolls_everything_back(files, data_dir, capsys, monkeypatch):
    path = files / "plan.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    before = snapshot(data_dir)

    def disk_full(target, _data, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(store_module, "atomic_write_text", disk_full)  # the links, written after the document
    code, out, err = _run(capsys, "import", str(path), "--as", "city", "--yes")
    assert code == 1
    assert "磁盘空间已满" in err and "未保存任何内容" in err and "crosslinks.tsv" in err
    assert "已保存" not in out
    assert snapshot(data_dir) == before


def test_a_data_directory_that_is_a_file_is_one_line(files, tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("POLICYDESK_DATA_DIR", str(blocker))
    path = files / "plan.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    code, _out, err = _run(capsys, "import", str(path), "--as", "city", "--yes")
    assert code == 1
    assert err.strip() == f"policydesk: {blocker}: 数据目录是一个文件，不是文件夹；请移走它或设置 POLICYDESK_DATA_DIR"
    assert _run(capsys, "docs")[0] == 0  # reading still works from the shipped documents


def test_a_data_directory_that_cannot_be_created_is_one_line(files, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("POLICYDESK_DATA_DIR", str(tmp_path / "file" / "data"))
    (tmp_path / "file").write_text("x")
    path = files / "plan.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    code, _out, err = _run(capsys, "remove", "plan")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(tmp_path / "file" / "data") in err


@pytest.mark.parametrize("name", ["plan"])
def test_stale_temporaries_of_a_killed_write_are_cleaned_at_the_next_start(data_dir, capsys, name):
    import os
    import time

    docs = data_dir / "documents"
    docs.mkdir()
    old, fresh = docs / f".{name}.xml.abc123.tmp", docs / f".{name}.xml.def456.tmp"
    old.write_text("half")
    fresh.write_text("another process is writing this one")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert _run(capsys, "docs")[0] == 0
    assert not old.exists() and fresh.exists()


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="root reads any file")
def test_an_unreadable_input_file_is_one_chinese_line(files, capsys):
    path = files / "secret.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    path.chmod(0o000)
    try:
        code, _out, err = _run(capsys, "import", str(path))
    finally:
        path.chmod(0o644)
    assert code == 1 and err.strip() == f"policydesk: {path}: 无法读取文件：没有权限"


def test_an_unreadable_input_file_simulated(files, capsys, monkeypatch):
    from pathlib import Path

    path = files / "secret.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")

    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    code, _out, err = _run(capsys, "import", str(path))
    assert code == 1 and err.strip() == f"policydesk: {path}: 无法读取文件：没有权限"


def test_reading_commands_never_create_the_data_directory(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "never-made"
    monkeypatch.setenv("POLICYDESK_DATA_DIR", str(missing))
    for argv in (["docs"], ["show", "liaoning", "5"], ["links", "liaoning", "4"], ["coverage"]):
        assert _run(capsys, *argv)[0] == 0
    assert not missing.exists()
