"""Draft files (documented in docs/draft-format.md): JSON, saved atomically; autosave and recovery.

The autosave of an open draft lives in ``<data dir>/drafts/autosave/<draft id>.json``.
It is written atomically while the drafter works and removed when the editor
closes normally, so a file left there means the program was killed or crashed:
:func:`recoverable` offers it back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import FileProblem
from ..core.fileio import atomic_write_text
from ..workspace import Workspace, WorkspaceError
from .build import now_iso
from .model import Draft, DraftClause, DraftPart, Flag, Origin, Replacement

FORMAT = "policydesk-draft"
VERSION = 1


class DraftFileError(FileProblem):
    """A draft file cannot be read or written.  ``str()`` gives "<file>: <problem>"."""


# ---- to and from plain data ------------------------------------------------
def _replacement(r: Replacement) -> dict[str, Any]:
    return {"pattern": r.pattern, "replacement": r.replacement, "count": r.count, "why": r.why, "kept": list(r.kept)}


def _flag(f: Flag) -> dict[str, Any]:
    return {"pattern": f.pattern, "suggestion": f.suggestion, "why": f.why, "accepted": f.accepted}


def _clause(c: DraftClause) -> dict[str, Any]:
    return {
        "id": c.id, "heading": c.heading, "body": c.body, "included": c.included, "origin": c.origin.value,
        "source_id": c.source_id, "original_heading": c.original_heading, "original_body": c.original_body,
        "carries_out": list(c.carries_out), "related": list(c.related),
        "replacements": [_replacement(r) for r in c.replacements], "flags": [_flag(f) for f in c.flags],
        "to_complete": c.to_complete,
    }


def _part(p: DraftPart) -> dict[str, Any]:
    return {
        "id": p.id, "heading": p.heading, "paragraphs": list(p.paragraphs), "included": p.included,
        "origin": p.origin.value, "source_id": p.source_id, "carries_out": list(p.carries_out),
        "to_complete": p.to_complete, "clauses": [_clause(c) for c in p.clauses],
    }


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": VERSION, "id": draft.id, "city": draft.city, "title": draft.title,
        "provincial_doc": draft.provincial_doc, "central_doc": draft.central_doc,
        "created": draft.created, "modified": draft.modified, "preamble": list(draft.preamble),
        "preamble_replacements": [_replacement(r) for r in draft.preamble_replacements],
        "parts": [_part(p) for p in draft.parts],
    }


def draft_to_json(draft: Draft) -> str:
    return json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=1) + "\n"


class _Reader:
    """Reads the plain data back, naming the place of the first problem."""

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DraftFileError:
        return DraftFileError(self.path, f"{where}：{problem}")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(where, "应为对象")
        if key not in obj:
            if default is ...:
                raise self.fail(where, f"缺少字段 {key!r}")
            return default
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where, f"字段 {key!r} 类型不对")
        return value

    def strings(self, obj: Any, key: str, where: str) -> tuple[str, ...]:
        values = self.get(obj, key, list, where, [])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(where, f"字段 {key!r} 应为文字列表")
        return tuple(values)

    def origin(self, obj: Any, where: str) -> Origin:
        value = self.get(obj, "origin", str, where, "provincial")
        try:
            return Origin(value)
        except ValueError:
            raise self.fail(where, f"来源 {value!r} 无效") from None

    def replacement(self, obj: Any, where: str) -> Replacement:
        return Replacement(self.get(obj, "pattern", str, where), self.get(obj, "replacement", str, where),
                           self.get(obj, "count", int, where, 0), self.get(obj, "why", str, where, ""),
                           self.strings(obj, "kept", where))

    def flag(self, obj: Any, where: str) -> Flag:
        return Flag(self.get(obj, "pattern", str, where), self.get(obj, "suggestion", str, where),
                    self.get(obj, "why", str, where, ""), self.get(obj, "accepted", bool, where, False))

    def clause(self, obj: Any, where: str) -> DraftClause:
        g = self.get
        return DraftClause(
            id=g(obj, "id", str, where), heading=g(obj, "heading", str, where), body=g(obj, "body", str, where, ""),
            included=g(obj, "included", bool, where, True), origin=self.origin(obj, where),
            source_id=g(obj, "source_id", str, where, ""), original_heading=g(obj, "original_heading", str, where, ""),
            original_body=g(obj, "original_body", str, where, ""), carries_out=self.strings(obj, "carries_out", where),
            related=self.strings(obj, "related", where),
            replacements=tuple(self.replacement(r, f"{where}替换{i + 1}")
                               for i, r in enumerate(g(obj, "replacements", list, where, []))),
            flags=tuple(self.flag(f, f"{where}提示{i + 1}") for i, f in enumerate(g(obj, "flags", list, where, []))),
            to_complete=g(obj, "to_complete", bool, where, False),
        )

    def part(self, obj: Any, where: str) -> DraftPart:
        g = self.get
        clauses = tuple(self.clause(c, f"{where}第 {i + 1} 条")
                        for i, c in enumerate(g(obj, "clauses", list, where, [])))
        return DraftPart(
            id=g(obj, "id", str, where), heading=g(obj, "heading", str, where),
            paragraphs=self.strings(obj, "paragraphs", where), clauses=clauses,
            included=g(obj, "included", bool, where, True), origin=self.origin(obj, where),
            source_id=g(obj, "source_id", str, where, ""), carries_out=self.strings(obj, "carries_out", where),
            to_complete=g(obj, "to_complete", bool, where, False),
        )

    def draft(self, data: Any) -> Draft:
        g = self.get
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DraftFileError(self.path, "不是 PolicyDesk 草稿文件（缺少 \"format\": \"policydesk-draft\"）")
        version = g(data, "version", int, "文件")
        if version > VERSION:
            raise DraftFileError(self.path, f"草稿格式版本 {version} 比本程序支持的 {VERSION} 新，请升级程序")
        parts = tuple(self.part(p, f"第 {i + 1} 部分") for i, p in enumerate(g(data, "parts", list, "文件")))
        draft = Draft(
            id=g(data, "id", str, "文件"), city=g(data, "city", str, "文件"), title=g(data, "title", str, "文件"),
            preamble=self.strings(data, "preamble", "文件"), parts=parts,
            provincial_doc=g(data, "provincial_doc", str, "文件", "liaoning"),
            central_doc=g(data, "central_doc", str, "文件", "central"),
            preamble_replacements=tuple(self.replacement(r, f"序言替换{i + 1}")
                                        for i, r in enumerate(g(data, "preamble_replacements", list, "文件", []))),
            created=g(data, "created", str, "文件", ""), modified=g(data, "modified", str, "文件", ""),
        )
        ids = [p.id for p in draft.parts] + [c.id for c in draft.clauses]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise DraftFileError(self.path, f"编号重复：{'、'.join(dupes)}")
        return draft


def draft_from_dict(data: Any, path: str | Path = "<草稿>") -> Draft:
    return _Reader(path).draft(data)


# ---- files -----------------------------------------------------------------
def save_draft(draft: Draft, path: str | Path) -> None:
    """Write the draft atomically: *path* is the old file or the whole new one, never half-written.

    Raises:
        DraftFileError: the folder is missing, read-only or full (the message names the file).
    """
    path = Path(path)
    try:
        atomic_write_text(path, draft_to_json(draft))
    except OSError as exc:
        raise DraftFileError(path, f"无法保存草稿：{describe_os_error(exc)}") from None


def load_draft(path: str | Path) -> Draft:
    """Read a draft file.

    Raises:
        DraftFileError: missing, unreadable, not JSON or not a draft (the message says which and where).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DraftFileError(path, f"无法读取：{describe_os_error(exc)}") from None
    except UnicodeDecodeError:
        raise DraftFileError(path, "不是 UTF-8 编码的文本文件") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftFileError(path, f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}") from None
    return draft_from_dict(data, path)


