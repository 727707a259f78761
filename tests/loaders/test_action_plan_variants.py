"""Action plans of other counties in variant layouts (fixtures written by hand; expectations read from them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.gazetteer import Gazetteer
from graph.model import MEASURE, PROJECT, InputError, LoadResult, Node, make_id
from graph.reference import SOURCES_DIR, load_reference
from loaders import action_plan, municipal_opinions
from loaders.action_plan_parties import subject_from_text
from loaders.base import Context, SourceDocument
from loaders.headers import Columns, header_key, vocabulary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan"
LONGQUAN = FIXTURES / "longquan_plan_variant.txt"
WENCHENG = FIXTURES / "wencheng_notice_rows.txt"
QINGYUAN = FIXTURES / "qingyuan_plan_prose.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_reference())


def run(gaz: Gazetteer, path: Path, text: str | None = None) -> LoadResult:
    text = path.read_text(encoding="utf-8") if text is None else text
    doc = SourceDocument(path.stem, str(path), text, {"id": path.stem, "round": "2025-2027"})
    return action_plan.load(doc, Context(doc, gaz))


@pytest.fixture(scope="module")
def longquan(gaz: Gazetteer) -> LoadResult:
    return run(gaz, LONGQUAN)


@pytest.fixture(scope="module")
def wencheng(gaz: Gazetteer) -> LoadResult:
    return run(gaz, WENCHENG)


@pytest.fixture(scope="module")
def qingyuan(gaz: Gazetteer) -> LoadResult:
    return run(gaz, QINGYUAN)


def rid(gaz: Gazetteer, name: str) -> str:
    entry = gaz.resolve(name)
    assert entry is not None, name
    return entry.id


def org(name: str) -> str:
    """The id of an organisation the reference lacks (added as unlisted)."""
    return make_id("Organization", name)


def one_to_four(res: LoadResult) -> set[tuple[str, str]]:
    mechanisms = {"leader_contact", "county_pairing", "soe_pairing", "social_pairing"}
    return {(r.props["mechanism"], r.source) for r in res.relations
            if r.type == "SUPPORTS" and r.props.get("mechanism") in mechanisms}


def projects(res: LoadResult) -> dict[str, Node]:
    """The plan's project-table rows (enclaves and parks read from sentences say `name_source`)."""
    return {n.name: n for n in res.nodes if n.label == PROJECT and "name_source" not in n.props}


def sited(res: LoadResult) -> set[str]:
    return {n.name for n in res.nodes if n.label == PROJECT and "name_source" in n.props}


def measure(res: LoadResult, title: str, kind: str = "key_measure") -> Node:
    found = [n for n in res.nodes if n.label == MEASURE and n.name == title and n.props["kind"] == kind]
    assert len(found) == 1, title
    return found[0]


def sources_to(res: LoadResult, type_: str, target: str, **props: Any) -> set[str]:
    return {r.source for r in res.relations if r.type == type_ and r.target == target
            and all(r.props.get(k) == v for k, v in props.items())}


def targets_of(res: LoadResult, type_: str, source: str) -> set[str]:
    return {r.target for r in res.relations if r.type == type_ and r.source == source}


# -- header vocabulary ----------------------------------------------------------------------------
@pytest.mark.parametrize(("header", "role"), [
    ("结对帮扶单位", "supporters"), ("协作单位", "supporters"), ("帮扶单位", "supporters"),
    ("牵头单位", "responsible"), ("责任部门", "responsible"), ("配合单位", "co_responsible"),
    ("重点任务", "measure"), ("主要任务", "measure"), ("项目名称", "project"), ("项目", "project"),
    ("项目代码", "code"), ("计划总投资（亿元）", "investment"), ("总投资\n\n（万元）", "investment"),
    ("性质", "nature"), ("建设性质", "nature"), ("建设年限", "period"), ("建设地点", "location"),
    ("实施主体", "owner"), ("项目所属领域", "field"), ("单位", "unit"), ("序号", "number"),
    # short words only as the whole cell: 项目数 is no project, 帮扶单位 no unit
    ("项目数", None), ("产业园名称", None), ("任务", None), ("事项", None),
    # the pairing tables' columns (loaders/pairing_matrix.py)
    ("受援地", "recipient_place"), ("结对经济强县", "partner_county"), ("省领导联系部门", "partner_department"),
])
def test_header_roles(header: str, role: str | None) -> None:
    assert vocabulary().role(header_key(header)) == role


