"""What the index holds for each clause and part heading, and how its fields are weighted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.system import pack_uint

from .analyzer import analyzer, index_terms, iter_index_terms
from .codec import ArrayCodec
from .digest import sha1

if TYPE_CHECKING:  # only named in annotations: a search opens the index without the document model
    from ..core.model import Document

SCHEMA_VERSION = 4  # 4: a document's title (with 文号, issuer, date) and preamble are units of their own
# A word in a clause's heading weighs this many times one in its body (BM25F).
HEADING_BOOST = 2.5
# Separates the heading from the body in the value of the ``text`` field.
HEADING_END = "\x1e"


# Postings in blocks of 1024 (whoosh: 128): a query reads a common word's whole posting list, and
# whoosh's per-block work (a seek, a decompression, an unpickle, Python calls) dominated it.
POSTING_BLOCK = 1024


def codec() -> ArrayCodec:
    return ArrayCodec(blocklimit=POSTING_BLOCK)


class PolicyText(TEXT):
    """A text field indexed with the project's analysis, without whoosh's per-token objects.

    A value ``heading + HEADING_END + body`` gives the heading's words the weight
    :data:`HEADING_BOOST`: one field scored with BM25F, so a query is one term per
    word (fast), and headings still count more.
    """

    def __init__(self, stored: bool = False):
        super().__init__(analyzer=analyzer(), stored=stored, phrase=False)

    def index(self, value, **kwargs):
        freqs, weights = self.counts(value)
        for w, freq in freqs.items():
            yield w.encode("utf-8"), freq, float(weights.get(w, freq)), pack_uint(freq)

    @staticmethod
    def counts(value: str) -> tuple[dict[str, int], dict[str, float]]:
        """(frequency of each term of *value*, weight of each term whose weight is not its frequency): what
        :meth:`index` yields, before encoding (the bulk writer takes them as they are).  A term's weight is
        its frequency plus :data:`HEADING_BOOST` - 1 for each time it is in the heading, so the second dict
        holds the heading's terms (empty without a heading)."""
        heading, sep, body = value.partition(HEADING_END)
        if not sep:
            return Counter(_terms_of_text(value)), {}
        freqs = Counter(iter_index_terms(body))
        weights: dict[str, float] = {}
        for w in _terms_of_text(heading):
            weight = weights.get(w)
            weights[w] = (freqs[w] if weight is None else weight) + HEADING_BOOST
            freqs[w] += 1
        return freqs, weights


_last_text: tuple[str, list[str]] = ("", [])


def _terms_of_text(text: str) -> list[str]:
    """:func:`index_terms` of *text*, remembered for the next call: a clause's heading is the value of its
    ``heading`` field, then the heading of its ``text`` field, analysed one after the other."""
    global _last_text  # noqa: PLW0603 - a one-entry cache
    last = _last_text
    if last[0] != text:
        last = _last_text = (text, index_terms(text))
    return last[1]


def build_schema() -> Schema:
    return Schema(
        key=ID(unique=True),
        doc=ID(stored=True),
        kind=ID(stored=True),
        id=STORED(),
        num=STORED(),
        unit=STORED(),
        order=STORED(),
        heading=PolicyText(stored=True),
        text=PolicyText(),
        body=STORED(),
        title=STORED(),  # the document's short title and the unit's completeness: a search
        state=STORED(),  # from the command line answers without reading any document
    )


@dataclass(frozen=True)
class UnitRecord:
    """One searchable unit: a clause, or a part with its heading and any text of its own."""

    doc: str
    id: str  # "" for the title and preamble units (they open the whole document)
    num: str
    kind: str
    unit: str  # "clause", "part", "title" or "preamble"
    order: int
    heading: str
    body: str
    title: str = ""
    state: str = "full"

    @property
    def key(self) -> str:
        return f"{self.doc}\x1f{self.id or self.unit}"

    def fields(self) -> dict:
        rest = self.body[len(self.heading):] if self.body.startswith(self.heading) else self.body
        return {"key": self.key, "doc": self.doc, "id": self.id, "num": self.num, "kind": self.kind,
                "unit": self.unit, "order": self.order, "heading": self.heading,
                "text": self.heading + HEADING_END + rest, "body": self.body,
                "title": self.title, "state": self.state}


def _dates(date: str) -> list[str]:
    """An ISO date also as drafters write it (2019-12-25 → 2019年12月25日)."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", date.strip())
    return [date, f"{m[1]}年{int(m[2])}月{int(m[3])}日"] if m else [date]


def _document_records(doc: Document) -> list[UnitRecord]:
    """The title unit (title, 文号, issuer, date, where published) and the preamble unit of *doc*."""
    kind, title = doc.kind.value, doc.short_title
    records = []
    lines = [doc.title, doc.doc_number, doc.issuer, *(_dates(doc.date) if doc.date else ()), doc.published_in]
    if doc.title:
        records.append(UnitRecord(doc.id, "", "", kind, "title", 0, doc.title,
                                  "\n".join(line for line in lines if line), title))
    if doc.preamble:
        records.append(UnitRecord(doc.id, "", "", kind, "preamble", 0, "", "\n".join(doc.preamble), title,
                                  doc.preamble_completeness.value))
    return records


def unit_records(doc: Document) -> list[UnitRecord]:
    """The title and preamble of *doc*, then every part heading and clause, in reading order."""
    records = _document_records(doc)
    kind, title = doc.kind.value, doc.short_title
    for part in doc.parts:
        if part.heading or part.paragraphs:
            body = "\n".join([part.heading, *part.paragraphs]) if part.heading else "\n".join(part.paragraphs)
            records.append(UnitRecord(doc.id, part.id, part.num, kind, "part", len(records), part.heading, body,
                                      title, part.completeness.value))
        for clause in part.clauses:
            records.append(UnitRecord(doc.id, clause.id, clause.num, kind, "clause", len(records),
                                      clause.heading, clause.text_without_num(), title, clause.completeness.value))
    return records


def _item_texts(items) -> list[str]:
    texts = []
    for item in items:
        texts += (item.id, item.num, item.text, *_item_texts(item.items))
    return texts


def document_fingerprint(doc: Document) -> str:
    """A hash of everything the index holds for *doc* (computed without building its records)."""
    fields = [doc.kind.value, doc.short_title, doc.title, doc.doc_number, doc.issuer, doc.date, doc.published_in,
              doc.preamble_completeness.value, *doc.preamble, "\x1d"]
    for part in doc.parts:
        fields += (part.id, part.num, part.heading, part.completeness.value, *part.paragraphs, "\x1d")
        for c in part.clauses:
            fields += (c.id, c.num, c.heading, c.heading_end, c.completeness.value, *c.paragraphs,
                       *_item_texts(c.items), "\x1d")
    return sha1("\x1f".join(fields).encode("utf-8"), usedforsecurity=False).hexdigest()


def unit_count(doc: Document) -> int:
    return (sum(len(p.clauses) + (1 if p.heading or p.paragraphs else 0) for p in doc.parts)
            + bool(doc.title) + bool(doc.preamble))
