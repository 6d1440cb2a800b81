"""The comparison table (对照表): 中央意见 | 省实施措施 | 市实施方案（草稿） | 修改说明.

One row per clause of the draft, under a row naming its part.  Central clauses
the knowledge base holds only in part are marked, and so are the gaps (a
draft clause with no provincial counterpart, a central clause nobody carries
out).  In the city's column the words the city changed against the provincial
text are underlined; the 修改说明 column says why (the adaptation rules and the
hints adopted, the drafter's own rewording).  Pages are numbered "— N —".
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.model import Clause, Completeness, Part
from ..drafting.edit import with_full_width_punctuation
from ..drafting.model import Draft, DraftClause, NumberedClause, Origin, closed
from . import gbt9704 as g
from .diff import DELETE, INSERT, word_diff
from .docx_writer import Progress, to_bytes
from .safety import check_target, write_export
from .wml import el, paragraph, run

HEADERS = ("中央意见", "省实施措施", "市实施方案（草稿）", "修改说明")
LEGEND = "说明：“市实施方案（草稿）”栏中加下划线的文字为本市相对省实施措施所作的改动，改动理由见“修改说明”栏。"
TABLE_TITLE = "{city}实施方案（草稿）与中央意见、省实施措施对照表"
NO_PROVINCIAL = "【缺口】省实施措施无对应条款"
NO_CENTRAL = "【无对应】本条不直接落实中央《意见》的具体条款"
ADDED = "【新增】起草人新增条款"
MARKS = {
    Completeness.PARTIAL: "【仅收录部分原文，非全文】",
    Completeness.HEADING_ONLY: "【仅收录标题，正文缺失】",
}
COLUMN_WIDTHS_MM = (64, 64, 78, 41)


def central_cell(corpus: Corpus, draft: Draft, ids: tuple[str, ...], related: tuple[str, ...] = ()) -> list[str]:
    """The central text a clause carries out, each incomplete clause marked."""
    lines = []
    for unit_id in ids:
        unit = _unit(corpus, draft.central_doc, unit_id)
        if unit is None:
            lines.append(f"【知识库中未找到 {unit_id}】")
            continue
        lines.extend(_unit_text(unit).split("\n"))
        if unit.completeness in MARKS:
            lines.append(MARKS[unit.completeness])
    if not ids:
        lines.append(NO_CENTRAL)
        for unit_id in related:
            unit = _unit(corpus, draft.central_doc, unit_id)
            if unit is not None:
                lines.append(f"相关：{unit.num}{unit.heading}" + MARKS.get(unit.completeness, ""))
    return lines


def provincial_cell(corpus: Corpus, draft: Draft, clause: DraftClause) -> list[str]:
    if clause.origin is Origin.ADDED:
        return [ADDED]
    unit = _unit(corpus, draft.provincial_doc, clause.source_id) if clause.source_id else None
    if unit is None:
        return [NO_PROVINCIAL]
    return _unit_text(unit).split("\n")


def city_cell(nc: NumberedClause) -> list[str]:
    paras = list(nc.clause.paragraphs)
    first = nc.lead + (paras[0] if paras else "")
    return [first, *paras[1:]]


def city_runs(nc: NumberedClause) -> list[list[tuple[str, bool]]]:
    """The city's text as lines of (text, changed) pieces: changed against the provincial wording.

    Heading and body are compared as the plan's tracked changes compare them (the diffs are shared).
    """
    clause = nc.clause
    if clause.origin is not Origin.PROVINCIAL:
        return [[(line, False)] for line in city_cell(nc)]
    lines: list[list[tuple[str, bool]]] = [[(nc.num, False)]]
    for old, new in ((closed(clause.original_heading), closed(clause.heading)),
                     (clause.original_body, "\n".join(clause.paragraphs))):
        for op, text in word_diff(old, new):
            if op == DELETE:
                continue
            for i, piece in enumerate(text.split("\n")):
                if i:
                    lines.append([])
                if piece:
                    lines[-1].append((piece, op == INSERT))
    return lines


def change_notes(nc: NumberedClause) -> list[str]:
    """Why the city's text differs from the provincial one: rules applied, hints adopted, own rewording."""
    clause = nc.clause
    if clause.origin is Origin.ADDED:
        return ["起草人新增条款"]
    if clause.origin is Origin.GAP:
        return ["省实施措施无对应条款，按中央《意见》补写" + ("（待起草）" if clause.to_complete else "")]
    notes = [f"“{r.pattern}”改为“{r.replacement}”：{r.why}" for r in clause.replacements if r.count]
    notes += [f"采用建议表述“{f.suggestion}”：{f.why}" for f in clause.flags if f.accepted]
    notes += [f"待处理：“{f.pattern}”——{f.why}" for f in clause.flags if not f.accepted]
    if _rewritten(clause):
        notes.append("起草人结合本市实际改写")
    return notes or ["照录省实施措施"]


