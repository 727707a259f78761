"""region_profile: category, 一县一业, supporters, projects, measures, targets and sources of one region."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.errors import NotFound
from queries.region_profile import region_profile

# Annex 1 of the Yongjia plan lists ten major projects; the Wenzhou 2018 park table adds 永嘉-瓯海.
YONGJIA_PROJECTS = {
    "温州市康泰生物科技有限公司年产2000万只微生物体外诊断试剂生产用地建设项目",
    "浙江嘉隆机械设备有限公司年产4000吨槽罐车安全附件厂房建设项目",
    "永嘉县东方古陶瓷综合体建设项目",
    "年产3000吨鞋材五金配件零土地技改项目",
    "永嘉通球阀门有限公司年产30000吨阀门球体及阀座建设项目",
    "四海山庄改造提升",
    "贝旺集团有限公司年产600万套声光电子教学仪器项目（桥下镇工202307地块）",
    "罗浮阀门集团有限公司年产20万台多级泵及年产10万台阻火呼吸阀产品建设项目（桥下镇工202314地块）",
    "温州弗迪新能源动力电池建设项目",
    "年产18000吨高性能智能液压阀建设项目",
    "永嘉-瓯海生态旅游文化产业园",
    "瓯海—永嘉产业飞地",  # YJ 四(二)3 "整合现状瓯海—永嘉产业飞地（瓯海经济开发区南片发展园区和时尚智造小镇核心区域）"
}


def test_yongjia(store: GraphStore) -> None:
    p = region_profile(store, "Yongjia")
    assert p.region["name"] == "永嘉县" and p.region["mountain"] is True and p.region["city"] == "温州市"
    # 26-county plan L10: 跨越发展类包括永嘉县…; L220: 一县一业 … 永嘉泵阀.
    assert p.category is not None and p.category.value == "跨越发展类"
    assert any("永嘉县" in e.quote for e in p.category.evidence)
    assert p.industry is not None and p.industry.value == "泵阀"
    assert any("永嘉泵阀" in e.quote for e in p.industry.evidence)
    groups = {g.mechanism: {s.name for s in g.supporters} for g in p.supporters}
    assert "瓯海区" in groups["county_pairing"]
    assert groups["soe_pairing"] == {"浙江省二轻集团"}
    named = next(g for g in p.supporters if g.mechanism == "named_support").supporters
    assert len(named) == len({s.id for s in named}), "one row per supporter"
    assert {p_.name for p_ in p.projects} == YONGJIA_PROJECTS
    assert "深化紧密型医共体与“山海”提升工程" in {m.name for m in p.measures}
    indicators = {i.name: i for i in p.indicators}
    assert "医疗交流活动数" in indicators  # 表1 row 6
    group_rows = [i for i in p.indicators if i.for_group]
    assert group_rows and all(i.props["category"] == "跨越发展类" for i in group_rows)
    assert {d.id for d in p.documents} == {"doc:yj-2025-2027-action-plan", "doc:zj-2021-pairing-guidance",
                                             "doc:zj-26-counties-plan-2021-2025", "doc:wz-2018-upgrade-opinions"}


def test_kaihua_has_a_category_but_no_one_county_one_industry(store: GraphStore) -> None:
    # 开化 is 生态发展类 (L10); the 一县一业 list (L220) does not name it (开化根雕 is a 历史经典产业, L221).
    p = region_profile(store, "开化县")
    assert p.category is not None and p.category.value == "生态发展类"
    assert p.industry is None
    groups = {g.mechanism: {s.name for s in g.supporters} for g in p.supporters}
    assert {"桐乡市", "上城区", "越城区"} <= groups["county_pairing"]
    assert all(i.props.get("category") in (None, "生态发展类") for i in p.indicators)


def test_unknown_region(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        region_profile(store, "火星县")
