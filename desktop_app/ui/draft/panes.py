"""The contract of a pane shown beside the selected clause of the draft editor.

A pane is a QWidget that also offers:

* ``show_unit(draft, unit_id)``: the selection or the draft changed (another clause picked, an edit,
  undo or redo); show what belongs to *unit_id* (a part or clause id, or None) of *draft* (None when
  no draft is open).  Called often: keep it cheap and never edit the draft from here.
* ``set_corpus(corpus)``: the knowledge base changed (an import or a removal).

A pane that changes the draft calls ``editor.apply(label, edit, *args)`` with a pure function of
``desktop_app.drafting.edit`` (one undo step, autosaved, the tree and every pane refreshed).
Add it with ``editor.add_pane(pane, title, beside="sources")`` (a tab after 省实施措施 / 中央意见 /
依据与批注) or ``beside="form"`` (a tab after 条款, before 标题与序言).  A widget about the whole document
rather than one unit goes under the preamble: ``editor.form.add_front_widget(widget)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ...core.corpus import Corpus
    from ...drafting import Draft


@runtime_checkable
class DraftPane(Protocol):
    def show_unit(self, draft: Draft | None, unit_id: str | None) -> None: ...

    def set_corpus(self, corpus: Corpus) -> None: ...
