"""The analysis: the same tokens as the project's jieba, policy terms whole, width folding, stop words."""

from __future__ import annotations

import datetime
import pickle
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import segment
from desktop_app.search import analyzer as an

POLICY_TERMS = ["社会性流动", "三支一扶", "一网通办", "飞地经济", "异地就医", "高技能人才", "建档立卡",
                "公益性岗位", "零就业家庭", "农业转移人口", "共有产权住房", "职业技能等级", "档案转递"]


def _texts(corpus):
    texts = []
    for doc in corpus.documents:
        texts.extend(doc.preamble)
        for part in doc.parts:
            texts.append(part.full_text())
            texts.extend(c.full_text() for c in part.clauses)
    return texts


def test_fast_segmenter_gives_the_jieba_tokens_on_the_whole_corpus(corpus):
    jieba_tok = segment.tokenizer()
    fast = segment.segmenter()
    for text in _texts(corpus):
        assert fast.cut_for_search(text) == list(jieba_tok.cut_for_search(text, HMM=True))
        assert fast.cut(text) == list(jieba_tok.cut(text, HMM=True))
        assert [w for w, _s, _e in fast.tokenize(text)] == fast.cut(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(
    "就业创业异地就医档案转递社会性流动高技能人才三支一扶落户户籍的了和与及服务机构人员公共"
    "abcXYZ0123456789 ，。、；：“”（）《》-_/\n\tＡｂ１２％＂"
)), max_size=60))
def test_fast_segmenter_gives_the_jieba_tokens_on_policy_like_text(text):
    assert segment.segmenter().cut_for_search(text) == list(segment.tokenizer().cut_for_search(text, HMM=True))
    assert segment.segmenter().cut(text) == list(segment.tokenizer().cut(text, HMM=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fast_segmenter_gives_the_jieba_tokens_on_any_text(text):
    assert segment.segmenter().cut_for_search(text) == list(segment.tokenizer().cut_for_search(text, HMM=True))
    assert segment.segmenter().cut(text) == list(segment.tokenizer().cut(text, HMM=True))


def test_index_tokens_are_jieba_search_mode_plus_longer_dictionary_words_inside(corpus):
    stops = an.stop_words()
    for text in _texts(corpus):
        expected = [an.fold(w) for w in segment.tokenizer().cut_for_search(an.fold(text), HMM=True)]
        expected = [w for w in expected if w not in stops and any(ch.isalnum() for ch in w)]
        tokens, extra = [], []
        for word, _s, _e in an.words(text):
            grams, longer = an.subwords.split(word) if len(word) > 2 else ((), ())
            tokens += [*grams, word]
            extra += longer
            assert all(4 <= len(w) < len(word) and w in word and segment.segmenter().has_word(w) for w in longer)
        assert tokens == expected
        assert sorted(t for t, *_rest in an.search_tokens(text)) == sorted(tokens + extra)
        assert sorted(an.index_terms(text)) == sorted(tokens + extra)


def test_a_dictionary_word_inside_a_longer_one_is_a_token():
    assert "技能人才" in an.index_terms("推进高技能人才队伍建设")
    assert "技能等级" in an.index_terms("职业技能等级认定")


def test_policy_terms_are_single_tokens():
    for term in POLICY_TERMS:
        assert an.fold(term) in [w for w, _s, _e in an.words(f"推进{term}工作")], term


def test_search_mode_finds_the_short_word_inside_the_long_one():
    tokens = {t: (s, e) for t, _pos, s, e in an.search_tokens("完善异地就医直接结算平台")}
    assert tokens["异地就医"] == (2, 6) and tokens["异地"] == (2, 4) and tokens["就医"] == (4, 6)


def test_full_width_and_half_width_fold_alike_and_keep_offsets():
    assert an.fold("ＡＢＣ１２３，（ｘ）　") == "abc123,(x) "
    text = "按照ＧＢ／Ｔ１５８３４执行"
    assert len(an.fold(text)) == len(text)
    spans = an.highlight_spans(text, ["gb"])
    assert [text[s:e] for s, e in spans] == ["ＧＢ"]


def test_stop_words_are_dropped():
    tokens = [t for t, *_ in an.search_tokens("就业和创业的机会")]
    assert "和" not in tokens and "的" not in tokens
    assert "就业" in tokens and "机会" in tokens


def test_highlight_spans_merge_overlapping_words():
    text = "完善异地就医直接结算平台，异地就医"
    assert an.highlight_spans(text, ["异地就医", "就医"]) == [(2, 6), (13, 17)]
    assert an.highlight_spans(text, ["平台", "结算"]) == [(8, 12)]
    assert an.highlight_spans(text, []) == []


def test_analyzer_pickles_without_jieba_analyse():
    ana = pickle.loads(pickle.dumps(an.analyzer()))
    assert ana == an.analyzer()
    assert [t.text for t in ana("异地就医")] == ["异地", "就医", "异地就医"]


def test_opening_an_index_imports_neither_jieba_analyse_nor_qt(tmp_path, corpus):
    from desktop_app.search import SearchIndex

    SearchIndex.open(corpus, tmp_path).close()
    script = textwrap.dedent(f"""
        import sys
        from desktop_app.core.corpus import Corpus
        from desktop_app.search import SearchIndex
        with SearchIndex.open(Corpus.load(), {str(tmp_path)!r}) as ix:
            assert ix.search("异地就医")
        bad = [m for m in sys.modules if m.startswith(("jieba.analyse", "PySide6"))]
        print(bad)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@given(st.text(alphabet=st.sampled_from("高技能人才职业等级认定异地就医档案转递，。 ,.-_aA1１（）的"), max_size=60)
       | st.text(max_size=40))
def test_the_indexing_fast_path_gives_the_analyzers_tokens_on_any_text(text):
    assert sorted(an.index_terms(text)) == sorted(t for t, *_rest in an.search_tokens(text))


def test_every_character_the_quick_fold_knows_folds_as_the_table_says():
    kept, folded = an._QuickFold.known()
    table = an._FoldSimplifiedTable()  # a fresh table: every character worked out by its own rule
    assert len(kept) > 15_000  # the common CJK block but its ~3,300 traditional characters, ASCII, punctuation
    assert all(table[ord(c)] == ord(c) for c in kept)
    assert all(table[ord(c)] == ord(v) for c, v in folded.items())
    assert not (kept | folded.keys()) & an._TRADITIONAL
    assert folded["，"] == "," and folded["Ａ"] == "a" and folded["Q"] == "q"
    replacements = an._QuickFold().replacements
    assert {char for char, _ in replacements} == set("，（）：；！？％")
    assert all(folded[char] == value and value in kept for char, value in replacements)


def _full_fold(text):
    return text.translate(an._FOLD_SIMPLIFIED)


def test_the_quick_fold_folds_the_corpus_as_the_table_does(corpus):
    quick = an._QuickFold()
    texts = _texts(corpus)
    assert all(quick(t) == _full_fold(t) for t in texts if quick(t) is not None)
    assert sum(quick(t) is not None for t in texts) > 0.9 * len(texts)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("就业創業異地就医档案轉遞乾坤乾部干部abcXYZ019 ，。、；：“”（）《》-_/\n"
                                             "\u3000Ａｂ１２％＂㈠①")), max_size=40))
def test_the_quick_fold_gives_the_fold_or_leaves_the_text_to_it(text):
    folded = an._QuickFold()(text)
    assert folded is None or (folded == an.fold(text) == _full_fold(text) and not an.has_traditional(text))


def test_iso_dates_get_jiebas_words_without_jieba():
    jieba_tok, has_word = segment.tokenizer(), segment.segmenter().has_word
    day, dates = datetime.date(1949, 1, 1), []
    while day.year <= 2050:
        dates += (day.isoformat(), f"{day.year}-{day.month}-{day.day}")
        day += datetime.timedelta(days=1)
    for date in dates:
        assert segment._date_words(date, has_word) == list(jieba_tok.cut(date, HMM=True)), date


def test_a_title_unit_with_its_date_is_cut_without_loading_jieba(monkeypatch):
    text = "关于做好2020年就业工作的通知\n人社部发〔2020〕1号\n2020-05-28\n2020年5月28日"
    expected = list(segment.tokenizer().cut(text, HMM=True))
    monkeypatch.setattr(segment, "tokenizer", lambda: pytest.fail("jieba loaded"))
    assert segment.segmenter().cut(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2019-12-25", "2020-5-8", "a-1", "1.5", "\n", "\r\n", "就业", "档案转递", "，", " "]),
                max_size=12))
def test_texts_cut_line_by_line_give_jiebas_words(parts):
    text = "".join(parts)
    assert segment.segmenter().cut(text) == list(segment.tokenizer().cut(text, HMM=True))
