"""Building a city's draft plan from the provincial measures."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from ..core.corpus import Corpus, CoverageRow
from ..core.model import Clause, Document, DocumentKind, Part, Relation
from ..core.tables import AdaptationRule, City
from . import adapt
from .departments import Registry
from .model import Draft, DraftClause, DraftPart, Origin, Replacement
from .package import DocumentPackage

TITLE = "{city}关于促进劳动力和人才社会性流动体制机制改革的实施方案（征求意见稿）"
TO_COMPLETE = "【待起草】"
ORGANISATION_HEADING = "组织保障"
HELD = {"partial": "（知识库仅收录部分原文）", "heading-only": "（知识库仅收录标题）"}


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def build_draft(corpus: Corpus, city_name: str, provincial_doc: str = "liaoning",
                central_doc: str = "central", *, registry: Registry | None = None,
                package: DocumentPackage | None = None) -> Draft:
    """The first draft of *city_name*'s plan, each clause with the suggested 牵头单位 and 责任单位.

    *registry* is the workspace's department registry (the shipped one when None); units are
    named as on the *package*'s 成文日期 (or the registry's default plan date).

    Raises:
        LookupFailed: the city or a document is unknown (the message lists the valid cities).
    """
    city = corpus.city(city_name)
    prov = corpus.document(provincial_doc)
    central = corpus.document(central_doc)
    preamble, pre_repl = _preamble(prov, central, city, corpus.adaptation)
    parts = [_part(corpus, prov, part, city) for part in prov.parts if part.clauses]
    front, back = _gap_parts(corpus, central)
    stamp = now_iso()
    draft = Draft(
        id=uuid.uuid4().hex, city=city.name, title=TITLE.format(city=city.name), preamble=preamble,
        parts=(*front, *parts, *back), provincial_doc=prov.id, central_doc=central.id,
        preamble_replacements=pre_repl, created=stamp, modified=stamp, package=package or DocumentPackage(),
    )
    from .departments import load_registry
    from .division import city_practices, read_rules, suggest_draft

    return suggest_draft(draft, read_rules(), registry if registry is not None else load_registry(),
                         practices=city_practices(corpus))


def _preamble(prov: Document, central: Document, city: City,
              rules: tuple[AdaptationRule, ...]) -> tuple[tuple[str, ...], tuple[Replacement, ...]]:
    """The provincial preamble adapted, citing both the central Opinions and the provincial measures."""
    text = "".join(prov.preamble)
    records = []
    for rule in rules:
        if rule.kind == "replace" and rule.applies_to("preamble"):
            text, rec = adapt.apply_replace(text, rule, city)
            if rec and rec.count:
                records.append(rec)
    citation = f"《{prov.short_title}》"
    if citation not in text:
        anchor = f"（{central.doc_number}）" if central.doc_number else ""
        if anchor and anchor in text:
            text = text.replace(anchor, f"{anchor}和{citation}", 1)
            records.append(Replacement(anchor, f"{anchor}和{citation}", 1, "序言同时引用中央《意见》和省实施措施"))
        else:
            text = f"根据{citation}，" + text
    return (text,), tuple(records)


def _part(corpus: Corpus, prov: Document, part: Part, city: City) -> DraftPart:
    clauses = tuple(_clause(corpus, prov, c, city) for c in part.clauses)
    return DraftPart(id=part.id, heading=part.heading, paragraphs=part.paragraphs, clauses=clauses,
                     source_id=part.id, carries_out=_ids(corpus.carries_out(prov.id, part.id)))


def _clause(corpus: Corpus, prov: Document, clause: Clause, city: City) -> DraftClause:
    heading, body = clause.heading, clause.body
    replacements, flags = [], []
    rules = [r for r in corpus.adaptation if r.applies_to(clause.id)]
    for rule in (r for r in rules if r.kind == "replace"):
        new_heading, rec_h = adapt.apply_replace(heading, rule, city)
        new_body, rec_b = adapt.apply_replace(body, rule, city)
        recs = [r for r in (rec_h, rec_b) if r]
        if recs:
            heading, body = new_heading, new_body
            replacements.append(Replacement(rule.pattern, recs[0].replacement, sum(r.count for r in recs),
                                            recs[0].why, tuple(k for r in recs for k in r.kept)))
    for rule in (r for r in rules if r.kind == "flag"):
        flag = adapt.make_flag(heading + "\n" + body, rule, city, corpus.cities)
        if flag:
            flags.append(flag)
    links = corpus.links_from(prov.id, clause.id)
    return DraftClause(
        id=clause.id, heading=heading, body=body, source_id=clause.id,
        original_heading=clause.heading, original_body=clause.body,
        carries_out=tuple(v.other.unit.id for v in links if v.relation is Relation.IMPLEMENTS),
        related=tuple(v.other.unit.id for v in links if v.relation is Relation.RELATED),
        replacements=tuple(replacements), flags=tuple(flags),
    )


def _ids(refs) -> tuple[str, ...]:
    return tuple(r.unit.id for r in refs)


def _gap_parts(corpus: Corpus, central: Document) -> tuple[tuple[DraftPart, ...], tuple[DraftPart, ...]]:
    """Central parts the provincial measures do not carry out at all, offered as sections to write.

    The first central part (总体要求) goes before the provincial parts; the others
    (加强组织实施 → 组织保障) after them.
    """
    rows = corpus.coverage(central.id, by_kind=DocumentKind.PROVINCIAL)
    front, back = [], []
    for index, part in enumerate(central.parts):
        mine = [r for r in rows if r.target.unit.id == part.id or r.target.unit in part.clauses]
        if not part.num or not mine or not all(r.is_gap for r in mine):
            continue
        gap = _gap_part(central, part, mine, first=index == 0, last=index == len(central.parts) - 1)
        (front if index == 0 else back).append(gap)
    return tuple(front), tuple(back)


def _gap_part(central: Document, part: Part, rows: list[CoverageRow], *, first: bool, last: bool) -> DraftPart:
    heading = ORGANISATION_HEADING if last and not first else part.heading
    where = f"《{central.short_title}》“{part.num}{part.heading}”"
    if not part.clauses:
        note = f"{TO_COMPLETE}本部分对应{where}，省实施措施未作对应规定。请结合本市实际撰写。"
        return DraftPart(id=f"gap_{part.id}", heading=heading, paragraphs=(note,), origin=Origin.GAP,
                         carries_out=(part.id,), to_complete=True)
    clauses = tuple(_gap_clause(central, part, row) for row in rows)
    return DraftPart(id=f"gap_{part.id}", heading=heading, clauses=clauses, origin=Origin.GAP,
                     carries_out=(part.id,), to_complete=True)


def _gap_clause(central: Document, part: Part, row: CoverageRow) -> DraftClause:
    unit = row.target.unit
    held = HELD.get(unit.completeness.value, "")
    related = "".join(f"{r.citation}“{r.unit.heading}”与本条相关，可供参考。" for r in row.related)
    body = (f"{TO_COMPLETE}本条对应《{central.short_title}》第{unit.num}条“{unit.heading}”{held}，"
            f"省实施措施未作对应规定。{related}请结合本市实际撰写。")
    return DraftClause(id=f"gap_{unit.id}", heading=unit.heading, body=body, origin=Origin.GAP,
                       carries_out=(unit.id,), to_complete=True)
