"""Organisations a plan names that the reference lacks: one node per organisation whatever form the plan
uses (a short form it defines with 以下简称, or the conventional short form of a provincial firm or a
university hospital), a kind from the name's ending, evidence on the node; a place followed by a class
of its institutions (优质学校) is no institution; a supporter named in a sentence about another field
than its paragraph's heading supports in that field. Fixture: tests/fixtures/action_plan/
panan_short_forms.txt, written for these tests; the expectations are read from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.gazetteer import Gazetteer
from graph.model import ORGANIZATION, LoadResult, make_id
from graph.reference import load_reference
from loaders import action_plan
from loaders.base import Context, SourceDocument, conventional_short_forms, defined_short_forms

PANAN = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan" / "panan_short_forms.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_reference())


@pytest.fixture(scope="module")
def panan(gaz: Gazetteer) -> LoadResult:
    text = PANAN.read_text(encoding="utf-8")
    doc = SourceDocument("panan", str(PANAN), text, {"id": "panan", "round": "2025-2027"})
    return action_plan.load(doc, Context(doc, gaz))


def org(name: str) -> str:
    return make_id(ORGANIZATION, name)


def test_defined_short_forms(gaz: Gazetteer) -> None:
    text = ("发挥浙江省绿色山林集团有限公司（以下简称“山林集团”）在林业的优势，\n深化与某某学院附属\n医院（以下简称"
            "“某院”）合作；引进光华科技有限公司（简称“光华科技”）。深化教育协作（以下简称“教育”）。")
    assert defined_short_forms(text, gaz) == [("山林集团", "浙江省绿色山林集团有限公司"),
                                              ("某院", "某某学院附属医院"),  # the line break is the PDF's
                                              ("光华科技", "光华科技有限公司")]  # 教育协作 is no organisation


def test_conventional_short_forms(gaz: Gazetteer) -> None:
    got = dict(conventional_short_forms("联合温州医科大学附属第五医院、浙江大学医学院附属第三医院和浙江省绿色山林集团"
                                        "有限公司；浙江中医药大学附属第三医院", gaz))
    assert got == {"温医大五院": "温州医科大学附属第五医院", "浙大三院": "浙江大学医学院附属第三医院",
                   "省绿色山林集团": "浙江省绿色山林集团有限公司", "浙江省绿色山林集团": "浙江省绿色山林集团有限公司"}


def _links(r: LoadResult, type_: str) -> set[tuple[str, str]]:
    return {(x.source, x.target) for x in r.relations if x.type == type_}


def test_one_node_per_organisation_whatever_its_form(gaz: Gazetteer, panan: LoadResult) -> None:
    county = gaz.region("磐安县").id
    tiers = {"leader_contact", "county_pairing", "soe_pairing", "social_pairing"}
    pairing = {(x.props["mechanism"], x.source) for x in panan.relations
               if x.type == "SUPPORTS" and x.props.get("mechanism") in tiers}
    assert pairing == {("leader_contact", gaz.organization("省商务厅").id), ("county_pairing", gaz.region("海宁市").id),
                       ("soe_pairing", org("浙江省绿色山林集团有限公司")),
                       ("social_pairing", org("浙江省山海公益基金会")), ("social_pairing", org("杭州市慈善联合总会"))}
    measures = {n.name: n.id for n in panan.nodes if n.label == "Measure" and n.props.get("kind") == "key_measure"}
    # the table names the firm and the foundation by the short forms the text defined
    assert (org("浙江省绿色山林集团有限公司"), measures["共建“产业飞地”"]) in _links(panan, "SUPPORTS_MEASURE")
    assert (org("浙江省山海公益基金会"), measures["开展慈善助学"]) in _links(panan, "SUPPORTS_MEASURE")
    assert not {n.name for n in panan.nodes} & {"山林集团", "山海基金会"}
    nodes = {n.id: n for n in panan.nodes}
    assert "山林集团" in nodes[org("浙江省绿色山林集团有限公司")].props["aliases"]
    assert nodes[org("浙江省山海公益基金会")].props["kind"] == "association"  # 基金会, 总会: charities
    assert nodes[org("杭州市慈善联合总会")].props["kind"] == "association"
    # an unlisted organisation stands on the line that names it, like the facts about it
    ev = [e for n in panan.nodes if n.id == org("杭州市慈善联合总会") for e in n.evidence]
    assert ev and all("杭州市慈善联合总会" in e.quote for e in ev)
    assert (org("杭州市慈善联合总会"), county) in _links(panan, "SUPPORTS")


def test_a_class_of_schools_is_no_institution_and_a_sentence_keeps_its_field(gaz: Gazetteer,
                                                                              panan: LoadResult) -> None:
    assert not [n for n in panan.nodes if "优质学校" in n.name]
    named = {(x.source, tuple(x.props.get("domains") or [])) for x in panan.relations
             if x.props.get("mechanism") == "named_support" and "教育协作" in x.evidence[0].locator}
    # 海宁市 (its 优质学校) in education; 海宁市人民医院 in the sentence on the 胸痛中心/医共体: healthcare
    assert named == {(gaz.region("海宁市").id, ("domain:education",)),
                     (org("海宁市人民医院"), ("domain:healthcare",))}


# The same partners in one running paragraph (no list lines, no table): the organisations are named inside
# clauses, each right where the text defines its short form.
PARAGRAPH = ("磐安县山海协作结对帮扶三年行动计划（2025—2027年）\n\n一、总体要求\n"
             "（一）结对机制。全面落实“1对4”结对机制：一是依托省领导联系点，加强与省商务厅的联系；二是深化与经济强县海宁市"
             "的结对关系；三是用好国有企业结对帮扶力量，发挥浙江省绿色山林集团有限公司（以下简称“山林集团”）在林业"
             "领域的优势；四是发挥社会力量结对帮扶作用，深化与浙江省山海公益基金会（以下简称“山海基金会”）的合作。\n")


def test_partners_defined_inside_clauses_of_a_paragraph(gaz: Gazetteer) -> None:
    doc = SourceDocument("panan2", "panan2.txt", PARAGRAPH, {"id": "panan2", "round": "2025-2027"})
    result = action_plan.load(doc, Context(doc, gaz))
    tiers = {"leader_contact", "county_pairing", "soe_pairing", "social_pairing"}
    assert {(x.props["mechanism"], x.source) for x in result.relations
            if x.type == "SUPPORTS" and x.props.get("mechanism") in tiers} == {
        ("leader_contact", gaz.organization("省商务厅").id), ("county_pairing", gaz.region("海宁市").id),
        ("soe_pairing", org("浙江省绿色山林集团有限公司")), ("social_pairing", org("浙江省山海公益基金会"))}
