"""Editing an exported plan the way a department does in Word: comments, tracked insertions and deletions."""

from __future__ import annotations

import copy
import itertools

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from desktop_app.export.wml import el

_ids = itertools.count(5000)
DATE = "2026-03-02T09:00:00Z"


def _split(doc, phrase: str, within: str = ""):
    """The run holding exactly *phrase* (the first run holding it, and *within*, is split around it)."""
    for p in doc.element.body.iter(qn("w:p")):
        for r in p.iter(qn("w:r")):
            t = r.find(qn("w:t"))
            if t is None or not t.text or phrase not in t.text or within not in t.text \
                    or r.getparent().tag == qn("w:ins"):
                continue
            before, _, after = t.text.partition(phrase)
            for piece, where in ((before, "before"), (after, "after")):
                if piece:
                    other = copy.deepcopy(r)
                    other.find(qn("w:t")).text = piece
                    (r.addprevious(other) if where == "before" else r.addnext(other))
            t.text = phrase
            return r, p
    raise AssertionError(f"no run holds {phrase!r}")


def comment(doc, phrase: str, text: str, author: str = "张伟") -> None:
    r, p = _split(doc, phrase)
    doc.add_comment(Run(r, Paragraph(p, doc)), text=text, author=author, initials=author[:1])


def insert_after(doc, phrase: str, new: str, author: str = "张伟") -> None:
    r, _ = _split(doc, phrase)
    ins = el("w:ins", id=str(next(_ids)), author=author, date=DATE)
    run = copy.deepcopy(r)
    run.find(qn("w:t")).text = new
    ins.append(run)
    r.addnext(ins)


def delete(doc, phrase: str, author: str = "张伟", within: str = "") -> None:
    r, _ = _split(doc, phrase, within)
    dele = el("w:del", id=str(next(_ids)), author=author, date=DATE)
    r.addprevious(dele)
    dele.append(r)
    t = r.find(qn("w:t"))
    t.tag = qn("w:delText")


def replace_words(doc, phrase: str, new: str, author: str = "张伟") -> None:
    """A reviewer's replacement: the old words deleted, the new inserted right after."""
    r, _ = _split(doc, phrase)
    dele = el("w:del", id=str(next(_ids)), author=author, date=DATE)
    r.addprevious(dele)
    dele.append(r)
    r.find(qn("w:t")).tag = qn("w:delText")
    ins = el("w:ins", id=str(next(_ids)), author=author, date=DATE)
    run = copy.deepcopy(r)
    run.find(qn("w:delText")).tag = qn("w:t")
    run.find(qn("w:t")).text = new
    ins.append(run)
    dele.addnext(ins)
