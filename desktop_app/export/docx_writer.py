"""The draft as a Word file in official layout, with a comment on every clause and optional tracked changes.

Paragraphs are built as WordprocessingML directly (python-docx's ``Paragraph``
API cannot express ``w:ins``/``w:del``), inside a document whose page and
styles come from :mod:`.gbt9704`.  Comments go through python-docx's comments
part; their range markers are placed by hand so that they may enclose
tracked changes in a heading.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn

from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.segment import cut
from ..drafting.build import TO_COMPLETE
from ..drafting.division import inline_text
from ..drafting.edit import with_full_width_punctuation
from ..drafting.model import Draft, NumberedClause, NumberedPart, Origin, closed
from ..drafting.package import TO_SUPPLY, DivisionMode
from . import (
    anchors,  # HOOK(consult): bookmarks and the draft id, read back by desktop_app.feedback
    annex,
    issuing,
)
from . import gbt9704 as g
from .basis import comment_text
from .colophon import colophon
from .diff import DELETE, EQUAL, INSERT, word_diff
from .landscape_numbers import rotate_numbers
from .safety import check_target, write_export
from .sections import break_before, close_section, set_landscape, set_start
from .wml import el, paragraph, run

AUTHOR = "PolicyDesk"
INITIALS = "PD"
TITLE_LINE_CHARS = 20   # 22 pt characters on a 156 mm line
Progress = Callable[[int, int], None]


class _Writer:
    def __init__(self, doc: Document, corpus: Corpus, draft: Draft, track: bool) -> None:
        self.doc, self.corpus, self.draft, self.track = doc, corpus, draft, track
        self.body = doc.element.body
        self.sect = self.body.find(qn("w:sectPr"))
        self.rev_id = 1000
        self.last = None
        self.division_noted = False
        self.date = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

    def add(self, p) -> None:
        self.sect.addprevious(p)
        self.last = p

    def add_all(self, elements: list) -> None:
        for element in elements:
            self.add(element)

    # ---- text with or without tracked changes ---------------------------
    def _revision(self, tag: str, text: str, style: str):
        self.rev_id += 1
        wrapper = el(tag, id=str(self.rev_id), author=AUTHOR, date=self.date)
        wrapper.append(styled_run(text, style, deleted=tag == "w:del"))
        return wrapper

    def text(self, first, old: str | None, new: str, style: str = "", new_paragraph_style: str = "") -> list:
        """Append *new* (as a change from *old* when tracking); returns every paragraph written to.

        Line breaks in *new* start new paragraphs of *new_paragraph_style*.
        """
        pieces = [(EQUAL, new)] if not self.track or old == new else (
            [(INSERT, new)] if old is None else word_diff(old, new))
        paragraphs = [first]   # HOOK(consult): fix: `paragraph` here hid wml.paragraph (crash on 2+ paragraphs)
        for op, text in pieces:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if i and op != DELETE:
                    paragraphs.append(paragraph(new_paragraph_style))
                    self.add(paragraphs[-1])
                if not line:
                    continue
                target = paragraphs[-1]
                if op == EQUAL:
                    target.append(styled_run(line, style))
                else:
                    target.append(self._revision("w:ins" if op == INSERT else "w:del", line, style))
        return paragraphs

    # ---- document parts -------------------------------------------------
    def title(self, new_page: bool = False) -> None:
        # a plan issued with a notice is no longer a draft for comments
        p = title_paragraph(issuing.issued_title(self.draft.title) if new_page else self.draft.title)
        if new_page:
            break_before(p)
        self.add(p)
        self.add(paragraph())

    def preamble(self) -> None:
        old = self._provincial_preamble()
        p = paragraph()
        self.add(p)
        self.text(p, old, "\n".join(self.draft.preamble))

    def _provincial_preamble(self) -> str | None:
        try:
            return "\n".join(self.corpus.document(self.draft.provincial_doc).preamble)
        except LookupFailed:
            return None

    def part(self, np: NumberedPart) -> None:
        part = np.part
        p = paragraph(g.STYLE_HEADING1)
        self.add(p)
        p.append(run(np.num))
        old = self._provincial_heading(part.source_id) if part.origin is Origin.PROVINCIAL else None
        self.text(p, old, part.heading)
        for text in part.paragraphs:
            para = paragraph()
            self.add(para)
            style = g.STYLE_TODO_CHAR if TO_COMPLETE in text else ""
            self.text(para, None if part.origin is not Origin.PROVINCIAL else text, text, style)
        anchors.mark(p, self.sect.getprevious(), part.id)  # HOOK(consult)

    def _provincial_heading(self, part_id: str) -> str | None:
        try:
            return self.corpus.unit(self.draft.provincial_doc, part_id).heading
        except LookupFailed:
            return None

    def clause(self, nc: NumberedClause) -> None:
        clause = nc.clause
        p = paragraph()
        self.add(p)
        start = el("w:commentRangeStart")
        p.append(start)
        p.append(run(nc.num, g.STYLE_HEADING2_CHAR))
        has_origin = clause.origin is Origin.PROVINCIAL
        old_heading = closed(clause.original_heading) if has_origin else None
        self.text(p, old_heading, closed(clause.heading), g.STYLE_HEADING2_CHAR)
        end = el("w:commentRangeEnd")
        p.append(end)
        self._comment(start, end, comment_text(self.corpus, self.draft, clause))
        style = g.STYLE_TODO_CHAR if clause.to_complete else ""
        written = self.text(p, clause.original_body if has_origin else None, clause.body, style)
        self.division(written[-1], clause)
        anchors.mark(p, self.sect.getprevious(), clause.id)  # HOOK(consult)

    def division(self, last, clause) -> None:
        """The clause's units in the chosen inline form, after its text or on lines of their own."""
        pkg = self.draft.package
        if pkg.division not in (DivisionMode.INLINE, DivisionMode.BOTH):
            return
        text = inline_text(clause, pkg.inline_form, first=not self.division_noted)
        self.division_noted = True
        for i, line in enumerate(text.split("\n") if pkg.inline_form == "lines" else [text]):
            if pkg.inline_form == "lines" or i:
                last = paragraph()
                self.add(last)
            for k, piece in enumerate(line.split(TO_SUPPLY)):
                if k:
                    self.text(last, None, TO_SUPPLY, g.STYLE_TODO_CHAR)
                if piece:
                    self.text(last, None, piece)

    # ---- what the city left out of the provincial text (tracked changes only) ----
    def _deleted_paragraph(self, pieces: list[tuple[str, str]], style: str = "") -> None:
        """A paragraph of provincial text the city dropped: its text and its paragraph mark are deletions."""
        p = paragraph(style)
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        self.rev_id += 1
        mark = el("w:rPr")
        mark.append(el("w:del", id=str(self.rev_id), author=AUTHOR, date=self.date))
        ppr.append(mark)
        for text, run_style in pieces:
            if text:
                p.append(self._revision("w:del", text, run_style))
        self.add(p)

    def dropped_clause(self, clause) -> None:
        if clause.origin is not Origin.PROVINCIAL:
            return   # never in the provincial text: nothing to show as deleted
        num = self._provincial_num(clause.source_id)
        lead = num + closed(clause.original_heading)
        paras = clause.original_body.split("\n")
        self._deleted_paragraph([(lead, g.STYLE_HEADING2_CHAR), (paras[0], "")])
        for text in paras[1:]:
            self._deleted_paragraph([(text, "")])

    def dropped_part(self, part) -> None:
        if part.origin is Origin.PROVINCIAL:
            heading = self._provincial_heading(part.source_id) or part.heading
            self._deleted_paragraph([(self._provincial_num(part.source_id) + heading, "")], g.STYLE_HEADING1)
        for clause in part.clauses:
            self.dropped_clause(clause)

    def _provincial_num(self, unit_id: str) -> str:
        try:
            return self.corpus.unit(self.draft.provincial_doc, unit_id).num
        except LookupFailed:
            return ""

    def _comment(self, start, end, text: str) -> None:
        comment = self.doc.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
        cid = str(comment.comment_id)
        start.set(qn("w:id"), cid)
        end.set(qn("w:id"), cid)
        ref = el("w:r")
        rpr = el("w:rPr")
        rpr.append(el("w:rStyle", val="CommentReference"))
        ref.append(rpr)
        ref.append(el("w:commentReference", id=cid))
        end.addnext(ref)


