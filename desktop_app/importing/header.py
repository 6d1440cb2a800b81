"""Title, issuer, document number (文号) and date from a document's header and signature lines.

An official document opens with lines like::

    辽宁省人民政府办公厅关于……的实施方案        <- title
    辽政办发〔2020〕12号                        <- 文号
    2020年5月28日                               <- date

and may close with the issuer and date (the 落款).  These lines are taken out
of the text before its structure is read; what they say becomes metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.numerals import cn_to_int
from ..linking.docnumber import DOC_NUMBER_RE, normalise_doc_number

_DATE_RE = re.compile(r"^[（(]?\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年"
                      r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                      r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[)）]?$")
_ISSUER_END = ("办公厅", "办公室", "人民政府", "委员会", "政府", "厅", "局", "部", "委", "院", "中心", "省委", "市委",
               "党委", "领导小组")
_TITLE_WORDS = re.compile(r"(意见|通知|方案|办法|措施|决定|规定|规划|细则|条例|纲要|计划|通报|报告|批复|函|公告)$")
HEADER_LINES = 8
SIGNATURE_LINES = 4
MAX_TITLE = 80
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass(frozen=True)
class Header:
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    date: str = ""
    taken: tuple[str, ...] = ()   # the header and signature lines taken out of the text


def parse_date(line: str) -> str:
    """``2020年5月28日`` / ``二〇二〇年五月二十八日`` → ``2020-05-28``; "" when *line* is not a date."""
    m = _DATE_RE.match(line.strip())
    if not m:
        return ""
    year = int(m.group(1).translate(_YEAR_DIGITS))
    month, day = (int(x) if x.isdigit() else cn_to_int(x) for x in (m.group(2), m.group(3)))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def split_header(lines: list[str], is_numbered) -> tuple[Header, list[str]]:
    """Take the header (before the first numbered line) and signature lines out of *lines*.

    Args:
        lines: the document's non-empty lines, normalised.
        is_numbered: tells whether a line starts the numbered structure (一、 （一） 第X条).
    """
    head_end = next((i for i, line in enumerate(lines) if is_numbered(line)), len(lines))
    found: dict[str, str] = {}
    taken: set[int] = set()
    for i in range(min(head_end, HEADER_LINES)):
        if _take(lines[i], found, header=True):
            taken.add(i)
    for i in range(len(lines) - 1, max(len(lines) - 1 - SIGNATURE_LINES, head_end - 1, max(taken, default=-1)), -1):
        if not _take(lines[i], found, header=False):
            break
        taken.add(i)
    header = Header(found.get("title", ""), found.get("issuer", ""), found.get("doc_number", ""),
                    found.get("date", ""), tuple(lines[i] for i in sorted(taken)))
    return _with_issuer_from_title(header), [line for i, line in enumerate(lines) if i not in taken]


def _take(line: str, found: dict[str, str], header: bool) -> bool:
    """Record what *line* says if it is a header/signature line; False when it is body text."""
    text = line.strip()
    if (m := DOC_NUMBER_RE.fullmatch(text)) and "doc_number" not in found:
        found["doc_number"] = normalise_doc_number(m.group(0))
        return True
    if (date := parse_date(text)) and "date" not in found:
        found["date"] = date
        return True
    if is_issuer(text) and ("issuer" not in found or not header):
        name = re.sub(r"\s+", "、", text)
        # the signature is read bottom-up: a second issuer line above the first is a co-issuer
        known = found.get("issuer", "").split("、")
        if name not in known:
            found["issuer"] = f"{name}、{found['issuer']}" if "issuer" in found else name
        return True
    if header and "title" not in found and _is_title(text):
        found["title"] = text.strip("《》")
        return True
    if header and "title" in found and _continues_title(found["title"], text):
        found["title"] += text
        return True
    return False


def is_issuer(text: str) -> bool:
    names = re.split(r"[\s、]+", text)
    return len(text) <= 40 and not _TITLE_WORDS.search(text) and "关于" not in text and all(
        2 <= len(n) <= 20 and n.endswith(_ISSUER_END) for n in names)


def _is_title(text: str) -> bool:
    return 4 <= len(text) <= MAX_TITLE and not text.endswith(("。", "；", "：", "，")) and (
        bool(_TITLE_WORDS.search(text.rstrip("》"))) or "关于" in text or text.startswith("《"))


def _continues_title(title: str, text: str) -> bool:
    """A title printed over two lines: the first has no closing word, the second supplies it."""
    return (not _TITLE_WORDS.search(title.rstrip("》")) and len(title + text) <= MAX_TITLE
            and bool(_TITLE_WORDS.search(text.rstrip("》"))) and not text.endswith("。"))


def _with_issuer_from_title(header: Header) -> Header:
    """``中共中央办公厅 国务院办公厅印发《……》的通知``: the issuer is named in the title."""
    if header.issuer or not header.title:
        return header
    m = re.match(r"^(.{2,40}?)(?:印发|关于)", header.title)
    if m and is_issuer(m.group(1).strip()):
        return Header(header.title, re.sub(r"\s+", "、", m.group(1).strip()), header.doc_number, header.date,
                      header.taken)
    return header
