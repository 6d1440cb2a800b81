"""The contract every view of the main window keeps, and what a save reports.

A *view* is a page of the main window: a tab on the right (阅读, 对照, 落实情况, 城市草稿, any added
with :meth:`MainWindow.add_view`) or the left 检索 page.  Each offers:

* ``set_corpus(corpus)``: the knowledge base changed (an import or a removal); show the new one.
* ``can_close() -> bool``: the window is about to close; save or ask about unsaved work.  ``False``
  (the user chose 取消) keeps the window open.  Must not close anything itself.
* ``save() -> SaveResult``: what Ctrl+S (文件 → 保存) means in this view; a view with nothing to save
  says so.  The status line shows ``result.message``; it claims a save only when one happened.

The window asks only the views that have been built (a view is built the first time it is shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..core.corpus import Corpus


@dataclass(frozen=True)
class SaveResult:
    """What a save did: ``saved`` only when something was written; ``message`` says what or why not."""

    saved: bool
    message: str


@runtime_checkable
class View(Protocol):
    def set_corpus(self, corpus: Corpus) -> None: ...

    def can_close(self) -> bool: ...

    def save(self) -> SaveResult: ...


def check_view(name: str, widget: object) -> None:
    """Refuse a page that does not keep the contract, naming what it lacks (once, when it is added)."""
    if not isinstance(widget, View):
        missing = [m for m in ("set_corpus", "can_close", "save") if not callable(getattr(widget, m, None))]
        raise TypeError(f"view {name!r} ({type(widget).__name__}) lacks {', '.join(missing)}: see ui/views.py")
