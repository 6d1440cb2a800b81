"""From what a drafter types to a whoosh query, never failing.

Grammar (forgiving; anything else is plain text):

* words separated by spaces are all required (AND); ``AND``/``&`` may be written;
* ``OR`` or ``|`` between two words makes either do;
* ``-word`` or ``NOT word`` excludes clauses holding the word;
* ``"…"`` (straight or curly quotes) is a phrase: its words in sequence; an
  unclosed quote runs to the end;
* other punctuation, wildcards, field names and control characters are not
  operators: the analyzer drops what is not a word.

A Chinese word is found inside longer words (就医 finds 异地就医); a query word
that jieba keeps whole but the texts hold only inside a longer dictionary word
(技能等级 in 职业技能等级) also matches when all its inner words occur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from .analyzer import fold, grams, words

MAX_QUERY_CHARS = 2000
MAX_CLAUSES = 32
_QUOTES = '"“”„＂'
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_OR = {"or", "|", "||"}
_AND = {"and", "&", "&&", "+"}
_NOT = {"not", "!"}
_FIELD_PREFIX = re.compile(r"^[a-z_]{1,20}:(?=.)")


@dataclass(frozen=True)
class Item:
    """One thing asked for: words (all required), or a quoted phrase that must occur as written."""

    words: tuple[str, ...]
    phrase: str = ""  # the quoted text, compacted (see :func:`compact`); empty for plain words

    def satisfied_by(self, tokens: set[str], text: str) -> bool:
        """Whether a unit with index *tokens* and compacted *text* holds this item."""
        if self.phrase:
            return self.phrase in text
        return all(w in tokens or (grams(w) and all(g in tokens for g in grams(w))) for w in self.words)


def compact(text: str) -> str:
    """Folded text with only letters and digits: what a quoted phrase is compared on."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


@dataclass
class ParsedQuery:
    """A query as clauses of alternatives (ANDed, each satisfied by any of its items) and exclusions."""

    required: list[list[Item]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)

    @property
    def has_phrases(self) -> bool:
        return any(i.phrase for alts in self.required for i in alts) or any(i.phrase for i in self.excluded)

    def accepts(self, tokens: set[str], text: str) -> bool:
        """Whether a unit really holds the quoted phrases (the index matches them approximately)."""
        if any(i.phrase and i.satisfied_by(tokens, text) for i in self.excluded):
            return False
        return all(any(i.satisfied_by(tokens, text) for i in alts) for alts in self.required)

    @property
    def words(self) -> list[str]:
        """Every word of the required clauses, in order, once."""
        return list(dict.fromkeys(w for alts in self.required for i in alts for w in i.words))

    @property
    def terms(self) -> list[str]:
        """Every index term that can make a clause match: the words and the inner words of long ones."""
        return list(dict.fromkeys(t for w in self.words for t in (w, *grams(w))))

    def highlight_terms(self, tokens: set[str]) -> list[str]:
        """The terms to mark in a text whose index tokens are *tokens*: a word found whole is
        marked whole; its inner words are marked only where the whole word is not in the text."""
        marked = []
        for w in self.words:
            if w in tokens:
                marked.append(w)
            else:
                marked.extend(g for g in grams(w) if g in tokens)
        return list(dict.fromkeys(marked))


def _lex(text: str) -> list[tuple[str, str]]:
    """("word"|"phrase", text) pieces; an unbalanced quote opens a phrase to the end."""
    pieces: list[tuple[str, str]] = []
    for i, chunk in enumerate(re.split(f"[{_QUOTES}]", text)):
        if i % 2:
            pieces.append(("phrase", chunk))
        else:
            pieces.extend(("word", w) for w in chunk.split())
    return pieces


def parse(text: str) -> ParsedQuery:
    """Parse *text* into a :class:`ParsedQuery` (never raises)."""
    text = _CONTROL.sub(" ", fold(str(text)[:MAX_QUERY_CHARS]))
    parsed = ParsedQuery()
    negate = join_or = False
    for kind, piece in _lex(text):
        low = piece.lower()
        if kind == "word" and low in _OR:
            join_or = bool(parsed.required)
            continue
        if kind == "word" and low in _AND:
            continue
        if kind == "word" and (low in _NOT or set(low) == {"-"}):  # NOT word, -"phrase"
            negate = True
            continue
        if kind == "word" and piece.startswith("-") and len(piece) > 1:
            negate = True
        ws = _piece_words(kind, piece)
        if ws:
            item = Item(tuple(ws), compact(piece) if kind == "phrase" else "")
            if negate:
                parsed.excluded.append(item)
            elif join_or:
                parsed.required[-1].append(item)
            elif len(parsed.required) < MAX_CLAUSES:
                parsed.required.append([item])
        negate = join_or = False
    return parsed


def _piece_words(kind: str, piece: str) -> list[str]:
    if kind == "word":
        # "-word" excludes; in whoosh-style field:value the value is what is meant.
        piece = _FIELD_PREFIX.sub("", piece.lstrip("-"))
    return [w for w, _s, _e in words(piece)]


def _word_query(word: str, fields: tuple[str, ...]) -> wq.Query:
    exact = wq.Or([wq.Term(f, word) for f in fields])
    inner = grams(word)
    if not inner:
        return exact
    parts = wq.And([wq.Or([wq.Term(f, g) for f in fields]) for g in inner])
    return wq.Or([exact, parts])


def _item_query(item: Item, fields: tuple[str, ...]) -> wq.Query:
    words_query = wq.And([_word_query(w, fields) for w in item.words])
    if item.phrase and len(item.words) > 1:
        # Candidates hold all the words; the words in sequence score more. Whether the phrase
        # occurs as written is checked on the text (a word inside a longer one has no position of its own).
        return wq.Or([*(wq.Phrase(f, list(item.words)) for f in fields), words_query])
    return words_query


def to_whoosh(parsed: ParsedQuery, headings_only: bool = False) -> wq.Query | None:
    """The whoosh query for *parsed*, or None when nothing can match."""
    fields = ("heading",) if headings_only else ("heading", "body")
    if not parsed.required:
        return None
    positive = wq.And([wq.Or([_item_query(i, fields) for i in alts]) for alts in parsed.required])
    # Exclusion looks at the whole clause, even when only headings are searched; an excluded
    # phrase is checked on the text afterwards (ParsedQuery.accepts), as the index only approximates it.
    negative = [_item_query(i, ("heading", "body")) for i in parsed.excluded if not i.phrase]
    return wq.AndNot(positive, wq.Or(negative)) if negative else positive
