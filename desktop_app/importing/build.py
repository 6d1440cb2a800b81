"""From a file to a structured, not yet saved :class:`Document`.

``load_file`` reads any supported file, takes the header out, recognises the
numbering with the same importer that built the shipped corpus
(:mod:`desktop_app.core.textimport`) and returns an :class:`ImportedFile`:
the document plus what the user should see before confirming (encoding,
header lines taken, warnings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.errors import CorpusError
from ..core.model import Clause, Document, DocumentKind, Part, Provenance
from ..core.normalize import normalize_text
from ..core.textimport import ARTICLE_RE, CHAPTER_RE, CLAUSE_RE, PART_RE, import_plain_text, split_heading
from ..core.xmlio import ID_RE, read_document
from .division_table import apply_inline, apply_tables, is_division_table
from .docx import read_docx_content
from .errors import ImportFailed, MissingFileError, NoStructureError, UnsupportedFormatError
from .header import Header, split_header
from .html import read_html
from .published import Published, annex_rows, split_published
from .textfile import decode_text, read_limited, strip_controls

FORMATS = {".txt": "文本", ".text": "文本", ".docx": "Word 文档", ".html": "网页", ".htm": "网页",
           ".xml": "PolicyDesk XML"}

_SAVE_AS_HINTS = {
    ".doc": "。请在 Word 或 WPS 中“另存为”.docx 后导入",
    ".wps": "。请在 WPS 中“另存为”.docx 后导入",
    ".rtf": "。请在 Word 或 WPS 中“另存为”.docx 后导入",
    ".pdf": "。PDF 请先在 WPS 或 Word 中转换为 .docx，或复制全文存为 .txt 后导入",
    ".ofd": "。OFD 请先转换为 .docx，或复制全文存为 .txt 后导入",
}


@dataclass(frozen=True)
class ImportedFile:
    """A file read and structured, awaiting the user's confirmation."""

    path: Path
    document: Document
    format: str
    encoding: str = ""
    header: Header = field(default_factory=Header)
    by_paragraph: bool = False

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.document.provenance.notes


def load_file(path: str | Path, *, kind: DocumentKind | None = None, doc_id: str | None = None,
              encoding: str | None = None, by_paragraph: bool = False,
              taken: frozenset[str] | set[str] = frozenset()) -> ImportedFile:
    """Read and structure *path*; nothing is saved.

    Args:
        kind: the document's level; guessed from its issuer and title when None.
        doc_id: the id to store it under; derived from the file name when None.
        encoding: force a text encoding instead of detecting it.
        by_paragraph: import every paragraph as one clause (for text without numbering).
        taken: ids already in the knowledge base, avoided when deriving an id.

    Raises:
        ImportFailed: (and subclasses) with the file and the problem; NoStructureError when no
            numbering was found and *by_paragraph* is False.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        hint = _SAVE_AS_HINTS.get(suffix, "")
        raise UnsupportedFormatError(path, f"不支持的文件类型 {suffix or '（无扩展名）'}；"
                                           f"可导入：{'、'.join(sorted(set(FORMATS)))}{hint}")
    if not path.exists():
        raise MissingFileError(path, "文件不存在")
    if not path.is_file():
        raise ImportFailed(path, "这不是一个文件（可能是文件夹）")
    if suffix == ".xml":
        return _load_xml(path, kind, doc_id)
    encoding_used, title_hint, removed, tables = "", "", 0, []
    if suffix == ".docx":
        content = read_docx_content(path, keep_tables=is_division_table)
        lines, tables = content.lines, content.tables
    elif suffix in (".html", ".htm"):
        page = read_html(path, encoding)
        lines, title_hint, encoding_used, removed = page.lines, page.title_hint, page.encoding, page.controls_removed
    else:
        decoded = decode_text(read_limited(path), path, encoding)
        lines, encoding_used = decoded.text.splitlines(), decoded.encoding
    found = _Found(lines, FORMATS[suffix], encoding_used, title_hint, removed, tables)
    return _structure(path, found, kind=kind, doc_id=doc_id or None, by_paragraph=by_paragraph, taken=taken)


def _load_xml(path: Path, kind: DocumentKind | None, doc_id: str | None) -> ImportedFile:
    try:
        doc = read_document(path)
    except CorpusError as exc:
        raise ImportFailed(path, exc.problem) from None
    doc = replace(doc, id=doc_id or doc.id, kind=kind or doc.kind)
    return ImportedFile(path, doc, FORMATS[".xml"])


def structure_text(text: str, path: str | Path = "text.txt", *, kind: DocumentKind | None = None,
                   doc_id: str | None = None, by_paragraph: bool = False) -> ImportedFile:
    """Structure text already in hand (*path* only names it in messages and provenance)."""
    found = _Found(text.splitlines(), FORMATS[".txt"], "", "")
    return _structure(Path(path), found, kind=kind, doc_id=doc_id, by_paragraph=by_paragraph, taken=frozenset())


@dataclass(frozen=True)
class _Found:
    lines: list[str]
    format: str
    encoding: str
    title_hint: str
    controls_removed: int = 0
    tables: list[list[list[str]]] = field(default_factory=list)   # task-division tables (.docx)


def _structure(path: Path, found: _Found, *, kind: DocumentKind | None, doc_id: str | None, by_paragraph: bool,
               taken: frozenset[str] | set[str]) -> ImportedFile:
    fmt, encoding = found.format, found.encoding
    cleaned = [strip_controls(line) for line in found.lines]
    removed = found.controls_removed + sum(n for _, n in cleaned)
    lines = [t for t in (line.strip().lstrip("\ufeff").strip() for line, _ in cleaned) if t]
    if not lines:
        raise ImportFailed(path, "文件中没有文字")
    published = split_published(lines, is_numbered)
    header, body = split_header(published.plan, is_numbered)
    header = _normalised(_with_notice(header, published), found.title_hint or published.plan_title or path.stem)
    if not body:
        raise NoStructureError(path, "文件只有标题等文头，没有正文")
    kind = kind or guess_kind(header)
    doc_id = doc_id or default_id(path, kind, taken)
    if not ID_RE.match(doc_id):
        raise ImportFailed(path, f"文档编号 {doc_id!r} 无效：须以英文字母开头，只含英文字母、数字、_ 和 -")
    source = f"{path.name}（{fmt}{'，' + encoding if encoding else ''}），由 PolicyDesk 导入"
    metadata = {"issuer": header.issuer, "doc_number": header.doc_number, "date": header.date}
    doc = import_plain_text("\n".join(body), doc_id=doc_id, title=header.title, kind=kind, source=source, **metadata)
    doc = _with_published(doc, published, found.tables)
    if not doc.clauses and not any(p.num for p in doc.parts):
        if not by_paragraph:
            raise NoStructureError(path, "未识别出条款编号（一、（一）或第X条）；可改为按段落导入，每段作为一条")
        doc = by_paragraphs(doc)
    if removed:
        note = f"原文件中有 {removed} 个控制字符或空字符（NUL 等不可见字符），导入时已删除。"
        doc = replace(doc, provenance=replace(doc.provenance, notes=(*doc.provenance.notes, note)))
    return ImportedFile(path, doc, fmt, encoding, header, by_paragraph and not doc.parts[0].num)


def _with_notice(header: Header, published: Published) -> Header:
    """The notice's 文号, issuers and date are the plan's; the plan's own title is kept when it has one."""
    if published.notice is None:
        return header
    return Header(header.title or published.plan_title, published.issuer or header.issuer,
                  published.doc_number or header.doc_number, published.date or header.date,
                  (published.notice.title, *header.taken))


