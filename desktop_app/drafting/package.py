"""What turns a draft into an issuable document: issuers, dates, 文号, 版记 and how task division is printed.

Every field is the drafter's; nothing here is guessed.  A fact left empty is
printed as :data:`TO_SUPPLY` (【请补充】) where the document needs it.  The
conventions behind the choices (the attested inline forms, the default columns
of the annex table) are in ``shared/reference/city-plan-conventions.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..core.errors import LookupFailed

TO_SUPPLY = "【请补充】"
TO_CHECK = "待核"


class DivisionMode:
    """Where the task division is printed (``--division``)."""

    INLINE = "inline"
    ANNEX = "annex"
    BOTH = "both"
    NONE = "none"
    ALL = (INLINE, ANNEX, BOTH, NONE)


DIVISION_LABELS = {DivisionMode.INLINE: "条款后括注", DivisionMode.ANNEX: "附件分工表",
                   DivisionMode.BOTH: "括注并附分工表", DivisionMode.NONE: "不列分工"}


# The attested inline forms (reference §1); the example is what the window shows beside the choice.
INLINE_FORMS = {
    "lead": "（市公安局牵头，市发展改革委、市人力资源社会保障局按职责分工负责）",
    "joint": "（市人力资源社会保障局、市医保局、市财政局、市税务局负责）",
    "first-listed": "（市发展改革委、市人力资源社会保障局等负责，列第一位者为牵头单位，下同）",
    "lines": "牵头单位：市发展改革委／责任单位：市财政局等有关部门（条款下另起一行）",
}
DEFAULT_INLINE_FORM = "lead"

# Columns of the annex table: key → default heading.  The drafter may drop or rename any but the task.
COLUMNS = ("序号", "重点任务", "具体措施", "牵头单位", "责任单位", "完成时限")
REQUIRED_COLUMN = "重点任务"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


DEFAULT_COLUMNS = tuple(Column(k, k) for k in COLUMNS)


@dataclass(frozen=True)
class DocumentPackage:
    """The document's issuing facts and print choices (saved in the draft file, see docs/draft-format.md)."""

    issuers: tuple[str, ...] = ()       # 发文机关署名, the main issuer first
    date: str = ""                      # 成文日期, ISO (2020-07-15)
    doc_number: str = ""                # 发文字号 (鞍政办发〔2020〕12号)
    cc: tuple[str, ...] = ()            # 抄送
    printer: str = ""                   # 印发机关
    print_date: str = ""                # 印发日期, ISO
    notice: bool = False                # wrap the plan in a 印发通知
    addressee: str = ""                 # 主送 of the notice; empty: the usual one for the issuers
    public: bool = False                # 附注（此件公开发布）
    division: str = DivisionMode.ANNEX
    inline_form: str = DEFAULT_INLINE_FORM
    columns: tuple[Column, ...] = DEFAULT_COLUMNS


class PackageError(LookupFailed, ValueError):
    """A value given by the user the document cannot use (bad date, unknown column); the message is Chinese.

    A :class:`LookupFailed`, so the command line exits with 2 (bad input), as for an unknown city.
    """


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def parse_date(text: str) -> str:
    """``2020-07-15``, ``2020-7-15`` or ``2020年7月15日`` → ``2020-07-15``; empty stays empty.

    Raises:
        PackageError: not a date.
    """
    text = text.strip()
    if not text:
        return ""
    m = _ISO.match(text) or _CN.match(text)
    try:
        if not m:
            raise ValueError
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        raise PackageError(f"日期“{text}”无效，应写作 2020-07-15 或 2020年7月15日") from None


def cn_date(iso: str) -> str:
    """``2020-07-15`` → ``2020年7月15日`` (Arabic numerals, no leading zeros); empty → 【请补充】."""
    if not iso:
        return TO_SUPPLY
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def parse_columns(text: str) -> tuple[Column, ...]:
    """``序号,重点任务,牵头单位=牵头部门`` → columns in that order, ``key=label`` renaming one.

    Raises:
        PackageError: an unknown or repeated column, or no 重点任务.
    """
    out: list[Column] = []
    for item in (x.strip() for x in re.split(r"[,，、]", text) if x.strip()):
        key, _, label = item.partition("=")
        key, label = key.strip(), (label.strip() or key.strip())
        if key not in COLUMNS:
            raise PackageError(f"没有“{key}”这一列；可选：{'、'.join(COLUMNS)}")
        if any(c.key == key for c in out):
            raise PackageError(f"“{key}”列重复")
        out.append(Column(key, label))
    if not any(c.key == REQUIRED_COLUMN for c in out):
        raise PackageError(f"分工表必须有“{REQUIRED_COLUMN}”列")
    return tuple(out)


def columns_text(columns: tuple[Column, ...]) -> str:
    """The inverse of :func:`parse_columns`."""
    return ",".join(c.key if c.key == c.label else f"{c.key}={c.label}" for c in columns)


def approving_bodies(issuers: tuple[str, ...]) -> str:
    """Whose approval an office's notice cites: 中共鞍山市委办公室 → 市委, 鞍山市人民政府办公室 → 市政府."""
    bodies = []
    for issuer in issuers:
        if not issuer.endswith(("办公室", "办公厅")):
            continue
        if "委" in issuer and "人民政府" not in issuer:
            bodies.append("市委")
        elif "人民政府" in issuer:
            bodies.append("市政府")
    return "、".join(dict.fromkeys(bodies))


def default_addressee(issuers: tuple[str, ...]) -> str:
    """The usual 主送 of a notice from these issuers (the 昆办通〔2021〕40号 form when the party committee joins)."""
    if any("委" in i and "人民政府" not in i for i in issuers):
        return "各县（市）区党委和人民政府，市委各部委，市级国家机关各部门"
    return "各县（市）区人民政府，市政府各部门，各有关单位"
