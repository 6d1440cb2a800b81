"""The document model: plain, immutable data that every part of PolicyDesk reads.

A policy document is a preamble, then parts (``一、``) holding clauses
(``（一）``), which may hold items (``1.``) and sub-items (``（1）``).  Every
part and clause has a stable id (``part_2``, ``part_2__para_5``) that
cross-links, notes and drafts refer to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Completeness(str, Enum):
    """How much of a clause's official text the knowledge base holds."""

    FULL = "full"
    PARTIAL = "partial"
    HEADING_ONLY = "heading-only"

    @property
    def label(self) -> str:
        return {"full": "全文", "partial": "部分原文", "heading-only": "仅标题"}[self.value]


class DocumentKind(str, Enum):
    CENTRAL = "central"
    PROVINCIAL = "provincial"
    CITY = "city"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"central": "中央", "provincial": "省级", "city": "市级", "other": "其他"}[self.value]


class Relation(str, Enum):
    IMPLEMENTS = "implements"
    RELATED = "related"

    @property
    def label(self) -> str:
        return {"implements": "落实", "related": "相关"}[self.value]


@dataclass(frozen=True)
class Item:
    """A numbered item inside a clause: ``1.`` (level 3) or ``（1）`` (level 4)."""

    id: str
    num: str
    text: str
    items: tuple[Item, ...] = ()

    def full_text(self) -> str:
        return "\n".join([self.num + self.text, *(i.full_text() for i in self.items)])


@dataclass(frozen=True)
class TaskDivision:
    """Who carries out a clause, as a published plan assigns it (its 分工表 or inline).

    ``lead`` is the 牵头单位 (the first unit listed), ``partners`` the 责任单位/配合单位,
    ``deadline`` the 完成时限 as printed.
    """

    lead: str = ""
    partners: tuple[str, ...] = ()
    deadline: str = ""


@dataclass(frozen=True)
class Notice:
    """The 印发通知 a published plan came wrapped in (its 文号, issuers and date are the document's own)."""

    title: str
    addressees: str = ""                 # 主送
    paragraphs: tuple[str, ...] = ()     # the notice's text


@dataclass(frozen=True)
class Clause:
    """A clause ``（一）`` with its lead sentence as heading.

    ``heading_end`` is the punctuation that closed the lead sentence in the
    source (normally ``。``; empty when the clause is only a heading line with
    no stop), so the clause text can be given back exactly as printed.
    """

    id: str
    num: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    heading_end: str = "。"
    completeness: Completeness = Completeness.FULL
    note: str = ""
    part_id: str = ""
    division: TaskDivision | None = None   # read from an imported plan; None for the shipped texts

    @property
    def body(self) -> str:
        """The clause text after its heading, paragraphs and items joined by newlines."""
        return "\n".join([*self.paragraphs, *(i.full_text() for i in self.items)])

    @property
    def lead(self) -> str:
        return self.heading + self.heading_end

    def full_text(self) -> str:
        """The clause as printed: number, heading and body in one paragraph, then items."""
        first = self.num + self.lead + (self.paragraphs[0] if self.paragraphs else "")
        rest = [*self.paragraphs[1:], *(i.full_text() for i in self.items)]
        return "\n".join([first, *rest])

    def text_without_num(self) -> str:
        return self.full_text()[len(self.num) :]

    @property
    def is_complete(self) -> bool:
        return self.completeness is Completeness.FULL


@dataclass(frozen=True)
class Part:
    """A part ``一、`` with its heading, any text of its own, and its clauses."""

    id: str
    num: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    clauses: tuple[Clause, ...] = ()
    completeness: Completeness = Completeness.FULL
    note: str = ""

    def full_text(self) -> str:
        return "\n".join([self.num + self.heading, *self.paragraphs])


@dataclass(frozen=True)
class Provenance:
    """Where a document's text came from and what was done to it."""

    source: str = ""
    normalisation: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: DocumentKind
    issuer: str = ""
    doc_number: str = ""
    date: str = ""
    published_in: str = ""
    preamble: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()
    provenance: Provenance = field(default_factory=Provenance)
    preamble_completeness: Completeness = Completeness.FULL
    notice: Notice | None = None   # the 印发通知 of an imported published plan

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for p in self.parts for c in p.clauses)

    @property
    def short_title(self) -> str:
        return self.title.strip("《》")

    @property
    def is_complete(self) -> bool:
        return self.preamble_completeness is Completeness.FULL and all(
            u.completeness is Completeness.FULL for u in (*self.parts, *self.clauses)
        )

    def full_text(self) -> str:
        """The document body as printed, one paragraph per line."""
        lines = list(self.preamble)
        for part in self.parts:
            if part.num or part.heading:
                lines.append(part.full_text())
            else:
                lines.extend(part.paragraphs)
            lines.extend(c.full_text() for c in part.clauses)
        return "\n".join(lines)


@dataclass(frozen=True)
class Link:
    """A cross-link: ``source`` (doc, id) carries out or relates to ``target`` (doc, id)."""

    source_doc: str
    source_id: str
    target_doc: str
    target_id: str
    relation: Relation
    note: str = ""
