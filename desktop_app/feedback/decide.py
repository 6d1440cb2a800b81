"""Deciding on items: status and reason; an adopted tracked change is applied to the clause text.

A tracked change carries a few characters of the text around it (``before``,
``after``), as sent.  They find its place in the clause today, even after other
edits; when they no longer do, the change is not guessed at: the drafter is told
to make it by hand.  Everything here is a pure function Draft → Draft, so the
window runs it through ``DraftSession.apply`` and it is undoable.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.errors import LookupFailed, PolicyDeskError
from ..drafting.model import Draft, DraftClause, closed
from .items import FeedbackItem, Kind, Status

CONTEXTS = (20, 12, 8, 5, 3, 2, 1, 0)


class FeedbackError(PolicyDeskError):
    """A decision that cannot be carried out (the change can no longer be placed in the clause)."""


class UnknownItemError(LookupFailed):
    """No item, or no version, of that name (the command line exits with 2)."""


def find_item(draft: Draft, item_id: str) -> FeedbackItem:
    """The item with *item_id* (a unique beginning of it is enough)."""
    found = [i for i in draft.feedback if i.id == item_id] or [i for i in draft.feedback if i.id.startswith(item_id)]
    if len(found) != 1:
        what = "没有" if not found else "有多条"
        raise UnknownItemError(f"草稿中{what}编号为 {item_id} 的意见")
    return found[0]


def with_item(draft: Draft, item: FeedbackItem) -> Draft:
    return replace(draft, feedback=tuple(item if i.id == item.id else i for i in draft.feedback))


def decide(draft: Draft, item_id: str, status: Status, reason: str | None = None, apply: bool = True) -> Draft:
    """Record the decision; adopting a tracked insertion/deletion applies it, leaving 采纳 takes it back.

    Raises:
        FeedbackError: unknown item, or the change can no longer be placed in the clause (``apply=False``
            records the decision alone).
    """
    item = find_item(draft, item_id)
    new = replace(item, status=status, reason=item.reason if reason is None else reason.strip())
    changes_text = apply and item.kind in (Kind.INSERTION, Kind.DELETION)
    if changes_text and status is Status.ADOPTED and not item.applied:
        draft, new = _apply(draft, new, undo=False), replace(new, applied=True)
    elif changes_text and status is not Status.ADOPTED and item.applied:
        draft, new = _apply(draft, new, undo=True), replace(new, applied=False)
    return with_item(draft, new)


def set_unit(draft: Draft, item_ids: list[str], unit: str) -> Draft:
    """Name the unit of items whose author is a person (the window asks)."""
    for item_id in item_ids:
        draft = with_item(draft, replace(find_item(draft, item_id), unit=unit.strip(), unit_source="window"))
    return draft


# ---- placing a change in the clause text ------------------------------------------
def clause_text(clause: DraftClause) -> str:
    """Heading and body as printed in one run (the first body paragraph follows the heading)."""
    return closed(clause.heading) + clause.body


def locate(text: str, before: str, quote: str, after: str) -> tuple[int, int] | None:
    """Where *quote* stands between *before* and *after* in *text*, with as much context as still matches."""
    for k in CONTEXTS:
        b, a = before[len(before) - k:] if k else "", after[:k]
        for pattern, lead in ((b + quote + a, len(b)), (b + quote, len(b)), (quote + a, 0)):
            if len(pattern) < 2 or (not quote and pattern != b + a):
                continue
            first = text.find(pattern)
            if first >= 0 and text.find(pattern, first + 1) < 0:
                return first + lead, first + lead + len(quote)
    return None


def _apply(draft: Draft, item: FeedbackItem, undo: bool) -> Draft:
    try:
        clause = draft.clause(item.clause_id or "")
    except KeyError:
        raise FeedbackError(f"意见 {item.id} 没有对应到条款，无法自动修改条文；请手工修改，"
                            "或只记录决定（命令行加 --no-apply）") from None
    text = clause_text(clause)
    removing = (item.kind is Kind.DELETION) != undo
    span = locate(text, item.before, item.quote if removing else "", item.after)
    if span is None:
        raise FeedbackError(f"条款中已找不到意见 {item.id} 所改的位置（“{item.quote}”），无法自动修改；"
                            "请手工修改，或只记录决定（命令行加 --no-apply）")
    start, end = span
    insert = "" if removing else item.quote
    return draft.with_parts(tuple(replace(p, clauses=tuple(
        _edited(c, start, end, insert) if c.id == clause.id else c for c in p.clauses)) for p in draft.parts))


def _edited(clause: DraftClause, start: int, end: int, insert: str) -> DraftClause:
    """The clause with text[start:end] replaced by *insert*, in its heading or in its body."""
    lead = closed(clause.heading)
    if end <= len(lead) and start < len(lead):
        heading = lead[:start] + insert + lead[end:]
        if lead != clause.heading.strip() and heading.endswith(lead[-1]):
            heading = heading[:-1]          # the closing mark was only added for printing
        return replace(clause, heading=heading)
    if start >= len(lead):
        start, end = start - len(lead), end - len(lead)
        return replace(clause, body=clause.body[:start] + insert + clause.body[end:])
    raise FeedbackError("这处修改跨越条款标题和正文，无法自动修改；请手工修改，或只记录决定（命令行加 --no-apply）")


# ---- conflicts ---------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    """Two units propose different changes to the same words of a clause."""

    clause_id: str
    words: str
    item_ids: tuple[str, ...]
    units: tuple[str, ...]


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    new: str
    who: str
    items: tuple[FeedbackItem, ...]


def conflicts(draft: Draft) -> list[Conflict]:
    out = []
    for clause in draft.clauses:
        edits = _edits(clause, [i for i in draft.feedback if i.clause_id == clause.id and not i.applied
                                and i.kind in (Kind.INSERTION, Kind.DELETION)])
        text = clause_text(clause)
        for i, one in enumerate(edits):
            for other in edits[i + 1:]:
                if one.who != other.who and _clash(one, other):
                    ids = tuple(x.id for x in (*one.items, *other.items))
                    words = text[min(one.start, other.start):max(one.end, other.end)]
                    out.append(Conflict(clause.id, words, ids, (one.who, other.who)))
    return out


def conflicting_ids(draft: Draft) -> dict[str, list[str]]:
    """item id → the ids of the items it conflicts with."""
    out: dict[str, list[str]] = {}
    for c in conflicts(draft):
        for item_id in c.item_ids:
            out.setdefault(item_id, []).extend(x for x in c.item_ids if x != item_id and x not in out[item_id])
    return out


def _edits(clause: DraftClause, items: list[FeedbackItem]) -> list[_Edit]:
    text = clause_text(clause)
    placed = []
    for item in items:
        span = locate(text, item.before, item.quote if item.kind is Kind.DELETION else "", item.after)
        if span is not None:
            placed.append((span, item))
    edits: list[_Edit] = []
    for (start, end), item in sorted(placed, key=lambda p: (p[0], p[1].kind is Kind.INSERTION)):
        who = item.unit or item.author or item.file
        new = item.quote if item.kind is Kind.INSERTION else ""
        last = edits[-1] if edits else None
        if last and last.who == who and item.kind is Kind.INSERTION and start == last.end and not last.new:
            edits[-1] = replace(last, new=new, items=(*last.items, item))    # a replacement: deleted, then inserted
        else:
            edits.append(_Edit(start, end, new, who, (item,)))
    return edits


def _clash(a: _Edit, b: _Edit) -> bool:
    if (a.start, a.end, a.new) == (b.start, b.end, b.new):
        return False     # the same change proposed twice: agreement
    if a.start == a.end and b.start == b.end:
        return a.start == b.start          # two insertions at one place
    if a.start == a.end or b.start == b.end:
        point, span = (a, b) if a.start == a.end else (b, a)
        return span.start < point.start < span.end     # an insertion inside words the other changes
    return a.start < b.end and b.start < a.end
