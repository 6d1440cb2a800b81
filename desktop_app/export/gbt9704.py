"""GB/T 9704-2012 (党政机关公文格式) page and styles for python-docx documents.

The figures and the Word/LibreOffice facts behind them are in
``shared/reference/gbt9704-layout.md``: A4, margins 37/35/28/26 mm, a 22-line
grid with 28 characters a line, 2号小标宋 title, 3号仿宋_GB2312 body with a
two-character first-line indent, 黑体 / 楷体_GB2312 headings and "— N —" page
numbers in 4号宋体 (odd pages right, even pages left).
"""

from __future__ import annotations

from datetime import datetime, timezone

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

SIZE_2 = 44   # 2号 22 pt, in half-points
SIZE_3 = 32   # 3号 16 pt
SIZE_4 = 28   # 4号 14 pt
SIZE_COMMENT = 21  # 五号 10.5 pt

MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579            # twips: 225 mm / 22 lines, rendered by LibreOffice as 22 rows
# twentieths of a point: 16 pt - 0.3 pt lets 28 characters fill 156 mm with a little room to spare.
# WORKAROUND: LibreOffice (7.4) lays a line-end mark (the 29th character, hung in the margin) out but
# never draws it when the 28 characters leave less than ~1.5 pt of the line free (-5: 1.2 pt): the PDF of a
# 大连市 plan lost the commas after 战略 and 机会.  At -6 the mark hangs visibly and lines stay at 28.
CHAR_CONDENSE = -6
FIRST_LINE_CHARS = 200      # hundredths of a character: two characters
FIRST_LINE_TWIPS = 640      # two 16 pt characters, for readers that ignore firstLineChars
FOOTER_DISTANCE_MM = 28 - 5  # page number 7 mm below the 35 mm bottom margin's text edge, 14 pt high

STYLE_BODY = "Normal"
STYLE_TITLE = "PDTitle"
STYLE_HEADING1 = "PDHeading1"
STYLE_HEADING2_CHAR = "PDHeading2Char"
STYLE_PAGE_NUMBER = "PDPageNumber"
STYLE_TODO_CHAR = "PDToComplete"
STYLE_TABLE_TEXT = "PDTableText"
STYLE_TABLE_HEAD = "PDTableHead"

NO_CONDENSE = '<w:spacing w:val="0"/>'
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def rfonts_xml(face: str) -> str:
    """``w:rFonts`` naming *face* for every script (no theme attributes, which would override it)."""
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}" w:hint="eastAsia"/>'


