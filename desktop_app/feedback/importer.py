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
from .items import FeedbackItem, Match
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


def _key(item: FeedbackItem | RawItem) -> str:
    """What an item says and where, whoever sent it."""
    return "\x1f".join((item.kind.value, item.author, item.date, item.quote, item.text, item.before, item.after,
                         item.note))


def fingerprint(raw: RawItem, unit: str) -> str:
    # The unit is part of the id: two departments whose Word both says "Administrator" may send the same change.
    return "fb_" + hashlib.sha1((_key(raw) + "\x1f" + unit).encode("utf-8")).hexdigest()[:10]


class _Held:
    """The items a draft holds, found by content: a file imported again adds nothing."""

    def __init__(self, items: tuple[FeedbackItem, ...]) -> None:
        self.items = {i.id: i for i in items}
        self.order = [i.id for i in items]
        self.by_key: dict[str, list[str]] = {}
        for item in items:
            self.by_key.setdefault(_key(item), []).append(item.id)

    def find(self, item: FeedbackItem) -> str | None:
        """The held item that is *item* again: same content, and the same unit or one of them without."""
        for held_id in self.by_key.get(_key(item), []):
            held = self.items[held_id]
            if not item.unit or not held.unit or held.unit == item.unit:
                return held_id
        return None

    def add(self, item: FeedbackItem) -> None:
        self.items[item.id] = item
        self.order.append(item.id)
        self.by_key.setdefault(_key(item), []).append(item.id)

    def complete_unit(self, held_id: str, item: FeedbackItem) -> None:
        if item.unit and not self.items[held_id].unit:
            self.items[held_id] = replace(self.items[held_id], unit=item.unit, unit_source=item.unit_source)

    def all(self) -> tuple[FeedbackItem, ...]:
        return tuple(self.items[i] for i in self.order)


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
    held = _Held(draft.feedback)
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
            same = held.find(item)
            if same is not None:
                report.already += 1
                held.complete_unit(same, item)      # a unit named now completes an earlier import
            else:
                held.add(item)
                report.added.append(item)
            if (same or item.id) not in report.item_ids:
                report.item_ids.append(same or item.id)
    return ImportResult(replace(draft, feedback=held.all()), reports)


def _item(raw: RawItem, given: str, returned: ReturnedFile, mapped: tuple[str | None, Match],
          stamp: str) -> FeedbackItem:
    unit, source = unit_for(raw, given, returned)
    clause_id, match = mapped
    return FeedbackItem(
        id=fingerprint(raw, unit), kind=raw.kind, unit=unit, author=raw.author, date=raw.date,
        file=returned.path.name, quote=raw.quote, text=raw.text, clause_id=clause_id, match=match,
        note=raw.note, before=raw.before, after=raw.after, unit_source=source, imported=stamp)
