"""Question answering: the headline question in three forms, rephrasings, not-in-the-graph, ambiguity."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask
from tests.queries.answer_names import official

HEALTHCARE = {"瓯海区", "浙江中医药大学附属第二医院", "温州市中心医院"}  # Annex 2 row 五.4 帮扶单位


def names(question: str, store: GraphStore) -> set[str]:
    return {official(a) for a in ask(store, question).answers}


@pytest.mark.parametrize("question", [
    "Who supports 永嘉 in healthcare?",
    "谁在医疗卫生方面帮扶永嘉县？",
    "Who supports Yongjia in health care?",
])
def test_headline_question(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert {official(x) for x in a.answers} == HEALTHCARE
    assert all(x["evidence"] and x["id"] and x["type"] for x in a.answers)
    i = a.interpretation
    assert i["intent"] == "supporters_of" and i["domain"]["id"] == "domain:healthcare"
    assert [e["id"] for e in i["entities"]] == ["region:yongjiaxian"]
    assert a.query == "supporters_of"
    assert a.params["region"] == "region:yongjiaxian" and a.params["field"] == "domain:healthcare"


@pytest.mark.parametrize(("question", "expected"), [
    ("永嘉的医疗帮扶单位有哪些", HEALTHCARE),
    ("Who helps Yongjia with medical care?", HEALTHCARE),
    ("Which hospitals help Yongjia?", {"浙江中医药大学附属第二医院", "温州市中心医院"}),
    ("who is paired with kaihua", {"桐乡市", "上城区", "越城区"}),  # 附表 row 6
    ("开化县的结对支援地", {"桐乡市", "上城区", "越城区"}),
    ("开化县的支援市", {"杭州市", "绍兴市"}),  # 开化 is in 衢州市: 衢州 ← 杭州、绍兴
    ("Ouhai supports which counties", {"永嘉县"}),
    ("慈溪市帮扶哪个县", {"常山县"}),  # 附表 row 5
    ("Which SOE pairs with Yongjia?", {"浙江省二轻集团"}),  # the "1对4" 国企
    ("which school pairs with 永嘉", {"海宁市高级中学", "浙江省平湖中学"}),  # 五.2 / 正文 六.1
    ("2018年永嘉的结对县", {"瓯海区"}),  # Wenzhou 2018 park 永嘉-瓯海
])
def test_rephrasings(store: GraphStore, question: str, expected: set[str]) -> None:
    a = ask(store, question)
    assert {official(x) for x in a.answers} == expected, a.to_dict()["interpretation"]
    assert all(x["evidence"] for x in a.answers)


def test_school_versus_city_longest_match(store: GraphStore) -> None:
    school = ask(store, "海宁市高级中学帮扶哪个县？")
    assert [e["name"] for e in school.interpretation["entities"]] == ["海宁市高级中学"]
    assert {official(x) for x in school.answers} == {"永嘉县"}
    city = ask(store, "海宁市结对帮扶哪个县？")
    assert [e["name"] for e in city.interpretation["entities"]] == ["海宁市"]
    assert {official(x) for x in city.answers} == {"武义县"}  # 附表 row 22


def test_category_and_industry(store: GraphStore) -> None:
    cat = ask(store, "永嘉县属于哪一类")
    assert cat.interpretation["intent"] == "category" and cat.query == "region_profile"
    assert [x["value"] for x in cat.answers] == ["跨越发展类"] and "永嘉县" in cat.answers[0]["evidence"][0]["quote"]
    assert [x["value"] for x in ask(store, "What category is Kaihua in?").answers] == ["生态发展类"]
    ind = ask(store, "What is Yongjia's 一县一业")
    assert ind.interpretation["intent"] == "industry" and [x["value"] for x in ind.answers] == ["泵阀"]
    none = ask(store, "开化县的一县一业是什么")
    assert none.answers == [] and "not in the graph" in none.message.lower()


def test_projects_and_measures(store: GraphStore) -> None:
    p = ask(store, "What projects are there in Yongjia?")
    # 10 in Annex 1 + the 2018 park + the 瓯海—永嘉产业飞地 (YJ 四(二)3)
    assert p.query == "projects" and len(p.answers) == 12
    m = ask(store, "永嘉有哪些教育方面的举措")
    assert m.query == "measures" and m.params["field"] == "domain:education"
    assert "加强山区教师培养与教育资源共享" in {x["name"] for x in m.answers}


def test_connection(store: GraphStore) -> None:
    a = ask(store, "how are 瓯海 and 省二轻集团 connected")
    assert a.query == "path" and [x["type"] for x in a.answers] == ["SUPPORTS", "SUPPORTS"]
    assert a.answers[0]["to"]["name"] == "永嘉县"
    assert a.params == {"a": "region:ouhaiqu", "b": "org:zhejiangshengerqingjituan", "max_hops": 4}


@pytest.mark.parametrize("question", ["which mountain counties have no education partner",
                                      "哪些山区县没有教育方面的结对帮扶？"])
def test_gaps(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.query == "coverage" and a.interpretation["intent"] == "coverage_gaps"
    got = {official(x) for x in a.answers}
    assert len(got) == 25 and "永嘉县" not in got and "开化县" in got


@pytest.mark.parametrize("question", ["Who supports 火星县 in healthcare?", "谁帮扶亚特兰蒂斯？",
                                      "how are 瓯海 and 火星县 connected"])
def test_not_in_the_graph(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [] and "not in the graph" in a.message.lower()


def test_answer_shape(store: GraphStore) -> None:
    d = ask(store, "Who supports Yongjia in health care?").to_dict()
    assert set(d) >= {"question", "interpretation", "answers", "query", "params", "message"}
    assert set(d["interpretation"]) >= {"intent", "entities", "domain"}
    assert set(d["answers"][0]) >= {"id", "name", "type", "evidence"}


def test_what_changed_between_rounds(store: GraphStore) -> None:
    # Wenzhou 2018 → 2021 table: 文成 gains 宁波市奉化区, 泰顺 gains 杭州市滨江区; nothing is dropped.
    a = ask(store, "What changed in the pairings between 2018 and 2021?")
    assert a.query == "rounds_diff" and a.params["round_a"] == "2018-wenzhou"
    assert {(x["change"], x["supporter"]["name"], x["recipient"]["name"]) for x in a.answers} == {
        ("added", "奉化区", "文成县"), ("added", "滨江区", "泰顺县")}
    yj = ask(store, "永嘉的结对关系从2021年到2025年有什么变化")
    assert "浙江省二轻集团" in {x["supporter"]["name"] for x in yj.answers}
    assert {x["recipient"]["name"] for x in yj.answers} == {"永嘉县"}
