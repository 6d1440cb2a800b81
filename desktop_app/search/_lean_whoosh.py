"""Import whoosh without the network modules it never uses.

# WORKAROUND: whoosh 2.7.4's ``whoosh/compat.py`` does ``from urllib.request import urlretrieve`` at import
# time (for Python 2 compatibility; nothing in whoosh calls it).  ``urllib.request`` pulls in http.client,
# email and ssl (OpenSSL): ≈ 25 ms and ≈ 8.5 MiB of every process that searches.  While whoosh.compat is
# imported, ``urllib.request`` is a stand-in whose ``urlretrieve`` imports the real module when called;
# the stand-in is removed straight after, so any later ``import urllib.request`` gets the real one.
"""

from __future__ import annotations

import importlib
import sys
import types


def _urlretrieve(*args, **kwargs):
    return importlib.import_module("urllib.request").urlretrieve(*args, **kwargs)


def import_whoosh_compat() -> None:
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return
    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        importlib.import_module("whoosh.compat")
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


import_whoosh_compat()
