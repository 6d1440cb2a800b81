"""Import whoosh without the modules it loads at import time and we never use.

# WORKAROUND: whoosh 2.7.4 imports, at import time,
#  * ``urllib.request`` in ``whoosh/compat.py`` (``from urllib.request import urlretrieve``, for Python 2
#    compatibility; nothing in whoosh calls it), which pulls in http.client, email and ssl (OpenSSL):
#    ≈ 25 ms and several MiB of every process that searches;
#  * ``html`` (for ``escape``, which only its HTML highlighter calls) and ``queue`` (for its multi-process
#    writer) in ``whoosh/compat.py``; ``calendar`` in ``whoosh/util/times.py`` (for date fields); its
#    Porter stemmer and double metaphone in ``whoosh/analysis/morph.py`` (for analyzers we never build);
#    ``whoosh.automata.lev`` in ``whoosh/codec/base.py`` (for fuzzy term queries) and ``whoosh.highlight``
#    in ``whoosh/searching.py`` (its own highlighter; ours is ``highlight.py``): ≈ 6 ms together;
#  * ``whoosh.query`` in ``whoosh/searching.py`` (nine modules of query classes: only the reference ranking,
#    ``searcher._ranked_whoosh``, builds whoosh queries; :func:`whoosh_query` imports it there): ≈ 3 ms;
#  * ``whoosh.lang.morph_en`` in ``whoosh/query/terms.py`` (for the English ``Variations`` query, which we
#    never build), which compiles some 50 regular expressions: ≈ 20–40 ms;
#  * ``hashlib`` in ``whoosh/filedb/filetables.py`` (for ``md5``, the hash of its terms tables), which
#    loads OpenSSL's libcrypto: 3.4 MiB resident in every process that searches.
# While those whoosh modules are imported, each of these is a stand-in (see desktop_app/core/standins.py):
# a function that imports the real module when called, or a module that imports the real one when one of
# its names is first looked up; ``hashlib`` is CPython's own ``_md5.md5`` (the same digests).  The stand-ins
# are removed straight after, so a later import gets the real modules.
"""

from __future__ import annotations

import sys

from ..core.standins import LazyModule, import_with_stand_ins, lazy_function, stand_in


def _builtin_md5():
    try:
        from _md5 import md5
    except ImportError:  # a Python built without it: whoosh gets hashlib's
        return None
    return md5


import_with_stand_ins("whoosh.compat", {
    "urllib.request": stand_in("urllib.request", urlretrieve=lazy_function("urllib.request", "urlretrieve")),
    "html": stand_in("html", escape=lazy_function("html", "escape")),
    "queue": LazyModule("queue"),
})
_md5 = _builtin_md5()
if _md5 is not None:
    import_with_stand_ins("whoosh.filedb.filetables", {"hashlib": stand_in("hashlib", md5=_md5)})
def stem(word: str) -> str:
    """whoosh's Porter stemmer, imported when first called (the default of its StemFilter, which we never use)."""
    from whoosh.lang.porter import stem as porter_stem

    return porter_stem(word)


def double_metaphone(word: str):
    """whoosh's double metaphone, imported when first called (for its DoubleMetaphoneFilter, which we never use)."""
    from whoosh.lang.dmetaphone import double_metaphone as metaphone

    return metaphone(word)


import_with_stand_ins("whoosh.reading", {
    "calendar": LazyModule("calendar"),
    # Module-level functions, not lazy_function wrappers: a StemFilter keeps its stemmer and whoosh pickles
    # analyzers into an index's table of contents.
    "whoosh.lang.porter": stand_in("whoosh.lang.porter", stem=stem),
    "whoosh.lang.dmetaphone": stand_in("whoosh.lang.dmetaphone", double_metaphone=double_metaphone),
})
import_with_stand_ins("whoosh.codec.base", {"whoosh.automata.lev": LazyModule("whoosh.automata.lev")})


def whoosh_query():
    """:mod:`whoosh.query` (imported on first use: only the reference ranking builds whoosh's queries)."""
    import_with_stand_ins("whoosh.query", {
        "whoosh.lang.morph_en": stand_in("whoosh.lang.morph_en",
                                         variations=lazy_function("whoosh.lang.morph_en", "variations")),
    })
    return sys.modules["whoosh.query"]


import_with_stand_ins("whoosh.searching", {"whoosh.highlight": LazyModule("whoosh.highlight"),
                                           "whoosh.query": LazyModule("whoosh.query", whoosh_query)})
