"""Sections of an official document: portrait text pages, landscape annex pages, the 版记 on an even page.

In WordprocessingML a section's properties sit in the last paragraph of the
section; the final section's are the body's own ``w:sectPr``.  Every section
shares the odd/even page-number footers of the first.
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from docx.shared import Mm

from .wml import el

TWIPS_PER_MM = 56.7
# A landscape page turned so that its top (the table head) lies on the binding side of an odd page:
# the portrait margins turn with it (订口 28 mm on top, 天头 37 mm on the right).
LANDSCAPE_MARGINS_MM = {"top": 28, "bottom": 26, "left": 35, "right": 37}
LANDSCAPE_TEXT_WIDTH_MM = 297 - 35 - 37


def _twips(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


def set_start(sect, start: str) -> None:
    """How the section begins: ``nextPage``, ``evenPage`` or ``oddPage``."""
    kind = sect.find(qn("w:type"))
    if kind is None:
        kind = el("w:type")
        refs = [c for c in sect if c.tag in (qn("w:headerReference"), qn("w:footerReference"))]
        (refs[-1].addnext(kind) if refs else sect.insert(0, kind))
    kind.set(qn("w:val"), start)


def set_landscape(sect) -> None:
    size = sect.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(int(Mm(297).twips)))
    size.set(qn("w:h"), str(int(Mm(210).twips)))
    size.set(qn("w:orient"), "landscape")
    margins = sect.find(qn("w:pgMar"))
    for side, mm in LANDSCAPE_MARGINS_MM.items():
        margins.set(qn(f"w:{side}"), _twips(mm))
    grid = sect.find(qn("w:docGrid"))
    if grid is not None:
        grid.attrib.pop(qn("w:type"), None)


def close_section(last_paragraph, body_sect, start: str = "nextPage"):
    """End a portrait section laid out like the body at *last_paragraph*; returns its ``w:sectPr``.

    The properties go into the section's last paragraph (no empty paragraph is added, which
    could spill onto a page of its own).
    """
    sect = copy.deepcopy(body_sect)
    set_start(sect, start)
    ppr = last_paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        last_paragraph.insert(0, ppr)
    ppr.append(sect)
    return sect


_BEFORE_BREAK = {qn("w:pStyle"), qn("w:keepNext"), qn("w:keepLines")}


def break_before(paragraph) -> None:
    """Start *paragraph* on a new page (``w:pageBreakBefore`` in its schema place)."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        paragraph.insert(0, ppr)
    anchor = [c for c in ppr if c.tag in _BEFORE_BREAK]
    mark = el("w:pageBreakBefore")
    (anchor[-1].addnext(mark) if anchor else ppr.insert(0, mark))