def test_table_kind_from_roles_in_any_order() -> None:
    vocab = vocabulary()
    assert vocab.kind([header_key(h) for h in ("责任单位", "结对帮扶单位", "重点任务", "序号")]) == "measures"
    assert vocab.kind([header_key(h) for h in ("总投资（万元）", "项目名称", "建设地点")]) == "projects"
    assert vocab.kind([header_key(h) for h in ("序号", "指标", "2025年")]) == "targets"
    assert not vocab.claims("targets")  # the 26-county plan's indicator table makes no action plan
    assert vocab.kind([header_key(h) for h in ("序号", "任务", "事项", "责任单位")]) is None
    cols = Columns([header_key(h) for h in ("序号", "重点举措", "2025年重点工作任务", "帮扶单位")])
    assert cols.first("measure", years=False) == 1


# -- detection ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [LONGQUAN, WENCHENG, QINGYUAN, FIXTURES / "taishun_partners_table.txt"])
def test_variant_plans_are_detected(path: Path) -> None:
    assert action_plan.detect(path.read_text(encoding="utf-8"))


def test_variant_plans_are_not_municipal_opinions() -> None:
    for path in (LONGQUAN, WENCHENG, QINGYUAN):
        assert not municipal_opinions.detect(path.read_text(encoding="utf-8"))


def test_a_plan_title_alone_needs_an_outline() -> None:
    title = "文成县山海协作结对帮扶三年行动方案（2025—2027年）\n\n"
    assert action_plan.detect(title + "一、总体要求\n到2027年……\n二、主要任务\n共建产业园。\n")
    assert not action_plan.detect(title + "文成县与瑞安市共建产业园。\n")  # a short note, no outline
    assert not action_plan.detect("瑞安市与文成县签订山海协作结对帮扶三年行动方案\n\n一、背景\n二、内容\n")


@pytest.mark.parametrize("name", [
    "zhejiang_2021_pairing_guidance.txt", "wenzhou_2018_upgrade_opinions.txt",
    "zhejiang_26_counties_plan_2021_2025.txt", "jinri_zhejiang_2021_mountain_counties.txt",
])
def test_vocabulary_claims_no_other_document(name: str) -> None:
    assert not action_plan.detect((SOURCES_DIR / name).read_text(encoding="utf-8"))


# -- subject county -------------------------------------------------------------------------------
@pytest.mark.parametrize(("first_line", "county"), [
    ("泰顺县山海协作结对帮扶三年行动方案（2025—2027年）", "泰顺县"),
    ("景宁畲族自治县“1对4”结对帮扶工作方案", "景宁畲族自治县"),
    ("丽水市人民政府办公室关于印发《龙泉市山海协作工程实施方案》的通知", "龙泉市"),
    ("瑞安市—文成县山海协作结对帮扶行动计划", "文成县"),  # two counties: the mountain one
])
def test_subject_from_the_title(gaz: Gazetteer, first_line: str, county: str) -> None:
    lines = [first_line, "", "为深化结对帮扶，推动瓯海区与永嘉县……制定本方案。"]
    doc = SourceDocument("t", "t.txt", "\n".join(lines), {})
    assert subject_from_text(Context(doc, gaz), lines, None) == gaz.region(county)


