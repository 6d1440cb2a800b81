"""Edits of a draft: pure functions Draft → Draft, and a session that keeps undo/redo.

Every edit returns a new Draft; the numbering follows by itself because it is
computed from the order and the include switches (``Draft.numbered``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..core.errors import PolicyDeskError
from ..core.normalize import normalize_text
from .build import TO_COMPLETE, now_iso
from .model import Draft, DraftClause, DraftPart, Origin
from .package import DocumentPackage

UNDO_LIMIT = 200


class DraftEditError(PolicyDeskError):
    """An edit that cannot be made (unknown clause, flagged wording no longer in the text)."""


def _map_clause(draft: Draft, clause_id: str, change: Callable[[DraftClause], DraftClause]) -> Draft:
    if not any(c.id == clause_id for c in draft.clauses):
        raise DraftEditError(f"草稿中没有条款 {clause_id}")
    return draft.with_parts(tuple(
        replace(p, clauses=tuple(change(c) if c.id == clause_id else c for c in p.clauses)) for p in draft.parts))


def _map_part(draft: Draft, part_id: str, change: Callable[[DraftPart], DraftPart]) -> Draft:
    if not any(p.id == part_id for p in draft.parts):
        raise DraftEditError(f"草稿中没有部分 {part_id}")
    return draft.with_parts(tuple(change(p) if p.id == part_id else p for p in draft.parts))


def set_title(draft: Draft, title: str) -> Draft:
    return replace(draft, title=title.strip())


def set_package(draft: Draft, package: DocumentPackage) -> Draft:
    """New issuing facts and print choices (标题与序言 tab, command-line options)."""
    return replace(draft, package=package)


def set_preamble(draft: Draft, text: str) -> Draft:
    return replace(draft, preamble=tuple(p.strip() for p in text.split("\n") if p.strip()))


def set_clause_text(draft: Draft, clause_id: str, heading: str, body: str) -> Draft:
    """New heading and body; a to-be-written section counts as written once its marker is gone."""
    def change(c: DraftClause) -> DraftClause:
        return replace(c, heading=heading.strip(), body=body.strip("\n"),
                       to_complete=c.to_complete and TO_COMPLETE in body)
    return _map_clause(draft, clause_id, change)


def set_part_text(draft: Draft, part_id: str, heading: str, paragraphs: str | None = None) -> Draft:
    def change(p: DraftPart) -> DraftPart:
        paras = p.paragraphs if paragraphs is None else tuple(x for x in paragraphs.split("\n") if x.strip())
        return replace(p, heading=heading.strip(), paragraphs=paras,
                       to_complete=p.to_complete and any(TO_COMPLETE in x for x in paras))
    return _map_part(draft, part_id, change)


def set_included(draft: Draft, unit_id: str, included: bool) -> Draft:
    """Include or exclude a part or a clause."""
    if any(p.id == unit_id for p in draft.parts):
        return _map_part(draft, unit_id, lambda p: replace(p, included=included))
    return _map_clause(draft, unit_id, lambda c: replace(c, included=included))


def accept_flag(draft: Draft, clause_id: str, index: int) -> Draft:
    """Put the flag's suggested wording in place of the flagged passage."""
    clause = _clause(draft, clause_id)
    if not 0 <= index < len(clause.flags):
        raise DraftEditError(f"条款 {clause_id} 没有第 {index + 1} 条提示")
    flag = clause.flags[index]
    if flag.accepted:
        return draft
    if not flag.suggestion:
        raise DraftEditError(f"提示“{flag.pattern}”没有建议表述，请手工改写")
    if flag.pattern not in clause.heading and flag.pattern not in clause.body:
        raise DraftEditError(f"条款中已找不到“{flag.pattern}”（可能已手工改写），无法套用建议表述")
    flags = list(clause.flags)
    flags[index] = replace(flag, accepted=True)
    return _map_clause(draft, clause_id, lambda c: replace(
        c, heading=c.heading.replace(flag.pattern, flag.suggestion),
        body=c.body.replace(flag.pattern, flag.suggestion), flags=tuple(flags)))


def add_clause(draft: Draft, part_id: str, index: int | None = None, heading: str = "",
               body: str = "") -> tuple[Draft, str]:
    """A new clause written by the drafter, at *index* in the part (at its end when None)."""
    new = DraftClause(id=f"added_{uuid.uuid4().hex[:12]}", heading=heading, body=body, origin=Origin.ADDED)

    def change(p: DraftPart) -> DraftPart:
        clauses = list(p.clauses)
        clauses.insert(len(clauses) if index is None else max(0, min(index, len(clauses))), new)
        return replace(p, clauses=tuple(clauses))
    return _map_part(draft, part_id, change), new.id


