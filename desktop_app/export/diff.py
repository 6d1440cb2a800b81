"""Word-level differences between the provincial wording and the city's, for tracked changes."""

from __future__ import annotations

import functools
from difflib import SequenceMatcher

from ..core.segment import cut

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


def tokens(text: str) -> list[str]:
    """Natural Chinese units (jieba words); line breaks stay tokens of their own."""
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("\n")
        out.extend(cut(line) if line else [])
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces turning *old* into *new*: op is ``equal``, ``insert`` or ``delete``.

    Deletions come before insertions at the same place, as Word shows them.
    Adjacent pieces of the same kind are merged.  The plan's tracked changes and the
    对照表's marks diff the same texts: the result is remembered for a while.
    """
    return list(_word_diff(old, new))


@functools.lru_cache(maxsize=256)
def _word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    if old == new:
        return ((EQUAL, new),) if new else ()
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _push(out, EQUAL, "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _push(out, DELETE, "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _push(out, INSERT, "".join(b[j1:j2]))
    return tuple(out)


def _push(out: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))
