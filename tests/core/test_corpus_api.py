"""The questions drafters ask of the corpus: find a clause, follow its links, see what nobody carries out."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import LookupFailed
from desktop_app.core.model import Relation


@pytest.mark.parametrize("ref", ["（五）", "(五)", "( 五 )", "五", "5", "第五条", "part_2__para_5"])
def test_clause_by_reference(corpus, ref):
    assert corpus.resolve("liaoning", ref).heading == "改革户籍制度牵引区域合理流动"


def test_part_by_reference(corpus):
    assert corpus.resolve("central", "一、").heading == "总体要求"
    assert corpus.resolve("central", "part_6").heading == "加强组织实施"


@pytest.mark.parametrize("ref", ["（十九）", "0", "abc", ""])
def test_unknown_clause(corpus, ref):
    with pytest.raises(LookupFailed, match="liaoning"):
        corpus.resolve("liaoning", ref)


def test_unknown_document(corpus):
    with pytest.raises(LookupFailed, match="central、liaoning"):
        corpus.document("jilin")


def test_documents_and_clauses(corpus):
    assert [d.id for d in corpus.documents] == ["central", "liaoning"]
    assert len(corpus.clauses("liaoning")) == 18
    assert len(corpus.parts("central")) == 6


def test_central_clauses_a_provincial_clause_carries_out(corpus):
    four = corpus.resolve("liaoning", "四")
    assert [r.unit.num for r in corpus.carries_out("liaoning", four.id)] == ["（三）"]
    relations = {(v.other.unit.num, v.relation) for v in corpus.links_from("liaoning", four.id)}
    assert relations == {("（三）", Relation.IMPLEMENTS), ("（十五）", Relation.RELATED)}


def test_provincial_clauses_carrying_out_a_central_clause(corpus):
    central_four = corpus.resolve("central", "四")
    assert [r.unit.num for r in corpus.carried_out_by("central", central_four.id)] == ["（五）", "（六）"]
    archive = corpus.resolve("central", "六")
    assert [r.unit.heading for r in corpus.carried_out_by("central", archive.id)] == ["完善档案管理服务畅通职业转换"]


def test_every_provincial_clause_is_linked(corpus):
    for clause in corpus.clauses("liaoning"):
        assert corpus.links_from("liaoning", clause.id), clause.num


def test_counterparts_prefer_implements_and_fall_back_to_related(corpus):
    up, down = corpus.counterparts("liaoning", corpus.resolve("liaoning", "四").id)
    assert [r.unit.num for r in up] == ["（三）"] and down == ()
    up, _ = corpus.counterparts("liaoning", corpus.resolve("liaoning", "八").id)
    assert [(r.doc.id, r.unit.num) for r in up] == [("central", "（四）")]
    _, down = corpus.counterparts("central", corpus.resolve("central", "十五").id)
    assert [(r.doc.id, r.unit.num) for r in down] == [("liaoning", "（四）")]
    assert corpus.counterparts("central", corpus.resolve("central", "十六").id) == ((), ())


def test_coverage_gaps_are_part_one_and_fourteen_to_sixteen(corpus):
    rows = corpus.coverage("central")
    assert len(rows) == 17  # 16 clauses and part 一, which has no clauses
    gaps = [r.target.label for r in rows if r.is_gap]
    assert gaps == ["一、总体要求", "（十四）加强组织领导", "（十五）强化法治保障", "（十六）营造良好氛围"]
    fifteen = next(r for r in rows if r.target.unit.num == "（十五）")
    assert [r.unit.num for r in fifteen.related] == ["（四）"]


def test_citation(corpus):
    ref = corpus.ref("liaoning", "part_2__para_5")
    assert ref.citation == "《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》第（五）条"


def test_cities_and_adaptation_data(corpus):
    assert len(corpus.cities) == 14
    assert corpus.city("营口").groupings == ("沈阳经济区", "辽宁沿海经济带")
    with pytest.raises(LookupFailed, match="沈阳市"):
        corpus.city("长春市")
    liaoning = corpus.document("liaoning")
    for rule in corpus.adaptation:
        if rule.clause == "preamble":
            assert rule.pattern in "".join(liaoning.preamble)
        elif rule.clause != "*":
            assert rule.pattern in corpus.unit("liaoning", rule.clause).full_text(), rule.pattern
    assert {r.kind for r in corpus.adaptation} == {"replace", "flag"}
