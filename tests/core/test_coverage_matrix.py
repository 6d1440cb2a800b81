"""The three-level coverage matrix: province, each city's plans and the open draft, with city plans built here."""

from __future__ import annotations

import pytest

from desktop_app.core.corpus import Corpus
from desktop_app.core.coverage_matrix import build_matrix, cell_lines, city_of, matrix_dict
from desktop_app.core.errors import LookupFailed
from desktop_app.drafting import build_draft
from tests.core.cityplans import install_city_plans


@pytest.fixture
def city_corpus(data_dir) -> Corpus:
    return Corpus.load(user_dir=install_city_plans(data_dir))


def row(matrix, num: str):
    return next(r for r in matrix.rows if r.target.unit.num == num)


def test_columns_are_the_province_then_each_city(city_corpus):
    matrix = build_matrix(city_corpus)
    assert [c.label for c in matrix.columns] == ["辽宁", "大连市（dalian）", "鞍山市（anshan）"]  # list order
    assert matrix.cities() == ["大连市", "鞍山市"]
    assert city_of(city_corpus.document("anshan"), city_corpus) == "鞍山市"


def test_cells_direct_through_the_province_and_related_apart(city_corpus):
    matrix = build_matrix(city_corpus)
    four = row(matrix, "（四）").cells
    assert cell_lines(four[0]) == ["辽宁（五）", "辽宁（六）", "相关：辽宁（七）、辽宁（八）、辽宁（九）"]
    assert cell_lines(four[2]) == ["鞍山（一）（经辽宁（五））", "鞍山（四）"]   # （四） is linked to central directly
    assert four[2].implements[0].via.unit.id == "part_2__para_5" and four[2].implements[1].via is None
    fourteen = row(matrix, "（十四）")
    assert cell_lines(fourteen.cells[0]) == ["【缺口】"]          # the province leaves it ...
    assert cell_lines(fourteen.cells[2]) == ["鞍山（二）"]        # ... 鞍山 carries it out directly
    assert not fourteen.is_gap
    one = row(matrix, "（一）").cells
    assert cell_lines(one[2]) == ["【缺口】", "相关：鞍山（三）"]   # related is not carrying out
    assert not one[2].implements
    assert cell_lines(one[1]) == ["大连（一）（经辽宁（一））"]


def test_filtered_to_one_city_with_its_draft(city_corpus):
    draft = build_draft(city_corpus, "鞍山市")
    matrix = build_matrix(city_corpus, draft, "鞍山")
    assert matrix.city == "鞍山市"
    assert [c.label for c in matrix.columns] == ["辽宁", "鞍山市（anshan）", "鞍山市草稿"]
    draft_cell = row(matrix, "（四）").cells[2]
    assert [e.label for e in draft_cell.implements] == ["鞍山市草稿（五）", "鞍山市草稿（六）"]
    assert draft_cell.implements[0].via_label == "辽宁（五）"
    fourteen = row(matrix, "（十四）").cells[2]   # offered by the draft, still to be written: not carrying out
    assert not fourteen.implements and cell_lines(fourteen)[0] == "【缺口】"
    assert cell_lines(fourteen)[1].startswith("待起草：鞍山市草稿")
    data = matrix_dict(matrix)
    assert data["city"] == "鞍山市" and data["columns"][2]["kind"] == "draft"
    four = next(r for r in data["rows"] if r["label"].startswith("（四）"))
    assert four["cells"][1]["implements"][0]["via"]["label"] == "辽宁（五）"


def test_a_city_without_plans_shows_its_gaps_and_an_unknown_city_is_refused(city_corpus):
    matrix = build_matrix(city_corpus, city="沈阳市")
    assert [c.label for c in matrix.columns] == ["辽宁", "沈阳市（尚无实施方案）"]
    assert len(matrix.gaps(1)) == len(matrix.rows)
    with pytest.raises(LookupFailed, match="没有城市 '北京市'"):
        build_matrix(city_corpus, city="北京市")
