"""Format readers: text encodings, Word numbering, web pages' article text."""

from __future__ import annotations

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.importing import EncodingUnclearError, load_file
from desktop_app.importing.docx import read_docx
from desktop_app.importing.html import read_html
from desktop_app.importing.textfile import decode_text
from tests.importing.helpers import numbering, paragraph, styled, styles, write_docx

SAMPLE = ("关于推进人才流动的实施方案\n一、总体要求\n（一）加强领导。建立工作机制，统筹推进档案服务改革。\n"
          "（二）强化保障。落实经费。\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings_are_detected(files, encoding):
    path = files / "plan.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    got = load_file(path, doc_id="plan")
    assert got.encoding == {"gbk": "gb18030"}.get(encoding, encoding)  # GB18030 is GBK's superset
    assert [c.heading for c in got.document.clauses] == ["加强领导", "强化保障"]
    assert got.document.title == "关于推进人才流动的实施方案"


def test_big5_text_is_not_guessed(files):
    path = files / "tw.txt"
    path.write_bytes("推動人才流動，健全檔案管理服務體系，暢通職業轉換渠道。".encode("big5"))
    with pytest.raises(EncodingUnclearError) as exc:
        load_file(path)
    assert "tw.txt" in str(exc.value) and "编码" in str(exc.value)
    forced = decode_text(path.read_bytes(), path, "big5")
    assert forced.text.startswith("推動人才流動")


def test_gbk_text_with_rare_characters_still_reads(files):
    text = SAMPLE + "（三）其他。由镕基同志所在单位负责。\n"
    assert decode_text(text.encode("gb18030"), files / "x.txt").text == text


def test_word_paragraphs_from_python_docx(files):
    document = docx.Document()
    document.add_paragraph("某市关于推进人才流动的实施方案")
    document.add_paragraph("一、总体要求")
    document.add_paragraph("（一）加强领导。建立工作机制。")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "（二）强化保障。表格里的条款也要读到。"
    path = files / "plan.docx"
    document.save(path)
    assert read_docx(path) == ["某市关于推进人才流动的实施方案", "一、总体要求", "（一）加强领导。建立工作机制。",
                               "（二）强化保障。表格里的条款也要读到。"]


def test_word_automatic_numbering_is_written_out(files):
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    path = write_docx(files / "auto.docx", [
        paragraph("某市实施方案"),
        paragraph("总体要求", (1, 0)),
        paragraph("加强领导。建立机制。", (1, 1)),
        paragraph("成立领导小组。", (1, 2)),
        paragraph("成立工作专班。", (1, 2)),
        paragraph("强化保障。落实经费。", (1, 1)),
        paragraph("组织实施", (1, 0)),
        paragraph("明确分工。", (1, 1)),
    ], numbering(levels))
    assert read_docx(path) == ["某市实施方案", "一、总体要求", "（一）加强领导。建立机制。", "1.成立领导小组。",
                               "2.成立工作专班。", "（二）强化保障。落实经费。", "二、组织实施", "（一）明确分工。"]
    doc = load_file(path, doc_id="auto", by_paragraph=False).document
    assert [p.num for p in doc.parts] == ["一、", "二、"]
    assert [i.num for i in doc.clauses[0].items] == ["1.", "2."]


def test_word_text_boxes_and_tracked_deletions(files):
    box = ('<w:p><w:r><w:t>（一）加强领导。</w:t></w:r><w:r><w:pict><w:txbxContent>'
           '<w:p><w:r><w:t>图框里的说明</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>'
           '<w:del><w:r><w:delText>已删除的话</w:delText></w:r></w:del><w:ins><w:r><w:t>新增的话。</w:t></w:r></w:ins></w:p>')
    path = write_docx(files / "box.docx", [paragraph("一、总体要求"), box])
    assert read_docx(path) == ["一、总体要求", "（一）加强领导。新增的话。", "图框里的说明"]


def test_word_numbering_carried_by_a_paragraph_style(files):
    path = write_docx(files / "styled.docx", [styled("总体要求", "PartHeading"), paragraph("（一）加强领导。"),
                                              styled("保障措施", "PartHeading"), paragraph("（二）落实经费。")],
                      numbering([("chineseCounting", "%1、")]), styles("PartHeading", 1))
    assert read_docx(path) == ["一、总体要求", "（一）加强领导。", "二、保障措施", "（二）落实经费。"]


def test_word_articles_numbered_automatically(files):
    path = write_docx(files / "rules.docx", [paragraph("为了规范管理，制定本办法。", (1, 0)),
                                             paragraph("本办法自印发之日起施行。", (1, 0))],
                      numbering([("chineseCounting", "第%1条")]))
    doc = load_file(path, doc_id="rules").document
    assert [(c.num, c.heading) for c in doc.clauses] == [("第一条", "为了规范管理，制定本办法"),
                                                         ("第二条", "本办法自印发之日起施行")]


GOV_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某市人民政府关于推进人才流动的实施意见_某市人民政府门户网站</title>
<script>var nav = "首页 政务公开";</script><style>.x{color:red}</style></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政策文件</div>
<div class="main">
  <h1>某市人民政府关于推进人才流动的实施意见</h1>
  <div class="info">发布时间：2020-06-30 来源：市政府办公室 【打印】【关闭】</div>
  <div class="TRS_Editor" id="zoom">
    <p>某政发〔2020〕8号</p>
    <p>各区县人民政府，市政府各部门：</p>
    <p>一、总体要求</p>
    <p>（一）加强组织领导。建立健全工作机制，统筹推进人才流动各项工作。</p>
    <p>（二）完善档案服务。推进流动人员人事档案信息化，实现档案转递线上办理。</p>
    <p>二、保障措施</p>
    <p>（三）强化经费保障。市财政统筹安排相关经费。</p>
  </div>
  <div class="share">分享到：微信 微博</div>
</div>
<div class="related"><h3>相关文件</h3><ul><li><a href="/1">某市关于做好就业工作的通知</a></li>
<li><a href="/2">某市关于印发人才政策的通知</a></li></ul></div>
<div class="footer">主办：某市人民政府办公室 版权所有 备案号：辽ICP备12345678号</div>
</body></html>"""


def test_web_page_article_only(files):
    path = files / "page.html"
    path.write_bytes(GOV_PAGE.encode("gb18030"))
    page = read_html(path)
    assert page.title_hint == "某市人民政府关于推进人才流动的实施意见"
    text = "\n".join(page.lines)
    assert "（一）加强组织领导" in text and "（三）强化经费保障" in text
    for noise in ("首页", "分享到", "版权所有", "相关文件", "var nav", "color"):
        assert noise not in text
    doc = load_file(path, doc_id="page").document
    assert doc.title == "某市人民政府关于推进人才流动的实施意见"
    assert doc.doc_number == "某政发〔2020〕8号"
    assert [c.num for c in doc.clauses] == ["（一）", "（二）", "（三）"]


def test_project_xml_is_read_with_its_structure(files, corpus):
    from desktop_app.core.model import DocumentKind
    from desktop_app.core.xmlio import document_to_xml

    path = files / "liaoning-copy.xml"
    path.write_bytes(document_to_xml(corpus.document("liaoning")))
    got = load_file(path, doc_id="lncopy", kind=DocumentKind.OTHER)
    assert (got.document.id, got.document.kind) == ("lncopy", DocumentKind.OTHER)
    assert got.document.clauses == corpus.document("liaoning").clauses


# 一业专丝 are GBK byte pairs that are also valid UTF-8: the case where guessing could go silently wrong
_CHARS = "关于促进劳动力和人才社会性流动体制机制改革的意见一业专丝，。：；“”（）、12AB \n"
_COMMON = st.text(alphabet=st.sampled_from(list(_CHARS)),
                  min_size=1, max_size=200).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(_COMMON, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_decoding_is_never_silently_wrong(text, encoding):
    """The text written comes back, or the user is asked; for UTF-8 it always comes back."""
    from pathlib import Path

    try:
        decoded = decode_text(text.encode(encoding), Path("x.txt"))
    except EncodingUnclearError:
        assert encoding == "gb18030"
    else:
        assert decoded.text.lstrip("\ufeff") == text


def test_short_gbk_text_that_is_also_valid_utf8_is_asked_about(files):
    path = files / "short.txt"
    path.write_bytes("一业".encode("gbk"))
    assert path.read_bytes().decode("utf-8") == "һҵ"
    with pytest.raises(EncodingUnclearError, match="GB18030"):
        load_file(path)
    assert decode_text(path.read_bytes(), path, "gbk").text == "一业"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_decoded_or_refused_with_a_reason(data):
    from pathlib import Path

    from desktop_app.importing import ImportFailed

    try:
        decoded = decode_text(data, Path("x.txt"))
    except ImportFailed as exc:
        assert exc.path == "x.txt" and exc.problem
    else:
        assert decoded.text.strip()
