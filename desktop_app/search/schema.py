"""What the index holds for each clause and part heading, and how its fields are weighted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from whoosh.fields import ID, STORED, TEXT, Schema

from ..core.model import Document
from .analyzer import analyzer

SCHEMA_VERSION = 1
# A word in a clause's heading counts this many times one in its body (BM25F field boost).
HEADING_BOOST = 2.5


def build_schema() -> Schema:
    ana = analyzer()
    return Schema(
        key=ID(unique=True),
        doc=ID(stored=True),
        id=STORED(),
        num=STORED(),
        kind=ID(stored=True),
        unit=ID(stored=True),
        order=STORED(),
        heading=TEXT(analyzer=ana, stored=True, phrase=True, field_boost=HEADING_BOOST),
        body=TEXT(analyzer=ana, stored=True, phrase=True),
    )


@dataclass(frozen=True)
class UnitRecord:
    """One searchable unit: a clause, or a part with its heading and any text of its own."""

    doc: str
    id: str
    num: str
    kind: str
    unit: str  # "clause" or "part"
    order: int
    heading: str
    body: str

    @property
    def key(self) -> str:
        return f"{self.doc}\x1f{self.id}"

    def fields(self) -> dict:
        return {"key": self.key, "doc": self.doc, "id": self.id, "num": self.num, "kind": self.kind,
                "unit": self.unit, "order": self.order, "heading": self.heading, "body": self.body}


def unit_records(doc: Document) -> list[UnitRecord]:
    """Every part heading and clause of *doc*, in reading order."""
    records = []
    kind = doc.kind.value
    for part in doc.parts:
        if part.heading or part.paragraphs:
            body = "\n".join([part.heading, *part.paragraphs]) if part.heading else "\n".join(part.paragraphs)
            records.append(UnitRecord(doc.id, part.id, part.num, kind, "part", len(records), part.heading, body))
        for clause in part.clauses:
            records.append(UnitRecord(doc.id, clause.id, clause.num, kind, "clause", len(records),
                                      clause.heading, clause.text_without_num()))
    return records


def document_fingerprint(records: list[UnitRecord]) -> str:
    """A hash of everything the index holds for one document."""
    digest = hashlib.sha1(usedforsecurity=False)
    for rec in records:
        digest.update("\x1e".join((rec.id, rec.num, rec.kind, rec.unit, rec.heading, rec.body)).encode())
        digest.update(b"\x1d")
    return digest.hexdigest()