def _with_published(doc: Document, published: Published, tables: list[list[list[str]]]) -> Document:
    """The notice kept with the plan, the annex's 分工表 read as the clauses' division, and notes saying so."""
    notes = []
    if published.notice is not None:
        doc = replace(doc, notice=published.notice)
        notes.append(f"已识别印发通知“{published.notice.title}”：导入的是通知所印发的方案，"
                     "通知的文号、发文机关和日期作为本文档的信息。")
    text_rows = annex_rows(published.annex)
    tables = [*tables, *([text_rows] if is_division_table(text_rows) else [])]
    result = apply_tables(doc, tables)
    doc = result.document
    if result.matched_rows:
        notes.append(f"附件中的重点任务分工表已读作各条的分工：{result.matched_rows} 行对应到 {result.clauses} 条。")
    if result.unmatched:
        shown = "；".join(result.unmatched[:5]) + ("……" if len(result.unmatched) > 5 else "")
        notes.append(f"分工表中有 {len(result.unmatched)} 行未能对应到条款，未导入：{shown}")
    doc, inline = apply_inline(doc)
    if inline:
        notes.append(f"{inline} 条在条文中写明了牵头单位（如“（××牵头，××按职责分工负责）”），已读作该条的分工。")
    if published.annex:
        notes.append(f"“{published.annex[0]}”起的附件（{len(published.annex)} 行）不属于方案正文，未并入条款。")
    if not notes:
        return doc
    return replace(doc, provenance=replace(doc.provenance, notes=(*doc.provenance.notes, *notes)))


def is_numbered(line: str) -> bool:
    text = normalize_text(line).text
    return any(r.match(text) for r in (PART_RE, CLAUSE_RE, CHAPTER_RE, ARTICLE_RE))


def _normalised(header: Header, fallback_title: str) -> Header:
    title = normalize_text(header.title).text if header.title else fallback_title
    return replace(header, title=title.strip("《》"), issuer=normalize_text(header.issuer).text)


def by_paragraphs(doc: Document) -> Document:
    """One clause per paragraph (numbered 第1段, 第2段 … so nothing looks like official numbering)."""
    paragraphs = [*doc.preamble, *(t for p in doc.parts for t in p.paragraphs)]
    clauses = []
    for n, text in enumerate(paragraphs, start=1):
        heading, stop, rest = split_heading(text)
        clauses.append(Clause(f"part_0__para_{n}", f"第{n}段", heading, (rest,) if rest else (), (), stop,
                              part_id="part_0"))
    notes = (*doc.provenance.notes, "原文没有条款编号，按段落导入：每段一条，编号“第N段”为导入时所加。")
    provenance = Provenance(doc.provenance.source, doc.provenance.normalisation, notes)
    return replace(doc, preamble=(), parts=(Part("part_0", "", "", (), tuple(clauses)),), provenance=provenance)


def guess_kind(header: Header) -> DocumentKind:
    """central for 中共中央/国务院 documents, provincial for 省, city for 市; other otherwise."""
    who = header.issuer + header.doc_number + header.title
    if re.search(r"中共中央|国务院|厅字|国办|中办|国发", who):
        return DocumentKind.CENTRAL
    if re.search(r"省|自治区|辽政|辽委", who):
        return DocumentKind.PROVINCIAL
    if "市" in who:
        return DocumentKind.CITY
    return DocumentKind.OTHER


def default_id(path: Path, kind: DocumentKind, taken: frozenset[str] | set[str] = frozenset()) -> str:
    """The file name when it makes a valid, free id (``shenyang-plan``), else the first free ``city_1``, ``city_2`` …"""
    stem = path.stem.replace(" ", "_")
    if ID_RE.match(stem) and stem not in taken:
        return stem
    n = 1
    while f"{kind.value}_{n}" in taken:
        n += 1
    return f"{kind.value}_{n}"