# -- 龙泉: tab-led tables, no 序号 in the projects header, split across pages -------------------------
def test_longquan_one_to_four_as_a_list(gaz: Gazetteer, longquan: LoadResult) -> None:
    assert one_to_four(longquan) == {
        ("leader_contact", rid(gaz, "省农业农村厅")), ("leader_contact", rid(gaz, "省科技厅")),
        ("county_pairing", rid(gaz, "秀洲区")),
        ("soe_pairing", rid(gaz, "省能源集团")),  # the reference lists the provincial SOEs (浙江省能源集团有限公司)
        ("social_pairing", rid(gaz, "浙医一院")), ("social_pairing", rid(gaz, "浙江农林大学")),
        ("social_pairing", org("省青瓷文化促进会")),
    }
    assert {r.target for r in longquan.relations if r.type == "SUPPORTS"} == {rid(gaz, "龙泉市")}
    county = next(r for r in longquan.relations if r.props.get("mechanism") == "county_pairing")
    assert county.evidence[0].quote == "2. 经济强县：嘉兴市秀洲区"
    assert county.props["level"] == "county"


def test_longquan_projects_split_across_pages(gaz: Gazetteer, longquan: LoadResult) -> None:
    found = projects(longquan)
    # the repeated header after "— 7 —" is no project; the wrapped name is one name
    assert set(found) == {"龙泉—秀洲山海协作产业园标准厂房项目", "龙泉青瓷宝剑特色小镇提升工程", "秀洲—龙泉科创飞地"}
    # "依托秀洲区产业基础，共建龙泉—秀洲山海协作产业园，引进…": a co-built park (loaders/sites.py)
    assert sited(longquan) == {"龙泉—秀洲山海协作产业园"}
    park = found["龙泉—秀洲山海协作产业园标准厂房项目"]
    assert (park.props["nature"], park.props["investment_yi"]) == ("新建", pytest.approx(3.8))  # 38000 万元
    assert (park.props["start_year"], park.props["end_year"]) == (2025, 2027)
    assert park.props["number"] == "1"  # no 序号 column: the row's position
    assert found["龙泉青瓷宝剑特色小镇提升工程"].props["investment_yi"] == pytest.approx(1.25)
    enclave = found["秀洲—龙泉科创飞地"]
    assert (enclave.props["nature"], enclave.props["investment_yi"]) == ("新建", pytest.approx(0.6))
    assert targets_of(longquan, "LOCATED_IN", enclave.id) == {rid(gaz, "秀洲区")}  # built in the partner's county
    assert targets_of(longquan, "BENEFITS", enclave.id) == {rid(gaz, "龙泉市")}
    assert targets_of(longquan, "LOCATED_IN", park.id) == {rid(gaz, "龙泉市")}
    assert sources_to(longquan, "SUPPORTS_PROJECT", park.id) == {rid(gaz, "秀洲区")}
    assert sources_to(longquan, "OWNS", park.id) == {org("龙泉市国有资本运营有限公司")}
    row = next(r for r in longquan.relations if r.type == "OWNS" and r.target == enclave.id)
    assert "附件2：重大项目清单" in row.evidence[0].locator.replace(":", "：")


def test_longquan_key_tasks_with_lead_and_co_units(gaz: Gazetteer, longquan: LoadResult) -> None:
    park = measure(longquan, "共建山海协作产业园")
    assert park.props["label"] == "一.1" and park.props["domains"] == ["domain:industry"]
    assert park.props["columns"]["主要内容"] == "推进龙泉—秀洲山海协作产业园扩容提质，\n引进配套项目5个以上。"
    assert sources_to(longquan, "SUPPORTS_MEASURE", park.id) == {rid(gaz, "秀洲区"), rid(gaz, "省能源集团")}
    # 市发改局 of a county-level city is its own bureau
    assert sources_to(longquan, "RESPONSIBLE_FOR", park.id, lead=True) == {org("龙泉市发改局")}
    assert sources_to(longquan, "RESPONSIBLE_FOR", park.id, role="co-operating") == {
        org("龙泉市经信局"), org("龙泉市商务局")}
    enclave = measure(longquan, "发展科创飞地")
    assert enclave.props["columns"]["完成时限"] == "2025年启动，\n2026年底建成"  # a wrapped last cell
    health = measure(longquan, "深化医疗卫生合作")
    assert health.props["label"] == "二.1" and health.props["domains"] == ["domain:healthcare"]
    assert sources_to(longquan, "SUPPORTS_MEASURE", health.id) == {rid(gaz, "浙医一院")}
    assert sources_to(longquan, "RESPONSIBLE_FOR", health.id) == {org("龙泉市卫健局")}


