"""Precedents: how other documents carried out the same upper clause, with city plans built for the test."""

from __future__ import annotations

import pytest

from desktop_app.core.corpus import Corpus
from desktop_app.core.model import Relation
from desktop_app.core.precedents import precedents_for, precedents_for_draft_clause, uppers_of
from desktop_app.drafting import build_draft
from tests.core.cityplans import install_city_plans


@pytest.fixture
def city_corpus(data_dir) -> Corpus:
    return Corpus.load(user_dir=install_city_plans(data_dir))


def names(group) -> list[str]:
    return [f"{p.ref.doc.id}{p.ref.unit.num}" for p in group.precedents]


def test_a_city_clause_sees_how_the_province_carried_out_the_central_clause(city_corpus):
    assert [(u.doc.id, u.unit.num) for u in uppers_of(city_corpus, "anshan", "part_1__para_1")] == [
        ("liaoning", "（五）"), ("central", "（四）")]
    groups = precedents_for(city_corpus, "anshan", "part_1__para_1")
    assert [g.upper.unit.num for g in groups] == ["（五）", "（四）"]
    assert names(groups[0]) == []                        # no other city carried out Liaoning （五） yet
    assert names(groups[1])[0] == "liaoning（六）"        # the province's other clause on central （四）
    assert "liaoning（五）" not in names(groups[1])       # an upper clause is not its own precedent
    related = [p for p in groups[1].precedents if p.relation is Relation.RELATED]
    assert related and groups[1].precedents[-1].relation is Relation.RELATED  # related after implementing


def test_a_central_clause_lists_every_clause_carrying_it_out_most_similar_first(city_corpus):
    (group,) = precedents_for(city_corpus, "central", "part_2__para_1")
    assert names(group) == ["liaoning（一）", "dalian（一）", "anshan（三）"]
    assert group.precedents[1].via.unit.num == "（一）" and group.precedents[1].via.doc.id == "liaoning"
    assert group.precedents[2].relation is Relation.RELATED
    sims = [p.similarity for p in group.precedents if p.relation is Relation.IMPLEMENTS]
    assert sims == sorted(sims, reverse=True) and 0 < sims[0] < 1


def test_a_draft_clause_sees_other_cities(city_corpus):
    draft = build_draft(city_corpus, "沈阳市")
    clause = next(c for c in draft.clauses if c.source_id == "part_1__para_1")   # from Liaoning （一）
    groups = precedents_for_draft_clause(city_corpus, draft, clause)
    assert [(g.upper.doc.id, g.upper.unit.num) for g in groups] == [("liaoning", "（一）"), ("central", "（一）")]
    assert names(groups[0]) == ["dalian（一）"]           # how 大连 carried out the same provincial clause
    assert 0.1 < groups[0].precedents[0].similarity < 1
