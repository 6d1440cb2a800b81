"""Whether one clause's wording binds more or less than another's, sentence by sentence.

A word count over the whole clause cannot tell a softened duty from a duty
left out: 必须 missing on one side may mean the same sentence now says 鼓励, or
that the sentence is gone.  So the texts are cut into sentences, the sentences
of one side are paired with their counterparts on the other, and

* a pair whose binding or permissive wording differs is a *softened* or
  *hardened* sentence (``同一句由必须改为鼓励``);
* a sentence with obligation wording that has no counterpart was *omitted* or
  *added* (``删去 2 句含约束性词语``).

Only pairs decide the strength verdict: a lower document that leaves a sentence
out has not softened it, and says so separately.  No verdict is given when a
side is held only in part (heading only or partial text): the comparison is
then *incomplete*.

Direction: everything describes ``other`` against ``base`` (for the command line,
``B`` against ``A``; in the window, the clause being read against the clause it
carries out).  Plain data only: no Qt.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from .compare import STRONG_TERMS, WEAK_TERMS, Comparison, Tokenizer, compare
from .model import Completeness

PAIR_THRESHOLD = 0.5   # share of characters two sentences must keep in common to be "the same sentence"
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;\n])")


class Verdict(str, Enum):
    STRICTER = "stricter"
    LOOSER = "looser"
    MIXED = "mixed"
    SAME = "same"

    @property
    def label(self) -> str:
        return {"stricter": "措辞更严", "looser": "措辞更宽", "mixed": "有宽有严", "same": "措辞强度相当"}[self.value]


class ChangeKind(str, Enum):
    SOFTENED = "softened"   # the same sentence, less binding
    HARDENED = "hardened"   # the same sentence, more binding
    REWORDED = "reworded"   # the same sentence, some wording more binding and some less
    OMITTED = "omitted"     # a sentence of base with obligation wording, absent from other
    ADDED = "added"         # a sentence of other with obligation wording, absent from base


@dataclass(frozen=True)
class Side:
    """One clause as compared: how to name it, its text and how much of it the knowledge base holds."""

    name: str
    text: str
    completeness: Completeness = Completeness.FULL
    citation: str = ""


@dataclass(frozen=True)
class ModalChange:
    """One change in obligation wording.

    ``base``/``other`` are the sentences (empty for the side a sentence is missing from);
    ``removed``/``added`` the obligation terms only base / only other uses in them.
    """

    kind: ChangeKind
    base: str
    other: str
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    binding: bool = False   # the sentence holds binding (not only permissive) wording

    @property
    def description(self) -> str:
        if self.kind in (ChangeKind.OMITTED, ChangeKind.ADDED):
            verb = "删去" if self.kind is ChangeKind.OMITTED else "新增"
            return f"{verb}一句：{(self.base or self.other).strip()}"
        if self.removed and self.added:
            return f"同一句由{'、'.join(self.removed)}改为{'、'.join(self.added)}"
        if self.removed:
            return f"同一句删去{'、'.join(self.removed)}"
        return f"同一句增加{'、'.join(self.added)}"


@dataclass(frozen=True)
class ClauseComparison:
    """Two clauses compared: the word diff, the wording changes and the verdict on ``other`` against ``base``."""

    base: Side
    other: Side
    comparison: Comparison        # compare(base.text, other.text): side a is base, side b other
    changes: tuple[ModalChange, ...]
    verdict: Verdict | None
    incomplete: str | None        # why no verdict can be given, or None

    @property
    def similarity(self) -> float:
        return self.comparison.similarity

    def count(self, kind: ChangeKind, binding: bool) -> int:
        """Omitted/added sentences whose wording is binding (or only permissive, ``binding=False``)."""
        return sum(1 for c in self.changes if c.kind is kind and c.binding == binding)

    def summary_lines(self) -> list[str]:
        """What changed in the obligation wording and what that means, one sentence a line (Chinese)."""
        lines = [c.description for c in self.changes if c.kind not in (ChangeKind.OMITTED, ChangeKind.ADDED)]
        for kind, verb in ((ChangeKind.OMITTED, "删去"), (ChangeKind.ADDED, "新增")):
            for binding, word in ((True, "约束性"), (False, "倡导性")):
                if n := self.count(kind, binding):
                    lines.append(f"{verb} {n} 句含{word}词语")
        lines.append(self.verdict_line())
        return lines

    def verdict_line(self) -> str:
        if self.incomplete:
            return f"对照不完整：{self.incomplete}，不判断措辞强弱。"
        if self.verdict is None:
            return "两条没有可逐句对应的句子，不判断措辞强弱。"
        return f"{self.other.name}相对{self.base.name}：{self.verdict.label}（只比较两边都有的句子）。"


def judge(base: Side, other: Side, tokenize: Tokenizer | None = None) -> ClauseComparison:
    """Compare *other* against *base*: word diff, sentence-level wording changes and verdict."""
    if tokenize is None:
        from .segment import cut as tokenize
    comparison = compare(base.text, other.text, tokenize)
    incomplete = _incomplete(base, other)
    sents_base, sents_other = sentences(base.text), sentences(other.text)
    pairs = pair_sentences(sents_base, sents_other)
    changes = [c for i, j in pairs if (c := _pair_change(sents_base[i], sents_other[j], tokenize))]
    if not incomplete:
        paired_base, paired_other = {i for i, _ in pairs}, {j for _, j in pairs}
        changes += [_lone(ChangeKind.OMITTED, s, tokenize) for i, s in enumerate(sents_base)
                    if i not in paired_base and _terms(s, tokenize)]
        changes += [_lone(ChangeKind.ADDED, s, tokenize) for j, s in enumerate(sents_other)
                    if j not in paired_other and _terms(s, tokenize)]
    verdict = None if incomplete or not pairs else _verdict(changes)
    return ClauseComparison(base, other, comparison, tuple(changes), verdict, incomplete)


def sentences(text: str) -> list[str]:
    """The sentences of *text*, each with its closing punctuation; blank pieces dropped."""
    return [s for s in _SENTENCE_END.split(text) if _letters(s)]


def pair_sentences(base: Sequence[str], other: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of sentences that are the same sentence reworded, best matches first taken, in base order."""
    scored = []
    for i, a in enumerate(base):
        for j, b in enumerate(other):
            ratio = difflib.SequenceMatcher(None, _letters(a), _letters(b), autojunk=False).ratio()
            if ratio >= PAIR_THRESHOLD:
                scored.append((-ratio, i, j))
    pairs, used_i, used_j = [], set(), set()
    for _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return sorted(pairs)


