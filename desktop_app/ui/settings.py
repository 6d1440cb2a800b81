"""The user's window preferences as one typed object saved as JSON in the workspace (``settings.json``).

Window geometry and splitter state are Qt blobs and go to QSettings (``Workspace.window_state_path``,
an INI file beside this one); everything else is here.  The caller passes the paths of its
:class:`desktop_app.workspace.Workspace`; nothing here reads the data directory itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..core.fileio import atomic_write_text


@dataclass
class AppSettings:
    last_doc: str = "liaoning"
    last_unit: str = ""          # empty: the whole document
    last_view: str = "reader"
    left_tab: int = 0            # 0 目录, 1 检索
    search_doc: str = ""         # empty: all documents
    search_kind: str = ""        # empty: all kinds
    reader_font_pt: int = 12
    export_folder: str = ""      # the folder last exported to (ui/export_to_word.py); empty: the documents folder

    @classmethod
    def load(cls, path: Path) -> AppSettings:
        """Read the settings; a missing or unreadable file gives the defaults (it is only preferences)."""
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

    def save(self, path: Path) -> None:
        """Write atomically.  Raises OSError (the caller says why in Chinese)."""
        atomic_write_text(path, json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n")
