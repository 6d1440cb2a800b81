"""Importing other documents (no Qt): format readers, header and structure detection, the user store.

Entry points: :func:`prepare_import` (read, structure, suggest links; writes
nothing), :func:`commit_import` (save what the user accepted) and
:func:`remove_document`.
"""

from __future__ import annotations

from .build import FORMATS, ImportedFile, load_file
from .errors import (
    BinaryFileError,
    CorruptFileError,
    DuplicateContentError,
    EmptyFileError,
    EncodingUnclearError,
    FileTooLargeError,
    ImportFailed,
    NoStructureError,
    StoreError,
    UnsupportedFormatError,
)
from .plan import ImportPlan, commit_import, plan_for, prepare_import, remove_document
from .store import UserStore

__all__ = [
    "FORMATS",
    "BinaryFileError",
    "CorruptFileError",
    "DuplicateContentError",
    "EmptyFileError",
    "EncodingUnclearError",
    "FileTooLargeError",
    "ImportFailed",
    "ImportPlan",
    "ImportedFile",
    "NoStructureError",
    "StoreError",
    "UnsupportedFormatError",
    "UserStore",
    "commit_import",
    "load_file",
    "plan_for",
    "prepare_import",
    "remove_document",
]
