"""Supporters narrowed to a city's places or organisations of a kind, count words, the reverse direction
scoped the same way, and yes/no on a pairing.

Expectations are read from the documents: GD = the 2021 guidance's 附件 二、经济强县与山区26县结对关系 (row
numbers as printed), WZ = the Wenzhou 2018 opinions (永嘉—瓯海, 苍南—龙湾, 文成—瑞安, 泰顺—鹿城, 平阳—乐清),
YJ = the Yongjia plan 2025–2027 (四、(一) "1对4": 省领导 via 省自然资源厅、省委党史和文献研究室、省煤炭地质院;
经济强县 瓯海区; 国企 省二轻集团; 持续推进健康永嘉建设: 温州市中心医院、浙中医大二院).
"""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask
from tests.queries.answer_names import official


def names(store: GraphStore, question: str) -> set[str]:
    return {official(a) for a in ask(store, question).answers}


LISHUI_BY_NINGBO_DISTRICTS = {"莲都区", "云和县", "庆元县"}  # GD rows 7 (江北区), 10 (北仑区), 11 (海曙区)
HANGZHOU_DISTRICTS_FOR_QUZHOU = {"余杭区", "临平区", "临安区", "钱塘区", "拱墅区", "上城区"}  # GD rows 1, 3–6
# GD rows 2 鄞州, 3 镇海, 5 慈溪, 7 江北, 10 北仑, 11 海曙, 13 象山, 14 余姚, 15 宁海, 20 奉化
NINGBO_PLACES_MOUNTAIN = {"衢江区", "龙游县", "常山县", "莲都区", "云和县", "庆元县", "遂昌县", "松阳县",
                          "景宁畲族自治县", "文成县"}


