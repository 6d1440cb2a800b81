"""``policydesk selftest`` from a source checkout: every check runs for real and failures are named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desktop_app import cli, paths
from desktop_app.commands import selftest_cmd

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """Where selftest makes its temporary folder, so a test can see what it leaves behind."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_selftest_passes_one_line_per_check(capsys, scratch):
    assert cli.main(["selftest"]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = [line for line in out if line.startswith(("[PASS]", "[FAIL]"))]
    assert [line.split("]", 1)[1].split("：", 1)[0].strip() for line in lines] == [
        c.title for c in selftest_cmd.CHECKS]
    assert all(line.startswith("[PASS]") for line in lines), out
    assert out[-1].startswith(f"自检通过：{len(selftest_cmd.CHECKS)} 项全部通过")


def test_selftest_leaves_user_data_and_environment_alone(capsys, scratch, data_dir):
    before = os.environ[paths.DATA_DIR_ENV]
    assert cli.main(["selftest"]) == 0
    assert os.environ[paths.DATA_DIR_ENV] == before
    assert list(data_dir.iterdir()) == [], "selftest wrote into the user's data directory"
    assert list(scratch.iterdir()) == [], "selftest left its temporary folder behind"


def test_keep_leaves_the_temporary_folder_and_says_where(capsys, scratch):
    assert cli.main(["selftest", "--keep"]) == 0
    out = capsys.readouterr().out
    kept = list(scratch.iterdir())
    assert len(kept) == 1 and f"临时目录已保留：{kept[0]}" in out
    assert (kept[0] / "data").is_dir()


def test_missing_shipped_files_fail_by_name(capsys, scratch, tmp_path, monkeypatch):
    empty = tmp_path / "install"
    empty.mkdir()
    monkeypatch.setattr(paths, "install_root", lambda: empty)
    assert cli.main(["selftest"]) == 1
    captured = capsys.readouterr()
    assert "[FAIL] 随附文件：" in captured.out and "central.xml" in captured.out
    assert "[FAIL] 加载语料：" in captured.out
    assert "[FAIL] 条款查找与交叉链接：语料未能加载" in captured.out
    assert "自检未通过" in captured.err and "随附文件" in captured.err and "加载语料" in captured.err
    assert "Traceback" not in captured.out + captured.err


def test_a_wrong_completeness_mark_is_caught(capsys, scratch, tmp_path, monkeypatch):
    """The lookup check reads the shipped files: central （五） marked as full text would be a lie."""
    install = tmp_path / "install"
    shutil.copytree(ROOT / "policy_texts", install / "policy_texts")
    shutil.copytree(ROOT / "resources", install / "resources")
    xml = install / "policy_texts" / "central.xml"
    text = xml.read_text(encoding="utf-8")
    marked = '<paragraph eId="part_3__para_5" completeness="partial">'
    assert marked in text
    xml.write_text(text.replace(marked, '<paragraph eId="part_3__para_5" completeness="full">'), encoding="utf-8")
    monkeypatch.setattr(paths, "install_root", lambda: install)
    assert cli.main(["selftest"]) == 1
    out = capsys.readouterr().out
    assert "[PASS] 加载语料" in out
    assert "[FAIL] 条款查找与交叉链接：中央意见第（五）条标为全文" in out


def test_selftest_runs_as_a_command_from_source(tmp_path):
    tmp_path = tmp_path / "run"
    tmp_path.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("POLICYDESK_DATA_DIR", None)
    env["HOME"] = str(tmp_path / "home")      # any real-data fallback would land here, and we check it does not
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    result = subprocess.run([sys.executable, "-m", "desktop_app", "selftest"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, encoding="utf-8", check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("[PASS]") == len(selftest_cmd.CHECKS)
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "selftest wrote outside its temporary folder"


def test_font_note_names_the_missing_official_fonts(monkeypatch):
    monkeypatch.setattr(selftest_cmd, "installed_font_names", lambda: ["黑体,SimHei", "FangSong_GB2312", "宋体"])
    note = selftest_cmd.font_note()
    assert "未安装 楷体_GB2312、方正小标宋简体" in note and "仿宋_GB2312" not in note.split("；")[0]
    monkeypatch.setattr(selftest_cmd, "installed_font_names",
                        lambda: ["仿宋_GB2312 (TrueType)", "楷体_GB2312 (TrueType)", "方正小标宋简体 (TrueType)"])
    assert selftest_cmd.font_note() == "[提示] 公文字体：本机已安装 仿宋_GB2312、楷体_GB2312、方正小标宋简体"
    monkeypatch.setattr(selftest_cmd, "installed_font_names", lambda: None)
    assert "无法检查" in selftest_cmd.font_note()


def test_an_export_that_loses_the_draft_is_caught(capsys, scratch, monkeypatch):
    """The export checks read the .docx back: a file without the clauses and comments fails."""
    import docx

    import desktop_app.export

    def empty_export(draft, corpus, path, **options):
        docx.Document().save(str(path))
        return Path(path)

    monkeypatch.setattr(desktop_app.export, "export_draft", empty_export)
    assert cli.main(["selftest"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] 导出方案草稿：导出的方案中没有标题“沈阳市" in out
    assert "[PASS] 导出对照表" in out


def test_a_search_that_finds_nothing_is_caught(capsys, scratch, monkeypatch):
    from desktop_app.search import SearchIndex

    monkeypatch.setattr(SearchIndex, "search", lambda self, query, **options: [])
    assert cli.main(["selftest"]) == 1
    out = capsys.readouterr().out
    assert "[PASS] 建立检索索引" in out
    assert "[FAIL] 全文检索：检索“户籍”没有结果" in out
    assert "[FAIL] 重新打开索引：重新打开索引后检索结果不同" in out
