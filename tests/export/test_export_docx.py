"""The draft as .docx: GB/T 9704 page and styles, a basis comment per clause, tracked changes."""

from __future__ import annotations

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx2python import docx2python

from desktop_app.export import export_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def plain(edited_draft, corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "沈阳方案.docx"
    export_draft(edited_draft, corpus, path)
    return path


@pytest.fixture(scope="module")
def tracked(edited_draft, corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "沈阳方案-修订.docx"
    export_draft(edited_draft, corpus, path, track_changes=True)
    return path


def included_clauses(draft):
    return [nc for np in draft.numbered() for nc in np.clauses]


def style(doc, style_id):
    return next(s for s in doc.styles if s.style_id == style_id).element


def attr(element, path, name):
    found = element.find(path)
    return None if found is None else found.get(qn(name))


def test_page_setup_is_a4_with_official_margins_and_grid(plain):
    doc = open_docx(plain)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None


def test_east_asian_fonts_are_named_and_no_theme_font_overrides_them(plain):
    doc = open_docx(plain)
    styles = doc.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert attr(defaults, f"{W}rFonts", "w:eastAsia") == "仿宋_GB2312"
    assert attr(defaults, f"{W}lang", "w:eastAsia") == "zh-CN"
    assert attr(doc.settings.element, f"{W}themeFontLang", "w:eastAsia") == "zh-CN"  # the template says ja-JP
    for fonts in styles.iter(f"{W}rFonts"):
        assert not [a for a in fonts.attrib if a.endswith(("Theme", "theme"))]
    expected = {"Normal": "仿宋_GB2312", "PDTitle": "方正小标宋简体", "PDHeading1": "黑体",
                "PDHeading2Char": "楷体_GB2312", "PDPageNumber": "宋体"}
    for style_id, face in expected.items():
        rpr = style(doc, style_id).find(f"{W}rPr")
        assert attr(rpr, f"{W}rFonts", "w:eastAsia") == face
        assert attr(rpr, f"{W}rFonts", "w:ascii") == face


def test_body_style_sizes_spacing_and_indent(plain):
    doc = open_docx(plain)
    normal = style(doc, "Normal")
    assert attr(normal, f"{W}rPr/{W}sz", "w:val") == "32"
    assert attr(normal, f"{W}rPr/{W}spacing", "w:val") == "-6"
    assert attr(normal, f"{W}pPr/{W}spacing", "w:line") == "579"
    assert attr(normal, f"{W}pPr/{W}spacing", "w:lineRule") == "exact"
    assert attr(normal, f"{W}pPr/{W}ind", "w:firstLineChars") == "200"
    assert attr(normal, f"{W}pPr/{W}ind", "w:firstLine") == "640"
    title = style(doc, "PDTitle")
    assert attr(title, f"{W}rPr/{W}sz", "w:val") == "44"
    assert attr(title, f"{W}pPr/{W}jc", "w:val") == "center"
    assert attr(title, f"{W}pPr/{W}snapToGrid", "w:val") == "0"
    assert attr(style(doc, "PDPageNumber"), f"{W}rPr/{W}sz", "w:val") == "28"


def test_title_headings_and_clause_numbers_follow_the_draft(plain, edited_draft):
    doc = open_docx(plain)
    paragraphs = doc.paragraphs
    assert paragraphs[0].style.style_id == "PDTitle"
    assert paragraphs[0].text.replace("\n", "") == edited_draft.title
    headings = [p.text for p in paragraphs if p.style.style_id == "PDHeading1"]
    assert headings == [np.num + np.part.heading for np in edited_draft.numbered()]
    starts = [p for p in paragraphs if p.runs and p.runs[0].style.style_id == "PDHeading2Char"]
    assert [p.runs[0].text for p in starts] == [nc.num for nc in included_clauses(edited_draft)]
    assert starts[0].text.startswith("（一）实施就业优先政策创造流动机会。坚持把稳定")
    assert starts[1].text.startswith("（二）打造双创升级版激发创造活力。")  # (二) excluded, renumbered
    assert "支持驻沈阳高等院校设置" in starts[1].text
    assert any(p.text.startswith("（四）加快建设沈阳现代化都市圈。【本市内容待补充】") for p in starts)


def test_page_numbers_odd_right_even_left_with_page_fields(plain):
    doc = open_docx(plain)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer._element.find(f"{W}p")
        assert attr(p, f"{W}pPr/{W}jc", "w:val") == align
        instr = "".join(t.text for t in p.iter(f"{W}instrText"))
        assert instr.strip() == "PAGE"
        texts = [t.text for t in p.iter(f"{W}t")]
        assert texts == ["—", " ", "1", " ", "—"]
        assert attr(p, f"{W}pPr/{W}ind", "w:" + ("right" if align == "right" else "left")) == "280"


def test_one_comment_per_clause_anchored_on_its_heading_with_its_basis(plain, edited_draft):
    with docx2python(plain) as result:
        comments = result.comments
    clauses = included_clauses(edited_draft)
    assert len(comments) == len(clauses)
    assert [c[0] for c in comments] == [nc.lead for nc in clauses]
    assert {c[1] for c in comments} == {"PolicyDesk"}
    by_heading = {c[0]: c[3] for c in comments}
    first = by_heading["（一）实施就业优先政策创造流动机会。"]
    assert "依据：省实施措施第（一）条“实施就业优先政策创造流动机会”" in first
    assert "落实中央《意见》：第（一）条“实施就业优先政策创造流动机会”（全文）" in first
    second = by_heading["（二）打造双创升级版激发创造活力。"]
    assert "依据：省实施措施第（三）条" in second
    assert "提示（已采用）：“支持高等院校设置”" in second
    assert "建议表述：“沈阳经济区（鞍山、抚顺、本溪、营口、阜新、辽阳、铁岭）城市间协同合作”" in second
    personnel = next(text for head, text in by_heading.items() if "推进用人制度改革" in head)
    assert "第（五）条“以用人制度改革促进单位流动”（部分原文）" in personnel
    public = next(text for head, text in by_heading.items() if "健全公共服务体系" in head)
    assert "替换：“全省”→“全市”（1处）" in public
    added = by_heading["（四）加快建设沈阳现代化都市圈。"]
    assert "起草人新增条款" in added and "落实中央《意见》：无对应条款" in added
    leadership = next(text for head, text in by_heading.items() if "加强组织领导" in head)
    assert "缺口" in leadership and "第（十四）条“加强组织领导”（部分原文）" in leadership


def test_no_tracked_changes_unless_asked(plain):
    body = open_docx(plain).element.body
    assert body.find(f".//{W}ins") is None and body.find(f".//{W}del") is None


def paragraph_text(p, accept: bool) -> str:
    """A paragraph's text with all tracked changes accepted (or rejected)."""
    out = []
    for node in p.iter(f"{W}t", f"{W}delText"):
        inside_ins = any(a.tag == f"{W}ins" for a in node.iterancestors())
        if node.tag == f"{W}delText":
            out.append("" if accept else node.text)
        elif not inside_ins or accept:
            out.append(node.text)
    return "".join(out)


def test_tracked_changes_show_the_citys_edits_against_the_provincial_text(tracked, edited_draft, corpus):
    doc = open_docx(tracked)
    body = doc.element.body
    inserted = body.findall(f".//{W}ins")
    deleted = body.findall(f".//{W}del")
    assert inserted and deleted
    for change in (*inserted, *deleted):
        assert change.get(qn("w:author")) == "PolicyDesk" and change.get(qn("w:date"))
        assert change.get(qn("w:id"))
    ids = [c.get(qn("w:id")) for c in (*inserted, *deleted)]
    assert len(ids) == len(set(ids))
    paragraphs = body.findall(f"{W}p")
    preamble = paragraphs[2]
    assert paragraph_text(preamble, accept=True) == edited_draft.preamble[0]
    assert paragraph_text(preamble, accept=False) == corpus.document("liaoning").preamble[0]
    prov = corpus.document("liaoning")
    for source_id, needle in (("part_2__para_6", "全市城乡"), ("part_2__para_5", "认真贯彻落实"),
                              ("part_1__para_3", "支持驻沈阳高等院校")):
        p = next(p for p in paragraphs if needle in paragraph_text(p, accept=True))
        clause = edited_draft.clause(source_id)
        num = edited_draft.numbers()[source_id]
        assert paragraph_text(p, accept=True) == num + clause.heading + "。" + clause.body
        assert paragraph_text(p, accept=False) == num + prov.clauses[[c.id for c in prov.clauses].index(
            source_id)].text_without_num()


def test_added_and_gap_text_is_one_insertion(tracked):
    body = open_docx(tracked).element.body
    texts = ["".join(t.text for t in ins.iter(f"{W}t")) for ins in body.iter(f"{W}ins")]
    assert "加快建设沈阳现代化都市圈。" in texts
    assert any(t.startswith("【待起草】本条对应") for t in texts)
    assert open_docx(tracked).settings.element.find(qn("w:trackRevisions")) is not None


def test_file_properties_name_the_draft(plain, edited_draft):
    props = open_docx(plain).core_properties
    assert (props.title, props.author, props.language) == (edited_draft.title, "PolicyDesk", "zh-CN")
    assert props.created.year >= 2024


def test_comments_part_has_its_styles(plain):
    doc = open_docx(plain)
    ids = {s.style_id for s in doc.styles}
    assert {"CommentText", "CommentReference"} <= ids


def test_a_provincial_clause_left_out_shows_as_a_deleted_paragraph(tracked, plain, corpus):
    body = open_docx(tracked).element.body
    dropped = [p for p in body.findall(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    original = corpus.document("liaoning").clauses[1].full_text()   # （二）, excluded in the edited draft
    assert [paragraph_text(p, accept=False) for p in dropped] == [original]
    assert paragraph_text(dropped[0], accept=True) == ""
    assert original not in "".join(paragraph_text(p, accept=False) for p in open_docx(plain).element.body.iter(f"{W}p"))


def test_half_width_punctuation_typed_by_the_drafter_is_exported_full_width(corpus, tmp_path):
    from desktop_app.drafting import build_draft
    from desktop_app.drafting import edit as ed

    draft = build_draft(corpus, "锦州市")
    draft, new_id = ed.add_clause(draft, "part_1", 0, "加强组织领导", "各县(市)区要落实,确保\"一网通办\"落地.")
    path = tmp_path / "p.docx"
    export_draft(draft, corpus, path)
    with docx2python(path) as doc:
        assert "（一）加强组织领导。各县（市）区要落实，确保“一网通办”落地." in doc.text
    assert draft.clause(new_id).body.startswith("各县(市)区")   # the draft itself keeps what was typed
