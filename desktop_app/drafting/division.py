"""Task division (重点任务分工): topic rules that suggest each clause's lead and responsible units.

The rules are data (``policy_texts/data/division-rules.tsv``): words found in a
clause → the duty of the usual lead unit, then the partners' duties.  Duties
become printed names through the department registry on the plan's date, so
扶贫 gives 市扶贫办 in 2020 and 市农业农村局 after 2024.  Each suggested unit
carries the words that triggered it, so the drafter sees why.

Imported published plans of other cities whose 分工表 was read (see
:mod:`desktop_app.importing.division_table`) are evidence too, below the
rules: a clause carrying out the same provincial or central clause as theirs
cites "其他城市做法：大连市（五）由市公安局牵头" on the unit it names, and names
the lead only when no rule fires.  A unit the registry cannot place in this
city is never suggested.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..core.errors import DataFileError
from ..core.tables import read_rows
from .departments import DEFAULT_PLAN_DATE, Registry
from .model import DivisionSuggestion, Draft, DraftClause, SuggestedUnit
from .package import INLINE_FORMS, TO_SUPPLY

if TYPE_CHECKING:
    from ..core.corpus import Corpus

RULES_FILE = "data/division-rules.tsv"
HEADING_WEIGHT = 8      # a word in the clause's heading says more about its topic than one in the body
BODY_HITS_CAP = 3       # repeating a word in the body adds little after the third time
MAX_PARTNERS = 6


@dataclass(frozen=True)
class TopicRule:
    words: tuple[str, ...]
    lead: str
    partners: tuple[str, ...]
    status: str
    source: str


def read_rules(path: str | Path | None = None) -> tuple[TopicRule, ...]:
    """The topic rules (the shipped file when *path* is None).

    Raises:
        DataFileError: a malformed row (the message names file and line).
    """
    path = Path(path) if path else paths.policy_texts_dir() / RULES_FILE
    return _read_rules(path, path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=4)
def _read_rules(path: Path, _stamp: int) -> tuple[TopicRule, ...]:
    rules = []
    for lineno, row in read_rows(path, ("words", "lead", "partners", "status", "source")):
        words = tuple(w.strip() for w in row["words"].split(";") if w.strip())
        if not words or not row["lead"]:
            raise DataFileError(path, f"第 {lineno} 行缺少关键词或牵头单位")
        partners = tuple(p.strip() for p in row["partners"].split(";") if p.strip())
        rules.append(TopicRule(words, row["lead"], partners, row["status"], row["source"]))
    return tuple(rules)


def _score(rule: TopicRule, heading: str, body: str) -> tuple[float, tuple[str, ...]]:
    score, triggers = 0.0, []
    for word in rule.words:
        in_heading, in_body = heading.count(word), min(body.count(word), BODY_HITS_CAP)
        if in_heading or in_body:
            # longer words are more specific: 社会救助 says more than 救助
            score += (HEADING_WEIGHT * in_heading + in_body) * (1 + len(word) / 4)
            triggers.append(word)
    # a word contained in a longer trigger of the same rule is not a second trigger (救助 in 社会救助)
    triggers = [w for w in triggers if not any(w != o and w in o for o in triggers)]
    return score, tuple(triggers)


@dataclass(frozen=True)
class CityPractice:
    """How another city's published plan assigned one of its clauses (read from its 分工表)."""

    city: str
    num: str
    lead: str
    targets: frozenset[tuple[str, str]]   # the (document, unit) ids the clause carries out

    @property
    def evidence(self) -> str:
        return f"{PRACTICE_PREFIX}{self.city}{self.num}由{self.lead}牵头"


def city_practices(corpus: Corpus) -> tuple[CityPractice, ...]:
    """Every clause with a lead unit in the imported city plans, with what it carries out."""
    names = tuple(c.name for c in corpus.cities)
    found = []
    for doc in corpus.documents:
        if doc.kind.value != "city":
            continue
        city = _city_of(doc.title + doc.issuer, names)
        for clause in doc.clauses:
            if clause.division is None or not clause.division.lead or not city:
                continue
            targets = frozenset((v.other.doc.id, v.other.unit.id) for v in corpus.links_from(doc.id, clause.id))
            if targets:
                found.append(CityPractice(city, clause.num, clause.division.lead, targets))
    return tuple(found)


def _city_of(text: str, names: tuple[str, ...]) -> str:
    """The city a plan is from: one of the known cities named in its title or issuer, else the first ……市."""
    named = [n for n in names if n in text]
    if named:
        return named[0]
    m = re.search(r"(?:中共)?([\u4e00-\u9fff]{2,5}?市)", text)
    return m.group(1) if m else ""


