"""Link suggestion recovers the clauses a document carries out, on texts it was not tuned on.

Two checks, each reporting precision and recall (run with ``-s`` to see them):

* a mock city plan written for this test: ten Liaoning clauses paraphrased,
  shortened, renamed and reordered (全省→全市, sentences cut, headings changed),
  plus one clause of its own; the suggestions must find the provincial clause
  each one came from;
* the Liaoning measures themselves, imported as a provincial document under
  another id: the suggestions must find the central clauses of
  ``policy_texts/crosslinks.tsv``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.core.model import DocumentKind
from desktop_app.core.textimport import import_plain_text
from desktop_app.linking import ACCEPT_THRESHOLD, accepted_links, suggest_links

MOCK_CITY_PLAN = """\
某市促进劳动力和人才社会性流动体制机制改革实施方案
为贯彻落实《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》，结合我市实际，制定本方案。
一、强化基本保障
（一）完善住房保障。按照市场主导、政府规划、企业参与的方式，在产业园区等居住需求集中区域建设单位宿舍和租赁住房。有序扩大公共租赁住房和共有产权住房供给，多渠道满足常住人口住房需求。
（二）做好社会救助兜底。统筹推进城乡低保，动态调整低保标准，落实特困人员救助供养制度，改进临时救助，保障困难群众基本生活。提高孤儿基本生活养育标准，开展事实无人抚养儿童关爱保护。
（三）推动人事档案服务便利化。流动人员人事档案可以存放在公共就业和人才服务机构，存档人员身份不因存放机构不同而改变。推进档案转递线上申请、异地通办，提升档案服务信息化水平。
二、促进就业创业
（四）落实就业优先。把稳定和扩大就业作为全市经济社会发展的优先目标，推进实体经济转型升级，发展工业互联网和智能制造，培育新一代信息技术、高端装备等新兴产业，形成高质量就业增长极。
（五）提升公共就业服务水平。构建覆盖全民、线上线下一体的公共就业服务体系，建设公共就业创业服务平台，推进服务全程信息化，支持经营性人力资源服务机构和社会组织提供专业化就业创业服务。
（六）保障困难人员公平就业。打破人力资源区域分割，依法纠正身份、性别等就业歧视。加强就业援助，对难以通过市场实现就业的困难人员通过公益性岗位安置，确保零就业家庭动态清零。
三、拓展人才发展通道
（七）畅通技能人才成长通道。推动职业资格与职称、职业技能等级制度衔接，鼓励用人单位设置首席技师、特级技师岗位，将薪酬增长与技能素质、实际贡献挂钩。
（八）加大基层激励力度。对长期在基层一线和艰苦偏远地区工作的人才，提高工作业绩和工作年限的评价权重，增加基层单位和一线岗位评先选优比例。
（九）促进人才交流。加大党政人才和企事业单位管理人才交流力度，畅通社会组织人员进入党政机关和国有企事业单位的渠道，对退役军人、“三支一扶”服务期满人员实行专项招录。
（十）完善社会保险转移接续。落实基本养老保险关系转移接续办法，完善异地就医直接结算，支持新业态从业人员以个人身份参保，完善失业保险关系转移接续。
（十一）加强宣传引导。通过报纸、广播、新媒体等渠道宣传政策措施，及时回应群众关切。
"""

# mock clause -> the Liaoning clause it was written from ((十一) has none)
MOCK_SOURCES = {
    "part_1__para_1": "part_2__para_9",
    "part_1__para_2": "part_4__para_18",
    "part_1__para_3": "part_2__para_11",
    "part_2__para_4": "part_1__para_1",
    "part_2__para_5": "part_2__para_7",
    "part_2__para_6": "part_4__para_17",
    "part_3__para_7": "part_3__para_14",
    "part_3__para_8": "part_3__para_13",
    "part_3__para_9": "part_2__para_10",
    "part_3__para_10": "part_2__para_8",
}


def _report(name: str, accepted: set, truth: set) -> tuple[float, float]:
    hits = len(accepted & truth)
    precision = hits / len(accepted) if accepted else 0.0
    recall = hits / len(truth)
    print(f"\n{name}: threshold {ACCEPT_THRESHOLD}, accepted {len(accepted)}, correct {hits}, "
          f"truth {len(truth)}: precision {precision:.2f}, recall {recall:.2f}")
    return precision, recall


@pytest.fixture(scope="module")
def mock_plan():
    return import_plain_text(MOCK_CITY_PLAN, doc_id="mockcity", title="某市实施方案", kind=DocumentKind.CITY)


def test_mock_city_plan_recovers_provincial_clauses(corpus, mock_plan):
    assert [c.id for c in mock_plan.clauses][:10] == list(MOCK_SOURCES)
    results = {r.unit_id: r for r in suggest_links(corpus, mock_plan)}
    best_provincial = {
        uid: next((s.id for s in r.suggestions if s.doc == "liaoning"), None) for uid, r in results.items()
    }
    assert sum(best_provincial[u] == t for u, t in MOCK_SOURCES.items()) >= 9
    accepted = {(lk.source_id, lk.target_id) for lk in accepted_links(mock_plan, list(results.values()))
                if lk.target_doc == "liaoning"}
    precision, recall = _report("mock city plan → liaoning", accepted, set(MOCK_SOURCES.items()))
    assert precision >= 0.8 and recall >= 0.7


def test_mock_city_plan_central_links_agree_with_the_reference_links(corpus, mock_plan):
    """A central clause accepted for a mock clause is one its Liaoning source carries out (or related)."""
    results = suggest_links(corpus, mock_plan)
    central = [lk for lk in accepted_links(mock_plan, results) if lk.target_doc == "central"]
    carried = {(m, lk.target_id) for m, src in MOCK_SOURCES.items() for lk in corpus.links
               if lk.source_doc == "liaoning" and lk.source_id == src}
    right = [lk for lk in central if (lk.source_id, lk.target_id) in carried]
    print(f"\nmock city plan → central: accepted {len(central)}, agreeing with crosslinks.tsv {len(right)}")
    assert len(right) >= 0.7 * len(central)


def test_clause_of_its_own_gets_no_confident_link(corpus, mock_plan):
    (own,) = [r for r in suggest_links(corpus, mock_plan) if r.unit_id == "part_3__para_11"]
    assert own.accepted() == ()


def test_liaoning_imported_again_links_back_to_central(corpus):
    copy = replace(corpus.document("liaoning"), id="liaoning_copy")
    results = suggest_links(corpus, copy)
    clause_ids = {c.id for c in copy.clauses}
    truth = {(lk.source_id, lk.target_id) for lk in corpus.links
             if lk.source_doc == "liaoning" and lk.source_id in clause_ids}
    accepted = {(lk.source_id, lk.target_id) for lk in accepted_links(copy, results)}
    assert all(lk.target_doc == "central" for lk in accepted_links(copy, results))
    precision, recall = _report("liaoning (as a new provincial doc) → central", accepted, truth)
    top1 = sum(1 for r in results if r.suggestions and (r.unit_id, r.suggestions[0].id) in truth)
    print(f"best suggestion right for {top1} of {len(results)} clauses")
    assert precision >= 0.85 and recall >= 0.6 and top1 >= 15


def test_suggestions_are_best_first_and_only_from_higher_documents(corpus, mock_plan):
    for r in suggest_links(corpus, mock_plan):
        scores = [s.score for s in r.suggestions]
        assert scores == sorted(scores, reverse=True)
        assert {s.doc for s in r.suggestions} <= {"central", "liaoning"}


def test_central_document_gets_no_suggestions(corpus):
    doc = replace(corpus.document("central"), id="central_copy")
    assert all(r.suggestions == () for r in suggest_links(corpus, doc))
