"""What a reviewer needs to know about each clause of a draft: its basis, replacements and flags.

The same text goes into the Word comment on the clause's heading and into the
editor's side panel.
"""

from __future__ import annotations

from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.model import Clause, Part
from ..drafting.division import reason_text
from ..drafting.model import Draft, DraftClause, Origin


def _unit(corpus: Corpus, doc: str, unit_id: str) -> Clause | Part | None:
    try:
        return corpus.unit(doc, unit_id)
    except LookupFailed:
        return None


def central_label(corpus: Corpus, draft: Draft, unit_id: str) -> str:
    """``第（三）条“推进创新创业创造激发流动动力”（全文）`` for a central clause or part."""
    unit = _unit(corpus, draft.central_doc, unit_id)
    if unit is None:
        return f"{unit_id}（知识库中未找到）"
    where = f"第{unit.num}条" if isinstance(unit, Clause) else f"第{unit.num.rstrip('、')}部分"
    return f"{where}“{unit.heading}”（{unit.completeness.label}）"


def provincial_label(corpus: Corpus, draft: Draft, clause: DraftClause) -> str:
    unit = _unit(corpus, draft.provincial_doc, clause.source_id) if clause.source_id else None
    if unit is None:
        return ""
    return f"第{unit.num}条“{unit.heading}”"


def basis_lines(corpus: Corpus, draft: Draft, clause: DraftClause) -> list[str]:
    """The comment on a clause, one line per fact."""
    lines = [_origin_line(corpus, draft, clause)]
    if clause.carries_out:
        labels = "；".join(central_label(corpus, draft, i) for i in clause.carries_out)
        lines.append(f"落实中央《意见》：{labels}")
    else:
        lines.append("落实中央《意见》：无对应条款")
    if clause.related:
        lines.append("相关中央条款：" + "；".join(central_label(corpus, draft, i) for i in clause.related))
    lines.extend(replacement_line(r.pattern, r.replacement, r.count, r.why, r.kept) for r in clause.replacements)
    for flag in clause.flags:
        state = "（已采用）" if flag.accepted else ""
        advice = f"建议表述：“{flag.suggestion}”" if flag.suggestion else "无现成表述，请手工改写"
        lines.append(f"提示{state}：“{flag.pattern}”——{flag.why}。{advice}")
    if clause.lead or clause.partners or clause.deadline:
        lines.append(division_line(clause))
    lines.extend(f"笔记：{note}" for note in clause.notes)  # HOOK(compare): notes the drafter carried in
    return lines


def division_line(clause: DraftClause) -> str:
    """分工：牵头 …；责任 …；完成时限 …, with where the suggestion came from."""
    parts = [f"牵头单位 {clause.lead or '【请补充】'}"]
    if clause.partners:
        parts.append("责任单位 " + "、".join(clause.partners))
    parts.append(f"完成时限 {clause.deadline or '【请补充】'}")
    s = clause.suggestion
    if s and s.lead and clause.lead == s.lead.name:
        parts.append(f"牵头单位按分工规则建议（{reason_text(s.lead)}）")
    return "分工：" + "；".join(parts)


def _origin_line(corpus: Corpus, draft: Draft, clause: DraftClause) -> str:
    if clause.origin is Origin.GAP:
        return "依据：省实施措施无对应条款（缺口），本条待起草人撰写"
    if clause.origin is Origin.ADDED:
        return "依据：起草人新增条款，省实施措施无对应条款"
    label = provincial_label(corpus, draft, clause)
    return f"依据：省实施措施{label}" if label else "依据：省实施措施（原条款在知识库中未找到）"


def replacement_line(pattern: str, new: str, count: int, why: str, kept: tuple[str, ...] = ()) -> str:
    line = f"替换：“{pattern}”→“{new}”（{count}处）——{why}"
    if kept:
        line += "；保留原文：" + "、".join(f"“…{k}…”" for k in kept)
    return line


def comment_text(corpus: Corpus, draft: Draft, clause: DraftClause) -> str:
    return "\n".join(basis_lines(corpus, draft, clause))
