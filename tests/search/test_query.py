"""Query syntax, filters, fragments, and that no input whatever makes a search fail."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.search import Fragment, SearchHit

from .conftest import top

LN, CE = "liaoning", "central"


def keys(hits):
    return {(h.doc, h.num) for h in hits}


def test_words_are_all_required(shared_index):
    both = keys(shared_index.search("档案 异地", limit=50))
    assert both == {(LN, "（十一）")}  # 档案…异地通办; (八) has 异地 but no 档案
    assert keys(shared_index.search("档案", limit=50)) > both


def test_or_takes_either(shared_index):
    either = keys(shared_index.search("三支一扶 OR 飞地经济", limit=50))
    assert either == {(LN, "（十）"), (LN, "（二）")}
    assert keys(shared_index.search("三支一扶 | 飞地经济", limit=50)) == either


def test_minus_and_not_exclude(shared_index):
    all_hits = keys(shared_index.search("落户", limit=50))
    assert (CE, "（四）") in all_hits
    without = keys(shared_index.search("落户 -积分", limit=50))
    assert (CE, "（四）") not in without and (LN, "（五）") in without
    assert keys(shared_index.search("落户 NOT 积分", limit=50)) == without


def test_quoted_phrase_needs_the_words_in_sequence(shared_index):
    loose = keys(shared_index.search("异地 结算", limit=50))
    assert {(LN, "（八）"), (CE, "（四）")} <= loose
    phrase = keys(shared_index.search("“异地直接结算”", limit=50))  # only central (四) says 异地直接结算
    assert phrase == {(CE, "（四）")}
    assert keys(shared_index.search('"异地就医直接结算"', limit=50)) == {(LN, "（八）")}


def test_a_quoted_word_must_occur_as_written(shared_index):
    assert keys(shared_index.search("技能等级", limit=50)) == {(LN, "（十四）")}
    assert keys(shared_index.search('"技能 等级"', limit=50)) == {(LN, "（十四）")}
    # as written, also inside 技术技能人才; not central （三）, whose 技术技能型人才 has the words apart
    assert keys(shared_index.search('"技能人才"', limit=50)) == {(LN, "（十三）"), (LN, "（十四）"), (CE, "（九）")}
    assert (CE, "（三）") in keys(shared_index.search("技能 人才", limit=50))
    assert keys(shared_index.search('落户 -"人才落户"', limit=50)) == {(CE, "（四）")}


def test_unclosed_quote_is_a_phrase_to_the_end(shared_index):
    assert keys(shared_index.search('"异地直接结算', limit=50)) == {(CE, "（四）")}


def test_a_word_inside_a_longer_word_is_found(shared_index):
    assert (LN, "（八）") in keys(shared_index.search("就医"))
    assert (LN, "（十一）") in keys(shared_index.search("转递"))


def test_full_width_query_finds_half_width_text(shared_index):
    assert keys(shared_index.search("３００万")) == keys(shared_index.search("300万")) == {(CE, "（四）")}


def test_document_and_kind_filters(shared_index):
    assert {h.doc for h in shared_index.search("档案", doc=CE)} == {CE}
    assert {h.doc for h in shared_index.search("档案", kind="provincial")} == {LN}
    assert {h.kind for h in shared_index.search("档案", kind="central")} == {"central"}
    assert shared_index.search("档案", kind="city") == []
    assert shared_index.search("档案", doc="no-such-doc") == []


def test_headings_only(shared_index):
    hits = shared_index.search("档案", headings_only=True)
    assert keys(hits) == {(LN, "（十一）"), (CE, "（六）")}
    assert all("档案" in h.heading for h in hits)
    assert shared_index.search("三支一扶", headings_only=True) == []


def test_part_headings_are_searchable(shared_index):
    hits = shared_index.search("阻断贫困代际传递", headings_only=True)
    assert {(h.doc, h.id) for h in hits} >= {(CE, "part_5"), (LN, "part_4")}


def test_limit(shared_index):
    assert len(shared_index.search("流动", limit=3)) == 3
    assert len(shared_index.search("流动", limit=100)) > 20


def test_hit_fields_and_highlighted_fragments(shared_index):
    hit = shared_index.search("三支一扶")[0]
    assert isinstance(hit, SearchHit)
    assert (hit.doc, hit.id, hit.num, hit.kind) == (LN, "part_2__para_10", "（十）", "provincial")
    assert hit.heading == "推进用人制度改革促进人才流动"
    assert hit.score > 0 and hit.terms == ("三支一扶",)
    fragment = hit.fragments[0]
    assert "“【三支一扶】”计划" in fragment.marked()
    assert all(fragment.text[s:e] == "三支一扶" for s, e in fragment.spans)


def test_long_clauses_give_excerpts_around_the_matches(shared_index):
    hit = top_hit = shared_index.search("档案转递")[0]
    assert (top_hit.doc, top_hit.num) == (LN, "（十一）")
    assert all(len(f.text) <= 90 for f in hit.fragments)
    assert any("【档案转递】线上申请" in f.marked() for f in hit.fragments)


def test_whole_word_is_marked_not_its_parts(shared_index):
    marked = shared_index.search("高技能人才")[0].fragments[0].marked()
    assert "【高技能人才】" in marked and "【人才】" not in marked


def test_fragment_marked_with_other_marks():
    frag = Fragment("完善异地就医直接结算平台", ((2, 6),))
    assert frag.marked() == "完善【异地就医】直接结算平台"
    assert frag.marked("<b>", "</b>") == "完善<b>异地就医</b>直接结算平台"


def test_highlight_spans_on_any_text(shared_index):
    hit = shared_index.search("就医")[0]
    text = "群众异地就医更方便"
    assert [text[s:e] for s, e in shared_index.highlight_spans(text, hit.terms)] == ["就医"]


def test_queries_that_match_nothing_or_only_exclude_return_no_hits(shared_index):
    for query in ["", "   ", "的", "OR", "NOT", "-", "-档案", '"', "()", "*", "AND OR NOT", "的 和 与"]:
        assert shared_index.search(query) == [], query


def test_operator_syntax_is_read_as_text_not_errors(shared_index):
    assert keys(shared_index.search("heading:档案")) == keys(shared_index.search("档案"))
    assert keys(shared_index.search("档案*")) == keys(shared_index.search("档案"))
    assert keys(shared_index.search("(档案)")) == keys(shared_index.search("档案"))
    assert top(shared_index.search("档案\x00\x07转递"), 1) == [(LN, "（十一）")]


def test_ten_thousand_characters(shared_index):
    assert shared_index.search("档案" * 5000) == shared_index.search("档案" * 5000)
    assert isinstance(shared_index.search("x" * 10_000), list)
    assert isinstance(shared_index.search('"' + "异地就医 OR -" * 1000), list)


_SYNTAX = st.sampled_from(['"', "“", "”", "OR", "AND", "NOT", "-", "+", "*", "?", "(", ")", ":", "heading:", "body:",
                           "doc:central", "~", "^2", "[", "]", "{", "}", "\\", "/", "|", "&", "!", "档案", "异地就医",
                           "落户", "\x00", "\x1b", "\u200b", "\ud800", " ", "\t", "\n"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(_SYNTAX, max_size=40).map("".join),
                 st.lists(_SYNTAX, max_size=40).map(" ".join),
                 # long input: a random piece repeated to 10,000 characters
                 st.tuples(st.one_of(st.text(min_size=1, max_size=30), st.lists(_SYNTAX, min_size=1).map(" ".join)))
                 .map(lambda t: (t[0] * (10_000 // len(t[0]) + 1))[:10_000])))
def test_any_input_gives_hits_or_none_never_an_error(shared_index, query):
    hits = shared_index.search(query, limit=5)
    assert isinstance(hits, list)
    for hit in hits:
        for frag in hit.fragments:
            assert all(0 <= s < e <= len(frag.text) for s, e in frag.spans)
    assert isinstance(shared_index.search(query, doc=CE, kind="central", headings_only=True), list)
