"""Run slow domain work off the GUI thread, in the spirit of Anki's ``QueryOp``.

A job is a plain callable; it never touches a widget.  Its result or its
exception comes back by signal on the GUI thread.  Work on the search index
goes through one serial pool (one thread), so the index is used by one
thread at a time.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_serial_pool: QThreadPool | None = None


def serial_pool() -> QThreadPool:
    """The one-thread pool for index work (open, search, update)."""
    global _serial_pool  # noqa: PLW0603 - one pool per process, made on first use
    if _serial_pool is None:
        _serial_pool = QThreadPool()
        _serial_pool.setMaxThreadCount(1)
    return _serial_pool


class _Relay(QObject):
    """Lives on the GUI thread; emitting from the worker queues the call onto it."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._report(self._relay.failed, exc)
        else:
            self._report(self._relay.succeeded, result)

    @staticmethod
    def _report(signal, value) -> None:
        # The application may have quit while the job ran: then nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


class QueryOp:
    """Run ``op`` in the background; call ``success(result)`` or ``failure(exc)`` on the GUI thread.

    Example::

        QueryOp(lambda: compare(a, b), success=self._on_compared).run_in_background()
    """

    _running: ClassVar[set[_Relay]] = set()  # keeps relays alive until their job reports

    def __init__(self, op: Callable[[], Any], *, success: Callable[[Any], None],
                 failure: Callable[[Exception], None] | None = None, serial: bool = False) -> None:
        self._op = op
        self._success = success
        self._failure = failure
        self._serial = serial

    def run_in_background(self) -> None:
        relay = _Relay()
        QueryOp._running.add(relay)

        def done(result: Any) -> None:
            QueryOp._running.discard(relay)
            self._success(result)

        def failed(exc: Exception) -> None:
            QueryOp._running.discard(relay)
            if self._failure is None:
                raise exc
            self._failure(exc)

        relay.succeeded.connect(done)
        relay.failed.connect(failed)
        pool = serial_pool() if self._serial else QThreadPool.globalInstance()
        pool.start(_Job(self._op, relay))


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until background jobs finish (used on quit and in screenshot mode)."""
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return serial_pool().waitForDone(timeout_ms) and ok
