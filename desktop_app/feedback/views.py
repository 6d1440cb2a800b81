"""What the command line, the window and the writers show of the items: labels, rows, totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..drafting.model import Draft
from .decide import conflicting_ids
from .items import FeedbackItem, Status
from .mapping import PREAMBLE, TITLE

PSEUDO = {TITLE: "标题", PREAMBLE: "序言"}


def unit_label(draft: Draft, unit_id: str | None, numbers: dict[str, str] | None = None) -> tuple[str, str]:
    """(printed number, heading) of a part or clause; ("", "标题"/"序言") for those; ("", "") when unmapped."""
    if not unit_id:
        return "", ""
    if unit_id in PSEUDO:
        return "", PSEUDO[unit_id]
    numbers = draft.numbers() if numbers is None else numbers
    for part in draft.parts:
        if part.id == unit_id:
            return numbers.get(part.id, ""), part.heading
        for clause in part.clauses:
            if clause.id == unit_id:
                return numbers.get(clause.id, ""), clause.heading
    return "", ""


def place(draft: Draft, unit_id: str | None, numbers: dict[str, str] | None = None) -> str:
    """``（三）健全…`` / ``一、…`` / ``序言`` / ``未对应条款``."""
    num, heading = unit_label(draft, unit_id, numbers)
    if not unit_id or not (num or heading):
        return "未对应条款"
    if num.endswith("、"):
        return f"第{num.rstrip('、')}部分"
    return num or heading


def item_json(draft: Draft, item: FeedbackItem, numbers: dict[str, str] | None = None,
              clashes: dict[str, list[str]] | None = None) -> dict[str, Any]:
    num, heading = unit_label(draft, item.clause_id, numbers)
    return {
        "id": item.id, "clause_id": item.clause_id, "num": num or None,
        "heading": heading or None, "match": item.match.value, "kind": item.kind.value,
        "unit": item.unit or None, "author": item.author, "date": item.date, "file": item.file,
        "quote": item.quote, "text": item.text, "status": item.status.value, "reason": item.reason,
        "note": item.note, "applied": item.applied, "conflicts_with": (clashes or {}).get(item.id, []),
    }


def items_json(draft: Draft, items: list[FeedbackItem] | tuple[FeedbackItem, ...]) -> list[dict[str, Any]]:
    numbers, clashes = draft.numbers(), conflicting_ids(draft)
    return [item_json(draft, i, numbers, clashes) for i in items]


def in_draft_order(draft: Draft) -> list[FeedbackItem]:
    """Items grouped by the place they concern, in the order of the draft; unmapped ones last."""
    order = {TITLE: 0, PREAMBLE: 1}
    for part in draft.parts:
        order[part.id] = len(order)
        for clause in part.clauses:
            order[clause.id] = len(order)
    position = {item.id: n for n, item in enumerate(draft.feedback)}
    return sorted(draft.feedback, key=lambda i: (order.get(i.clause_id or "", len(order)), position[i.id]))


def opinion(item: FeedbackItem) -> str:
    """意见内容 as the adoption table shows it."""
    text = item.text
    if item.kind.value == "comment" and item.quote.strip():
        text = f"（针对“{item.quote.strip()}”）{text}"
    if item.note:
        text += f"（理由：{item.note}）"
    return text


@dataclass(frozen=True)
class Totals:
    units: int
    items: int
    adopted: int
    partly: int
    rejected: int
    pending: int
    without_unit: int


def totals(draft: Draft) -> Totals:
    count = Counter(i.status for i in draft.feedback)
    units = {i.unit for i in draft.feedback if i.unit}
    return Totals(len(units), len(draft.feedback), count[Status.ADOPTED], count[Status.PARTLY],
                  count[Status.REJECTED], count[Status.PENDING], sum(1 for i in draft.feedback if not i.unit))


def units_in_order(draft: Draft) -> list[str]:
    return list(dict.fromkeys(i.unit for i in draft.feedback if i.unit))
