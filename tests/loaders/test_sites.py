"""Enclave and co-built park sites: expectations written by hand from the magazine issue and the Wenzhou opinions."""

from __future__ import annotations

import pytest

from graph.gazetteer import Gazetteer
from graph.model import BENEFITS, LOCATED_IN, PROJECT, SUPPORTS, SUPPORTS_PROJECT, LoadResult, Node
from loaders import magazine, municipal_opinions
from loaders.base import Context, SourceDocument
from loaders.sites import read
from tests.conftest import read_source
from tests.loaders.test_magazine import magazine_text


@pytest.fixture(scope="module")
def issue(gazetteer: Gazetteer) -> LoadResult:
    doc = SourceDocument("jrzj", "magazine.txt", magazine_text(), {"round": "2021-provincial"})
    return magazine.load(doc, Context(doc, gazetteer))


@pytest.fixture(scope="module")
def wenzhou(gazetteer: Gazetteer) -> LoadResult:
    path = "wenzhou_2018_upgrade_opinions.txt"
    doc = SourceDocument("wz", path, read_source(path), {"round": "2018-wenzhou", "subject": "温州市"})
    return municipal_opinions.load(doc, Context(doc, gazetteer))


def sited(res: LoadResult) -> dict[str, Node]:
    """Projects the site rules made (they say where their name came from)."""
    return {n.name: n for n in res.nodes if n.label == PROJECT and "name_source" in n.props}


def ends(res: LoadResult, g: Gazetteer, node: Node, type_: str) -> set[str]:
    """Names at the other end of a node's relations of one type."""
    out = set()
    for r in res.relations:
        if r.type == type_ and node.id in (r.source, r.target):
            out.add(g.entries[r.target if r.source == node.id else r.source].name)
    return out


# -- the magazine ----------------------------------------------------------------------------------------
def test_issue_sites_are_exactly_these(issue: LoadResult) -> None:
    # Read by hand: 常山 (慈溪高新区上林英才产业园), 衢江 (…万洋众创城万洋地块), 三门 (台州湾新区; 蛇蟠岛 park),
    # 龙泉 (萧龙科创园). Not read: 位于莲都区天宁工业园区的<company>, 位于常山县聚宝村的荷塘, 位于三门县浦坝港镇的
    # 沿海工业城, 仙居医疗器械小镇位于永安溪上游, 松阳 共建综合数字交通装备产业园 (no partner region named),
    # 在省级大湾区新区和高能级战略平台对接布局“产业飞地” (a class of places, no county).
    assert set(sited(issue)) == {"慈溪高新区上林英才产业园", "衢江—鄞州山海协作“消薄飞地”", "三门县产业飞地",
                                 "萧龙科创园", "山海协作生态旅游文化产业园"}


def test_changshan_enclave_is_the_cixi_park(issue: LoadResult, gazetteer: Gazetteer) -> None:
    # "聚宝村的资金，来自于近400公里外的慈溪高新区上林英才产业园，这里正是常山县与慈溪市山海协作的“产业飞地”。"
    n = sited(issue)["慈溪高新区上林英才产业园"]
    assert n.props["kind"] == "enclave" and n.props["platform"] == n.name
    assert n.props["enclave_type"] == "产业飞地"
    assert ends(issue, gazetteer, n, BENEFITS) == {"常山县"}
    assert ends(issue, gazetteer, n, SUPPORTS_PROJECT) == {"慈溪市"}
    assert ends(issue, gazetteer, n, LOCATED_IN) == {"慈溪市"}
    assert all(n.name in e.quote for e in n.evidence)


