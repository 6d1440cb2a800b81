"""Page numbers of landscape annex pages where they are on the portrait pages (GB/T 9704: "— N —" stays put).

A landscape page is bound with its top (the table head) on the binding side: on an odd
page the top lies along the sheet's left edge, on an even page along its right edge.  Turned
back to portrait, the number must then sit where every other page has it, 7 mm below the text
block and one character in from the outer edge.  In the landscape page's own coordinates that
is a narrow text box on its left edge (odd pages, text running downwards) or its right edge
(even pages, running upwards), anchored to the page in the landscape section's own footers.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from . import gbt9704 as g

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
EMU_PER_MM = 36000
PAGE_W, PAGE_H = 210, 297                       # the portrait sheet, mm
BLOCK_BOTTOM = PAGE_H - g.MARGINS_MM["bottom"]  # 262 mm
NUMBER_TOP = BLOCK_BOTTOM + 7                   # 7 mm below the text block
NUMBER_HEIGHT = 6.5                             # a 4号 line
ONE_CHAR = 14 * 25.4 / 72                       # 4号: 4.94 mm
BOX_LENGTH = 40                                 # room for "— 123 —"


def _field_runs() -> str:
    size = f'<w:rPr>{g.rfonts_xml(g.SONGTI)}<w:sz w:val="{g.SIZE_4}"/><w:szCs w:val="{g.SIZE_4}"/></w:rPr>'
    # the spaces widened as in the portrait footers (gbt9704.page_number_paragraph_xml)
    space = (f'<w:r><w:rPr>{g.rfonts_xml(g.SONGTI)}<w:spacing w:val="80"/><w:sz w:val="{g.SIZE_4}"/></w:rPr>'
             '<w:t xml:space="preserve"> </w:t></w:r>')
    return (f'<w:r>{size}<w:t>—</w:t></w:r>{space}'
            f'<w:r>{size}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{size}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{size}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{size}<w:t>1</w:t></w:r>'
            f'<w:r>{size}<w:fldChar w:fldCharType="end"/></w:r>'
            f'{space}<w:r>{size}<w:t>—</w:t></w:r>')


def _box(odd: bool, shape_id: int):
    """The anchored text box (landscape page coordinates, mm) holding the rotated number."""
    if odd:    # portrait → landscape turned clockwise: x_l = 297 - y_p, y_l = x_p; text runs downwards
        x = PAGE_H - (NUMBER_TOP + NUMBER_HEIGHT)
        end = PAGE_W - g.MARGINS_MM["right"] - ONE_CHAR     # the number ends one character in from the right
        y, vert, jc = end - BOX_LENGTH, "vert", "right"
    else:      # turned anticlockwise: x_l = y_p, y_l = 210 - x_p; text runs upwards
        x = NUMBER_TOP
        start = g.MARGINS_MM["left"] + ONE_CHAR             # the number starts one character in from the left
        y, vert, jc = PAGE_W - start - BOX_LENGTH, "vert270", "left"
    cx, cy = round(NUMBER_HEIGHT * EMU_PER_MM), round(BOX_LENGTH * EMU_PER_MM)
    return parse_xml(
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{shape_id}" '
        'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * EMU_PER_MM)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y * EMU_PER_MM)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="页码{shape_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent>'
        f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>{_field_runs()}</w:p>'
        '</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="{vert}" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def rotate_numbers(doc: Document, section_index: int) -> None:
    """Give landscape section *section_index* its own footers with the numbers placed as on portrait pages."""
    section = doc.sections[section_index]
    sect = section._sectPr
    for ref in sect.findall(qn("w:footerReference")):
        sect.remove(ref)
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        element = footer._element
        for p in element.findall(qn("w:p")):
            element.remove(p)
        p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
                      'w:lineRule="exact"/></w:pPr></w:p>')
        p.append(_box(odd, 9000 + section_index * 2 + odd))
        element.append(p)
