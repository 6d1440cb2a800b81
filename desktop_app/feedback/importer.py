"""Reading returned files into the draft: units, mapping, de-duplication, another draft's files.

Pure: takes a draft and files, returns the new draft and a report per file;
the caller saves (the command line) or applies it as an undoable edit (the window).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..drafting.build import now_iso
from ..drafting.model import Draft
from .docxread import RawItem, ReturnedFile, ReturnedFileError, read_returned
from .items import FeedbackItem, Kind, Match
from .mapping import Mapper
from .units import is_department


@dataclass
class FileReport:
    """What became of one returned file."""

    path: Path
    added: list[FeedbackItem] = field(default_factory=list)
    already: int = 0                  # items this draft already holds (the file was imported before)
    item_ids: list[str] = field(default_factory=list)   # every item of the file, new or held before
    error: str = ""                   # the file could not be read at all, or belongs to another draft
    other_draft: bool = False
    problems: list[str] = field(default_factory=list)   # parts of the file that could not be read


@dataclass
class ImportResult:
    draft: Draft
    files: list[FileReport]

    @property
    def added(self) -> list[FeedbackItem]:
        return [i for f in self.files for i in f.added]

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.error]


def parse_source(arg: str) -> tuple[Path, str]:
    """``FILE=UNIT`` → (FILE, UNIT); a plain FILE gets an empty unit."""
    if "=" in arg and not Path(arg).exists():
        path, unit = arg.rsplit("=", 1)
        return Path(path), unit.strip()
    return Path(arg), ""


def fingerprint(raw: RawItem, unit: str) -> str:
    # A form row has no author or date: its unit tells two departments' identical rows apart.
    fields = (raw.kind.value, raw.author, raw.date, raw.quote, raw.text, raw.before, raw.after, raw.note,
              unit if raw.kind is Kind.FORM else "")
    return "fb_" + hashlib.sha1("\x1f".join(fields).encode("utf-8")).hexdigest()[:10]


def unit_for(raw: RawItem, given: str, returned: ReturnedFile) -> tuple[str, str]:
    """(unit, where it came from): the FILE=UNIT, the form's header, or an author who is a department."""
    if given:
        return given, "given"
    if returned.form_unit:
        return returned.form_unit, "form"
    if is_department(raw.author):
        return raw.author.strip(), "author"
    return "", ""


def import_returned(draft: Draft, sources: list[tuple[Path, str]]) -> ImportResult:
    """Add the items of every readable file of *sources* to *draft* (items already held are not added twice)."""
    mapper = Mapper(draft)
    held = {i.id: i for i in draft.feedback}
    order = [i.id for i in draft.feedback]
    reports, stamp = [], now_iso()
    for path, given in sources:
        report = FileReport(Path(path))
        reports.append(report)
        try:
            returned = read_returned(path)
        except ReturnedFileError as exc:
            report.error = exc.problem
            continue
        report.problems = list(returned.problems)
        if returned.draft_id and returned.draft_id != draft.id:
            report.error = "这份文件属于另一份草稿（文件中的草稿编号与本草稿不符），未导入"
            report.other_draft = True
            continue
        trust = returned.draft_id == draft.id
        for raw in returned.items:
            item = _item(raw, given, returned, mapper.map(raw, trust), stamp)
            if item.id not in report.item_ids:
                report.item_ids.append(item.id)
            if item.id in held:
                report.already += 1
                old = held[item.id]
                if given and old.unit_source != "given":   # a unit named now completes an earlier import
                    held[item.id] = replace(old, unit=given, unit_source="given")
                continue
            held[item.id] = item
            order.append(item.id)
            report.added.append(item)
    return ImportResult(replace(draft, feedback=tuple(held[i] for i in order)), reports)


def _item(raw: RawItem, given: str, returned: ReturnedFile, mapped: tuple[str | None, Match],
          stamp: str) -> FeedbackItem:
    unit, source = unit_for(raw, given, returned)
    clause_id, match = mapped
    return FeedbackItem(
        id=fingerprint(raw, unit), kind=raw.kind, unit=unit, author=raw.author, date=raw.date,
        file=returned.path.name, quote=raw.quote, text=raw.text, clause_id=clause_id, match=match,
        note=raw.note, before=raw.before, after=raw.after, unit_source=source, imported=stamp)
