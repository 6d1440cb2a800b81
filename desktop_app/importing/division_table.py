"""A published plan's 重点任务分工表 read back as each clause's division (牵头单位, 责任单位, 完成时限).

Column names vary between cities (city-plan-conventions §1): 序号 | 重点任务 (主要工作举措, 任务事项) |
具体措施 | 牵头单位 | 责任单位 (配合单位) | 完成时限.  A row is matched to the plan's clause by the
number its task starts with (（五）), else by the clause's heading, else — when the table has
one row per clause — by its 序号.  Rows that match no clause are named in a note, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..core.model import Clause, Document, TaskDivision
from ..core.numerals import cn_to_int

_COLUMNS = (  # (role, words a header cell contains), first match wins
    ("skip", ("领导",)),
    ("num", ("序号", "编号")),
    ("lead", ("牵头",)),
    ("partners", ("责任单位", "配合", "参与", "协办", "责任部门", "（配合）")),
    ("deadline", ("时限", "完成时间", "时间节点", "进度安排")),
    ("measures", ("具体措施", "工作措施", "工作要求", "主要内容", "措施")),
    ("task", ("重点任务", "主要工作举措", "任务事项", "工作任务", "主要任务", "任务", "举措", "事项")),
)
_SPLIT = re.compile(r"[、，,；;\n]+")
_CLAUSE_NUM = re.compile(r"^[（(]\s*([一二三四五六七八九十百]+)\s*[)）]")
_PUNCT = re.compile(r"[\s。，、；：:,.;（）()“”《》]")
# Inline forms (city-plan-conventions §1): lines under a measure, or a bracket at its end.
_LINE = {role: re.compile(rf"(?:^|[。；\n]){words}[：:]\s*([^。；\n]+)")
         for role, words in (("lead", "牵头单位"), ("partners", "(?:责任|配合)单位"), ("deadline", "完成时限"))}
_NAMES = r"([^（(〔]*?(?:（[^）]*）[^（(〔]*?)*)"   # unit names, "县（市）区" allowed inside
_BRACKET_LEAD = re.compile(rf"[（(〔]{_NAMES}牵头[，,]?(.*?)(?:按职责分工)?负责[)）〕]\s*[。]?$")
_BRACKET_FIRST = re.compile(rf"[（(〔]{_NAMES}等?负责[，,]列第一位者为牵头单位[^)）〕]*[)）〕]")
_UNIT_END = ("局", "委", "办", "部", "厅", "府", "院", "会", "中心", "室", "行", "团", "联", "协", "队", "站", "处",
             "部门", "单位")


@dataclass(frozen=True)
class TableResult:
    document: Document
    matched_rows: int = 0
    clauses: int = 0
    unmatched: tuple[str, ...] = ()


def is_division_table(rows: list[list[str]]) -> bool:
    """A table with a 牵头单位 (or 责任单位) column in one of its first rows."""
    return any(_columns(row) for row in rows[:3])


def _columns(row: list[str]) -> dict[str, int]:
    """Role → column index for a header row; {} when *row* is not one."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        text = re.sub(r"\s+", "", cell)
        if not text or len(text) > 16:
            continue
        role = next((r for r, words in _COLUMNS if any(w in text for w in words)), None)
        if role and role != "skip" and role not in found:
            found[role] = i
    return found if ("lead" in found or "partners" in found) and len(found) >= 2 else {}


def apply_tables(doc: Document, tables: list[list[list[str]]]) -> TableResult:
    """*doc* with the divisions the *tables* give its clauses (existing divisions are kept)."""
    divisions: dict[str, list[TaskDivision]] = {}
    matched, unmatched = 0, []
    for rows in tables:
        heads = [i for i, r in enumerate(rows[:3]) if _columns(r)]
        if not heads:
            continue
        # a two-row head (责任单位 spanning 牵头单位 | 配合单位): the row naming the lead says most
        header_at = next((i for i in heads if "lead" in _columns(rows[i])), heads[0])
        cols = _columns(rows[header_at])
        body = [r for r in rows[header_at + 1:] if any(c.strip() for c in r) and not _columns(r)]
        assigning = [r for r in body if _cell(r, cols, "lead") or _cell(r, cols, "partners")]
        for row in assigning:
            clause = _match(doc.clauses, row, cols, one_per_clause=len(assigning) == len(doc.clauses))
            if clause is None:
                unmatched.append(_cell(row, cols, "task") or _cell(row, cols, "num") or "、".join(row)[:30])
                continue
            matched += 1
            divisions.setdefault(clause.id, []).append(_division(row, cols))
    if not divisions:
        return TableResult(doc, 0, 0, tuple(unmatched))
    parts = tuple(replace(p, clauses=tuple(
        replace(c, division=_merged(divisions[c.id])) if c.id in divisions and c.division is None else c
        for c in p.clauses)) for p in doc.parts)
    return TableResult(replace(doc, parts=parts), matched, len(divisions), tuple(unmatched))


