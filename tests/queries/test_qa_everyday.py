"""Everyday question shapes: names as documents write them, outside places, quotes, paragraphs, symmetric pairing."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask
from queries.qa_written import relative_forms, written_form
from tests.queries.answer_names import official


def test_written_form_rules() -> None:
    # The official name in a quote wins; else the longest alias a quote writes; else nothing changes.
    unit = ["（责任单位：省卫生健康委）"]
    assert written_form("浙江省卫生健康委员会", ("省卫生健康委", "省卫健委"), tuple(unit)) == "省卫生健康委"
    assert written_form("浙江省卫生健康委员会", ("省卫生健康委",), ("浙江省卫生健康委员会牵头",)) is None
    assert written_form("浙江省卫生健康委员会", ("省卫生健康委",), ("别的单位",)) is None
    assert written_form("浙江省卫生健康委员会", ("省卫生健康委",), ()) is None
    # A unit of a place is written relative to it in that place's own documents.
    assert relative_forms(["永嘉县发展和改革局", "永嘉县发改局"], "永嘉县") == ["县发展和改革局", "县发改局"]
    assert written_form("永嘉县发展和改革局", ("永嘉县发改局",), ("县发改局、县经信局",), "永嘉县") == "县发改局"
    assert relative_forms(["浙江省科学技术厅"], "") == []


def test_answers_show_the_documents_names(store: GraphStore) -> None:
    # YJ 附件2 五.4: "浙中医大二院、瓯海区、温州市中心医院" support the health measure.
    a = ask(store, "谁在医疗卫生方面帮扶永嘉县？")
    shown = {x["name"]: x.get("official_name") for x in a.answers}
    assert shown == {"浙中医大二院": "浙江中医药大学附属第二医院", "瓯海区": None, "温州市中心医院": None}
    # P26 §3.2: "（责任单位：省林业局…）": a provincial department as the plan writes it, regions unchanged.
    forest = ask(store, "山区林下经济由哪个单位牵头？")
    assert {x["name"] for x in forest.answers} & {"省林业局"}
    assert all(x["id"].startswith("org:") for x in forest.answers if x.get("official_name"))
    # Regions keep the reference's names even where a quote writes them short (龙游 for 龙游县).
    yxyy = ask(store, "哪个县的“一县一业”是特种纸？")
    assert [x["name"] for x in yxyy.answers] == ["龙游县"]


# Places outside Zhejiang are never read as a mistyped place of ours; a typo of ours still is.
@pytest.mark.parametrize("question", ["北京市朝阳区在山海协作中帮扶哪个县？", "上海市浦东新区帮扶哪些县？",
                                      "Shanghai 上海市帮扶哪些县"])
def test_outside_places_are_not_typos(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [] and "read " not in a.message, (a.intent, a.message)


@pytest.mark.parametrize(("question", "county"), [
    ("帮扶永家县的有谁？", "永嘉县"), ("哪些单位帮扶晋云县", "缙云县"), ("丽水市晋云县由谁帮扶", "缙云县"),
    ("温州市瓯嗨区帮扶哪个县", "瓯海区")])
def test_typos_of_our_places_still_read(store: GraphStore, question: str, county: str) -> None:
    a = ask(store, question)
    assert a.answers and f"as {county}" in a.message


# Measure titles quoted 「…」 (traditional style) are found as with “…”; 是谁在帮扶 asks for a measure's units.
def test_quotes_and_who_is_helping(store: GraphStore) -> None:
    # P26 §3 (the 飞地 measure): "（责任单位：省发展改革委、省自然资源厅、省科技厅…）".
    trad = {official(x) for x in ask(store, "山海協作「飛地」建設的責任單位有哪些？").answers}
    simp = {official(x) for x in ask(store, "山海协作“飞地”建设的责任单位有哪些？").answers}
    assert trad == simp and "浙江省发展和改革委员会" in trad
    # YJ 附件2 (推动农产品冷链物流建设): 帮扶单位 浙江煤炭地质局.
    for q in ("永嘉农产品冷链物流建设是谁在帮扶？", "永嘉冷链物流由谁帮扶？"):
        assert [x["name"] for x in ask(store, q).answers] == ["浙江煤炭地质局"], q


# "mountain-sea cooperation" is the programme's name, not the mountain counties; pair/结对 alone go both ways.
def test_programme_name_and_symmetric_pairing(store: GraphStore) -> None:
    # GD 2021: 杭州市 and 绍兴市 are paired with 衢州市 as cities.
    a = ask(store, "Which cities support Quzhou under the mountain-sea cooperation programme?")
    assert {x["name"] for x in a.answers} == {"杭州市", "绍兴市"}
    # WZ 2018 内对: 鹿城—泰顺; 泰顺 is the mountain county of the pair whichever side the verb puts it on.
    for q in ("Which district does Taishun pair with?", "泰顺结对了哪个区？"):
        assert "鹿城区" in {x["name"] for x in ask(store, q).answers}, q


# A measure is found by the words of its paragraph or table cells, not only its title.
def test_measure_found_by_its_paragraph(store: GraphStore) -> None:
    # YJ 四（七）4: "借力省自然资源集团帮扶…共同谋划一批“多田套合”项目";
    # 附件2 六.2: "依托省自然资源集团，谋划“多田套合”项目".
    a = ask(store, "永嘉的“多田套合”项目依托哪家单位？")
    assert a.intent == "measure_supporters" and "省自然资源集团" in {x["name"] for x in a.answers}
    # YJ 四（五）1: "依托省自然资源厅支持，加快推进…中蜂养殖示范园建设项目、黄精种植生态园建设项目".
    b = ask(store, "永嘉中蜂养殖示范园、黄精种植生态园是哪个省级部门帮扶的？")
    assert {x["name"] for x in b.answers} == {"省自然资源厅"}


# An owner's projects asked with 负责 (YJ 附件3 L352/L359: 贝旺集团有限公司 owns its project).
def test_an_owner_responsible_for_projects(store: GraphStore) -> None:
    for q in ("贝旺集团有限公司在永嘉负责哪个山海协作重大项目？", "贝旺集团负责什么项目"):
        a = ask(store, q)
        assert a.intent == "projects" and len(a.answers) == 1, q
        assert a.answers[0]["name"].startswith("贝旺集团有限公司年产600万套"), q


# Roles: a verb with nothing after it is a topic (晋云县结对帮扶), "supporting counties" qualifies a noun.
def test_roles_from_the_graph_where_the_words_give_none(store: GraphStore) -> None:
    # GD 附件 二: 缙云县 ← 德清县、杭州市富阳区; 景宁 ← 海盐县、宁海县、上虞区.
    assert {x["name"] for x in ask(store, "晋云县结对帮扶").answers} == {"德清县", "富阳区"}
    assert {"海盐县", "宁海县", "上虞区"} <= {x["name"] for x in ask(store, "Jingning's supporting counties?").answers}
    # YJ 附件2 二.2 开展产业技术协作: 帮扶单位 瓯江实验室.
    a = ask(store, "永嘉和哪个实验室开展产业技术协作")
    assert a.intent == "measure_supporters" and [x["name"] for x in a.answers] == ["瓯江实验室"]


# A named project's owner asked with 业主; both sides of a co-built park asked with 谁跟谁.
def test_project_owner_and_both_sides(store: GraphStore) -> None:
    # YJ 附件3: 四海山庄改造提升 … 永嘉县四海山森林度假酒店有限公司.
    assert [x["name"] for x in ask(store, "四海山庄改造提升项目业主").answers] == ["永嘉县四海山森林度假酒店有限公司"]
    # WZ 2018 产业园投资计划表 row 2: "苍南 -龙湾" — built by 龙湾区 for 苍南县.
    both = ask(store, "苍南-龙湾生态旅游文化产业园是谁跟谁共建")
    assert {x["name"]: x["role"] for x in both.answers} == {"龙湾区": ["co-builder"], "苍南县": ["host"]}
    assert [x["name"] for x in ask(store, "苍南-龙湾生态旅游文化产业园是谁共建的").answers] == ["龙湾区"]


# 责任单位 of 飞地 work asks for a measure's departments: never the places that built enclaves.
def test_responsible_units_of_enclave_work_are_not_enclave_builders(store: GraphStore) -> None:
    for q in ("产业飞地建设的责任单位是哪些",
              "Which departments are responsible for industrial enclaves (产业飞地) in the 26-county plan?"):
        a = ask(store, q)
        assert a.intent != "enclaves" and all(x["type"] != "Region" for x in a.answers), (q, a.intent)
    # Who built a county's enclaves is still the enclaves question (the answer itself is tested elsewhere).
    assert ask(store, "龙泉的飞地是谁建的").intent == "enclaves"


@pytest.mark.parametrize(("question", "expected"), [
    # P26 §4.1: "天台汽车零部件 … 龙泉汽车空调" — a word of the industries' names, not a whole one.
    ("哪些山区县的一县一业和汽车有关", {"龙泉市", "天台县"}),
    ("哪个县的一县一业跟五金有关", {"武义县"}),  # 武义五金制品
    ("一县一业是汽车空调的县", {"龙泉市"}),       # a whole industry still matches only itself
])
def test_part_of_an_industrys_name(store: GraphStore, question: str, expected: set[str]) -> None:
    a = ask(store, question)
    assert {x["name"] for x in a.answers} == expected, a.message


def test_an_industry_word_no_county_holds_is_not_all_the_counties(store: GraphStore) -> None:
    # No 一县一业 of P26 holds 茶叶: never the list of the 26 counties.
    assert ask(store, "哪些县的一县一业是茶叶").answers == []


@pytest.mark.parametrize("question", [
    "哪些山区县有高铁站", "哪些山区县GDP超过300亿", "哪些山区县是革命老区", "丽水哪些山区县靠海",
    "Which mountain counties have a high-speed rail station?", "跨越发展类哪些县有机场",
])
def test_a_condition_on_a_list_is_refused_not_answered_with_every_member(store: GraphStore, question: str) -> None:
    # The documents state which counties are mountain counties, of which city and class; not these conditions.
    a = ask(store, question)
    assert a.answers == [], a.message


@pytest.mark.parametrize(("question", "count"), [
    ("山区26县具体是哪些县？", 26), ("丽水的山区县有哪些", 9), ("生态发展类包括哪些县？", 11),  # P26 §1
    ("shengtai fazhan lei you naxie xian?", 11),
    ("哪些县被列为生态发展类", 11), ("浙江山区26县包括哪些地方", 26), ("温州市范围内的山区县有哪些", 5),
    ("山区26县中属于衢州的有哪些", 6),
])
def test_plain_list_questions_still_list(store: GraphStore, question: str, count: int) -> None:
    assert len(ask(store, question).answers) == count


@pytest.mark.parametrize("question", ["谁帮扶瓯海区", "鹿城区由谁帮扶", "Who supports Longgang?", "龙港市由谁帮扶"])
def test_who_supports_a_place_no_one_supports(store: GraphStore, question: str) -> None:
    # GD/WZ: 瓯海区 and 鹿城区 support mountain counties; no document names a supporter of them or of 龙港市.
    # The question asks for their supporters: not whom they support.
    a = ask(store, question)
    assert a.answers == [] and "no supporter of" in a.message, a.message


@pytest.mark.parametrize(("question", "expected"), [
    ("对口帮扶永嘉的经济强县是哪个", {"瓯海区"}),  # YJ 四、(一): 经济强县 瓯海区; 对口 says how, it names no one
    ("长期结对帮扶文成的是哪个区", {"奉化区"}),    # GD row 20: 瑞安市, 宁波市奉化区
])
def test_manner_words_before_the_verb_are_no_unknown_name(store: GraphStore, question: str, expected: set[str]) -> None:
    assert {official(a) for a in ask(store, question).answers} == expected


def test_a_relation_question_says_the_relation(store: GraphStore) -> None:
    # GD 一、市级结对: 杭州市 pairs with 衢州市 (2021).
    message = ask(store, "衢州市和杭州市是什么关系").message
    assert "杭州市 SUPPORTS 衢州市" in message and "city_pairing" in message


@pytest.mark.parametrize(("question", "category"), [
    # P26 §1: 泰顺 in 生态发展类, 永嘉 in 跨越发展类.
    ("Is Taishun an ecological county?", "生态发展类"), ("泰顺是生态类县吗", "生态发展类"),
    ("Is Yongjia a leapfrog county?", "跨越发展类"),
])
def test_category_asked_with_a_short_name_of_the_class(store: GraphStore, question: str, category: str) -> None:
    a = ask(store, question)
    assert a.message.startswith("Yes") and category in a.message, a.message


@pytest.mark.parametrize(("question", "expected"), [
    # YJ 四、(六)2 持续推进健康永嘉建设 and 附件2 五.4 深化紧密型医共体…: （县卫健局）.
    ("永嘉医疗卫生方面的举措由哪个部门负责", {"永嘉县卫生健康局"}),
    ("Which department is responsible for Yongjia's health care measures?", {"永嘉县卫生健康局"}),
])
def test_responsible_departments_of_a_field(store: GraphStore, question: str, expected: set[str]) -> None:
    assert {official(a) for a in ask(store, question).answers} == expected


@pytest.mark.parametrize(("question", "supporter"), [
    ("平安银行帮扶哪个县", "平安银行股份有限公司杭州分行"),          # YJ L246: 协助平安银行杭州分行…
    ("兰州理工大学帮扶哪个县", "兰州理工大学温州泵阀工程研究院"),    # YJ: the university's institute in Wenzhou
    ("省委党史研究室联系哪个县", "中共浙江省委党史和文献研究室"),    # YJ 1对4: 省领导 via 省委党史和文献研究室
])
def test_an_organisation_named_by_the_head_of_its_name(store: GraphStore, question: str, supporter: str) -> None:
    a = ask(store, question)
    assert {x["name"] for x in a.answers} == {"永嘉县"} and supporter in a.message, a.message


def test_no_organisation_guessed_from_a_head_several_share(store: GraphStore) -> None:
    assert ask(store, "工商银行帮扶哪个县").answers == []
