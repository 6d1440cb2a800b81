"""A process that searches loads neither whoosh's network nor its English-morphology modules nor OpenSSL
(hashlib), and whoosh still works."""

from __future__ import annotations

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


def test_search_imports_whoosh_without_unused_modules():
    with subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True) as proc:
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert out.splitlines() == ["False False False", "['rend', 'rende'] True", "True"]
