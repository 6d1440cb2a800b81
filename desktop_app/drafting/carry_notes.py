"""Carrying the drafter's notes into the basis comment of the draft clauses they concern.

A note on the provincial clause a draft clause was built from, or on a central
clause it carries out or relates to, belongs to that clause.  Carrying is the
drafter's choice (an action, or ``policydesk notes --into-draft``); it replaces
the clause's carried notes with the current ones, so it can be repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..core.note_search import NoteEntry
from .model import Draft, DraftClause


def notes_for_clause(entries: Sequence[NoteEntry], draft: Draft, clause: DraftClause) -> list[NoteEntry]:
    keys = {(draft.central_doc, i) for i in (*clause.carries_out, *clause.related)}
    if clause.source_id:
        keys.add((draft.provincial_doc, clause.source_id))
    return [e for e in entries if e.note.key in keys and e.note.text.strip()]


def carry_notes(draft: Draft, entries: Sequence[NoteEntry], clause_id: str | None = None) -> tuple[Draft, int]:
    """The draft with each clause's (or only *clause_id*'s) notes set from *entries*; and how many clauses changed."""
    changed = 0
    parts = []
    for part in draft.parts:
        clauses = []
        for clause in part.clauses:
            notes = clause.notes
            if clause_id is None or clause.id == clause_id:
                notes = tuple(e.line for e in notes_for_clause(entries, draft, clause))
            changed += notes != clause.notes
            clauses.append(replace(clause, notes=notes) if notes != clause.notes else clause)
        parts.append(replace(part, clauses=tuple(clauses)))
    return draft.with_parts(tuple(parts)), changed
