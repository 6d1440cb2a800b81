"""A process that searches loads neither whoosh's network nor its English-morphology modules nor OpenSSL
(hashlib), nor the modules a search never uses (whoosh's queries, highlighter and stemmers, inspect, logging),
and whoosh still works."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
import desktop_app.search
print('urllib.request' in sys.modules, 'whoosh.lang.morph_en' in sys.modules, 'hashlib' in sys.modules)
from whoosh.query import terms  # what whoosh's Variations query expands a word with
from whoosh.compat import urlretrieve
print(sorted(terms.variations('render'))[:2], callable(urlretrieve))
from whoosh.filedb.filetables import md5_hash  # the hash of whoosh's terms tables
import hashlib
print(md5_hash(b'abc') == int(hashlib.md5(b'abc').hexdigest(), 16) & 0xffffffff)
"""


UNUSED = ("whoosh.query", "whoosh.highlight", "whoosh.lang.porter", "whoosh.automata.lev", "html", "queue",
          "calendar", "inspect", "logging", "desktop_app.core.model", "desktop_app.core.corpus")
SEARCH = """
import contextlib, io, sys
from desktop_app.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["search", "就业", "--limit", "3"])
assert code == 0 and "【" in out.getvalue(), out.getvalue()
print(" ".join(m for m in sys.argv[1:] if m in sys.modules))
import whoosh.searching, whoosh.compat, whoosh.util.times, whoosh.codec.base
from whoosh.analysis import StemmingAnalyzer
print(whoosh.compat.htmlescape("<b>"), whoosh.util.times.calendar.monthrange(2024, 2)[1],
      whoosh.searching.highlight.Highlighter.__name__, whoosh.searching.query.Term("t", "x"),
      [t.text for t in StemmingAnalyzer()("dogs")], callable(whoosh.codec.base.lev.levenshtein_automaton))
"""


def test_a_search_from_the_command_line_imports_no_module_it_does_not_use(tmp_path):
    # The index is built by a first search (reading the documents), the second answers from it.
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(tmp_path)}
    for _ in range(2):
        argv = [sys.executable, "-c", SEARCH, *UNUSED]
        with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env) as proc:
            out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
    assert out.splitlines() == ["", "&lt;b&gt; 29 Highlighter t:x ['dog'] True"]


def test_search_imports_whoosh_without_unused_modules():
    with subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True) as proc:
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert out.splitlines() == ["False False False", "['rend', 'rende'] True", "True"]
