"""Candidates for a mistyped name, from the one name index (the loaders' gazetteer and the queries' lookup)."""

from __future__ import annotations

import pytest

from graph.gazetteer import Gazetteer
from graph.model import ORGANIZATION, REGION
from graph.store import GraphStore
from queries.lookup import lookup_for


@pytest.mark.parametrize(("typed", "meant"), [
    ("永家县", ["region:yongjiaxian"]),  # 家 for 嘉: same sound
    ("晋云县", ["region:jinyunxian"]),  # 晋 for 缙: same sound
    ("泰川县", ["region:taishunxian"]),  # another sound, one character off, shares 泰
    ("常三县", ["region:changshanxian", "region:sanmenxian"]),  # as close to 常山县 as to 三门县: both, to ask back
    ("龙水市", ["region:lishuishi", "region:longgangshi", "region:longquanshi"]),  # 丽水 / 龙港 / 龙泉
])
def test_near_place(gazetteer: Gazetteer, typed: str, meant: list[str]) -> None:
    assert gazetteer.index.near_place(typed) == meant


@pytest.mark.parametrize(("typed", "meant"), [
    ("Yongjai", ["region:yongjiaxian"]),  # two letters swapped
    ("Tiashun", ["region:taishunxian"]),
    ("Qingyaun", ["region:qingyuanxian"]),
    ("Ouhia", []),  # four of five letters in place: too far for so short a word
])
def test_near_latin(gazetteer: Gazetteer, typed: str, meant: list[str]) -> None:
    assert gazetteer.index.near_latin(typed, (REGION, ORGANIZATION)) == meant


def test_latin_tail(gazetteer: Gazetteer) -> None:
    # organizations.yaml: 浙江省二轻集团, en "Zhejiang Provincial Second Light Industry Group".
    assert gazetteer.index.latin_tail("Provincial Second Light Industry Group", (ORGANIZATION,)) == [
        "org:zhejiangshengerqingjituan"]
    assert gazetteer.index.latin_tail("Second Light Industry Group", (REGION,)) == []


@pytest.mark.parametrize("typed", ["泰川县", "常三县", "永家县"])
def test_loaders_and_queries_share_the_step(gazetteer: Gazetteer, memory_store: GraphStore, typed: str) -> None:
    assert lookup_for(memory_store).index.near_place(typed) == gazetteer.index.near_place(typed)


@pytest.mark.parametrize(("question", "meant"), [
    ("谁帮扶太顺", "泰顺县"),  # 太 for 泰, no suffix: the two-character form of one county, by sound
    ("谁支援清元", "庆元县"),  # 清 qing for 庆 qing
])
def test_homophone_short_form_is_only_offered(memory_store: GraphStore, question: str, meant: str) -> None:
    """Two characters sounding as one place's short name are too common a shape to be taken as the place
    (开花 is 开化's sound): the question is not answered, and the place is offered."""
    from queries.qa import ask

    a = ask(memory_store, question)
    assert a.answers == [] and f"Did you mean: {meant}" in a.message


def test_no_offer_without_a_place_that_sounds_alike(memory_store: GraphStore) -> None:
    from queries.qa import ask

    assert "Did you mean" not in ask(memory_store, "谁帮扶火星").message
