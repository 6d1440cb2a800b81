"""Why a file cannot be imported.  Each error names the file and says what to do, in Chinese."""

from __future__ import annotations

from ..core.errors import CorpusError, MissingInput


class ImportFailed(CorpusError):
    """The file cannot be imported; nothing was saved."""


class EmptyFileError(ImportFailed):
    """The file has no text."""


class BinaryFileError(ImportFailed):
    """The file is not text (a binary file with a text file's name)."""


class EncodingUnclearError(ImportFailed):
    """The text's encoding cannot be told for certain; the user must say which it is."""


class FileTooLargeError(ImportFailed):
    """The file, or what it would expand to, is past the limit."""


class CorruptFileError(ImportFailed):
    """The file is truncated or damaged (a .docx that is not a whole zip archive)."""


class UnsupportedFormatError(ImportFailed):
    """The file's extension is not one PolicyDesk reads."""


class NoStructureError(ImportFailed):
    """No numbering (一、 （一） 第X条) was recognised; the user may import it one clause per paragraph."""


class StoreError(ImportFailed):
    """The document cannot be saved or removed (id taken, shipped document, disk problem)."""


class DuplicateContentError(ImportFailed):
    """A document with the same text is already in the knowledge base (``existing_id``); importing it again
    as a copy needs the user's word (``allow_duplicate=True``; CLI ``--allow-duplicate``)."""

    def __init__(self, path, existing_id: str, problem: str) -> None:
        self.existing_id = existing_id
        super().__init__(path, problem)


class MissingFileError(ImportFailed, MissingInput):
    """The file to import does not exist (the command line exits with 2)."""
