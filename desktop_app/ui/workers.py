"""The one job runner of the window: slow domain work off the GUI thread, in the spirit of Anki's ``QueryOp``.

Every background job of the window goes through :class:`QueryOp`; no view builds its own thread pool
or relay object.  A job is a plain callable that never touches a widget; its result (or its exception)
comes back on the GUI thread::

    QueryOp(parent=self, op=lambda: compare(a, b), success=self._on_compared) \\
        .failure(self._on_compare_failed) \\
        .in_lane(Lane.SEARCH) \\
        .latest_only((id(self), "compare")) \\
        .run_in_background()

* **Lanes** (:class:`Lane`): each lane is its own thread pool.  ``INDEX`` has one thread, so the search
  index is used by one thread at a time and its jobs run in the order asked; ``EXPORT`` writes one file
  after another; ``SEARCH`` (as-you-type work: comparisons, analysing a file) and ``IO`` have two.
* **Progress**: ``with_progress(label)`` calls ``op(progress)`` with a ``progress(done, total)`` function;
  a modal progress dialog appears over the parent only if the job is still running after
  :data:`PROGRESS_DELAY_MS`; ``on_progress=`` receives every report on the GUI thread as well.
* **Latest answer only**: ``latest_only(key)`` for work redone as the user types: a newer op with the same
  key makes the older one's answer stale; a stale op is skipped if it has not started and its answer is
  dropped if it has.  :meth:`QueryOp.supersede` makes every answer on the way for *key* stale.
* **Failure**: without ``failure(...)``, the error is reported in one Chinese line over the parent
  widget (:func:`report_failure`).
* **Lifetime**: the relay that carries the answer has no Qt parent; it lives until its job has reported
  and the worker has let go of it, so closing (and deleting) the parent widget while the job runs is safe:
  the answer is then dropped.  :func:`wait_for_all` waits for every job of every lane (quitting does).
"""

from __future__ import annotations

import enum
import sys
import threading
import traceback
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from ..core.errors import PolicyDeskError
from ..workspace import os_reason

T = TypeVar("T")
Progress = Callable[[int, int], None]
PROGRESS_DELAY_MS = 500
APP_TITLE = "政策起草助手"


class Lane(enum.Enum):
    """Where a job runs; each lane is one thread pool."""

    SEARCH = "search"   # as-you-type work: comparisons, analysing a file for import
    INDEX = "index"     # the search index: one thread, jobs in the order asked
    EXPORT = "export"   # Word exports: one after another
    IO = "io"           # reading and writing files


_THREADS = {Lane.SEARCH: 2, Lane.INDEX: 1, Lane.EXPORT: 1, Lane.IO: 2}
_pools: dict[Lane, QThreadPool] = {}
_latest: dict[Hashable, int] = {}
_running: set[_Running] = set()


def lane_pool(lane: Lane) -> QThreadPool:
    """The thread pool of *lane* (made on first use, one per process)."""
    pool = _pools.get(lane)
    if pool is None:
        pool = _pools[lane] = QThreadPool()
        pool.setMaxThreadCount(_THREADS[lane])
    return pool


def serial_pool() -> QThreadPool:
    """The one-thread pool of the search index (``Lane.INDEX``)."""
    return lane_pool(Lane.INDEX)


def running_count() -> int:
    """How many jobs have been started and not yet reported back."""
    return len(_running)


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until the jobs of every lane have finished (quitting and screenshot mode do); False on timeout."""
    finished = True
    for pool in list(_pools.values()):  # every lane, even after one timed out
        finished = pool.waitForDone(timeout_ms) and finished
    return finished


def describe_failure(exc: BaseException) -> str:
    """One Chinese line for a failed job: the domain's own message, an OS cause, or the internal error."""
    if isinstance(exc, PolicyDeskError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename}：{os_reason(exc)}" if exc.filename else os_reason(exc)
    return f"程序内部错误（{type(exc).__name__}：{exc}）"


def report_failure(parent: QObject | None, exc: BaseException) -> None:
    """The default failure report: a warning over *parent* (stderr when there is no window left)."""
    message = describe_failure(exc)
    if not isinstance(exc, PolicyDeskError | OSError):
        sys.stderr.write(getattr(exc, "__traceback_text__", "") or f"{exc!r}\n")
    if isinstance(parent, QWidget) and isValid(parent):
        QMessageBox.warning(parent, APP_TITLE, f"操作未完成：{message}")
    else:
        print(f"policydesk: 操作未完成：{message}", file=sys.stderr)


class _Relay(QObject):
    """Lives on the GUI thread with no parent; a worker's emits are queued onto it."""

    progressed = Signal(int, int)
    finished = Signal(bool, object)   # succeeded, result or exception


