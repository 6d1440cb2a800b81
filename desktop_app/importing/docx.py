"""Word ``.docx`` files: paragraph text with Word's automatic numbering, read defensively.

A .docx is a zip archive.  Before anything is decompressed, the archive's
directory is checked: every part's declared size, their total and their
compression ratio must stay within sane limits (a "zip bomb" of a few
kilobytes can declare gigabytes).  ``zipfile`` never returns more bytes than a
part declares, so the check made up front holds while reading.

Word's automatic numbering (the ``一、`` or ``（一）`` that Word draws but the
text does not contain) is rebuilt from ``word/numbering.xml``: each paragraph
with a numbering reference gets its counter advanced and its number formatted
from the level's pattern (``%1、``, ``（%1）``, ``第%1条``).
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..core.errors import CorpusError
from ..core.numerals import int_to_cn
from ..core.xmlio import parse_xml_bytes
from .errors import CorruptFileError, FileTooLargeError
from .textfile import read_limited

MAX_DOCX_BYTES = 30 * 1024 * 1024          # the .docx file itself
MAX_PART_BYTES = 20 * 1024 * 1024          # one XML part, uncompressed
MAX_TOTAL_BYTES = 200 * 1024 * 1024        # all parts, uncompressed (images included)
MAX_RATIO = 200                            # uncompressed / compressed, for parts over 1 MB
MAX_PARTS = 5000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NEEDED = ("word/document.xml", "word/numbering.xml", "word/styles.xml")


@dataclass(frozen=True)
class DocxContent:
    """The paragraphs of a .docx and, apart from them, its task-division tables (rows of cell texts)."""

    lines: list[str]
    tables: list[list[list[str]]]


def read_docx(path: Path) -> list[str]:
    """The document's paragraphs (tables' cells included), numbering written out, one per line."""
    return read_docx_content(path, keep_tables=lambda rows: False).lines


def read_docx_content(path: Path, keep_tables=None) -> DocxContent:
    """The paragraphs, one per line, and the tables *keep_tables* picks (their cells are then not lines).

    Tables not picked are read as lines, as before: some documents use a table for layout.
    """
    document, numbering = _load(path)
    texts = {p: numbering.number(p) + _text(p) for p in document.iter(f"{{{W}}}p")}  # counters in document order
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    body = document.find(_w("body"))
    for block in (body if body is not None else [document]):
        rows = _rows(block, texts) if block.tag == _w("tbl") else None
        if rows is not None and keep_tables is not None and keep_tables(rows):
            tables.append(rows)
            continue
        lines.extend(line for line in (texts[p] for p in block.iter(f"{{{W}}}p")) if line.strip())
    return DocxContent(lines, tables)


def _load(path: Path) -> tuple[etree._Element, _Numbering]:
    data = read_limited(path, MAX_DOCX_BYTES, "Word 文件")
    parts = _read_parts(path, data)
    if "word/document.xml" not in parts:
        raise CorruptFileError(path, "不是有效的 Word 文档（缺少 word/document.xml），可能已损坏")
    try:
        document = parse_xml_bytes(parts["word/document.xml"], f"{path}（word/document.xml）")
        numbering = _Numbering.load(parts.get("word/numbering.xml"), parts.get("word/styles.xml"), path)
    except CorpusError as exc:
        raise CorruptFileError(path, f"Word 文档内容损坏：{exc.problem}") from None
    return document, numbering


def _rows(table: etree._Element, texts: dict) -> list[list[str]]:
    """Each row's cell texts; a horizontally merged cell keeps its place (the columns it spans are blank), a
    vertically merged one repeats the text above it (so a 牵头单位 merged over three rows is read in each)."""
    rows: list[list[str]] = []
    for tr in table.iterchildren(_w("tr")):
        row: list[str] = []
        for tc in tr.iterchildren(_w("tc")):
            text = "\n".join(t for t in (texts.get(p, "") for p in tc.iter(f"{{{W}}}p")) if t.strip())
            tcpr = tc.find(_w("tcPr"))
            span = _int(_prop(tcpr, "gridSpan"), 1) if tcpr is not None else 1
            merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            col = len(row)
            if merge is not None and merge.get(_w("val"), "continue") == "continue" and rows:
                above = rows[-1]
                text = above[col] if col < len(above) else text
            row.extend([text] + [""] * (span - 1))   # a cell spanning columns fills the first only
        rows.append(row)
    return rows


def _prop(parent: etree._Element, name: str) -> str | None:
    el = parent.find(_w(name))
    return el.get(_w("val")) if el is not None else None


def _read_parts(path: Path, data: bytes) -> dict[str, bytes]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_sizes(path, infos)
            return {i.filename: zf.read(i) for i in infos if i.filename in _NEEDED}
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise CorruptFileError(path, f"不是完整的 Word 文档（文件被截断或已损坏，或设有打开密码：{exc}）") from None


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise FileTooLargeError(path, f"Word 文档包含 {len(infos)} 个部件，超过上限 {MAX_PARTS}，已拒绝解压")
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > MAX_PART_BYTES and info.filename.endswith((".xml", ".rels"))
        ratio = info.file_size / max(info.compress_size, 1)
        if big or (info.file_size > 2**20 and ratio > MAX_RATIO) or total > MAX_TOTAL_BYTES:
            raise FileTooLargeError(
                path, f"Word 文档的部件 {info.filename} 解压后将达 {info.file_size / 2**20:.0f} MB"
                      f"（压缩比 {ratio:.0f}:1），超过安全上限，已拒绝解压（可能是“压缩炸弹”）")


def _text(p: etree._Element) -> str:
    """The paragraph's own text: deleted text (tracked changes) left out, text boxes inside it read separately."""
    out = []
    for el in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr"):
        if next(el.iterancestors(f"{{{W}}}p")) is not p:
            continue  # a paragraph of a text box anchored here: it is read as a paragraph of its own
        tag = etree.QName(el).localname
        if tag == "t":
            out.append(el.text or "")
        elif tag == "tab":
            out.append(" ")
        elif tag in ("br", "cr"):
            out.append("\n")
    return "".join(out).strip()


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list definitions and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)   # numId -> ilvl -> level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)     # (numId, ilvl) -> start override
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def load(cls, numbering: bytes | None, styles: bytes | None, path: Path) -> _Numbering:
        self = cls()
        if numbering:
            root = parse_xml_bytes(numbering, f"{path}（word/numbering.xml）")
            abstract = {a.get(_w("abstractNumId")): _levels(a) for a in root.iter(_w("abstractNum"))}
            for num in root.iter(_w("num")):
                num_id = num.get(_w("numId"))
                ref = num.find(_w("abstractNumId"))
                self.levels[num_id] = abstract.get(ref.get(_w("val")) if ref is not None else None, {})
                for override in num.iter(_w("lvlOverride")):
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        self.starts[(num_id, int(override.get(_w("ilvl"), "0")))] = _int(start.get(_w("val")), 1)
        if styles:
            for style in parse_xml_bytes(styles, f"{path}（word/styles.xml）").iter(_w("style")):
                ref = _num_ref(style.find(_w("pPr")))
                if ref:
                    self.style_num[style.get(_w("styleId"))] = ref
        return self

    def number(self, p: etree._Element) -> str:
        ppr = p.find(_w("pPr"))
        ref = _num_ref(ppr)
        if ref is None and ppr is not None and (style := ppr.find(_w("pStyle"))) is not None:
            ref = self.style_num.get(style.get(_w("val")))
        if ref is None or ref[0] not in self.levels or ref[0] == "0":
            return ""
        num_id, ilvl = ref
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, [None] * 9)
        ilvl = min(max(ilvl, 0), 8)
        counters[ilvl] = (counters[ilvl] + 1) if counters[ilvl] is not None else self._start(num_id, ilvl, levels)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        return _format(levels.get(ilvl, _Level()), levels, counters, self, num_id)

    def _start(self, num_id: str, ilvl: int, levels: dict[int, _Level]) -> int:
        return self.starts.get((num_id, ilvl), levels.get(ilvl, _Level()).start)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_ref(ppr: etree._Element | None) -> tuple[str, int] | None:
    if ppr is None or (numpr := ppr.find(_w("numPr"))) is None:
        return None
    num_id, ilvl = numpr.find(_w("numId")), numpr.find(_w("ilvl"))
    if num_id is None:
        return None
    return num_id.get(_w("val"), "0"), _int(ilvl.get(_w("val")) if ilvl is not None else None, 0)


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    levels = {}
    for lvl in abstract.iter(_w("lvl")):
        start, fmt, text = lvl.find(_w("start")), lvl.find(_w("numFmt")), lvl.find(_w("lvlText"))
        levels[_int(lvl.get(_w("ilvl")), 0)] = _Level(
            _int(start.get(_w("val")) if start is not None else None, 1),
            fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
            text.get(_w("val"), "") if text is not None else "",
        )
    return levels


def _format(level: _Level, levels: dict[int, _Level], counters: list[int | None], numbering: _Numbering,
            num_id: str) -> str:
    if level.fmt in ("bullet", "none"):
        return ""
    out = level.text
    for k in range(9):
        if f"%{k + 1}" in out:
            value = counters[k] if counters[k] is not None else numbering._start(num_id, k, levels)
            out = out.replace(f"%{k + 1}", _format_value(value, levels.get(k, _Level()).fmt))
    return out


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _format_value(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand") and 1 <= value <= 999:
        return int_to_cn(value)
    if fmt in ("lowerLetter", "upperLetter") and 1 <= value <= 26:
        letter = chr(ord("a") + value - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalEnclosedCircle" and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
