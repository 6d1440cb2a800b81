"""Punctuation normalisation to full-width Chinese punctuation (GB/T 15834).

Texts arrive with half-width commas, ASCII brackets and stray spaces (typed on
an English keyboard, or pasted from a web page).  `normalize_text` turns them
into the punctuation of an official document and reports every kind of change
it made, so the provenance of an imported document can say exactly what was
altered.  Nothing else is touched: no character is added or dropped except the
spaces the rules below name.

The rules, applied to one line at a time:

1. ``,`` ``;`` ``:`` ``?`` ``!`` next to Chinese text become ``，；：？！``.
2. ASCII brackets around text that contains Chinese (``(一)``, ``(实训)``),
   or around a number that opens a line (the level-4 marker ``(1)``), become
   ``（）``.  Brackets around Latin text (``(PDF)``) stay.
3. ASCII double quotes around text that contains Chinese become ``“”``.
4. Spaces (half- or full-width) are removed where either neighbour is a
   Chinese character or Chinese punctuation (quotes and brackets included).
   Spaces between Latin words or digits stay.
5. Leading and trailing spaces of a line are removed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation, full-width forms and the brackets/quotes used around Chinese text.
_CJK_PUNCT = (
    r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    r"\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
)
_WIDE = f"[{_CJK}{_CJK_PUNCT}]"

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

# Human-readable names of each rule, used in provenance records.
RULE_LABELS = {
    "comma": "半角逗号“,”改为全角“，”",
    "semicolon": "半角分号“;”改为全角“；”",
    "colon": "半角冒号“:”改为全角“：”",
    "question": "半角问号“?”改为全角“？”",
    "exclamation": "半角叹号“!”改为全角“！”",
    "brackets": "中文内容外的半角括号“()”改为全角“（）”",
    "quotes": "中文内容外的半角引号改为“”",
    "spaces": "删除汉字及中文标点之间的多余空格",
    "trim": "删除行首行尾空格",
}
_ANY_HALF = re.compile("[,;:?!]")
_RULE_OF = {",": "comma", ";": "semicolon", ":": "colon", "?": "question", "!": "exclamation"}


@dataclass(frozen=True)
class Normalised:
    """The normalised text and how many times each rule changed something."""

    text: str
    changes: dict[str, int]


def normalize_text(text: str) -> Normalised:
    """Normalise every line of *text*; line breaks are kept as they are."""
    counts: Counter[str] = Counter()
    lines = [_normalize_line(line, counts) for line in text.split("\n")]
    return Normalised("\n".join(lines), dict(sorted(counts.items())))


def _normalize_line(line: str, counts: Counter[str]) -> str:
    stripped = line.strip(" \t\u3000\r")
    if stripped != line.rstrip("\r"):
        counts["trim"] += 1
    line = stripped
    line = _sub_counted(r"^\((\d{1,3})\)", lambda m: f"（{m.group(1)}）", line, counts, "brackets")
    line = _sub_counted(r"\(([^()]*)\)", _bracket, line, counts, "brackets")
    line = _sub_counted(r'"([^"]*)"', _quote, line, counts, "quotes")
    line = _half_punct(line, counts)
    line = _sub_counted(rf"(?<={_WIDE})[ \t\u3000]+|[ \t\u3000]+(?={_WIDE})", lambda m: "", line, counts, "spaces")
    return line


def _sub_counted(pattern, repl, line: str, counts: Counter[str], rule: str) -> str:
    def wrapped(m: re.Match[str]) -> str:
        out = repl(m)
        if out != m.group(0):
            counts[rule] += 1
        return out

    return re.sub(pattern, wrapped, line)


def _has_chinese(s: str) -> bool:
    return re.search(f"[{_CJK}]", s) is not None


def _bracket(m: re.Match[str]) -> str:
    inner = m.group(1)
    return f"（{inner}）" if _has_chinese(inner) else m.group(0)


def _quote(m: re.Match[str]) -> str:
    inner = m.group(1)
    return f"“{inner}”" if _has_chinese(inner) else m.group(0)


def _half_punct(line: str, counts: Counter[str]) -> str:
    if not _ANY_HALF.search(line):
        return line  # the common case, and a long paragraph is otherwise walked character by character
    out = []
    for i, ch in enumerate(line):
        if ch in _HALF_TO_FULL and _chinese_context(line, i):
            out.append(_HALF_TO_FULL[ch])
            counts[_RULE_OF[ch]] += 1
        else:
            out.append(ch)
    return "".join(out)


def _chinese_context(line: str, i: int) -> bool:
    """True when the nearest non-space neighbour on either side is Chinese."""
    before = line[:i].rstrip(" \t\u3000")
    after = line[i + 1 :].lstrip(" \t\u3000")
    wide = re.compile(_WIDE)
    return bool((before and wide.match(before[-1])) or (after and wide.match(after[0])))


def describe_changes(changes: dict[str, int]) -> list[str]:
    """One Chinese line per rule that changed something, for provenance and the CLI."""
    return [f"{RULE_LABELS.get(rule, rule)}：{n} 处" for rule, n in changes.items() if n]
