"""The prose reader on hand-written news fixtures (traps included) and as the build's fallback reader."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from api.build import BuildReport, build
from graph.gazetteer import Gazetteer
from graph.model import SUPPORTS, LoadResult
from loaders import prose
from loaders.base import Context, SourceDocument
from loaders.prose_text import prepare
from tests.conftest import SOURCES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "prose"


def load(name: str, gazetteer: Gazetteer, meta: dict[str, object] | None = None) -> tuple[str, LoadResult]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    doc = SourceDocument("news", name, text, meta if meta is not None else {"date": "2024-03-18"})
    return text, prose.load(doc, Context(doc, gazetteer))


def name_of(node_id: str, g: Gazetteer, res: LoadResult) -> str:
    if node_id in g.entries:
        return g.entries[node_id].name
    return next(n.name for n in res.nodes if n.id == node_id)


def triples(res: LoadResult, g: Gazetteer) -> set[tuple[str, str, str]]:
    return {(name_of(r.source, g, res), name_of(r.target, g, res), r.props["mechanism"]) for r in res.relations}


def test_detect_is_false_the_build_calls_it_as_fallback() -> None:
    assert prose.detect("余杭区与柯城区结对。") is False


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_quote_is_verbatim_from_the_file(gazetteer: Gazetteer, name: str) -> None:
    text, res = load(name, gazetteer)
    assert res.relations
    for r in res.relations:
        for ev in r.evidence:
            assert ev.quote in text
            first, _, last = ev.locator[1:].partition("-L")
            lines = text.split("\n")[int(first) - 1:int(last or first)]
            assert "\n".join(lines).strip().find(ev.quote.split("\n")[0]) >= 0


def test_pairing_news_with_group_geography_negation_and_intention(gazetteer: Gazetteer) -> None:
    _, res = load("news_pairing.txt", gazetteer)
    # L1 headline "余杭柯城山海协作再结硕果" (two names side by side, then 山海协作),
    # L3 "杭州市余杭区与衢州市柯城区在柯城签订新一轮山海协作结对协议", L4 "作为柯城区的结对地区，余杭区…",
    # L4 "余杭区已向柯城区提供帮扶资金1500万元，支持沟溪乡余东村…", L5 "余杭—柯城山海协作产业园二期开工".
    # Not links: L3 "余杭区今年将向柯城区提供援建资金2000万元" (will), L6 the 50-county and 3-to-2 city group
    # statements, L7 the motorway and the railway, L8 尚未建立结对关系 / 有望 / 拟.
    assert triples(res, gazetteer) == {("余杭区", "柯城区", "statement"), ("余杭区", "柯城区", "county_pairing"),
                                       ("余杭区", "柯城区", "aid_fund"), ("余杭区", "柯城区", "park_cobuild")}
    fund = next(r for r in res.relations if r.props["mechanism"] == "aid_fund")
    assert fund.props["amount_wan"] == 1500 and fund.props["villages"] == ["余东村"]
    assert fund.evidence[0].locator == "L4"
    assert all(r.props["reported"] == "2024-03-18" and "round" not in r.props for r in res.relations)
    assert all(r.props["programme"] == "shanhai" and r.props["level"] == "county" for r in res.relations)
    warned = {w.locator for w in res.warnings}
    assert {"L3", "L6", "L8"} <= warned


def test_traditional_characters_in_wrapped_lines(gazetteer: Gazetteer) -> None:
    _, res = load("news_traditional.txt", gazetteer)
    # The headline "麗水與寧波山海協作二十年", "寧波市與麗水市結對以來", "鄞州區結對幫扶景寧畲族自治縣",
    # "慶元縣與嘉善縣攜手共建的「產業飛地」"; "遂昌縣計劃與桐鄉市…" and "松陽縣與溫嶺市尚未結對" are no links.
    assert triples(res, gazetteer) == {("宁波市", "丽水市", "statement"), ("宁波市", "丽水市", "city_pairing"),
                                       ("鄞州区", "景宁畲族自治县", "county_pairing"),
                                       ("嘉善县", "庆元县", "enclave")}
    enclave = next(r for r in res.relations if r.props["mechanism"] == "enclave")
    # The quote is the file's own traditional text across the wrap, not the simplified form matched.
    assert enclave.evidence[0].quote == "慶元縣與嘉善縣攜\n手共建的「產業飛地」已投入使用。"
    assert enclave.evidence[0].locator == "L4-L5"


def test_east_west_parties_outside_zhejiang(gazetteer: Gazetteer) -> None:
    _, res = load("news_east_west.txt", gazetteer)
    assert triples(res, gazetteer) == {("温州市", "木里藏族自治县", "statement"), ("浙江省", "四川省", "statement"),
                                       ("瑞安市", "台江县", "county_pairing"), ("鄞州区", "衢江区", "statement"),
                                       ("鄞州区", "衢江区", "enclave")}
    programme = {(name_of(r.source, gazetteer, res), r.props["mechanism"]): r.props["programme"]
                 for r in res.relations}
    assert programme == {("温州市", "statement"): "east_west", ("浙江省", "statement"): "east_west",
                         ("瑞安市", "county_pairing"): "east_west", ("鄞州区", "statement"): "shanhai",
                         ("鄞州区", "enclave"): "shanhai"}
    # 台江县 is not in the reference data: a new region outside Zhejiang, with a warning.
    (taijiang,) = [n for n in res.nodes if n.name == "台江县"]
    assert taijiang.props["outside_province"] is True and taijiang.props["province"] == "贵州省"
    assert gazetteer.entries["region:mulizangzuzizhixian"].props["outside_province"] is True


def test_institutions_schools_and_hospitals(gazetteer: Gazetteer) -> None:
    _, res = load("news_institutions.txt", gazetteer)
    # "浙大一院与景宁县人民医院签订结对帮扶协议", "杭州市第一人民医院结对帮扶淳安县第一人民医院",
    # "松阳县政府与浙江工商大学签署战略合作协议，学校每年安排200万元", "海宁市高级中学与泰顺中学、平湖中学与
    # 文成中学结对"; "浙江省农业科学院计划与开化县共建研究院" is an intention.
    assert triples(res, gazetteer) == {
        ("浙江大学医学院附属第一医院", "景宁畲族自治县", "institution_pairing"),
        ("杭州市第一人民医院", "淳安县", "institution_pairing"),
        ("浙江工商大学", "松阳县", "agreement"),
        ("海宁市高级中学", "泰顺县", "institution_pairing"),
        ("浙江省平湖中学", "文成县", "institution_pairing"),
    }
    partners = {name_of(r.target, gazetteer, res): r.props.get("partner") for r in res.relations}
    assert partners == {"景宁畲族自治县": "景宁县人民医院", "淳安县": "淳安县第一人民医院", "松阳县": None,
                        "泰顺县": "泰顺中学", "文成县": "文成中学"}
    agreement = next(r for r in res.relations if r.props["mechanism"] == "agreement")
    assert agreement.props["amount_wan_per_year"] == 200
    assert any("杭州市第一人民医院" in w.message for w in res.warnings)  # not in the reference data


def test_offset_map_gives_the_original_span() -> None:
    prep = prepare("甲\n　　麗水與寧波\n結對。")
    start = prep.text.index("丽水")
    end = prep.text.index("。") + 1
    from loaders.prose_text import Span

    assert prep.text[start:end] == "丽水与宁波结对。"
    assert prep.quote(Span(start, end)) == ("麗水與寧波\n結對。", 2, 3)



def test_prose_and_names_fold_alike() -> None:
    """One traditional → simplified step (graph.fold): what the prose reader matches is what the name index folds."""
    from graph.fold import fold

    raw = "甌海區與慶元縣、溫州醫科大學附屬第一醫院結對幫扶"
    assert prepare(raw).text == fold(raw).text == "瓯海区与庆元县、温州医科大学附属第一医院结对帮扶"

def _built_with(tmp_path: Path, fixture: str) -> tuple[BuildReport, dict[str, Any]]:
    """The corpus built with one prose fixture beside it, and that fixture's document record."""
    src = tmp_path / "src"
    src.mkdir()
    for p in SOURCES.iterdir():
        shutil.copy(p, src)
    shutil.copy(FIXTURES / fixture, src)
    report = build(sources_dir=src, out=None)
    return report, next(d for d in report.documents if d["path"].endswith(fixture))


