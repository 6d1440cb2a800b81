"""Import :mod:`dataclasses` without :mod:`inspect` (imported first by the command-line entry point).

# WORKAROUND: CPython 3.11's ``dataclasses`` imports ``inspect`` at import time for one call,
# ``inspect.signature(cls)``, made only to write a docstring for a dataclass that has none.  ``inspect``
# brings ``ast``, ``dis``, ``tokenize`` and ``linecache``: ≈ 10 ms of every ``policydesk search``, whose
# dataclasses all have docstrings.  While ``dataclasses`` is imported, ``inspect`` is a stand-in that
# imports the real module when one of its names is first looked up (see :mod:`.standins`).
"""

from __future__ import annotations

from .standins import LazyModule, import_with_stand_ins

import_with_stand_ins("dataclasses", {"inspect": LazyModule("inspect")})
