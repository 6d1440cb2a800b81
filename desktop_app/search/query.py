"""From what a drafter types to a parsed query, never failing.

Grammar (forgiving; anything else is plain text):

* words separated by spaces are all required (AND); ``AND``/``&`` may be written;
  a run of Chinese without spaces is cut into words by jieba, all required;
* ``OR`` or ``|`` between two words makes either do;
* ``-word``, ``-"phrase"`` or ``NOT word`` excludes clauses holding it;
* ``"…"`` (straight or curly quotes) must occur as written (ignoring width, case,
  punctuation and spaces); an unclosed quote runs to the end;
* ``field:value`` searches for the value; other punctuation, wildcards and control
  characters are not operators: the analyzer drops what is not a word.

A dictionary word is found wherever it occurs, also inside a longer word (就医 in
异地就医, 技能等级 in 职业技能等级), and only whole: 异地就医 does not match 异地…就医
apart (``异地 就医`` does).  A word jieba's HMM made up from the query alone also
matches clauses holding all the dictionary words inside it.

:func:`to_whoosh` gives the same query as whoosh query objects; the searcher ranks
with :mod:`.scoring`, which must agree with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..core import segment
from . import _lean_whoosh
from .analyzer import fold, subwords, words

if TYPE_CHECKING:  # whoosh's query classes are imported when to_whoosh is first called
    from whoosh import query as wq

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
    """One thing asked for: words (all required), or a quoted phrase that must occur as written.

    An item made by :mod:`.expand` from a dictionary equivalent or a compound's parts says so in *via*:
    (how, what was typed, what stands for it), how being ``synonym`` or ``parts``.
    """

    words: tuple[str, ...]
    phrase: str = ""  # the quoted text, compacted (see :func:`compact`); empty for plain words
    via: tuple[tuple[str, str, str], ...] = ()

    def satisfied_by(self, text: str) -> bool:
        """Whether a unit whose compacted text is *text* holds this item."""
        if self.phrase:
            return self.phrase in text
        return all(w in text or (not whole_only(w) and all(g in text for g in subwords.split(w)[0]))
                   for w in self.words)


def whole_only(word: str) -> bool:
    """Whether *word* is found only whole: one index term (else jieba's HMM made it up from the query
    alone, and the dictionary words inside it are enough)."""
    return len(word) <= 2 or segment.segmenter().has_word(word) or not subwords.split(word)[0]


_NOT_ALNUM = re.compile(r"[\W_]+")  # exactly the characters str.isalnum() rejects


def compact(text: str) -> str:
    """Folded text with only letters and digits: what a quoted phrase is compared on."""
    return _NOT_ALNUM.sub("", fold(text))


@dataclass
class ParsedQuery:
    """A query as clauses of alternatives (ANDed, each satisfied by any of its items) and exclusions."""

    required: list[list[Item]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)

    @property
    def has_phrases(self) -> bool:
        return any(i.phrase for alts in self.required for i in alts) or any(i.phrase for i in self.excluded)

    def accepts(self, text: str) -> bool:
        """Whether a unit whose compacted text is *text* holds the quoted phrases as written
        (the index only finds the units holding their words)."""
        if any(i.phrase and i.satisfied_by(text) for i in self.excluded):
            return False
        return all(any(i.satisfied_by(text) for i in alts) for alts in self.required)

    @property
    def words(self) -> list[str]:
        """Every word of the required clauses, in order, once."""
        return list(dict.fromkeys(w for alts in self.required for i in alts for w in i.words))

    @property
    def items(self) -> list[Item]:
        """Every item of the required clauses, in order."""
        return [i for alts in self.required for i in alts]


EXACT, TRADITIONAL, SYNONYM, PARTS = "exact", "traditional", "synonym", "parts"  # how a hit matched


class Tier(NamedTuple):
    """One reading of a query: as typed (EXACT), or looser (SYNONYM, PARTS; see :mod:`.expand`)."""

    name: str
    parsed: ParsedQuery


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


def _word_query(word: str, field_name: str) -> wq.Query:
    wq = _lean_whoosh.whoosh_query()
    exact = wq.Term(field_name, word)
    if len(word) <= 2 or segment.segmenter().has_word(word):
        return exact  # the index holds a dictionary word wherever it occurs, even inside a longer one
    inner = subwords.split(word)[0]
    if not inner:
        return exact
    # A word jieba's HMM made of the query alone: the texts may hold it cut differently.
    return wq.Or([exact, wq.And([wq.Term(field_name, g) for g in inner])])


def _item_query(item: Item, field_name: str) -> wq.Query:
    # A quoted phrase is found by its words; that they occur as written is checked on the text.
    return _lean_whoosh.whoosh_query().And([_word_query(w, field_name) for w in item.words])


def to_whoosh(parsed: ParsedQuery, headings_only: bool = False) -> tuple[wq.Query | None, wq.Query | None]:
    """(the whoosh query for *parsed*'s required words or None when nothing can match, the query of the
    documents it excludes or None).

    The exclusion is given apart, for whoosh's ``mask``: ``AndNot`` over an index with several segments
    and deleted documents let excluded documents through when every hit was asked for (whoosh 2.7.4).
    """
    field_name = "heading" if headings_only else "text"
    if not parsed.required:
        return None, None
    wq = _lean_whoosh.whoosh_query()
    positive = wq.And([wq.Or([_item_query(i, field_name) for i in alts]) for alts in parsed.required])
    # Exclusion looks at the whole clause, even when only headings are searched; an excluded
    # phrase is checked on the text afterwards (ParsedQuery.accepts).
    negative = [_item_query(i, "text") for i in parsed.excluded if not i.phrase]
    return positive, wq.Or(negative) if negative else None