def test_build_sends_an_unrecognised_news_text_to_prose(tmp_path: Path) -> None:
    report, doc = _built_with(tmp_path, "news_east_west.txt")
    assert doc["loaders"] == ["prose"]
    rels = [r for r in report.snapshot.relations if r.type == SUPPORTS and r.target == "region:mulizangzuzizhixian"]
    assert [(r.source, r.props["programme"]) for r in rels] == [("region:wenzhoushi", "east_west")]


def test_wording_variants_line_by_line(gazetteer: Gazetteer) -> None:
    _, res = load("news_variants.txt", gazetteer)
    got = {(name_of(r.source, gazetteer, res), name_of(r.target, gazetteer, res), r.props["mechanism"],
            r.evidence[0].locator) for r in res.relations}
    assert got == {
        ("镇海区", "龙游县", "park_cobuild", "L1"),  # 镇海·龙游山海协作产业园
        ("鄞州区", "衢江区", "county_pairing", "L2"),  # 鄞州区是衢江区的山海协作结对县
        ("慈溪市", "常山县", "statement", "L3"),  # 常山、慈溪两地山海协作
        ("萧山区", "柯城区", "aid_fund", "L4"),  # 累计投入柯城区援建资金1.2亿元
        ("萧山区", "柯城区", "aid_fund", "L5"),  # 向柯城区捐赠500万元
        ("余杭区", "柯城区", "county_pairing", "L6"),  # 余杭区、临平区分别与柯城区结对
        ("临平区", "柯城区", "county_pairing", "L6"),
        ("镇海区", "龙游县", "statement", "L7"),  # 龙游县与镇海区签署新一轮山海协作框架协议
        ("萧山区", "柯城区", "statement", "L8"),  # 杭州市萧山区对口帮扶衢州市柯城区
        # L9 宁海-天台高速公路, L10 丽水与温州交界: geography, no link
        ("富阳区", "开化县", "park_cobuild", "L11"),  # 富阳区与开化县携手共建的山海协作产业园
        ("嘉兴市", "丽水市", "city_pairing", "L12"),  # 嘉兴、湖州、宁波与丽水结对: three with one
        ("湖州市", "丽水市", "city_pairing", "L12"),
        ("宁波市", "丽水市", "city_pairing", "L12"),
        ("余杭区", "柯城区", "statement", "L13"),  # 余杭区党政代表团赴柯城区考察山海协作工作
        ("鄞州区", "衢江区", "park_cobuild", "L14"),  # 鄞州衢江山海协作产业园
        ("余杭区", "柯城区", "county_pairing", "L15"),  # 在结对县余杭区的帮扶下，柯城区…
        # L16 温州与丽水合作建设高速公路: a road, and 合作 alone is no pairing of two regions
        ("慈溪市", "常山县", "county_pairing", "L17"),  # 由慈溪市结对帮扶的常山县
        ("萧山区", "淳安县", "county_pairing", "L18"),  # 淳安县与萧山区结成对子
        ("余杭区", "柯城区", "statement", "L19"),  # 余杭柯城携手打造共富样板
        # L20 杭州游客到丽水旅游: a visit about nothing paired
        ("浙江省二轻集团", "松阳县", "statement", "L21"),  # 松阳县的帮扶单位浙江省二轻集团
        ("余杭区", "柯城区", "county_pairing", "L22"),  # 余杭区对柯城区开展结对帮扶
        # L23 杭州对衢州的投资: no pairing wording
        ("余杭区", "柯城区", "county_pairing", "L24"),  # 余杭结对柯城
        ("萧山区", "淳安县", "statement", "L25"),  # 萧山区为淳安县捐赠物资
        # L26 浙江丽水山海协作, L27 浙江省与衢州市共建: the province is where, not a party
    }
    amounts = sorted(r.props["amount_wan"] for r in res.relations if r.props["mechanism"] == "aid_fund")
    assert amounts == [500, 12000]