def test_longquan_paragraphs_with_inline_headings(gaz: Gazetteer, longquan: LoadResult) -> None:
    industry = measure(longquan, "深化产业协作", "action_paragraph")
    assert sources_to(longquan, "SUPPORTS_MEASURE", industry.id) == {rid(gaz, "秀洲区")}
    health = measure(longquan, "提升医疗服务", "action_paragraph")
    assert sources_to(longquan, "SUPPORTS_MEASURE", health.id) == {rid(gaz, "浙医一院")}
    assert sources_to(longquan, "RESPONSIBLE_FOR", health.id) == {org("龙泉市卫健局")}


# -- 文成: a 印发 notice with the plan annexed, tables one line per row ------------------------------
def test_wencheng_one_to_four_in_a_sentence(gaz: Gazetteer, wencheng: LoadResult) -> None:
    assert one_to_four(wencheng) == {
        ("leader_contact", rid(gaz, "省水利厅")), ("county_pairing", rid(gaz, "瑞安市")),
        ("soe_pairing", rid(gaz, "省海港集团")), ("social_pairing", rid(gaz, "浙医一院")),
    }
    assert {r.target for r in wencheng.relations if r.type == "SUPPORTS"} == {rid(gaz, "文成县")}


def test_wencheng_row_layout_projects_joined(gaz: Gazetteer, wencheng: LoadResult) -> None:
    found = projects(wencheng)
    assert set(found) == {"文成—瑞安山海协作产业园标准厂房", "刘伯温故里景区提升工程"}
    assert sited(wencheng) == {"文成—瑞安山海协作产业园"}  # "共建文成—瑞安山海协作产业园，推动配套企业落户"
    park = found["文成—瑞安山海协作产业园标准厂房"]
    assert park.id == make_id(PROJECT, "25033303280401000017")
    assert (park.props["nature"], park.props["investment_yi"]) == ("新建", pytest.approx(2.35))
    scenic = found["刘伯温故里景区提升工程"]
    assert (scenic.props["nature"], scenic.props["investment_yi"], scenic.props["number"]) == (
        "续建", pytest.approx(1.2), "2")
    assert sources_to(wencheng, "OWNS", scenic.id) == {org("文成县旅游投资集团有限公司")}


def test_wencheng_key_tasks(gaz: Gazetteer, wencheng: LoadResult) -> None:
    park = measure(wencheng, "共建山海协作产业园")
    assert park.props["section"] == "一、产业协作"
    assert sources_to(wencheng, "SUPPORTS_MEASURE", park.id) == {rid(gaz, "瑞安市"), rid(gaz, "省海港集团")}
    assert sources_to(wencheng, "RESPONSIBLE_FOR", park.id) == {org("文成县发改局"), org("文成县经信局")}
    sales = measure(wencheng, "拓展消费帮扶")
    assert sales.props["domains"] == ["domain:consumption"]
    assert sources_to(wencheng, "RESPONSIBLE_FOR", sales.id) == {org("文成县农业农村局")}
    health = measure(wencheng, "推进医疗帮扶")
    assert (health.props["label"], health.props["domains"]) == ("二.1", ["domain:healthcare"])
    assert sources_to(wencheng, "SUPPORTS_MEASURE", health.id) == {rid(gaz, "浙医一院")}
    paragraph = measure(wencheng, "提升教育质量", "action_paragraph")
    assert paragraph.props["domains"] == ["domain:education"]


