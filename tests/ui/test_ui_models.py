"""Every custom model passes Qt's model tester, and shows what the drafter needs to see."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop_app.core.notes import NotesStore
from desktop_app.ui.models.coverage_model import (
    COL_PROVINCIAL,
    COL_TARGET,
    GAP_ROLE,
    REFS_ROLE,
    CoverageModel,
)
from desktop_app.ui.models.tree_model import (
    COL_LINKS,
    INCOMPLETE_ROLE,
    NOTE_ROLE,
    DocumentTreeModel,
    TreeFilterProxy,
)


def test_tree_model_passes_the_model_tester(qtmodeltester, corpus):
    qtmodeltester.check(DocumentTreeModel(corpus, NotesStore.load()), force_py=True)


def test_filtered_tree_passes_the_model_tester(qtmodeltester, corpus):
    proxy = TreeFilterProxy()
    proxy.setSourceModel(DocumentTreeModel(corpus, NotesStore.load()))
    proxy.set_filter_words("落户")
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 2  # both documents keep a matching clause


def test_tree_structure_numbers_marks_and_link_counts(corpus):
    notes = NotesStore.load()
    notes.set_text("liaoning", "part_2__para_5", "核对")
    model = DocumentTreeModel(corpus, notes)
    docs = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert docs == ["关于促进劳动力和人才社会性流动体制机制改革的意见",
                    "辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施"]
    liaoning = model.index(1, 0)
    assert model.rowCount(liaoning) == 4
    part_two = model.index(1, 0, liaoning)
    assert part_two.data() == "二、扩大公共服务供给，强化社会性流动保障"
    assert [model.index(i, 0, part_two).data()[:5] for i in range(2)] == ["（五）改革", "（六）健全"]
    central_six = model.index_of("central", "part_3__para_6")
    assert central_six.data() == "（六）以档案服务改革畅通职业转换〔仅标题〕"
    assert central_six.data(INCOMPLETE_ROLE) is True
    assert central_six.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index_of("central", "part_3__para_5").data().endswith("〔部分原文〕")
    assert model.index_of("liaoning", "part_2__para_6").data(INCOMPLETE_ROLE) is False
    four = model.index_of("central", "part_3__para_4")
    assert four.siblingAtColumn(COL_LINKS).data() == "5"
    assert "5 条交叉链接" in four.siblingAtColumn(COL_LINKS).data(Qt.ItemDataRole.ToolTipRole)
    noted = model.index_of("liaoning", "part_2__para_5")
    assert noted.data(NOTE_ROLE) == "note" and noted.data().endswith("〔笔记〕")


def test_coverage_model_passes_the_model_tester(qtmodeltester, corpus):
    qtmodeltester.check(CoverageModel(corpus), force_py=True)


def test_coverage_model_rows_gaps_and_targets(corpus):
    model = CoverageModel(corpus)
    assert model.rowCount() == 17
    gaps = [model.index(r, COL_TARGET).data() for r in range(17) if model.index(r, 0).data(GAP_ROLE)]
    assert gaps == ["一、总体要求", "（十四）加强组织领导", "（十五）强化法治保障", "（十六）营造良好氛围"]
    row = next(r for r in range(17) if model.index(r, 0).data().startswith("（三）"))
    assert model.index(row, COL_PROVINCIAL).data(REFS_ROLE) == [("liaoning", "part_1__para_3"),
                                                                ("liaoning", "part_1__para_4")]
    assert model.headerData(COL_PROVINCIAL, Qt.Orientation.Horizontal) == "辽宁"
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(QModelIndex()) == 3  # no city yet
