"""The words shown for what the domain names by code: document kinds, completeness, link relations.

One place for every view, the command line and exports to read (the style guide's "labels the domain
owns live in one module").  Keys are the enums' values; as the enums are ``str`` enums, a member
(``DocumentKind.CENTRAL``) and its value (``"central"``) find the same label.  No Qt, and nothing
imported from the model, so the model itself may read its labels from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module: only the type is named here
    from .model import Notice, TaskDivision

KIND_LABELS = {"central": "中央", "provincial": "省级", "city": "市级", "other": "其他"}
COMPLETENESS_LABELS = {"full": "全文", "partial": "部分原文", "heading-only": "仅标题"}
RELATION_LABELS = {"implements": "落实", "related": "相关"}

# how an incomplete clause is marked: in the document tree, at the head of the text, and in exports
COMPLETENESS_TAGS = {"partial": "〔部分原文〕", "heading-only": "〔仅标题〕"}
COMPLETENESS_NOTICES = {"partial": "【部分原文】", "heading-only": "【仅标题】"}
COMPLETENESS_MARKS = {"partial": "【仅收录部分原文，非全文】", "heading-only": "【仅收录标题，正文缺失】"}


def kind_label(kind: str) -> str:
    """``中央`` for ``DocumentKind.CENTRAL`` (or ``"central"``); an unknown code is shown as it is."""
    return KIND_LABELS.get(kind, str(kind))


def completeness_label(completeness: str) -> str:
    return COMPLETENESS_LABELS.get(completeness, str(completeness))


def relation_label(relation: str) -> str:
    return RELATION_LABELS.get(relation, str(relation))


def completeness_tag(completeness: str) -> str:
    """``〔仅标题〕`` after a heading in a list; empty for a full text."""
    return COMPLETENESS_TAGS.get(completeness, "")


def completeness_notice(completeness: str) -> str:
    """``【仅标题】`` before the explanation under a clause; empty for a full text."""
    return COMPLETENESS_NOTICES.get(completeness, "")


def completeness_mark(completeness: str) -> str:
    """``【仅收录标题，正文缺失】`` in an exported table or beside a quoted clause; empty for a full text."""
    return COMPLETENESS_MARKS.get(completeness, "")


def division_fields(division: TaskDivision) -> list[str]:
    """[牵头单位 …, 责任单位 …, 完成时限 …] as the plan printed them (the last two only when printed)."""
    fields = [f"牵头单位 {division.lead or '（未列）'}"]
    if division.partners:
        fields.append("责任单位 " + "、".join(division.partners))
    if division.deadline:
        fields.append(f"完成时限 {division.deadline}")
    return fields


def division_text(division: TaskDivision) -> str:
    """分工（原文件）：牵头单位 …；责任单位 …；完成时限 … (a clause's task division as the plan printed it)."""
    return "分工（原文件）：" + "；".join(division_fields(division))


def notice_text(notice: Notice) -> str:
    """印发通知：<title>（主送：…）"""
    return f"印发通知：{notice.title}（主送：{notice.addressees or '未识别'}）"
