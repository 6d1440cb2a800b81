"""The 征求意见反馈表 sent to one department: one row per clause (条款 | 修改意见 | 理由).

The department's name stands at the top (and in the page header); each row's
clause cell carries the clause's anchor and the file carries the draft id, so a
filled form is read back against the right draft and clause.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn

from ..drafting.edit import with_full_width_punctuation
from ..drafting.model import Draft
from ..export import anchors
from ..export import gbt9704 as g
from ..export.simple_table import save
from .docxread import FORM_HEADERS, UNIT_LABEL
from .mapping import PREAMBLE
from .wordkit import PLACEHOLDER, add, group_row, plain_title, row, table

WIDTHS = (80.0, 107.0, 60.0)
OTHER = "其他意见"
HOW = (f"填写说明：请在“修改意见”栏填写对该条的具体修改意见，在“理由”栏简要说明理由；无意见的条款留空即可。"
       f"请于{PLACEHOLDER}前反馈。")


def render_form(draft: Draft, unit: str) -> Document:
    draft = with_full_width_punctuation(draft)
    doc = g.landscape_document()
    title = f"《{plain_title(draft.title)}》征求意见反馈表"
    g.set_properties(doc, title)
    anchors.set_draft_id(doc, draft.id)
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = f"{UNIT_LABEL}：{unit}"
    add(doc, g.STYLE_TITLE, title)
    add(doc, g.STYLE_TABLE_TEXT)
    add(doc, g.STYLE_TABLE_TEXT, f"{UNIT_LABEL}：{unit}")
    add(doc, g.STYLE_TABLE_TEXT, "联系人：　　　　　　　　联系电话：　　　　　　　　日期：")
    add(doc, g.STYLE_TABLE_TEXT, HOW)
    add(doc, g.STYLE_TABLE_TEXT)
    t = table(doc, FORM_HEADERS, WIDTHS)
    _anchored_row(t, "序言", PREAMBLE)
    for np in draft.numbered():
        group_row(t, np.num + np.part.heading, sum(WIDTHS))
        if not np.clauses:
            _anchored_row(t, f"第{np.num.rstrip('、')}部分 {np.part.heading}", np.part.id)
        for nc in np.clauses:
            _anchored_row(t, nc.num + nc.clause.heading, nc.clause.id)
    row(t, [OTHER, "", ""], WIDTHS)
    return doc


def _anchored_row(t, label: str, unit_id: str) -> None:
    cells = row(t, [label, "", ""], WIDTHS, min_height_mm=14)
    p = cells[0]._tc.find(qn("w:p"))
    anchors.mark(p, p, unit_id)


def export_form(draft: Draft, unit: str, path: str | Path, *, overwrite: bool = False) -> Path:
    return save(render_form(draft, unit), path, overwrite)
