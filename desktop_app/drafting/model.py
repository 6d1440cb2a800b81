"""The draft of a city's 实施方案: plain, immutable data, numbered on the fly.

A draft is a title, a preamble and parts holding clauses.  Every clause
remembers where it came from (the provincial clause it was built from and the
central clause(s) that clause carries out), the provincial wording it started
with (for tracked changes), the mechanical replacements made in it and the
flags a drafter should look at.  Numbers (``一、``, ``（一）``) are never
stored: they follow from the order and the include switches, so they stay
right after any edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

from ..core.numerals import int_to_cn
from .package import DocumentPackage

if TYPE_CHECKING:  # HOOK(consult): the feedback items and versions travel with the draft (format 3)
    from ..feedback.items import FeedbackItem, Version


class Origin(str, Enum):
    """Where a part or clause of the draft came from."""

    PROVINCIAL = "provincial"  # built from a clause of the provincial measures
    GAP = "gap"                # offered because the provincial measures do not carry out a central part
    ADDED = "added"            # written by the drafter


@dataclass(frozen=True)
class Replacement:
    """A mechanical wording change made while building the draft (a ``replace`` rule).

    ``count`` hits were replaced; ``kept`` holds the hits left as they were (with
    a few characters of context) because they name something that stays
    provincial, e.g. 全省统一的平台.
    """

    pattern: str
    replacement: str
    count: int
    why: str
    kept: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flag:
    """A passage a city plan cannot simply copy, with the usual city wording.

    ``accepted`` is set once the drafter took the suggestion.
    """

    pattern: str
    suggestion: str
    why: str
    accepted: bool = False


@dataclass(frozen=True)
class SuggestedUnit:
    """A unit the topic rules proposed for a clause: ``key`` is the registry's duty key (公安, 人社)."""

    key: str
    name: str
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DivisionSuggestion:
    """The lead unit first, then the responsible units, as the topic rules proposed them."""

    lead: SuggestedUnit | None = None
    partners: tuple[SuggestedUnit, ...] = ()

    @property
    def units(self) -> tuple[SuggestedUnit, ...]:
        return ((self.lead,) if self.lead else ()) + self.partners


@dataclass(frozen=True)
class DraftClause:
    id: str
    heading: str
    body: str = ""
    included: bool = True
    origin: Origin = Origin.PROVINCIAL
    source_id: str = ""                 # provincial clause id
    original_heading: str = ""          # provincial wording, for tracked changes
    original_body: str = ""
    carries_out: tuple[str, ...] = ()   # central clause/part ids carried out
    related: tuple[str, ...] = ()       # central ids only related
    replacements: tuple[Replacement, ...] = ()
    flags: tuple[Flag, ...] = ()
    to_complete: bool = False           # a section the drafter still has to write
    lead: str = ""                      # 牵头单位 (short form as printed)
    partners: tuple[str, ...] = ()      # 责任单位, in order
    deadline: str = ""                  # 完成时限, as the drafter writes it (2020年12月底前, 长期坚持)
    suggestion: DivisionSuggestion | None = None   # what the topic rules proposed, with trigger words
    notes: tuple[str, ...] = ()         # HOOK(compare): the drafter's notes carried into the basis comment

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for p in self.body.split("\n") if p.strip())

    @property
    def open_flags(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if not f.accepted)


@dataclass(frozen=True)
class DraftPart:
    id: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    clauses: tuple[DraftClause, ...] = ()
    included: bool = True
    origin: Origin = Origin.PROVINCIAL
    source_id: str = ""
    carries_out: tuple[str, ...] = ()
    to_complete: bool = False


@dataclass(frozen=True)
class Draft:
    """A city's draft plan.  ``id`` is stable for the life of the draft (autosave key)."""

    id: str
    city: str
    title: str
    preamble: tuple[str, ...]
    parts: tuple[DraftPart, ...]
    provincial_doc: str = "liaoning"
    central_doc: str = "central"
    preamble_replacements: tuple[Replacement, ...] = ()
    created: str = ""
    modified: str = ""
    package: DocumentPackage = field(default_factory=DocumentPackage)
    feedback: tuple[FeedbackItem, ...] = ()   # HOOK(consult): departments' comments (征求意见)
    versions: tuple[Version, ...] = ()        # HOOK(consult): named versions (征求意见稿, 送审稿 …)

    @property
    def clauses(self) -> tuple[DraftClause, ...]:
        return tuple(c for p in self.parts for c in p.clauses)

    def clause(self, clause_id: str) -> DraftClause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def part_of(self, clause_id: str) -> DraftPart:
        for p in self.parts:
            if any(c.id == clause_id for c in p.clauses):
                return p
        raise KeyError(clause_id)

    def part(self, part_id: str) -> DraftPart:
        for p in self.parts:
            if p.id == part_id:
                return p
        raise KeyError(part_id)

    def numbered(self) -> list[NumberedPart]:
        """The parts and clauses that will be printed, with their numbers.

        Clauses are numbered continuously across parts, as in the provincial
        measures; excluded parts and clauses get no number.
        """
        out, clause_no = [], 0
        for part_no, part in enumerate((p for p in self.parts if p.included), 1):
            clauses = []
            for clause in part.clauses:
                if clause.included:
                    clause_no += 1
                    clauses.append(NumberedClause(clause, f"（{int_to_cn(clause_no)}）"))
            out.append(NumberedPart(part, f"{int_to_cn(part_no)}、", tuple(clauses)))
        return out

    def numbers(self) -> dict[str, str]:
        """id → printed number for every included part and clause."""
        nums: dict[str, str] = {}
        for np in self.numbered():
            nums[np.part.id] = np.num
            nums.update({nc.clause.id: nc.num for nc in np.clauses})
        return nums

    def with_parts(self, parts: tuple[DraftPart, ...]) -> Draft:
        return replace(self, parts=parts)


@dataclass(frozen=True)
class NumberedClause:
    clause: DraftClause
    num: str

    @property
    def lead(self) -> str:
        """Number and heading as printed, closed by a full stop."""
        return self.num + closed(self.clause.heading)


@dataclass(frozen=True)
class NumberedPart:
    part: DraftPart
    num: str
    clauses: tuple[NumberedClause, ...] = field(default_factory=tuple)


def closed(heading: str) -> str:
    """A clause heading ends with a full stop (or the drafter's own closing punctuation)."""
    heading = heading.strip()
    return heading if not heading or heading[-1] in "。！？；：" else heading + "。"