def test_web_page_with_mixed_forms_and_garbled_bytes(gazetteer: Gazetteer) -> None:
    _, res = load("news_web_mixed_forms.txt", gazetteer)
    # L2 "平湖·松阳携手共建“飞地”园区", L4 "平湖市与松阳縣签订山海協作“飞地”共建协议" (mixed forms, ASCII comma),
    # L5 "平湖市已向松阳县拨付援建资金８００万元，用于大东坝镇石仓村…" (full-width digits); L6 garbled
    # bytes give nothing; L7 "結對關係尚未調整" is negated.
    got = {(name_of(r.source, gazetteer, res), name_of(r.target, gazetteer, res), r.props["mechanism"],
            r.evidence[0].locator) for r in res.relations}
    assert got == {("平湖市", "松阳县", "enclave", "L2"), ("平湖市", "松阳县", "enclave", "L4"),
                   ("平湖市", "松阳县", "aid_fund", "L5")}
    fund = next(r for r in res.relations if r.props["mechanism"] == "aid_fund")
    assert fund.props["amount_wan"] == 800 and fund.props["villages"] == ["石仓村"]
    assert "８００万元" in fund.evidence[0].quote  # the file's full-width digits, not the NFKC form


def test_coordinated_supporters_adverbs_settings_and_a_subject_after_a_clause(gazetteer: Gazetteer) -> None:
    _, res = load("news_coordination.txt", gazetteer)
    got = {(name_of(r.source, gazetteer, res), name_of(r.target, gazetteer, res), r.evidence[0].locator)
           for r in res.relations}
    assert got == {
        # L1 嘉善县、长兴县与宁波市海曙区共同结对帮扶庆元县: all three supporters share the verb
        ("嘉善县", "庆元县", "L1"), ("长兴县", "庆元县", "L1"), ("海曙区", "庆元县", "L1"),
        ("温岭市", "三门县", "L2"),  # 继续与
        ("萧山区", "木里藏族自治县", "L3"),  # 此前在东西部协作中结对帮扶 (another programme)
        ("诸暨市", "遂昌县", "L4"),  # 诸暨市积极推进山海协作，与遂昌县签订…结对帮扶协议
        # L5 a visit and a meeting with firms: nothing paired; L6 将共同结对帮扶: only intended
        ("余杭区", "柯城区", "L7"),  # 结对帮扶柯城区的杭州市余杭区: the party after 的 does what the verb says
    }
    programme = {name_of(r.target, gazetteer, res): r.props["programme"] for r in res.relations}
    assert programme["木里藏族自治县"] != "shanhai" and programme["庆元县"] == "shanhai"