# -- 庆元: partners as subsection lines, a table of no known kind ------------------------------------
def test_qingyuan_partners_and_paragraphs_without_tables(gaz: Gazetteer, qingyuan: LoadResult) -> None:
    assert one_to_four(qingyuan) == {
        ("leader_contact", rid(gaz, "省经信厅")), ("county_pairing", rid(gaz, "余杭区")),
        ("soe_pairing", rid(gaz, "浙江省交通投资集团有限公司")), ("social_pairing", rid(gaz, "浙江农林大学")),
    }  # 庆元县人民医院 is the county's own hospital, not a partner; 省交通集团 is 浙江省交通投资集团 written short
    assert not [n for n in qingyuan.nodes if n.label == PROJECT]
    assert any("of no kind" in w.message for w in qingyuan.warnings)
    farming = measure(qingyuan, "农业增收", "action_paragraph")
    assert farming.props["domains"] == ["domain:agriculture"]
    assert sources_to(qingyuan, "SUPPORTS_MEASURE", farming.id) == {rid(gaz, "浙江农林大学")}
    named = {(r.source, tuple(r.props.get("domains") or [])) for r in qingyuan.relations
             if r.props.get("mechanism") == "named_support"}
    assert named == {(rid(gaz, "余杭区"), ("domain:industry",)), (rid(gaz, "浙江农林大学"), ("domain:agriculture",))}


