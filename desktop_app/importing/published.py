"""Plans as cities publish them: the 印发通知 around the plan, the annexes after it, the 版记 at the end.

A published plan reads::

    昆明市人民政府办公室文件                         <- 红头 (optional)
    昆办通〔2021〕40号                               <- 文号 (〔〕 or ﹝﹞)
    中共昆明市委办公室 昆明市人民政府办公室
    关于印发《昆明市……实施方案》的通知             <- the notice's title (may wrap)
    各县（市）区党委和人民政府，……：               <- 主送
    《昆明市……实施方案》已经市委、市政府同意，现印发给你们，请结合实际认真贯彻落实。
    中共昆明市委办公室 昆明市人民政府办公室          <- issuers (one line or several)
    2021年6月3日                                     <- date
    （此件公开发布）                                 <- 附注 (optional)
    昆明市……实施方案                               <- the plan: its title, body …
    一、……
    附件：重点任务分工表                             <- annexes: never part of a clause
    抄送：……  / 中共昆明市委办公室 2021年6月4日印发 <- 版记: dropped

:func:`split_published` takes the notice and the annexes apart from the plan's
own lines; what the notice says becomes the document's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.model import Notice
from ..core.normalize import normalize_text
from ..linking.docnumber import DOC_NUMBER_RE, normalise_doc_number
from .header import is_issuer, parse_date

NOTICE_WINDOW = 12          # the notice's title is among the first lines
PLAN_WINDOW = 80           # the plan's title follows the notice within this many lines
TITLE_WRAP = 3              # a long notice title printed over up to three lines
_NOTICE_TITLE = re.compile(r"^[《〈]?(?P<who>.*?)(?:关于)?(?:转发|印发)"
                           r"(?:[《〈](?P<plan>.+)[》〉]|(?P<bare>.+?))的通知[》〉]?$")
_ANNEX = re.compile(r"^附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[：:].{0,60})?$")
_REMARK = re.compile(r"^[（(]此件.{1,20}[)）]$")
_PRINTED = re.compile(r"^.{2,60}?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")
_CC = re.compile(r"^抄\s*送\s*[：:]")


@dataclass(frozen=True)
class Published:
    """A published file's lines taken apart."""

    plan: list[str]                              # the plan's own lines (title, body, its signature)
    annex: list[str] = field(default_factory=list)  # lines from the first 附件 on (tables not included)
    notice: Notice | None = None
    issuer: str = ""
    doc_number: str = ""
    date: str = ""
    plan_title: str = ""                         # the title named in the notice (《……》)


def split_published(lines: list[str], is_numbered: Callable[[str], bool]) -> Published:
    """The notice (when there is one), the plan and its annexes; 版记 lines are dropped."""
    lines = _without_imprint(lines, is_numbered)
    found = _notice_title(lines)
    if found is None:
        plan, annex = _split_annex(lines, is_numbered)
        return Published(plan, annex)
    start, end, title = found
    reader = _NoticeReader(title)
    for line in lines[:start]:
        reader.before(line)
    rest = lines[end:]
    at = _plan_start(rest, _plan_title(title))
    if at is not None:   # the plan's title printed again: everything before it is the notice
        reader.read(rest[:at], lambda line: False)
        rest = rest[at:]
    else:
        rest = reader.read(rest, is_numbered)
    plan, annex = _split_annex(rest, is_numbered)
    return Published(plan, annex, reader.notice(), reader.issuer, reader.doc_number, reader.date,
                     _plan_title(title))


def _plan_start(lines: list[str], plan_title: str) -> int | None:
    """Where the plan's own title line is (it may wrap over two lines), among the lines after the notice's title.

    A notice with points of its own (一、…二、… 通知如下) is read whole up to there.
    """
    key = _title_key(plan_title)
    if len(key) < 4:
        return None
    for k in range(min(PLAN_WINDOW, len(lines))):
        first = _title_key(lines[k])
        if first == key or (k + 1 < len(lines) and len(first) >= 4 and first + _title_key(lines[k + 1]) == key):
            return k
    return None


def _title_key(text: str) -> str:
    return re.sub(r"[\s《》〈〉<>]", "", normalize_text(text).text)


def _notice_title(lines: list[str]) -> tuple[int, int, str] | None:
    """(first line, line after it, the title) of a "……印发《……》的通知" among the first lines."""
    for i in range(min(NOTICE_WINDOW, len(lines))):
        joined = ""
        for j in range(i, min(i + TITLE_WRAP, len(lines))):
            if _not_title(lines[j]):
                break
            # joint issuers printed one per line stay apart (中共××市委办公室　××市人民政府办公室)
            apart = joined and is_issuer(joined.rsplit("\u3000", 1)[-1]) and is_issuer(lines[j].strip())
            joined += ("\u3000" if apart else "") + _flat(lines[j])
            if len(joined) > 150 or joined.endswith(("。", "；")):
                break
            if _NOTICE_TITLE.match(joined):
                return i, j + 1, joined
    return None