def test_partner_roles_new_organisations_and_other_programmes(gazetteer: Gazetteer) -> None:
    _, res = load("news_partner_roles.txt", gazetteer)
    got = {(name_of(r.source, gazetteer, res), name_of(r.target, gazetteer, res), r.props["mechanism"],
            r.evidence[0].locator) for r in res.relations}
    assert got == {
        ("余姚市", "松阳县", "county_pairing", "L2"),  # 松阳县的经济强县结对方余姚市、安吉县: the tier before 结对方
        ("安吉县", "松阳县", "county_pairing", "L2"),
        ("北仑区", "云和县", "county_pairing", "L3"),  # 云和县另一结对方宁波市北仑区
        ("富阳区", "缙云县", "county_pairing", "L4"),  # 另一结对方富阳区…，与缙云县签订…协议: the role ties them
        # L5 the same without 结对方: 合作 alone between two regions is no pairing
        ("海盐县", "景宁畲族自治县", "enclave", "L6"),  # 向…发放“飞地”返利800万元
        ("东阳市", "磐安县", "statement", "L7"),  # 东阳—磐安消费帮扶专班
        ("龙湾区", "苍南县", "park_cobuild", "L8"),  # 龙湾—苍南、瓯海—永嘉山海协作产业园: a list of dash pairs
        ("瓯海区", "永嘉县", "park_cobuild", "L8"),
        ("乐清市", "平阳县", "statement", "L9"),  # a hospital's name beside 乐清 in a headline is no pair
        ("嘉兴学院附属第二医院", "遂昌县", "institution_pairing", "L10"),  # not in the reference data
        # L11 companies that attended a meeting in 开化县: no link
        ("浙江省数智交通发展集团有限公司", "开化县", "statement", "L12"),  # its short form defined in brackets
        ("浙江省数智交通发展集团有限公司", "开化县", "aid_fund", "L13"),  # …and used: 数智交通集团向开化县提供…
        # L14 海宁市与武义县…对口支援新疆…结对援疆: another programme; L15 a visit to look at a port
        ("海宁市", "武义县", "county_pairing", "L16"),  # 结对共建
        # L17 嘉善县助力庆元县办好展销会: 助力 is any help unless the sentence speaks of the programme
        ("平湖市", "松阳县", "statement", "L18"),  # 在山海协作中助力
        ("东阳市", "磐安县", "county_pairing", "L19"),  # “东阳、义乌是我们的结对县…”磐安县…负责人说
        ("义乌市", "磐安县", "county_pairing", "L19"),
        # L20 the speaker is no place (记者…说): 我们 is not resolved
        ("温州银行", "泰顺县", "agreement", "L21"),  # a bank named by its place alone
        # L22 宁波市有关企业集团: a class of organisations, no one party
        # L23 a newspaper's reporter and L24 a county's bureau travel: neither is the place's visit
    }
    assert all(r.props["programme"] == "shanhai" for r in res.relations)
    amounts = {r.evidence[0].locator: r.props.get("amount_wan") for r in res.relations if r.props.get("amount_wan")}
    assert amounts == {"L6": 800, "L13": 1000}
    quoted = next(r for r in res.relations if r.evidence[0].locator == "L19")
    assert quoted.evidence[0].quote.endswith("”磐安县商务局负责人说。")  # the quote and who said it
    hospital = next(r for r in res.relations if r.evidence[0].locator == "L10")
    assert hospital.props["partner"] == "遂昌县人民医院" and hospital.props["level"] == "organization"
    # New organisations are nodes with the sentence as evidence, kind from their name's ending, and a warning.
    new = {n.name: n for n in res.nodes if n.props.get("unlisted")}
    assert new["嘉兴学院附属第二医院"].props["kind"] == "hospital"
    assert new["浙江省数智交通发展集团有限公司"].props["kind"] == "enterprise"
    assert new["嘉兴学院附属第二医院"].evidence[0].locator == "L10"
    assert "宁波舜宇光电股份有限公司" not in new  # an organisation in no link is no node
    assert not any("有关" in n.name for n in res.nodes)
    warned = {w.locator: w.message for w in res.warnings}
    assert "another programme" in warned["L14"] and "not in data/reference" in warned["L10"]


