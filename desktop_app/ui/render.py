"""HTML for the reading and comparison views, built from the domain's plain objects.

Only layout and markup live here; the words the user reads come from the
documents themselves or are passed in already translated by the widgets.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from ..core.corpus import Corpus, UnitRef
from ..core.labels import kind_label
from ..core.model import Clause, Completeness, Document, DocumentKind, Part

HIGHLIGHT_BG = "#ffe08a"
LINK_SCHEME = "policydesk"


def unit_url(doc: str, unit: str) -> str:
    return f"{LINK_SCHEME}://open/{doc}/{unit}"


def parse_unit_url(url: str) -> tuple[str, str] | None:
    m = re.match(rf"^{LINK_SCHEME}://open/([^/]+)/([^/]+)$", url)
    return (m.group(1), m.group(2)) if m else None


def doc_short(doc: Document) -> str:
    """中央 for the central Opinions, 辽宁 for the Liaoning measures, else a short title."""
    if doc.kind is DocumentKind.CENTRAL:
        return kind_label(doc.kind)
    title = doc.short_title
    m = re.match(r"^(.{2,6}?)(省|市|自治区|县|区)?关于", title)
    if m:
        return m.group(1)
    return title[:6]


def ref_short(ref: UnitRef) -> str:
    """``中央（四）`` / ``辽宁一、``."""
    return doc_short(ref.doc) + ref.unit.num


def find_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) spans of *terms* in *text*, longest terms first."""
    taken = [False] * len(text)
    spans = []
    for term in sorted({t for t in terms if t.strip()}, key=len, reverse=True):
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, end)
    return sorted(spans)


def marked_html(text: str, spans: Sequence[tuple[int, int]], style: str = f"background:{HIGHLIGHT_BG}") -> str:
    """*text* escaped, with the given spans wrapped in a styled span; newlines become <br>."""
    out, pos = [], 0
    for start, end in spans:
        out.append(html.escape(text[pos:start]))
        out.append(f'<span style="{style}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def clause_html(clause: Clause, terms: Sequence[str] = (), *, anchor: bool = False) -> str:
    """The clause as printed: the number and lead sentence in bold, then the body; matched terms highlighted."""
    lead = clause.num + clause.lead
    first_body = clause.paragraphs[0] if clause.paragraphs else ""
    rest = [*clause.paragraphs[1:], *(i.full_text() for i in clause.items)]
    name = f'<a name="{html.escape(clause.id)}"></a>' if anchor else ""
    head = f"<b>{_hl(lead, terms)}</b>"
    paras = [f'<p style="margin-top:8px">{name}{head}{_hl(first_body, terms)}</p>']
    paras += [f'<p style="margin-top:4px">{_hl(p, terms)}</p>' for p in rest]
    return "".join(paras)


def part_heading_html(part: Part, terms: Sequence[str] = ()) -> str:
    body = "".join(f'<p style="margin-top:4px">{_hl(p, terms)}</p>' for p in part.paragraphs)
    name = f'<a name="{html.escape(part.id)}"></a>'
    return f'<h3 style="margin-top:14px">{name}{_hl(part.num + part.heading, terms)}</h3>{body}'


def notice_html(text: str, colour: str = "#fff4e5", border: str = "#e0a040") -> str:
    return (f'<table width="100%" cellpadding="6" style="margin-top:8px; background:{colour};'
            f' border:1px solid {border}"><tr><td>{html.escape(text)}</td></tr></table>')


def is_incomplete(unit: Part | Clause) -> bool:
    return unit.completeness is not Completeness.FULL


def _hl(text: str, terms: Sequence[str]) -> str:
    return marked_html(text, find_spans(text, terms) if terms else [])


def links_line_html(corpus: Corpus, doc: str, unit: str, relation_words: dict[str, str]) -> str:
    """Inline chips for a clause's cross-links (used in the whole-document view)."""
    chips = []
    for view in corpus.links_from(doc, unit):
        word = relation_words.get(view.relation.value, view.relation.value)
        chips.append(_chip("→ ", view.other, word))
    for view in corpus.links_to(doc, unit):
        word = relation_words.get(view.relation.value, view.relation.value)
        chips.append(_chip("← ", view.other, word))
    if not chips:
        return ""
    return f'<p style="margin-top:2px">{"&nbsp;&nbsp;".join(chips)}</p>'


def _chip(arrow: str, ref: UnitRef, word: str) -> str:
    label = html.escape(f"{arrow}{ref_short(ref)} {word}")
    return (f'<a href="{unit_url(ref.doc.id, ref.unit.id)}" style="color:#1a5fb4; text-decoration:none;'
            f' background:#e8f0fb">&nbsp;{label}&nbsp;</a>')
