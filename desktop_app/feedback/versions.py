"""Named versions of a draft (征求意见稿, 送审稿 …): save, list, compare, and a Word file of the changes.

A version keeps the draft's title, preamble and parts as they were when it was
saved.  Two versions (or a version and the current text, ``CURRENT``) compare
clause by clause; the Word file shows the later one with tracked changes from
the earlier one, written by the same writer as the plan's export.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document

from ..core.corpus import Corpus
from ..drafting.build import now_iso
from ..drafting.edit import with_full_width_punctuation
from ..drafting.model import Draft, DraftClause, DraftPart, Origin, closed
from ..drafting.store import draft_from_dict, draft_to_dict
from ..export import anchors
from ..export import gbt9704 as g
from ..export.docx_writer import _show_revisions, _Writer
from ..export.simple_table import save
from .decide import FeedbackError, UnknownItemError
from .items import Version

CURRENT = "当前稿"
SNAPSHOT_KEYS = ("title", "preamble", "parts")


def save_version(draft: Draft, name: str) -> Draft:
    """The draft with its current text saved as version *name* (names are unique)."""
    name = name.strip()
    if not name or name == CURRENT:
        raise FeedbackError(f"版本名称不能为空，也不能是“{CURRENT}”")
    if any(v.name == name for v in draft.versions):
        raise FeedbackError(f"已有名为“{name}”的版本，请换一个名称")
    data = draft_to_dict(draft)
    version = Version(name, now_iso(), {k: data[k] for k in SNAPSHOT_KEYS})
    return replace(draft, versions=(*draft.versions, version))


def version_draft(draft: Draft, name: str) -> Draft:
    """The draft as it was in version *name* (``CURRENT``: as it is now), without feedback or versions."""
    if name == CURRENT:
        return replace(draft, feedback=(), versions=())
    found = [v for v in draft.versions if v.name == name]
    if not found:
        names = "、".join([v.name for v in draft.versions] + [CURRENT])
        raise UnknownItemError(f"草稿中没有名为“{name}”的版本；可选：{names}")
    data = {**draft_to_dict(draft), **found[0].snapshot, "feedback": [], "versions": []}
    return draft_from_dict(data, f"版本“{name}”")


@dataclass(frozen=True)
class ClauseChange:
    clause_id: str
    num: str            # in the later version ("" for a removed clause)
    heading: str
    change: str         # 修改, 新增 or 删除
    old: str
    new: str


def compare_versions(draft: Draft, old_name: str, new_name: str) -> list[ClauseChange]:
    """The clauses that differ between two versions, in the later version's order (removed ones last)."""
    old, new = version_draft(draft, old_name), version_draft(draft, new_name)
    before = {c.id: c for c in old.clauses if c.included}
    numbers = new.numbers()
    out = []
    for c in (c for c in new.clauses if c.included):
        text = _text(c)
        if c.id not in before:
            out.append(ClauseChange(c.id, numbers.get(c.id, ""), c.heading, "新增", "", text))
        elif _text(before[c.id]) != text:
            out.append(ClauseChange(c.id, numbers.get(c.id, ""), c.heading, "修改", _text(before[c.id]), text))
    kept = {c.id for c in new.clauses if c.included}
    out += [ClauseChange(c.id, "", c.heading, "删除", _text(c), "") for c in before.values() if c.id not in kept]
    return out


def _text(clause: DraftClause) -> str:
    return closed(clause.heading) + clause.body


# ---- the Word file with tracked changes ------------------------------------------------
class _VersionWriter(_Writer):
    """The plan writer, with the earlier version (not the provincial measures) as the base of changes."""

    def __init__(self, doc: Document, corpus: Corpus, draft: Draft, base: Draft) -> None:
        super().__init__(doc, corpus, draft, True)
        self.base = base
        self.base_numbers = base.numbers()

    def _provincial_preamble(self) -> str | None:
        return "\n".join(self.base.preamble)

    def _provincial_heading(self, part_id: str) -> str | None:
        return next((p.heading for p in self.base.parts if p.id == part_id), None)

    def _provincial_num(self, unit_id: str) -> str:
        return self.base_numbers.get(unit_id, "")

    def _comment(self, start, end, text: str) -> None:
        # no basis comments in a comparison: only the changes matter
        start.getparent().remove(start)
        end.getparent().remove(end)


def _against(new: Draft, old: Draft) -> Draft:
    """*new* with every clause's original wording taken from *old*; clauses only in *old* shown as removed."""
    before = {c.id: c for c in old.clauses if c.included}

    def clause(c: DraftClause) -> DraftClause:
        if c.id in before:
            b = before[c.id]
            return replace(c, origin=Origin.PROVINCIAL, source_id=c.id, original_heading=b.heading,
                           original_body=b.body)
        return replace(c, origin=Origin.ADDED, source_id="")

    kept = {c.id for c in new.clauses if c.included}
    old_parts = {p.id for p in old.parts}
    parts = []
    for p in new.parts:
        gone = _removed(old, p.id, before, kept)
        parts.append(replace(p, clauses=(*(clause(c) for c in p.clauses), *gone),
                             origin=Origin.PROVINCIAL if p.id in old_parts else Origin.ADDED, source_id=p.id))
    return new.with_parts(tuple(parts))


def _removed(old: Draft, part_id: str, before: dict[str, DraftClause], kept: set[str]) -> tuple[DraftClause, ...]:
    try:
        part: DraftPart = old.part(part_id)
    except KeyError:
        return ()
    return tuple(replace(c, included=False, origin=Origin.PROVINCIAL, source_id=c.id, original_heading=c.heading,
                         original_body=c.body) for c in part.clauses if c.id in before and c.id not in kept)


def render_changes(draft: Draft, corpus: Corpus, old_name: str, new_name: str) -> Document:
    old = with_full_width_punctuation(version_draft(draft, old_name))
    new = with_full_width_punctuation(_against(version_draft(draft, new_name), version_draft(draft, old_name)))
    doc = g.official_document()
    g.set_properties(doc, f"{new.title}（{old_name}→{new_name}修改对照）")
    anchors.set_draft_id(doc, draft.id)
    w = _VersionWriter(doc, corpus, new, old)
    w.title()
    w.preamble()
    numbered = {np.part.id: np for np in new.numbered()}
    for part in new.parts:
        np = numbered.get(part.id)
        if np is None:
            w.dropped_part(part)
            continue
        w.part(np)
        printed = {nc.clause.id: nc for nc in np.clauses}
        for c in part.clauses:
            (w.clause(printed[c.id]) if c.id in printed else w.dropped_clause(c))
    _show_revisions(doc)
    return doc


def export_changes(draft: Draft, corpus: Corpus, old_name: str, new_name: str, path: str | Path, *,
                   overwrite: bool = False) -> Path:
    """Write the later version with tracked changes from the earlier one (ExportError, TargetExistsError)."""
    return save(render_changes(draft, corpus, old_name, new_name), path, overwrite)
