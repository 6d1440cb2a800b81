"""Invisible anchors in an exported draft, so that a returned copy can be read back against the draft.

Every part and clause is wrapped in a Word bookmark named after its id
(``PD_part_1__para_3``), and the draft's own id goes into a custom document
property (``PolicyDeskDraftId``): clause ids repeat from one city's draft to
the next, the draft id tells the files apart.  Word, WPS and LibreOffice keep
both when a reviewer edits and saves the file.
"""

from __future__ import annotations

import itertools
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn

from .wml import el

PREFIX = "PD_"
DRAFT_ID_PROPERTY = "PolicyDeskDraftId"
MAX_NAME = 40           # Word drops longer bookmark names
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"   # the one format id Word uses for user-defined properties
_ids = itertools.count(1)


def anchor_name(unit_id: str) -> str:
    """The bookmark name of a part or clause id (ids are ASCII letters, digits and underscores)."""
    return (PREFIX + unit_id)[:MAX_NAME]


def unit_of(bookmark_name: str) -> str | None:
    """The part or clause id an anchor names, or None for any other bookmark."""
    return bookmark_name[len(PREFIX):] if bookmark_name.startswith(PREFIX) else None


def mark(first_paragraph, last_paragraph, unit_id: str) -> None:
    """Wrap the paragraphs from *first_paragraph* to *last_paragraph* in the unit's bookmark."""
    bid = str(next(_ids))
    start = el("w:bookmarkStart", id=bid, name=anchor_name(unit_id))
    ppr = first_paragraph.find(qn("w:pPr"))
    (ppr.addnext(start) if ppr is not None else first_paragraph.insert(0, start))
    last_paragraph.append(el("w:bookmarkEnd", id=bid))


def set_draft_id(doc: Document, draft_id: str) -> None:
    """Store the draft id in the file's custom properties (docProps/custom.xml)."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">'
           f'<property fmtid="{FMTID}" pid="2" name="{DRAFT_ID_PROPERTY}">'
           f"<vt:lpwstr>{escape(draft_id)}</vt:lpwstr></property></Properties>")
    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
