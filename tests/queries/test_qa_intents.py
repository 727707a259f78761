"""One focused check per kind of question, expectations written from the documents (line refs in comments)."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask
from tests.queries.answer_names import official


def names(store: GraphStore, question: str) -> set[str]:
    return {official(a) for a in ask(store, question).answers}


# GD = 2021 pairing guidance (附件 county table), YJ = Yongjia plan 2025–2027, P26 = 26-county plan,
# WZ = Wenzhou 2018 opinions, MAG = 今日浙江 2021.
@pytest.mark.parametrize(("question", "expected"), [
    # YJ L173: 省领导联系点 — 省自然资源厅, 省委党史和文献研究室, 省煤炭地质院
    ("永嘉县的省领导联系单位有哪些", {"浙江省自然资源厅", "中共浙江省委党史和文献研究室", "浙江省煤炭地质院"}),
    ("Which provincial leader contacts does Yongjia have?", {"浙江省自然资源厅", "中共浙江省委党史和文献研究室",
                                                            "浙江省煤炭地质院"}),
    ("温州2018年泰顺县的结对区是哪个", {"鹿城区"}),  # WZ 附件1 泰顺-鹿城; 温州 only places 泰顺
    ("慶元縣的結對幫扶地區", {"嘉善县", "长兴县", "海曙区"}),  # GD row 11, traditional characters
    ("永\u200b嘉的医疗帮扶单位", {"瓯海区", "浙江中医药大学附属第二医院", "温州市中心医院"}),  # a format character
    ("Xianju xian you shei bangfu?", {"玉环市"}),  # GD 仙居县 — 玉环市, pinyin question
    ("who supports kaihuaxian", {"桐乡市", "上城区", "越城区"}),  # GD row 6, pinyin with its suffix
    ("慈溪市对口支援哪个县", {"常山县"}),  # GD row 5, 对口支援 keeps the direction
    ("宁波市奉化区和瑞安市共同帮扶哪个县", {"文成县"}),  # GD row 20: intersection of two supporters
    ("Which county is supported by both Dongyang and Putuo District?", {"磐安县"}),  # GD row 23
])
def test_supporters_and_supported(store: GraphStore, question: str, expected: set[str]) -> None:
    assert names(store, question) == expected


def test_yes_no(store: GraphStore) -> None:
    yes = ask(store, "瓯海区帮扶永嘉吗")  # GD/YJ: 永嘉—瓯海
    # Yes names the pairing: the supporter, with the region it supports and the quotes.
    assert yes.intent == "yes_no" and [official(a) for a in yes.answers] == ["瓯海区"]
    assert yes.answers[0]["recipient"]["name"] == "永嘉县"
    assert yes.message.startswith("Yes") and all(a["evidence"] for a in yes.answers)
    no = ask(store, "瓯海区帮扶文成县吗")  # 文成's partners are 瑞安市 and 奉化区 (GD row 20)
    assert no.intent == "yes_no" and no.answers == [] and no.message.startswith("No")
    assert names(store, "Is Yongjia supported by Ouhai?") == {"瓯海区"}


def test_places_categories_industries(store: GraphStore) -> None:
    assert names(store, "金华市有哪些山区县") == {"磐安县", "武义县"}  # P26 L10 lists
    assert names(store, "江山市的一县一业是什么") == {"木艺"}  # P26 L220 江山木艺: the industry is the answer
    assert names(store, "哪个县的一县一业是不锈钢管") == {"松阳县"}  # P26 L220 松阳不锈钢管
    eco = names(store, "哪些县属于生态发展类")  # P26 L10: 11 counties
    assert len(eco) == 11 and {"淳安县", "景宁畲族自治县", "开化县"} <= eco
    count = ask(store, "山区26县一共有几个")
    # A count question: the number first (a Count row), then the 26 members it counts.
    assert count.answers[0]["name"] == "26" and len(count.answers[1:]) == 26 and "26" in count.message
    jx = names(store, "嘉兴市哪些地方在结对帮扶山区县")  # GD: 海宁→武义, 桐乡→开化, 嘉善→庆元, 秀洲→龙泉 …
    assert {"海宁市", "桐乡市", "嘉善县", "秀洲区"} <= jx and "嘉兴市" not in jx


def test_projects_measures_and_units(store: GraphStore) -> None:
    new = ask(store, "永嘉有哪些新建项目")  # YJ 附件1 rows 1–6 are 新建, 7–10 续建
    assert new.params["nature"] == "新建" and len(new.answers) == 6
    assert len(ask(store, "Which ongoing projects are there in Yongjia?").answers) == 4
    assert names(store, "推进就业协作帮扶由哪个部门负责") >= {"永嘉县人力资源和社会保障局", "永嘉县农业农村局"}
    assert names(store, "推进就业协作帮扶的帮扶单位有哪些") == {"瓯海区", "浙江省二轻集团"}  # YJ 附件2 四.8
    assert names(store, "永嘉县东方古陶瓷综合体建设项目由谁负责") == {"温州越翰文化艺术发展有限公司"}  # 附件1 row 3
    assert names(store, "永嘉投资最大的项目是哪个") == {"温州弗迪新能源动力电池建设项目"}  # 62.7784 亿元
    assert names(store, "谁为龙泉建了飞地") == {"萧山区", "秀洲区"}  # MAG 龙泉 articles
    assert len(names(store, "温州有哪些生态旅游文化产业园")) == 5  # WZ 附件1: five parks


@pytest.mark.parametrize("question", [
    "明天杭州会下雨吗？", "永嘉县县长是谁？", "What will Yongjia's GDP be in 2035?",
    "山区26县有哪些新建的县",  # a status filter no list of counties can apply
    "江山市的一县一业有哪些医院",  # a kind filter the industry question cannot apply
])
def test_refusals(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.answers == [] and a.intent == "refused"
    assert "can't answer this kind of question yet" in a.message
    assert len(a.interpretation["examples"]) == 2 and a.interpretation["can_answer"]


def test_typos_read_as_the_close_name_or_asked_back(store: GraphStore) -> None:
    a = ask(store, "永家县的帮扶单位")
    assert "瓯海区" in {official(x) for x in a.answers} and "永家县 as 永嘉县" in a.message
    assert names(store, "晋云县的一县一业是啥？") == {"机械装备"}  # same sound as 缙云县 (P26 L220)
    unknown = ask(store, "浙江星河大学参与了永嘉哪些帮扶举措？")  # no such university in the graph
    assert unknown.answers == [] and "not in the graph" in unknown.message.lower()
    # 浙工商大: the name index derives it from 浙江工商大学, 帮扶单位 of 附件2 row 四.1 加强特色农业帮扶.
    assert "加强特色农业帮扶" in names(store, "浙工商大参与了永嘉哪些帮扶举措？")

