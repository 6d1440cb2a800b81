"""Comparison and coverage, driven from the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.compare import Mark
from desktop_app.core.comparing import Pair
from desktop_app.ui.compare_view import ONLY_A_STYLE, ONLY_B_STYLE
from desktop_app.ui.models.coverage_model import COL_PROVINCIAL, COL_TARGET, GAP_BG


def marked_runs(browser, colour: str) -> list[str]:
    """The text runs of a comparison pane painted with *colour* as background."""
    runs, block = [], browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().background().color().name() == colour:
                runs.append(frag.text())
            it += 1
        block = block.next()
    return runs


def colour_of(style: str) -> str:
    return style.split("background:")[1].split(";", maxsplit=1)[0]


def test_compare_button_shows_marked_differences(qtbot, window):
    window.open_unit("liaoning", "part_1__para_1")
    with qtbot.waitSignal(window.compare_view.comparisonShown, timeout=30000):
        qtbot.mouseClick(window.reader.compare_button, Qt.MouseButton.LeftButton)
    view = window.compare_view
    assert window.current_view() == "compare"
    assert view.left == [("liaoning", "part_1__para_1")] and view.right == [("central", "part_2__para_1")]
    added = "".join(marked_runs(view.left_browser, colour_of(ONLY_A_STYLE)))
    not_taken = "".join(marked_runs(view.right_browser, colour_of(ONLY_B_STYLE)))
    assert "深入实施创新驱动发展战略" in added
    assert "将就业优先政策置于宏观政策层面" in not_taken
    # kept words carry no mark on either side
    assert "统筹发展资本密集型" not in added and "统筹发展资本密集型" not in not_taken
    summary = view.summary_label.text()
    assert f"相似度 <b>{round(view.result.similarity * 100)}%</b>" in summary
    assert "省级新增" in summary and "中央有而未采纳" in summary
    # the province kept central's first sentence but without its 确保 phrase: a change inside the same sentence
    assert "同一句删去确保" in summary and "辽宁（一）相对中央（一）：措辞更宽" in summary
    assert not view.pair_row.isVisible()
    assert view.left_browser.toPlainText().replace("\n", "") == window.corpus.unit(
        "liaoning", "part_1__para_1").full_text().replace("\n", "")


def test_a_clause_with_only_a_related_link_is_compared_with_it(qtbot, window):
    window.open_unit("liaoning", "part_2__para_8")  # （八）… relates to central （四）: 异地就医 / 门诊费用异地直接结算
    assert window.reader.compare_button.isEnabled()
    with qtbot.waitSignal(window.compare_view.comparisonShown, timeout=30000):
        qtbot.mouseClick(window.reader.compare_button, Qt.MouseButton.LeftButton)
    view = window.compare_view
    assert view.right == [("central", "part_3__para_4")]
    assert "没有可对照" not in view.summary_label.text()
    assert "相似度" in view.summary_label.text()


def test_comparison_with_a_heading_only_central_clause_warns(qtbot, window):
    window.open_unit("liaoning", "part_2__para_11")
    with qtbot.waitSignal(window.compare_view.comparisonShown, timeout=30000):
        window.compare_action.trigger()
    warning = window.compare_view.warning_label
    assert warning.isVisible()
    assert "中央（六）（仅标题）" in warning.text()
    assert window.compare_view.result.comparison.text_with("a", Mark.KEPT)  # the shared words of the heading
    assert window.compare_view.result.verdict is None
    assert "对照不完整：中央（六）在知识库中仅有标题，不判断措辞强弱。" in window.compare_view.summary_label.text()


def test_any_two_clauses_can_be_picked(qtbot, window):
    window.show_view("compare")
    view = window.compare_view
    left_row = view.left_picker.findData("liaoning:part_3__para_12")
    right_row = view.right_picker.findData("liaoning:part_3__para_13")
    with qtbot.waitSignal(view.comparisonShown, timeout=30000):
        view.left_picker.setCurrentIndex(left_row)
        view.left_picker.activated.emit(left_row)
    with qtbot.waitSignal(view.comparisonShown, timeout=30000):
        view.right_picker.setCurrentIndex(right_row)
        view.right_picker.activated.emit(right_row)
    assert view.left == [("liaoning", "part_3__para_12")]
    assert view.right == [("liaoning", "part_3__para_13")]
    assert "仅左侧有" in view.summary_label.text()
    with qtbot.waitSignal(view.comparisonShown, timeout=30000):
        qtbot.mouseClick(view.swap_button, Qt.MouseButton.LeftButton)
    assert view.left == [("liaoning", "part_3__para_13")]


def test_scrolling_is_kept_in_step(qtbot, window):
    window.resize(900, 400)
    window.open_unit("central", "part_3__para_4")
    with qtbot.waitSignal(window.compare_view.comparisonShown, timeout=30000):
        window.compare_action.trigger()
    view = window.compare_view
    left, right = view.left_browser.verticalScrollBar(), view.right_browser.verticalScrollBar()
    qtbot.waitUntil(lambda: left.maximum() > 0 and right.maximum() > 0)
    left.setValue(left.maximum())
    assert right.value() == right.maximum()
    right.setValue(0)
    assert left.value() == 0


def test_coverage_shows_the_gaps(window):
    window.open_unit("central", "part_6__para_15")
    window.show_view("coverage")
    view = window.coverage_view
    model = view.model
    gaps = [model.index(r, COL_TARGET).data() for r in range(model.rowCount())
            if model.index(r, COL_TARGET).data(Qt.ItemDataRole.BackgroundRole) is not None]
    assert gaps == ["一、总体要求", "（十四）加强组织领导", "（十五）强化法治保障", "（十六）营造良好氛围"]
    for r in range(model.rowCount()):
        brush = model.index(r, COL_PROVINCIAL).data(Qt.ItemDataRole.BackgroundRole)
        if brush is not None:
            assert brush.color() == GAP_BG
    assert "一、总体要求、（十四）加强组织领导、（十五）强化法治保障、（十六）营造良好氛围" in view.summary_label.text()
    row_four = next(r for r in range(model.rowCount()) if model.index(r, COL_TARGET).data().startswith("（四）"))
    assert model.index(row_four, COL_PROVINCIAL).data() == \
        "辽宁（五）、辽宁（六）　〔相关：辽宁（七）、辽宁（八）、辽宁（九）〕"
    assert view.table.currentIndex().data().startswith("（十五）")  # the clause being read is selected


def _double_click(qtbot, table, index) -> None:
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_coverage_cell_opens_clause_or_comparison(qtbot, window):
    window.show_view("coverage")
    view = window.coverage_view
    model = view.model
    gap_row = next(r for r in range(model.rowCount()) if model.index(r, COL_TARGET).data().startswith("（十四）"))
    _double_click(qtbot, view.table, model.index(gap_row, COL_PROVINCIAL))
    assert window.current_view() == "reader"
    assert (window.reader.doc_id, window.reader.unit_id) == ("central", "part_6__para_14")

    window.show_view("coverage")
    row_three = next(r for r in range(model.rowCount()) if model.index(r, COL_TARGET).data().startswith("（三）"))
    with qtbot.waitSignal(window.compare_view.comparisonShown, timeout=30000):
        _double_click(qtbot, view.table, model.index(row_three, COL_PROVINCIAL))
    assert window.current_view() == "compare"
    view = window.compare_view
    assert view.left == [("liaoning", "part_1__para_3"), ("liaoning", "part_1__para_4")]
    assert view.right == [("central", "part_2__para_3")]
    # two provincial clauses carry central （三） out: each is compared with it on its own, never merged
    assert view.pair_row.isVisible()
    assert [view.pair_picker.itemText(i) for i in range(view.pair_picker.count())] == [
        "辽宁（三） ↔ 中央（三）", "辽宁（四） ↔ 中央（三）"]
    assert view.left_browser.toPlainText().startswith("（三）")
    with qtbot.waitSignal(view.comparisonShown, timeout=30000):
        view.pair_picker.activated.emit(1)
    assert view.pair == Pair(("central", "part_2__para_3"), ("liaoning", "part_1__para_4"))
    assert view.left_browser.toPlainText().startswith("（四）")
    assert "（三）" not in view.left_browser.toPlainText()[:5]


def test_coverage_shows_the_city_draft_being_edited(qtbot, window):
    window.show_view("draft")
    editor = window.views["draft"]
    with qtbot.waitSignal(editor.draftChanged, timeout=10000):
        editor.new_draft("沈阳市")
    window.show_view("coverage")
    view = window.coverage_view
    model = view.model
    column = model.column_of("沈阳市草稿")
    assert column > COL_PROVINCIAL
    row_four = next(r for r in range(model.rowCount()) if model.index(r, COL_TARGET).data().startswith("（四）"))
    assert model.index(row_four, column).data().startswith(
        "沈阳市草稿（五）（经辽宁（五））、沈阳市草稿（六）（经辽宁（六））　〔相关：沈阳市草稿（七）")
    _double_click(qtbot, view.table, model.index(row_four, column))
    assert window.current_view() == "draft"
    assert editor.tree.currentIndex().data().startswith("（五）")


def test_the_button_on_a_central_clause_says_it_compares_with_the_implementing_clauses(qtbot, window):
    window.open_unit("central", "part_2__para_3")
    assert window.reader.compare_button.text() == "与落实条款对照"
    assert window.compare_action.text() == "与落实条款对照"
    window.open_unit("liaoning", "part_1__para_3")
    assert window.reader.compare_button.text() == "与上位条款对照"
