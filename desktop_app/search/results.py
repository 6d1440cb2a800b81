"""What a search gives back: hits with highlighted fragments (plain data, no Qt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Fragment:
    """An excerpt of a clause's text with the matched words' [start, end) spans."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, open: str = "【", close: str = "】") -> str:
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], open, self.text[start:end], close]
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass(frozen=True)
class SearchHit:
    doc: str
    id: str
    num: str
    heading: str
    kind: str
    score: float
    fragments: tuple[Fragment, ...]
    terms: tuple[str, ...]
    title: str = ""  # the document's short title
    completeness: str = "full"  # the unit's: full, partial or heading-only

    def to_dict(self) -> dict:
        return {"doc": self.doc, "id": self.id, "num": self.num, "heading": self.heading, "kind": self.kind,
                "title": self.title, "completeness": self.completeness,
                "score": round(self.score, 4), "terms": list(self.terms),
                "fragments": [{"text": f.text, "spans": [list(s) for s in f.spans], "marked": f.marked()}
                              for f in self.fragments]}


FRAGMENT_CHARS = 90
CONTEXT_BEFORE = 24
MAX_FRAGMENTS = 3


def make_fragments(text: str, spans: Sequence[tuple[int, int]], max_fragments: int = MAX_FRAGMENTS,
                   width: int = FRAGMENT_CHARS) -> tuple[Fragment, ...]:
    """Up to *max_fragments* excerpts of about *width* characters holding the most distinct matches."""
    if not spans:
        return (Fragment(text[:width]),)
    if len(text) <= width:
        return (Fragment(text, tuple(spans)),)
    windows = []
    i = 0
    while i < len(spans):
        start = max(0, spans[i][0] - CONTEXT_BEFORE)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
        inside = [s for s in spans[i:] if s[0] >= start and s[1] <= end]
        distinct = len({text[s:e] for s, e in inside})
        windows.append((distinct, len(inside), -start, start, end, inside))
        i += max(1, len(inside))
    best = sorted(windows, reverse=True)[:max_fragments]
    best.sort(key=lambda w: w[3])
    return tuple(Fragment(text[s:e], tuple((a - s, b - s) for a, b in inside)) for *_r, s, e, inside in best)
