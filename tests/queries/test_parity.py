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


def canonical(result: Any) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)


@pytest.mark.neo4j
@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_named_queries_are_identical(memory_store: GraphStore, neo4j_store: GraphStore, name: str,
                                     call: Callable[[GraphStore], Any]) -> None:
    assert canonical(call(memory_store)) == canonical(call(neo4j_store))


@pytest.mark.neo4j
@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_are_identical(memory_store: GraphStore, neo4j_store: GraphStore, question: str) -> None:
    assert ask(memory_store, question).to_dict() == ask(neo4j_store, question).to_dict()
