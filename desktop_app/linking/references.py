"""Explicit references in a text: a 文号 (厅字〔2019〕56号) or a title in 《…》, maybe with 第（五）条.

A reference names a document of the knowledge base when its 文号 is that
document's, or when the title in the brackets is (or, for 《…印发〈…〉的通知》,
contains) that document's title.  A clause number right after it
(``《意见》第（五）条``, ``第五条``, ``第二部分``) narrows it to one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.model import Document
from .docnumber import DOC_NUMBER_RE, normalise_doc_number

_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
# what may follow a reference to name one unit: (厅字〔2019〕56号)文件 第（五）条 / 第五条 / 第二部分
_UNIT_AFTER = re.compile(r"^\s*[（(]?\s*(?:[^）)]{0,12}号)?\s*[）)]?\s*(?:文件|文)?\s*"
                         r"(第\s*(?:[（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百\d]+)\s*(?:条|部分))")


@dataclass(frozen=True)
class Reference:
    """A reference found in a text: the document it names and, if given, the unit."""

    doc: str
    unit_id: str     # "" when the whole document is meant
    text: str        # the words that make the reference, as written


def find_references(text: str, corpus: Corpus, exclude: str = "") -> list[Reference]:
    """The references in *text* to documents of *corpus* (other than *exclude*), in order of appearance."""
    found: list[tuple[int, Reference]] = []
    for m in _TITLE_RE.finditer(text):
        doc = _doc_by_title(m.group(1), corpus, exclude)
        if doc is not None:
            found.append((m.start(), _with_unit(doc, text, m.start(), m.end(), corpus)))
    for m in DOC_NUMBER_RE.finditer(text):
        doc = _doc_by_number(m.group(0), corpus, exclude)
        if doc is not None and not any(r.doc == doc.id and abs(pos - m.start()) < 200 for pos, r in found):
            found.append((m.start(), _with_unit(doc, text, m.start(), m.end(), corpus)))
    return [r for _pos, r in sorted(found, key=lambda x: x[0])]


def _doc_by_title(title: str, corpus: Corpus, exclude: str) -> Document | None:
    inner = re.findall(r"〈([^〈〉]+)〉", title)
    candidates = [_key(t) for t in [*inner, title]]
    for doc in corpus.documents:
        key = _key(doc.short_title)
        if doc.id != exclude and key and any(c == key or (len(key) >= 8 and key in c) for c in candidates):
            return doc
    return None


def _doc_by_number(number: str, corpus: Corpus, exclude: str) -> Document | None:
    # the pattern may take in words before the issuer's code (依据厅字…): compare the end
    wanted = normalise_doc_number(number)
    return next((d for d in corpus.documents if d.id != exclude and d.doc_number
                 and wanted.endswith(normalise_doc_number(d.doc_number))), None)


def _with_unit(doc: Document, text: str, start: int, end: int, corpus: Corpus) -> Reference:
    m = _UNIT_AFTER.match(text[end:end + 30])
    if m:
        where = re.sub(r"\s+", "", m.group(1))
        ref = where[1:].removesuffix("条") if where.endswith("条") else where
        try:
            unit = corpus.resolve(doc.id, ref if where.endswith("条") else ref.removesuffix("部分") + "、")
            return Reference(doc.id, unit.id, text[start:end] + m.group(0))
        except LookupFailed:
            pass
    return Reference(doc.id, "", text[start:end])


def _key(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)
