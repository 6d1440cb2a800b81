"""The exported plan carries a bookmark for every printed part and clause, and the draft's id."""

from __future__ import annotations

import zipfile

import docx
from docx.oxml.ns import qn

from desktop_app.drafting import edit as ed
from desktop_app.export import export_draft
from desktop_app.export.anchors import DRAFT_ID_PROPERTY, anchor_name


def test_every_printed_part_and_clause_has_its_bookmark(base_draft, corpus, tmp_path):
    draft = ed.set_included(base_draft, "part_1__para_2", False)
    path = export_draft(draft, corpus, tmp_path / "plan.docx", track_changes=True)
    body = docx.Document(str(path)).element.body
    names = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    printed = [np.part.id for np in draft.numbered()] + [nc.clause.id for np in draft.numbered() for nc in np.clauses]
    assert sorted(names) == sorted(anchor_name(i) for i in printed)
    assert anchor_name("part_1__para_2") not in names              # left out: no anchor
    ends = {e.get(qn("w:id")) for e in body.iter(qn("w:bookmarkEnd"))}
    assert {b.get(qn("w:id")) for b in body.iter(qn("w:bookmarkStart"))} == ends
    with zipfile.ZipFile(path) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
    assert DRAFT_ID_PROPERTY in custom and draft.id in custom


def test_a_clause_bookmark_spans_its_heading_and_all_its_paragraphs(base_draft, corpus, tmp_path):
    one = base_draft.clause("part_2__para_6")
    draft = ed.set_clause_text(base_draft, one.id, one.heading, one.body + "\n第二段。\n第三段。")
    clause = draft.clause(one.id)
    path = export_draft(draft, corpus, tmp_path / "plan.docx")
    body = docx.Document(str(path)).element.body
    paragraphs = list(body.iter(qn("w:p")))
    start = next(i for i, p in enumerate(paragraphs) for b in p.iter(qn("w:bookmarkStart"))
                 if b.get(qn("w:name")) == anchor_name(clause.id))
    bid = next(b.get(qn("w:id")) for b in paragraphs[start].iter(qn("w:bookmarkStart"))
               if b.get(qn("w:name")) == anchor_name(clause.id))
    end = next(i for i, p in enumerate(paragraphs) for e in p.iter(qn("w:bookmarkEnd")) if e.get(qn("w:id")) == bid)
    assert end - start + 1 == len(clause.paragraphs) == 3
