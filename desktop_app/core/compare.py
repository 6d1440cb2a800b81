"""Word-level comparison of two clause texts: what a lower document kept, added, and did not take up.

The texts are cut into words with the shared jieba tokenizer
(:func:`desktop_app.core.segment.cut`) and aligned with :mod:`difflib`.  Side
``a`` is the clause being read (normally the provincial clause), side ``b`` the
clause it is set against (normally the central clause it carries out):

* ``KEPT``  — words both texts share, in the same order;
* ``ONLY_A`` — words only in ``a`` (for a provincial clause: added by the province);
* ``ONLY_B`` — words only in ``b`` (for a central clause: not taken up).

Besides the marks the comparison gives a similarity figure and the shifts in
obligation wording (必须/确保/严格… against 鼓励/支持/原则上/可…), which
drafters check first when a lower document softens or hardens a duty.
Plain data only: no Qt, no user-visible sentences.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

Tokenizer = Callable[[str], list[str]]


class Mark(str, Enum):
    KEPT = "kept"
    ONLY_A = "only_a"
    ONLY_B = "only_b"


class Strength(str, Enum):
    """How binding a piece of obligation wording is."""

    STRONG = "strong"
    WEAK = "weak"


class Direction(str, Enum):
    """How ``a``'s obligation wording stands against ``b``'s."""

    SAME = "same"
    SOFTER = "softer"      # a is less binding than b
    STRONGER = "stronger"  # a is more binding than b
    MIXED = "mixed"        # a adds some binding words and some permissive ones


# Binding and permissive wording as it appears in Chinese policy documents.
# Matched against whole jieba tokens, so 可 does not match inside 可持续.
STRONG_TERMS: tuple[str, ...] = (
    "必须", "务必", "确保", "严格", "严禁", "不得", "一律", "坚决", "应当", "须",
)
WEAK_TERMS: tuple[str, ...] = (
    "鼓励", "支持", "原则上", "可", "可以", "适当", "探索", "逐步", "引导", "有条件的", "有条件", "积极稳妥",
    "视情", "酌情", "倡导",
)


@dataclass(frozen=True)
class Segment:
    """A run of words on one side with its mark."""

    text: str
    mark: Mark


@dataclass(frozen=True)
class ObligationShift:
    """One obligation term whose count differs between the sides."""

    term: str
    strength: Strength
    count_a: int
    count_b: int


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`.

    Attributes:
        a, b: each side as segments that concatenate back to the input text.
        similarity: 0..1, the share of (non-punctuation) characters the two texts keep in common.
        shifts: obligation terms used a different number of times on the two sides.
        direction: the overall drift of ``a``'s wording against ``b``'s.
    """

    a: tuple[Segment, ...]
    b: tuple[Segment, ...]
    similarity: float
    shifts: tuple[ObligationShift, ...]
    direction: Direction
    diff: tuple[tuple[str, str], ...] = ()   # (op, text) turning a into b: equal, delete (only a), insert (only b)

    def text_with(self, side: str, mark: Mark) -> list[str]:
        """The runs of one side (``"a"`` or ``"b"``) that carry *mark*."""
        return [s.text for s in getattr(self, side) if s.mark is mark]


def compare(text_a: str, text_b: str, tokenize: Tokenizer | None = None) -> Comparison:
    """Compare *text_a* with *text_b* word by word.

    Args:
        text_a: the clause being read (e.g. the provincial clause).
        text_b: the clause it is set against (e.g. the central clause it carries out).
        tokenize: word splitter; the shared jieba tokenizer when None.
    """
    if tokenize is None:
        from .segment import cut as tokenize
    tokens_a, tokens_b = tokenize(text_a), tokenize(text_b)
    matcher = difflib.SequenceMatcher(None, tokens_a, tokens_b, autojunk=False)
    side_a: list[Segment] = []
    side_b: list[Segment] = []
    diff: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        run_a, run_b = "".join(tokens_a[i1:i2]), "".join(tokens_b[j1:j2])
        if op == "equal":
            _append(side_a, run_a, Mark.KEPT)
            _append(side_b, run_b, Mark.KEPT)
            _push(diff, "equal", run_a)
        else:
            _append(side_a, run_a, Mark.ONLY_A)
            _append(side_b, run_b, Mark.ONLY_B)
            _push(diff, "delete", run_a)
            _push(diff, "insert", run_b)
    shifts = obligation_shifts(tokens_a, tokens_b)
    return Comparison(tuple(side_a), tuple(side_b), _similarity(side_a, side_b), shifts, _direction(shifts),
                      tuple(diff))


def obligation_shifts(tokens_a: Sequence[str], tokens_b: Sequence[str]) -> tuple[ObligationShift, ...]:
    """Obligation terms counted on both sides, keeping those whose counts differ (binding terms first)."""
    count_a, count_b = Counter(tokens_a), Counter(tokens_b)
    shifts = []
    for strength, terms in ((Strength.STRONG, STRONG_TERMS), (Strength.WEAK, WEAK_TERMS)):
        for term in terms:
            if count_a[term] != count_b[term]:
                shifts.append(ObligationShift(term, strength, count_a[term], count_b[term]))
    return tuple(shifts)


def _direction(shifts: Sequence[ObligationShift]) -> Direction:
    strong = sum(s.count_a - s.count_b for s in shifts if s.strength is Strength.STRONG)
    weak = sum(s.count_a - s.count_b for s in shifts if s.strength is Strength.WEAK)
    softer = strong < 0 or weak > 0
    stronger = strong > 0 or weak < 0
    if softer and stronger:
        return Direction.MIXED
    if softer:
        return Direction.SOFTER
    if stronger:
        return Direction.STRONGER
    return Direction.SAME


def _append(side: list[Segment], text: str, mark: Mark) -> None:
    if not text:
        return
    if side and side[-1].mark is mark:
        side[-1] = Segment(side[-1].text + text, mark)
    else:
        side.append(Segment(text, mark))


def _push(diff: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if diff and diff[-1][0] == op:
        diff[-1] = (op, diff[-1][1] + text)
    else:
        diff.append((op, text))


def _weight(text: str) -> int:
    return sum(1 for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("P")))


def _similarity(side_a: Sequence[Segment], side_b: Sequence[Segment]) -> float:
    total = sum(_weight(s.text) for s in side_a) + sum(_weight(s.text) for s in side_b)
    if total == 0:
        return 1.0
    kept = sum(_weight(s.text) for s in side_a if s.mark is Mark.KEPT)
    kept += sum(_weight(s.text) for s in side_b if s.mark is Mark.KEPT)
    return kept / total