def remove_clause(draft: Draft, clause_id: str) -> Draft:
    _clause(draft, clause_id)
    return draft.with_parts(tuple(replace(p, clauses=tuple(c for c in p.clauses if c.id != clause_id))
                                  for p in draft.parts))


def move_clause_to(draft: Draft, clause_id: str, part_id: str, index: int) -> Draft:
    """Move a clause to position *index* of part *part_id* (index counted without the clause itself)."""
    clause = _clause(draft, clause_id)
    if not any(p.id == part_id for p in draft.parts):
        raise DraftEditError(f"草稿中没有部分 {part_id}")
    without = remove_clause(draft, clause_id)

    def change(p: DraftPart) -> DraftPart:
        clauses = list(p.clauses)
        clauses.insert(max(0, min(index, len(clauses))), clause)
        return replace(p, clauses=tuple(clauses))
    return _map_part(without, part_id, change)


def move_clause(draft: Draft, clause_id: str, delta: int) -> Draft:
    """Move a clause up (-1) or down (+1); at a part's edge it crosses into the neighbouring part."""
    part = draft.part_of(clause_id)
    p_index = draft.parts.index(part)
    c_index = next(i for i, c in enumerate(part.clauses) if c.id == clause_id)
    target = c_index + delta
    if 0 <= target < len(part.clauses):
        return move_clause_to(draft, clause_id, part.id, target)
    neighbour = p_index + (1 if delta > 0 else -1)
    if not 0 <= neighbour < len(draft.parts):
        return draft
    other = draft.parts[neighbour]
    return move_clause_to(draft, clause_id, other.id, 0 if delta > 0 else len(other.clauses))


def with_full_width_punctuation(draft: Draft) -> Draft:
    """The draft with the drafter's half-width punctuation made full-width (GB/T 15834), for export.

    The drafter's own text in the editor stays as typed; what goes into a Word file is normalised.
    """
    def norm(text: str) -> str:
        return "\n".join(normalize_text(line).text for line in text.split("\n"))

    parts = tuple(replace(p, heading=norm(p.heading), paragraphs=tuple(norm(x) for x in p.paragraphs),
                          clauses=tuple(replace(c, heading=norm(c.heading), body=norm(c.body)) for c in p.clauses))
                  for p in draft.parts)
    return replace(draft, title=norm(draft.title), preamble=tuple(norm(x) for x in draft.preamble), parts=parts)


def _clause(draft: Draft, clause_id: str) -> DraftClause:
    try:
        return draft.clause(clause_id)
    except KeyError:
        raise DraftEditError(f"草稿中没有条款 {clause_id}") from None


@dataclass
class DraftSession:
    """The open draft with its undo and redo history.

    ``changed`` callbacks run after every edit, undo and redo (the editor uses
    them to refresh the view and to schedule an autosave).
    """

    draft: Draft
    path: str | None = None
    dirty: bool = False
    _undo: list[tuple[str, Draft]] = field(default_factory=list)
    _redo: list[tuple[str, Draft]] = field(default_factory=list)
    changed: list[Callable[[Draft], None]] = field(default_factory=list)

    def apply(self, label: str, edit: Callable[..., Draft], *args, **kwargs) -> Draft:
        """Run an edit; it becomes one undo step labelled *label* (shown as 撤销“label”)."""
        new = edit(self.draft, *args, **kwargs)
        if new == self.draft:
            return new
        self._undo.append((label, self.draft))
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._set(new)
        return new

    def apply_returning(self, label: str, edit: Callable[..., tuple[Draft, str]], *args, **kwargs) -> str:
        """Like :meth:`apply` for edits that also return a new id (add_clause)."""
        new, new_id = edit(self.draft, *args, **kwargs)
        self._undo.append((label, self.draft))
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._set(new)
        return new_id

    def undo(self) -> bool:
        if not self._undo:
            return False
        label, old = self._undo.pop()
        self._redo.append((label, self.draft))
        self._set(old)
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        label, new = self._redo.pop()
        self._undo.append((label, self.draft))
        self._set(new)
        return True

    @property
    def undo_label(self) -> str:
        return self._undo[-1][0] if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1][0] if self._redo else ""

    def mark_saved(self, path: str) -> None:
        self.path, self.dirty = path, False

    def _set(self, draft: Draft) -> None:
        self.draft = replace(draft, modified=now_iso())
        self.dirty = True
        for callback in self.changed:
            callback(self.draft)
