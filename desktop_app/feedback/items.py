"""Feedback items and named versions: the plain data stored in a draft file (format version 3)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Kind(str, Enum):
    COMMENT = "comment"        # a Word comment (批注)
    INSERTION = "insertion"    # a tracked insertion (修订：插入)
    DELETION = "deletion"      # a tracked deletion (修订：删除)
    FORM = "form"              # a filled row of the 征求意见反馈表


class Status(str, Enum):
    PENDING = "pending"
    ADOPTED = "adopted"
    PARTLY = "partly"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.PENDING: "待定", Status.ADOPTED: "采纳", Status.PARTLY: "部分采纳",
                 Status.REJECTED: "不采纳"}
KIND_LABELS = {Kind.COMMENT: "批注", Kind.INSERTION: "修订（增加）", Kind.DELETION: "修订（删除）",
               Kind.FORM: "反馈表"}


class Match(str, Enum):
    ANCHOR = "anchor"   # the file's bookmark named the clause
    TEXT = "text"       # the clause was found by aligning the text
    NONE = "none"       # not mapped: listed, never dropped


@dataclass(frozen=True)
class FeedbackItem:
    """One comment, tracked change or form row from a department's returned file.

    ``id`` is a digest of what the item says and where (not of the file name),
    so importing the same file again finds the items it already holds.
    ``before``/``after`` are a few characters of the text around a change, to
    find its place in the clause when it is applied.  ``unit_source`` says
    where ``unit`` came from: ``given`` (FILE=UNIT), ``form`` (the form's
    header), ``author`` (the author is a department name), ``window`` (asked)
    or ``""`` (no unit yet).
    """

    id: str
    kind: Kind
    unit: str
    author: str
    date: str
    file: str
    quote: str
    text: str
    clause_id: str | None = None
    match: Match = Match.NONE
    status: Status = Status.PENDING
    reason: str = ""
    note: str = ""              # the form's 理由 column
    before: str = ""
    after: str = ""
    unit_source: str = ""
    applied: bool = False       # an adopted insertion/deletion was applied to the clause text
    imported: str = ""          # ISO time of the import


@dataclass(frozen=True)
class Version:
    """A named version of the draft (征求意见稿, 送审稿 …): its text as it was when saved.

    ``snapshot`` holds title, preamble and parts in the draft file's own plain form.
    """

    name: str
    saved: str
    snapshot: dict[str, Any]


def item_to_dict(item: FeedbackItem) -> dict[str, Any]:
    return {
        "id": item.id, "kind": item.kind.value, "unit": item.unit, "author": item.author, "date": item.date,
        "file": item.file, "quote": item.quote, "text": item.text, "clause_id": item.clause_id,
        "match": item.match.value, "status": item.status.value, "reason": item.reason, "note": item.note,
        "before": item.before, "after": item.after, "unit_source": item.unit_source, "applied": item.applied,
        "imported": item.imported,
    }


def version_to_dict(version: Version) -> dict[str, Any]:
    return {"name": version.name, "saved": version.saved, **version.snapshot}
