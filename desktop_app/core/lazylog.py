"""A logger for modules on the path of a search from the command line: :mod:`logging` is imported on first use.

Importing :mod:`logging` (with the ``traceback``, ``textwrap`` and ``string`` modules it brings) is ≈ 4 ms of
every ``policydesk search``, which logs nothing unless something goes wrong.  ``LazyLogger(name)`` is
``logging.getLogger(name)`` looked up when a method is first called, so handlers and levels set on that name
(the tests watch ``desktop_app.search.slowpath``) apply as to any logger.
"""

from __future__ import annotations


class LazyLogger:
    """``logging.getLogger(name)``, looked up when one of its methods is first used."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._logger = None

    def __getattr__(self, attr: str):
        if self._logger is None:
            import logging

            self._logger = logging.getLogger(self.name)
        return getattr(self._logger, attr)
