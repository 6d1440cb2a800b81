"""A department's returned .docx read defensively: comments, tracked changes, feedback-form rows.

The document is walked once in reading order.  The walk keeps the text *as
sent* (plain text, plus text the reviewer deleted, minus text the reviewer
inserted), the anchors (bookmarks named after part and clause ids) open at each
place, and the places where comments start and end and where tracked changes
sit.  PolicyDesk's own basis comments and tracked changes (author
``PolicyDesk``) are part of what was sent, not feedback: they are skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..core.errors import CorpusError, FileProblem
from ..core.xmlio import parse_xml_bytes
from ..export.anchors import DRAFT_ID_PROPERTY, unit_of
from ..importing.docx import MAX_DOCX_BYTES, _check_sizes
from ..importing.errors import ImportFailed
from ..importing.textfile import read_limited
from .items import Kind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OWN_AUTHOR = "PolicyDesk"
CONTEXT = 20
FORM_HEADERS = ("条款", "修改意见", "理由")
UNIT_LABEL = "反馈单位"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\))")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class ReturnedFileError(FileProblem):
    """A returned file cannot be read at all (not a .docx, damaged, password-protected, too large)."""


@dataclass(frozen=True)
class RawItem:
    """An item as found in the file, before it is mapped to the draft."""

    kind: Kind
    author: str
    date: str
    quote: str
    text: str
    anchor: str | None          # part/clause id of the bookmark around it
    paragraph: str              # the paragraph as sent, number stripped (for text alignment)
    before: str = ""
    after: str = ""
    note: str = ""


@dataclass
class ReturnedFile:
    path: Path
    draft_id: str | None = None
    form_unit: str = ""
    items: list[RawItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)     # parts that could not be read
    has_anchors: bool = False


@dataclass
class _Para:
    text: str = ""
    anchor: str | None = None
    lead: int = 0               # length of the printed number at its start


@dataclass
class _Walk:
    """State of the walk through document.xml."""

    open: dict[str, str] = field(default_factory=dict)      # bookmark id -> unit id
    order: list[str] = field(default_factory=list)          # unit ids, most recently opened last
    paras: list[_Para] = field(default_factory=list)
    starts: dict[str, tuple[int, int]] = field(default_factory=dict)   # comment id -> (para, offset)
    ends: dict[str, tuple[int, int]] = field(default_factory=dict)
    changes: list[tuple[Kind, str, str, str, int, int]] = field(default_factory=list)
    anchors_seen: bool = False

    def anchor(self) -> str | None:
        return self.order[-1] if self.order else None


def read_returned(path: str | Path) -> ReturnedFile:
    """Everything a department put into *path*.

    Raises:
        ReturnedFileError: the file cannot be read at all (the message says why).
    """
    path = Path(path)
    parts = _parts(path)
    result = ReturnedFile(path)
    result.draft_id = _draft_id(parts.get("docProps/custom.xml"), result)
    try:
        document = parse_xml_bytes(parts["word/document.xml"], f"{path}（word/document.xml）")
    except CorpusError as exc:
        raise ReturnedFileError(path, f"Word 文档正文已损坏，无法读取：{exc.problem}") from None
    comments = _comments(parts.get("word/comments.xml"), result)
    walk = _Walk()
    body = document.find(w("body"))
    _walk(body if body is not None else document, walk)
    result.has_anchors = walk.anchors_seen
    result.items.extend(_comment_items(walk, comments))
    result.items.extend(_change_items(walk))
    form_unit, rows = _form(document)
    result.form_unit = form_unit
    result.items.extend(rows)
    return result


# ---- the package ------------------------------------------------------------
def _parts(path: Path) -> dict[str, bytes]:
    if path.suffix.lower() != ".docx":
        raise ReturnedFileError(path, "不是 .docx 文件；请在 Word/WPS 中另存为 .docx 后再导入")
    try:
        data = read_limited(path, MAX_DOCX_BYTES, "Word 文件")
    except ImportFailed as exc:
        raise ReturnedFileError(path, exc.problem) from None
    if data.startswith(_OLE):
        raise ReturnedFileError(path, "文件设有打开密码（或是旧版 .doc 格式），请取消密码、另存为 .docx 后再导入")
    wanted = ("word/document.xml", "word/comments.xml", "docProps/custom.xml")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_sizes(path, infos)
            parts = {i.filename: zf.read(i) for i in infos if i.filename in wanted}
    except ImportFailed as exc:
        raise ReturnedFileError(path, exc.problem) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise ReturnedFileError(path, "不是完整的 Word 文档（文件被截断或已损坏）") from None
    if "word/document.xml" not in parts:
        raise ReturnedFileError(path, "不是有效的 Word 文档（缺少 word/document.xml），可能已损坏")
    return parts


def _draft_id(xml: bytes | None, result: ReturnedFile) -> str | None:
    if not xml:
        return None
    try:
        root = parse_xml_bytes(xml, "docProps/custom.xml")
    except CorpusError:
        result.problems.append("文档自定义属性（docProps/custom.xml）已损坏，无法确认属于哪份草稿")
        return None
    for prop in root:
        if prop.get("name") == DRAFT_ID_PROPERTY:
            return "".join(prop.itertext()).strip() or None
    return None


def _comments(xml: bytes | None, result: ReturnedFile) -> dict[str, tuple[str, str, str]]:
    """comment id -> (author, date, text)."""
    if not xml:
        return {}
    try:
        root = parse_xml_bytes(xml, "word/comments.xml")
    except CorpusError:
        result.problems.append("批注部分（word/comments.xml）已损坏，其中的批注未能读取")
        return {}
    out = {}
    for c in root.iter(w("comment")):
        text = "\n".join(_plain(p) for p in c.iter(w("p"))).strip()
        out[c.get(w("id"), "")] = (c.get(w("author"), ""), c.get(w("date"), ""), text)
    return out


def _plain(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


# ---- the walk -----------------------------------------------------------------
def _walk(body: etree._Element, walk: _Walk) -> None:
    for el in body.iter():
        tag = el.tag
        if tag == w("p"):
            walk.paras.append(_Para(anchor=walk.anchor()))
        elif tag == w("bookmarkStart"):
            unit = unit_of(el.get(w("name"), ""))
            if unit:
                walk.anchors_seen = True
                walk.open[el.get(w("id"), "")] = unit
                walk.order.append(unit)
                if walk.paras and not walk.paras[-1].text:
                    walk.paras[-1].anchor = unit
        elif tag == w("bookmarkEnd"):
            unit = walk.open.pop(el.get(w("id"), ""), None)
            if unit is not None and unit in walk.order:
                walk.order = [u for u in walk.order if u != unit]
        elif tag in (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")) and walk.paras:
            _comment_mark(el, walk)
        elif tag in (w("ins"), w("del")) and walk.paras and _is_run_change(el):
            _change(el, walk)
        elif tag in (w("t"), w("delText")) and walk.paras:
            _text(el, walk)


def _comment_mark(el: etree._Element, walk: _Walk) -> None:
    cid = el.get(w("id"), "")
    place = (len(walk.paras) - 1, len(walk.paras[-1].text))
    if el.tag == w("commentRangeStart"):
        walk.starts.setdefault(cid, place)
    elif el.tag == w("commentRangeEnd"):
        walk.ends[cid] = place
    else:   # a comment with no range: it concerns the place of its mark
        walk.starts.setdefault(cid, place)
        walk.ends.setdefault(cid, place)


def _is_run_change(el: etree._Element) -> bool:
    # w:ins/w:del inside w:rPr or w:pPr mark a paragraph mark or formatting, not text
    return el.getparent() is not None and el.getparent().tag not in (w("rPr"), w("pPr"))


def _change(el: etree._Element, walk: _Walk) -> None:
    author, date = el.get(w("author"), ""), el.get(w("date"), "")
    para = walk.paras[-1]
    if el.tag == w("ins"):
        text = "".join(t.text or "" for t in el.iter(w("t")))
        kind = Kind.INSERTION
    else:
        text = "".join(t.text or "" for t in el.iter(w("delText")))
        kind = Kind.DELETION
    if text:
        walk.changes.append((kind, author, date, text, len(walk.paras) - 1, len(para.text)))


def _inside_change(el: etree._Element, tag: str) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node.tag != w("p"):
        if node.tag == tag:
            return node
        node = node.getparent()
    return None


def _text(el: etree._Element, walk: _Walk) -> None:
    """Add a run's text to the paragraph as sent (insertions by reviewers and our own deletions are not)."""
    para = walk.paras[-1]
    text = el.text or ""
    if el.tag == w("t"):
        ins = _inside_change(el, w("ins"))
        if ins is not None and ins.get(w("author"), "") != OWN_AUTHOR:
            return
        if _inside_change(el, w("moveTo")) is not None:
            return          # moved text stands where it came from (w:moveFrom) in the text as sent
    else:
        dele = _inside_change(el, w("del"))
        if dele is not None and dele.get(w("author"), "") == OWN_AUTHOR:
            return
    if not para.text:
        match = NUMBER.match(text)
        para.lead = len(match.group(0)) if match else 0
    para.text += text


