"""Plain-text files: size limits, binary detection and encoding detection.

Encodings, in the order they are tried:

* a byte-order mark decides (UTF-8, UTF-16 as Windows Notepad writes it);
* text that decodes as UTF-8 is UTF-8 (GB18030 text of any length almost
  never happens to be valid UTF-8) — unless its non-ASCII characters are
  mostly two-byte ones (Cyrillic, Arabic…) while the same bytes read as
  GB18030 give Chinese: a short GBK text such as ``一业`` is valid UTF-8
  (``һҵ``), so then the user is asked;
* otherwise GB18030 (a superset of GB2312 and GBK), but only when the result
  looks like Chinese prose: nearly all its Chinese characters must be common
  ones (in GB2312) and no control characters may appear.  Big5 or Shift-JIS
  text decodes as GB18030 into rare characters, so it fails this test and the
  user is asked which encoding the file uses instead of getting garbage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import os_reason
from .errors import BinaryFileError, EmptyFileError, EncodingUnclearError, FileTooLargeError, ImportFailed

MAX_TEXT_BYTES = 8 * 1024 * 1024
# Chinese characters outside GB2312 tolerated in GB18030 text (rare names, 〔〕 are in GB2312 anyway).
MAX_RARE_SHARE = 0.03
KNOWN_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "utf-16")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What an imported text may not keep: C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates
# and the non-characters U+FFFE/U+FFFF (XML cannot hold most of them; none is visible text).
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def read_limited(path: Path, limit: int = MAX_TEXT_BYTES, what: str = "文本文件") -> bytes:
    """The file's bytes, refusing it before reading when it is larger than *limit*."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise FileTooLargeError(path, f"{what}过大（{size / 2**20:.1f} MB），上限 {limit // 2**20} MB；"
                                          "政策文件一般不足 1 MB，请确认选对了文件")
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed(path, f"无法读取文件：{os_reason(exc)}") from None


def decode_text(data: bytes, path: Path, encoding: str | None = None) -> DecodedText:
    """Decode *data*, detecting the encoding unless one is given.

    Raises:
        EmptyFileError, BinaryFileError, EncodingUnclearError
    """
    if not data.strip(b" \t\r\n"):
        raise EmptyFileError(path, "文件是空的，没有可导入的文字")
    if encoding:
        return _decode_as(data, path, encoding)
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else None, "utf-8-sig",
                        data, path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_try(data, "utf-16"), "utf-16", data, path)
    if b"\x00" in data[:8192]:
        raise BinaryFileError(path, "这不是文本文件（含有二进制数据），可能是改了扩展名的其他文件")
    text = _try(data, "gb18030")
    if _is_utf8(data):
        utf8 = data.decode("utf-8")
        if _mostly_two_byte(utf8) and text is not None and _looks_like_gb(text):
            raise EncodingUnclearError(path, f"文件既可读作 UTF-8（“{utf8[:12]}”），也可读作 GB18030（“{text[:12]}”），"
                                             "无法确定；请指明编码（如 --encoding gb18030）")
        return _checked(utf8, "utf-8", data, path)
    if text is not None and _looks_like_gb(text):
        return _checked(text, "gb18030", data, path)
    raise EncodingUnclearError(path, "无法确定文件的编码（不是 UTF-8，也不像 GB18030/GBK 中文文本）；"
                                     "请在记事本或 WPS 中“另存为”UTF-8 编码后重试，或指明编码（如 --encoding big5）")


def strip_controls(text: str) -> tuple[str, int]:
    """*text* without control characters and NULs (anywhere in it), and how many were removed."""
    cleaned, count = _UNWANTED.subn("", text)
    return cleaned, count


def _decode_as(data: bytes, path: Path, encoding: str) -> DecodedText:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFailed(path, f"不认识的编码 {encoding!r}；可用：{'、'.join(KNOWN_ENCODINGS)}") from None
    text = _try(data, encoding)
    if text is None:
        raise EncodingUnclearError(path, f"文件不是有效的 {encoding} 编码文本")
    return _checked(text.lstrip("\ufeff"), encoding, data, path)


def _checked(text: str | None, encoding: str, data: bytes, path: Path) -> DecodedText:
    if text is None:
        raise EncodingUnclearError(path, f"文件开头标明为 {encoding}，但内容不是有效的 {encoding} 文本")
    if _CONTROL.search(text[:65536]) and len(_CONTROL.findall(text[:65536])) > 2:
        raise BinaryFileError(path, "这不是文本文件（含有控制字符），可能是改了扩展名的其他文件")
    if not text.replace("\ufeff", "").strip():
        raise EmptyFileError(path, "文件是空的，没有可导入的文字")
    return DecodedText(text, encoding)


def _is_utf8(data: bytes) -> bool:
    return _try(data, "utf-8") is not None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_two_byte(text: str) -> bool:
    """Most non-ASCII characters are Latin/Greek/Cyrillic/Arabic (two-byte UTF-8): short GBK text can look so."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return bool(wide) and sum(1 for ch in wide if ord(ch) <= 0x7FF) * 2 > len(wide)


def _looks_like_gb(text: str) -> bool:
    if _CONTROL.search(text):
        return False
    hanzi = _HANZI.findall(text)
    if not hanzi:
        return False
    rare = sum(1 for ch in hanzi if not _in_gb2312(ch))
    return rare / len(hanzi) <= MAX_RARE_SHARE


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
