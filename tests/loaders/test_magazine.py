"""The 《今日浙江》2021 magazine issue: expectations written by hand from reading the articles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.gazetteer import Gazetteer
from graph.model import SUPPORTS, LoadResult
from loaders import magazine
from loaders.base import Context, SourceDocument
from tests.conftest import SOURCES, read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "magazine"
ROUND = "2021-provincial"

# Line ranges of the unrelated articles, found by reading the full issue.
PAPER_MAKING = (8773, 9027)  # 文化浙江 · 千年绝唱金屏纸 (泽雅屏纸, 造纸)
VACCINATION = (9033, 9361)  # 平安浙江 · 数字化赋能高效疫苗接种
TREE_PLANTING = (9362, 9705)  # 美丽浙江 · "一村万树"种出"绿富美" (植树)


def load(text: str, gazetteer: Gazetteer) -> LoadResult:
    doc = SourceDocument("jrzj", "magazine.txt", text, {"round": ROUND})
    return magazine.load(doc, Context(doc, gazetteer))


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def triples(res: LoadResult, g: Gazetteer) -> set[tuple[str, str, str]]:
    return {(g.entries[r.source].name, g.entries[r.target].name, r.props["mechanism"]) for r in res.relations
            if r.type == SUPPORTS}


def magazine_text() -> str:
    meta = yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8"))
    name = next(n for n, m in meta.items() if m.get("kind") == "magazine")
    return read_source(name)


@pytest.fixture(scope="module")
def full(gazetteer: Gazetteer) -> tuple[str, LoadResult]:
    text = magazine_text()
    return text, load(text, gazetteer)


def test_detects_the_magazine_and_none_of_the_other_documents() -> None:
    meta = yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8"))
    seen = {name: magazine.detect(read_source(name)) for name in meta}
    assert seen == {name: m.get("kind") == "magazine" for name, m in meta.items()}
    assert sum(seen.values()) == 1
    assert magazine.detect(fixture("kecheng_yuhang_linping.txt"))  # a real excerpt has the same layout


def test_reflow_keeps_line_numbers() -> None:
    flat, line_of = magazine.reflow("山区26\n\n县结对\n")
    assert flat == "山区26县结对"  # a number and its unit split by the wrap join again
    assert line_of == [1, 1, 1, 1, 3, 3, 3]


def test_changshan_cixi_statement_enclave_and_aid_fund(gazetteer: Gazetteer) -> None:
    res = load(fixture("changshan_cixi_enclave.txt"), gazetteer)
    assert triples(res, gazetteer) == {
        ("慈溪市", "常山县", "statement"),  # 常山、慈溪结对10年来
        ("慈溪市", "常山县", "enclave"),  # 常山县与慈溪市山海协作的"产业飞地"
        ("慈溪市", "常山县", "aid_fund"),  # 慈溪市10万元山海协作援建资金
    }
    fund = next(r for r in res.relations if r.props.get("mechanism") == "aid_fund")
    assert fund.props["amount_wan"] == 10
    assert fund.props["level"] == "county" and fund.props["round"] == ROUND
    # that sentence names only 慈溪市; 常山县 comes from the sentence before it, and the note says so
    assert "慈溪市10万元山海协作援建资金" in fund.evidence[0].quote
    assert "常山县" in (fund.evidence[0].note or "")
    enclave = [r for r in res.relations if r.props.get("mechanism") == "enclave"]
    assert any("这里正是常山县与慈溪市山海协作的“产业飞地”。" in r.evidence[0].quote for r in enclave)


def test_sanmen_wenling_statement(gazetteer: Gazetteer) -> None:
    res = load(fixture("sanmen_wenling.txt"), gazetteer)
    assert triples(res, gazetteer) == {("温岭市", "三门县", "statement")}
    (rel,) = res.relations
    assert rel.evidence[0].quote.endswith("拉开了与温岭市山海协作的大幕。")
    # the running title 常山"借梯登高"兴产业 before the byline ■ is not part of the 三门 sentence
    assert "常山" not in rel.evidence[0].quote


def test_enclave_in_taizhou_bay_is_not_a_taizhou_pairing(gazetteer: Gazetteer) -> None:
    # "三门县在台州湾新区布局的产业飞地": 台州湾 is a stop context and 台州市 is 三门's own city
    # (the enclave's site is read: tests/loaders/test_sites.py)
    assert [r for r in load(fixture("sanmen_taizhouwan_enclave.txt"), gazetteer).relations if r.type == SUPPORTS] == []


def test_kecheng_yuhang_linping(gazetteer: Gazetteer) -> None:
    res = load(fixture("kecheng_yuhang_linping.txt"), gazetteer)
    assert triples(res, gazetteer) == {
        ("余杭区", "柯城区", "statement"),  # 余杭—柯城山海协作消费帮扶小组; 余杭、临平和柯城的山海协作规划图
        ("余杭区", "柯城区", "aid_fund"),  # 余杭区提供山海协作援建资金80万元
        ("余杭区", "柯城区", "enclave"),  # 一个个飞地让余杭、临平和柯城联系得越发紧密
        ("临平区", "柯城区", "enclave"),  # 柯城与临平签订了共建山海协作"产业飞地"项目框架协议
        ("临平区", "柯城区", "statement"),
    }
    fund = next(r for r in res.relations if r.props["mechanism"] == "aid_fund")
    assert fund.props["amount_wan"] == 80
    assert fund.evidence[0].quote.startswith("得知陈家胜面临的难题，2019年，余杭区提供山海协作援建资金80万元")
    quotes = [r.evidence[0].quote for r in res.relations if gazetteer.entries[r.source].name == "临平区"]
    assert any(q.startswith("7月，柯城与临平签订了共建山海协作“产业飞地”项目框架协议") for q in quotes)
    # "组织陈家胜参加杭州市余杭区、临平区农产品推介活动…柯城区": nothing ties them → reported, not read
    assert any("柯城区" in w.message for w in res.warnings)


def test_qujiang_yinzhou_xiaobo_enclave(gazetteer: Gazetteer) -> None:
    res = load(fixture("qujiang_yinzhou_enclave.txt"), gazetteer)
    assert triples(res, gazetteer) == {("鄞州区", "衢江区", "enclave")}
    quotes = [e.quote for r in res.relations if r.type == SUPPORTS for e in r.evidence]
    assert quotes[0] == "自从筹资入股衢江—鄞州山海协作“消薄飞地”后，村干部做民生实事的劲头更足了。"
    assert quotes[1].startswith("这一“飞地”项目总投资1亿余元，位于鄞州经济开发区")


def test_longquan_partners_despite_the_running_title(gazetteer: Gazetteer) -> None:
    # The vertical title 景宁打好融合发展﹃五张牌﹄ stands right before the 龙泉 article; split off at ▲/■.
    res = load(fixture("longquan_xiuzhou_xiaoshan.txt"), gazetteer)
    assert triples(res, gazetteer) == {("秀洲区", "龙泉市", "enclave"), ("萧山区", "龙泉市", "enclave")}
    xiuzhou = next(r for r in res.relations if gazetteer.entries[r.source].name == "秀洲区")
    assert "秀洲区给龙泉98个经济薄弱村送来1720万元的“飞地”返利" in xiuzhou.evidence[0].quote
    assert "景宁" not in xiuzhou.evidence[0].quote


def test_strong_county_count_is_a_fact_not_a_relation(gazetteer: Gazetteer) -> None:
    res = load(fixture("strong_counties.txt"), gazetteer)
    assert res.relations == []
    assert res.facts["stated_strong_county_count"] == [50]
    (group,) = res.nodes
    assert group.name == "山区26县" and group.props["stated_strong_county_count"] == 50
    assert "全省50个经济强县结对帮扶山区26县" in group.evidence[0].quote


@pytest.mark.parametrize("name", ["tree_planting.txt", "paper_making.txt", "vaccination.txt"])
def test_unrelated_articles_yield_nothing(gazetteer: Gazetteer, name: str) -> None:
    # tree planting: "山海协作 一村万树"横幅 … 衢州市柯城区 … 杭州余杭区 — no wording ties them;
    # paper making: 永嘉（温州）造纸, 余杭由拳纸, 屏纸产销协作委员会; vaccination: 钱塘区, 龙游县 …
    assert load(fixture(name), gazetteer).relations == []


EXPECTED = {  # (supporter, mountain county, mechanism, locator), each sentence read by hand
    ("秀洲区", "龙泉市", "enclave", "L4441-L4451"),
    ("萧山区", "龙泉市", "enclave", "L4451-L4461"),
    ("慈溪市", "常山县", "statement", "L6024-L6030"),
    ("慈溪市", "常山县", "enclave", "L6076-L6084"),
    ("慈溪市", "常山县", "enclave", "L6084-L6092"),
    ("慈溪市", "常山县", "aid_fund", "L6084-L6092"),
    ("慈溪市", "常山县", "enclave", "L6174-L6180"),
    ("温岭市", "三门县", "statement", "L6199-L6207"),
    ("温岭市", "三门县", "statement", "L6273-L6277"),
    ("温岭市", "三门县", "statement", "L6305-L6315"),
    ("余杭区", "柯城区", "statement", "L6389-L6393"),
    ("余杭区", "柯城区", "aid_fund", "L6419-L6427"),
    ("余杭区", "柯城区", "enclave", "L6481-L6487"),
    ("临平区", "柯城区", "enclave", "L6481-L6487"),
    ("临平区", "柯城区", "enclave", "L6487-L6499"),
    ("余杭区", "柯城区", "statement", "L6501-L6507"),
    ("临平区", "柯城区", "statement", "L6501-L6507"),
    ("鄞州区", "衢江区", "enclave", "L6548-L6552"),
    ("鄞州区", "衢江区", "enclave", "L6554-L6560"),
    ("鄞州区", "衢江区", "statement", "L6570-L6582"),
    ("鄞州区", "衢江区", "statement", "L6672-L6678"),
    ("鄞州区", "衢江区", "enclave", "L6680-L6690"),
    ("鄞州区", "衢江区", "enclave", "L6690-L6702"),
    # Institutions, by the prose reader's rules (issue 13, item 8):
    # "巩固深化浙医一院与景宁民族医院精准合作"
    ("浙江大学医学院附属第一医院", "景宁畲族自治县", "institution_pairing", "L4360-L4366"),
    # "与温州科技职业学院合作，建成文成县现代农业与康养产业研究院"
    ("温州科技职业学院", "文成县", "institution_pairing", "L4650-L4668"),
    # "庆元县政府与浙江中医药大学签订了支持庆元…示范县建设合作框架协议"
    ("浙江中医药大学", "庆元县", "agreement", "L5619-L5629"),
    # "根据苍南县与中广核集团签署的《“5+4”合作协议》"
    ("中国广核集团有限公司", "苍南县", "agreement", "L7092-L7106"),
}


def test_full_issue_relations(full: tuple[str, LoadResult], gazetteer: Gazetteer) -> None:
    _, res = full
    supports = [r for r in res.relations if r.type == SUPPORTS]  # the rest: enclave and park sites
    got = {(gazetteer.entries[r.source].name, gazetteer.entries[r.target].name, r.props["mechanism"],
            r.evidence[0].locator) for r in supports}
    assert got == EXPECTED
    assert all(r.props["level"] == ("organization" if r.source.startswith("org:") else "county") for r in supports)
    amounts = {r.props["amount_wan"] for r in supports if r.props["mechanism"] == "aid_fund"}
    assert amounts == {10, 80}
    assert res.facts["stated_strong_county_count"] == [50]


def test_every_quote_is_the_joined_text_of_its_lines(full: tuple[str, LoadResult]) -> None:
    text, res = full
    lines = text.split("\n")
    evidence = [e for r in res.relations for e in r.evidence] + [e for n in res.nodes for e in n.evidence]
    for e in evidence:
        first, _, last = e.locator.partition("-")
        joined = "".join(lines[int(first[1:]) - 1:int((last or first)[1:])])
        assert e.quote in joined, e.locator
        assert e.document == "jrzj"


def test_no_relation_from_the_unrelated_articles(full: tuple[str, LoadResult]) -> None:
    _, res = full
    for r in res.relations:
        for e in r.evidence:
            first, _, last = e.locator.partition("-")
            lo, hi = int(first[1:]), int((last or first)[1:])
            for start, end in (PAPER_MAKING, VACCINATION, TREE_PLANTING):
                assert hi < start or lo > end, (e.locator, e.quote)
