"""Cooperation the specialised loaders missed, read by the prose rules in the real magazine and action plan.

Each expected link was written from its quote (cited beside it), not from the code's output.
"""

from __future__ import annotations

import pytest

from graph.gazetteer import Gazetteer
from graph.model import SUPPORTS, LoadResult
from graph.reference import SOURCES_DIR, load_sources_meta
from loaders import action_plan, magazine
from loaders.base import Context, SourceDocument
from tests.conftest import read_source

PROSE_MECHANISMS = {"institution_pairing", "agreement", "town_pairing", "statement"}


def load_kind(kind: str, gazetteer: Gazetteer) -> tuple[str, LoadResult]:
    meta = load_sources_meta(SOURCES_DIR)
    name = next(n for n, m in meta.items() if m.get("kind") == kind)
    text = read_source(name)
    doc = SourceDocument(meta[name]["id"], name, text, meta[name])
    loader = magazine if kind == "magazine" else action_plan
    return text, loader.load(doc, Context(doc, gazetteer))


def organisation_links(res: LoadResult, g: Gazetteer) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(g.entries[r.source].name, g.entries[r.target].name, r.props["mechanism"]): r.props
            for r in res.relations if r.type == SUPPORTS and r.props["mechanism"] in PROSE_MECHANISMS
            and (r.source.startswith("org:") or r.props["mechanism"] == "town_pairing")}


@pytest.fixture(scope="module")
def magazine_result(gazetteer: Gazetteer) -> tuple[str, LoadResult]:
    return load_kind("magazine", gazetteer)


@pytest.fixture(scope="module")
def plan_result(gazetteer: Gazetteer) -> tuple[str, LoadResult]:
    return load_kind("county_action_plan", gazetteer)


def test_magazine_institutions(magazine_result: tuple[str, LoadResult], gazetteer: Gazetteer) -> None:
    _, res = magazine_result
    got = organisation_links(res, gazetteer)
    assert set(got) == {
        # "巩固深化浙医一院与景宁民族医院精准合作"
        ("浙江大学医学院附属第一医院", "景宁畲族自治县", "institution_pairing"),
        # "与温州科技职业学院合作，建成文成县现代农业与康养产业研究院"
        ("温州科技职业学院", "文成县", "institution_pairing"),
        # "庆元县政府与浙江中医药大学签订了支持庆元…示范县建设合作框架协议"
        ("浙江中医药大学", "庆元县", "agreement"),
        # "根据苍南县与中广核集团签署的《“5+4”合作协议》，双方还积极推进暖邻帮扶项目，每年落实1000万元"
        ("中国广核集团有限公司", "苍南县", "agreement"),
    }
    assert got[("浙江大学医学院附属第一医院", "景宁畲族自治县", "institution_pairing")]["partner"] == "景宁民族医院"
    assert got[("温州科技职业学院", "文成县", "institution_pairing")]["partner"] == "文成县现代农业与康养产业研究院"
    assert got[("中国广核集团有限公司", "苍南县", "agreement")]["amount_wan_per_year"] == 1000


def test_action_plan_schools_towns_and_university(plan_result: tuple[str, LoadResult], gazetteer: Gazetteer) -> None:
    _, res = plan_result
    got = organisation_links(res, gazetteer)
    assert set(got) == {
        # "由温州市委组织部、瓯海区政府牵头温州大学，支持永嘉建立温大人工智能与先进制造研究院"
        ("温州大学", "永嘉县", "institution_pairing"),
        # "做好永嘉县第二高级中学与海宁市高级中学、永嘉县永临中学与平湖中学结对"
        ("海宁市高级中学", "永嘉县", "institution_pairing"),
        ("浙江省平湖中学", "永嘉县", "institution_pairing"),
        # "强化枫林镇与瓯海郭溪街道结对"
        ("瓯海区", "永嘉县", "town_pairing"),
        # "持续深入永嘉与瓯海区、省二轻集团等国资国企合作"
        ("浙江省二轻集团", "永嘉县", "statement"),
    }
    assert got[("温州大学", "永嘉县", "institution_pairing")]["partner_id"] == \
        "org:wenzhoudaxuerengongzhinengyuxianjinzhizaoyanjiuyuan"
    assert got[("海宁市高级中学", "永嘉县", "institution_pairing")]["partner_id"] == \
        "org:yongjiaxiandiergaojizhongxue"
    assert got[("浙江省平湖中学", "永嘉县", "institution_pairing")]["partner_id"] == "org:yongjiaxianyonglinzhongxue"
    assert got[("瓯海区", "永嘉县", "town_pairing")]["towns"] == ["枫林镇", "郭溪街道"]


def test_every_new_link_quotes_its_document(magazine_result: tuple[str, LoadResult],
                                            plan_result: tuple[str, LoadResult]) -> None:
    for text, res in (magazine_result, plan_result):
        flat = text.replace("\n", "")
        for r in res.relations:
            if r.type == SUPPORTS and r.props["mechanism"] in PROSE_MECHANISMS - {"statement"}:
                assert r.props["programme"] == "shanhai"
                assert all(e.quote.replace("\n", "") in flat for e in r.evidence)
