"""Reading returned Word files back: comments, tracked changes, units, anchors, re-import, another draft."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from desktop_app.drafting import build_draft, load_draft
from desktop_app.export import export_draft
from desktop_app.feedback.importer import import_returned, parse_source
from desktop_app.feedback.items import Kind, Match

from . import helpers as h
from .conftest import unique_phrase

CLAUSE_A, CLAUSE_B = "part_1__para_4", "part_2__para_7"


def returned(sent: Path, folder: Path, name: str, edit) -> Path:
    doc = docx.Document(str(sent))
    edit(doc)
    target = folder / name
    doc.save(str(target))
    return target


def test_comments_and_tracked_changes_of_other_authors_are_read_and_mapped_by_anchor(base_draft, sent, tmp_path):
    a, b = unique_phrase(base_draft, CLAUSE_A), unique_phrase(base_draft, CLAUSE_B)

    def edit(doc):
        h.comment(doc, a, "建议明确牵头单位", author="鞍山市公安局")
        h.insert_after(doc, b, "和技能人才", author="李明")
        h.delete(doc, a[:3], author="李明", within=a)
    path = returned(sent, tmp_path, "公安局.docx", edit)
    result = import_returned(base_draft, [(path, "")])
    items = {i.kind: i for i in result.added}
    assert set(items) == {Kind.COMMENT, Kind.INSERTION, Kind.DELETION}   # the 27 basis comments are skipped
    comment = items[Kind.COMMENT]
    assert (comment.clause_id, comment.match, comment.quote) == (CLAUSE_A, Match.ANCHOR, a)   # as sent
    assert (comment.unit, comment.author, comment.text) == ("鞍山市公安局", "鞍山市公安局", "建议明确牵头单位")
    ins = items[Kind.INSERTION]
    assert (ins.clause_id, ins.quote, ins.author, ins.date) == (CLAUSE_B, "和技能人才", "李明", h.DATE)
    assert ins.unit == ""          # a person: the unit is asked for
    assert items[Kind.DELETION].quote == a[:3] and items[Kind.DELETION].clause_id == CLAUSE_A
    assert result.files[0].path == path and not result.files[0].error


def test_an_untouched_export_even_with_our_own_tracked_changes_gives_no_items(base_draft, corpus, tmp_path):
    plan = export_draft(base_draft, corpus, tmp_path / "tracked.docx", track_changes=True)
    result = import_returned(base_draft, [(plan, "鞍山市财政局")])
    assert result.added == [] and not result.failed


def test_unit_order_given_then_form_then_department_author(base_draft, sent, tmp_path):
    a = unique_phrase(base_draft, CLAUSE_A)

    def edit(doc):
        h.comment(doc, a, "意见一", author="鞍山市教育局")
        h.comment(doc, unique_phrase(base_draft, CLAUSE_B), "意见二", author="王芳")
    path = returned(sent, tmp_path, "x.docx", edit)
    by_author = {i.text: i for i in import_returned(base_draft, [(path, "")]).added}
    assert by_author["意见一"].unit == "鞍山市教育局" and by_author["意见一"].unit_source == "author"
    assert by_author["意见二"].unit == "" and by_author["意见二"].author == "王芳"
    given = {i.text: i for i in import_returned(base_draft, [(path, "鞍山市民政局")]).added}
    assert {i.unit for i in given.values()} == {"鞍山市民政局"}
    assert given["意见二"].author == "王芳"      # the author is kept as well


def test_file_equals_unit_argument():
    assert parse_source("返回/公安.docx=鞍山市公安局") == (Path("返回/公安.docx"), "鞍山市公安局")
    assert parse_source("plain.docx") == (Path("plain.docx"), "")


def test_importing_the_same_file_again_adds_nothing(base_draft, sent, tmp_path):
    path = returned(sent, tmp_path, "r.docx", lambda doc: h.comment(doc, unique_phrase(base_draft, CLAUSE_A), "意见"))
    first = import_returned(base_draft, [(path, "鞍山市公安局")])
    again = import_returned(first.draft, [(path, "鞍山市公安局"), (path, "")])
    assert len(first.added) == 1 and again.added == []
    assert again.draft.feedback == first.draft.feedback and again.files[0].already == 1


def test_a_file_of_another_draft_is_reported_and_not_imported(base_draft, corpus, tmp_path):
    other = build_draft(corpus, "鞍山市")        # same city, same clause ids, another draft
    plan = export_draft(other, corpus, tmp_path / "other.docx")
    path = returned(plan, tmp_path, "other-ret.docx", lambda doc: h.comment(doc, unique_phrase(other, CLAUSE_A), "x"))
    result = import_returned(base_draft, [(path, "")])
    assert result.added == [] and result.files[0].other_draft
    assert "另一份草稿" in result.files[0].error


def test_a_retyped_copy_without_anchors_maps_by_text(base_draft, tmp_path):
    """A department pasted the text into a new document, edited a few words and commented on it."""
    doc = docx.Document()
    doc.add_paragraph(base_draft.title)
    targets = {}
    for clause in base_draft.clauses[:12]:
        text = clause.heading + "。" + clause.body.split("\n")[0]
        text = text.replace("的", "之", 2)          # small edits of a re-typed copy
        p = doc.add_paragraph(text)
        targets[clause.id] = p
    path = tmp_path / "retyped.docx"
    for clause_id in (CLAUSE_A, "part_2__para_5"):
        run = targets[clause_id].runs[0]
        doc.add_comment(run, text=f"关于{clause_id}的意见", author="鞍山市商务局", initials="商")
    doc.save(str(path))
    result = import_returned(base_draft, [(path, "")])
    got = {i.text: (i.clause_id, i.match) for i in result.added}
    assert got == {f"关于{c}的意见": (c, Match.TEXT) for c in (CLAUSE_A, "part_2__para_5")}


def test_an_item_that_cannot_be_mapped_is_listed_not_dropped(base_draft, tmp_path):
    doc = docx.Document()
    doc.add_paragraph("这段文字与草稿的任何条款都无关，只是一个部门写的附言而已。")
    doc.add_comment(doc.paragraphs[0].runs[0], text="总体同意", author="鞍山市审计局", initials="审")
    doc.save(str(tmp_path / "note.docx"))
    [item] = import_returned(base_draft, [(tmp_path / "note.docx", "")]).added
    assert (item.clause_id, item.match, item.text) == (None, Match.NONE, "总体同意")


def soffice_docx(source: Path, out: Path, profile: Path) -> Path:
    with subprocess.Popen(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                           "--convert-to", "docx", "--outdir", str(out), str(source)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        assert proc.wait(timeout=120) == 0
    return out / source.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("order", ["saved in LibreOffice, then commented", "commented, then saved in LibreOffice"])
def test_libreoffice_round_trip_keeps_anchors_and_the_draft_id(base_draft, sent, tmp_path, order):
    """Through LibreOffice before or after a department's comments and tracked changes: items map by anchor."""
    phrases = {c: unique_phrase(base_draft, c) for c in (CLAUSE_A, CLAUSE_B, "part_4__para_16")}

    def edit(doc):
        for clause_id, phrase in phrases.items():
            h.comment(doc, phrase, f"意见{clause_id}", author="鞍山市人社局")
        h.replace_words(doc, phrases[CLAUSE_B], "切实推进", author="鞍山市人社局")
    if order.startswith("saved"):
        path = returned(soffice_docx(sent, tmp_path / "lo", tmp_path / "profile"), tmp_path, "ret.docx", edit)
    else:
        path = soffice_docx(returned(sent, tmp_path, "ret.docx", edit), tmp_path / "lo", tmp_path / "profile")
    result = import_returned(base_draft, [(path, "")])
    comments = {i.text: (i.clause_id, i.match) for i in result.added if i.kind is Kind.COMMENT}
    assert comments == {f"意见{c}": (c, Match.ANCHOR) for c in phrases}       # the basis comments are skipped
    changes = [(i.kind, i.clause_id, i.match, i.quote) for i in result.added if i.kind is not Kind.COMMENT]
    assert changes == [(Kind.DELETION, CLAUSE_B, Match.ANCHOR, phrases[CLAUSE_B]),
                       (Kind.INSERTION, CLAUSE_B, Match.ANCHOR, "切实推进")]


def test_items_are_stored_in_the_draft_file(base_draft, sent, tmp_path, draft_file):
    from desktop_app.drafting import save_draft

    path = returned(sent, tmp_path, "r.docx", lambda doc: h.comment(doc, unique_phrase(base_draft, CLAUSE_A), "意见"))
    result = import_returned(load_draft(draft_file), [(path, "鞍山市公安局")])
    save_draft(result.draft, draft_file)
    assert load_draft(draft_file).feedback == result.draft.feedback