def _not_title(line: str) -> bool:
    """The 文号, the 红头 (……文件) or a date: lines around the title, never part of it."""
    text = line.strip()
    return bool(DOC_NUMBER_RE.fullmatch(text) or re.search(r"文\s*件$", text) or parse_date(text))


def _plan_title(notice_title: str) -> str:
    m = _NOTICE_TITLE.match(notice_title)
    return (m.group("plan") or m.group("bare") or "").strip() if m else ""


def _flat(text: str) -> str:
    """One title line: joint issuers stay apart (a full-width space), wrapped lines join without one."""
    return "\u3000".join(normalize_text(piece).text for piece in text.split())


class _NoticeReader:
    """Reads the notice's lines: 文号, 主送, its text, issuers, date, 附注."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.addressees = ""
        self.paragraphs: list[str] = []
        self.issuers: list[str] = []
        self.doc_number = ""
        self.date = ""
        self.head_issuer = ""

    @property
    def issuer(self) -> str:
        if self.issuers:
            return "、".join(self.issuers)
        m = _NOTICE_TITLE.match(self.title)
        who = re.sub(r"\s+", "、", m.group("who").strip()) if m else ""
        return who if who and is_issuer(who) else self.head_issuer

    def notice(self) -> Notice:
        return Notice(self.title, self.addressees, tuple(self.paragraphs))

    def before(self, line: str) -> None:
        """A line above the title: the 红头 (……文件), the 文号, the issuing offices."""
        text = line.strip()
        if self._doc_number(text):
            return
        name = re.sub(r"文\s*件$", "", text).strip()
        if name != text and is_issuer(name):
            self.head_issuer = re.sub(r"\s+", "、", name)

    def read(self, lines: list[str], is_numbered: Callable[[str], bool]) -> list[str]:
        """Take the notice's lines from the top of *lines*; the rest is the plan."""
        i, signed = 0, False
        while i < len(lines):
            text = lines[i].strip()
            if is_numbered(text) and not signed:
                break  # a notice without signature: the plan's body starts here
            if self._signature(text):
                signed = True
            elif signed:
                break
            elif self._doc_number(text):
                pass
            elif not self.addressees and not self.paragraphs and text.endswith(("：", ":")) and "。" not in text:
                self.addressees = text.rstrip("：:")
            else:
                self.paragraphs.append(text)
            i += 1
        return lines[i:]

    def _doc_number(self, text: str) -> bool:
        m = DOC_NUMBER_RE.fullmatch(text)
        if m and not self.doc_number:
            self.doc_number = normalise_doc_number(m.group(0))
        return m is not None

    def _signature(self, text: str) -> bool:
        if (day := parse_date(text)) and not self.date:
            self.date = day
            return True
        if not self.date and is_issuer(text):
            self.issuers.extend(n for n in re.split(r"[\s、]+", text) if n and n not in self.issuers)
            return True
        return bool(self.date and _REMARK.match(text))


def _without_imprint(lines: list[str], is_numbered: Callable[[str], bool]) -> list[str]:
    """The 版记 (抄送：…, ……印发) taken off the end."""
    first = next((i for i, line in enumerate(lines) if is_numbered(line)), len(lines))
    cut = next((i for i in range(first, len(lines)) if _CC.match(lines[i].strip())), len(lines))
    return [line for line in lines[:cut] if not _PRINTED.match(line.strip())]


def _split_annex(lines: list[str], is_numbered: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """(the plan, its annexes): from the first 附件 line after the body has begun.

    A 附件说明 (附件：重点任务分工表) is followed by the plan's signature and only then by the
    annex page: the signature lines go back to the plan.
    """
    first = next((i for i, line in enumerate(lines) if is_numbered(line)), None)
    if first is None:
        return lines, []
    at = next((i for i in range(first + 1, len(lines)) if _ANNEX.match(lines[i].strip())), None)
    if at is None:
        return lines, []
    plan, annex = list(lines[:at]), list(lines[at:])
    if not re.search(r"[：:]\s*\S", annex[0]):
        return plan, annex   # the annex page itself ("附件" / "附件1"): nothing of the plan follows
    k = 1
    while k < len(annex) and re.match(r"^\d{1,2}\s*[.．]", annex[k].strip()):
        k += 1   # the 附件说明's further names (2.×××)
    while k < len(annex) and _is_signature(annex[k].strip()):
        plan.append(annex.pop(k))
    return plan, annex


def _is_signature(text: str) -> bool:
    return bool(parse_date(text) or is_issuer(text) or _REMARK.match(text))


def annex_rows(annex: list[str]) -> list[list[str]]:
    """Rows of a table written as text (cells separated by tabs or runs of spaces) in *annex*."""
    rows = []
    for line in annex:
        text = line.strip(" \u3000")
        # a tab separates two cells (two tabs: an empty cell between); without tabs, runs of spaces do
        cells = [c.strip() for c in (text.split("\t") if "\t" in text else re.split(r"[ \u3000]{2,}", text))]
        if len(cells) >= 3:
            rows.append(cells)
    return rows
