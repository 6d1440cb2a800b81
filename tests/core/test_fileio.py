"""Atomic writes honour the umask and the mode of the file they replace; locks serialise processes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core import fileio
from desktop_app.workspace import Workspace, WorkspaceError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_new_file_gets_the_mode_open_would_give(tmp_path):
    target = tmp_path / "plan.docx"
    fileio.atomic_write_bytes(target, b"x")
    assert _mode(target) == 0o666 & ~fileio.current_umask()
    assert target.read_bytes() == b"x"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_replacing_keeps_the_old_files_mode(tmp_path):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    fileio.atomic_write_bytes(target, b"new")
    assert _mode(target) == 0o640
    assert target.read_bytes() == b"new"


def test_exclusive_refuses_an_existing_file_and_leaves_no_temporary(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "d.json"
    target.write_text("theirs")
    with pytest.raises(FileExistsError):
        fileio.atomic_write_text(target, "mine", exclusive=True)
    assert target.read_text() == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


def test_exclusive_creates_a_missing_file(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "d.json"
    fileio.atomic_write_text(target, "mine", exclusive=True)
    assert target.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


def test_stale_temporaries_are_removed_only_when_old(tmp_path):
    old = tmp_path / ".notes.json.abc123xy.tmp"
    fresh = tmp_path / ".notes.json.zzz999qq.tmp"
    other = tmp_path / "notes.json"
    for p in (old, fresh, other):
        p.write_text("x")
    past = time.time() - 7200
    os.utime(old, (past, past))
    assert fileio.remove_stale_temporaries(tmp_path) == 1
    assert not old.exists() and fresh.exists() and other.exists()


_HOLDER = """
import sys, time
from desktop_app.workspace import Workspace
ws = Workspace(__import__('pathlib').Path(sys.argv[1]))
with ws.lock():
    print('held', flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_lock_is_held_across_processes(tmp_path):
    ws = Workspace(tmp_path / "data")
    with subprocess.Popen([sys.executable, "-c", _HOLDER, str(ws.data_dir), "30"], stdout=subprocess.PIPE,
                          text=True, cwd=Path(__file__).resolve().parents[2]) as proc:
        try:
            assert proc.stdout.readline().strip() == "held"
            with pytest.raises(WorkspaceError) as err, ws.lock(timeout=0.3):
                pass
            assert "另一个 PolicyDesk 程序正在写入知识库" in str(err.value)
            assert str(ws.lock_path) in str(err.value)
        finally:
            proc.kill()
    with ws.lock(timeout=5):  # a killed holder leaves no stale lock
        pass


def test_lock_is_reentrant_in_one_thread(tmp_path):
    ws = Workspace(tmp_path)
    with ws.lock(timeout=1), ws.lock(timeout=1):
        pass


def test_data_dir_that_is_a_file_is_named(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("")
    with pytest.raises(WorkspaceError) as err:
        Workspace(blocker).ensure()
    assert str(blocker) in str(err.value) and "不是文件夹" in str(err.value)


def test_from_environment_reads_the_override(tmp_path):
    ws = Workspace.from_environment({"POLICYDESK_DATA_DIR": str(tmp_path / "x")})
    assert ws.data_dir == tmp_path / "x"
    assert ws.notes_path == tmp_path / "x" / "notes.json"
