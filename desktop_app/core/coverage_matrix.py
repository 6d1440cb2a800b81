"""Coverage across three levels: central clauses × (each province, then each city's plans and its draft).

A cell lists the clauses of that column's document that carry the central
clause out, directly or through the provincial clause they carry out (then
``via`` names it), and apart from them the clauses only ``related`` to it.
A city is known from the documents' issuer or title (the shipped list of
Liaoning's cities first).  No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .comparing import ref_name, short_name
from .corpus import Corpus, UnitRef
from .errors import LookupFailed
from .model import Document, DocumentKind, Relation

DRAFT_DOC = "draft"
_CITY_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}?市)")


@dataclass(frozen=True)
class Column:
    """One column of the matrix: a provincial document, a city's document, or the open city draft."""

    kind: str          # "provincial", "city" or "draft"
    city: str          # the city ("" for a province)
    doc: str           # document id ("" for the draft)
    label: str         # the column heading
    title: str = ""    # the document's full title


@dataclass(frozen=True)
class Entry:
    """A clause in a cell: ``key`` is (doc, unit) or ("draft", draft clause id); ``via`` the provincial clause."""

    key: tuple[str, str]
    label: str
    via: UnitRef | None = None

    @property
    def via_label(self) -> str:
        return ref_name(self.via) if self.via else ""


@dataclass(frozen=True)
class Cell:
    implements: tuple[Entry, ...] = ()
    related: tuple[Entry, ...] = ()
    pending: tuple[Entry, ...] = ()   # draft sections offered for the row but still to be written (待起草)


@dataclass(frozen=True)
class MatrixRow:
    target: UnitRef
    cells: tuple[Cell, ...]

    @property
    def is_gap(self) -> bool:
        """No column carries this clause out."""
        return not any(c.implements for c in self.cells)


@dataclass(frozen=True)
class CoverageMatrix:
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]
    city: str = ""       # the city filtered to, or "" for all

    def gaps(self, column: int) -> list[MatrixRow]:
        return [r for r in self.rows if not r.cells[column].implements]

    def cities(self) -> list[str]:
        return list(dict.fromkeys(c.city for c in self.columns if c.city))


def city_of(doc: Document, corpus: Corpus) -> str:
    """The city a city-level document belongs to: a listed city named in its issuer or title, else ``…市``."""
    text = f"{doc.issuer} {doc.title}"
    for city in corpus.cities:
        if city.name in text:
            return city.name
    for city in corpus.cities:
        if city.short and city.short in text:
            return city.name
    m = _CITY_NAME.search(doc.issuer) or _CITY_NAME.search(doc.title)
    return m.group(1) if m else "（未识别城市）"


def build_matrix(corpus: Corpus, draft=None, city: str = "", target_doc: str = "central") -> CoverageMatrix:
    """The matrix of *target_doc*'s clauses; *draft* a ``drafting.Draft`` (its own column); *city* filters.

    Raises:
        LookupFailed: *city* is neither a listed city nor the city of any document or the draft.
    """
    name = _city_name(corpus, city, draft) if city else ""
    columns = _columns(corpus, draft, name)
    rows = [MatrixRow(target, tuple(_cell(corpus, target, col, draft) for col in columns))
            for target in _targets(corpus, target_doc)]
    return CoverageMatrix(tuple(columns), tuple(rows), name)


def _city_name(corpus: Corpus, city: str, draft) -> str:
    known = {c.city for c in _columns(corpus, draft, "") if c.city}
    for candidate in (city, city + "市"):
        if candidate in known:
            return candidate
    return corpus.city(city).name   # a listed city with nothing yet: its column still shows the gaps


def _columns(corpus: Corpus, draft, city: str) -> list[Column]:
    columns = [Column("provincial", "", d.id, short_name(d), d.title)
               for d in corpus.documents if d.kind is DocumentKind.PROVINCIAL]
    by_city: dict[str, list[Column]] = {}
    for doc in corpus.documents:
        if doc.kind is DocumentKind.CITY:
            name = city_of(doc, corpus)
            by_city.setdefault(name, []).append(Column("city", name, doc.id, _doc_label(name, doc), doc.title))
    if draft is not None:
        by_city.setdefault(draft.city, []).append(
            Column("draft", draft.city, "", f"{draft.city}草稿", draft.title or f"{draft.city}实施方案（草稿）"))
    if city:
        return columns + (by_city.get(city) or [Column("city", city, "", f"{city}（尚无实施方案）")])
    order = {c.name: n for n, c in enumerate(corpus.cities)}
    for name in sorted(by_city, key=lambda n: (order.get(n, len(order)), n)):
        columns += by_city[name]
    return columns