def styled_run(text: str, style: str = "", deleted: bool = False):
    """A run in *style*; text still to be written (待起草) is also highlighted, directly on the run."""
    return run(text, style, deleted, highlight="yellow" if style == g.STYLE_TODO_CHAR else "")


def title_paragraph(title: str):
    """A title in 2号小标宋, broken into balanced lines."""
    p = paragraph(g.STYLE_TITLE)
    for i, line in enumerate(title_lines(title)):
        if i:
            br = el("w:r")
            br.append(el("w:br"))
            p.append(br)
        p.append(run(line))
    return p


def title_lines(title: str) -> list[str]:
    """The title broken into lines of at most 20 characters, 征求意见稿 on a line of its own.

    Breaks fall between words (jieba), as near the middle as they can, so the
    lines come out balanced (GB/T 9704 7.3.1: no word split across lines).
    """
    note = "（征求意见稿）"
    main = title[: -len(note)] if title.endswith(note) and len(title) > len(note) else title
    lines = _balanced(main)
    return [*lines, note] if main != title else lines


def _balanced(text: str) -> list[str]:
    if len(text) <= TITLE_LINE_CHARS:
        return [text]
    bounds, pos = [], 0
    for token in cut(text):
        pos += len(token)
        bounds.append(pos)
    count = -(-len(text) // TITLE_LINE_CHARS)
    lines, start = [], 0
    for k in range(1, count):
        ideal = start + (len(text) - start) / (count - k + 1)
        room = TITLE_LINE_CHARS * (count - k)
        fits = [b for b in bounds if start < b <= start + TITLE_LINE_CHARS and len(text) - b <= room]
        cut_at = min(fits, key=lambda b: abs(b - ideal)) if fits else start + TITLE_LINE_CHARS
        lines.append(text[start:cut_at])
        start = cut_at
    return [*lines, text[start:]]


def render_draft(draft: Draft, corpus: Corpus, track_changes: bool = False,
                 progress: Progress | None = None) -> Document:
    """The python-docx Document of a draft (nothing written to disk)."""
    draft = with_full_width_punctuation(draft)
    doc = g.official_document()
    g.set_properties(doc, draft.title)
    anchors.set_draft_id(doc, draft.id)  # HOOK(consult)
    w = _Writer(doc, corpus, draft, track_changes)
    front_matter(w, draft)
    w.preamble()
    numbered = {np.part.id: np for np in draft.numbered()}
    total = sum(len(np.clauses) for np in numbered.values()) or 1
    done = 0
    for part in draft.parts:
        np = numbered.get(part.id)
        if np is None:
            if track_changes:
                w.dropped_part(part)
            continue
        w.part(np)
        printed = {nc.clause.id: nc for nc in np.clauses}
        for clause in part.clauses:
            if clause.id in printed:
                w.clause(printed[clause.id])
                done += 1
                if progress:
                    progress(done, total)
            elif track_changes:
                w.dropped_clause(clause)
    back_matter(w, draft)
    if track_changes:
        _show_revisions(doc)
    return doc


def front_matter(w: _Writer, draft: Draft) -> None:
    """The 印发通知 when chosen (the plan then starts on a new page), the 文号 when given, the title."""
    pkg = draft.package
    if pkg.notice:
        w.add_all(issuing.notice(draft, title_paragraph(issuing.notice_title(draft))))
        w.title(new_page=True)
        return
    if pkg.doc_number:
        w.add_all(issuing.doc_number_line(draft))
    w.title()


def back_matter(w: _Writer, draft: Draft) -> None:
    """附件说明, 署名 and 成文日期 (on the notice instead, when there is one), the annex, the 版记."""
    pkg = draft.package
    annexed = pkg.division in (DivisionMode.ANNEX, DivisionMode.BOTH)
    w.add_all(issuing.annex_note([annex.TITLE] if annexed else []))
    if not pkg.notice:
        w.add_all(issuing.signature(draft))
    close_section(w.last, w.sect)
    if annexed:
        elements = annex.division_annex(draft, None)
        w.add_all(elements)
        set_landscape(close_section(w.last, w.sect))
        rotate_numbers(w.doc, 1)
    set_start(w.sect, "evenPage")
    w.add_all(colophon(draft))


def _show_revisions(doc: Document) -> None:
    # Tracked changes are already in the text; the setting keeps Word recording the reviewer's own edits too.
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        anchor = settings.find(qn("w:defaultTabStop"))
        track = el("w:trackRevisions")
        (anchor.addprevious(track) if anchor is not None else settings.append(track))


def to_bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def export_draft(draft: Draft, corpus: Corpus, path: str | Path, *, track_changes: bool = False,
                 overwrite: bool = False, progress: Progress | None = None) -> Path:
    """Write the draft as .docx atomically.

    Raises:
        TargetExistsError: *path* exists and *overwrite* is false.
        ExportError: the file cannot be written (the message names it and says why).
    """
    check_target(path, overwrite)
    data = to_bytes(render_draft(draft, corpus, track_changes, progress))
    return write_export(path, data, overwrite)
