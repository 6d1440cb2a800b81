"""What a search gives back: hits with highlighted fragments (plain data, no Qt)."""

from __future__ import annotations

import re
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


DOCUMENT_UNITS = ("title", "preamble")  # units that are not a part or clause: their hits have no number


@dataclass(frozen=True)
class SearchHit:
    """One clause, part heading or document unit found by a search, with its highlighted fragments."""

    doc: str
    id: str
    num: str
    heading: str
    kind: str  # the document's kind: central, provincial, city or other
    score: float
    fragments: tuple[Fragment, ...]
    terms: tuple[str, ...]
    title: str = ""  # the document's short title
    completeness: str = "full"  # the unit's: full, partial or heading-only
    unit: str = "clause"  # clause, part, title (title, 文号, issuer, date) or preamble
    matched_via: str = "exact"  # exact, traditional, synonym or parts
    via: tuple[tuple[str, str, str], ...] = ()  # (how, typed, what matched instead) for synonym and parts

    @property
    def equivalents(self) -> tuple[str, ...]:
        """What matched in place of a typed word (社会保险 for 社保; 异地 就医 for 异地就医)."""
        return tuple(dict.fromkeys(used for _how, _typed, used in self.via))

    def to_dict(self) -> dict:
        whole = self.unit in DOCUMENT_UNITS
        return {"doc": self.doc, "id": self.id, "num": None if whole else self.num, "heading": self.heading,
                "kind": self.unit if whole else self.kind, "doc_kind": self.kind, "unit": self.unit,
                "title": self.title, "completeness": self.completeness,
                "score": round(self.score, 4), "terms": list(self.terms), "matched_via": self.matched_via,
                "via": [{"how": how, "typed": typed, "as": used} for how, typed, used in self.via],
                "fragments": [{"text": f.text, "spans": [list(s) for s in f.spans], "marked": f.marked()}
                              for f in self.fragments]}


class SearchResults(list):
    """The hits of one search (a list, best first) and what else a person should be told about it."""

    def __init__(self, hits=(), *, suggestions: Sequence[str] = (), truncated: bool = False):
        super().__init__(hits)
        self.suggestions: tuple[str, ...] = tuple(suggestions)  # “您是不是要找” queries, best first
        self.truncated = truncated  # more hits than the limit were found

    def to_dict(self) -> dict:
        return {"hits": [h.to_dict() for h in self], "suggestions": list(self.suggestions),
                "truncated": self.truncated}


FRAGMENT_CHARS = 90
CONTEXT_BEFORE = 24
MAX_FRAGMENTS = 3
_BREAKS = re.compile(r"[\r\n\t\v\f\x1c-\x1f\x85\u2028\u2029]")


def make_fragments(text: str, spans: Sequence[tuple[int, int]], max_fragments: int = MAX_FRAGMENTS,
                   width: int = FRAGMENT_CHARS) -> tuple[Fragment, ...]:
    """Up to *max_fragments* excerpts of about *width* characters holding the most distinct matches.

    Excerpts do not overlap, never cut a match (every match inside an excerpt is marked) and hold no
    line breaks (each becomes a space, so offsets stay those of *text*).
    """
    flat = _BREAKS.sub(" ", text)
    spans = sorted(spans)
    if not spans:
        return (Fragment(flat[:width]),)
    if len(text) <= width:
        return (Fragment(flat, tuple(spans)),)
    windows, i, floor = [], 0, 0
    while i < len(spans):
        start = max(floor, spans[i][0] - CONTEXT_BEFORE)
        end = min(len(text), start + width)
        start = max(floor, min(start, end - width))
        for s, e in spans[i:]:
            if s >= end:
                break
            if end < e:  # a match across the edge: take it whole if it is short, else stop before it
                end = e if e - start <= width + CONTEXT_BEFORE else s
                break
        inside = [(s, e) for s, e in spans[i:] if s >= start and e <= end]
        if not inside:  # a match longer than a fragment: show its beginning, marked
            end = spans[i][0] + width
            inside = [(spans[i][0], min(spans[i][1], end))]
            start = spans[i][0]
        # The best candidates hold the most distinct matches, then the most matches, then come first.
        windows.append(((len({text[s:e] for s, e in inside}), len(inside), -start), start, end, inside))
        i += len(inside)
        floor = end
    best = sorted(sorted(windows, key=lambda w: w[0], reverse=True)[:max_fragments], key=lambda w: w[1])
    return tuple(Fragment(flat[start:end], tuple((a - start, b - start) for a, b in spans))
                 for _rank, start, end, spans in best)
