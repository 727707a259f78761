"""Where an enclave or co-built park is and what it is called: expectations from the magazine and WZ opinions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.memory_store import MemoryStore
from graph.store import GraphStore
from queries.qa import ask
from tests.formats.conftest import build_one


@pytest.mark.parametrize(("question", "expected", "quoted"), [
    # MAG 常山: "…来自于近400公里外的慈溪高新区上林英才产业园，这里正是常山县与慈溪市山海协作的“产业飞地”。"
    ("常山县的产业飞地位于哪里", "慈溪高新区上林英才产业园", "这里正是常山县与慈溪市"),
    ("Where is the industrial enclave of Changshan?", "慈溪高新区上林英才产业园", "这里正是常山县与慈溪市"),
    # MAG 衢江: "这一“飞地”项目总投资1亿余元，位于鄞州经济开发区大嵩新区万洋众创城万洋地块…" (the plot: 万洋地块)
    ("衢江区的消薄飞地在什么地方？", "鄞州经济开发区大嵩新区万洋众创城", "位于鄞州经济开发区"),
    # MAG 三门: "…三门县在台州湾新区布局的“产业飞地”便是其中之一…"
    ("三門縣的產業飛地選址在哪？", "台州湾新区", "三门县在台州湾新区布局"),
    # MAG 三门: "…以蛇蟠岛为核心区块的“山海协作生态旅游文化产业园”应运而生"
    ("三门和温岭合作的生态旅游文化产业园核心区在哪里", "蛇蟠岛", "以蛇蟠岛为核心区块"),
    # WZ 二(二)3: "积极推进位于鹿城区七都街道的鹿城—泰顺“飞地”总部经济园区建设"
    ("泰顺在鹿城的飞地总部经济园区位于何处？", "鹿城区七都街道", "位于鹿城区七都街道"),
])
def test_where_is_the_enclave(store: GraphStore, question: str, expected: str, quoted: str) -> None:
    a = ask(store, question)
    assert a.intent == "sites"
    assert [x["name"] for x in a.answers] == [expected]
    quote = re.sub(r"\s+", "", a.answers[0]["evidence"][0]["quote"])
    assert expected in quote and quoted in quote


def test_the_plot_is_said_with_the_site(store: GraphStore) -> None:
    (row,) = ask(store, "衢江区的消薄飞地在什么地方？").answers
    assert "万洋地块" in row["role"] and row["located_in"] == ["鄞州区"]


@pytest.mark.parametrize(("question", "expected"), [
    # MAG 龙泉: "在共建萧龙科创园的基础上，合作新建一个“飞地产业园”"
    ("龙泉与萧山共建的科创园叫什么？", "萧龙科创园"),
    ("What is the science park Xiaoshan built with Longquan called?", "萧龙科创园"),
])
def test_name_of_the_park(store: GraphStore, question: str, expected: str) -> None:
    a = ask(store, question)
    assert a.intent == "sites" and [x["name"] for x in a.answers] == [expected]


@pytest.mark.parametrize("question", [
    "秀洲为龙泉建的飞地在哪里？",  # MAG: 秀洲区 sends 龙泉 the enclave's returns; no site is written
    "萧山和龙泉合作的飞地产业园位于哪里？",  # MAG: "合作新建一个“飞地产业园”" — no site (萧龙科创园 is another park)
    "永嘉-瓯海生态旅游文化产业园在哪里？",  # WZ 附件1: the park's area, never its place
    "衢江的产业飞地建在哪里？",  # MAG: the 产业飞地 agreement with 鄞州 names no site (the 消薄飞地 has one)
])
def test_no_site_is_not_in_the_graph_never_the_partners(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.intent == "sites" and a.answers == []
    assert a.message.startswith("Not in the graph")


def test_with_whom_is_still_the_partner(store: GraphStore) -> None:
    a = ask(store, "常山县的产业飞地是和谁共建的？")
    assert a.intent == "enclaves" and "慈溪市" in {x["name"] for x in a.answers}
    assert ask(store, "温州有哪些产业园").intent == "parks"


def test_two_sites_of_one_enclave(store: GraphStore) -> None:
    # YJ 四(二)3: "整合现状瓯海—永嘉产业飞地（瓯海经济开发区南片发展园区和时尚智造小镇核心区域）"
    a = ask(store, "永嘉与瓯海的产业飞地在什么地方？")
    assert [x["name"] for x in a.answers] == ["瓯海经济开发区南片发展园区", "时尚智造小镇核心区域"]
    assert {x["enclave_or_park"] for x in a.answers} == {"瓯海—永嘉产业飞地"}


def test_a_named_plan_project_is_answered_with_the_region_its_row_places_it_in(tmp_path: Path) -> None:
    # A plan's project row states 建设地点 (杭州市萧山区) but no site of an enclave: the answer is the
    # region the row places it in, never "not in the graph" nor the partners.
    text = ("龙泉市山海协作“1对4”结对帮扶工作方案（2025—2027年）\n\n一、重大项目\n\n"
            "序号\t项目名称\t总投资（亿元）\t建设地点\t合作方\n"
            "1\t萧龙飞地产业园一期标准厂房\t6.5\t杭州市萧山区\t杭州市萧山区\n")
    plan = tmp_path / "plan.txt"
    plan.write_text(text, encoding="utf-8")
    build_one(tmp_path, plan, with_pairing_table=True, id="lq", round="2025-2027")
    store = MemoryStore.from_snapshot(tmp_path / "build")
    a = ask(store, "萧龙飞地产业园一期标准厂房建在什么地方？")
    assert {x["name"] for x in a.answers} == {"萧山区"}, a.message
