"""The user's workspace: every writable path PolicyDesk uses, derived from one data directory.

Built once by an entry point (:meth:`Workspace.from_environment` reads ``POLICYDESK_DATA_DIR``) and
passed down; nothing else reads the environment for the data directory.  Anki's ``Collection(path)``
is the model: one root given, every other path derived from it.

Writers of the knowledge base (imports, removals, accepted links, notes, settings, the department
registry, the search dictionary) hold :meth:`Workspace.lock` while they write; the search index keeps
its own lock (``index.lock``), so a long rebuild never blocks saving a note.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import paths
from .core.errors import FileProblem, os_reason
from .core.fileio import LockTimeout, atomic_write_text, exclusive_lock, remove_stale_temporaries

KB_LOCK_FILE = "knowledge.lock"
KB_LOCK_TIMEOUT = 30.0
SET_ASIDE_NOTE_SUFFIX = ".原因.txt"


class WorkspaceError(FileProblem):
    """The data directory (or a file in it) cannot be used.  ``str()`` names the path and the cause."""


def describe_os_error(exc: OSError) -> str:
    """One Chinese line for an OS error: the file it concerns and the cause."""
    where = exc.filename if exc.filename is not None else "（未知文件）"
    extra = f"（{exc.filename2}）" if getattr(exc, "filename2", None) else ""
    return f"{where}{extra}: {os_reason(exc)}"


@dataclass(frozen=True)
class Workspace:
    """Paths of one user data directory.  Creating the object touches nothing on disk."""

    data_dir: Path

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Workspace:
        """The workspace the environment names (``POLICYDESK_DATA_DIR``), else the platform default."""
        env = os.environ if environ is None else environ
        override = env.get(paths.DATA_DIR_ENV)
        if override:
            return cls(Path(override).expanduser())
        return cls(paths.default_data_dir())

    # -- derived paths -------------------------------------------------------------------------
    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def index_parent(self) -> Path:
        """The folder the search index lives under (``index/`` and ``index.lock`` inside it)."""
        return self.data_dir

    @property
    def notes_path(self) -> Path:
        return self.data_dir / "notes.json"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def autosave_dir(self) -> Path:
        return self.drafts_dir / "autosave"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def window_state_path(self) -> Path:
        return self.data_dir / "window-state.ini"

    @property
    def departments_path(self) -> Path:
        """The user's edited department registry (issue: task division)."""
        return self.data_dir / "departments.tsv"

    @property
    def dictionary_path(self) -> Path:
        """The user's additions to the search dictionary (issue: search that understands drafters)."""
        return self.data_dir / "search-dictionary.tsv"

    @property
    def set_aside_dir(self) -> Path:
        """Where unreadable user files are moved so the rest loads (see docs/recovery.md)."""
        return self.data_dir / "set-aside"

    @property
    def lock_path(self) -> Path:
        return self.data_dir / KB_LOCK_FILE

    # -- operations ----------------------------------------------------------------------------
    def ensure(self) -> Path:
        """Create the data directory if needed and check that it is a writable folder.

        Raises:
            WorkspaceError: it is a file, cannot be created, or cannot be written.
        """
        path = self.data_dir
        if path.exists() and not path.is_dir():
            raise WorkspaceError(path, "数据目录是一个文件，不是文件夹；请移走它或设置 POLICYDESK_DATA_DIR")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(path, f"无法建立数据目录：{os_reason(exc)}") from None
        if not os.access(path, os.W_OK | os.X_OK):
            raise WorkspaceError(path, "数据目录不可写：没有权限或磁盘为只读")
        return path

    def folder(self, path: Path) -> Path:
        """Create *path* (a folder inside the workspace) if needed; errors name the folder."""
        self.ensure()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(path, f"无法建立文件夹：{os_reason(exc)}") from None
        return path

    def remove_stale_temporaries(self, older_than: float = 3600.0) -> int:
        """Remove what killed writes left in the workspace's folders (called by every entry point at start).

        Only temporaries older than *older_than* seconds go, so another process's write in progress is
        never touched.  Creates nothing; returns how many files were removed.
        """
        folders = (self.data_dir, self.documents_dir, self.drafts_dir, self.autosave_dir, self.cache_dir)
        return sum(remove_stale_temporaries(folder, older_than) for folder in folders)

    def set_aside(self, path: Path, reason: str) -> Path:
        """Move an unreadable file of the workspace into :attr:`set_aside_dir` so the rest can load.

        The file keeps its name behind a time stamp (``20261202-150102-shenyang.xml``); beside it a
        ``….原因.txt`` says where it came from and why it was moved (docs/recovery.md: putting it back).
        Takes the knowledge-base lock.

        Raises:
            WorkspaceError: the file cannot be moved (it then stays where it was).
        """
        with self.lock():
            folder = self.folder(self.set_aside_dir)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = folder / f"{stamp}-{path.name}"
            n = 1
            while target.exists():
                n += 1
                target = folder / f"{stamp}-{n}-{path.name}"
            try:
                os.replace(path, target)
            except OSError as exc:
                raise WorkspaceError(path, f"无法读取，也无法移到 {folder}：{os_reason(exc)}") from None
            note = f"原位置：{path}\n移开时间：{datetime.now().isoformat(timespec='seconds')}\n原因：{reason}\n"
            with contextlib.suppress(OSError):
                atomic_write_text(target.with_name(target.name + SET_ASIDE_NOTE_SUFFIX), note)
        return target

    @contextmanager
    def lock(self, timeout: float = KB_LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the knowledge-base write lock (re-entrant in one thread; across processes).

        Raises:
            WorkspaceError: the lock cannot be created, or another process held it past *timeout*.
        """
        self.ensure()
        try:
            with exclusive_lock(self.lock_path, timeout):
                yield
        except LockTimeout:
            raise WorkspaceError(self.lock_path, f"另一个 PolicyDesk 程序正在写入知识库，"
                                                 f"等待 {int(timeout)} 秒仍未结束；请稍后再试") from None
        except WorkspaceError:
            raise
        except OSError as exc:
            if exc.filename and Path(exc.filename) == self.lock_path:
                raise WorkspaceError(self.lock_path, f"无法加锁：{os_reason(exc)}") from None
            raise
