"""The annex 重点任务分工表: a landscape table of every printed clause with its units and deadline.

The annex starts on a new page with "附件" (and its number when there are
several) in 3号黑体 at the top left, the title centred on line 3, then the
table with the drafter's columns (default 序号 | 重点任务 | 具体措施 | 牵头单位 |
责任单位 | 完成时限).  重点任务 holds the clause's heading; the first unit of
牵头单位 is the lead.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ..drafting.build import TO_COMPLETE
from ..drafting.division import units_text
from ..drafting.model import Draft, NumberedClause
from ..drafting.package import TO_SUPPLY, Column
from . import gbt9704 as g
from .sections import LANDSCAPE_TEXT_WIDTH_MM, TWIPS_PER_MM
from .wml import el, paragraph, run

TITLE = "重点任务分工表"
# Relative widths of the columns; the chosen ones share the landscape text width in these proportions.
WEIGHTS = {"序号": 15, "重点任务": 36, "具体措施": 96, "牵头单位": 28, "责任单位": 36, "完成时限": 26}


def cell_text(key: str, row: int, nc: NumberedClause) -> str:
    clause = nc.clause
    if key == "序号":
        return str(row)
    if key == "重点任务":
        return clause.heading
    if key == "具体措施":
        return clause.body
    if key == "牵头单位":
        return clause.lead or TO_SUPPLY
    if key == "责任单位":
        return units_text(clause.partners)
    return clause.deadline or TO_SUPPLY


def label_paragraphs(number: int | None, title: str) -> list:
    """Line 1: 附件[N] flush left in 3号黑体; line 2 blank; line 3: the title centred."""
    label = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="{g.LINE_PITCH}" '
        'w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr></w:p>')
    r = run(f"附件{number or ''}")
    r.insert(0, parse_xml(f'<w:rPr {nsdecls("w")}>{g.rfonts_xml(g.HEITI)}</w:rPr>'))
    label.append(r)
    return [label, paragraph(), paragraph(g.STYLE_TITLE, title), paragraph()]


def _cell(lines: list[str], width: int, style: str, center: bool = False):
    tc = el("w:tc")
    tcpr = el("w:tcPr")
    tcpr.append(el("w:tcW", w=str(width), type="dxa"))
    tcpr.append(el("w:vAlign", val="center"))
    tc.append(tcpr)
    for line in lines or [""]:
        p = paragraph(style)
        if center:
            p[0].append(el("w:jc", val="center"))
        if TO_SUPPLY in line or TO_COMPLETE in line:
            p.append(run(line, highlight="yellow"))
        elif line:
            p.append(run(line))
        tc.append(p)
    return tc


def _row(cells: list, header: bool = False):
    tr = el("w:tr")
    trpr = el("w:trPr")
    if header:     # repeated on every page; body rows may break across pages (a long 具体措施 would otherwise
        trpr.append(el("w:cantSplit"))   # leave most of a page empty)
        trpr.append(el("w:tblHeader"))
    tr.append(trpr)
    for tc in cells:
        tr.append(tc)
    return tr


def widths(columns: tuple[Column, ...]) -> list[int]:
    total = sum(WEIGHTS[c.key] for c in columns)
    full = LANDSCAPE_TEXT_WIDTH_MM * TWIPS_PER_MM
    return [int(full * WEIGHTS[c.key] / total) for c in columns]


def division_table(draft: Draft, columns: tuple[Column, ...]):
    """The table element: a repeated header row, then one row per printed clause."""
    sizes = widths(columns)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in sizes)
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(sizes)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid></w:tbl>")
    tbl.append(_row([_cell([c.label], w, g.STYLE_TABLE_HEAD) for c, w in zip(columns, sizes, strict=True)],
                    header=True))
    clauses = [nc for np in draft.numbered() for nc in np.clauses]
    for number, nc in enumerate(clauses, 1):
        cells = []
        for column, w in zip(columns, sizes, strict=True):
            lines = cell_text(column.key, number, nc).split("\n")
            cells.append(_cell(lines, w, g.STYLE_TABLE_TEXT, center=column.key in ("序号", "完成时限")))
        tbl.append(_row(cells))
    return tbl


def division_annex(draft: Draft, number: int | None) -> list:
    """Everything of the annex after its page break: label, title, table, and a closing paragraph."""
    return [*label_paragraphs(number, TITLE), division_table(draft, draft.package.columns), paragraph()]
