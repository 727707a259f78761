"""Question shapes that used to get a confident answer to a different question: now the right one, or none.

Expectations are written from the documents (GD = the 2021 pairing table, WZ = Wenzhou 2018,
P26 = the 26-county plan); a question the graph cannot answer must come back empty.
"""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask
from tests.queries.answer_names import official


def names(store: GraphStore, question: str) -> set[str]:
    return {official(a) for a in ask(store, question).answers}


@pytest.mark.parametrize("question", [
    "你觉得山海协作工程搞得好不好？",                          # an opinion, not a fact of the documents
    "What do you think of the pairing between Ouhai and Yongjia?",
    "浙江星河集团参与了永嘉哪些帮扶举措？",                      # an organisation the graph does not know
    "永嘉县人民医院和谁结对？",                                 # a county's own hospital is not the county
    "杭州市对口支援新疆的哪些县？",                              # a place outside Zhejiang the documents do not pair
    "七星镇帮扶了哪些县？",                                     # a town: no town is a place of the graph
])
def test_answers_nothing_rather_than_another_question(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [], (a.message, [x["name"] for x in a.answers])


@pytest.mark.parametrize(("question", "expected"), [
    ("青田县结对的经济强县有哪些", {"平湖市", "嵊州市"}),               # GD row 9: 青田县 ← 平湖市、嵊州市
    ("qingtianxian 结对的经济强县有哪些", {"平湖市", "嵊州市"}),
    ("和永嘉结对帮扶的学校有哪些", {"海宁市高级中学", "浙江省平湖中学"}),  # Yongjia plan 五.2 / 正文 六.1
    ("跟瓯海区结对的是哪个县", {"永嘉县"}),                         # GD row 17: 永嘉县 ← 温州市瓯海区
    ("余杭区和临平区共同结对的山区县是哪个？", {"柯城区"}),             # GD row 1: 柯城区 ← 余杭区、临平区
    ("苍南县2018年和2021年的结对区有没有换？", {"龙湾区"}),            # WZ 苍南—龙湾; GD row 19 温州市龙湾区
    # P26 L221 （责任单位：省文化和旅游厅、省发展改革委）: the first unit leads
    ("挖掘提升历史经典产业由哪个部门牵头？", {"浙江省文化和旅游厅"}),
])
def test_reads_the_question_asked(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected


@pytest.mark.parametrize("question", [
    "永嘉县山海协作负责人的手机号是多少？",              # contact details: no person or phone is in the graph
    "Who heads the Yongjia county bureau of education, and what is his phone number?",
    "永嘉的“发展飞地”涉及哪几个镇街？",                 # towns and villages are no places of the graph
    "永嘉的重点举措里，哪些要在2026年底前完成？",         # deadlines of measures are not in the graph
])
def test_what_the_graph_does_not_hold_is_said_plainly(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [] and a.message.startswith(("Not in the graph", "I can't answer")), (
        a.message, [x["name"] for x in a.answers])


@pytest.mark.parametrize(("question", "expected"), [
    # Yongjia plan: 瓯海区 is a 帮扶单位 of 附件2 五.1 (education) and is named in 健康永嘉 (health)
    ("在永嘉，教育和医疗两块都有参与帮扶的是哪个单位？", {"瓯海区"}),
    # Yongjia plan 四(一)2/3: the 经济强县 瓯海区 and the 国企 省二轻集团 — each filter on its own.
    ("永嘉“1对4”结对机制里，经济强县和国企分别是谁？", {"瓯海区", "浙江省二轻集团"}),
    # Only the regions asked for: 附件2 五.4 帮扶单位 浙中医大二院、瓯海区、温州市中心医院.
    ("Which districts support Yongjia in health care?", {"瓯海区"}),
    ("永嘉在医疗卫生方面是哪个医院在帮扶？", {"浙江中医药大学附属第二医院", "温州市中心医院"}),
])
def test_two_values_of_a_filter_and_the_kind_of_party_asked_for(store: GraphStore, question: str,
                                                                 expected: set[str]) -> None:
    assert names(store, question) == expected




def test_a_round_written_as_years_is_no_building_period(store: GraphStore) -> None:
    # Yongjia plan 附件1 rows 6-9 (续建, 2023-2025): "2025-2027" in the question is the plan's round.
    got = names(store, "永嘉2025-2027重大项目里哪些属于续建？")
    assert got == {"温州弗迪新能源动力电池建设项目", "年产18000吨高性能智能液压阀建设项目",
                   "贝旺集团有限公司年产600万套声光电子教学仪器项目（桥下镇工202307地块）",
                   "罗浮阀门集团有限公司年产20万台多级泵及年产10万台阻火呼吸阀产品建设项目（桥下镇工202314地块）"}


def test_in_charge_of_supporting_is_supporting(store: GraphStore) -> None:
    # Yongjia plan 附件2 科技 row 2 开展产业技术协作, 帮扶单位 瓯江实验室: 负责帮扶 is support, not 责任部门.
    a = ask(store, "瓯江实验室在永嘉山海协作里负责帮扶哪项举措？")
    assert a.interpretation["intent"] == "measures" and "开展产业技术协作" in {official(x) for x in a.answers}


@pytest.mark.parametrize(("question", "expected"), [
    # P26 一县一业: 龙泉市 汽车空调, 永嘉县 泵阀 — asked in English words for the Chinese industry names.
    ("Which mountain county has automotive air-conditioning as its 'one county, one industry'?", {"龙泉市"}),
    ("Which county's one-county-one-industry is pumps and valves?", {"永嘉县"}),
])
def test_an_industry_named_in_english(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected


def test_which_city_for_a_county_means_a_city_among_its_partners(store: GraphStore) -> None:
    # WZ 2018 附件1 平阳—乐清 and GD row 18 平阳县 ← 乐清市: 乐清市 is a county-level city; 平阳's own city
    # (温州市) is not its partner.
    assert names(store, "In Wenzhou's 2018 upgrade round, which city was Pingyang paired with?") == {"乐清市"}
    assert names(store, "Which cities is Lishui paired with?") == {"宁波市", "湖州市", "嘉兴市"}  # GD 一、市结对


def test_the_places_of_a_city_as_the_subject(store: GraphStore) -> None:
    # GD county table: 宁波's districts and counties pair 衢江区 (鄞州), 龙游县 (镇海), 莲都区 (江北), 云和县 (北仑),
    # 庆元县 (海曙), 文成县 (奉化), 常山县 (慈溪), 松阳县 (余姚), 遂昌县 (象山), 景宁畲族自治县 (宁海); the city itself
    # pairs 丽水市 (一、市结对), which is no answer to "宁波市的几个区…帮扶哪些山区县".
    got = names(store, "宁波市的几个区分别结对帮扶哪些山区县？")
    assert {"衢江区", "龙游县", "莲都区", "云和县", "庆元县", "文成县"} <= got and "丽水市" not in got


@pytest.mark.parametrize(("question", "expected"), [
    # Yongjia plan: 做好永嘉县第二高级中学与海宁市高级中学、永嘉县永临中学与平湖中学结对 (traditional characters too).
    ("永嘉縣第二高級中學和哪所學校結對？", {"海宁市高级中学"}),
    ("永嘉县永临中学的结对学校是哪所？", {"浙江省平湖中学"}),
    # Yongjia plan: 强化枫林镇与瓯海郭溪街道结对 — a town's pairing is answered with the other town.
    ("永嘉枫林镇和瓯海的哪个街道结对？", {"郭溪街道"}),
])
def test_a_county_school_or_town_pairing(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected


@pytest.mark.parametrize("question", [
    "永嘉县教育局负责哪些重点举措？",
    "永嘉的县教育局负责哪些重点举措？",  # the plan's own way of writing the unit, placed by the county named
    "Which Yongjia key measures name the county education bureau (县教育局) as a responsible department?",
])
def test_the_measures_a_department_is_responsible_for(store: GraphStore, question: str) -> None:
    # Yongjia plan 附件2, 责任部门 columns naming 县教育局 (L601, L613, L623, L657, L702 rows).
    assert names(store, question) == {"构建全学段跨区域教育协作体系", "加强山区教师培养与教育资源共享",
                                      "推动山海协作教育高水平数字化发展", "共推“一老一小”友好服务",
                                      "加强干部人才互派与宣传推广"}


def test_a_citys_mountain_counties_and_the_kind_of_county_asked_for(store: GraphStore) -> None:
    # GD county table: 丽水's mountain counties are supported by, among others, 义乌市 and 江北区 (莲都区),
    # 萧山区 and 秀洲区 (龙泉市); the city-level partners of 丽水市 itself (宁波市, 湖州市, 嘉兴市) are
    # no answer to "丽水的山区县都由谁帮扶".
    got = names(store, "丽水的山区县都由谁帮扶？")
    assert {"义乌市", "江北区", "萧山区", "秀洲区"} <= got and not {"宁波市", "湖州市", "嘉兴市"} & got
    # "结对县" asks for a region: 永嘉县 ← 温州市瓯海区 (GD row 17), not the plan's organisations.
    assert names(store, "谁是永嘉县的结对县？") == {"瓯海区"}
    a = ask(store, "永嘉的帮扶项目总投资多少？")  # an amount: not answered with the list of projects
    assert a.answers == []
