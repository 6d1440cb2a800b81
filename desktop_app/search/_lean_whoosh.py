"""Import whoosh without the modules it loads at import time and we never use.

# WORKAROUND: whoosh 2.7.4 imports, at import time,
#  * ``urllib.request`` in ``whoosh/compat.py`` (``from urllib.request import urlretrieve``, for Python 2
#    compatibility; nothing in whoosh calls it), which pulls in http.client, email and ssl (OpenSSL):
#    ≈ 25 ms and several MiB of every process that searches;
#  * ``whoosh.lang.morph_en`` in ``whoosh/query/terms.py`` (for the English ``Variations`` query, which we
#    never build), which compiles some 50 regular expressions: ≈ 20–40 ms.
# While those two whoosh modules are imported, each is a stand-in whose one function imports the real
# module when called; the stand-ins are removed straight after, so a later import gets the real ones.
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


def _import_with_stand_in(target: str, module: str, name: str) -> None:
    if target in sys.modules or module in sys.modules:
        return
    stand_in = types.ModuleType(module)
    setattr(stand_in, name, _lazy(module, name))
    sys.modules[module] = stand_in
    try:
        importlib.import_module(target)
    finally:
        if sys.modules.get(module) is stand_in:
            del sys.modules[module]


_import_with_stand_in("whoosh.compat", "urllib.request", "urlretrieve")
_import_with_stand_in("whoosh.query", "whoosh.lang.morph_en", "variations")
