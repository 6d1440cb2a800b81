"""The user's private notes and bookmarks on clauses, kept in ``notes.json`` in the user data directory.

Every change is written at once and atomically (temporary file, fsync,
replace), so a crash never leaves a half-written file.  A file that cannot be
read is never overwritten: :meth:`NotesStore.open` moves it aside under a
dated name and starts empty, and says where the old file went.  No Qt.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from .. import paths
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

    def __init__(self, path: Path, notes: dict[tuple[str, str], Note] | None = None) -> None:
        self.path = path
        self._notes: dict[tuple[str, str], Note] = dict(notes or {})

    # ---- opening ---------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> NotesStore:
        """Read the store; a missing file is an empty store.

        Raises:
            DataFileError: the file is not a notes file PolicyDesk can read.
        """
        path = Path(path) if path is not None else paths.data_dir() / NOTES_FILE
        if not path.exists():
            return cls(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            notes = [_note_from(entry) for entry in raw["notes"]]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataFileError(path, f"笔记文件无法读取（{exc}）") from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(path, f"笔记文件格式不对（{exc!r}）") from exc
        return cls(path, {n.key: n for n in notes})

    @classmethod
    def open(cls, path: str | Path | None = None) -> tuple[NotesStore, Path | None]:
        """Like :meth:`load`, but an unreadable file is moved aside instead of raising.

        Returns:
            The store and, when the old file could not be read, where it was moved.
        """
        path = Path(path) if path is not None else paths.data_dir() / NOTES_FILE
        try:
            return cls.load(path), None
        except DataFileError:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
            path.replace(aside)
            return cls(path), aside

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
        if self._notes.pop((doc, unit), None) is not None:
            self.save()

    def _put(self, note: Note) -> Note | None:
        if note.is_empty:
            self.remove(note.doc, note.unit)
            return None
        note = replace(note, updated=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self._notes[note.key] = note
        self.save()
        return note

    def save(self) -> None:
        """Write the whole store atomically.

        Raises:
            OSError: the data directory cannot be written; the old file is unchanged.
        """
        payload = {"version": FORMAT_VERSION, "notes": [asdict(n) for n in self.all()]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _note_from(entry: dict) -> Note:
    doc, unit = entry["doc"], entry["unit"]
    if not isinstance(doc, str) or not isinstance(unit, str) or not doc or not unit:
        raise ValueError(f"条目缺少文档或条款编号：{entry!r}")
    return Note(doc, unit, str(entry.get("text", "")), bool(entry.get("bookmark", False)),
                str(entry.get("updated", "")))