def describe_os_error(exc: OSError) -> str:
    """A Chinese reason for a failed file operation."""
    import errno

    reasons = {
        errno.ENOENT: "文件夹或文件不存在",
        errno.EACCES: "没有写入权限，或文件正被其他程序（如 Word、WPS）占用",
        errno.EPERM: "没有写入权限，或文件正被其他程序（如 Word、WPS）占用",
        errno.EROFS: "所在磁盘为只读",
        errno.ENOSPC: "磁盘空间已满",
        errno.EISDIR: "目标是一个文件夹",
        errno.ENOTDIR: "路径中有一部分不是文件夹",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


# ---- autosave and recovery -------------------------------------------------
def autosave_dir(create: bool = True, workspace: Workspace | None = None) -> Path:
    """The autosave folder of *workspace* (the environment's when None), created when *create*.

    Raises:
        WorkspaceError: *create* and the folder cannot be created (the message names it).
    """
    workspace = workspace or Workspace.from_environment()
    return workspace.folder(workspace.autosave_dir) if create else workspace.autosave_dir


@dataclass(frozen=True)
class Recovery:
    """An autosaved draft left behind by a session that did not close normally."""

    file: Path
    draft: Draft
    saved_path: str | None
    saved_at: str


def write_autosave(draft: Draft, saved_path: str | None = None, workspace: Workspace | None = None) -> Path:
    """Autosave the open draft atomically; returns the autosave file.

    Raises:
        DraftFileError: the autosave could not be written (the message names the file and the cause).
    """
    try:
        target = autosave_dir(workspace=workspace) / f"{draft.id}.json"
    except WorkspaceError as exc:
        raise DraftFileError(exc.path, f"自动保存失败：{exc.problem}") from None
    data = {"autosave_of": saved_path, "saved_at": now_iso(), "draft": draft_to_dict(draft)}
    try:
        atomic_write_text(target, json.dumps(data, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise DraftFileError(target, f"自动保存失败：{describe_os_error(exc)}") from None
    return target


def discard_autosave(draft_id: str, workspace: Workspace | None = None) -> None:
    """Forget the autosave of a draft (after a normal close or when the drafter declines recovery)."""
    target = autosave_dir(create=False, workspace=workspace) / f"{draft_id}.json"
    target.unlink(missing_ok=True)


def recoverable(workspace: Workspace | None = None) -> list[Recovery]:
    """Autosaved drafts left by sessions that did not close normally, newest first.

    An unreadable autosave is skipped, never deleted: it may still be worth a look by hand.
    """
    folder = autosave_dir(create=False, workspace=workspace)
    found = []
    for file in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            draft = draft_from_dict(data["draft"], file)
        except (OSError, ValueError, KeyError, TypeError, DraftFileError):
            continue
        saved_path = data.get("autosave_of") if isinstance(data.get("autosave_of"), str) else None
        found.append(Recovery(file, draft, saved_path, str(data.get("saved_at", ""))))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