PRACTICE_PREFIX = "其他城市做法："


def reasons(unit: SuggestedUnit) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A suggested unit's reasons apart: (the clause's trigger words, other cities' practice cited)."""
    words = tuple(t for t in unit.triggers if not t.startswith(PRACTICE_PREFIX))
    practice = tuple(t.removeprefix(PRACTICE_PREFIX) for t in unit.triggers if t.startswith(PRACTICE_PREFIX))
    return words, practice


def reason_text(unit: SuggestedUnit, limit: int | None = None) -> str:
    """"触发词：落户、户籍；其他城市做法：大连市（二）由市公安局牵头" (at most *limit* trigger words)."""
    words, practice = reasons(unit)
    shown = words if limit is None else words[:limit]
    parts = []
    if shown:
        parts.append("触发词：" + "、".join(shown) + ("等" if len(words) > len(shown) else ""))
    if practice:
        parts.append(PRACTICE_PREFIX + "；".join(practice))
    return "；".join(parts)


def _practices_for(clause: DraftClause, draft: Draft, practices: tuple[CityPractice, ...]) -> list[CityPractice]:
    mine = {(draft.provincial_doc, clause.source_id)} if clause.source_id else set()
    mine |= {(draft.central_doc, c) for c in clause.carries_out}
    return [p for p in practices if p.city != draft.city and p.targets & mine]


def _with_practices(s: DivisionSuggestion | None, found: list[CityPractice], registry: Registry, *,
                    city: str, day: str) -> DivisionSuggestion | None:
    """*s* with the other cities' leads cited on the units they name (added after the rules' units)."""
    units = list(s.units) if s else []
    for practice in sorted(found, key=lambda p: -Counter(x.lead for x in found)[p.lead]):
        dept = _here(registry, practice, city, day)
        if dept is None:
            continue
        at = next((i for i, u in enumerate(units) if u.name == dept.short), None)
        if at is None:
            units.append(SuggestedUnit(dept.keys[0] if dept.keys else "", dept.short, (practice.evidence,)))
        elif practice.evidence not in units[at].triggers:
            units[at] = replace(units[at], triggers=(*units[at].triggers, practice.evidence))
    if not units:
        return s
    return DivisionSuggestion(units[0], tuple(units[1:MAX_PARTNERS + 1]))


def _here(registry: Registry, practice: CityPractice, city: str, day: str):
    """This city's department for the other city's unit: by the duty the registry gives that unit."""
    entry = registry.named(practice.city, practice.lead) or registry.named(city, practice.lead)
    if entry is None or not entry.keys:
        return None
    return registry.for_duty(city, entry.keys[0], day)


def suggest(heading: str, body: str, rules: tuple[TopicRule, ...], registry: Registry, *, city: str,
            day: str = DEFAULT_PLAN_DATE, theme: str = "") -> DivisionSuggestion | None:
    """The usual lead unit (first) and partners for a clause's text, each with its trigger words.

    The best-scoring rule names the lead; its partners follow, then the leads of the
    other rules that fired.  Words of *theme* (the plan's title) are the whole plan's
    subject and say nothing about one clause's topic, so they are not counted.  None
    when no rule fires.
    """
    for word in {w for r in rules for w in r.words if w in theme}:
        heading, body = heading.replace(word, "　"), body.replace(word, "　")
    scored = sorted(((s, t, r) for r in rules for s, t in [_score(r, heading, body)] if s > 0),
                    key=lambda x: -x[0])
    if not scored:
        return None
    units: dict[str, SuggestedUnit] = {}

    def add(key: str, triggers: tuple[str, ...]) -> None:
        dept = registry.for_duty(city, key, day)
        if dept is None:
            return
        old = units.get(dept.short)
        merged = tuple(dict.fromkeys((old.triggers if old else ()) + triggers))
        units[dept.short] = SuggestedUnit(key if old is None else old.key, dept.short, merged)

    _, best_triggers, best = scored[0]
    add(best.lead, best_triggers)
    for key in best.partners:
        add(key, best_triggers)
    for _, triggers, rule in scored[1:]:
        add(rule.lead, triggers)
    ordered = list(units.values())
    if not ordered:
        return None
    return DivisionSuggestion(ordered[0], tuple(ordered[1:MAX_PARTNERS + 1]))


