"""The user's private notes and bookmarks on clauses, kept in ``notes.json`` in the user data directory.

Every change is written at once and atomically (temporary file, fsync,
replace), so a crash never leaves a half-written file.  A change holds the
knowledge-base lock and is applied to the file as it is on disk at that moment,
so two windows (or a window and a script) never undo each other's notes.  A file that cannot be
read is never overwritten: :meth:`NotesStore.open` moves it aside under a
dated name and starts empty, and says where the old file went.  No Qt.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ..workspace import Workspace
from .errors import DataFileError
from .fileio import atomic_write_text

NOTES_FILE = "notes.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Note:
    """A note and/or bookmark on one part or clause (``doc``, ``unit``)."""

    doc: str
    unit: str
    text: str = ""
    bookmark: bool = False
    updated: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.unit)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and not self.bookmark


class NotesStore:
    """Notes keyed by (document id, unit id), saved on every change."""

    def __init__(self, path: Path, notes: dict[tuple[str, str], Note] | None = None, *,
                 workspace: Workspace | None = None) -> None:
        self.path = Path(path)
        self._notes: dict[tuple[str, str], Note] = dict(notes or {})
        # notes.json lives in the data directory, so this is the workspace whose lock guards it.
        self._workspace = workspace or Workspace(self.path.parent)

    # ---- opening ---------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, *, workspace: Workspace | None = None) -> NotesStore:
        """Read the store (``workspace.notes_path`` unless *path* is given); a missing file is an empty store.

        Raises:
            DataFileError: the file is not a notes file PolicyDesk can read.
        """
        path, workspace = _where(path, workspace)
        return cls(path, _read(path), workspace=workspace)

    @classmethod
    def open(cls, path: str | Path | None = None, *,
             workspace: Workspace | None = None) -> tuple[NotesStore, Path | None]:
        """Like :meth:`load`, but an unreadable file is moved aside instead of raising.

        Returns:
            The store and, when the old file could not be read, where it was moved.
        """
        path, workspace = _where(path, workspace)
        try:
            return cls.load(path, workspace=workspace), None
        except DataFileError:
            with workspace.lock():
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                aside = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
                path.replace(aside)
            return cls(path, workspace=workspace), aside

    # ---- reading ---------------------------------------------------------
    def get(self, doc: str, unit: str) -> Note | None:
        return self._notes.get((doc, unit))

    def all(self) -> list[Note]:
        return sorted(self._notes.values(), key=lambda n: n.key)

    def bookmarks(self) -> list[Note]:
        return [n for n in self.all() if n.bookmark]

    def __len__(self) -> int:
        return len(self._notes)

    # ---- changing (each change is saved) ------------------------------------
    def set_text(self, doc: str, unit: str, text: str) -> Note | None:
        """Set the note text of a unit; an empty text with no bookmark removes the entry."""
        current = self._notes.get((doc, unit)) or Note(doc, unit)
        return self._put(replace(current, text=text.strip()))

    def set_bookmark(self, doc: str, unit: str, on: bool) -> Note | None:
        current = self._notes.get((doc, unit)) or Note(doc, unit)
        return self._put(replace(current, bookmark=on))

    def remove(self, doc: str, unit: str) -> None:
        self._change((doc, unit), None)  # another program may have added it since this store was read

    def _put(self, note: Note) -> Note | None:
        if note.is_empty:
            self.remove(note.doc, note.unit)
            return None
        note = replace(note, updated=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self._change(note.key, note)
        return note

    def _change(self, key: tuple[str, str], note: Note | None) -> None:
        """Apply one change to the file as it is now (another program may have changed other notes)."""
        with self._workspace.lock():
            try:
                current = _read(self.path)
            except DataFileError:
                current = self._notes  # unreadable since it was opened: never merge into garbage
            current = dict(current)
            if note is not None:
                current[key] = note
                self._write(current)
            elif current.pop(key, None) is not None:
                self._write(current)
            self._notes = current

    def save(self) -> None:
        """Write the whole store atomically (under the knowledge-base lock).

        Raises:
            OSError: the data directory cannot be written; the old file is unchanged.
        """
        with self._workspace.lock():
            self._write(self._notes)

    def _write(self, notes: dict[tuple[str, str], Note]) -> None:
        payload = {"version": FORMAT_VERSION, "notes": [asdict(n) for n in sorted(notes.values(), key=lambda n: n.key)]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _where(path: str | Path | None, workspace: Workspace | None) -> tuple[Path, Workspace]:
    if path is not None:
        path = Path(path)
        return path, workspace or Workspace(path.parent)
    workspace = workspace or Workspace.from_environment()
    return workspace.notes_path, workspace


def _read(path: Path) -> dict[tuple[str, str], Note]:
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        notes = [_note_from(entry) for entry in raw["notes"]]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(path, f"笔记文件无法读取（{exc}）") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(path, f"笔记文件格式不对（{exc!r}）") from exc
    return {n.key: n for n in notes}


def _note_from(entry: dict) -> Note:
    doc, unit = entry["doc"], entry["unit"]
    if not isinstance(doc, str) or not isinstance(unit, str) or not doc or not unit:
        raise ValueError(f"条目缺少文档或条款编号：{entry!r}")
    return Note(doc, unit, str(entry.get("text", "")), bool(entry.get("bookmark", False)),
                str(entry.get("updated", "")))
