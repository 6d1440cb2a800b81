"""What to compare a clause with, each counterpart on its own, and comparisons as plain data.

A city clause that carries out both a provincial and a central clause, or a
provincial clause that carries out two central clauses, is compared with each
of them separately: merging the texts would make a verdict about a clause that
exists nowhere.  Used alike by the window and the ``compare`` command.  No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus import Corpus, UnitRef
from .errors import LookupFailed
from .model import Completeness, Document, DocumentKind
from .numerals import CN_NUMERAL_CHARS, cn_to_int
from .verdict import ClauseComparison, Side, judge

Key = tuple[str, str]
DRAFT_DOC = "draft"


@dataclass(frozen=True)
class Pair:
    """Two clauses to compare: ``other`` is read against ``base`` (normally the lower against the upper)."""

    base: Key
    other: Key


def short_name(doc: Document) -> str:
    """中央 for the central Opinions, 辽宁 for the Liaoning measures, else a short title."""
    if doc.kind is DocumentKind.CENTRAL:
        return "中央"
    m = re.match(r"^(.{2,6}?)(省|市|自治区|县|区)?关于", doc.short_title)
    return m.group(1) if m else doc.short_title[:6]


def ref_name(ref: UnitRef) -> str:
    """``中央（四）`` / ``辽宁一、``."""
    return short_name(ref.doc) + ref.unit.num


def side_of(ref: UnitRef) -> Side:
    text = ref.unit.full_text() if ref.is_clause else "\n".join([ref.unit.full_text(),
                                                                 *(c.full_text() for c in ref.unit.clauses)])
    return Side(ref_name(ref), text, ref.unit.completeness, ref.citation)


def pairs_for(corpus: Corpus, doc: str, unit: str) -> list[Pair]:
    """The natural comparisons for a clause: with each clause it carries out, else with each clause carrying it out.

    ``implements`` links are preferred; ``related`` ones stand in when a side has none
    (see :meth:`Corpus.counterparts`).  Never merged: one pair per counterpart.
    """
    up, down = corpus.counterparts(doc, unit)
    if up:
        return [Pair((r.doc.id, r.unit.id), (doc, unit)) for r in up]
    return [Pair((doc, unit), (r.doc.id, r.unit.id)) for r in down]


def pairs_between(left: list[Key], right: list[Key]) -> list[Pair]:
    """Every (right, left) pair: the left clauses read against each right clause, one at a time."""
    return [Pair(b, a) for b in right for a in left]


def compare_keys(corpus: Corpus, pair: Pair) -> ClauseComparison:
    return judge(side_of(corpus.ref(*pair.base)), side_of(corpus.ref(*pair.other)))


def comparison_dict(cc: ClauseComparison) -> dict:
    """The JSON of ``policydesk compare``: similarity, diff, modal_changes, verdict, incomplete."""
    return {
        "a": {"name": cc.base.name, "citation": cc.base.citation, "completeness": cc.base.completeness.value},
        "b": {"name": cc.other.name, "citation": cc.other.citation, "completeness": cc.other.completeness.value},
        "similarity": round(cc.similarity, 4),
        "diff": [[op, text] for op, text in cc.comparison.diff],
        "modal_changes": [
            {"kind": c.kind.value, "a": c.base, "b": c.other, "removed": list(c.removed), "added": list(c.added),
             "binding": c.binding, "description": c.description}
            for c in cc.changes
        ],
        "summary": cc.summary_lines(),
        "verdict": cc.verdict.value if cc.verdict else None,
        "incomplete": cc.incomplete,
    }


# ---- addresses on the command line -------------------------------------------------
_CLAUSE = re.compile(rf"^(?:[（(]\s*([{CN_NUMERAL_CHARS}]+|\d+)\s*[）)]|第?([{CN_NUMERAL_CHARS}]+|\d+)条?)$")


def resolve_side(corpus: Corpus, address: str, draft=None) -> Side:
    """``liaoning:（五）`` → that clause; ``draft:（五）`` → clause （五） of *draft* (a ``drafting.Draft``).

    Raises:
        LookupFailed: malformed address, unknown document or clause, or ``draft:`` without a draft.
    """
    doc, sep, clause = address.partition(":")
    if not sep:
        doc, sep, clause = address.partition("：")
    if not sep or not doc.strip() or not clause.strip():
        raise LookupFailed(f"条款地址 {address!r} 应写作 文档:条款，如 liaoning:（五）或 draft:（五）")
    doc, clause = doc.strip(), clause.strip()
    if doc == DRAFT_DOC:
        if draft is None:
            raise LookupFailed(f"{address} 指草稿中的条款，请用 --draft 给出草稿文件")
        return draft_side(draft, clause)
    ref = corpus.ref(doc, corpus.resolve(doc, clause).id)
    return side_of(ref)


def draft_side(draft, reference: str) -> Side:
    """Clause *reference* (``（五）``, ``(五)``, ``5`` or its id) of a draft as a comparison side."""
    wanted = _number(reference)
    for npart in draft.numbered():
        for nc in npart.clauses:
            if nc.clause.id == reference or (wanted is not None and _number(nc.num) == wanted):
                text = "\n".join([nc.lead + (nc.clause.paragraphs[0] if nc.clause.paragraphs else ""),
                                  *nc.clause.paragraphs[1:]])
                return Side(f"{draft.city}草稿{nc.num}", text, Completeness.FULL,
                            f"{draft.title or draft.city + '实施方案（草稿）'}第{nc.num}条")
    raise LookupFailed(f"草稿中没有条款 {reference!r}（可写作 （五）、(五)、5）")


def _number(text: str) -> int | None:
    m = _CLAUSE.match(text.strip())
    if not m:
        return None
    value = m.group(1) or m.group(2)
    try:
        return int(value) if value.isdigit() else cn_to_int(value)
    except ValueError:
        return None


__all__ = [
    "Pair",
    "compare_keys",
    "comparison_dict",
    "draft_side",
    "pairs_between",
    "pairs_for",
    "ref_name",
    "resolve_side",
    "short_name",
    "side_of",
]
