"""Writing an export safely: atomically, never over a file the user did not agree to replace."""

from __future__ import annotations

import errno
from pathlib import Path

from ..core.errors import FileProblem
from ..core.fileio import atomic_write_bytes


class ExportError(FileProblem):
    """An export could not be written.  ``str()`` names the file and the reason."""


class TargetExistsError(ExportError):
    """The target exists and replacing it was not confirmed (CLI: --force; window: a question)."""


_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EACCES: "没有写入权限，或文件正被其他程序（如 Word、WPS）打开",
    errno.EPERM: "没有写入权限，或文件正被其他程序（如 Word、WPS）打开",
    errno.EROFS: "所在磁盘为只读",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EISDIR: "目标是一个文件夹",
    errno.EBUSY: "文件正被其他程序占用",
}


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def check_target(path: str | Path, overwrite: bool) -> Path:
    """Refuse early (before any work) when the target cannot or may not be written.

    Raises:
        TargetExistsError: *path* exists and *overwrite* is false.
        ExportError: the folder is missing or the target is a folder.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(path, "目标是一个文件夹，请给出文件名")
    if not path.parent.is_dir():
        raise ExportError(path, f"文件夹不存在：{path.parent}")
    if path.exists() and not overwrite:
        raise TargetExistsError(path, "文件已存在；确认替换后才会覆盖（命令行加 --force）")
    return path


def write_export(path: str | Path, data: bytes, overwrite: bool) -> Path:
    """Write *data* to *path* atomically; the old file stays whole if anything fails.

    Raises:
        TargetExistsError: *path* exists and *overwrite* is false.
        ExportError: missing folder, read-only or locked target, full disk (the message names the file).
    """
    path = check_target(path, overwrite)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ExportError(path, f"无法写入：{reason(exc)}") from None
    return path
