"""The 意见采纳情况表: every item, grouped by the clause it concerns, with its decision and the totals."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from ..drafting.model import Draft
from ..export import gbt9704 as g
from ..export.simple_table import save
from .items import FeedbackItem, Status
from .views import in_draft_order, opinion, place, totals, unit_label
from .wordkit import PLACEHOLDER, add, group_row, plain_title, row, table

HEADERS = ("序号", "反馈单位", "条款", "意见内容", "是否采纳", "处理情况及理由")
WIDTHS = (14.0, 40.0, 30.0, 83.0, 20.0, 60.0)
ADOPTION = {Status.ADOPTED: "采纳", Status.PARTLY: "部分采纳", Status.REJECTED: "不采纳", Status.PENDING: "待定"}


def totals_line(draft: Draft) -> str:
    t = totals(draft)
    line = (f"共 {t.units} 个单位反馈意见 {t.items} 条，其中采纳 {t.adopted} 条，部分采纳 {t.partly} 条，"
            f"不采纳 {t.rejected} 条，待定 {t.pending} 条。")
    if t.without_unit:
        line += f"另有 {t.without_unit} 条意见的反馈单位待确认。"
    return line


def unit_cell(item: FeedbackItem) -> str:
    return item.unit or f"单位待确认（作者：{item.author or '未署名'}）"


def handling(item: FeedbackItem) -> str:
    """处理情况及理由: the drafter's reason; what the data says; otherwise a placeholder."""
    if item.reason:
        return item.reason
    if item.status is Status.ADOPTED and item.applied:
        return "已按意见修改条文"
    if item.status is Status.PENDING:
        return "尚未研究决定"
    return PLACEHOLDER


def render_adoption(draft: Draft) -> Document:
    doc = g.landscape_document()
    title = f"《{plain_title(draft.title)}》征求意见采纳情况表"
    g.set_properties(doc, title)
    add(doc, g.STYLE_TITLE, title)
    add(doc, g.STYLE_TABLE_TEXT)
    add(doc, g.STYLE_TABLE_TEXT, totals_line(draft))
    add(doc, g.STYLE_TABLE_TEXT)
    t = table(doc, HEADERS, WIDTHS)
    numbers, group = draft.numbers(), ...
    for n, item in enumerate(in_draft_order(draft), 1):
        where = place(draft, item.clause_id, numbers)
        if item.clause_id != group:
            group = item.clause_id
            group_row(t, _group_title(draft, item, where), sum(WIDTHS))
        row(t, [str(n), unit_cell(item), where, opinion(item), ADOPTION[item.status], handling(item)], WIDTHS)
    group_row(t, "合计：" + totals_line(draft), sum(WIDTHS))
    return doc


def _group_title(draft: Draft, item: FeedbackItem, where: str) -> str:
    if not item.clause_id:
        return "未对应到条款的意见"
    num, heading = unit_label(draft, item.clause_id)
    return f"{num}{heading}" if num else where


def export_adoption(draft: Draft, path: str | Path, *, overwrite: bool = False) -> Path:
    return save(render_adoption(draft), path, overwrite)
