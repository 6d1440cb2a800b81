"""Small city plans written for the tests (not shipped): two cities' documents and their links.

鞍山's plan carries out Liaoning （五） (so central （四） through it), central （十四） directly (a gap the
province leaves), relates to central （一）, and its （四） carries out both Liaoning （五） and central （四）;
大连's plan carries out Liaoning （一）.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.model import Clause, Document, DocumentKind, Link, Part, Relation
from desktop_app.core.tables import dump_links
from desktop_app.core.xmlio import document_to_xml

ANSHAN_TEXT = {
    "（一）": ("深化户籍制度改革", "各县（市）区鼓励放开落户限制，统筹推进普通劳动者和人才落户。"),
    "（二）": ("加强组织领导", "各地区各部门必须把促进社会性流动摆上重要议程。"),
    "（三）": ("稳定扩大就业", "坚持把稳定和扩大就业作为经济社会发展的优先目标。"),
    "（四）": ("优化落户服务", "全面落实支持农业转移人口市民化的财政政策。鼓励推进门诊费用异地直接结算。"),
}
DALIAN_TEXT = {"（一）": ("实施就业优先政策", "坚持把稳定和扩大就业作为经济社会发展的优先目标，确保就业稳定。")}


def _doc(doc_id: str, city: str, texts: dict[str, tuple[str, str]]) -> Document:
    clauses = tuple(Clause(f"part_1__para_{n}", num, heading, (body,), part_id="part_1")
                    for n, (num, (heading, body)) in enumerate(texts.items(), 1))
    return Document(doc_id, f"{city}关于促进劳动力和人才社会性流动体制机制改革的实施方案", DocumentKind.CITY,
                    issuer=f"{city}人民政府办公室", parts=(Part("part_1", "一、", "主要任务", clauses=clauses),))


LINKS = [
    Link("anshan", "part_1__para_1", "liaoning", "part_2__para_5", Relation.IMPLEMENTS),
    Link("anshan", "part_1__para_2", "central", "part_6__para_14", Relation.IMPLEMENTS),
    Link("anshan", "part_1__para_3", "central", "part_2__para_1", Relation.RELATED),
    Link("anshan", "part_1__para_4", "liaoning", "part_2__para_5", Relation.IMPLEMENTS),
    Link("anshan", "part_1__para_4", "central", "part_3__para_4", Relation.IMPLEMENTS),
    Link("dalian", "part_1__para_1", "liaoning", "part_1__para_1", Relation.IMPLEMENTS),
]


def install_city_plans(data_dir: Path) -> Path:
    """Write the two plans and their links into the user documents folder of *data_dir*."""
    folder = data_dir / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "anshan.xml").write_bytes(document_to_xml(_doc("anshan", "鞍山市", ANSHAN_TEXT)))
    (folder / "dalian.xml").write_bytes(document_to_xml(_doc("dalian", "大连市", DALIAN_TEXT)))
    (folder / "crosslinks.tsv").write_text(dump_links(LINKS), encoding="utf-8")
    return folder
