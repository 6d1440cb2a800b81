"""Which part or clause of the draft an item concerns: by anchor when the file has one, else by the text.

Text alignment compares character pairs (bigrams), which survives the small
edits of a re-typed or pasted copy: the share of the paragraph's pairs found in
a clause's paragraph decides, and the quoted words break a tie or stand in for a
paragraph too short to tell.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..drafting.edit import with_full_width_punctuation
from ..drafting.model import Draft, closed
from .docxread import RawItem
from .items import Match

MIN_SCORE = 0.5          # Dice overlap of the character pairs of the file's paragraph and the draft's
MIN_QUOTE = 0.8          # share of the quoted words' pairs found in the draft's paragraph
MIN_CHARS = 6            # shorter text says too little to align by
TITLE, PREAMBLE = "title", "preamble"     # pseudo ids: the title and the preamble get feedback too


def bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if not ch.isspace())
    return {text[i:i + 2] for i in range(len(text) - 1)}


@dataclass(frozen=True)
class Target:
    unit_id: str
    text: str
    grams: frozenset[str]


class Mapper:
    """Maps raw items of returned files to the parts and clauses of *draft*."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.units = {p.id for p in draft.parts} | {c.id for c in draft.clauses} | {TITLE, PREAMBLE}
        self.targets = list(self._targets(with_full_width_punctuation(draft)))

    @staticmethod
    def _targets(draft: Draft):
        yield Target(TITLE, draft.title, frozenset(bigrams(draft.title)))
        for text in draft.preamble:
            yield Target(PREAMBLE, text, frozenset(bigrams(text)))
        for part in draft.parts:
            for text in (part.heading, *part.paragraphs):
                yield Target(part.id, text, frozenset(bigrams(text)))
            for clause in part.clauses:
                paras = list(clause.paragraphs) or [""]
                paras[0] = closed(clause.heading) + paras[0]
                for text in paras:
                    yield Target(clause.id, text, frozenset(bigrams(text)))

    def map(self, item: RawItem, trust_anchor: bool) -> tuple[str | None, Match]:
        if item.anchor in self.units and (trust_anchor or self._agrees(item)):
            return item.anchor, Match.ANCHOR
        unit = self.by_text(item.paragraph) or self.by_text(item.quote, quote=True)
        return (unit, Match.TEXT) if unit else (None, Match.NONE)

    def _agrees(self, item: RawItem) -> bool:
        """Without the draft id, an anchor counts only when the text around it is this draft's too."""
        return self.by_text(item.paragraph, among={item.anchor}) == item.anchor

    def by_text(self, text: str, among: set[str | None] | None = None, quote: bool = False) -> str | None:
        """The unit whose paragraph matches *text* best (for a quote: holds it), if the match is good enough."""
        grams = bigrams(text)
        if len(grams) < MIN_CHARS - 1:
            return self._exactly(text, among)
        scored = []
        for target in self.targets:
            if among is not None and target.unit_id not in among:
                continue
            common = len(grams & target.grams)
            score = common / len(grams) if quote else 2 * common / (len(grams) + len(target.grams) or 1)
            scored.append((score, target.unit_id))
        if not scored:
            return None
        score, best = max(scored, key=lambda s: s[0])
        if quote and len({u for s, u in scored if s == score}) > 1:
            return None   # the quoted words occur in several places: they do not tell which
        return best if score >= (MIN_QUOTE if quote else MIN_SCORE) else None

    def _exactly(self, text: str, among: set[str | None] | None) -> str | None:
        """A short paragraph (a part heading such as 组织保障) counts only when it is one unit's text exactly."""
        text = "".join(text.split())
        found = {t.unit_id for t in self.targets if text and "".join(t.text.split()) == text
                 and (among is None or t.unit_id in among)}
        return found.pop() if len(found) == 1 else None