# ---- items ---------------------------------------------------------------------------
def _context(para: _Para, start: int, end: int) -> tuple[str, str]:
    return para.text[max(para.lead, start - CONTEXT):start], para.text[end:end + CONTEXT]


def _stripped(para: _Para) -> str:
    return para.text[para.lead:]


def _comment_items(walk: _Walk, comments: dict[str, tuple[str, str, str]]) -> list[RawItem]:
    items = []
    for cid, (author, date, text) in comments.items():
        if author == OWN_AUTHOR or cid not in walk.starts:
            continue
        (p1, o1), (p2, o2) = walk.starts[cid], walk.ends.get(cid, walk.starts[cid])
        quote = _span(walk, p1, o1, p2, o2)
        para = walk.paras[p1]
        before, after = _context(para, o1, o2 if p2 == p1 else len(para.text))
        items.append(RawItem(Kind.COMMENT, author, date, quote, text, para.anchor, _stripped(para), before, after))
    return items


def _span(walk: _Walk, p1: int, o1: int, p2: int, o2: int) -> str:
    if p1 == p2:
        return walk.paras[p1].text[o1:o2]
    pieces = [walk.paras[p1].text[o1:], *(walk.paras[i].text for i in range(p1 + 1, p2)),
              walk.paras[p2].text[:o2]]
    return "\n".join(pieces)


