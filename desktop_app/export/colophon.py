"""The 版记 (抄送, 印发机关, 印发日期 between separator lines) at the foot of an even page.

Built as a two-column table as wide as the text block: its borders are the
separator lines (first and last 0.35 mm, between them 0.25 mm), its cell margins
put the text one character in from each side, and exact row heights on the
body's grid, after the right number of blank grid lines, put the last line on
the bottom edge of the text block.  The section holding it starts on an even
page (``w:type evenPage``), so the 版记 is always on the back of a sheet.
"""

from __future__ import annotations

import math

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ..drafting.model import Draft
from ..drafting.package import TO_SUPPLY, cn_date
from . import gbt9704 as g
from .sections import TWIPS_PER_MM
from .wml import el

TEXT_WIDTH_TWIPS = round(156 * TWIPS_PER_MM)
INSET_TWIPS = g.SIZE_4 * 10                  # one 4号 character
LINE_0_35 = 8                                # border widths in eighths of a point: 0.35 mm ≈ 1 pt
LINE_0_25 = 6                                # 0.25 mm ≈ 0.75 pt
BORDER_ALLOWANCE = 70                        # twips: the three lines' widths (2.75 pt) and a little room
CHARS_PER_ROW = (TEXT_WIDTH_TWIPS - 2 * INSET_TWIPS) / INSET_TWIPS


def cc_text(cc: tuple[str, ...]) -> str:
    """``抄送：A，B，C。`` (a full-width colon after 抄送, a 句号 after the last recipient)."""
    names = [c.strip().rstrip("。，,") for c in cc if c.strip()]
    return "抄送：" + "，".join(names) + "。" if names else ""


def _lines(text: str, first_width: float) -> int:
    from .issuing import width

    return max(1, math.ceil((width(text) - first_width) / (CHARS_PER_ROW - 3)) + 1) if width(text) > first_width \
        else 1


def _cell(text: str, jc: str, span: int = 1, hanging_chars: int = 0):
    tc = el("w:tc")
    tcpr = el("w:tcPr")
    tcpr.append(el("w:tcW", w=str(TEXT_WIDTH_TWIPS // (2 if span == 1 else 1)), type="dxa"))
    if span > 1:
        tcpr.append(el("w:gridSpan", val=str(span)))
    tcpr.append(el("w:vAlign", val="center"))
    tc.append(tcpr)
    hanging = hanging_chars * INSET_TWIPS
    p = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{g.LINE_PITCH}" w:lineRule="exact"/>'
        f'<w:ind w:left="{hanging}" w:hanging="{hanging}" w:firstLineChars="0"/><w:jc w:val="{jc}"/>'
        f'<w:rPr><w:sz w:val="{g.SIZE_4}"/><w:szCs w:val="{g.SIZE_4}"/></w:rPr></w:pPr></w:p>')
    for piece, missing in _pieces(text):
        p.append(_run(piece, missing))
    tc.append(p)
    return tc


def _run(text: str, missing: bool):
    mark = '<w:highlight w:val="yellow"/>' if missing else ""
    r = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:spacing w:val="0"/><w:sz w:val="{g.SIZE_4}"/>'
                  f'<w:szCs w:val="{g.SIZE_4}"/>{mark}</w:rPr><w:t xml:space="preserve">_</w:t></w:r>')
    r[-1].text = text
    return r


def _pieces(text: str) -> list[tuple[str, bool]]:
    out = []
    for i, piece in enumerate(text.split(TO_SUPPLY)):
        if i:
            out.append((TO_SUPPLY, True))
        if piece:
            out.append((piece, False))
    return out


def _row(cells: list, lines: int):
    tr = el("w:tr")
    trpr = el("w:trPr")
    trpr.append(el("w:cantSplit"))
    trpr.append(el("w:trHeight", val=str(lines * g.LINE_PITCH), hRule="exact"))
    tr.append(trpr)
    for tc in cells:
        tr.append(tc)
    return tr


def colophon_table(draft: Draft):
    """The 版记 table and the number of grid lines it takes."""
    pkg = draft.package
    half = TEXT_WIDTH_TWIPS // 2
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders><w:top w:val="single" w:sz="{LINE_0_35}" w:space="0" w:color="000000"/>'
        f'<w:left w:val="nil"/><w:bottom w:val="single" w:sz="{LINE_0_35}" w:space="0" w:color="000000"/>'
        f'<w:right w:val="nil"/><w:insideH w:val="single" w:sz="{LINE_0_25}" w:space="0" w:color="000000"/>'
        '<w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{INSET_TWIPS}" w:type="dxa"/><w:right w:w="{INSET_TWIPS}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{TEXT_WIDTH_TWIPS - half}"/></w:tblGrid></w:tbl>')
    total = 0
    cc = cc_text(pkg.cc)
    if cc:
        lines = _lines(cc, CHARS_PER_ROW)
        tbl.append(_row([_cell(cc, "left", span=2, hanging_chars=3)], lines))
        total += lines
    printer = pkg.printer or TO_SUPPLY
    day = (cn_date(pkg.print_date) if pkg.print_date else TO_SUPPLY) + "印发"
    tbl.append(_row([_cell(printer, "left"), _cell(day, "right")], 1))
    return tbl, total + 1


def colophon(draft: Draft) -> list:
    """Blank grid lines, the 版记 table, and the paragraph Word requires after a table (too thin to spill)."""
    table, lines = colophon_table(draft)
    count = max(0, g.LINES_PER_PAGE - lines)
    # The first blank line is a little short, by the width of the separator lines (about 3 pt), which
    # LibreOffice adds to the exact row heights: the last line then sits on the bottom edge without spilling.
    first = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{g.LINE_PITCH - BORDER_ALLOWANCE}" w:lineRule="exact"/>'
        '</w:pPr></w:p>')
    blanks = [first] + [el("w:p") for _ in range(count - 1)] if count else []
    tail = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="0" w:after="0" w:line="10" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
    return [*blanks, table, tail]