def test_new_organisations_survive_the_build(tmp_path: Path) -> None:
    report, doc = _built_with(tmp_path, "news_partner_roles.txt")
    nodes = {n.name: n for n in report.snapshot.nodes}
    hospital = nodes["嘉兴学院附属第二医院"]
    assert hospital.props["kind"] == "hospital"
    assert [e.document for e in hospital.evidence] == [doc["id"]]
    rels = [r for r in report.snapshot.relations if r.type == SUPPORTS and r.source == hospital.id]
    assert [(r.target, r.props["partner"]) for r in rels] == [("region:suichangxian", "遂昌县人民医院")]


def test_a_recipient_receiving_support(gazetteer: Gazetteer) -> None:
    # Sentences written for this test: the recipient first, then 迎来/得到 the supporter's 帮扶/支援.
    _, res = load("news_received.txt", gazetteer)
    got = {(name_of(r.source, gazetteer, res), name_of(r.target, gazetteer, res), r.evidence[0].locator)
           for r in res.relations}
    # L3: 迎来了一批游客 … 来自桐乡市 is no support.
    assert got == {("奉化区", "文成县", "L1"), ("海盐县", "景宁畲族自治县", "L2")}


def _read(text: str, gazetteer: Gazetteer) -> set[tuple[str, str]]:
    doc = SourceDocument("news", "inline.txt", text, {"date": "2025-01-10"})
    res = prose.load(doc, Context(doc, gazetteer))
    return {(name_of(r.source, gazetteer, res), name_of(r.target, gazetteer, res)) for r in res.relations}


def test_zhuli_between_two_places_in_a_report_on_the_programme(gazetteer: Gazetteer) -> None:
    # A clause of its own (after ；) says only 助力; its sentence speaks of the programme (飞地), so it is the
    # programme's help. A sentence of its own with 助力 only is any help (news_partner_roles.txt L17).
    report = ("我省山海协作工程取得新成效\n\n其中，宁波市奉化区与文成县共建科创飞地；"
              "嘉兴市秀洲区助力龙泉市发展汽车空调产业，帮助引进项目8个。\n")
    assert ("秀洲区", "龙泉市") in _read(report, gazetteer)
    assert _read("山海协作展会消息\n\n今年展会规模扩大。嘉兴市秀洲区助力龙泉市举办青瓷展，帮助引进客商。\n",
                 gazetteer) == set()


