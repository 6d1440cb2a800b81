"""The user's window preferences as one typed object saved as JSON in the user data directory.

Window geometry and dock/splitter state are Qt blobs and go to QSettings
(an INI file beside this one); everything else is here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .. import paths
from ..core.fileio import atomic_write_text

SETTINGS_FILE = "settings.json"
WINDOW_STATE_FILE = "window.ini"


@dataclass
class AppSettings:
    last_doc: str = "liaoning"
    last_unit: str = ""          # empty: the whole document
    last_view: str = "reader"
    left_tab: int = 0            # 0 目录, 1 检索
    search_doc: str = ""         # empty: all documents
    search_kind: str = ""        # empty: all kinds
    reader_font_pt: int = 12

    @classmethod
    def load(cls, path: Path | None = None) -> AppSettings:
        """Read the settings; a missing or unreadable file gives the defaults (it is only preferences)."""
        path = path or settings_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values = {}
        for key, value in raw.items() if isinstance(raw, dict) else ():
            default = getattr(cls(), key, None)
            if key in known and isinstance(value, type(default)):
                values[key] = value
        return cls(**values)

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        atomic_write_text(path, json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n")


def settings_path() -> Path:
    return paths.data_dir() / SETTINGS_FILE


def window_state_path() -> Path:
    return paths.data_dir() / WINDOW_STATE_FILE
