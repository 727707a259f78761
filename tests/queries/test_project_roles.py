"""Who a question on a named project asks for: its partners (合作方, 跟谁合作) are the co-builders of its
row, not the county's own responsible unit; who is responsible (责任单位, 由谁负责) is the owner; a
question that asks neither way gets both. The plan text is made up for the test; the expectations are
read off its one project row."""

from __future__ import annotations

import pytest

from graph.memory_store import MemoryStore
from queries.qa import ask
from tests.formats.conftest import build_one

PLAN = ("缙云县山海协作结对帮扶三年行动计划（2025—2027年）\n\n一、重点项目\n\n"
        "\t序号\n\t项目名称\n\t总投资（万元）\n\t合作方\n\t责任单位\n\n"
        "\t1\n\t仙都山海研学营地\n\t8000\n\t海宁市、浙江农林大学\n\t县文广旅体局\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> MemoryStore:
    tmp = tmp_path_factory.mktemp("roles")
    plan = tmp / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    build_one(tmp, plan, with_pairing_table=True, id="jy", round="2025-2027", subject="缙云县")
    return MemoryStore.from_snapshot(tmp / "build")


@pytest.mark.parametrize(("question", "expected"), [
    ("仙都山海研学营地的合作方有哪些？", {"海宁市", "浙江农林大学"}),
    ("仙都山海研学营地跟谁合作？", {"海宁市", "浙江农林大学"}),
    ("Who are the partners of 仙都山海研学营地?", {"海宁市", "浙江农林大学"}),
    ("仙都山海研学营地由谁负责？", {"缙云县文广旅体局"}),
    ("仙都山海研学营地的责任单位是哪个？", {"缙云县文广旅体局"}),
    ("仙都山海研学营地有谁参与建设？", {"海宁市", "浙江农林大学", "缙云县文广旅体局"}),
])
def test_partners_owner_or_both(store: MemoryStore, question: str, expected: set[str]) -> None:
    a = ask(store, question)
    assert a.intent == "project_parties", a.message
    assert {x["name"] for x in a.answers} == expected, a.message