@pytest.mark.parametrize(("question", "expected"), [
    # A city named as the supporters' place, with a kind and a count: only its places of that kind.
    ("永嘉那边是温州哪两个区在帮？", {"瓯海区"}),                       # GD row 17, WZ 永嘉—瓯海
    ("Which districts of Wenzhou support Yongjia?", {"瓯海区"}),
    ("宁波哪些区帮扶文成", {"奉化区"}),                                 # GD row 20: 瑞安市, 宁波市奉化区
    ("台州哪个区帮扶天台", {"路桥区"}),                                 # GD row 24
    ("温州有哪些高校帮扶永嘉", {"温州大学"}),                            # YJ: 温州大学 of 温州
    ("Which hospitals of Wenzhou support Yongjia?", {"温州市中心医院"}),  # YJ; 浙中医大二院 is Hangzhou's
    # Both sides scoped: the side asked for (哪/which) is the answer.
    ("丽水哪些县结对了宁波的区", LISHUI_BY_NINGBO_DISTRICTS),
    ("宁波的区帮扶了丽水哪些县", LISHUI_BY_NINGBO_DISTRICTS),
    ("Which counties of Lishui are paired with Ningbo's districts?", LISHUI_BY_NINGBO_DISTRICTS),
    ("杭州市哪些区在帮衢州的县", HANGZHOU_DISTRICTS_FOR_QUZHOU),
    ("Which Hangzhou districts help Quzhou's counties?", HANGZHOU_DISTRICTS_FOR_QUZHOU),
    ("衢州哪几个县是杭州的区帮扶的", {"柯城区", "龙游县", "江山市", "常山县", "开化县"}),
    ("绍兴哪些区县帮衢州", {"新昌县", "柯桥区", "越城区"}),              # GD rows 2, 4, 6
    ("嘉兴的哪些县市结对了丽水", {"秀洲区", "平湖市", "嘉善县", "南湖区", "海盐县"}),  # GD rows 8, 9, 11, 13, 15
    # A scope alone: its members that support, or whom they support.
    ("哪些宁波的区在帮扶山区县", {"鄞州区", "镇海区", "江北区", "北仑区", "海曙区", "奉化区"}),
    ("温州有几个区在帮扶山区县", {"3", "瓯海区", "龙湾区", "鹿城区"}),     # GD rows 17, 19, 21; the number first
    ("温州的区帮扶了哪些县", {"永嘉县", "苍南县", "泰顺县"}),
    ("温州的医院帮扶了哪些县", {"永嘉县"}),
])
def test_a_city_named_as_the_place_of_the_parties(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected, ask(store, question).message


@pytest.mark.parametrize(("question", "expected"), [
    ("帮扶泰顺的有哪几个区", {"鹿城区", "滨江区"}),          # GD row 21: 温州市鹿城区, 杭州市滨江区
    ("Which two districts support Taishun?", {"鹿城区", "滨江区"}),
    ("哪个区帮扶开化", {"上城区", "越城区"}),                # GD row 6: 桐乡市 is a 市, not a 区
    ("瓯海区帮哪些县", {"永嘉县"}),                          # GD row 17
    ("宁波的区县都结对了哪些山区县", NINGBO_PLACES_MOUNTAIN),
    ("宁波帮扶哪些山区县", NINGBO_PLACES_MOUNTAIN),           # the city pairs 丽水市; its places the counties
    ("Which mountain counties does Hangzhou support?",  # GD rows 1, 3–6, 8, 12, 16, 21
     {"柯城区", "龙游县", "江山市", "常山县", "开化县", "龙泉市", "缙云县", "淳安县", "泰顺县"}),
])
def test_the_kind_of_place_asked_for_and_the_reverse_direction(store: GraphStore, question: str,
                                                               expected: set[str]) -> None:
    assert names(store, question) == expected, ask(store, question).message


def test_a_count_word_keeps_every_answer_and_says_the_number_stated(store: GraphStore) -> None:
    two = ask(store, "永嘉那边是温州哪两个区在帮？")
    assert {official(a) for a in two.answers} == {"瓯海区"} and "asks for 2" in two.message
    three = ask(store, "哪三家医院支援永嘉")  # YJ names two hospitals
    assert {official(a) for a in three.answers} == {"温州市中心医院", "浙江中医药大学附属第二医院"}
    assert "asks for 3" in three.message
    exact = ask(store, "帮扶泰顺的有哪两个区")
    assert {official(a) for a in exact.answers} == {"鹿城区", "滨江区"} and "asks for" not in exact.message


@pytest.mark.parametrize("question", [
    "给文成帮忙的企业有哪几家",            # 文成's supporters: 瑞安市, 奉化区, 温州科技职业学院 — no enterprise
    "温州哪些区帮扶文成",                  # 瑞安市 is a county-level city, not a district
    "Which districts of Wenzhou support Wencheng?",
    "哪个区帮扶平阳",                      # GD row 18, WZ: 乐清市 only
])
def test_no_party_of_the_kind_asked_for_is_said_plainly(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [] and a.message.startswith("Not in the graph"), (a.message, a.answers)


@pytest.mark.parametrize(("question", "supporter"), [
    ("瓯海区是不是帮扶永嘉的？", "瓯海区"),      # GD row 17
    ("Is Longwan paired with Cangnan?", "龙湾区"),  # GD row 19, WZ 苍南—龙湾
    ("瑞安和文成结对了吗", "瑞安市"),              # GD row 20: 和 joins both; the graph's roles decide
    ("柯桥区帮不帮江山", "柯桥区"),                # GD row 4
    ("鹿城区和泰顺是一对吗", "鹿城区"),            # GD row 21
    ("海宁市帮扶的是不是武义县", "海宁市"),         # GD row 22
])
def test_yes_with_the_evidence(store: GraphStore, question: str, supporter: str) -> None:
    a = ask(store, question)
    assert a.intent == "yes_no" and a.message.startswith("Yes"), a.message
    # Yes names the pairing: the supporter, with the region it supports.
    assert [official(x) for x in a.answers] == [supporter] and a.answers[0]["evidence"]
    assert [x["role"] for x in a.answers] == ["supporter"] and a.answers[0]["recipient"]["type"] == "Region"


@pytest.mark.parametrize(("question", "stated"), [
    ("Does Haining pair with Jiangshan?", "柯桥区"),  # GD row 4: 江山市 ← 柯桥区, 钱塘区; 海宁市 pairs 武义县
    ("龙湾区和永嘉县有结对关系吗", "瓯海区"),          # 龙湾区 pairs 苍南县
    ("永嘉和龙湾有没有结对", "瓯海区"),
    ("Does Ouhai support Wencheng?", "瑞安市"),
])
def test_no_such_pairing_says_no_and_what_is_stated(store: GraphStore, question: str, stated: str) -> None:
    a = ask(store, question)
    assert a.intent == "yes_no" and a.answers == [] and a.message.startswith("No"), a.message
    assert stated in a.message


def test_one_to_four_partners_and_the_earlier_names_of_the_mountain_counties(store: GraphStore) -> None:
    # YJ 四、(一): 省领导 (省自然资源厅、省委党史和文献研究室、省煤炭地质院), 经济强县 瓯海区, 国企 省二轻集团.
    assert names(store, "永嘉县“一对四”帮扶分别是哪四家") == {
        "瓯海区", "浙江省二轻集团", "浙江省自然资源厅", "中共浙江省委党史和文献研究室", "浙江省煤炭地质院"}
    assert len(names(store, "加快发展县有哪些")) == 26  # the magazine: 从“相对欠发达县”到“加快发展县”
    # WZ: 五个加快发展县; P26 L10: 永嘉、平阳、苍南、文成、泰顺
    assert names(store, "温州的五个加快发展县是哪些") == {"永嘉县", "平阳县", "苍南县", "文成县", "泰顺县"}


def test_a_state_owned_group_is_an_enterprise(store: GraphStore) -> None:
    # YJ 四(一)3 用好国有企业“1对1”结对帮扶力量: 省二轻集团; 六: 省自然资源集团 — "which companies" must not be "none".
    assert {"浙江省二轻集团", "浙江省自然资源集团"} <= names(store, "帮扶永嘉的企业有哪些")
    assert {"浙江省二轻集团", "浙江省自然资源集团"} <= names(store, "Which companies support Yongjia?")


@pytest.mark.parametrize(("question", "expected"), [
    ("萧山区的受援地是哪里", {"龙泉市"}),                       # GD row 8: 龙泉市 ← 杭州市萧山区
    ("仙居的海方是谁", {"玉环市"}),                             # GD row 25: 仙居县 ← 玉环市
    # A city asked for the counties it supports: its places' (the city itself pairs 丽水市, GD 一、市结对).
    ("Ningbo supports which counties?", NINGBO_PLACES_MOUNTAIN),
    # 既…又: in common. 宁波's and 湖州's places both pair 庆元县 (海曙区; 长兴县), 云和县 (北仑区; 吴兴区),
    # 松阳县 (余姚市; 南浔区、安吉县) — GD rows 10, 11, 14.
    ("哪些县既被宁波帮又被湖州帮", {"庆元县", "云和县", "松阳县"}),
    ("哪些县既有宁海县又有海盐县帮扶", {"景宁畲族自治县"}),       # GD row 15
])
def test_sides_of_a_pairing_and_both_of_two(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected, ask(store, question).message


def test_a_city_is_no_county(store: GraphStore) -> None:
    # 宁波市's own pairing is with the city 丽水市 (GD 一、市结对): an answer to "which city", never to "which county".
    assert names(store, "Which cities does Ningbo support?") == {"丽水市"}
    assert "丽水市" not in names(store, "宁波帮扶哪些县")


@pytest.mark.parametrize(("question", "expected"), [
    ("Which Jiaxing county supports Qingyuan?", {"嘉善县"}),  # GD row 11: 嘉善县、长兴县、宁波市海曙区
    ("宁波有谁帮扶遂昌", {"象山县"}),                          # GD row 13: 象山县 on its own row, read as 遂昌's
    ("Who from Ningbo supports Suichang?", {"象山县"}),
])
def test_anyone_of_a_city(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected, ask(store, question).message


def test_yes_no_with_a_city_as_the_supporter(store: GraphStore) -> None:
    yes = ask(store, "遂昌县的帮扶单位里有宁波的吗")  # 象山县 is 宁波's
    assert yes.message.startswith("Yes")
    assert [official(a) for a in yes.answers if a["role"] == "supporter"] == ["象山县"]
    assert [official(a) for a in ask(store, "嘉兴帮扶开化吗").answers][:1] == ["桐乡市"]  # GD row 6
    # 青田县 ← 平湖市、嵊州市 (GD row 9); 宁波市 pairs 丽水市 only at city level: not a plain yes, not a plain no.
    city = ask(store, "宁波帮扶青田吗")
    assert city.answers == [] and city.message.startswith("Not directly") and "丽水市" in city.message
    # An organisation merely sited in 杭州 (浙江工商大学) is not 杭州 supporting 永嘉.
    assert ask(store, "杭州帮扶永嘉吗").answers == []


@pytest.mark.parametrize(("question", "expected"), [
    ("永嘉有没有银行帮扶", {"平安银行股份有限公司杭州分行"}),    # YJ 附件2: 平安银行杭州分行
    ("Does any hospital support Yongjia?", {"温州市中心医院", "浙江中医药大学附属第二医院"}),
    ("文成有企业帮扶吗", set()),
    ("Is there a university supporting Taishun?", set()),
])
def test_whether_any_supporter_of_a_kind(store: GraphStore, question: str, expected: set[str]) -> None:
    a = ask(store, question)
    assert a.intent == "any_supporter" and {official(x) for x in a.answers} == expected, a.message
    assert a.message.startswith("Yes" if expected else "No")


def test_a_place_word_inside_a_name_is_no_scope(store: GraphStore) -> None:
    # GD 附件 二: 衢江区 ← 宁波市鄞州区. "Yinzhou District of Ningbo" names 鄞州区, not Ningbo's districts.
    a = ask(store, "Which mountain county does Yinzhou District of Ningbo pair with?")
    assert {official(x) for x in a.answers} == {"衢江区"}
    assert {official(x) for x in ask(store, "Which districts of Ningbo support Qujiang?").answers} == {"鄞州区"}


@pytest.mark.parametrize(("question", "expected"), [
    # 山区县 asked for under a city: that city's mountain counties only (GD: Ningbo's places also pair 衢江,
    # 龙游, 常山 of Quzhou and 文成 of Wenzhou, which are not 丽水's).
    ("宁波帮扶丽水的哪些山区县", {"莲都区", "云和县", "庆元县", "遂昌县", "松阳县", "景宁畲族自治县"}),
    ("杭州帮扶温州的哪些山区县", {"泰顺县"}),                               # GD row 21: 杭州市滨江区
    ("Which mountain counties of Wenzhou does Hangzhou support?", {"泰顺县"}),
    # A city's mountain counties asked in the search-box shape, with no question word.
    ("台州的山区县", {"三门县", "天台县", "仙居县"}),
    ("mountain counties of Taizhou", {"三门县", "天台县", "仙居县"}),
])
def test_mountain_counties_of_a_city(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected, ask(store, question).message


def test_supporters_of_the_mountain_counties_of_a_city_in_english(store: GraphStore) -> None:
    """"the mountain counties of Lishui" is the group within the city, as 丽水的山区县 is: their supporters
    (GD row 8: 嘉兴市秀洲区 for 龙泉市), not a refusal, and no supporter of only Quzhou's (GD row 6: 越城区)."""
    got = names(store, "Who supports the mountain counties of Lishui?")
    assert "秀洲区" in got and "越城区" not in got