def _pair_change(base: str, other: str, tokenize: Tokenizer) -> ModalChange | None:
    terms_base, terms_other = _terms(base, tokenize), _terms(other, tokenize)
    removed = tuple(t for t in terms_base if terms_base[t] > terms_other[t])
    added = tuple(t for t in terms_other if terms_other[t] > terms_base[t])
    strong = sum(terms_other[t] - terms_base[t] for t in {*terms_base, *terms_other} if t in STRONG_TERMS)
    weak = sum(terms_other[t] - terms_base[t] for t in {*terms_base, *terms_other} if t in WEAK_TERMS)
    looser, stricter = strong < 0 or weak > 0, strong > 0 or weak < 0
    if not (removed or added):
        return None
    if looser and stricter:
        kind = ChangeKind.REWORDED
    elif looser:
        kind = ChangeKind.SOFTENED
    elif stricter:
        kind = ChangeKind.HARDENED
    else:
        return None   # one binding word for another (必须 → 确保): as binding as before
    return ModalChange(kind, base, other, removed, added)


def _verdict(changes: Sequence[ModalChange]) -> Verdict:
    kinds = {c.kind for c in changes}
    looser = bool(kinds & {ChangeKind.SOFTENED, ChangeKind.REWORDED})
    stricter = bool(kinds & {ChangeKind.HARDENED, ChangeKind.REWORDED})
    if looser and stricter:
        return Verdict.MIXED
    if looser:
        return Verdict.LOOSER
    return Verdict.STRICTER if stricter else Verdict.SAME


def _incomplete(base: Side, other: Side) -> str | None:
    short = [s for s in (base, other) if s.completeness is not Completeness.FULL]
    if not short:
        return None
    return "、".join(f"{s.name}在知识库中{_held(s.completeness)}" for s in short)


def _held(completeness: Completeness) -> str:
    return "仅有标题" if completeness is Completeness.HEADING_ONLY else "只有部分原文"


def _terms(sentence: str, tokenize: Tokenizer) -> Counter:
    """Obligation terms of a sentence, in the order of :data:`STRONG_TERMS` then :data:`WEAK_TERMS`."""
    counts = Counter(t for t in tokenize(sentence) if t in STRONG_TERMS or t in WEAK_TERMS)
    order = {t: n for n, t in enumerate((*STRONG_TERMS, *WEAK_TERMS))}
    return Counter(dict(sorted(counts.items(), key=lambda kv: order[kv[0]])))


def _lone(kind: ChangeKind, sentence: str, tokenize: Tokenizer) -> ModalChange:
    terms = tuple(_terms(sentence, tokenize))
    binding = any(t in STRONG_TERMS for t in terms)
    if kind is ChangeKind.OMITTED:
        return ModalChange(kind, sentence, "", removed=terms, binding=binding)
    return ModalChange(kind, "", sentence, added=terms, binding=binding)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("P")))
