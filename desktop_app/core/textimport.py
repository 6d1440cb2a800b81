"""The plain-text importer: structure a policy text from its numbering.

This is the code that produced the built-in Liaoning measures from the text
as received, and the code users' own ``.txt`` files go through.  It recognises
four levels of numbering, as GB/T 9704 lays them out:

=====  ===========  ==========================================
level  example      becomes
=====  ===========  ==========================================
1      ``一、``     a part; the rest of the line is its heading
2      ``（一）``   a clause; its lead sentence (up to the first
                    ``。``) is its heading
3      ``1.``       an item of the clause
4      ``（1）``    a sub-item of the item
=====  ===========  ==========================================

Regulations and measures numbered by article are recognised too: ``第一章``
starts a part (the rest of the line is its heading) and ``第一条`` a clause
(its first sentence is its heading); inside an article, ``（一）`` lines are
items of the article, not clauses.

Lines before the first number are the preamble.  Punctuation is normalised
first (see :mod:`desktop_app.core.normalize`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import Clause, Completeness, Document, DocumentKind, Item, Part, Provenance
from .normalize import normalize_text
from .numerals import CN_NUMERAL_CHARS, cn_to_int

_N = f"[{CN_NUMERAL_CHARS}]+"
PART_RE = re.compile(rf"^({_N})、(.*)$")
CLAUSE_RE = re.compile(rf"^（({_N})）(.*)$")
ITEM_RE = re.compile(r"^(\d{1,3})[.．、](?!\d)(.*)$")
SUBITEM_RE = re.compile(r"^（(\d{1,3})）(.*)$")
CHAPTER_RE = re.compile(rf"^第({_N})章(.*)$")
ARTICLE_RE = re.compile(rf"^第({_N})条(.*)$")


@dataclass
class _ItemDraft:
    num: str
    value: int
    lines: list[str]
    subitems: list[_ItemDraft] = field(default_factory=list)


@dataclass
class _ClauseDraft:
    num: str
    value: int
    first_line: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[_ItemDraft] = field(default_factory=list)


@dataclass
class _PartDraft:
    num: str
    value: int
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    clauses: list[_ClauseDraft] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedText:
    """What the importer found: the structure, the normalisation and any warnings."""

    preamble: tuple[str, ...]
    parts: tuple[Part, ...]
    changes: dict[str, int]
    warnings: tuple[str, ...]


def split_heading(line: str) -> tuple[str, str, str]:
    """Split a clause's first line into (heading, stop, rest) at the first ``。``."""
    head, stop, rest = line.partition("。")
    return head, stop, rest