def _rewritten(clause: DraftClause) -> bool:
    """Whether the text differs from the provincial wording beyond the rules' replacements and adopted hints."""
    heading, body = clause.original_heading, clause.original_body
    for r in clause.replacements:
        heading, body = heading.replace(r.pattern, r.replacement), body.replace(r.pattern, r.replacement)
    for f in clause.flags:
        if f.accepted:
            heading, body = heading.replace(f.pattern, f.suggestion), body.replace(f.pattern, f.suggestion)
    return (heading.strip(), body.strip()) != (clause.heading.strip(), clause.body.strip())


def _unit(corpus: Corpus, doc: str, unit_id: str) -> Clause | Part | None:
    try:
        return corpus.unit(doc, unit_id)
    except LookupFailed:
        return None


def _unit_text(unit: Clause | Part) -> str:
    return unit.full_text() if isinstance(unit, Clause) else "\n".join([unit.num + unit.heading, *unit.paragraphs])


def _set_cell(cell, lines: list[str], style_id: str) -> None:
    # WordprocessingML directly: python-docx's style lookup per paragraph costs ~3 ms each.
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    for line in lines or [""]:
        tc.append(paragraph(style_id, line))


def _set_runs(cell, lines: list[list[tuple[str, bool]]], style_id: str) -> None:
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    for pieces in lines or [[]]:
        p = paragraph(style_id)
        for text, changed in pieces:
            r = run(text)
            if changed:
                rpr = el("w:rPr")
                rpr.append(el("w:u", val="single"))
                r.insert(0, rpr)
            p.append(r)
        tc.append(p)


def _style(doc: Document, style_id: str):
    # python-docx looks styles up by name; ours are named in Chinese, so find them by id.
    return next(s for s in doc.styles if s.style_id == style_id)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def render_table(draft: Draft, corpus: Corpus, progress: Progress | None = None) -> Document:
    draft = with_full_width_punctuation(draft)
    doc = g.landscape_document()
    g.set_properties(doc, TABLE_TITLE.format(city=draft.city))
    sect = doc.element.body.find(qn("w:sectPr"))
    sect.addprevious(paragraph(g.STYLE_TITLE, TABLE_TITLE.format(city=draft.city)))
    sect.addprevious(paragraph(g.STYLE_TABLE_TEXT, LEGEND))
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = _style(doc, "TableGrid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, HEADERS, strict=True):
        _set_cell(cell, [head], g.STYLE_TABLE_HEAD)
    _repeat_header(table.rows[0])
    numbered = draft.numbered()
    total = sum(len(np.clauses) for np in numbered) or 1
    done = 0
    for np in numbered:
        part_row = table.add_row()
        merged = part_row.cells[0].merge(part_row.cells[len(HEADERS) - 1])
        _set_cell(merged, [np.num + np.part.heading], g.STYLE_TABLE_HEAD)
        _shade(merged, "F2F2F2")
        if np.part.paragraphs and not np.clauses:
            row = table.add_row().cells
            _set_cell(row[0], central_cell(corpus, draft, np.part.carries_out), g.STYLE_TABLE_TEXT)
            _set_cell(row[1], [NO_PROVINCIAL] if np.part.origin is not Origin.PROVINCIAL else ["（本部分无条款）"],
                      g.STYLE_TABLE_TEXT)
            _set_cell(row[2], list(np.part.paragraphs), g.STYLE_TABLE_TEXT)
            todo = "（待起草）" if np.part.to_complete else ""
            _set_cell(row[3], [f"省实施措施无对应部分，按中央《意见》补写{todo}"], g.STYLE_TABLE_TEXT)
        for nc in np.clauses:
            row = table.add_row().cells
            _set_cell(row[0], central_cell(corpus, draft, nc.clause.carries_out, nc.clause.related),
                      g.STYLE_TABLE_TEXT)
            _set_cell(row[1], provincial_cell(corpus, draft, nc.clause), g.STYLE_TABLE_TEXT)
            _set_runs(row[2], city_runs(nc), g.STYLE_TABLE_TEXT)
            _set_cell(row[3], change_notes(nc), g.STYLE_TABLE_TEXT)
            if nc.clause.origin is not Origin.PROVINCIAL:
                _shade(row[1], "FFF2CC")
            done += 1
            if progress:
                progress(done, total)
    for row in table.rows:
        tcs = row._tr.tc_lst
        widths = COLUMN_WIDTHS_MM if len(tcs) == len(COLUMN_WIDTHS_MM) else (sum(COLUMN_WIDTHS_MM),)
        for tc, width in zip(tcs, widths, strict=True):
            tc.width = Mm(width)
    _fix_grid(table)
    return doc


def _fix_grid(table) -> None:
    grid = table._tbl.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), COLUMN_WIDTHS_MM, strict=True):
        col.set(qn("w:w"), str(int(width * 56.7)))


def export_table(draft: Draft, corpus: Corpus, path: str | Path, *, overwrite: bool = False,
                 progress: Progress | None = None) -> Path:
    """Write the 对照表 atomically.

    Raises:
        TargetExistsError: *path* exists and *overwrite* is false.
        ExportError: the file cannot be written.
    """
    check_target(path, overwrite)
    return write_export(path, to_bytes(render_table(draft, corpus, progress)), overwrite)