def _change_items(walk: _Walk) -> list[RawItem]:
    items = []
    for kind, author, date, text, pi, offset in walk.changes:
        if author == OWN_AUTHOR:
            continue
        para = walk.paras[pi]
        end = offset + len(text) if kind is Kind.DELETION else offset
        before, after = _context(para, offset, end)
        verb = "增加" if kind is Kind.INSERTION else "删除"
        items.append(RawItem(kind, author, date, text, f"建议{verb}“{text}”", para.anchor, _stripped(para),
                             before, after))
    return items


# ---- the feedback form ---------------------------------------------------------------
def _form(document: etree._Element) -> tuple[str, list[RawItem]]:
    unit = ""
    for p in document.iter(w("p")):
        text = _plain(p).strip()
        if text.startswith(UNIT_LABEL):
            value = text[len(UNIT_LABEL):].lstrip("：: ").strip("_＿ \u3000")
            unit = value
            break
    rows: list[RawItem] = []
    for table in document.iter(w("tbl")):
        trs = table.findall(w("tr"))
        if not trs or tuple(_cell_text(tc) for tc in trs[0].findall(w("tc")))[:3] != FORM_HEADERS:
            continue
        for tr in trs[1:]:
            cells = tr.findall(w("tc"))
            if len(cells) < 3:
                continue
            clause, proposal, reason = (_cell_text(c) for c in cells[:3])
            if not proposal.strip():
                continue
            anchors = [unit_of(b.get(w("name"), "")) for b in cells[0].iter(w("bookmarkStart"))]
            anchor = next((a for a in anchors if a), None)
            stripped = NUMBER.sub("", clause, count=1)
            rows.append(RawItem(Kind.FORM, "", "", clause, proposal.strip(), anchor, stripped, note=reason.strip()))
    return unit, rows


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(_plain(p) for p in tc.iter(w("p"))).strip()
