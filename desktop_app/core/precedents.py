"""Precedents (同题对照): how other documents carried out the same upper-level clause.

For a clause, its upper-level clauses are those it carries out (``implements``
preferred, ``related`` standing in) and, in turn, theirs; a central clause is
its own upper clause.  Under each, every clause of *another* document linked to
it is a precedent, with its similarity to the clause being looked at, most
similar first.  Draft clauses use their provincial source and central ids.  No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compare import Tokenizer, compare
from .comparing import side_of
from .corpus import Corpus, UnitRef
from .errors import LookupFailed
from .model import Relation

Key = tuple[str, str]


@dataclass(frozen=True)
class Precedent:
    ref: UnitRef            # the other document's clause
    relation: Relation      # how it is linked to the upper clause
    similarity: float       # 0..1 against the clause being looked at
    via: UnitRef | None = None   # the clause it carries out that carries out the upper clause

    @property
    def key(self) -> Key:
        return (self.ref.doc.id, self.ref.unit.id)


@dataclass(frozen=True)
class PrecedentGroup:
    upper: UnitRef
    precedents: tuple[Precedent, ...]


def uppers_of(corpus: Corpus, doc: str, unit: str) -> list[UnitRef]:
    """The clauses *unit* carries out, then theirs; a clause carrying nothing out is its own upper clause."""
    found: dict[Key, UnitRef] = {}
    frontier = [corpus.ref(doc, unit)]
    while frontier:
        ref = frontier.pop(0)
        up, _down = corpus.counterparts(ref.doc.id, ref.unit.id)
        for upper in up:
            if _key(upper) not in found:
                found[_key(upper)] = upper
                frontier.append(upper)
    return list(found.values()) or [corpus.ref(doc, unit)]


def precedents_for(corpus: Corpus, doc: str, unit: str, tokenize: Tokenizer | None = None) -> list[PrecedentGroup]:
    """Precedents of a clause of the knowledge base (its own document excluded)."""
    ref = corpus.ref(doc, unit)
    return precedents_for_text(corpus, side_of(ref).text, uppers_of(corpus, doc, unit), {doc}, tokenize)


def precedents_for_draft_clause(corpus: Corpus, draft, clause, tokenize: Tokenizer | None = None
                                ) -> list[PrecedentGroup]:
    """Precedents of a draft clause (``drafting.DraftClause``): through its provincial source and central clauses."""
    uppers: list[UnitRef] = []
    wanted = ([(draft.provincial_doc, clause.source_id)] if clause.source_id else []) + \
        [(draft.central_doc, i) for i in (*clause.carries_out, *clause.related)]
    for doc, unit in wanted:
        try:
            ref = corpus.ref(doc, unit)
        except LookupFailed:
            continue
        for upper in [ref, *uppers_of(corpus, doc, unit)]:
            if _key(upper) not in {_key(u) for u in uppers}:
                uppers.append(upper)
    text = "\n".join([clause.heading, *clause.paragraphs])
    return precedents_for_text(corpus, text, uppers, set(), tokenize)


def precedents_for_text(corpus: Corpus, text: str, uppers: list[UnitRef], exclude_docs: set[str],
                        tokenize: Tokenizer | None = None) -> list[PrecedentGroup]:
    """Under each upper clause, the clauses of other documents linked to it, most similar to *text* first."""
    upper_keys = {_key(u) for u in uppers}
    groups = []
    for upper in uppers:
        found: dict[Key, Precedent] = {}
        for other, relation, via in _linked(corpus, upper):
            if other.doc.id in exclude_docs or _key(other) in upper_keys or _key(other) in found:
                continue
            similarity = compare(side_of(other).text, text, tokenize).similarity  # as the panel judges it
            found[_key(other)] = Precedent(other, relation, similarity, via)
        ordered = sorted(found.values(), key=lambda p: (p.relation is not Relation.IMPLEMENTS, -p.similarity))
        groups.append(PrecedentGroup(upper, tuple(ordered)))
    return groups


def _linked(corpus: Corpus, upper: UnitRef) -> list[tuple[UnitRef, Relation, UnitRef | None]]:
    """Clauses linked to *upper*: directly, then those carrying out a clause that carries *upper* out."""
    direct = [(v.other, v.relation, None) for v in corpus.links_to(upper.doc.id, upper.unit.id)]
    through = [(v.other, v.relation, mid) for mid, relation, _ in direct if relation is Relation.IMPLEMENTS
               for v in corpus.links_to(mid.doc.id, mid.unit.id) if v.relation is Relation.IMPLEMENTS]
    return direct + through


def _key(ref: UnitRef) -> Key:
    return (ref.doc.id, ref.unit.id)
