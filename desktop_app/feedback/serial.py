"""Reading the ``feedback`` and ``versions`` keys of a draft file (format version 3).

The draft file reader (``drafting/store.py``) calls :func:`read_feedback` and
:func:`read_versions` with its own ``fail(where, problem)`` so that a mistyped
field is reported at its place, like every other field of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .items import FeedbackItem, Kind, Match, Status, Version

Fail = Callable[[str, str], Exception]
_TEXT_FIELDS = ("unit", "author", "date", "file", "quote", "text", "reason", "note", "before", "after",
                "unit_source", "imported")


def _enum(enum: type, value: Any, where: str, fail: Fail):
    try:
        return enum(value)
    except ValueError:
        raise fail(where, f"取值 {value!r} 无效") from None


def _item(obj: Any, where: str, fail: Fail) -> FeedbackItem:
    if not isinstance(obj, dict):
        raise fail(where, "应为对象")
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        raise fail(where, "缺少字段 'id'")
    texts = {}
    for key in _TEXT_FIELDS:
        value = obj.get(key, "")
        if not isinstance(value, str):
            raise fail(where, f"字段 {key!r} 类型不对")
        texts[key] = value
    clause_id = obj.get("clause_id")
    if clause_id is not None and not isinstance(clause_id, str):
        raise fail(where, "字段 'clause_id' 类型不对")
    if not isinstance(obj.get("applied", False), bool):
        raise fail(where, "字段 'applied' 类型不对")
    return FeedbackItem(
        id=obj["id"], kind=_enum(Kind, obj.get("kind"), where, fail), clause_id=clause_id or None,
        match=_enum(Match, obj.get("match", "none"), where, fail),
        status=_enum(Status, obj.get("status", "pending"), where, fail), applied=obj.get("applied", False),
        **texts)


def read_feedback(values: Any, fail: Fail) -> tuple[FeedbackItem, ...]:
    if not isinstance(values, list):
        raise fail("文件", "字段 'feedback' 类型不对")
    items = tuple(_item(v, f"意见{i + 1}", fail) for i, v in enumerate(values))
    ids = [i.id for i in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise fail("意见", f"编号重复：{'、'.join(dupes)}")
    return items


def read_versions(values: Any, fail: Fail, check_part: Callable[[Any, str], Any]) -> tuple[Version, ...]:
    """The named versions; each version's parts are checked with the draft reader's own *check_part*."""
    if not isinstance(values, list):
        raise fail("文件", "字段 'versions' 类型不对")
    out = []
    for i, obj in enumerate(values):
        where = f"版本{i + 1}"
        if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or not obj["name"].strip():
            raise fail(where, "缺少版本名称")
        if not isinstance(obj.get("parts"), list) or not isinstance(obj.get("title", ""), str):
            raise fail(where, "缺少字段 'parts'")
        for j, part in enumerate(obj["parts"]):
            check_part(part, f"{where}第 {j + 1} 部分")
        snapshot = {k: obj[k] for k in ("title", "preamble", "parts") if k in obj}
        out.append(Version(obj["name"], str(obj.get("saved", "")), snapshot))
    return tuple(out)
