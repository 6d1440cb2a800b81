"""The 征求意见反馈表: one row per clause, the department at the top; a filled form is read back."""

from __future__ import annotations

import docx

from desktop_app.cli import main
from desktop_app.drafting import load_draft
from desktop_app.feedback.importer import import_returned
from desktop_app.feedback.items import Kind, Match


def make_form(capsys, draft_file, path, unit="鞍山市公安局"):
    code = main(["feedback", "form", "--draft", str(draft_file), "--unit", unit, "-o", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0 and unit in out
    return path


def test_the_form_has_a_row_per_clause_and_the_unit_at_the_top(capsys, base_draft, draft_file, tmp_path):
    doc = docx.Document(str(make_form(capsys, draft_file, tmp_path / "form.docx")))
    assert any(p.text == "反馈单位：鞍山市公安局" for p in doc.paragraphs)
    assert doc.sections[0].header.paragraphs[0].text == "反馈单位：鞍山市公安局"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["条款", "修改意见", "理由"]
    first_cells = [r.cells[0].text for r in table.rows]
    for num, clause in zip(("（一）", "（二）"), base_draft.clauses[:2], strict=True):
        assert num + clause.heading in first_cells
    assert sum(1 for t in first_cells if t.startswith("（")) == len([c for c in base_draft.clauses if c.included])


def test_a_filled_form_is_read_back_with_the_header_unit_and_the_row_anchor(capsys, base_draft, draft_file, tmp_path):
    path = make_form(capsys, draft_file, tmp_path / "form.docx")
    doc = docx.Document(str(path))
    rows = [r for r in doc.tables[0].rows if r.cells[0].text.startswith("（三）")]
    rows[0].cells[1].text = "建议增加“鼓励企业参与”的表述"
    rows[0].cells[2].text = "与本市产业政策衔接"
    doc.save(str(tmp_path / "filled.docx"))
    [item] = import_returned(load_draft(draft_file), [(tmp_path / "filled.docx", "")]).added
    third = [c for c in base_draft.clauses if c.included][2]
    assert (item.kind, item.unit, item.unit_source) == (Kind.FORM, "鞍山市公安局", "form")
    assert (item.clause_id, item.match) == (third.id, Match.ANCHOR)
    assert (item.text, item.note) == ("建议增加“鼓励企业参与”的表述", "与本市产业政策衔接")
