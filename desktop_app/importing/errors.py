"""Why a file cannot be imported.  Each error names the file and says what to do, in Chinese."""

from __future__ import annotations

from ..core.errors import CorpusError


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