def test_qujiang_site_from_the_sentence_referring_back(issue: LoadResult, gazetteer: Gazetteer) -> None:
    # "自从筹资入股衢江—鄞州山海协作“消薄飞地”后…" then "这一“飞地”项目总投资1亿余元，位于鄞州经济开发区大嵩新区
    # 万洋众创城万洋地块，2020年1月开工建设。"
    n = sited(issue)["衢江—鄞州山海协作“消薄飞地”"]
    assert n.props["sites"] == ["鄞州经济开发区大嵩新区万洋众创城"] and n.props["parcels"] == ["万洋地块"]
    assert n.props["enclave_type"] == "消薄飞地" and n.props["name_source"] == "written"
    assert ends(issue, gazetteer, n, BENEFITS) == {"衢江区"}
    assert ends(issue, gazetteer, n, SUPPORTS_PROJECT) == {"鄞州区"}
    assert ends(issue, gazetteer, n, LOCATED_IN) == {"鄞州区"}
    assert [e.quote[:4] for e in n.evidence] == ["自从筹资", "这一“飞"]


def test_sanmen_enclave_site_without_a_partner(issue: LoadResult, gazetteer: Gazetteer) -> None:
    # "…三门县在台州湾新区布局的“产业飞地”便是其中之一…": no builder is named, 台州湾 is no region
    n = sited(issue)["三门县产业飞地"]
    assert n.props["sites"] == ["台州湾新区"] and n.props["name_source"] == "composed"
    assert ends(issue, gazetteer, n, BENEFITS) == {"三门县"}
    assert ends(issue, gazetteer, n, SUPPORTS_PROJECT) == set() == ends(issue, gazetteer, n, LOCATED_IN)


def test_cobuilt_parks(issue: LoadResult, gazetteer: Gazetteer) -> None:
    # "萧山区送来“大礼包”，在共建萧龙科创园的基础上，合作新建一个“飞地产业园”" (the 龙泉 article)
    xl = sited(issue)["萧龙科创园"]
    assert xl.props["kind"] == "park"
    assert ends(issue, gazetteer, xl, SUPPORTS_PROJECT) == {"萧山区"}
    assert ends(issue, gazetteer, xl, BENEFITS) == {"龙泉市"}
    # "三门县与温岭市深化山海协作，共同出资2亿元，以蛇蟠岛为核心区块的“山海协作生态旅游文化产业园”应运而生"
    park = sited(issue)["山海协作生态旅游文化产业园"]
    assert park.props["core_areas"] == ["蛇蟠岛"] and park.props["sites"] == []
    assert ends(issue, gazetteer, park, SUPPORTS_PROJECT) == {"温岭市"}
    assert ends(issue, gazetteer, park, BENEFITS) == {"三门县"}


# -- the Wenzhou opinions ------------------------------------------------------------------------------
def test_wenzhou_headquarters_enclave(wenzhou: LoadResult, gazetteer: Gazetteer) -> None:
    # 二(二)3: "积极推进位于鹿城区七都街道的鹿城—泰顺“飞地”总部经济园区建设"
    assert set(sited(wenzhou)) == {"鹿城—泰顺“飞地”总部经济园区"}
    n = sited(wenzhou)["鹿城—泰顺“飞地”总部经济园区"]
    assert n.props["kind"] == "enclave" and n.props["sites"] == ["鹿城区七都街道"]
    assert ends(wenzhou, gazetteer, n, LOCATED_IN) == {"鹿城区"}
    assert ends(wenzhou, gazetteer, n, BENEFITS) == {"泰顺县"}
    assert ends(wenzhou, gazetteer, n, SUPPORTS_PROJECT) == {"鹿城区"}
    (rel,) = [r for r in wenzhou.relations if r.type == SUPPORTS and r.props["mechanism"] == "enclave"]
    assert gazetteer.entries[rel.source].name == "鹿城区" and gazetteer.entries[rel.target].name == "泰顺县"
    assert "位于鹿城区七都街道的鹿城—泰顺“飞地”总部经济园区" in rel.evidence[0].quote
    assert rel.evidence[0].locator == "L33"


