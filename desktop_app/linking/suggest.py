"""Suggested links for an imported document: which higher clauses each of its clauses carries out.

For every clause of the imported document (and every part that has no
clauses), the candidates are the clauses of the documents above it — a city
plan looks at provincial and central documents, a provincial one at central
documents — ranked by :func:`desktop_app.linking.scoring.similarity`.

Explicit references count first: ``《意见》第（五）条`` in a clause links it to
that clause with score 1.0.  A reference to a whole document (in the clause,
or in the document's preamble: ``为贯彻落实……（厅字〔2019〕56号）精神``)
raises that document's candidates by ``REFERENCE_BONUS``.

``ACCEPT_THRESHOLD`` is the score from which a suggestion is accepted without
asking (``policydesk import --yes``, and pre-ticked in the import window): in
each target document, the best suggestion at or above it, and runners-up of
that document within ``RUNNER_UP_SHARE`` of the best.  It was set on the
shipped Liaoning measures against the central Opinions and their hand-made
cross-links, not on the mock city plan: there, at 0.25, all 15 accepted links
are reference links (precision 1.00, recall 0.79 of the 19 clause links), and
the best suggestion is right for all 18 clauses; the weak "related" links
score 0.16–0.18 and are left to the user.  See docs/importing.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.corpus import Corpus
from ..core.model import Clause, Document, DocumentKind, Link, Part, Relation
from .docnumber import DOC_NUMBER_RE
from .references import Reference, find_references
from .scoring import Bag, Weighter, similarity, tokens

ACCEPT_THRESHOLD = 0.25
SHOW_THRESHOLD = 0.08
MAX_SUGGESTIONS = 5
REFERENCE_BONUS = 0.05
# Accept a second or third target only when it scores nearly as well as the best one.
RUNNER_UP_SHARE = 0.85
_CITED_TITLE = re.compile(r"《[^《》]*》")

LEVELS = {
    DocumentKind.CENTRAL: (),
    DocumentKind.PROVINCIAL: (DocumentKind.CENTRAL,),
    DocumentKind.CITY: (DocumentKind.CENTRAL, DocumentKind.PROVINCIAL),
    DocumentKind.OTHER: (DocumentKind.CENTRAL, DocumentKind.PROVINCIAL, DocumentKind.CITY),
}


@dataclass(frozen=True)
class Suggestion:
    """A clause (or part) of a higher document that a unit of the imported one may carry out."""

    doc: str
    id: str
    num: str
    heading: str
    score: float
    reason: str = "text"   # "text" (similar wording) or "reference" (named explicitly)
    note: str = ""

    @property
    def accepted_by_default(self) -> bool:
        return self.score >= ACCEPT_THRESHOLD


@dataclass(frozen=True)
class UnitSuggestions:
    unit_id: str
    suggestions: tuple[Suggestion, ...]   # best first

    def accepted(self) -> tuple[Suggestion, ...]:
        """The suggestions ``--yes`` saves: references, and in each target document the best one at or
        above the threshold with any runner-up nearly as good (a city clause carries out one provincial
        and one central clause, not several of each)."""
        best: dict[str, float] = {}
        for s in self.suggestions:
            if s.reason == "text":
                best.setdefault(s.doc, s.score)
        return tuple(s for s in self.suggestions if s.reason == "reference" or (
            s.score >= ACCEPT_THRESHOLD and s.score >= RUNNER_UP_SHARE * best[s.doc]))


def target_documents(corpus: Corpus, doc: Document) -> list[Document]:
    """The documents above *doc* (by kind) in *corpus*, *doc* itself excluded."""
    kinds = LEVELS[doc.kind]
    return [d for d in corpus.documents if d.kind in kinds and d.id != doc.id]


def link_units(doc: Document) -> list[Part | Clause]:
    """The units that get links: every clause, and every numbered part without clauses."""
    return [u for p in doc.parts for u in ((*p.clauses,) if p.clauses else ((p,) if p.num else ()))]


def suggest_links(corpus: Corpus, doc: Document) -> list[UnitSuggestions]:
    """For each unit of *doc*, its suggested targets, best first (empty list for central documents)."""
    targets = [(d, u) for d in target_documents(corpus, doc) for u in link_units(d)]
    units = link_units(doc)
    if not targets or not units:
        return [UnitSuggestions(u.id, ()) for u in units]
    stop = {name for c in corpus.cities for name in (c.name, c.short)}
    source_tokens = [_unit_tokens(u, stop) for u in units]
    target_tokens = [_unit_tokens(u, stop) for _d, u in targets]
    weighter = Weighter(source_tokens + target_tokens)
    target_bags = [weighter.bag(*t) for t in target_tokens]
    doc_refs = {r.doc for r in find_references("\n".join(doc.preamble), corpus, exclude=doc.id)}
    out = []
    for unit, toks in zip(units, source_tokens, strict=True):
        refs = find_references(unit.full_text(), corpus, exclude=doc.id)
        bag = weighter.bag(*toks)
        out.append(UnitSuggestions(unit.id, _rank(bag, targets, target_bags, refs, doc_refs)))
    return out


def _unit_tokens(unit: Part | Clause, stop: set[str]) -> tuple[list[str], list[str]]:
    body = unit.body if isinstance(unit, Clause) else "\n".join(unit.paragraphs)
    return tokens(_without_citations(unit.heading), stop), tokens(_without_citations(body), stop)


def _without_citations(text: str) -> str:
    """Cited titles and 文号 say which document is meant (see references), not what the clause is about."""
    return DOC_NUMBER_RE.sub(" ", _CITED_TITLE.sub(" ", text))


def _rank(bag: Bag, targets: list[tuple[Document, Part | Clause]], bags: list[Bag], refs: list[Reference],
          doc_refs: set[str]) -> tuple[Suggestion, ...]:
    named = {(r.doc, r.unit_id): r for r in refs if r.unit_id}
    boosted = doc_refs | {r.doc for r in refs}
    scored: dict[tuple[str, str], Suggestion] = {}
    for (doc, unit), target in zip(targets, bags, strict=True):
        key = (doc.id, unit.id)
        if key in named:
            scored[key] = Suggestion(doc.id, unit.id, unit.num, unit.heading, 1.0, "reference",
                                     f"原文引用：{named[key].text}")
            continue
        score = similarity(bag, target) + (REFERENCE_BONUS if doc.id in boosted else 0.0)
        if score >= SHOW_THRESHOLD:
            scored[key] = Suggestion(doc.id, unit.id, unit.num, unit.heading, round(min(score, 0.99), 3))
    ranked = sorted(scored.values(), key=lambda s: (-s.score, s.doc, s.id))
    return tuple(ranked[:MAX_SUGGESTIONS])


def accepted_links(doc: Document, suggestions: list[UnitSuggestions]) -> list[Link]:
    """The links ``--yes`` saves for *doc*: each unit's accepted suggestions."""
    return [to_link(doc.id, s.unit_id, sug) for s in suggestions for sug in s.accepted()]


def to_link(doc_id: str, unit_id: str, sug: Suggestion) -> Link:
    note = sug.note or f"导入时自动建议（文本相似度 {sug.score:.2f}）"
    return Link(doc_id, unit_id, sug.doc, sug.id, Relation.IMPLEMENTS, note)
