"""Import whoosh without the modules it loads at import time and we never use.

# WORKAROUND: whoosh 2.7.4 imports, at import time,
#  * ``urllib.request`` in ``whoosh/compat.py`` (``from urllib.request import urlretrieve``, for Python 2
#    compatibility; nothing in whoosh calls it), which pulls in http.client, email and ssl (OpenSSL):
#    ≈ 25 ms and several MiB of every process that searches;
#  * ``whoosh.lang.morph_en`` in ``whoosh/query/terms.py`` (for the English ``Variations`` query, which we
#    never build), which compiles some 50 regular expressions: ≈ 20–40 ms;
#  * ``hashlib`` in ``whoosh/filedb/filetables.py`` (for ``md5``, the hash of its terms tables), which
#    loads OpenSSL's libcrypto: 3.4 MiB resident in every process that searches.
# While those whoosh modules are imported, each of the three is a stand-in: the first two with a function
# that imports the real module when called, ``hashlib`` with CPython's own ``_md5.md5`` (the same
# digests); the stand-ins are removed straight after, so a later import gets the real modules.
"""

from __future__ import annotations

import importlib
import sys
import types


def _lazy(module: str, name: str):
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


def _import_with_stand_in(target: str, module: str, **attributes) -> None:
    if target in sys.modules or module in sys.modules:
        return
    stand_in = types.ModuleType(module)
    stand_in.__dict__.update(attributes)
    sys.modules[module] = stand_in
    try:
        importlib.import_module(target)
    finally:
        if sys.modules.get(module) is stand_in:
            del sys.modules[module]


def _builtin_md5():
    try:
        from _md5 import md5
    except ImportError:  # a Python built without it: whoosh gets hashlib's
        return None
    return md5


_import_with_stand_in("whoosh.compat", "urllib.request", urlretrieve=_lazy("urllib.request", "urlretrieve"))
_md5 = _builtin_md5()
if _md5 is not None:
    _import_with_stand_in("whoosh.filedb.filetables", "hashlib", md5=_md5)
_import_with_stand_in("whoosh.query", "whoosh.lang.morph_en", variations=_lazy("whoosh.lang.morph_en", "variations"))
