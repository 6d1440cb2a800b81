"""Precedents beside the clause being read and in the draft editor's sources pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.corpus import Corpus
from desktop_app.ui.precedents_panel import PrecedentsPanel
from tests.core.cityplans import install_city_plans


@pytest.fixture
def city_corpus(data_dir) -> Corpus:
    return Corpus.load(user_dir=install_city_plans(data_dir))


def rows(panel) -> list[str]:
    out = []
    for i in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(i)
        out.append(top.text(0))
        out += ["  " + top.child(j).text(0) + " " + top.child(j).text(1) for j in range(top.childCount())]
    return out


def test_a_central_clause_lists_how_others_carried_it_out_and_compares_in_one_click(qtbot, city_corpus):
    panel = PrecedentsPanel(city_corpus)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.precedentsShown, timeout=30000):
        panel.show_unit("central", "part_2__para_1")
    shown = rows(panel)
    assert shown[0] == "落实 中央（一） 的其他条款（3 条）"
    assert shown[1].startswith("  辽宁（一）实施就业优先政策创造流动机会 ") and shown[1].endswith("%")
    assert shown[2].startswith("  大连（一）实施就业优先政策（经辽宁（一））")
    assert shown[3].startswith("  鞍山（三）稳定扩大就业〔相关〕")
    with qtbot.waitSignal(panel.comparisonShown, timeout=30000):
        panel.select_precedent("liaoning", "part_1__para_1")
    assert "辽宁（一）相对中央（一）" not in panel.detail.toPlainText()  # the clause read is judged, not the other
    assert "中央（一）相对辽宁（一）" in panel.detail.toPlainText()
    with qtbot.waitSignal(panel.compareRequested) as blocker:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [[("central", "part_2__para_1")], [("liaoning", "part_1__para_1")]]


def test_a_hidden_panel_looks_up_only_when_shown(qtbot, city_corpus):
    panel = PrecedentsPanel(city_corpus)
    qtbot.addWidget(panel)
    panel.show_unit("anshan", "part_1__para_1")
    assert panel.tree.topLevelItemCount() == 0
    with qtbot.waitSignal(panel.precedentsShown, timeout=30000):
        panel.show()
    assert rows(panel)[0] == "落实 辽宁（五） 的其他条款（0 条）"


def test_the_draft_editor_sources_pane_shows_other_cities(qtbot, window, data_dir):
    corpus = Corpus.load(user_dir=install_city_plans(data_dir))
    window.corpus = corpus
    window.show_view("draft")
    editor = window.views["draft"]
    editor.set_corpus(corpus)
    with qtbot.waitSignal(editor.draftChanged, timeout=10000):
        editor.new_draft("沈阳市")
    clause = next(c for c in editor.draft.clauses if c.source_id == "part_1__para_1")
    editor.select(clause.id)
    pane = editor.precedents_panel
    panel = pane.panel
    with qtbot.waitSignal(panel.precedentsShown, timeout=30000):
        editor.sources.setCurrentWidget(pane)
    assert "  大连（一）实施就业优先政策" in "\n".join(rows(panel))
    with qtbot.waitSignal(panel.comparisonShown, timeout=30000):
        panel.select_precedent("dalian", "part_1__para_1")
    assert "本条草稿相对大连（一）" in panel.detail.toPlainText()
    assert not panel.open_button.isEnabled()   # a draft clause is compared here, not in the comparison view


def test_the_window_shows_precedents_beside_the_clause(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    panel = window.precedents_panel
    window.open_unit("liaoning", "part_2__para_5")
    with qtbot.waitSignal(panel.precedentsShown, timeout=30000):
        window.left_tabs.setCurrentWidget(panel)
    assert rows(panel) == ["落实 中央（四） 的其他条款（0 条）"]   # the shipped corpus has one province only
    assert "还没有其他文件落实同一上位条款" in panel.title_label.text()
    with qtbot.waitSignal(panel.precedentsShown, timeout=30000):
        window.open_unit("central", "part_3__para_4")
    assert rows(panel)[1].startswith("  辽宁（五）")
