"""The 起草说明, generated from what PolicyDesk knows; whatever it cannot know is a visible 【请补充】.

Sections follow the usual contents of a 起草说明 (目的和依据; 起草过程; 征求意见及采纳情况, 协调情况和
不同意见; 主要内容; 与省实施措施相比的主要调整; 需要说明的其他事项).  Every sentence is built from the
draft, its versions and feedback, or the knowledge base; nothing is invented.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.numerals import int_to_cn
from ..drafting.build import TO_COMPLETE
from ..drafting.edit import with_full_width_punctuation
from ..drafting.model import Draft, Origin
from ..export import gbt9704 as g
from ..export.simple_table import save
from .adoption import totals_line
from .decide import conflicts
from .items import Status
from .views import place, units_in_order
from .wordkit import PLACEHOLDER, add, plain_title


def cn_date(iso: str) -> str:
    """``2026-03-01…`` → ``2026年3月1日``; an unknown date is a placeholder."""
    try:
        y, m, d = (int(x) for x in iso[:10].split("-"))
    except ValueError:
        return PLACEHOLDER
    return f"{y}年{m}月{d}日"


def _doc_ref(corpus: Corpus, doc_id: str) -> str:
    try:
        doc = corpus.document(doc_id)
    except LookupFailed:
        return f"《{PLACEHOLDER}》（文号{PLACEHOLDER}）"
    issuer = f"{doc.issuer}印发的" if doc.issuer else ""
    return f"{issuer}《{doc.short_title}》（{doc.doc_number or '文号' + PLACEHOLDER}）"


def basis(draft: Draft, corpus: Corpus) -> list[str]:
    return [f"本方案的起草依据是{_doc_ref(corpus, draft.central_doc)}和{_doc_ref(corpus, draft.provincial_doc)}。",
            f"起草目的：{PLACEHOLDER}。"]


def process(draft: Draft) -> list[str]:
    lines = [f"{cn_date(draft.created)}，依据上述文件形成方案初稿。"]
    lines += [f"{cn_date(v.saved)}，形成《方案》{v.name}。" for v in draft.versions]
    lines.append(f"调研论证情况：{PLACEHOLDER}。")
    return lines


def consultation(draft: Draft) -> list[str]:
    if not draft.feedback:
        return [f"征求意见情况：{PLACEHOLDER}（尚未导入各单位的反馈意见）。"]
    units = units_in_order(draft)
    asked = (f"就《方案》征求了{'、'.join(units)}的意见（共 {len(units)} 个单位）。" if units
             else "已收到反馈意见，反馈单位待确认。")
    return [asked, totals_line(draft), "各条意见及处理情况见《征求意见采纳情况表》。"]


def disagreements(draft: Draft) -> list[str]:
    found = conflicts(draft)
    numbers = draft.numbers()
    lines = [f"对{place(draft, c.clause_id, numbers)}“{c.words}”，{'与'.join(c.units)}提出了不同的修改意见，尚待协调。"
             for c in found]
    rejected = sum(1 for i in draft.feedback if i.status is Status.REJECTED)
    if rejected:
        lines.append(f"未采纳的意见 {rejected} 条，理由已在《征求意见采纳情况表》中逐条说明。")
    if not lines:
        lines.append("各单位反馈的修改意见之间没有相互冲突的情况。")
    lines.append(f"与相关部门的其他协调情况：{PLACEHOLDER}。")
    return lines


def contents(draft: Draft) -> list[str]:
    numbered = draft.numbered()
    count = sum(len(np.clauses) for np in numbered)
    lines = [f"《方案》共 {len(numbered)} 个部分 {count} 条。"]
    for np in numbered:
        todo = "（待起草）" if np.part.to_complete else ""
        clauses = "；".join(nc.num + nc.clause.heading for nc in np.clauses)
        listed = f"，包括：{clauses}。" if clauses else "。"
        lines.append(f"第{np.num.rstrip('、')}部分“{np.part.heading}”{todo}{listed}")
    return lines


def adaptations(draft: Draft) -> list[str]:
    numbers = draft.numbers()
    clauses = [c for c in draft.clauses if c.origin is Origin.PROVINCIAL]
    kept = [c for c in clauses if c.included]
    edited = [c for c in kept if (c.heading, c.body) != (c.original_heading, c.original_body)]
    lines = [f"沿用省实施措施条款 {len(kept)} 条，其中结合本市实际作了文字调整的 {len(edited)} 条。"]
    replaced: dict[tuple[str, str], int] = {}
    for c in kept:
        for r in c.replacements:
            replaced[(r.pattern, r.replacement)] = replaced.get((r.pattern, r.replacement), 0) + r.count
    if replaced:
        changes = "；".join(f"“{a}”改为“{b}”{n} 处" for (a, b), n in replaced.items())
        lines.append(f"将省级表述改为本市表述：{changes}。")
    accepted = [(c, f) for c in kept for f in c.flags if f.accepted]
    if accepted:
        lines.append("按本市实际改写的表述：" + "；".join(
            f"{numbers.get(c.id, '')}“{f.pattern}”改为“{f.suggestion}”" for c, f in accepted) + "。")
    dropped = [c for c in clauses if not c.included]
    if dropped:
        names = "；".join(f"“{c.heading}”" for c in dropped)
        lines.append(f"未纳入本方案的省级条款：{names}，原因：{PLACEHOLDER}。")
    added = [c for c in draft.clauses if c.origin is Origin.ADDED and c.included]
    if added:
        lines.append("新增条款：" + "；".join(f"{numbers.get(c.id, '')}{c.heading}" for c in added) + "。")
    gaps = [p for p in draft.parts if p.origin is Origin.GAP and p.included]
    if gaps:
        names = "、".join(f"“{p.heading}”" for p in gaps)
        lines.append(f"针对省实施措施未作对应规定的中央《意见》内容，增设了{names}部分。")
    return lines


def open_matters(draft: Draft) -> list[str]:
    lines = []
    pending = sum(1 for i in draft.feedback if i.status is Status.PENDING)
    if pending:
        lines.append(f"尚有 {pending} 条反馈意见待研究决定。")
    todo = [p for p in draft.parts if p.included and p.to_complete and not p.clauses]
    todo_clauses = [c for c in draft.clauses if c.included and (c.to_complete or TO_COMPLETE in c.body)]
    numbers = draft.numbers()
    if todo or todo_clauses:
        names = [f"第{numbers.get(p.id, '').rstrip('、')}部分“{p.heading}”" for p in todo]
        names += [f"{numbers.get(c.id, '')}“{c.heading}”" for c in todo_clauses]
        lines.append("以下内容尚待起草：" + "；".join(names) + "。")
    lines.append(f"合法性审核：{PLACEHOLDER}（方案是否设定权利义务、是否需要审核，由起草单位确定）。")
    lines.append(f"政策解读：{PLACEHOLDER}。")
    return lines


SECTIONS = (("起草目的和依据", "basis"), ("起草过程", "process"), ("征求意见及采纳情况", "consultation"),
            ("与相关部门协调情况和不同意见", "disagreements"), ("主要内容", "contents"),
            ("与省实施措施相比的主要调整", "adaptations"), ("需要说明的其他事项", "open_matters"))


def sections(draft: Draft, corpus: Corpus) -> list[tuple[str, list[str]]]:
    draft = with_full_width_punctuation(draft)
    made = {"basis": basis(draft, corpus), "process": process(draft), "consultation": consultation(draft),
            "disagreements": disagreements(draft), "contents": contents(draft),
            "adaptations": adaptations(draft), "open_matters": open_matters(draft)}
    return [(heading, made[key]) for heading, key in SECTIONS]


def explain_title(draft: Draft) -> str:
    return f"关于《{plain_title(draft.title)}》的起草说明"


def render_explanation(draft: Draft, corpus: Corpus) -> Document:
    doc = g.official_document()
    title = explain_title(draft)
    g.set_properties(doc, title)
    add(doc, g.STYLE_TITLE, title)
    add(doc)
    for n, (heading, lines) in enumerate(sections(draft, corpus), 1):
        add(doc, g.STYLE_HEADING1, f"{int_to_cn(n)}、{heading}")
        for line in lines:
            add(doc, "", line)
    return doc


def export_explanation(draft: Draft, corpus: Corpus, path: str | Path, *, overwrite: bool = False) -> Path:
    return save(render_explanation(draft, corpus), path, overwrite)