class _Job(QRunnable):
    def __init__(self, op: Callable[..., Any], relay: _Relay, wants_progress: bool,
                 should_run: Callable[[], bool], done: threading.Event) -> None:
        super().__init__()
        self._op, self._relay, self._wants_progress = op, relay, wants_progress
        self._should_run, self._done = should_run, done

    def run(self) -> None:
        # The worker lets go of everything that leads to the relay before it says it is done: the relay
        # (a QObject of the GUI thread) must be freed there, never here.
        relay, should_run, op = self._relay, self._should_run, self._op
        self._relay = self._should_run = self._op = None
        ok, value = True, None
        try:
            if should_run():  # else superseded before it started; the answer is dropped anyway
                ok, value = _call(op, relay, self._wants_progress)
            relay.finished.emit(ok, value)
        except RuntimeError:  # the application quit while the job ran: nobody is left to tell
            pass
        finally:
            relay = should_run = op = value = None
            self._done.set()


def _call(op: Callable[..., Any], relay: _Relay, wants_progress: bool) -> tuple[bool, Any]:
    try:
        return True, (op(relay.progressed.emit) if wants_progress else op())
    except Exception as exc:
        exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
        return False, exc


class _Running:
    """The GUI side of one job: its relay, its progress dialog and what to call when it reports."""

    def __init__(self, op: QueryOp, generation: int) -> None:
        self.op, self.generation = op, generation
        self.relay = _Relay()
        self.done = threading.Event()
        self.dialog: QProgressDialog | None = None
        self.finished = False
        self.relay.progressed.connect(self._on_progressed)
        self.relay.finished.connect(self._on_finished)

    def is_current(self) -> bool:
        key = self.op._latest_key
        return key is None or _latest.get(key) == self.generation

    def parent_alive(self) -> bool:
        parent = self.op._parent
        return parent is None or isValid(parent)

    def show_dialog(self) -> None:
        parent = self.op._parent
        if self.finished or not self.parent_alive() or self.op._progress_label is None:
            return
        dialog = QProgressDialog(self.op._progress_label, "", 0, 0, parent if isinstance(parent, QWidget) else None)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowTitle(APP_TITLE)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.show()
        self.dialog = dialog

    def _on_progressed(self, done: int, total: int) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.setRange(0, total)
            self.dialog.setValue(done)
        if self.op._on_progress is not None and self.parent_alive() and self.is_current():
            self.op._on_progress(done, total)

    def _on_finished(self, ok: bool, value: Any) -> None:
        self.finished = True
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None
        QTimer.singleShot(0, self._retire)  # not inside the relay's own signal
        if not self.parent_alive() or not self.is_current():
            return  # the window that asked is gone, or a newer answer is wanted
        if ok:
            self.op._success(value)
        elif self.op._failure is not None:
            self.op._failure(value)
        else:
            report_failure(self.op._parent, value)

    def _retire(self) -> None:
        if not self.done.is_set():  # the worker is returning from its emit: free the relay after it
            QTimer.singleShot(5, self._retire)
            return
        _running.discard(self)
        self.relay.deleteLater()


class QueryOp(Generic[T]):
    """One background job: ``QueryOp(parent=…, op=…, success=…)``, options, then :meth:`run_in_background`."""

    def __init__(self, *, parent: QObject | None, op: Callable[..., T], success: Callable[[T], None]) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[Exception], None] | None = None
        self._lane = Lane.SEARCH
        self._progress_label: str | None = None
        self._on_progress: Progress | None = None
        self._wants_progress = False
        self._latest_key: Hashable | None = None

    def failure(self, callback: Callable[[Exception], None]) -> QueryOp[T]:
        """Call *callback(exc)* instead of the default report over the parent."""
        self._failure = callback
        return self

    def in_lane(self, lane: Lane) -> QueryOp[T]:
        self._lane = lane
        return self

    def with_progress(self, label: str | None = None, *, on_progress: Progress | None = None) -> QueryOp[T]:
        """Call ``op(progress)``; show *label* in a progress dialog after :data:`PROGRESS_DELAY_MS`, and/or
        pass each ``(done, total)`` to *on_progress* on the GUI thread."""
        self._progress_label, self._on_progress, self._wants_progress = label, on_progress, True
        return self

    def latest_only(self, key: Hashable) -> QueryOp[T]:
        """Only the newest op run with *key* delivers its answer (e.g. ``(id(self), "search")``)."""
        self._latest_key = key
        return self

    @staticmethod
    def supersede(key: Hashable) -> None:
        """Make every answer still on its way for *key* stale."""
        _latest[key] = _latest.get(key, 0) + 1

    def run_in_background(self) -> None:
        generation = 0
        if self._latest_key is not None:
            QueryOp.supersede(self._latest_key)
            generation = _latest[self._latest_key]
        record = _Running(self, generation)
        _running.add(record)
        lane_pool(self._lane).start(_Job(self._op, record.relay, self._wants_progress, record.is_current,
                                         record.done))
        if self._progress_label is not None:
            QTimer.singleShot(PROGRESS_DELAY_MS, record.show_dialog)
