"""Both stores give identical answers: every named query and a set of questions, compared as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from graph.store import GraphStore
from queries.coverage import coverage
from queries.neighborhood import neighborhood
from queries.pairings import pairings, rounds_diff
from queries.paths import path
from queries.projects import measures, projects
from queries.qa import ask
from queries.reach import supporter_reach
from queries.region_profile import region_profile
from queries.search import search
from queries.support import supported_by, supporters_of

CALLS: list[tuple[str, Callable[[GraphStore], Any]]] = [
    ("supporters_of", lambda s: supporters_of(s, "永嘉县", "healthcare")),
    ("supporters_of all", lambda s: supporters_of(s, "开化县", round="all")),
    ("supported_by", lambda s: supported_by(s, "省二轻集团")),
    ("pairings", lambda s: pairings(s)),
    ("pairings county 2021", lambda s: pairings(s, "county", "2021-provincial")),
    ("rounds_diff", lambda s: rounds_diff(s, "2018-wenzhou", "2021-provincial")),
    ("region_profile", lambda s: region_profile(s, "永嘉县")),
    ("region_profile kaihua", lambda s: region_profile(s, "Kaihua")),
    ("projects", lambda s: projects(s)),
    ("measures", lambda s: measures(s, field="education")),
    ("path", lambda s: path(s, "瓯海区", "省二轻集团")),
    ("path hubs", lambda s: path(s, "上城区", "淳安县", max_hops=6)),
    ("neighborhood", lambda s: neighborhood(s, "永嘉县", depth=2, limit=60)),
    ("search", lambda s: search(s, "hai", limit=50)),
    ("coverage", lambda s: coverage(s)),
    ("supporter_reach", lambda s: supporter_reach(s, limit=100)),
]
QUESTIONS = [
    "Who supports 永嘉 in healthcare?", "谁在医疗卫生方面帮扶永嘉县？", "Who supports Yongjia in health care?",
    "who is paired with kaihua", "Ouhai supports which counties", "永嘉县属于哪一类", "What is Yongjia's 一县一业",
    "how are 瓯海 and 省二轻集团 connected", "which mountain counties have no education partner",
    "Which hospitals help Yongjia?", "Who supports 火星县 in healthcare?", "2018年和2021年的结对有什么变化",
]
# One question (at least) per declared intent, plus a refusal; the test below checks every intent is here.
INTENT_QUESTIONS = {
    "rounds_diff": "2018年和2021年的结对有什么变化", "path": "how are 瓯海 and 省二轻集团 connected",
    "yes_no": "瓯海区帮扶永嘉吗", "common_recipients": "宁波市奉化区和瑞安市共同帮扶哪个县",
    "common_supporters": "谁同时帮扶文成县和泰顺县", "measure_responsible": "推进就业协作帮扶由哪个部门负责",
    "field_responsible": "永嘉医疗卫生方面的举措由哪个部门负责",
    "measure_supporters": "推进就业协作帮扶的帮扶单位有哪些",
    "project_parties": "永嘉县东方古陶瓷综合体建设项目由谁负责",
    "rank_projects": "永嘉投资最大的项目是哪个", "rank_recipients": "哪个县的支援单位最多",
    "rank_supporters": "哪个单位帮扶的县最多", "industry_counties": "哪个县的一县一业是不锈钢管",
    "industry": "江山市的一县一业是什么",
    "industries": "丽水各县的主导产业", "classic_industry": "磐安的历史经典产业是什么",
    "classic_industries": "历史经典产业有哪些", "category": "Which category is Kaihua in?",
    "category_check": "Is Taishun an ecological development county?",
    "category_members": "哪些县属于跨越发展类", "coverage_gaps": "哪些山区县没有教育方面的结对帮扶？",
    "supporters_in_city": "嘉兴市哪些地方在结对帮扶山区县", "enclaves": "谁为龙泉建了飞地",
    "parks": "温州有哪些产业园", "city_members": "金华市有哪些山区县", "group_members": "山区26县一共有几个",
    "sites": "常山县的产业飞地位于哪里",
    "unit_measures": "永嘉县教育局负责哪些重点举措",
    "projects": "永嘉有哪些新建项目", "measures": "永嘉有哪些教育方面的举措", "supported_by": "慈溪市帮扶哪个县",
    "supporters_of": "永嘉县的省领导联系单位有哪些", "refused": "明天杭州会下雨吗？",
    "pairings": "2021年有哪些市级结对关系？", "support_fields": "瓯海区在哪些领域帮扶永嘉",
    "city_of": "永嘉县属于哪个市", "scoped_support": "丽水哪些县结对了宁波的区", "any_supporter": "永嘉有没有银行帮扶",
}


def test_every_intent_has_a_parity_question(memory_store: GraphStore) -> None:
    from queries.intents import INTENTS

    assert set(INTENT_QUESTIONS) == {i.name for i in INTENTS} | {"refused"}
    for intent, question in INTENT_QUESTIONS.items():
        assert ask(memory_store, question).intent == intent, question


def canonical(result: Any) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)


@pytest.mark.neo4j
@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_named_queries_are_identical(memory_store: GraphStore, neo4j_store: GraphStore, name: str,
                                     call: Callable[[GraphStore], Any]) -> None:
    assert canonical(call(memory_store)) == canonical(call(neo4j_store))


@pytest.mark.neo4j
@pytest.mark.parametrize("question", QUESTIONS + sorted(INTENT_QUESTIONS.values()))
def test_answers_are_identical(memory_store: GraphStore, neo4j_store: GraphStore, question: str) -> None:
    assert ask(memory_store, question).to_dict() == ask(neo4j_store, question).to_dict()
