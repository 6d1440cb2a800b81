"""Plain dicts of domain objects for JSON output (command line, saved files)."""

from __future__ import annotations

from .corpus import CoverageRow, LinkView, UnitRef
from .model import Clause, Document


def unit_dict(ref: UnitRef, with_text: bool = True) -> dict:
    unit = ref.unit
    out = {
        "doc": ref.doc.id,
        "id": unit.id,
        "type": "clause" if isinstance(unit, Clause) else "part",
        "num": unit.num,
        "heading": unit.heading,
        "completeness": unit.completeness.value,
        "note": unit.note,
    }
    if isinstance(unit, Clause):
        out["part"] = unit.part_id
        if unit.division is not None:   # only imported published plans carry one
            d = unit.division
            out["division"] = {"lead": d.lead, "partners": list(d.partners), "deadline": d.deadline}
    if with_text:
        out["text"] = unit.text_without_num() if isinstance(unit, Clause) else "\n".join(unit.paragraphs)
    return out


def link_dict(view: LinkView, direction: str) -> dict:
    """The clause at the other end, with the link's own ``note`` and that clause's note as ``target_note``."""
    other = unit_dict(view.other, with_text=False)
    return {
        **other,
        "relation": view.relation.value,
        "direction": direction,
        "note": view.link.note,
        "target_note": other["note"],
    }


def document_dict(doc: Document, with_parts: bool = False) -> dict:
    out = {
        "id": doc.id,
        "title": doc.title,
        "kind": doc.kind.value,
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "date": doc.date,
        "published_in": doc.published_in,
        "complete": doc.is_complete,
        "parts": len(doc.parts),
        "clauses": len(doc.clauses),
        "provenance": {
            "source": doc.provenance.source,
            "normalisation": doc.provenance.normalisation,
            "notes": list(doc.provenance.notes),
        },
    }
    if doc.notice is not None:
        out["notice"] = {"title": doc.notice.title, "addressees": doc.notice.addressees,
                         "paragraphs": list(doc.notice.paragraphs)}
    if with_parts:
        out["preamble"] = list(doc.preamble)
        out["parts"] = [
            {
                **unit_dict(UnitRef(doc, part)),
                "clauses": [unit_dict(UnitRef(doc, c)) for c in part.clauses],
            }
            for part in doc.parts
        ]
    return out


def coverage_dict(row: CoverageRow) -> dict:
    return {
        **unit_dict(row.target, with_text=False),
        "gap": row.is_gap,
        "implemented_by": [unit_dict(r, with_text=False) for r in row.implemented_by],
        "related": [unit_dict(r, with_text=False) for r in row.related],
    }
