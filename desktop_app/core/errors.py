"""Typed errors of the domain; each names the file and the problem so a person can fix it."""

from __future__ import annotations

import errno
from pathlib import Path


class PolicyDeskError(Exception):
    """Base of every error the domain raises on purpose."""


class FileProblem(PolicyDeskError):
    """Something is wrong with one file.  ``str()`` gives "<file>: <problem>"."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CorpusError(FileProblem):
    """A corpus file cannot be used."""


class MalformedXMLError(CorpusError):
    """The file is not well-formed XML."""


class UnsafeXMLError(CorpusError):
    """The XML declares a DTD or entities (entity expansion, external entities)."""


class SchemaError(CorpusError):
    """The XML is well-formed but not a PolicyDesk document (missing or unknown elements)."""


class InvalidIdError(CorpusError):
    """An id is missing or not of the allowed form."""


class DuplicateIdError(CorpusError):
    """Two documents, parts or clauses share an id."""


class UnknownDocumentError(CorpusError):
    """A link or reference names a document the corpus does not hold."""


class MissingClauseError(CorpusError):
    """A link names a clause that its document does not have."""


class DataFileError(CorpusError):
    """A data table (links, cities, adaptation rules) has a malformed row."""


class LookupFailed(PolicyDeskError):
    """A document or clause reference given by the user matches nothing."""


class MissingInput(PolicyDeskError):
    """Mixed into a FileProblem when the file the user named does not exist (the command line exits with 2)."""


_OS_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "所在磁盘为只读",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EISDIR: "这是一个文件夹",
    errno.EEXIST: "已存在",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "正被其他程序占用",
    errno.ELOOP: "符号链接层数太多",
}


def os_reason(exc: OSError) -> str:
    """The cause of an OS error in Chinese (the part after "文件: ")."""
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
