"""The coverage matrix in the window: city plans built for the test, the draft's column, one city, Word export."""

from __future__ import annotations

import pytest
from docx import Document as read_docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.corpus import Corpus
from desktop_app.drafting import build_draft
from desktop_app.ui.coverage_view import CoverageView
from desktop_app.ui.models.coverage_model import COL_TARGET, GAP_ROLE, REFS_ROLE, VIA_ROLE, CoverageModel
from tests.core.cityplans import install_city_plans


@pytest.fixture
def city_corpus(data_dir) -> Corpus:
    return Corpus.load(user_dir=install_city_plans(data_dir))


def row_of(model, num: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, COL_TARGET).data().startswith(num))


def test_matrix_model_passes_the_model_tester(qtmodeltester, city_corpus):
    model = CoverageModel(city_corpus)
    model.set_city_draft(build_draft(city_corpus, "鞍山市"))
    qtmodeltester.check(model, force_py=True)


def test_cells_through_the_province_and_related_apart(city_corpus):
    model = CoverageModel(city_corpus)
    anshan = model.column_of("鞍山市（anshan）")
    four = model.index(row_of(model, "（四）"), anshan)
    assert four.data() == "鞍山（一）（经辽宁（五））、鞍山（四）"
    assert four.data(REFS_ROLE) == [("anshan", "part_1__para_1"), ("anshan", "part_1__para_4")]
    assert four.data(VIA_ROLE) == [("liaoning", "part_2__para_5")]
    one = model.index(row_of(model, "（一）"), anshan)
    assert one.data() == "〔相关：鞍山（三）〕" and one.data(GAP_ROLE)  # related is not carrying out
    assert not model.index(row_of(model, "（十四）"), COL_TARGET).data(GAP_ROLE)  # 鞍山 fills the province's gap


def test_filter_to_one_city_and_export(qtbot, city_corpus, tmp_path, monkeypatch):
    view = CoverageView(city_corpus)
    qtbot.addWidget(view)
    view.set_city_draft(build_draft(city_corpus, "鞍山市"))
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert headers == ["中央条款", "收录情况", "辽宁", "大连市（dalian）", "鞍山市（anshan）", "鞍山市草稿"]
    view.city_picker.setCurrentIndex(view.city_picker.findData("鞍山市"))
    view.city_picker.activated.emit(view.city_picker.currentIndex())
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert headers == ["中央条款", "收录情况", "辽宁", "鞍山市（anshan）", "鞍山市草稿"]
    assert view.city_picker.currentText() == "鞍山市"
    assert "鞍山市草稿 13 项" in view.summary_label.text()
    target = tmp_path / "落实.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(view.word_export.finished, timeout=30000):
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    table = read_docx(str(target)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["中央条款", "辽宁", "鞍山市（anshan）", "鞍山市草稿"]


def test_a_city_cell_compares_with_the_provincial_and_the_central_clause(qtbot, city_corpus):
    view = CoverageView(city_corpus)
    qtbot.addWidget(view)
    index = view.model.index(row_of(view.model, "（四）"), view.model.column_of("鞍山市（anshan）"))
    with qtbot.waitSignal(view.compareRequested) as blocker:
        view.table.activated.emit(index)
    assert blocker.args == [[("anshan", "part_1__para_1"), ("anshan", "part_1__para_4")],
                            [("liaoning", "part_2__para_5"), ("central", "part_3__para_4")]]


def test_a_city_clause_with_a_provincial_and_a_central_clause_is_compared_with_each(qtbot, city_corpus):
    from desktop_app.ui.compare_view import CompareView

    view = CompareView(city_corpus)
    qtbot.addWidget(view)
    left, right = view.counterparts_of("anshan", "part_1__para_4")
    with qtbot.waitSignal(view.comparisonShown, timeout=30000):
        view.compare_units(left, right)
    assert [view.pair_picker.itemText(i) for i in range(view.pair_picker.count())] == [
        "鞍山（四） ↔ 辽宁（五）", "鞍山（四） ↔ 中央（四）"]
    assert view.right_title.text().endswith("第（五）条") and "辽宁省" in view.right_title.text()
    first = view.result
    with qtbot.waitSignal(view.comparisonShown, timeout=30000):
        view.pair_picker.activated.emit(1)
    assert view.right_browser.toPlainText().startswith("（四）以户籍制度和公共服务牵引区域流动")
    assert "辽宁" not in view.right_browser.toPlainText()[:40]       # the central text alone, not merged
    assert view.result.base.name == "中央（四）" and first.base.name == "辽宁（五）"
    assert view.result.similarity != first.similarity