def suggest_draft(draft: Draft, rules: tuple[TopicRule, ...], registry: Registry, *,
                  fill: bool = True, only: str | None = None, practices: tuple[CityPractice, ...] = ()) -> Draft:
    """Every clause (or clause *only*) with the rules' suggestion; with *fill*, units not yet set are taken from it.

    *practices* (:func:`city_practices`) add other cities' leads as evidence, after the rules.

    Also the edit behind 重新建议 (a draft from before version 2 has no suggestions yet; names follow the date).
    """
    day = draft.package.date or DEFAULT_PLAN_DATE

    def one(clause: DraftClause) -> DraftClause:
        if only is not None and clause.id != only:
            return clause
        body = "" if clause.to_complete else clause.body   # a section to write holds only our placeholder
        s = suggest(clause.heading, body, rules, registry, city=draft.city, day=day, theme=draft.title)
        if practices:
            s = _with_practices(s, _practices_for(clause, draft, practices), registry, city=draft.city, day=day)
        clause = replace(clause, suggestion=s)
        if fill and s and not clause.lead and not clause.partners:
            clause = replace(clause, lead=s.lead.name if s.lead else "", partners=tuple(u.name for u in s.partners))
        return clause

    return draft.with_parts(tuple(replace(p, clauses=tuple(one(c) for c in p.clauses)) for p in draft.parts))


def follow_date(draft: Draft, registry: Registry) -> Draft:
    """Units named as on the draft's 成文日期: a name no longer (or not yet) valid gives way to the department
    holding its first duty on that date (市扶贫办 → 市乡村振兴局 in 2022).  Names the registry does not hold stay."""
    day = draft.package.date or DEFAULT_PLAN_DATE

    def current(name: str) -> str:
        entry = registry.named(draft.city, name, day)
        if entry is None or entry.valid_on(day) or not entry.keys:
            return name
        successor = registry.for_duty(draft.city, entry.keys[0], day)
        return successor.short if successor else name

    def one(clause: DraftClause) -> DraftClause:
        lead = current(clause.lead) if clause.lead else ""
        partners = tuple(dict.fromkeys(n for n in (current(p) for p in clause.partners) if n != lead))
        return replace(clause, lead=lead, partners=partners)

    return draft.with_parts(tuple(replace(p, clauses=tuple(one(c) for c in p.clauses)) for p in draft.parts))


def set_package_following(draft: Draft, package, registry: Registry) -> Draft:
    """New document facts; when the 成文日期 changed, unit names follow it (one undo step for both)."""
    from .edit import set_package

    changed = package.date != draft.package.date
    draft = set_package(draft, package)
    return follow_date(draft, registry) if changed else draft


# ---- printed forms -----------------------------------------------------------------------------
def units_text(names: tuple[str, ...]) -> str:
    return "、".join(n for n in names if n)


def inline_text(clause: DraftClause, form: str, first: bool = False) -> str:
    """The division printed after a clause in one of the attested forms (reference §1).

    ``lines`` gives 牵头单位/责任单位/完成时限 lines separated by ``\\n``; the others a bracket.
    """
    lead = clause.lead or TO_SUPPLY
    if form not in INLINE_FORMS:
        form = "lead"
    if form == "lines":
        lines = [f"牵头单位：{lead}"]
        if clause.partners:
            lines.append(f"责任单位：{units_text(clause.partners)}")
        if clause.deadline:
            lines.append(f"完成时限：{clause.deadline}")
        return "\n".join(lines)
    if form == "lead":
        return f"（{lead}牵头，{units_text(clause.partners)}按职责分工负责）" if clause.partners else f"（{lead}负责）"
    everyone = units_text((lead, *clause.partners))
    if form == "joint":
        return f"（{everyone}负责）"
    note = "，列第一位者为牵头单位，下同" if first else ""
    return f"（{everyone}{'等' if clause.partners else ''}负责{note}）"


# ---- edits -------------------------------------------------------------------------------------
def set_division(draft: Draft, clause_id: str, lead: str, partners: tuple[str, ...] | list[str],
                 deadline: str) -> Draft:
    """New 牵头单位, 责任单位 and 完成时限 of a clause (blank names dropped, repeats removed)."""
    from .edit import _map_clause

    lead = lead.strip()
    names = tuple(dict.fromkeys(p.strip() for p in partners if p.strip() and p.strip() != lead))
    return _map_clause(draft, clause_id, lambda c: replace(c, lead=lead, partners=names, deadline=deadline.strip()))


def adopt_suggestion(draft: Draft, clause_id: str) -> Draft:
    """Put the clause's suggested units in place of its 牵头单位 and 责任单位 (the deadline stays)."""
    clause = draft.clause(clause_id)
    s = clause.suggestion
    if s is None:
        return draft
    return set_division(draft, clause_id, s.lead.name if s.lead else "", [u.name for u in s.partners],
                        clause.deadline)
