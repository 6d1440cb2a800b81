"""Traditional characters fold to simplified ones with OpenCC's tables, offsets kept, OpenCC loaded only when needed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from desktop_app import paths
from desktop_app.search import analyzer as an
from desktop_app.search import traditional


def test_the_shipped_character_table_is_opencc_s_own():
    shipped = paths.resource_path(*traditional.TABLE).read_text(encoding="utf-8")
    assert shipped == traditional.generate(), "regenerate: python -m desktop_app.search.traditional --write"
    assert len(traditional.table()) > 4000


def test_fold_converts_characters_and_phrases_and_keeps_offsets():
    for text, expected in [("戶籍制度", "户籍制度"), ("異地就醫", "异地就医"), ("檔案轉遞", "档案转递"),
                           ("幹部", "干部"), ("乾部", "干部"), ("乾坤", "乾坤"), ("ＡＢ社會保險１２", "ab社会保险12"),
                           ("户籍", "户籍")]:
        assert an.fold(text) == expected, text
        assert len(an.fold(text)) == len(text)
    assert an.is_traditional("戶籍") and not an.is_traditional("户籍")


def test_a_search_of_simplified_text_never_loads_opencc(tmp_path, corpus):
    from desktop_app.search import SearchIndex

    SearchIndex.open(corpus, tmp_path).close()
    script = textwrap.dedent(f"""
        import sys
        from desktop_app.core.corpus import Corpus
        from desktop_app.search import SearchIndex
        with SearchIndex.open(Corpus.load(), {str(tmp_path)!r}) as ix:
            assert ix.search("社保")
            before = "opencc" in sys.modules
            assert ix.search("戶籍")
        print(before, "opencc" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"], out.stdout + out.stderr
