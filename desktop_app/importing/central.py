"""Completing a shipped document from its official full text.

The shipped central Opinions hold clauses (五)–(十六) as headings only (or a
few quoted sentences).  When the user imports the official full text as
``central``, each incomplete clause that the import has too (same number, same
heading up to punctuation) takes the imported text and becomes ``full``; the
note says where the text came from.  Clauses already complete are left alone;
if the import's text of one differs, that is reported as a conflict and only
replaced when the user confirms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ..core.model import Clause, Completeness, Document, Provenance


@dataclass(frozen=True)
class Conflict:
    clause_id: str
    num: str
    current: str
    imported: str


@dataclass(frozen=True)
class CompletionPlan:
    """What merging an imported full text into a shipped document would do."""

    merged: Document
    filled: tuple[str, ...]          # clause ids that become full
    conflicts: tuple[Conflict, ...]  # complete clauses whose imported text differs (kept unless confirmed)
    unmatched: tuple[str, ...]       # nums of shipped incomplete clauses the import does not have
    overwrite: bool = False          # conflicts take the imported text (the user confirmed)

    @property
    def changes_anything(self) -> bool:
        return bool(self.filled) or (self.overwrite and bool(self.conflicts))


def is_same_document(imported: Document, shipped: Document) -> bool:
    """Same 文号 or same title, or most numbered headings of the shipped document found in the import."""
    if imported.doc_number and imported.doc_number == shipped.doc_number:
        return True
    if _key(imported.title) and _key(shipped.short_title) in _key(imported.title):
        return True
    matched = sum(1 for c in shipped.clauses if _find(imported, c) is not None)
    return matched >= max(3, len(shipped.clauses) * 2 // 3)


def plan_completion(shipped: Document, imported: Document, *, overwrite: bool = False) -> CompletionPlan:
    """Fill *shipped*'s incomplete clauses from *imported*; with *overwrite*, replace differing full ones too."""
    filled, conflicts, unmatched = [], [], []
    parts = []
    source = imported.provenance.source or imported.title
    note = f"本条正文取自用户导入的官方全文（{source}，{date.today().isoformat()}）。"
    for part in shipped.parts:
        clauses = []
        for clause in part.clauses:
            other = _find(imported, clause)
            if other is None:
                if not clause.is_complete:
                    unmatched.append(clause.num)
                clauses.append(clause)
            elif not clause.is_complete:
                filled.append(clause.id)
                clauses.append(_take_text(clause, other, note))
            elif _key(clause.full_text()) != _key(other.full_text()):
                conflicts.append(Conflict(clause.id, clause.num, clause.full_text(), other.full_text()))
                clauses.append(_take_text(clause, other, note) if overwrite else clause)
            else:
                clauses.append(clause)
        parts.append(replace(part, clauses=tuple(clauses)))
    merged = replace(shipped, parts=tuple(parts), provenance=_provenance(shipped, imported, filled, conflicts,
                                                                         overwrite))
    return CompletionPlan(merged, tuple(filled), tuple(conflicts), tuple(unmatched), overwrite)


def _take_text(clause: Clause, other: Clause, note: str) -> Clause:
    return replace(clause, heading=other.heading, heading_end=other.heading_end, paragraphs=other.paragraphs,
                   items=_reid(other, clause.id), completeness=Completeness.FULL, note=note)


def _reid(other: Clause, new_id: str) -> tuple:
    """Items keep their structure but take ids under the shipped clause's id."""
    def walk(item):
        return replace(item, id=new_id + item.id[len(other.id):], items=tuple(walk(i) for i in item.items))
    return tuple(walk(i) for i in other.items)


def _provenance(shipped: Document, imported: Document, filled: list[str], conflicts: list[Conflict],
                overwrite: bool) -> Provenance:
    notes = list(shipped.provenance.notes)
    if filled:
        notes.append(f"第{'、'.join(_nums(shipped, filled))}条正文已由用户导入的官方全文补全"
                     f"（来源：{imported.provenance.source}）。")
    if conflicts and overwrite:
        notes.append(f"经用户确认，第{'、'.join(c.num for c in conflicts)}条改用导入文本。")
    return replace(shipped.provenance, notes=tuple(notes))


def _nums(doc: Document, ids: list[str]) -> list[str]:
    return [c.num for c in doc.clauses if c.id in ids]


def _find(imported: Document, clause: Clause) -> Clause | None:
    """The imported clause with the same number and the same heading (punctuation and spaces aside)."""
    for other in imported.clauses:
        if other.num == clause.num and _key(other.heading) == _key(clause.heading):
            return other
    return None


def _key(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)