def apply_inline(doc: Document) -> tuple[Document, int]:
    """*doc* with the divisions its clauses state themselves (牵头单位：… lines, or “（甲牵头，乙按职责分工负责）”);
    clauses that already have one keep it.  Returns the document and how many clauses got one."""
    count = 0

    def one(c: Clause) -> Clause:
        nonlocal count
        if c.division is not None or (found := inline_division(c.full_text())) is None:
            return c
        count += 1
        return replace(c, division=found)

    parts = tuple(replace(p, clauses=tuple(one(c) for c in p.clauses)) for p in doc.parts)
    return (replace(doc, parts=parts), count) if count else (doc, 0)


def inline_division(text: str) -> TaskDivision | None:
    """The division a clause's text states, or None.  Only names that look like units count."""
    lines = {role: [m.group(1).strip() for m in rx.finditer(text)] for role, rx in _LINE.items()}
    if lines["lead"]:
        leads = _units(lines["lead"][0])
        partners = [*leads[1:], *(u for t in lines["partners"] for u in _units(t))]
        return _checked(leads[0] if leads else "", partners, lines["deadline"][0] if lines["deadline"] else "")
    last = text.rstrip().split("\n")[-1] if text.strip() else ""
    if m := _BRACKET_LEAD.search(last):
        leads = _units(m.group(1))
        return _checked(leads[0] if leads else "", [*leads[1:], *_units(m.group(2))], "")
    if m := _BRACKET_FIRST.search(last):
        units = _units(m.group(1))
        return _checked(units[0] if units else "", units[1:], "")
    return None


def _checked(lead: str, partners: list[str], deadline: str) -> TaskDivision | None:
    lead, partners = lead.removesuffix("等"), [p.removesuffix("等") for p in partners]
    if not lead or not all(n.endswith(_UNIT_END) or n.startswith("各") for n in [lead, *partners]):
        return None
    return TaskDivision(lead, tuple(dict.fromkeys(p for p in partners if p != lead)), deadline)


def _cell(row: list[str], cols: dict[str, int], role: str) -> str:
    i = cols.get(role)
    return row[i].strip() if i is not None and i < len(row) else ""


def _units(text: str) -> list[str]:
    """Unit names in a cell; "各区、县（市）政府" stays one (a piece that names no unit joins the next)."""
    out: list[str] = []
    pending = ""
    for raw in (u.strip() for u in _SPLIT.split(text)):
        if not raw:
            continue
        piece = f"{pending}、{raw}" if pending else raw
        pending = piece if piece.startswith("各") and not piece.endswith(_UNIT_END) else ""
        if not pending:
            out.append(piece)
    return [*out, pending] if pending else out


def _division(row: list[str], cols: dict[str, int]) -> TaskDivision:
    leads = _units(_cell(row, cols, "lead"))
    partners = [*leads[1:], *_units(_cell(row, cols, "partners"))]   # 列第一位者为牵头单位
    lead = leads[0] if leads else ""
    return TaskDivision(lead, tuple(dict.fromkeys(p for p in partners if p != lead)), _cell(row, cols, "deadline"))


def _merged(found: list[TaskDivision]) -> TaskDivision:
    """Several rows (one per measure) of one clause: the first lead, every unit, every distinct deadline."""
    lead = next((d.lead for d in found if d.lead), "")
    partners = [u for d in found for u in (d.lead, *d.partners) if u and u != lead]
    deadlines = [d.deadline for d in found if d.deadline]
    return TaskDivision(lead, tuple(dict.fromkeys(partners)), "；".join(dict.fromkeys(deadlines)))


def _match(clauses: tuple[Clause, ...], row: list[str], cols: dict[str, int], *,
           one_per_clause: bool) -> Clause | None:
    task, num = _cell(row, cols, "task"), _cell(row, cols, "num")
    for text in (task, num):
        if m := _CLAUSE_NUM.match(text):
            same = [c for c in clauses if _clause_value(c.num) == cn_to_int(m.group(1))]
            if len(same) == 1:
                return same[0]
    if by_heading := _by_heading(clauses, task or _cell(row, cols, "measures")):
        return by_heading
    n = _number(num)
    if one_per_clause and n is not None and 1 <= n <= len(clauses):
        return clauses[n - 1]
    return None


def _by_heading(clauses: tuple[Clause, ...], task: str) -> Clause | None:
    key = _PUNCT.sub("", _CLAUSE_NUM.sub("", task))
    if len(key) < 4:
        return None
    scored = []
    for c in clauses:
        heading = _PUNCT.sub("", c.heading)
        if len(heading) < 4:
            continue
        if heading == key:
            return c
        if heading in key or key in heading:
            scored.append((min(len(heading), len(key)), c))
    scored.sort(key=lambda x: -x[0])
    if len(scored) == 1 or (len(scored) > 1 and scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _clause_value(num: str) -> int | None:
    m = _CLAUSE_NUM.match(num)
    return cn_to_int(m.group(1)) if m else None


def _number(text: str) -> int | None:
    text = text.strip().strip("。.、")
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"[一二三四五六七八九十百]+", text):
        return cn_to_int(text)
    return None