# -- the Yongjia action plan ------------------------------------------------------------------------------
def test_yongjia_enclave_sites_in_brackets(gazetteer: Gazetteer) -> None:
    from loaders import action_plan
    path = "yongjia_action_plan_2025_2027.txt"
    doc = SourceDocument("yj", path, read_source(path), {"subject": "永嘉县", "round": "2025-2027"})
    res = action_plan.load(doc, Context(doc, gazetteer))
    # 四(二)3: "整合现状瓯海—永嘉产业飞地（瓯海经济开发区南片发展园区和时尚智造小镇核心区域），加强协同招商运营"
    n = sited(res)["瓯海—永嘉产业飞地"]
    assert n.props["sites"] == ["瓯海经济开发区南片发展园区", "时尚智造小镇核心区域"]
    assert ends(res, gazetteer, n, SUPPORTS_PROJECT) == {"瓯海区"} == ends(res, gazetteer, n, LOCATED_IN)
    assert ends(res, gazetteer, n, BENEFITS) == {"永嘉县"}
    # Not read: "沿省道S325合力建设乌牛街道、黄田街道…5个镇街7个地块的发展飞地" (a list of places) and
    # "推动永嘉与瓯海区合作共建现代农业园区、农业特色强镇、农业科技服务等平台" (kinds of platform, no name).
    assert set(sited(res)) == {"瓯海—永嘉产业飞地"}


# -- the patterns on sentences of my own -----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "位于莲都区天宁工业园区的浙江某某机械有限公司去年产值翻番。",  # a company's plant, no enclave
    "盛夏时节，位于某县某某村的荷塘花开正盛。",  # a village
    "这一“飞地”位于甬台温高速公路旁，交通便利。",  # a road is no site word
    "加快在省级大湾区新区和高能级战略平台对接布局“产业飞地”。",  # a class of places, a list
    "两地共建现代产业学院，培养技能人才。",  # 学院 is no park
])
def test_traps_give_no_site(text: str) -> None:
    assert read(text, back=text.startswith("这一")) == []


def test_patterns_of_other_wording() -> None:
    (p,) = read("开化县在杭州未来科技城设立了“科创飞地”，首批入驻企业5家。")
    assert p.kind == "enclave" and p.sites == ["杭州未来科技城"] and p.enclave_type == "科创飞地"
    (p,) = read("该园区位于海宁经济开发区，面积约600亩。", back=True)
    assert p.sites == ["海宁经济开发区"]
    (p,) = read("这一“飞地”位于东部新城B3地块，去年开工。", back=True)
    assert p.sites == ["东部新城B3地块"] and p.parcels == []  # no named place before the plot: the plot is the site
    (p,) = read("龙游县的“产业飞地”落户在镇海经济开发区。")
    assert p.sites == ["镇海经济开发区"]
    (p,) = read("2019年，以某某岛为核心区块的“某某生态产业园”建成开园。")
    assert p.kind == "park" and p.core_areas == ["某某岛"] and p.platform == "某某生态产业园"
    (p,) = read("在共建某某科创园的基础上，两地又签约了一批项目。")
    assert p.kind == "park" and p.platform == "某某科创园"


# -- a news text through the prose reader (hand-written, traditional characters in one sentence) --------------
def test_news_enclave_sites(gazetteer: Gazetteer) -> None:
    from pathlib import Path

    from loaders import prose
    text = (Path(__file__).parents[1] / "fixtures" / "sites" / "news_enclave.txt").read_text(encoding="utf-8")
    doc = SourceDocument("news", "news_enclave.txt", text, {})
    res = prose.load(doc, Context(doc, gazetteer))
    got = {n.name: n for n in res.nodes if n.label == PROJECT}
    # "开化县与桐乡市共建的山海协作“科创飞地”…" then "这一“飞地”位于桐乡经济开发区科创中心…"
    kc = got["开化县—桐乡市科创飞地"]
    assert kc.props["sites"] == ["桐乡经济开发区科创中心"] and kc.props["name_source"] == "composed"
    assert ends(res, gazetteer, kc, LOCATED_IN) == {"桐乡市"} == ends(res, gazetteer, kc, SUPPORTS_PROJECT)
    # "開化縣在杭州未来科技城設立了“人才飛地”": no partner named, the site still read
    assert got["开化县人才飞地"].props["sites"] == ["杭州未来科技城"]
    # "位于桐乡市梧桐街道的某某机械有限公司…": a company, no enclave
    assert set(got) == {"开化县—桐乡市科创飞地", "开化县人才飞地"}