def _rpr(face: str | None, size: int | None, condense: bool = False, extra: str = "") -> str:
    parts = [rfonts_xml(face) if face else "", extra,
             f'<w:spacing w:val="{CHAR_CONDENSE}"/>' if condense else "",
             f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "",
             '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>' if face else ""]
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _style(kind: str, style_id: str, name: str, ppr: str = "", rpr: str = "", *, based_on: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style {nsdecls("w")} w:type="{kind}" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{based}<w:qFormat/>{ppr}{rpr}</w:style>')


# Widow/orphan control off: every page keeps its 22 lines, as the grid of an official document does.
BODY_PPR = ('<w:pPr><w:widowControl w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
            f'<w:ind w:firstLineChars="{FIRST_LINE_CHARS}" w:firstLine="{FIRST_LINE_TWIPS}"/>'
            '<w:jc w:val="both"/></w:pPr>')


def _off_grid_ppr(line: int, rule: str, jc: str = "", keep_next: bool = False) -> str:
    """Paragraph properties of text that does not sit on the body grid (title, footer, comments, table)."""
    return ("<w:pPr>" + ("<w:keepNext/>" if keep_next else "") + '<w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="{rule}"/>'
            '<w:ind w:firstLineChars="0" w:firstLine="0"/>' + (f'<w:jc w:val="{jc}"/>' if jc else "") + "</w:pPr>")


def _styles(table: bool) -> list[str]:
    cell_size = 24   # 小四 (12 pt): the 对照表, and the annex 分工表 of a plan
    normal = (f'<w:style {nsdecls("w")} w:type="paragraph" w:default="1" w:styleId="Normal">'
              f'<w:name w:val="Normal"/><w:qFormat/>{BODY_PPR}{_rpr(FANGSONG, SIZE_3, condense=True)}</w:style>')
    return [
        normal,
        _style("paragraph", STYLE_TITLE, "公文标题", _off_grid_ppr(LINE_PITCH, "exact", "center"),
               _rpr(XIAOBIAOSONG, SIZE_2), based_on="Normal"),
        _style("paragraph", STYLE_HEADING1, "一级标题", '<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>',
               _rpr(HEITI, SIZE_3, condense=True), based_on="Normal"),
        _style("character", STYLE_HEADING2_CHAR, "二级标题", "", _rpr(KAITI, None)),
        # Word's schema allows no w:highlight in a style: the runs carry it themselves (wml.run(highlight=…)).
        _style("character", STYLE_TODO_CHAR, "待起草", "", ""),
        _style("paragraph", STYLE_PAGE_NUMBER, "页码", _off_grid_ppr(240, "auto"),
               _rpr(SONGTI, SIZE_4, extra=NO_CONDENSE), based_on="Normal"),
        _style("paragraph", "CommentText", "annotation text", _off_grid_ppr(240, "auto", "left"),
               _rpr(SONGTI, SIZE_COMMENT, extra=NO_CONDENSE), based_on="Normal"),
        _style("character", "CommentReference", "annotation reference", "", '<w:rPr><w:sz w:val="18"/></w:rPr>'),
        _style("paragraph", STYLE_TABLE_TEXT, "表格文字", _off_grid_ppr(360, "exact", "both"),
               _rpr(FANGSONG, cell_size, extra=NO_CONDENSE), based_on="Normal"),
        _style("paragraph", STYLE_TABLE_HEAD, "表头", _off_grid_ppr(360, "exact", "center", keep_next=True),
               _rpr(HEITI, cell_size, extra=NO_CONDENSE), based_on=STYLE_TABLE_TEXT),
    ]


def _set_defaults(doc: Document) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    new = parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault>{_rpr(FANGSONG, SIZE_3)}</w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>")
    styles.replace(defaults, new)
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def _add_styles(doc: Document, table: bool) -> None:
    styles = doc.styles.element
    for xml in _styles(table):
        element = parse_xml(xml)
        style_id = element.get(qn("w:styleId"))
        for old in styles.findall(qn("w:style")):
            if old.get(qn("w:styleId")) == style_id:
                styles.remove(old)
        styles.append(element)


def _page(doc: Document, landscape: bool) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height
    margins = ({"top": 28, "bottom": 26, "left": 25, "right": 25} if landscape else MARGINS_MM)
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM if not landscape else 15)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f'<w:docGrid {nsdecls("w")}/>')
        section._sectPr.append(grid)
    if landscape:
        grid.attrib.pop(qn("w:type"), None)
        grid.set(qn("w:linePitch"), "312")
    else:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.attrib.pop(qn("w:charSpace"), None)


def page_number_paragraph_xml(align: str) -> str:
    """"— N —" with a PAGE field; one character in from the right (odd) or left (even) edge."""
    ind = f'w:right="{SIZE_4 * 10}"' if align == "right" else f'w:left="{SIZE_4 * 10}"'
    # The spaces around the number are widened a little so the "— 1 —" reads as three
    # pieces in any viewer (a plain space of the CJK face is very narrow).
    space = '<w:r><w:rPr><w:spacing w:val="80"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
    dash = '<w:r><w:t>—</w:t></w:r>'
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{STYLE_PAGE_NUMBER}"/>'
            f'<w:ind {ind} w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
            + dash + space + field + space + dash + "</w:p>")


def _page_numbers(doc: Document) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        element = footer._element
        for p in element.findall(qn("w:p")):
            element.remove(p)
        element.append(parse_xml(page_number_paragraph_xml(align)))


def _language(doc: Document) -> None:
    """Theme font language zh-CN for East Asian text (the template has the element, after m:mathPr)."""
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="en-US"/>')
        anchor = settings.find(qn("w:clrSchemeMapping"))
        (anchor.addprevious(lang) if anchor is not None else settings.append(lang))
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_properties(doc: Document, title: str) -> None:
    """File properties Word shows (python-docx's template says "python-docx", 2013)."""
    props = doc.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props.title, props.author, props.last_modified_by = title, "PolicyDesk", "PolicyDesk"
    props.comments, props.language, props.revision = "", "zh-CN", 1
    props.created = props.modified = now


def official_document() -> Document:
    """An empty A4 document in GB/T 9704 layout: page, grid, styles, odd/even page numbers."""
    doc = new_docx()
    _page(doc, landscape=False)
    _set_defaults(doc)
    _add_styles(doc, table=False)
    _page_numbers(doc)
    _language(doc)
    _clear_body(doc)
    return doc


def landscape_document() -> Document:
    """An empty landscape A4 document with the same faces, for the comparison table."""
    doc = new_docx()
    _page(doc, landscape=True)
    _set_defaults(doc)
    _add_styles(doc, table=True)
    _page_numbers(doc)
    _language(doc)
    _clear_body(doc)
    return doc


def _clear_body(doc: Document) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
