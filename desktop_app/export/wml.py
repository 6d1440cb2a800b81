"""Small WordprocessingML builders: faster than python-docx's object API, and able to express w:ins/w:del."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def el(tag: str, **attrs: str):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def run(text: str, style: str = "", deleted: bool = False, highlight: str = ""):
    """A ``w:r`` holding *text* (as ``w:delText`` inside a deletion), with an optional character style.

    *highlight* (``yellow``) marks the run directly: Word's schema allows no highlight in a style.
    """
    r = el("w:r")
    if style or highlight:
        rpr = el("w:rPr")
        if style:
            rpr.append(el("w:rStyle", val=style))
        if highlight:
            rpr.append(el("w:highlight", val=highlight))
        r.append(rpr)
    t = el("w:delText" if deleted else "w:t")
    t.set(XML_SPACE, "preserve")
    t.text = text
    r.append(t)
    return r


def paragraph(style: str = "", text: str = ""):
    """A ``w:p`` with an optional paragraph style and text."""
    p = el("w:p")
    if style:
        ppr = el("w:pPr")
        ppr.append(el("w:pStyle", val=style))
        p.append(ppr)
    if text:
        p.append(run(text))
    return p
