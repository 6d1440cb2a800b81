"""Exports never leave a half-written file, never replace a file unasked, and say clearly what went wrong."""

from __future__ import annotations

import errno
import os

import pytest

from desktop_app.core import fileio
from desktop_app.drafting import save_draft
from desktop_app.export import ExportError, TargetExistsError, export_draft, export_table


def test_existing_file_is_kept_without_confirmation(edited_draft, corpus, tmp_path):
    target = tmp_path / "方案.docx"
    target.write_bytes(b"the colleague's version")
    with pytest.raises(TargetExistsError, match="已存在") as info:
        export_draft(edited_draft, corpus, target)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"the colleague's version"
    export_draft(edited_draft, corpus, target, overwrite=True)
    assert target.read_bytes()[:2] == b"PK"


def test_missing_folder(edited_draft, corpus, tmp_path):
    target = tmp_path / "不存在的文件夹" / "方案.docx"
    with pytest.raises(ExportError, match="文件夹不存在") as info:
        export_table(edited_draft, corpus, target)
    assert str(target) in str(info.value)
    assert not target.parent.exists()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder(edited_draft, corpus, tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="没有写入权限") as info:
            export_draft(edited_draft, corpus, folder / "方案.docx")
        assert str(folder / "方案.docx") in str(info.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_read_only_folder_simulated(edited_draft, corpus, tmp_path, monkeypatch):
    """What a read-only folder does to the temp file, also when the tests run as root (which chmod cannot stop)."""
    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", denied)
    target = tmp_path / "方案.docx"
    with pytest.raises(ExportError, match="没有写入权限") as info:
        export_draft(edited_draft, corpus, target)
    assert str(target) in str(info.value)
    assert not target.exists()


def test_read_only_target_simulated(edited_draft, corpus, tmp_path, monkeypatch):
    """A file opened in Word on Windows cannot be replaced: os.replace raises PermissionError."""
    target = tmp_path / "方案.docx"
    target.write_bytes(b"open in Word")

    def locked(*_args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="被其他程序") as info:
        export_draft(edited_draft, corpus, target, overwrite=True)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"open in Word"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_full_disk_leaves_the_old_file_and_the_draft_untouched(edited_draft, corpus, tmp_path, monkeypatch):
    target = tmp_path / "方案.docx"
    target.write_bytes(b"yesterday's export")
    draft_file = tmp_path / "草稿.json"
    save_draft(edited_draft, draft_file)
    before = draft_file.read_bytes()
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, _data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(ExportError, match="磁盘空间已满") as info:
        export_draft(edited_draft, corpus, target, track_changes=True, overwrite=True)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"yesterday's export"
    assert draft_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["方案.docx", "草稿.json"]


def test_a_folder_as_target(edited_draft, corpus, tmp_path):
    with pytest.raises(ExportError, match="文件夹"):
        export_draft(edited_draft, corpus, tmp_path, overwrite=True)
