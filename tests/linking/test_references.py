"""Explicit references: by 文号 or by title in 《…》, with or without a clause number."""

from __future__ import annotations

from desktop_app.core.model import DocumentKind
from desktop_app.core.textimport import import_plain_text
from desktop_app.linking import find_references, suggest_links

CENTRAL_TITLE = "关于促进劳动力和人才社会性流动体制机制改革的意见"


def test_title_with_clause_number(corpus):
    (ref,) = find_references(f"按照《{CENTRAL_TITLE}》第（六）条要求，做好档案工作。", corpus)
    assert (ref.doc, ref.unit_id) == ("central", "part_3__para_6")
    assert ref.text.endswith("第（六）条")


def test_notice_title_and_document_number(corpus):
    text = f"为贯彻落实《中共中央办公厅、国务院办公厅印发〈{CENTRAL_TITLE}〉的通知》（厅字〔2019〕56号）精神"
    refs = find_references(text, corpus)
    assert [(r.doc, r.unit_id) for r in refs] == [("central", "")]
    assert [(r.doc, r.unit_id) for r in find_references("依据厅字[2019]56号文件第五条", corpus)] == [
        ("central", "part_3__para_5")]


def test_part_reference_and_unknown_documents(corpus):
    (ref,) = find_references("《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》第二部分", corpus)
    assert (ref.doc, ref.unit_id) == ("liaoning", "part_2")
    assert find_references("《中华人民共和国劳动法》第三条；国发〔2019〕3号", corpus) == []


def test_referenced_clause_is_suggested_first_even_without_shared_words(corpus):
    text = f"一、工作任务\n（一）抓好落实。认真落实《{CENTRAL_TITLE}》第（十五）条，制定本地办法。\n"
    doc = import_plain_text(text, doc_id="ref", title="测试", kind=DocumentKind.CITY)
    (found,) = suggest_links(corpus, doc)
    best = found.suggestions[0]
    assert (best.doc, best.id, best.score, best.reason) == ("central", "part_6__para_15", 1.0, "reference")
    assert best in found.accepted()
