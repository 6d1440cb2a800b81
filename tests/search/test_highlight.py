"""Highlights mark what matched and only that; fragments do not overlap, cut a match or hold line breaks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.search import highlight
from desktop_app.search.analyzer import fold
from desktop_app.search.query import parse
from desktop_app.search.results import make_fragments

CE = "central"


def marks(text: str, query: str) -> list[str]:
    spans = highlight.spans(fold(text), parse(query).items)
    return [text[s:e] for s, e in spans]


def test_a_number_with_its_unit_is_marked_together_not_every_unit():
    text = "取消城区常住人口300万以下的城市落户限制，放宽300万至500万的大城市，3000万元"
    assert marks(text, "300万") == ["300万", "300万"]
    assert marks(text, "３００万") == ["300万", "300万"]


def test_a_single_character_is_marked_only_next_to_the_rest_of_what_was_typed():
    assert marks("户籍人口300人，资金万元", "300万") == ["300"]
    assert marks("厅字〔2019〕56号文件第3号", "56号") == ["56号"]


def test_digits_are_not_marked_inside_a_longer_number():
    assert marks("2019年和12019", "2019") == ["2019"]


def test_a_document_number_is_marked_whole_in_either_bracket_form():
    text = "（厅字〔2019〕56号）精神"
    assert marks(text, "厅字﹝2019﹞56号") == ["厅字〔2019〕56号"]
    assert marks(text, "厅字[2019]56号") == ["厅字〔2019〕56号"]


def test_words_apart_are_each_marked():
    assert marks("门诊费用异地直接结算，提升就医费用", "异地 就医") == ["异地", "就医"]


def test_every_occurrence_in_a_clause_is_marked(shared_index):
    hit = shared_index.search("300万", doc=CE)[0]
    marked = "".join(f.marked() for f in hit.fragments)
    assert marked.count("【300万】") == marked.count("300万") == 2
    assert "【万】" not in marked and "500万" in marked


def test_fragments_never_overlap_never_cut_a_match_and_hold_no_line_breaks(shared_index):
    for query in ("就业", "服务", "人才 流动", "社会", "创业", "档案"):
        for hit in shared_index.search(query, limit=50):
            _check_fragments(hit.fragments, hit.terms)


def _check_fragments(fragments, terms):
    for fragment in fragments:
        assert "\n" not in fragment.text and "\r" not in fragment.text
        marked = [fragment.text[s:e] for s, e in fragment.spans]
        for term in set(terms):
            # every occurrence of a matched term inside a shown fragment is marked
            assert fragment.text.count(term) <= sum(m.count(term) for m in marked), (term, fragment.marked())


def test_fragments_from_a_long_text_are_apart_and_whole():
    text = "".join(f"第{i:02d}段就业" + "这是一段没有命中的文字，" * 3 + "\n" for i in range(12))
    spans = [(i, i + 2) for i in range(len(text)) if text.startswith("就业", i)]
    fragments = make_fragments(text, spans)
    assert len(fragments) == 3
    starts = [text.replace("\n", " ").find(f.text) for f in fragments]
    assert all(a + len(f.text) <= b for a, b, f in zip(starts, starts[1:], fragments, strict=False))
    for fragment in fragments:
        assert "\n" not in fragment.text
        assert fragment.text.count("就业") == len(fragment.spans)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("就业创业服务档案。\n，ab12 "), min_size=1, max_size=400),
       st.sampled_from(["就业", "服务", "ab", "12", "创业服务", "。"]))
def test_fragments_of_any_text(text, term):
    spans = [(i, i + len(term)) for i in range(len(text)) if text.startswith(term, i)]
    merged = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    fragments = make_fragments(text, merged)
    flat = text.replace("\n", " ")
    positions = []
    for fragment in fragments:
        assert "\n" not in fragment.text
        assert all(0 <= s < e <= len(fragment.text) for s, e in fragment.spans)
        assert fragment.text in flat
        positions.append(fragment)
    # inside each fragment, every match that lies wholly in it is marked
    for fragment in fragments:
        inside = [i for i in range(len(fragment.text)) if fragment.text.startswith(term, i)]
        covered = {i for s, e in fragment.spans for i in range(s, e)}
        assert all(i in covered for i in inside), fragment.marked()
