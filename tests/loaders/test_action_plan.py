"""The county action-plan loader, against the Yongjia plan and small excerpts (expectations read by hand)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.gazetteer import Gazetteer
from graph.model import (
    INDICATOR,
    MEASURE,
    PROJECT,
    InputError,
    LoadResult,
    Node,
    Relation,
    make_id,
)
from graph.reference import SOURCES_DIR, load_reference, load_sources_meta
from loaders import action_plan
from loaders.base import Context, SourceDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan"
PLAN = SOURCES_DIR / "yongjia_action_plan_2025_2027.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_reference())


def run(gaz: Gazetteer, path: Path, meta: dict[str, Any] | None = None) -> LoadResult:
    text = path.read_text(encoding="utf-8")
    meta = dict(meta if meta is not None else {"subject": "永嘉县", "round": "2025-2027"})
    doc = SourceDocument(meta.get("id", path.stem), str(path), text, meta)
    return action_plan.load(doc, Context(doc, gaz))


@pytest.fixture(scope="module")
def plan(gaz: Gazetteer) -> LoadResult:
    meta = load_sources_meta()[PLAN.name]
    return run(gaz, PLAN, meta)


def rid(gaz: Gazetteer, name: str) -> str:
    entry = gaz.resolve(name)
    assert entry is not None, name
    return entry.id


def nodes(res: LoadResult, label: str) -> list[Node]:
    return [n for n in res.nodes if n.label == label]


def rels(res: LoadResult, type_: str, **props: Any) -> list[Relation]:
    return [r for r in res.relations if r.type == type_
            and all(r.props.get(k) == v for k, v in props.items())]


def key_measure(res: LoadResult, label: str) -> Node:
    found = [n for n in nodes(res, MEASURE) if n.props.get("kind") == "key_measure"
             and n.props.get("label") == label]
    assert len(found) == 1, label
    return found[0]


def sources_to(res: LoadResult, type_: str, target: str) -> set[str]:
    return {r.source for r in rels(res, type_) if r.target == target}


# -- detection ------------------------------------------------------------------------------------
def test_detects_the_plan_by_content_only() -> None:
    assert action_plan.detect(PLAN.read_text(encoding="utf-8"))
    for name in ("measures_excerpt.txt", "wencheng_plan.txt"):
        assert action_plan.detect((FIXTURES / name).read_text(encoding="utf-8"))


def test_a_news_report_naming_1to4_is_no_plan() -> None:
    # A report written for this test: it names the mechanism but has neither a plan's title nor its outline.
    news = ("丽水日报讯 4月21日，庆元县与结对地区召开山海协作联席会议。\n"
            "会上，庆元县表示将用好“1对4”结对机制，深化与鄞州区的产业合作。\n"
            "鄞州区今年安排援建资金1000万元，支持庆元特色产业发展。\n")
    assert not action_plan.detect(news)
    # The same words under a plan's outline are a plan.
    outline = "一、总体要求\n坚持“1对4”结对机制。\n二、重点任务\n深化产业合作。\n"
    assert action_plan.detect(outline)


@pytest.mark.parametrize("name", [
    "zhejiang_2021_pairing_guidance.txt", "wenzhou_2018_upgrade_opinions.txt",
    "zhejiang_26_counties_plan_2021_2025.txt", "jinri_zhejiang_2021_mountain_counties.txt",
])
def test_other_documents_are_not_action_plans(name: str) -> None:
    assert not action_plan.detect((SOURCES_DIR / name).read_text(encoding="utf-8"))


# -- 附件1 major projects -------------------------------------------------------------------------
def test_ten_major_projects(gaz: Gazetteer, plan: LoadResult) -> None:
    projects = [p for p in nodes(plan, PROJECT) if "name_source" not in p.props]  # not the enclave (test_sites)
    assert len(projects) == 10
    assert all(p.props["kind"] == "major_project" for p in projects)
    # 1.0320+3.0600+1.0266+1.0300+1.6858+1.0002+3.0283+1.2200+62.7784+5.1926 (附件1, 总投资 in 亿元)
    assert sum(p.props["investment_yi"] for p in projects) == pytest.approx(81.0539)
    assert len(plan.facts["projects"]) == 10


def test_project_9_battery_plant(gaz: Gazetteer, plan: LoadResult) -> None:
    pid = make_id(PROJECT, "23013303240401234455")
    p = next(n for n in nodes(plan, PROJECT) if n.id == pid)
    assert p.name == "温州弗迪新能源动力电池建设项目"
    assert p.props["code"] == "23013303240401234455"
    assert p.props["nature"] == "续建"
    assert p.props["field"] == "产业类"
    assert (p.props["period"], p.props["start_year"], p.props["end_year"]) == ("2023-2025", 2023, 2025)
    assert p.props["investment_yi"] == pytest.approx(62.7784)
    assert sources_to(plan, "OWNS", pid) == {rid(gaz, "温州弗迪电池有限公司")}
    yongjia = rid(gaz, "永嘉县")
    assert {r.target for r in rels(plan, "LOCATED_IN") if r.source == pid} == {yongjia}
    assert {r.target for r in rels(plan, "BENEFITS") if r.source == pid} == {yongjia}
    assert {r.target for r in rels(plan, "IN_DOMAIN") if r.source == pid} == {"domain:industry"}
    owns = next(r for r in rels(plan, "OWNS") if r.target == pid)
    assert "row 9" in owns.evidence[0].locator and "L371" in owns.evidence[0].locator


def test_project_4_is_new_and_ends_2026(plan: LoadResult) -> None:
    p = next(n for n in nodes(plan, PROJECT) if n.props["code"] == "24043303240702580369")
    assert p.name == "年产3000吨鞋材五金配件零土地技改项目"
    assert (p.props["nature"], p.props["period"], p.props["end_year"]) == ("新建", "2025-2026", 2026)
    assert p.props["investment_yi"] == pytest.approx(1.03)


# -- 表1 targets -----------------------------------------------------------------------------------
def test_nine_targets_for_yongjia(gaz: Gazetteer, plan: LoadResult) -> None:
    indicators = nodes(plan, INDICATOR)
    assert len(indicators) == 9
    training = next(n for n in indicators if n.name == "劳动力培训")
    assert training.id == make_id(INDICATOR, "yj-2025-2027-action-plan", "劳动力培训")
    assert training.props["unit"] == "人/次"
    assert training.props["values"] == {"2024年实际值": "16595", "2025年目标值": "11000",
                                        "2026年目标值": "6000", "2027年目标值": "6000"}
    assert {r.target for r in rels(plan, "FOR") if r.source == training.id} == {rid(gaz, "永嘉县")}
    funds = next(n for n in indicators if n.name == "产业合作项目到位资金")
    assert funds.props["values"]["2024年实际值"] == "159"
    assert funds.props["values"]["2025年目标值"] == "15"
    assert "浙江永嘉抽水蓄能电站项目" in funds.props["footnote"]


# -- 附件2 key measures ----------------------------------------------------------------------------
def test_24_key_measures_in_six_sections(plan: LoadResult) -> None:
    measures = [n for n in nodes(plan, MEASURE) if n.props["kind"] == "key_measure"]
    assert len(measures) == 24
    assert [m.props["section"] for m in measures].count("五、服务惠民领域") == 6
    assert len({m.props["section"] for m in measures}) == 6
    assert {m.props["period"] for m in measures} == {"2025-2027"}


def test_measure_5_4_healthcare(gaz: Gazetteer, plan: LoadResult) -> None:
    m = key_measure(plan, "五.4")
    assert m.name == "深化紧密型医共体与“山海”提升工程"
    assert m.id == make_id(MEASURE, "yj-2025-2027-action-plan", "五", "4")
    assert m.props["domains"] == ["domain:healthcare"]
    assert m.props["target"] == "实现巡回诊疗网络全覆盖。"
    assert m.props["tasks_first_year"].startswith("1.开展“永嘉医派”专项行动")
    assert m.props["plan_later_years"].startswith("1.继续推进“永嘉医派”传承创新行动")
    assert m.props["columns"]["到2027年预期目标(定性+定量)"] == "实现巡回诊疗网络全覆盖。"
    assert sources_to(plan, "SUPPORTS_MEASURE", m.id) == {
        rid(gaz, "浙江中医药大学附属第二医院"), rid(gaz, "瓯海区"), rid(gaz, "温州市中心医院")}
    assert sources_to(plan, "RESPONSIBLE_FOR", m.id) == {rid(gaz, "永嘉县卫生健康局")}
    assert {r.target for r in rels(plan, "IN_DOMAIN") if r.source == m.id} == {"domain:healthcare"}


def test_measure_4_7_cell_across_a_blank_line(gaz: Gazetteer, plan: LoadResult) -> None:
    m = key_measure(plan, "四.7")
    assert sources_to(plan, "SUPPORTS_MEASURE", m.id) == {
        rid(gaz, "中共浙江省委党史和文献研究室"), rid(gaz, "浙江省二轻集团"), rid(gaz, "瓯海区"),
        rid(gaz, "浙江省街舞运动协会")}
    assert rid(gaz, "温州市楠溪江旅游经济发展中心") in sources_to(plan, "RESPONSIBLE_FOR", m.id)
    assert rid(gaz, "永嘉县旅游投资集团有限公司") in sources_to(plan, "RESPONSIBLE_FOR", m.id)


@pytest.mark.parametrize(("label", "domains"), [
    ("一.1", ["domain:industry"]), ("二.2", ["domain:technology"]), ("三.1", ["domain:infrastructure"]),
    ("四.1", ["domain:agriculture"]), ("四.2", ["domain:agriculture"]), ("四.3", ["domain:agriculture"]),
    ("四.4", ["domain:agriculture"]), ("四.6", ["domain:consumption"]),
    ("四.7", ["domain:agriculture", "domain:tourism_culture"]), ("四.8", ["domain:employment"]),
    ("五.1", ["domain:education"]), ("五.2", ["domain:education"]), ("五.3", ["domain:education"]),
    ("五.5", ["domain:social_welfare"]), ("五.6", ["domain:social_welfare"]),
    ("六.1", ["domain:environment"]), ("六.2", ["domain:natural_resources"]), ("六.3", ["domain:talent"]),
])
def test_measure_domains(plan: LoadResult, label: str, domains: list[str]) -> None:
    assert key_measure(plan, label).props["domains"] == domains


def test_generic_supporter_is_no_party(plan: LoadResult) -> None:
    # 二.1 帮扶单位 "结对科研机构等" names a role, not an organisation.
    assert sources_to(plan, "SUPPORTS_MEASURE", key_measure(plan, "二.1").id) == set()


def test_city_and_county_relative_names(gaz: Gazetteer, plan: LoadResult) -> None:
    resp = sources_to(plan, "RESPONSIBLE_FOR", key_measure(plan, "六.1").id)
    assert resp == {rid(gaz, "温州市生态环境局永嘉分局")}  # 市生态环境局永嘉分局
    resp = sources_to(plan, "RESPONSIBLE_FOR", key_measure(plan, "一.2").id)
    assert resp == {rid(gaz, n) for n in ("永嘉县发展和改革局", "永嘉县投资促进服务中心",
                                         "永嘉县经济和信息化局", "永嘉县农业农村局")}


# -- SUPPORTS -------------------------------------------------------------------------------------
def supporters_of(res: LoadResult, county: str, domain: str) -> set[str]:
    return {r.source for r in rels(res, "SUPPORTS") if r.target == county
            and domain in (r.props.get("domains") or [])}


def test_who_supports_yongjia_in_healthcare(gaz: Gazetteer, plan: LoadResult) -> None:
    assert supporters_of(plan, rid(gaz, "永嘉县"), "domain:healthcare") == {
        rid(gaz, "浙中医大二院"), rid(gaz, "瓯海区"), rid(gaz, "温州市中心医院")}


def test_one_to_four_partners(gaz: Gazetteer, plan: LoadResult) -> None:
    yongjia = rid(gaz, "永嘉县")
    county = rels(plan, "SUPPORTS", mechanism="county_pairing")
    assert {(r.source, r.target, r.props["level"]) for r in county} == {(rid(gaz, "瓯海区"), yongjia, "county")}
    soe = rels(plan, "SUPPORTS", mechanism="soe_pairing")
    assert {(r.source, r.props["level"]) for r in soe} == {(rid(gaz, "浙江省二轻集团"), "organization")}
    leader = rels(plan, "SUPPORTS", mechanism="leader_contact")
    assert {r.source for r in leader} == {rid(gaz, "浙江省自然资源厅"), rid(gaz, "省委党史和文献研究室"),
                                         rid(gaz, "省煤炭地质院")}
    assert not rels(plan, "SUPPORTS", mechanism="social_pairing")
    assert any("social_pairing" in w.message and "温州市中心医院" in w.message for w in plan.warnings)
    assert all(r.props["round"] == "2025-2027" for r in county + soe + leader)
    assert county[0].evidence[0].locator.endswith("(L174-L176)")
    assert "构建永嘉与瓯海区的紧密型合作机制" in county[0].evidence[0].quote


def test_healthcare_paragraph_supporters(gaz: Gazetteer, plan: LoadResult) -> None:
    named = [r for r in rels(plan, "SUPPORTS", mechanism="named_support")
             if any("L240" in e.locator for e in r.evidence)]
    assert {r.source for r in named} == {rid(gaz, "浙中医大二院"), rid(gaz, "瓯海区"), rid(gaz, "温州市中心医院")}
    assert all(r.props["domains"] == ["domain:healthcare"] for r in named)
    hospital = next(r for r in named if r.source == rid(gaz, "温州市中心医院"))
    quotes = [e.quote for e in hospital.evidence]
    assert "选派永嘉医疗骨干赴温州市中心医院和浙中医大二院，开展分层分类进修。" in quotes


def test_no_self_support_and_no_place_names(gaz: Gazetteer, plan: LoadResult) -> None:
    sources = {r.source for r in rels(plan, "SUPPORTS")}
    own = {rid(gaz, n) for n in ("永嘉县", "永嘉县卫生健康局", "永嘉县第二高级中学", "永嘉县发展和改革局")}
    places = {rid(gaz, n) for n in ("杭州市", "萧山区", "丽水市", "温州市", "浙江省")}
    assert not sources & own
    assert not sources & places  # 杭州萧山国际机场, 大丽水街, 纳入温州市市域统筹, 浙江工匠


def test_education_paragraph_names_partner_schools(gaz: Gazetteer, plan: LoadResult) -> None:
    named = [r for r in rels(plan, "SUPPORTS", mechanism="named_support")
             if any("L237" in e.locator for e in r.evidence)]
    assert {r.source for r in named} == {rid(gaz, "海宁市高级中学"), rid(gaz, "平湖中学")}
    assert all(r.props["domains"] == ["domain:education"] for r in named)


# -- evidence and warnings ------------------------------------------------------------------------
def test_every_relation_quotes_the_document(plan: LoadResult) -> None:
    text = PLAN.read_text(encoding="utf-8")
    for r in plan.relations:
        assert r.evidence, r
        for e in r.evidence:
            assert e.document == "yj-2025-2027-action-plan" and e.locator
            for piece in e.quote.split(" … "):
                for line in piece.split("\n"):
                    assert line.strip() in text, (r.type, e.locator, line)


def test_no_unknown_names_on_the_real_plan(plan: LoadResult) -> None:
    # Every 帮扶单位, 责任部门 and owner of the plan is in data/reference; the only warning is the
    # 社会力量 paragraph that names nobody.
    assert [w.locator for w in plan.warnings] == ["L180-L182"]


# -- layout variants ------------------------------------------------------------------------------
def by_title(gaz: Gazetteer, res: LoadResult) -> dict[str, tuple[set[str], set[str], list[str]]]:
    out = {}
    for m in nodes(res, MEASURE):
        out[m.name] = (sources_to(res, "SUPPORTS_MEASURE", m.id), sources_to(res, "RESPONSIBLE_FOR", m.id),
                       m.props["domains"])
    return out


def test_reordered_columns_load_the_same(gaz: Gazetteer) -> None:
    original = by_title(gaz, run(gaz, FIXTURES / "measures_excerpt.txt"))
    reordered = by_title(gaz, run(gaz, FIXTURES / "measures_reordered.txt"))
    assert set(original) == {"强化消费帮扶支持", "深化推进农文旅融合", "深化紧密型医共体与“山海”提升工程"}
    assert reordered == original
    supporters, responsible, _ = reordered["深化推进农文旅融合"]
    assert rid(gaz, "省街舞运动协会") in supporters
    assert rid(gaz, "永嘉县委党史研究室") in responsible


def test_truncated_measures_table_is_an_input_error(gaz: Gazetteer) -> None:
    with pytest.raises(InputError) as info:
        run(gaz, FIXTURES / "measures_truncated.txt")
    assert info.value.line == 15  # the row "4 深化紧密型医共体…" that the text cuts off
    assert "measures_truncated.txt" in str(info.value)


def test_another_countys_plan_loads_without_code_changes(gaz: Gazetteer) -> None:
    res = run(gaz, FIXTURES / "wencheng_plan.txt", {"id": "wc-plan", "round": "2025-2027"})
    wencheng = rid(gaz, "文成县")
    assert {r.target for r in rels(res, "FOR")} == {wencheng}
    target = nodes(res, INDICATOR)[0]
    assert target.props["values"] == {"2024年实际值": "1200", "2027年目标值": "1500"}
    project = nodes(res, PROJECT)[0]
    assert project.props["investment_yi"] == pytest.approx(1.5)  # 15000 万元
    assert {r.target for r in rels(res, "LOCATED_IN")} == {wencheng}
    mech = {(r.props["mechanism"], r.source) for r in rels(res, "SUPPORTS")}
    assert ("county_pairing", rid(gaz, "瑞安市")) in mech
    assert ("soe_pairing", rid(gaz, "省海港集团")) in mech
    assert ("leader_contact", rid(gaz, "省水利厅")) in mech
    assert supporters_of(res, wencheng, "domain:healthcare") == {
        rid(gaz, "浙医一院"), rid(gaz, "瑞安市"), make_id("Organization", "省山区公益基金会")}
    assert rid(gaz, "萧山区") not in {r.source for r in rels(res, "SUPPORTS")}
    measure = next(m for m in nodes(res, MEASURE) if m.props["kind"] == "key_measure")
    assert rid(gaz, "温州市教育局") in sources_to(res, "RESPONSIBLE_FOR", measure.id)  # 市教育局
    unknown = {w.message.split("'")[1] for w in res.warnings if w.message.startswith("unknown")}
    assert unknown == {"文成县发改局", "文成县卫健局", "文成县卫生健康局", "文成县交投集团", "省山区公益基金会"}


def test_plan_without_any_county_is_an_input_error(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "nameless.txt"
    path.write_text("全面深化“1对4”结对机制。\n", encoding="utf-8")
    with pytest.raises(InputError, match="which county"):
        run(gaz, path, {"id": "nameless"})


def test_facts_count_projects_and_table_measures(plan: LoadResult) -> None:
    assert sorted(plan.facts["projects"])[0] == "23013303240401234455"
    assert len(plan.facts["measures"]) == 24
    # the 25 numbered paragraphs of 四、七大行动: 4+3+2+3+5+4+4
    assert len(plan.facts["action_paragraphs"]) == 25


def test_field_paragraph_is_a_measure_too(gaz: Gazetteer, plan: LoadResult) -> None:
    m = next(n for n in nodes(plan, MEASURE) if n.props["kind"] == "action_paragraph"
             and n.name == "持续推进健康永嘉建设")
    assert m.props["domains"] == ["domain:healthcare"]
    assert sources_to(plan, "SUPPORTS_MEASURE", m.id) == {
        rid(gaz, "浙中医大二院"), rid(gaz, "瓯海区"), rid(gaz, "温州市中心医院")}
    # （县卫生健康局） closing the paragraph is its responsibility note, not a supporter
    assert sources_to(plan, "RESPONSIBLE_FOR", m.id) == {rid(gaz, "永嘉县卫生健康局")}