@pytest.mark.parametrize("path", [LONGQUAN, WENCHENG, QINGYUAN, FIXTURES / "taishun_partners_table.txt"])
def test_every_quote_is_verbatim(gaz: Gazetteer, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for r in run(gaz, path).relations:
        for e in r.evidence:
            for piece in e.quote.split(" … "):
                for line in piece.split("\n"):
                    assert line.strip() in text, (r.type, e.locator, line)


def test_cut_off_table_without_number_header_is_an_input_error(gaz: Gazetteer) -> None:
    text = LONGQUAN.read_text(encoding="utf-8")
    cut = text[:text.index("\t续建")]  # the text ends inside the second project's row
    with pytest.raises(InputError) as info:
        run(gaz, LONGQUAN, cut)
    assert "cut off" in str(info.value) and info.value.line == 92


# -- 泰顺: the partners as a table and in a sentence of tiers, （一） section rows, remarks in cells ----
TAISHUN = FIXTURES / "taishun_partners_table.txt"


def test_taishun_partners_table_and_tier_sentence(gaz: Gazetteer) -> None:
    res = run(gaz, TAISHUN)
    partners = {("leader_contact", rid(gaz, "省商务厅")), ("county_pairing", rid(gaz, "鹿城区")),
                ("soe_pairing", rid(gaz, "浙江省金融控股有限公司"))}
    assert one_to_four(res) == partners | {("social_pairing", rid(gaz, "温州大学"))}  # not 泰顺县中医院
    sentence = {(r.props["mechanism"], r.source) for r in res.relations
                if r.type == "SUPPORTS" and any(e.locator.startswith("L5 ") for e in r.evidence)}
    assert sentence == partners  # "省领导联系单位为省商务厅，结对经济强县为鹿城区，结对省属国企为…"
    table_rows = [r for r in res.relations if r.props.get("mechanism") == "social_pairing"]
    assert table_rows[0].evidence[0].locator == "附件1:结对帮扶单位表/row L26"


def test_taishun_section_rows_and_lead_remarks(gaz: Gazetteer) -> None:
    res = run(gaz, TAISHUN)
    park = measure(res, "共建山海协作产业园")
    assert (park.props["label"], park.props["section"]) == ("一.1", "(一)产业合作")
    # "鹿城区（牵头）" is 鹿城区; "县发改局（牵头）" leads
    assert sources_to(res, "SUPPORTS_MEASURE", park.id) == {rid(gaz, "鹿城区"), rid(gaz, "浙江省金融控股有限公司")}
    assert sources_to(res, "RESPONSIBLE_FOR", park.id, lead=True) == {org("泰顺县发改局")}
    assert sources_to(res, "RESPONSIBLE_FOR", park.id) == {org("泰顺县发改局"), org("泰顺县经信局")}
    institute = measure(res, "共建温州大学泰顺研究院")
    assert institute.props["label"] == "二.1"
    assert sources_to(res, "SUPPORTS_MEASURE", institute.id) == {rid(gaz, "温州大学")}


SANMEN_PROSE = """三门县山海协作结对帮扶三年行动计划

一、结对帮扶力量

1.强化与省领导“1对1”联系

依托省领导联系点，加强与省体育局、省林业局、省发展改革委等省级部门的联系。（县发改局）
2.用好国有企业“1对1”结对帮扶力量

充分发挥省能源集团等国有平台资源优势，加强省属国企集团化运营合作。（县发改局）

二、重点任务

序号\t领域\t重点任务\t帮扶单位\t责任单位
1\t产业合作\t共建海洋装备产业园\t温岭市\t县发改局
2\t\t招引配套企业\t温岭市、省能源集团\t县经信局
3\t医疗卫生\t共建县域医共体\t浙医一院\t县卫健局
4\t农业农村\t做强茶叶全产业链\t浙江农林大学\t县农业农村局
"""


def test_provincial_names_in_one_to_one_prose(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "sanmen.txt"
    path.write_text(SANMEN_PROSE, encoding="utf-8")
    res = run(gaz, path)
    # 省体育局 is not in data/reference: taken by its provincial form in its tier's paragraph; 省能源集团 is
    # (the reference lists the provincial SOEs); 省属国企集团化运营 and 省级部门 name nobody
    assert one_to_four(res) == {
        ("leader_contact", org("省体育局")), ("leader_contact", rid(gaz, "省林业局")),
        ("leader_contact", rid(gaz, "省发展改革委")),
        ("soe_pairing", rid(gaz, "省能源集团"))}
    assert gaz.entries[rid(gaz, "省能源集团")].props["kind"] == "soe"


def test_field_column_instead_of_section_rows(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "sanmen.txt"
    path.write_text(SANMEN_PROSE, encoding="utf-8")
    res = run(gaz, path)
    suppliers = measure(res, "招引配套企业")  # an empty 领域 cell takes the one above
    assert (suppliers.props["section"], suppliers.props["domains"]) == ("产业合作", ["domain:industry"])
    assert sources_to(res, "SUPPORTS_MEASURE", suppliers.id) == {rid(gaz, "温岭市"), rid(gaz, "省能源集团")}
    assert sources_to(res, "RESPONSIBLE_FOR", suppliers.id) == {org("三门县经信局")}
    health = measure(res, "共建县域医共体")
    assert health.props["domains"] == ["domain:healthcare"]
    # The row's own 领域 cell goes before its title: 产业链 in "做强茶叶全产业链" names no field here.
    assert measure(res, "做强茶叶全产业链").props["domains"] == ["domain:agriculture"]
    labels = {n.props["label"] for n in res.nodes if n.label == MEASURE and n.props["kind"] == "key_measure"}
    assert labels == {"产业合作.1", "产业合作.2", "医疗卫生.3", "农业农村.4"}


# The layout a DOCX table with line breaks in its cells is rendered to (loaders/formats): a blank line
# after the header and after a spanning section row, no blank line between rows, a cell's further
# lines as lines of their own — the last cell of the last row too, before the next paragraph.
DOCX_CELLS = """云和县山海协作结对帮扶三年行动方案

一、结对关系
（一）经济强县：杭州市上城区

附件：重点任务清单

\t序号
\t重点任务
\t结对帮扶单位
\t责任单位

\t一、产业合作

\t1
\t共建木制玩具产业园
\t上城区
\t县发改局
\t2
\t拓展消费帮扶
\t结对经济强县
\t县农业农村局、
县商务局

（此件公开发布）
"""


def test_docx_rendered_cell_layout(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "yunhe.txt"
    path.write_text(DOCX_CELLS, encoding="utf-8")
    res = run(gaz, path)
    assert one_to_four(res) == {("county_pairing", rid(gaz, "上城区"))}
    sales = measure(res, "拓展消费帮扶")
    assert sources_to(res, "RESPONSIBLE_FOR", sales.id) == {org("云和县农业农村局"), org("云和县商务局")}
    # "结对经济强县" names the tier: the plan's own 经济强县 supports the task, noted as inferred
    link = next(r for r in res.relations if r.type == "SUPPORTS_MEASURE" and r.target == sales.id)
    assert link.source == rid(gaz, "上城区") and link.evidence[0].note.startswith("layout-inferred")
    assert not [n for n in res.nodes if n.name == "结对经济强县"]
    toys = measure(res, "共建木制玩具产业园")
    assert toys.props["label"] == "一.1"
    assert sources_to(res, "SUPPORTS_MEASURE", toys.id) == {rid(gaz, "上城区")}


JINYUN = ("缙云县山海协作结对帮扶三年行动方案\n\n一、结对机制\n"
          "（一）省领导联系。省领导张某某联系缙云县，联系单位为省水利厅、省体育局。\n"
          "（二）经济强县结对。与杭州市西湖区深化“1对1”结对，每年召开联席会议。\n\n"
          "附件：重点任务清单\n\t序号\n\t重点任务\n\t帮扶单位\n\t牵头单位\n"
          "\t1\n\t共建产业飞地\n\t西湖区\n\t县发改局\n\t2\n\t深化医疗合作\n\t浙医一院\n\t县卫健局\n")


def test_header_without_blank_line_and_partner_headings(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "jinyun.txt"
    path.write_text(JINYUN, encoding="utf-8")
    res = run(gaz, path)
    # 张某某 is a person, 缙云县 the subject: neither is a partner
    assert one_to_four(res) == {("leader_contact", rid(gaz, "省水利厅")), ("leader_contact", org("省体育局")),
                                ("county_pairing", rid(gaz, "西湖区"))}
    enclave = measure(res, "共建产业飞地")  # the first row's 序号 ends the header
    assert sources_to(res, "SUPPORTS_MEASURE", enclave.id) == {rid(gaz, "西湖区")}
    assert sources_to(res, "RESPONSIBLE_FOR", enclave.id, lead=True) == {org("缙云县发改局")}
    assert not [w for w in res.warnings if "is not read" in w.message]


def test_an_affiliated_hospital_is_the_party_not_its_university(gaz: Gazetteer) -> None:
    # 浙江大学医学院附属第二医院: the hospital (affiliated to the university's medical school) supports the measure;
    # reading 浙江 + 大学医学院 made a party of the medical school, which the text never names as one.
    text = ("龙泉市山海协作结对帮扶三年行动计划（2025—2027年）\n一、总体要求\n"
            "全面推进“1对4”结对帮扶机制，制定本计划。\n三、重点任务\n（二）医疗卫生\n3.深化医疗帮扶。浙江大学医学院附属第二医院与龙泉市人民医院开展紧密型合作，"
            "每年派驻专家不少于10人次。（责任单位：市卫健局）\n")
    res = run(gaz, FIXTURES / "inline_affiliated.txt", text)
    supporters = {r.source for r in res.relations if r.type in ("SUPPORTS", "SUPPORTS_MEASURE")}
    assert org("浙江大学医学院附属第二医院") in supporters
    assert org("浙江大学医学院") not in supporters
