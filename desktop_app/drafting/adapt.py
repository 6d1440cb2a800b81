"""Applying the city-adaptation rules (``city-adaptation.tsv``) to provincial text.

``replace`` rules change the wording and are recorded; ``flag`` rules leave the
text alone and attach the usual city wording as a suggestion.  The rule table's
reasons may be written in English (the maintainers' sources); the draft always
carries Chinese reasons because they end up in the comments a reviewer reads.
"""

from __future__ import annotations

import re

from ..core.tables import AdaptationRule, City
from .model import Flag, Replacement

# 全省 followed by one of these (before the next punctuation) names a province-wide
# system or platform, which a city plan keeps as it is ("check each hit", city-adaptation.tsv).
PROVINCE_WIDE_MARKERS = ("统一", "统筹", "一体化", "联网", "通办", "平台", "系统", "数据库", "一张网", "范围内")
_PUNCT = re.compile(r"[，。；：、！？（）《》“”]")

# Chinese reasons for the shipped rules, keyed by pattern.
REASONS_ZH = {
    "结合辽宁实际": "方案结合本市实际制定",
    "现制定如下实施措施": "市级此类文件称“实施方案”，序言同时引用中央《意见》和省实施措施",
    "全省": "文件适用范围为本市；指全省统一制度或平台的“全省”保留原文",
    "各地区": "市的下一级为县（市）区",
    "全面推进五大区域协调发展": "五大区域协调发展属省级战略，市级主动融入",
    "优化行政区划设置": "行政区划调整须报市级以上机关批准",
    "支持高等院校设置": "多数高等院校由省或国家部委举办",
    "辽宁沿海经济带、沈阳经济区、辽西北城市间协同合作": "区域合作因市而异：只保留本市所属区域，并写明合作城市",
    "加强辽宁省大型科学仪器设备共享服务平台建设": "该平台属省级平台",
    "优秀省级创业孵化基地": "省级创业孵化基地由省级认定",
    "清理妨碍劳动力和人才社会性流动的地方性法规、政府规章":
        "设区的市只能在《立法法》规定的事项范围内制定地方性法规、政府规章",
    "推动辽宁省小微企业金融服务基地综合平台和普惠金融企税银综合智能服务平台建设": "两个平台均属省级平台",
    "推进失业保险省级统筹": "失业保险实行省级统筹",
    "降低艰苦偏远地区基层公务员招录门槛": "公务员招录政策由省级主管部门制定",
    "每年组织开展一次“辽宁省优秀高技能人才”评选活动": "“辽宁省优秀高技能人才”属省级评选",
    "继续实施重点高校面向贫困地区定向招生专项计划": "该专项计划由国家和省组织实施",
    "提高孤儿基本生活养育标准": "孤儿基本生活养育最低标准由省级制定",
}
GENERIC_REASON = {"replace": "按市级文件的适用范围调整表述", "flag": "该事项由省级决定或属省级平台，市级方案不宜照搬"}


def reason(rule: AdaptationRule) -> str:
    """The rule's reason in Chinese: the table's own when it is Chinese, else ours."""
    if re.search(r"[\u4e00-\u9fff]", rule.why):
        return rule.why
    return REASONS_ZH.get(rule.pattern, GENERIC_REASON[rule.kind])


def apply_replace(text: str, rule: AdaptationRule, city: City) -> tuple[str, Replacement | None]:
    """Replace every hit of the rule's pattern; 全省 naming a province-wide system stays."""
    if rule.pattern not in text:
        return text, None
    new = rule.suggestion_for(city)
    out, kept, count, pos = [], [], 0, 0
    for m in re.finditer(re.escape(rule.pattern), text):
        out.append(text[pos:m.start()])
        if rule.pattern == "全省" and names_province_wide_system(text, m.end()):
            out.append(m.group(0))
            kept.append(text[max(0, m.start() - 4):m.end() + 8])
        else:
            out.append(new)
            count += 1
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), Replacement(rule.pattern, new, count, reason(rule), tuple(kept))


def names_province_wide_system(text: str, after: int) -> bool:
    """Whether the words after a 全省 hit (up to the next punctuation) name a province-wide system."""
    tail = text[after:after + 12]
    stop = _PUNCT.search(tail)
    tail = tail[:stop.start()] if stop else tail
    return any(marker in tail for marker in PROVINCE_WIDE_MARKERS)


def regional_groupings(cities: tuple[City, ...], pattern: str) -> tuple[str, ...]:
    """The groupings of cities (沈阳经济区, 辽西北, …) that a rule's pattern names."""
    names = {g for c in cities for g in c.groupings}
    return tuple(sorted((g for g in names if g in pattern), key=pattern.index))


def regional_suggestion(city: City, cities: tuple[City, ...], pattern: str) -> str | None:
    """The city's own groupings from the pattern, each with its partner cities.

    ``辽宁沿海经济带、沈阳经济区、辽西北城市间协同合作`` for 阜新市 gives
    ``沈阳经济区（沈阳、鞍山、…）、辽西北（铁岭、朝阳）城市间协同合作``.
    """
    named = regional_groupings(cities, pattern)
    mine = [g for g in named if g in city.groupings]
    if not named or not mine:
        return None
    pieces = []
    for grouping in mine:
        partners = [c.short for c in cities if grouping in c.groupings and c.name != city.name]
        pieces.append(f"{grouping}（{'、'.join(partners)}）" if partners else grouping)
    last = max(pattern.index(g) + len(g) for g in named)
    return "、".join(pieces) + pattern[last:]


def make_flag(text: str, rule: AdaptationRule, city: City, cities: tuple[City, ...]) -> Flag | None:
    """A flag for the rule when its pattern is in *text*; the regional rule gets the city's groupings."""
    if rule.pattern not in text:
        return None
    if regional_groupings(cities, rule.pattern):
        suggestion = regional_suggestion(city, cities, rule.pattern)
        if suggestion is None:
            return Flag(rule.pattern, "", "本市不属于所列区域：请改写为本市参与的区域合作，或删除该句")
        return Flag(rule.pattern, suggestion, reason(rule))
    return Flag(rule.pattern, rule.suggestion_for(city), reason(rule))
