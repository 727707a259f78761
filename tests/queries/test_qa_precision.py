"""Question shapes that used to get a confident answer to a different question: now the right one, or none.

Expectations are written from the documents (GD = the 2021 pairing table, WZ = Wenzhou 2018,
P26 = the 26-county plan); a question the graph cannot answer must come back empty.
"""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask


def names(store: GraphStore, question: str) -> set[str]:
    return {a["name"] for a in ask(store, question).answers}


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
