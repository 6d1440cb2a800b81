"""The search panel: type, see hits with marked words, open one; filters; late and stale answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui.models.search_model import HIT_ROLE, HTML_ROLE, SearchResultsModel
from desktop_app.ui.search_service import Query
from tests.ui.helpers import INDEX_TIMEOUT, wait_ready

# The search package is built on its own branch; these tests run as soon as it is merged.
pytest.importorskip("desktop_app.search", reason="desktop_app.search (branch search) not merged yet")



def highlighted_in_reader(window) -> list[str]:
    """The runs of the reading view painted with the search highlight."""
    runs, block = [], window.reader.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().background().color().name() == "#ffe08a":
                runs.append(frag.text())
            it += 1
        block = block.next()
    return runs


def test_type_a_query_and_open_a_hit(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    qtbot.keyClick(window.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    assert panel.query_edit.hasFocus()
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        type_chinese(panel.query_edit, "户籍")
    model = panel.model
    assert model.rowCount() >= 2
    first = model.index(0).data(HIT_ROLE)
    assert (first.doc, first.id) == ("liaoning", "part_2__para_5")
    html = model.index(0).data(HTML_ROLE)
    assert "辽宁 （五）改革户籍制度牵引区域合理流动" in html
    assert "font-weight:bold\">户籍</span>" in html  # the matched word is marked in the fragment
    docs = {model.index(r).data(HIT_ROLE).doc for r in range(model.rowCount())}
    assert docs == {"liaoning", "central"}
    assert "条结果" in panel.status_label.text()

    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert (window.reader.doc_id, window.reader.unit_id) == ("liaoning", "part_2__para_5")
    assert window.current_view() == "reader"
    assert "户籍" in highlighted_in_reader(window)

    second = model.index(1)
    rect = panel.results.visualRect(second)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    hit = second.data(HIT_ROLE)
    assert (window.reader.doc_id, window.reader.unit_id) == (hit.doc, hit.id)
    assert highlighted_in_reader(window)


def test_query_typed_before_the_index_is_ready_is_answered_when_it_is(qtbot, make_window, type_chinese):
    window = make_window(background=False)
    window.focus_search()
    panel = window.search_panel
    type_chinese(panel.query_edit, "档案")
    panel._timer.stop()
    panel._on_debounced()
    assert "正在加载检索索引" in panel.status_label.text()
    assert panel.model.rowCount() == 0
    with qtbot.waitSignal(panel.resultsShown, timeout=INDEX_TIMEOUT):
        window.start_background()
    hits = [panel.model.index(r).data(HIT_ROLE) for r in range(panel.model.rowCount())]
    assert ("liaoning", "part_2__para_11") in {(h.doc, h.id) for h in hits}
    assert window.index_label.text() == "检索就绪"


def test_stale_answers_never_replace_newer_ones(qtbot, make_window):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    panel = window.search_panel
    shown: list[str] = []
    panel.model.modelReset.connect(lambda: shown.append(panel.current_query().text))
    service = window.search_service
    panel.query_edit.setText("户籍")
    service.search(Query("户籍"))
    panel.query_edit.setText("档案")
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        service.search(Query("档案"))
    qtbot.waitUntil(lambda: service_idle(window), timeout=30000)
    assert shown == ["档案"]
    ids = {panel.model.index(r).data(HIT_ROLE).id for r in range(panel.model.rowCount())}
    assert "part_2__para_11" in ids and "part_2__para_5" not in ids


def service_idle(window) -> bool:
    from desktop_app.ui.workers import serial_pool

    return serial_pool().activeThreadCount() == 0


def test_filters_by_document_and_kind(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    window.focus_search()
    panel = window.search_panel
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        type_chinese(panel.query_edit, "流动")
    assert {panel.model.index(r).data(HIT_ROLE).doc for r in range(panel.model.rowCount())} == {
        "central", "liaoning"}
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        panel.doc_filter.setCurrentIndex(panel.doc_filter.findData("central"))
    assert panel.model.rowCount() > 0
    assert {panel.model.index(r).data(HIT_ROLE).doc for r in range(panel.model.rowCount())} == {"central"}
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        panel.doc_filter.setCurrentIndex(0)
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("provincial"))
    assert {panel.model.index(r).data(HIT_ROLE).kind for r in range(panel.model.rowCount())} == {"provincial"}


def test_clearing_the_box_clears_the_hits_and_drops_late_answers(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    window.focus_search()
    panel = window.search_panel
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        type_chinese(panel.query_edit, "户籍")
    window.search_service.search(Query("落户"))  # an answer on its way when the user empties the box
    with qtbot.waitSignal(panel._timer.timeout, timeout=5000):
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: service_idle(window), timeout=30000)
    QApplication.processEvents()  # deliver the late answer, were it not dropped
    assert panel.model.rowCount() == 0
    assert panel.status_label.text() == ""


def test_no_hits_says_so(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    window.focus_search()
    panel = window.search_panel
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        type_chinese(panel.query_edit, "量子计算机")
    assert panel.model.rowCount() == 0
    assert "没有找到" in panel.status_label.text()


def test_search_results_model_passes_the_model_tester(qtmodeltester, corpus):
    from desktop_app.search import SearchIndex

    index = SearchIndex.open(corpus)
    try:
        hits = index.search("落户")
    finally:
        index.close()
    model = SearchResultsModel({"liaoning": "辽宁", "central": "中央"})
    model.set_hits(hits)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(hits) > 0
    assert model.index(0).data().startswith("辽宁 （五）") or model.index(0).data().startswith("中央 （四）")
    assert "【落户】" in model.index(0).data()


def test_an_imported_document_appears_in_the_tree_and_in_search(qtbot, make_window, type_chinese):
    from desktop_app import paths
    from desktop_app.core.model import DocumentKind
    from desktop_app.core.textimport import import_plain_text
    from desktop_app.core.xmlio import document_to_xml

    window = make_window(background=True)
    wait_ready(qtbot, window)
    text = "一、总体要求\n（一）完善本市人才落户服务。在沈北新区试行人才公寓配租。\n"
    doc = import_plain_text(text, doc_id="shenyang_test", title="沈阳市测试实施方案", kind=DocumentKind.CITY)
    (paths.user_documents_dir() / "shenyang_test.xml").write_bytes(document_to_xml(doc))
    window.reload_corpus("shenyang_test")
    assert window.tree_model.index_of("shenyang_test").isValid()
    qtbot.waitUntil(lambda: service_idle(window), timeout=30000)
    window.focus_search()
    panel = window.search_panel
    with qtbot.waitSignal(panel.resultsShown, timeout=30000):
        type_chinese(panel.query_edit, "人才公寓")
    hits = [panel.model.index(r).data(HIT_ROLE) for r in range(panel.model.rowCount())]
    assert [h.doc for h in hits] == ["shenyang_test"]
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert window.reader.doc_id == "shenyang_test"
    assert "在沈北新区试行人才公寓配租" in window.reader.browser.toPlainText()


@pytest.mark.parametrize(("clauses_from", "loaded"), [(1, True), (10**9, False)])
def test_the_window_loads_numpy_for_the_ranking_of_a_large_library_only(qtbot, make_window, monkeypatch,
                                                                       type_chinese, *, clauses_from, loaded):
    from desktop_app.search import vector
    from desktop_app.ui.workers import wait_for_all

    monkeypatch.setattr(vector._Loaded, "numpy", None)
    monkeypatch.setattr(vector, "VECTOR_FROM", clauses_from)
    window = make_window(background=True)
    wait_ready(qtbot, window)
    assert wait_for_all(60_000)
    assert (vector.numpy_if_loaded() is not None) is loaded
    with qtbot.waitSignal(window.search_panel.resultsShown, timeout=30000):  # and searching works either way
        type_chinese(window.search_panel.query_edit, "就业 创业 服务")
    assert window.search_panel.model.rowCount() > 0