def _doc_label(city: str, doc: Document) -> str:
    return f"{city}（{doc.doc_number or doc.id}）"


def _targets(corpus: Corpus, target_doc: str) -> list[UnitRef]:
    return [row.target for row in corpus.coverage(target_doc)]


def _cell(corpus: Corpus, target: UnitRef, column: Column, draft) -> Cell:
    if column.kind == "draft":
        return _draft_cell(corpus, target, draft)
    if not column.doc:
        return Cell()
    implements: dict[tuple[str, str], Entry] = {}
    related: dict[tuple[str, str], Entry] = {}
    for view in corpus.links_to(target.doc.id, target.unit.id):
        if view.other.doc.id == column.doc:
            into = implements if view.relation is Relation.IMPLEMENTS else related
            into.setdefault(_key(view.other), Entry(_key(view.other), ref_name(view.other)))
    if column.kind == "city":
        for upper in corpus.links_to(target.doc.id, target.unit.id):
            if upper.other.doc.kind is not DocumentKind.PROVINCIAL:
                continue
            for view in corpus.links_to(upper.other.doc.id, upper.other.unit.id):
                if view.other.doc.id != column.doc or _key(view.other) in implements:
                    continue
                strong = view.relation is Relation.IMPLEMENTS and upper.relation is Relation.IMPLEMENTS
                into = implements if strong else related
                into.setdefault(_key(view.other), Entry(_key(view.other), ref_name(view.other), upper.other))
    for key in implements:
        related.pop(key, None)
    order = {c.id: n for n, c in enumerate(corpus.document(column.doc).clauses)}
    def in_order(entries: dict[tuple[str, str], Entry]) -> tuple[Entry, ...]:
        return tuple(sorted(entries.values(), key=lambda e: order.get(e.key[1], -1)))

    return Cell(in_order(implements), in_order(related))


def _draft_cell(corpus: Corpus, target: UnitRef, draft) -> Cell:
    implements, related, pending = [], [], []
    for npart in draft.numbered():
        units = [(npart.part, npart.num, "")] + [(nc.clause, nc.num, nc.clause.source_id) for nc in npart.clauses]
        for unit, num, source in units:
            entry = Entry((DRAFT_DOC, unit.id), f"{draft.city}草稿{num}", _via(corpus, draft, source, target))
            if target.unit.id in unit.carries_out:
                (pending if unit.to_complete else implements).append(entry)
            elif target.unit.id in getattr(unit, "related", ()):
                related.append(entry)
    return Cell(tuple(implements), tuple(related), tuple(pending))


def _via(corpus: Corpus, draft, source_id: str, target: UnitRef) -> UnitRef | None:
    if not source_id:
        return None
    try:
        ups = corpus.carries_out(draft.provincial_doc, source_id)
    except LookupFailed:
        return None
    return corpus.ref(draft.provincial_doc, source_id) if any(_key(u) == _key(target) for u in ups) else None


def _key(ref: UnitRef) -> tuple[str, str]:
    return (ref.doc.id, ref.unit.id)


def matrix_dict(matrix: CoverageMatrix) -> dict:
    """JSON of ``policydesk coverage --by-city``."""
    def entry(e: Entry) -> dict:
        return {"doc": e.key[0], "id": e.key[1], "label": e.label,
                "via": {"doc": e.via.doc.id, "id": e.via.unit.id, "label": e.via_label} if e.via else None}

    return {
        "city": matrix.city or None,
        "columns": [{"kind": c.kind, "city": c.city, "doc": c.doc or None, "label": c.label, "title": c.title}
                    for c in matrix.columns],
        "rows": [{"doc": r.target.doc.id, "id": r.target.unit.id, "label": r.target.label,
                  "completeness": r.target.unit.completeness.value, "gap": r.is_gap,
                  "cells": [{"implements": [entry(e) for e in c.implements],
                             "related": [entry(e) for e in c.related],
                             "to_complete": [entry(e) for e in c.pending]} for c in r.cells]}
                 for r in matrix.rows],
    }


def cell_lines(cell: Cell) -> list[str]:
    """A cell as text lines: 落实 entries (经… when through the provincial clause), then 相关 apart."""
    lines = [e.label + (f"（经{e.via_label}）" if e.via else "") for e in cell.implements]
    if cell.pending:
        lines.append("待起草：" + "、".join(e.label for e in cell.pending))
    if cell.related:
        lines.append("相关：" + "、".join(e.label for e in cell.related))
    return lines if cell.implements else ["【缺口】", *lines]
