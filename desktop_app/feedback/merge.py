"""Taking in what another program wrote to the open draft's file, without losing the window's own edits.

Three-way: *base* is the file as the window last loaded or saved it, *mine* the
window's draft (perhaps with unsaved edits), *theirs* the file as it is now
(after ``policydesk feedback import`` or ``decide``).  Whatever the window did
not touch since *base* is taken from *theirs*; whatever it changed stays.
"""

from __future__ import annotations

from dataclasses import replace

from ..drafting.model import Draft, DraftClause


def merge_from_disk(base: Draft | None, mine: Draft, theirs: Draft) -> Draft:
    """*mine* with the new items, decisions, versions and clause texts of *theirs*."""
    if theirs.id != mine.id:
        return mine
    feedback = _merge_items(base, mine, theirs)
    names = {v.name for v in mine.versions}
    versions = (*mine.versions, *(v for v in theirs.versions if v.name not in names))
    return replace(_merge_clauses(base, mine, theirs), feedback=feedback, versions=versions)


def _merge_items(base: Draft | None, mine: Draft, theirs: Draft):
    base_items = {i.id: i for i in base.feedback} if base else {}
    their_items = {i.id: i for i in theirs.feedback}
    out = []
    for item in mine.feedback:
        untouched = base_items.get(item.id) == item
        out.append(their_items[item.id] if untouched and item.id in their_items else item)
    held = {i.id for i in mine.feedback}
    out += [i for i in theirs.feedback if i.id not in held]
    return tuple(out)


def _merge_clauses(base: Draft | None, mine: Draft, theirs: Draft) -> Draft:
    if base is None:
        return mine
    base_clauses = {c.id: c for c in base.clauses}
    their_clauses = {c.id: c for c in theirs.clauses}

    def take(c: DraftClause) -> DraftClause:
        if base_clauses.get(c.id) == c and c.id in their_clauses:
            t = their_clauses[c.id]
            return replace(c, heading=t.heading, body=t.body, to_complete=t.to_complete)
        return c
    return mine.with_parts(tuple(replace(p, clauses=tuple(take(c) for c in p.clauses)) for p in mine.parts))
