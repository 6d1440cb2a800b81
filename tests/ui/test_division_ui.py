"""The window's task-division and issuing widgets, each on its own: edits are undo steps of the draft session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.drafting import DraftSession, build_draft
from desktop_app.drafting.departments import RegistrySource, load_registry
from desktop_app.ui.departments_dialog import DepartmentsDialog
from desktop_app.ui.division_pane import DivisionPane, UnitCompleter
from desktop_app.ui.document_fields import DocumentFields
from desktop_app.workspace import Workspace


@pytest.fixture(scope="module")
def anshan(corpus):
    return build_draft(corpus, "鞍山市")


@pytest.fixture
def pane(qtbot, anshan):
    widget = DivisionPane(RegistrySource(None))
    qtbot.addWidget(widget)
    session = DraftSession(anshan)
    widget.set_session(session)
    cid = next(c.id for c in anshan.clauses if "户籍" in c.heading)
    widget.show_clause(cid)
    return widget, session, cid


def finish(qtbot, edit, text):
    edit.setText(text)
    edit.editingFinished.emit()


def test_pane_shows_the_suggestion_with_trigger_words_and_marks_unverified_names(pane):
    widget, _, _ = pane
    assert widget.lead_edit.text() == "市公安局"
    assert widget.partners_edit.text().startswith("市发展改革委、市人力资源社会保障局")
    text = widget.suggestion_label.text()
    assert "市公安局［待核］（触发词：落户" in text
    assert "市发展改革委（触发词" in text            # verified for 鞍山 (鞍政发〔2024〕1号): no 待核
    assert "待核：市公安局" in widget.check_label.text()
    assert not widget.adopt_button.isEnabled()     # the suggestion is what the clause already has


def test_editing_units_and_deadline_is_one_undo_step(qtbot, pane):
    widget, session, cid = pane
    finish(qtbot, widget.deadline_edit, "2020年12月底前")
    finish(qtbot, widget.partners_edit, "市发展改革委，市财政局、")
    clause = session.draft.clause(cid)
    assert clause.deadline == "2020年12月底前" and clause.partners == ("市发展改革委", "市财政局")
    assert session.undo_label == "修改分工" and widget.adopt_button.isEnabled()
    qtbot.mouseClick(widget.adopt_button, Qt.MouseButton.LeftButton)
    assert session.draft.clause(cid).partners == ("市发展改革委", "市人力资源社会保障局")
    assert widget.partners_edit.text() == "市发展改革委、市人力资源社会保障局"
    assert session.undo()
    assert widget.partners_edit.text() == "市发展改革委、市财政局"
    assert session.undo() and session.undo()
    assert widget.deadline_edit.text() == "" and session.draft.clause(cid).deadline == ""


def test_unit_names_complete_from_the_registry_after_the_last_separator(pane):
    widget, _, _ = pane
    completer = widget.partners_edit.completer()
    assert isinstance(completer, UnitCompleter)
    names = completer.model().stringList()
    assert "市医保局" in names and "市扶贫办" in names and names.index("市扶贫办") < names.index("市乡村振兴局")
    widget.partners_edit.setText("市财政局、市医")
    assert completer.splitPath(widget.partners_edit.text()) == ["市医"]
    index = completer.model().index(names.index("市医保局"))
    assert completer.pathFromIndex(index) == "市财政局、市医保局"


def test_a_part_or_no_clause_leaves_nothing_to_edit(pane):
    widget, session, _ = pane
    widget.show_clause(session.draft.parts[0].id)
    assert not widget.lead_edit.isEnabled() and widget.lead_edit.text() == ""


def test_document_fields_edit_the_package_and_refuse_bad_dates(qtbot, anshan):
    fields = DocumentFields()
    qtbot.addWidget(fields)
    session = DraftSession(anshan)
    fields.set_session(session)
    fields.issuers_edit.setPlainText("中共鞍山市委办公室\n鞍山市人民政府办公室\n")
    fields.issuers_edit.editingFinished.emit()
    finish(qtbot, fields.date_edit, "2020年7月15日")
    fields.public_box.setChecked(True)
    fields.division_box.setCurrentIndex(fields.division_box.findData("both"))
    pkg = session.draft.package
    assert pkg.issuers == ("中共鞍山市委办公室", "鞍山市人民政府办公室") and pkg.date == "2020-07-15"
    assert pkg.public and pkg.division == "both" and fields.form_box.isEnabled()
    assert fields.date_edit.text() == "2020-07-15"
    before = session.draft.package
    finish(qtbot, fields.print_date_edit, "2020-02-30")
    assert "无效" in fields.error_label.text() and session.draft.package == before
    finish(qtbot, fields.print_date_edit, "")
    finish(qtbot, fields.columns_edit, "序号,重点任务,牵头单位=牵头部门")
    assert [c.label for c in session.draft.package.columns] == ["序号", "重点任务", "牵头部门"]
    assert fields.error_label.text() == ""
    while session.undo():
        pass
    assert fields.issuers_edit.toPlainText() == "" and not fields.public_box.isChecked()


def test_departments_dialog_confirms_edits_and_saves_under_the_workspace(qtbot, qtmodeltester, data_dir):
    workspace = Workspace(data_dir)
    dialog = DepartmentsDialog(workspace, city="鞍山市")
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    row = next(i for i, d in enumerate(model.rows) if d.short == "市公安局")
    assert model.data(model.index(row, 5)) == "待核"
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert model.data(model.index(row, 5)) == "已核实"
    assert not model.setData(model.index(row, 3), "2020-13-01")          # not a date: refused
    new = model.add()
    assert model.setData(model.index(new, 0), "市大数据局") and model.setData(model.index(new, 2), "数据")
    dialog.city_box.setCurrentText("沈阳市")                              # the other city keeps its edits
    assert dialog.dirty
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    saved = load_registry(workspace)
    assert not saved.needs_check("鞍山市", "市公安局")
    assert saved.for_duty("鞍山市", "数据", "2020-07-01").short == "市大数据局"
    assert str(workspace.departments_path) in dialog.status_label.text()
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not workspace.departments_path.exists()
    assert load_registry(workspace).needs_check("鞍山市", "市公安局")


def test_tools_menu_offers_the_department_registry(make_window):
    window = make_window()
    titles = [a.text() for a in window.tools_menu.actions()]
    assert "部门名录…" in titles


def test_a_draft_from_version_1_gets_its_suggestion_on_request(qtbot):
    from pathlib import Path

    from desktop_app.drafting import load_draft

    old = load_draft(Path(__file__).parents[1] / "drafting" / "data" / "draft-v1-anshan.json")
    widget = DivisionPane(RegistrySource(None))
    qtbot.addWidget(widget)
    session = DraftSession(old)
    widget.set_session(session)
    cid = next(c.id for c in old.clauses if "户籍" in c.heading)
    widget.show_clause(cid)
    assert widget.lead_edit.text() == "" and "暂无建议" in widget.suggestion_label.text()
    qtbot.mouseClick(widget.resuggest_button, Qt.MouseButton.LeftButton)
    assert session.draft.clause(cid).lead == "市公安局" and widget.lead_edit.text() == "市公安局"
    assert "触发词：落户" in widget.suggestion_label.text()
    assert session.undo() and widget.lead_edit.text() == ""


def test_a_new_date_in_the_fields_renames_units_in_the_same_undo_step(qtbot, anshan):
    fields = DocumentFields(registry_source=RegistrySource(None))
    qtbot.addWidget(fields)
    session = DraftSession(anshan)
    fields.set_session(session)
    cid = next(c.id for c in anshan.clauses if "扶贫" in c.heading)
    assert session.draft.clause(cid).lead == "市扶贫办"
    finish(qtbot, fields.date_edit, "2022-03-01")
    assert session.draft.clause(cid).lead == "市乡村振兴局" and session.draft.package.date == "2022-03-01"
    assert session.undo() and session.draft.clause(cid).lead == "市扶贫办" and session.draft.package.date == ""


def test_an_unreadable_registry_copy_falls_back_to_the_shipped_one_and_says_so(qtbot, anshan, data_dir):
    workspace = Workspace(data_dir)
    workspace.departments_path.write_text("不是名录\n", encoding="utf-8")
    source = RegistrySource(workspace)
    widget = DivisionPane(source)
    qtbot.addWidget(widget)
    widget.set_session(DraftSession(anshan))
    widget.show_clause(next(c.id for c in anshan.clauses if "户籍" in c.heading))
    assert str(workspace.departments_path) in widget.check_label.text() and "默认部门名录" in widget.check_label.text()
    assert "市公安局" in widget.suggestion_label.text()
    dialog = DepartmentsDialog(workspace)
    qtbot.addWidget(dialog)
    assert str(workspace.departments_path) in dialog.status_label.text() and dialog.model.rows



def test_resuggest_cites_another_citys_published_division(qtbot, tmp_path, data_dir):
    """重新建议 in the editor's 分工 pane uses other cities' imported plans, worded apart from trigger words."""
    from desktop_app.core.corpus import Corpus
    from desktop_app.ui.draft_editor import DraftEditor
    from desktop_app.workspace import Workspace
    from tests.drafting.test_division_practice import OTHER_PLAN, import_city_plan

    files = tmp_path / "incoming"
    files.mkdir()
    import_city_plan(files, Corpus.load_default(), "dalian", OTHER_PLAN, {"2": ("liaoning", "part_2__para_5")})
    editor = DraftEditor(Corpus.load(), workspace=Workspace(data_dir))
    qtbot.addWidget(editor)
    editor.new_draft("鞍山市")   # built before the knowledge base knew the other plan
    clause = next(c for c in editor.draft.clauses if c.source_id == "part_2__para_5")
    assert "其他城市做法" not in editor.division_pane.suggestion_label.text()
    editor.set_corpus(Corpus.load_default())   # as after an import
    editor.select(clause.id)
    qtbot.mouseClick(editor.division_pane.resuggest_button, Qt.MouseButton.LeftButton)
    text = editor.division_pane.suggestion_label.text()
    assert "其他城市做法：大连市（二）由市公安局牵头" in text
    assert "触发词：其他城市做法" not in text
