"""City drafts: building a city's 实施方案 from the provincial measures, editing it, saving it.

Plain Python, no Qt.  See docs/draft-format.md for the file format.
"""

from __future__ import annotations

from .build import TITLE, TO_COMPLETE, build_draft
from .edit import DraftEditError, DraftSession
from .model import Draft, DraftClause, DraftPart, Flag, NumberedClause, NumberedPart, Origin, Replacement
from .store import DraftFileError, Recovery, load_draft, recoverable, save_draft, write_autosave

__all__ = [
    "TITLE", "TO_COMPLETE", "Draft", "DraftClause", "DraftEditError", "DraftFileError", "DraftPart", "DraftSession",
    "Flag", "NumberedClause", "NumberedPart", "Origin", "Recovery", "Replacement", "build_draft", "load_draft",
    "recoverable", "save_draft", "write_autosave",
]
