"""Questions whose premise the graph does not hold are refused, never answered with a nearby list.

From the documents: YJ L173 names the 1对4 "省领导联系点" only through departments (省自然资源厅、省委党史和文献研究室、
省煤炭地质院), never a leader by name; the magazine (L803–806) names "松阳、云和、庆元、景宁、龙泉、文成和泰顺等7个
重点帮扶县", a group the graph does not hold, and the 2021 guidance pairs 50 经济强县 with the 26 counties.
"""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask


@pytest.mark.parametrize("question", ["和永嘉县结对的省领导是谁？", "哪位省领导联系永嘉",
                                      "Which provincial leader is paired with Yongjia?"])
def test_a_person_is_not_a_department(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [] and "people" in a.message, a.message


@pytest.mark.parametrize("question", ["永嘉县的省领导联系单位有哪些", "哪些省领导联系单位帮扶永嘉",
                                      "Which provincial leader contacts does Yongjia have?"])
def test_the_leaders_contact_units_are_still_answered(store: GraphStore, question: str) -> None:
    assert {x.get("official_name") or x["name"] for x in ask(store, question).answers} == {
        "浙江省自然资源厅", "中共浙江省委党史和文献研究室", "浙江省煤炭地质院"}


def test_a_group_named_by_its_size_is_not_another_group(store: GraphStore) -> None:
    # Read as "the counties' supporters" the question would list the 50 经济强县: a group of 7 it is not.
    a = ask(store, "山区26县中的7个重点帮扶县是哪些")
    assert a.answers == [] and "group of 7" in a.message, a.message
    # A group whose size the answer matches is answered (丽水's 9 mountain counties, P26 L10).
    assert len(ask(store, "丽水的9个山区县").answers) == 9


def test_a_homophone_of_a_place_with_a_non_name_character_is_that_place(store: GraphStore) -> None:
    # 龙全市 sounds as 龙泉市 (GD row 8: 龙泉市 ← 萧山区, 秀洲区); 全 alone (全市) is never read as a name.
    a = ask(store, "龙全市是谁结对帮扶的")
    assert {x["name"] for x in a.answers} == {"萧山区", "秀洲区"} and "read 龙全市 as 龙泉市" in a.message
    assert "read" not in ask(store, "温州全市有哪些山区县").message


def test_a_category_asked_yes_or_no_in_english(store: GraphStore) -> None:
    # P26 L10: 泰顺县 is 生态发展类.
    a = ask(store, "Is Taishun classified as an ecological-development county?")
    assert a.intent == "category_check" and a.message.startswith("Yes")


@pytest.mark.parametrize(("question", "expected"), [
    # YJ 附件2 四(五)2 建设农业产业生态园区平台: "持续推进中蜂养殖示范园…" — 帮扶单位 省自然资源厅; the paragraph
    # 四(五)1 says it too ("依托省自然资源厅支持…"): both are meant, and only the supporter their quotes tie to it.
    ("永嘉的中蜂养殖示范园是谁帮扶的", {"浙江省自然资源厅"}),
    # A title run with little content (持续推进 of 持续推进健康永嘉建设) gives way to the measure text's phrase.
    ("持续推进中蜂养殖示范园的帮扶单位", {"浙江省自然资源厅"}),
    # 附件2 四(五)3 提升农业种植水平: "加强与浙江省农科院、广东省科学院南繁种业研究所等单位合作，引进玉米等新品种" —
    # 帮扶单位 浙江煤炭地质局; the two named in the sentence are partners of the measure too.
    ("永嘉引进玉米新品种靠哪个单位帮忙", {"浙江省煤炭地质局", "浙江省农业科学院", "广东省科学院南繁种业研究所"}),
])
def test_who_supports_the_thing_a_measure_names(store: GraphStore, question: str, expected: set[str]) -> None:
    a = ask(store, question)
    assert {x.get("official_name") or x["name"] for x in a.answers} == expected, a.message


def test_a_supporter_asked_for_a_place_named_as_recipient(store: GraphStore) -> None:
    # GD 一: 嘉兴市 supports 丽水市 (city pairing); asked as a recipient, it has no supporter — never 丽水市.
    a = ask(store, "嘉兴市作为受援地，由哪些城市结对帮扶？")
    assert a.answers == [] and a.message.startswith("Not in the graph"), a.message


def test_a_project_named_by_its_code(store: GraphStore) -> None:
    # YJ 附件1: 罗浮阀门…项目 has code 23073303240401802091; a code no project has is refused, not every project.
    a = ask(store, "项目代码23073303240401802091对应的是哪个项目？")
    assert [x["name"] for x in a.answers] == [
        "罗浮阀门集团有限公司年产20万台多级泵及年产10万台阻火呼吸阀产品建设项目（桥下镇工202314地块）"]
    assert ask(store, "项目代码99999999999999对应的是哪个项目？").answers == []


def test_the_programme_named_工程_is_no_project(store: GraphStore) -> None:
    # WZ 2018 (山海协作工程升级版): 苍南县 — 龙湾区.
    a = ask(store, "2018年温州打造山海协作工程升级版中，苍南县与哪个区结对？")
    assert [x["name"] for x in a.answers] == ["龙湾区"], a.message


def test_a_measure_phrase_without_a_place_is_the_provinces(store: GraphStore) -> None:
    # P26 优化布局绿色能源产业: 抽水蓄能电站 (责任单位：省能源局); YJ's 县城承载力 measure mentions it too, for 永嘉.
    assert [x.get("official_name") or x["name"] for x in ask(store, "山区抽水蓄能电站建设由哪个部门负责？").answers] \
        == ["浙江省能源局"]