def parse_text(text: str) -> ParsedText:
    """Normalise *text* and recognise its numbering."""
    normalised = normalize_text(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    preamble: list[str] = []
    parts: list[_PartDraft] = []
    warnings: list[str] = []
    for lineno, line in enumerate(normalised.text.split("\n"), start=1):
        if line:
            _take_line(line, lineno, preamble, parts, warnings)
    built = _build_parts(parts, warnings)
    return ParsedText(tuple(preamble), built, normalised.changes, tuple(warnings))


def _take_line(line: str, lineno: int, preamble: list[str], parts: list[_PartDraft], warnings: list[str]) -> None:
    if _take_article_line(line, lineno, parts, warnings):
        return
    if m := PART_RE.match(line):
        _check_sequence(parts, cn_to_int(m.group(1)), f"第 {lineno} 行 {m.group(1)}、", warnings)
        parts.append(_PartDraft(m.group(1) + "、", cn_to_int(m.group(1)), m.group(2)))
        return
    if m := CLAUSE_RE.match(line):
        part = _current_part(parts)
        value = cn_to_int(m.group(1))
        prev = [c for p in parts for c in p.clauses]
        if not (value == 1 and not part.clauses):  # numbering may restart in each part
            _check_sequence(prev, value, f"第 {lineno} 行（{m.group(1)}）", warnings)
        part.clauses.append(_ClauseDraft(f"（{m.group(1)}）", value, m.group(2)))
        return
    clause = parts[-1].clauses[-1] if parts and parts[-1].clauses else None
    if clause is not None and (m := ITEM_RE.match(line) or SUBITEM_RE.match(line)):
        _take_item(clause, m, line.startswith("（"))
        return
    if clause is not None:
        if clause.items:
            _last_item(clause).lines.append(line)
        else:
            clause.paragraphs.append(line)
    elif parts:
        parts[-1].paragraphs.append(line)
    else:
        preamble.append(line)


def _take_article_line(line: str, lineno: int, parts: list[_PartDraft], warnings: list[str]) -> bool:
    """第X章 / 第X条 lines, and （一） items inside an article; False for any other line."""
    if m := CHAPTER_RE.match(line):
        value = cn_to_int(m.group(1))
        _check_sequence(parts, value, f"第 {lineno} 行第{m.group(1)}章", warnings)
        parts.append(_PartDraft(f"第{m.group(1)}章", value, m.group(2)))
        return True
    if m := ARTICLE_RE.match(line):
        value = cn_to_int(m.group(1))
        _check_sequence([c for p in parts for c in p.clauses], value, f"第 {lineno} 行第{m.group(1)}条", warnings)
        _current_part(parts).clauses.append(_ClauseDraft(f"第{m.group(1)}条", value, m.group(2)))
        return True
    clause = parts[-1].clauses[-1] if parts and parts[-1].clauses else None
    if clause is not None and clause.num.startswith("第") and (m := CLAUSE_RE.match(line)):
        clause.items.append(_ItemDraft(f"（{m.group(1)}）", cn_to_int(m.group(1)), [m.group(2)]))
        return True
    return False


def _take_item(clause: _ClauseDraft, m: re.Match[str], sub: bool) -> None:
    value = int(m.group(1))
    num = f"（{value}）" if sub else m.group(0)[: len(m.group(1)) + 1]
    if not sub:
        clause.items.append(_ItemDraft(num, value, [m.group(2)]))
    elif not clause.items:
        # （1） directly under a clause: treat it as an item of its own level.
        clause.items.append(_ItemDraft(num, value, [m.group(2)]))
    else:
        clause.items[-1].subitems.append(_ItemDraft(num, value, [m.group(2)]))


def _last_item(clause: _ClauseDraft) -> _ItemDraft:
    item = clause.items[-1]
    return item.subitems[-1] if item.subitems else item


def _current_part(parts: list[_PartDraft]) -> _PartDraft:
    if not parts:
        parts.append(_PartDraft("", 0, ""))
    return parts[-1]


def _check_sequence(previous: list, value: int, where: str, warnings: list[str]) -> None:
    expected = previous[-1].value + 1 if previous else 1
    if value != expected:
        warnings.append(f"{where}：编号不连续，预期第 {expected} 个")


def _build_parts(drafts: list[_PartDraft], warnings: list[str]) -> tuple[Part, ...]:
    seen: set[str] = set()
    parts = []
    for d in drafts:
        part_id = _unique(f"part_{d.value}", seen, warnings)
        clauses = tuple(_build_clause(c, part_id, seen, warnings) for c in d.clauses)
        parts.append(Part(part_id, d.num, d.heading, tuple(d.paragraphs), clauses))
    return tuple(parts)


def _build_clause(d: _ClauseDraft, part_id: str, seen: set[str], warnings: list[str]) -> Clause:
    clause_id = _unique(f"{part_id}__para_{d.value}", seen, warnings)
    heading, stop, rest = split_heading(d.first_line)
    paragraphs = ([rest] if rest else []) + d.paragraphs
    items = tuple(_build_item(i, clause_id, "item", seen, warnings) for i in d.items)
    return Clause(clause_id, d.num, heading, tuple(paragraphs), items, stop, part_id=part_id)


def _build_item(d: _ItemDraft, parent: str, level: str, seen: set[str], warnings: list[str]) -> Item:
    item_id = _unique(f"{parent}__{level}_{d.value}", seen, warnings)
    subs = tuple(_build_item(s, item_id, "subitem", seen, warnings) for s in d.subitems)
    return Item(item_id, d.num, "\n".join(d.lines), subs)


def _unique(candidate: str, seen: set[str], warnings: list[str]) -> str:
    result, n = candidate, 1
    while result in seen:
        n += 1
        result = f"{candidate}_{n}"
    if result != candidate:
        warnings.append(f"编号重复：{candidate} 改记为 {result}")
    seen.add(result)
    return result


def import_plain_text(
    text: str,
    *,
    doc_id: str,
    title: str,
    kind: DocumentKind,
    source: str = "",
    notes: tuple[str, ...] = (),
    **metadata: str,
) -> Document:
    """Structure *text* into a :class:`Document` (nothing is saved)."""
    parsed = parse_text(text)
    provenance = Provenance(source, parsed.changes, (*notes, *parsed.warnings))
    doc = Document(doc_id, title, kind, preamble=parsed.preamble, parts=parsed.parts, provenance=provenance)
    return replace(doc, **metadata) if metadata else doc


def mark(clause: Clause, completeness: Completeness, note: str) -> Clause:
    return replace(clause, completeness=completeness, note=note)
