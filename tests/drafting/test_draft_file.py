"""Draft files: documented JSON, atomic save, clear errors, autosave and recovery after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.drafting import DraftFileError, build_draft, load_draft, recoverable, save_draft, write_autosave
from desktop_app.drafting import edit as ed
from desktop_app.drafting.store import VERSION, discard_autosave, draft_to_dict

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def draft(corpus):
    d = build_draft(corpus, "营口市")
    d = ed.accept_flag(d, "part_1__para_3", 0)
    d, _ = ed.add_clause(d, "part_2", 0, "新增条款", "第一段\n第二段")
    return ed.set_included(d, "part_1__para_1", False)


def test_save_and_reopen_gives_the_same_draft(draft, tmp_path):
    path = tmp_path / "营口方案.json"
    save_draft(draft, path)
    assert load_draft(path) == draft
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "policydesk-draft" and data["version"] == VERSION and data["city"] == "营口市"
    assert data["parts"][1]["clauses"][2]["flags"][0]["accepted"] is True
    assert not list(tmp_path.glob(".*.tmp"))


def test_failed_save_leaves_the_old_file_whole(draft, tmp_path, monkeypatch):
    path = tmp_path / "d.json"
    save_draft(draft, path)
    before = path.read_bytes()

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(DraftFileError, match="磁盘空间已满") as info:
        save_draft(ed.set_title(draft, "改过的标题"), path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".d.json.*"))


def test_save_into_missing_folder_names_the_file(draft, tmp_path):
    target = tmp_path / "没有的文件夹" / "d.json"
    with pytest.raises(DraftFileError, match="不存在") as info:
        save_draft(draft, target)
    assert str(target) in str(info.value)


@pytest.mark.parametrize(("content", "message"), [
    ("{不是 JSON", "JSON 格式错误"),
    ('{"format": "other"}', "不是 PolicyDesk 草稿文件"),
    ('{"format": "policydesk-draft", "version": 9}', "版本 9"),
    ('{"format": "policydesk-draft", "version": 1, "id": "x", "city": "沈阳市", "title": "t", "parts": [{}]}',
     "第 1 部分：缺少字段 'id'"),
    ('{"format": "policydesk-draft", "version": 1, "id": "x", "city": "沈阳市", "title": 5, "parts": []}',
     "字段 'title' 类型不对"),
])
def test_bad_draft_files_give_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DraftFileError, match=message) as info:
        load_draft(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(DraftFileError, match="不存在"):
        load_draft(tmp_path / "none.json")


def test_duplicate_ids_are_refused(draft, tmp_path):
    data = draft_to_dict(draft)
    data["parts"][2]["clauses"].append(data["parts"][2]["clauses"][0])
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftFileError, match="编号重复"):
        load_draft(path)


def test_autosave_is_offered_back_and_discarded(draft, data_dir):
    assert recoverable() == []
    file = write_autosave(draft, "/home/someone/营口方案.json")
    assert file.parent == data_dir / "drafts" / "autosave"
    found = recoverable()
    assert [(r.draft, r.saved_path) for r in found] == [(draft, "/home/someone/营口方案.json")]
    (file.parent / "broken.json").write_text("{", encoding="utf-8")
    assert len(recoverable()) == 1  # an unreadable autosave is skipped, not deleted
    discard_autosave(draft.id)
    assert recoverable() == []
    assert (file.parent / "broken.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_draft_autosaved_before_a_kill_is_recovered(data_dir):
    script = (
        "import os, signal\n"
        "from desktop_app.core.corpus import Corpus\n"
        "from desktop_app.drafting import DraftSession, build_draft, write_autosave\n"
        "from desktop_app.drafting import edit as ed\n"
        "s = DraftSession(build_draft(Corpus.load(), '铁岭市'))\n"
        "s.changed.append(lambda d: write_autosave(d))\n"
        "s.apply('排除', ed.set_included, 'part_1__para_1', False)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, timeout=60, check=False)
    assert proc.returncode == -signal.SIGKILL
    found = recoverable()
    assert len(found) == 1
    assert found[0].draft.city == "铁岭市"
    assert not found[0].draft.clause("part_1__para_1").included
