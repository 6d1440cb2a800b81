"""A large library opens with its first documents expanded, not every one; a filter or a jump shows the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.core.corpus import Corpus
from desktop_app.core.model import DocumentKind
from desktop_app.core.notes import NotesStore
from desktop_app.ui.models.tree_model import COL_TITLE, DOC_ROLE
from desktop_app.ui.tree_pane import TreePane


@pytest.fixture
def library(corpus) -> Corpus:
    """The shipped documents and 40 imported city plans (copies of the Liaoning measures)."""
    liaoning = corpus.document("liaoning")
    plans = [replace(liaoning, id=f"plan{n:02d}", title=f"某市实施方案（{n}）", kind=DocumentKind.CITY)
             for n in range(40)]
    return Corpus([*corpus.documents, *plans], list(corpus.links))


def expanded_documents(pane: TreePane) -> list[str]:
    proxy = pane.proxy
    return [proxy.index(row, COL_TITLE).data(DOC_ROLE) for row in range(proxy.rowCount())
            if pane.tree.isExpanded(proxy.index(row, COL_TITLE))]


def test_the_shipped_documents_open_expanded_and_most_plans_collapsed(qtbot, library, corpus):
    pane = TreePane(library, NotesStore.load())
    qtbot.addWidget(pane)
    expanded = expanded_documents(pane)
    assert expanded[:2] == [d.id for d in corpus.documents][:2]
    assert "plan39" not in expanded
    assert len(expanded) < len(library.documents) // 2


def test_a_small_library_opens_fully_expanded(qtbot, corpus):
    pane = TreePane(corpus, NotesStore.load())
    qtbot.addWidget(pane)
    assert expanded_documents(pane) == [d.id for d in corpus.documents]


def test_a_filter_shows_its_matches_in_collapsed_documents_and_clearing_it_collapses_them_again(qtbot, library):
    pane = TreePane(library, NotesStore.load())
    qtbot.addWidget(pane)
    pane.filter_edit.setText("档案")
    assert "plan39" in expanded_documents(pane)
    pane.filter_edit.clear()
    assert "plan39" not in expanded_documents(pane)


def test_going_to_a_clause_of_a_collapsed_plan_shows_it(qtbot, library):
    pane = TreePane(library, NotesStore.load())
    qtbot.addWidget(pane)
    clause = library.document("plan39").clauses[3]
    pane.select("plan39", clause.id)
    current = pane.tree.currentIndex()
    assert current.data(DOC_ROLE) == "plan39"
    assert pane.tree.isExpanded(current.parent())
    assert pane.tree.isExpanded(current.parent().parent())