def test_a_link_carries_the_fields_its_own_clause_names(gazetteer: Gazetteer) -> None:
    text = "山海协作新进展\n\n慈溪市与常山县结对共建医疗联合体；宁波市奉化区与文成县共建科创飞地。\n"
    doc = SourceDocument("news", "inline.txt", text, {"date": "2025-01-10"})
    res = prose.load(doc, Context(doc, gazetteer))
    fields = {name_of(r.target, gazetteer, res): set(r.props.get("domains", [])) for r in res.relations}
    assert fields["常山县"] == {"domain:healthcare"}  # 医疗 of its clause, not the 科创 of the next
    assert "domain:technology" in fields["文成县"]


def test_a_departments_name_is_no_field(gazetteer: Gazetteer) -> None:
    text = "山海协作新进展\n\n省领导通过省农业农村厅、省林业局联系帮扶泰顺县。\n"
    doc = SourceDocument("news", "inline.txt", text, {"date": "2025-01-10"})
    res = prose.load(doc, Context(doc, gazetteer))
    assert res.relations  # 农业 inside 省农业农村厅 says who helps, not in which field
    assert all(not r.props.get("domains") for r in res.relations)


def test_passive_help_received_funds_people_sent_and_denials(gazetteer: Gazetteer) -> None:
    """tests/fixtures/prose/denials_and_passives.txt, sentence by sentence (written by hand in the shapes news use)."""
    _, res = load("denials_and_passives.txt", gazetteer)
    pairs = {(s, t) for s, t, _ in triples(res, gazetteer)}
    assert {
        ("余杭区", "柯城区"),                      # 在余杭区的倾力帮扶下，柯城区…
        ("海宁市", "武义县"), ("永康市", "武义县"),  # 在海宁市和永康市的共同帮扶下，武义县…
        ("余姚市", "松阳县"),                      # 松阳县今年获得余姚市援建资金…
        ("东阳市", "磐安县"),                      # 东阳市结对帮扶的是磐安县
        ("德清县", "缙云县"),                      # 德清县结对的山区县为缙云县
        ("诸暨市", "遂昌县"), ("平湖市", "青田县"),  # A与B、C与D分别组建…教育共同体
        ("浙江大学医学院附属第一医院", "淳安县"),   # …向淳安县人民医院派驻专家团队
    } <= pairs
    # Hearsay and denials, whatever clause the denial stands in: no link.
    for denied in ("嘉善县", "长兴县", "桐乡市"):
        assert not any(s == denied for s, _ in pairs), denied


def test_a_county_site_calls_its_county_we_and_lists_its_two_supporters(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """tests/fixtures/prose/county_site_report.txt: a county's own news page (byline 来源：开化县人民政府网, items
    numbered 一、二、): 我县 is 开化县 (the one mountain county its head names); "桐乡市、杭州市上城区两地结对帮扶我县"
    lists two supporters of it, not a pair of them; the numbered items make no action plan."""
    from loaders import action_plan

    text = (FIXTURES / "county_site_report.txt").read_text(encoding="utf-8")
    assert action_plan.detect(text) is False
    _, res = load("county_site_report.txt", gazetteer)
    pairs = {(s, t) for s, t, _ in triples(res, gazetteer)}
    assert {("桐乡市", "开化县"), ("上城区", "开化县"), ("浙江省能源集团有限公司", "开化县")} <= pairs
    assert ("桐乡市", "上城区") not in pairs and ("上城区", "桐乡市") not in pairs


@pytest.mark.parametrize(("sentence", "pairs"), [
    ("受新昌县帮扶，衢江区的椪柑搭上了电商直播平台。", {("新昌县", "衢江区")}),
    ("在玉环市帮扶下，仙居县杨梅进入玉环商超。", {("玉环市", "仙居县")}),
    ("在余杭、临平两地支持下，柯城今年新增规上工业企业23家。", {("余杭区", "柯城区"), ("临平区", "柯城区")}),
    ("瓯海帮永嘉、龙湾帮苍南。", {("瓯海区", "永嘉县"), ("龙湾区", "苍南县")}),
    ("受台风影响，永嘉县与瓯海区的活动推迟。", set()),  # 受 without help: no support
])
def test_help_received_and_the_everyday_verb(gazetteer: Gazetteer, sentence: str, pairs: set[tuple[str, str]]) -> None:
    doc = SourceDocument("news", "s.txt", sentence, {"date": "2026-05-01"})
    res = prose.load(doc, Context(doc, gazetteer))
    assert {(s, t) for s, t, _ in triples(res, gazetteer)} == pairs
