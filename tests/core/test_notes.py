"""The notes store: saved at once, atomically, readable after a restart; bad files never overwritten."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop_app.core.errors import DataFileError
from desktop_app.core.notes import NotesStore
from desktop_app.workspace import KB_LOCK_FILE


def test_notes_survive_a_restart(data_dir):
    store = NotesStore.load()
    store.set_text("liaoning", "part_2__para_5", "  核对落户条件  ")
    store.set_bookmark("central", "part_3__para_4", True)
    again = NotesStore.load()
    note = again.get("liaoning", "part_2__para_5")
    assert note.text == "核对落户条件" and not note.bookmark and note.updated
    assert again.get("central", "part_3__para_4").bookmark
    assert [n.key for n in again.bookmarks()] == [("central", "part_3__para_4")]
    assert (data_dir / "notes.json").exists()
    assert json.loads((data_dir / "notes.json").read_text(encoding="utf-8"))["version"] == 1


def test_note_and_bookmark_on_one_clause_are_kept_together():
    store = NotesStore.load()
    store.set_bookmark("liaoning", "part_1__para_1", True)
    store.set_text("liaoning", "part_1__para_1", "重点")
    note = NotesStore.load().get("liaoning", "part_1__para_1")
    assert (note.text, note.bookmark) == ("重点", True)


def test_emptying_a_note_removes_it(data_dir):
    store = NotesStore.load()
    store.set_text("liaoning", "part_1__para_1", "临时")
    store.set_text("liaoning", "part_1__para_1", "   ")
    assert store.get("liaoning", "part_1__para_1") is None
    assert len(NotesStore.load()) == 0


def test_save_leaves_no_temporary_files(data_dir):
    store = NotesStore.load()
    for i in range(5):
        store.set_text("liaoning", f"part_1__para_{i + 1}", f"笔记{i}")
    assert sorted(p.name for p in data_dir.iterdir() if p.name != KB_LOCK_FILE) == ["notes.json"]


def test_unreadable_file_is_reported_with_its_name(data_dir):
    (data_dir / "notes.json").write_text("not json", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        NotesStore.load()
    assert "notes.json" in str(err.value) and "笔记文件无法读取" in str(err.value)
    (data_dir / "notes.json").write_text('{"notes": [{"doc": "", "unit": "x"}]}', encoding="utf-8")
    with pytest.raises(DataFileError, match="格式不对"):
        NotesStore.load()


def test_open_moves_an_unreadable_file_aside_and_keeps_its_bytes(data_dir):
    (data_dir / "notes.json").write_bytes(b"\xff\xfe broken")
    store, aside = NotesStore.open()
    assert len(store) == 0
    assert aside is not None and aside.read_bytes() == b"\xff\xfe broken"
    store.set_text("central", "part_2__para_1", "新笔记")
    assert aside.read_bytes() == b"\xff\xfe broken"
    assert NotesStore.load().get("central", "part_2__para_1").text == "新笔记"


def test_failed_save_keeps_the_old_file(data_dir, monkeypatch):
    store = NotesStore.load()
    store.set_text("liaoning", "part_1__para_1", "旧笔记")
    before = (data_dir / "notes.json").read_bytes()

    def disk_full(_src, _dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        store.set_text("liaoning", "part_1__para_1", "新笔记")
    monkeypatch.undo()
    assert (data_dir / "notes.json").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.name != KB_LOCK_FILE) == ["notes.json"]


def test_two_stores_on_one_file_keep_each_others_notes(data_dir):
    """Two windows (or a window and a script) with the notes open: neither undoes the other's changes."""
    first, second = NotesStore.load(), NotesStore.load()
    first.set_text("liaoning", "part_1__para_1", "甲的笔记")
    second.set_bookmark("central", "part_2__para_1", True)
    second.set_text("liaoning", "part_1__para_2", "乙的笔记")
    first.remove("liaoning", "part_1__para_2")
    again = NotesStore.load()
    assert again.get("liaoning", "part_1__para_1").text == "甲的笔记"
    assert again.get("central", "part_2__para_1").bookmark
    assert again.get("liaoning", "part_1__para_2") is None


def test_notes_live_in_the_workspace_given(tmp_path):
    from desktop_app.workspace import Workspace

    workspace = Workspace(tmp_path / "elsewhere")
    NotesStore.load(workspace=workspace).set_text("central", "part_2__para_1", "笔记")
    assert workspace.notes_path.is_file()
    assert NotesStore.load(workspace=workspace).get("central", "part_2__para_1").text == "笔记"


_INDEX_HOLDER = """
import sys, time
from pathlib import Path
from desktop_app.search.indexer import write_lock
with write_lock(Path(sys.argv[1])):
    print('held', flush=True)
    time.sleep(60)
"""


def test_a_long_index_rebuild_in_another_process_does_not_block_saving_a_note(tmp_path):
    """The search index keeps its own lock: a note is saved while another process holds the index."""
    import subprocess
    import sys

    from desktop_app.workspace import Workspace

    workspace = Workspace(tmp_path / "data")
    workspace.ensure()
    root = Path(__file__).resolve().parents[2]
    with subprocess.Popen([sys.executable, "-c", _INDEX_HOLDER, str(workspace.index_parent)],
                          stdout=subprocess.PIPE, text=True, cwd=root) as holder:
        try:
            assert holder.stdout.readline().strip() == "held"
            store = NotesStore.load(workspace=workspace)
            store.set_text("liaoning", "part_1__para_1", "索引重建时写的笔记")
            assert NotesStore.load(workspace=workspace).get("liaoning", "part_1__para_1").text == "索引重建时写的笔记"
        finally:
            holder.kill()
