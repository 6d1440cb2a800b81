"""Writing files the user hands on: atomically, never over a file the user did not agree to replace.

* The new file gets the mode any program would give it (the umask), or keeps the mode of the file it
  replaces (:mod:`desktop_app.core.fileio`).
* Something that is not a regular file (a device, a pipe, a folder) or a symbolic link leading out of
  the chosen folder is never replaced, even when replacing was confirmed.
* A file open in Word, WPS or LibreOffice (their lock file lies beside it) is not replaced unless
  confirmed.
* Without confirmation the file is created exclusively: a file another program created a moment ago
  is not overwritten either.
* :func:`write_all` writes several files all or none.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from ..core.errors import FileProblem
from ..core.fileio import atomic_write_bytes
from ..workspace import os_reason


class ExportError(FileProblem):
    """An export could not be written.  ``str()`` names the file and the reason."""


class TargetExistsError(ExportError):
    """The target exists and replacing it was not confirmed (CLI: --force; window: a question)."""


class TargetOpenError(TargetExistsError):
    """The target is open in Word, WPS or LibreOffice (their lock file lies beside it)."""


_REASONS = {
    errno.EACCES: "没有写入权限，或文件正被其他程序（如 Word、WPS）打开",
    errno.EPERM: "没有写入权限，或文件正被其他程序（如 Word、WPS）打开",
    errno.EISDIR: "目标是一个文件夹",
    errno.EBUSY: "文件正被其他程序占用",
}


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, os_reason(exc))


def office_lock_files(path: Path) -> list[Path]:
    """Lock files beside *path* that say it is open: Word/WPS ``~$`` + the name (for names of seven
    characters or more ``~$`` takes the place of the first one or two), LibreOffice ``.~lock.NAME#``."""
    name = path.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return sorted(path.with_name(c) for c in candidates if path.with_name(c).is_file())


def check_target(path: str | Path, overwrite: bool) -> Path:
    """Refuse early (before any work) when the target cannot or may not be written.

    Returns:
        The path to write (a symbolic link inside the chosen folder is followed to its file).

    Raises:
        TargetExistsError: *path* exists and *overwrite* is false.
        TargetOpenError: *path* is open in an office program and *overwrite* is false.
        ExportError: the folder is missing; the target is a folder, a device or a link leading
            out of its folder (refused even with *overwrite*).
    """
    path = Path(path)
    if path.is_symlink():
        path = _followed(path)
    if path.is_dir():
        raise ExportError(path, "目标是一个文件夹，请给出文件名")
    if not path.parent.is_dir():
        raise ExportError(path, f"文件夹不存在：{path.parent}")
    try:
        st = path.stat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise ExportError(path, f"无法写入：{reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(path, "目标不是普通文件（可能是设备或管道），不能替换")
    if not overwrite:
        locks = office_lock_files(path)
        if locks:
            raise TargetOpenError(path, f"文件似乎正在 Word、WPS 或 LibreOffice 中打开"
                                        f"（旁边有锁文件 {locks[0].name}）；请先关闭它再导出"
                                        "（命令行可加 --force 强制替换）")
        raise TargetExistsError(path, "文件已存在；确认替换后才会覆盖（命令行加 --force）")
    return path


def _followed(link: Path) -> Path:
    folder = link.parent.resolve()
    target = Path(os.path.realpath(link))
    if target.parent != folder:
        raise ExportError(link, f"这是指向所选文件夹以外（{target}）的符号链接，不能替换；请换一个文件名")
    return target


def write_export(path: str | Path, data: bytes, overwrite: bool) -> Path:
    """Write *data* to *path* atomically; the old file stays whole if anything fails.

    Without *overwrite* the file is created exclusively (never over one that appeared meanwhile).

    Raises:
        TargetExistsError: *path* exists and *overwrite* is false.
        ExportError: missing folder, read-only or locked target, full disk (the message names the file).
    """
    path = check_target(path, overwrite)
    try:
        atomic_write_bytes(path, data, exclusive=not overwrite)
    except FileExistsError:
        raise TargetExistsError(path, "文件刚由其他程序建立，未覆盖；"
                                      "确认替换后才会覆盖（命令行加 --force）") from None
    except OSError as exc:
        raise ExportError(path, f"无法写入：{reason(exc)}") from None
    return path


def write_all(files: list[tuple[Path, bytes]], overwrite: bool) -> list[Path]:
    """Write several files all or none: when one fails, those already written are put back as they were.

    Raises:
        ExportError: (or TargetExistsError) for the first file that cannot be written; the message
            says the others were not kept.
    """
    targets = [check_target(path, overwrite) for path, _ in files]  # refuse before writing anything
    done: list[tuple[Path, bytes | None]] = []
    try:
        for target, (_, data) in zip(targets, files, strict=True):
            old = target.read_bytes() if target.exists() else None
            write_export(target, data, overwrite)
            done.append((target, old))
    except ExportError as exc:
        _put_back(done)
        if done:
            kept = "、".join(p.name for p, _ in done)
            raise type(exc)(exc.path, f"{exc.problem}；已写入的 {kept} 已撤回，一个文件也没有改动") from None
        raise
    return targets


def _put_back(done: list[tuple[Path, bytes | None]]) -> None:
    for path, old in reversed(done):
        with contextlib.suppress(OSError):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write_bytes(path, old)
