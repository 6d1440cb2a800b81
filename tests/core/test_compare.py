"""Word-level comparison: marks, similarity and obligation-wording shifts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.compare import Direction, Mark, Strength, compare, obligation_shifts
from desktop_app.core.segment import cut


def chars(text: str) -> list[str]:
    return list(text)


def test_kept_added_and_not_taken_up_on_the_real_clauses(corpus):
    provincial = corpus.unit("liaoning", "part_1__para_1").full_text()
    central = corpus.unit("central", "part_2__para_1").full_text()
    result = compare(provincial, central)
    added = "".join(result.text_with("a", Mark.ONLY_A))
    not_taken = "".join(result.text_with("b", Mark.ONLY_B))
    kept = "".join(result.text_with("a", Mark.KEPT))
    assert "深入实施创新驱动发展战略" in added
    assert "将就业优先政策置于宏观政策层面" in not_taken
    assert kept.startswith("（一）实施就业优先政策创造流动机会。坚持把稳定和扩大就业作为经济社会发展的优先目标")
    assert 0.4 < result.similarity < 0.8
    assert result.shifts[0].term == "确保" and (result.shifts[0].count_a, result.shifts[0].count_b) == (0, 1)
    assert result.direction is Direction.SOFTER


def test_marks_are_whole_jieba_words(corpus):
    a, b = "统筹推进普通劳动者落户", "统筹推进人才落户"
    result = compare(a, b)
    assert result.text_with("a", Mark.KEPT)[0] == "统筹推进"
    assert "劳动者" in "".join(result.text_with("a", Mark.ONLY_A))
    assert "人才" in "".join(result.text_with("b", Mark.ONLY_B))
    for text, side in ((a, result.a), (b, result.b)):
        bounds, pos = {0}, 0
        for token in cut(text):
            pos += len(token)
            bounds.add(pos)
        pos = 0
        for segment in side:  # every mark starts and ends between two words, never inside one
            assert pos in bounds and pos + len(segment.text) in bounds
            pos += len(segment.text)


@given(st.text(alphabet="必须鼓励可以支持，。的在和推进", max_size=40),
       st.text(alphabet="必须鼓励可以支持，。的在和推进", max_size=40))
def test_each_side_concatenates_back_to_its_text(a, b):
    result = compare(a, b, tokenize=chars)
    assert "".join(s.text for s in result.a) == a
    assert "".join(s.text for s in result.b) == b
    assert all(s.mark in (Mark.KEPT, Mark.ONLY_A) for s in result.a)
    assert all(s.mark in (Mark.KEPT, Mark.ONLY_B) for s in result.b)
    kept_a = "".join(s.text for s in result.a if s.mark is Mark.KEPT)
    kept_b = "".join(s.text for s in result.b if s.mark is Mark.KEPT)
    assert kept_a == kept_b
    assert 0.0 <= result.similarity <= 1.0


def test_identical_and_disjoint_texts():
    same = compare("加强组织领导。", "加强组织领导。", tokenize=chars)
    assert same.similarity == 1.0 and same.text_with("a", Mark.ONLY_A) == []
    apart = compare("甲乙", "丙丁", tokenize=chars)
    assert apart.similarity == 0.0
    assert compare("", "", tokenize=chars).similarity == 1.0


def test_similarity_ignores_punctuation():
    result = compare("推进，落户。", "推进落户", tokenize=chars)
    assert result.similarity == 1.0


def test_obligation_wording_shifts():
    softer = compare("鼓励各地探索落户办法", "必须严格落实落户政策")
    terms = {s.term: s for s in softer.shifts}
    assert terms["必须"].strength is Strength.STRONG and (terms["必须"].count_a, terms["必须"].count_b) == (0, 1)
    assert terms["鼓励"].strength is Strength.WEAK and terms["鼓励"].count_a == 1
    assert softer.direction is Direction.SOFTER
    assert compare("必须严格落实", "鼓励落实").direction is Direction.STRONGER
    assert compare("必须落实，鼓励探索", "落实").direction is Direction.MIXED
    assert compare("必须落实", "确保落实").direction is Direction.SAME  # one binding word for another
    assert compare("推进落户", "推进落户").direction is Direction.SAME


def test_permissive_ke_is_matched_as_a_word_not_inside_other_words():
    assert obligation_shifts(["可持续", "发展"], []) == ()
    assert obligation_shifts(["可", "申请"], [])[0].term == "可"
