"""Reading: pick a clause in the tree, follow a link chip and come back, copy with citation, filter the tree."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from desktop_app.ui.models.tree_model import DOC_ROLE, UNIT_ROLE


def click_tree_row(qtbot, window, doc: str, unit: str) -> None:
    index = window.tree_proxy.mapFromSource(window.tree_model.index_of(doc, unit))
    assert index.isValid(), f"{doc}:{unit} not in the tree"
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def reader_text(window) -> str:
    return window.reader.browser.toPlainText()


def test_picking_a_clause_in_the_tree_shows_its_text(qtbot, window, corpus):
    click_tree_row(qtbot, window, "liaoning", "part_2__para_5")
    text = reader_text(window)
    assert text.startswith("（五）改革户籍制度牵引区域合理流动。")
    assert "统筹推进普通劳动者落户和人才落户" in text
    title = window.reader.title_label.text()
    assert "《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》第（五）条" in title


def test_heading_bold_and_numbering_as_printed(qtbot, window):
    window.open_unit("liaoning", "part_2__para_5")
    html = window.reader.browser.toHtml()
    cursor = window.reader.browser.document().find("改革户籍制度")
    assert cursor.charFormat().fontWeight() >= 600
    assert "（五）" in html
    body = window.reader.browser.document().find("进一步贯彻落实")
    assert body.charFormat().fontWeight() < 600


def test_heading_only_clause_says_the_full_text_is_missing(qtbot, window):
    click_tree_row(qtbot, window, "central", "part_3__para_6")
    text = reader_text(window)
    assert "（六）以档案服务改革畅通职业转换" in text
    assert "【仅标题】本条正文尚未收录：知识库只有本条标题" in text
    tree_label = window.tree_model.index_of("central", "part_3__para_6").data()
    assert "仅标题" in tree_label


def test_partial_clause_says_it_is_not_the_full_text(window):
    window.open_unit("central", "part_3__para_5")
    text = reader_text(window)
    assert "【部分原文】本条只收录了央视网摘要引用的句子，不是本条全文" in text
    assert "〔部分原文〕" in window.tree.currentIndex().data()


def test_link_chip_opens_the_central_clause_and_back_returns(qtbot, window):
    window.open_unit("liaoning", "part_2__para_5")
    chips = {chip.text(): chip for chip in window.reader.chips()}
    assert list(chips) == ["→ 中央（四） 落实"]
    chip = chips["→ 中央（四） 落实"]
    assert "以户籍制度和公共服务牵引区域流动" in chip.toolTip()  # hovering shows the target's text
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert (window.reader.doc_id, window.reader.unit_id) == ("central", "part_3__para_4")
    assert reader_text(window).startswith("（四）以户籍制度和公共服务牵引区域流动")
    current = window.tree.currentIndex()
    assert (current.data(DOC_ROLE), current.data(UNIT_ROLE)) == ("central", "part_3__para_4")

    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert (window.reader.doc_id, window.reader.unit_id) == ("liaoning", "part_2__para_5")
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert (window.reader.doc_id, window.reader.unit_id) == ("central", "part_3__para_4")


def test_central_clause_shows_who_carries_it_out(window):
    window.open_unit("central", "part_3__para_4")
    labels = [chip.text() for chip in window.reader.chips()]
    assert "← 辽宁（五） 落实" in labels and "← 辽宁（六） 落实" in labels
    assert "← 辽宁（七） 相关" in labels


def test_mouse_back_and_forward_buttons_move_through_the_history(qtbot, window):
    window.open_unit("liaoning", "part_1__para_1")
    window.open_unit("central", "part_2__para_1")
    painted = []
    window.after_first_paint(lambda: painted.append(True))
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    viewport = window.reader.browser.viewport()
    where = viewport.mapTo(window, viewport.rect().center())  # over the text, as a person's pointer would be

    # Through the platform window, as the mouse's own press arrives (then on to the widget under the pointer).
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.BackButton, Qt.KeyboardModifier.NoModifier, where)
    assert (window.reader.doc_id, window.reader.unit_id) == ("liaoning", "part_1__para_1")
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.ForwardButton, Qt.KeyboardModifier.NoModifier, where)
    assert (window.reader.doc_id, window.reader.unit_id) == ("central", "part_2__para_1")


def test_copy_with_citation(qtbot, window):
    window.open_unit("liaoning", "part_2__para_5")
    qtbot.mouseClick(window.reader.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("（五）改革户籍制度牵引区域合理流动。进一步贯彻落实国家相关落户政策")
    assert copied.endswith("\n（《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》第（五）条）")


def test_copying_a_heading_only_clause_says_it_is_not_the_full_text(window):
    window.open_unit("central", "part_4__para_7")
    window.copy_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert "不是全文" in copied
    assert copied.endswith("（《关于促进劳动力和人才社会性流动体制机制改革的意见》第（七）条）")


def test_whole_document_view_has_inline_link_chips(window):
    window.open_unit("liaoning")
    text = reader_text(window)
    assert text.startswith("辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施")
    assert "→ 中央（四） 落实" in text
    assert "（十八）强化社会救助和保障机制提高困难群众流动能力" in text


def test_filter_box_keeps_matching_clauses_with_their_parents(window, type_chinese):
    type_chinese(window.filter_edit, "户籍")
    proxy = window.tree_proxy
    shown = []
    def walk(parent):
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            shown.append((index.data(DOC_ROLE), index.data(UNIT_ROLE)))
            walk(index)

    walk(QModelIndex())
    assert ("liaoning", "part_2__para_5") in shown
    assert ("central", "part_3__para_4") in shown
    assert ("liaoning", "part_1__para_1") not in shown
    assert ("liaoning", "part_2") in shown  # the parent stays so the clause is reachable
