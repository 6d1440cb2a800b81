"""Stand-ins for modules a library imports at import time and a process may never use.

A library that imports a module only for a function it rarely calls makes every process pay for that
import.  While the library is imported, :func:`import_with_stand_ins` puts a stand-in in the module's place
in ``sys.modules``: a :class:`LazyModule`, which imports the real module when one of its names is first
looked up, or a plain module of :func:`lazy_function` wrappers for names the library takes at import time
(``from m import f``).  The stand-ins are removed straight after, so a later import gets the real modules.
Used by :mod:`._lean_dataclasses` and :mod:`desktop_app.search._lean_whoosh`.
"""

from __future__ import annotations

import importlib
import sys
import types


def lazy_function(module: str, name: str):
    """A function that imports *module* when called and calls its *name* with the same arguments."""

    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


class LazyModule(types.ModuleType):
    """Stands in for a module until one of its names is looked up, then hands over to the real one (imported
    by *load* if given, a function returning the module)."""

    def __init__(self, name: str, load=None) -> None:
        super().__init__(name)
        self._load = load

    def __getattr__(self, name: str):
        if sys.modules.get(self.__name__) is self:  # looked up while still standing in: step aside
            del sys.modules[self.__name__]
        module = self._load() if self._load is not None else importlib.import_module(self.__name__)
        return getattr(module, name)


def stand_in(name: str, **attributes) -> types.ModuleType:
    """A plain module *name* holding *attributes* (e.g. :func:`lazy_function` wrappers)."""
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    return module


def import_with_stand_ins(target: str, stand_ins: dict[str, types.ModuleType]) -> None:
    """Import *target* while each module named in *stand_ins* (and not imported yet) is its stand-in."""
    if target in sys.modules:
        return
    placed = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    sys.modules.update(placed)
    try:
        importlib.import_module(target)
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
