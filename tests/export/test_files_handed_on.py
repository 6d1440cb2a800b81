"""Files a drafter hands on: ordinary modes, never a device or a link out of the folder, never a file open in
Word, never half a set of files, and one Chinese line for every failure of the disk."""

from __future__ import annotations

import errno
import os
import stat
import sys

import pytest

from desktop_app.cli import main
from desktop_app.core import fileio
from desktop_app.export import safety

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes, devices and symlinks")


def run(capsys, *args):
    code = main(["draft", "--city", "沈阳市", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_exports_honour_the_umask_and_force_keeps_the_mode(capsys, tmp_path):
    plan, saved = tmp_path / "plan.docx", tmp_path / "draft.json"
    assert run(capsys, "-o", plan, "--save", saved)[0] == 0
    expected = 0o666 & ~fileio.current_umask()
    assert _mode(plan) == expected and _mode(saved) == expected
    plan.chmod(0o640)
    assert run(capsys, "-o", plan, "--force")[0] == 0
    assert _mode(plan) == 0o640


@posix_only
def test_a_device_is_never_replaced_even_with_force(capsys, tmp_path):
    link = tmp_path / "plan.docx"
    link.symlink_to("/dev/null")
    code, _out, err = run(capsys, "-o", link, "--force")
    assert code == 1 and str(link) in err and "符号链接" in err
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    code, _out, err = run(capsys, "-o", fifo, "--force")
    assert code == 1 and "不是普通文件" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@posix_only
def test_a_link_out_of_the_folder_is_not_followed_one_inside_is(capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "theirs.docx").write_bytes(b"someone else's file")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "plan.docx").symlink_to(outside / "theirs.docx")
    code, _out, err = run(capsys, "-o", folder / "plan.docx", "--force")
    assert code == 1 and "所选文件夹以外" in err
    assert (outside / "theirs.docx").read_bytes() == b"someone else's file"
    (folder / "real.docx").write_bytes(b"old")
    (folder / "alias.docx").symlink_to("real.docx")
    assert run(capsys, "-o", folder / "alias.docx", "--force")[0] == 0
    assert (folder / "alias.docx").is_symlink() and (folder / "real.docx").read_bytes()[:2] == b"PK"


def test_a_folder_is_never_replaced(capsys, tmp_path):
    (tmp_path / "plan.docx").mkdir()
    code, _out, err = run(capsys, "-o", tmp_path / "plan.docx", "--force")
    assert code == 1 and "文件夹" in err


@pytest.mark.parametrize(("name", "lock"), [
    ("plan.docx", "~$plan.docx"),                         # short names: ~$ before the name
    ("沈阳市实施方案定稿.docx", "~$市实施方案定稿.docx"),      # long names: ~$ replaces the first two characters
    ("方案.docx", ".~lock.方案.docx#"),                     # LibreOffice
])
def test_a_file_open_in_word_wps_or_libreoffice_is_not_replaced_without_force(capsys, tmp_path, name, lock):
    target = tmp_path / name
    target.write_bytes(b"open in Word")
    (tmp_path / lock).write_bytes(b"owner")
    code, _out, err = run(capsys, "-o", target)
    assert code == 1 and "正在 Word、WPS 或 LibreOffice 中打开" in err and lock in err
    assert target.read_bytes() == b"open in Word"
    assert run(capsys, "-o", target, "--force")[0] == 0
    assert target.read_bytes()[:2] == b"PK"


def test_save_without_force_does_not_overwrite_a_file_created_meanwhile(capsys, tmp_path, monkeypatch):
    saved = tmp_path / "draft.json"
    real_write = fileio.atomic_write_bytes

    def someone_creates_it(path, data, **kwargs):  # another program creates the file after every check
        saved.write_text("another program's draft")
        return real_write(path, data, **kwargs)

    monkeypatch.setattr(safety, "atomic_write_bytes", someone_creates_it)
    code, _out, err = run(capsys, "--save", saved)
    assert code == 1 and "其他程序" in err
    assert saved.read_text() == "another program's draft"


def test_several_files_are_written_all_or_none(capsys, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    plan, table, saved = tmp_path / "plan.docx", tmp_path / "table.docx", tmp_path / "draft.json"
    plan.write_bytes(b"yesterday's plan")
    real_write = fileio.atomic_write_bytes

    def table_fails(path, data, **kwargs):
        if path == table:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_write(path, data, **kwargs)

    monkeypatch.setattr(safety, "atomic_write_bytes", table_fails)
    code, out, err = run(capsys, "-o", plan, "--table", table, "--save", saved, "--force")
    assert code == 1
    assert str(table) in err and "磁盘空间已满" in err and "已撤回" in err
    assert len(err.strip().splitlines()) == 1 and out == ""
    assert plan.read_bytes() == b"yesterday's plan"
    assert not table.exists() and not saved.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_a_name_too_long_is_one_line(capsys, tmp_path):
    target = tmp_path / ("方案" * 100 + ".docx")
    code, _out, err = run(capsys, "-o", target)
    assert code == 1 and "文件名或路径太长" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_draft_file_exits_2(capsys, tmp_path):
    code = main(["draft", "--from", str(tmp_path / "无.json"), "-o", str(tmp_path / "p.docx")])
    err = capsys.readouterr().err
    assert code == 2 and "无.json" in err and "不存在" in err
