"""Test documents derived from the shipped Liaoning text (a city plan copies the provincial one)."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.corpus import Corpus
from desktop_app.core.model import Document, DocumentKind


def city_document(corpus: Corpus, doc_id: str = "anshan", city: str = "鞍山") -> Document:
    """The Liaoning measures as a city's plan: 辽宁(省) becomes the city (it occurs in four clauses)."""
    src = corpus.document("liaoning")

    def sub(text: str) -> str:
        return text.replace("辽宁省", city + "市").replace("辽宁", city)

    parts = tuple(
        replace(p, heading=sub(p.heading), paragraphs=tuple(map(sub, p.paragraphs)),
                clauses=tuple(replace(c, heading=sub(c.heading), paragraphs=tuple(map(sub, c.paragraphs)))
                              for c in p.clauses))
        for p in src.parts
    )
    return replace(src, id=doc_id, kind=DocumentKind.CITY, title=sub(src.title), parts=parts)
