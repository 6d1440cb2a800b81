"""Text similarity between clauses: jieba tokens, BM25-style weights, headings weighted.

Each clause becomes a weighted bag of words.  A word's weight in a clause is
its BM25 term weight: inverse document frequency (over every clause in play)
times a saturating term frequency normalised by clause length, so a word
repeated five times counts little more than twice and long clauses do not win
by length.  Words of the heading (the clause's lead sentence) count
``HEADING_WEIGHT`` times.  Two clauses score the cosine of their weight
vectors, in [0, 1].

A shipped clause may hold only its heading (central (五)–(十六)); the cosine
of a long clause against a short heading is small even when the heading is
wholly carried out, so the score is the larger of the cosine and the share of
the target's weight found in the source, damped by ``CONTAINMENT_DAMPING``.

Place words (全省, 全市, city and province names) and function words are left
out: a city plan says 全市 where the province said 全省, and that difference
must not count.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..core import segment

K1 = 1.2
B = 0.75
HEADING_WEIGHT = 3.0
CONTAINMENT_DAMPING = 0.6
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# Function words, and place words that differ between a province's text and a city's rewrite of it.
_STOP_TEXT = """
的 了 和 与 及 以及 等 在 对 为 是 将 把 被 由 从 向 于 其 之 并 或 也 都 有 按照 根据 通过 进一步 不断 加快 积极
全省 全市 全国 全县 全区 我省 我市 本省 本市 本地 各地 各市 各县 省级 市级 县级 省 市 县 区 地区 各级 有关 相关 部门
辽宁 辽宁省 中央 国家 省委 省政府 市委 市政府 工作 要 可 能 好 把握
"""
STOPWORDS = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True)
class Bag:
    """A clause as BM25-weighted words; ``norm`` is the vector's length."""

    weights: dict[str, float]
    norm: float
    total: float


def tokens(text: str, extra_stop: Iterable[str] = ()) -> list[str]:
    """Content words of *text*: jieba search-mode tokens without stopwords, punctuation or single characters."""
    stop = STOPWORDS.union(extra_stop)
    return [t for t in segment.cut_for_search(text) if len(t) > 1 and _WORD.search(t) and t not in stop]


class Weighter:
    """IDF and average length over a collection of (heading tokens, body tokens) pairs."""

    def __init__(self, units: Sequence[tuple[list[str], list[str]]]) -> None:
        df: Counter[str] = Counter()
        lengths = []
        for heading, body in units:
            df.update(set(heading) | set(body))
            lengths.append(HEADING_WEIGHT * len(heading) + len(body))
        self._n = max(len(units), 1)
        self._df = df
        self._avg = (sum(lengths) / len(lengths)) if lengths else 1.0

    def idf(self, term: str) -> float:
        df = self._df.get(term, 0)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def bag(self, heading: list[str], body: list[str]) -> Bag:
        tf: Counter[str] = Counter()
        for t in heading:
            tf[t] += HEADING_WEIGHT
        tf.update(body)
        length = sum(tf.values())
        weights = {}
        for term, f in tf.items():
            sat = f * (K1 + 1) / (f + K1 * (1 - B + B * length / self._avg))
            weights[term] = self.idf(term) * sat
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return Bag(weights, norm, sum(weights.values()))


def similarity(source: Bag, target: Bag) -> float:
    """Cosine of the two bags, or the damped share of *target*'s weight found in *source* if larger."""
    if not source.norm or not target.norm:
        return 0.0
    shared = source.weights.keys() & target.weights.keys()
    cosine = sum(source.weights[t] * target.weights[t] for t in shared) / (source.norm * target.norm)
    containment = sum(target.weights[t] for t in shared) / target.total
    return max(cosine, CONTAINMENT_DAMPING * containment * containment)
