"""A plan whose measures are numbered paragraphs with "（牵头单位：…）" after the title and a closing
"责任单位：…。" sentence (tests/fixtures/action_plan/songyang_labelled_notes.txt, written by hand in the layout
county plans use when they are not tables). Expectations read from the fixture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.gazetteer import Gazetteer
from graph.model import MEASURE, LoadResult
from graph.reference import load_reference
from loaders import action_plan
from loaders.action_plan_outline import PARA_RAW_RE, _split_heading, notes_in
from loaders.base import Context, SourceDocument
from tests.loaders.test_action_plan_variants import org, rid

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan" / "songyang_labelled_notes.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_reference())


@pytest.fixture(scope="module")
def plan(gaz: Gazetteer) -> LoadResult:
    meta = {"id": PLAN.stem, "round": "2025-2027"}
    doc = SourceDocument(PLAN.stem, str(PLAN), PLAN.read_text(encoding="utf-8"), meta)
    return action_plan.load(doc, Context(doc, gaz))


def _titles(plan: LoadResult) -> dict[str, str]:
    return {n.id: n.name for n in plan.nodes if n.label == MEASURE}


def _responsible(plan: LoadResult) -> dict[tuple[str, str], bool]:
    titles = _titles(plan)
    return {(r.source, titles[r.target]): bool(r.props.get("lead")) for r in plan.relations
            if r.type == "RESPONSIBLE_FOR" and r.target in titles}


def test_the_title_ends_at_its_lead_note() -> None:
    rest = "（牵头单位：县农业农村局）联合浙江农林大学开展茶树良种选育。责任单位：县农业农村局、县供销社。"
    raw = "1．做强松阳银猴茶全产业链" + rest
    assert _split_heading(raw, PARA_RAW_RE) == ("做强松阳银猴茶全产业链", rest)
    notes = [(n.names, n.lead) for _, _, n in notes_in(1, raw, ("松阳县",), set())]
    assert notes == [(["县农业农村局"], True), (["县农业农村局", "县供销社"], False)]


def test_measures_keep_their_titles(plan: LoadResult) -> None:
    assert set(_titles(plan).values()) == {"做强松阳银猴茶全产业链", "深化医疗协作", "推出共富贷产品"}


def test_lead_and_responsible_units(plan: LoadResult) -> None:
    # Each measure: its 牵头单位 is the lead (named again in the 责任单位 list: one responsibility), the others not.
    got = _responsible(plan)
    tea, health, loan = "做强松阳银猴茶全产业链", "深化医疗协作", "推出共富贷产品"
    assert got == {
        (org("松阳县农业农村局"), tea): True, (org("松阳县供销社"), tea): False,
        (org("松阳县卫生健康局"), health): True, (org("松阳县人民医院"), health): False,
        (org("松阳县金融服务中心"), loan): True, (org("松阳县财政局"), loan): False,
    }
    # The notes are quoted verbatim in the evidence; 责任单位 never names a supporter.
    lead = next(r for r in plan.relations if r.type == "RESPONSIBLE_FOR" and r.source == org("松阳县卫生健康局"))
    assert {e.quote for e in lead.evidence} == {"（牵头单位：县卫生健康局）", "责任单位：县卫生健康局、县人民医院。"}
    supporters = {r.source for r in plan.relations if r.type == "SUPPORTS"}
    assert not supporters & {unit for unit, _ in got}


def test_partners_named_by_the_plans_own_names(gaz: Gazetteer, plan: LoadResult) -> None:
    """The bank the reference lacks (listed under 社会力量) and the short form the plan defines (省机场集团) are
    found in the measure paragraphs that write them."""
    titles = _titles(plan)
    measure_partners = {(r.source, titles[r.target]) for r in plan.relations
                        if r.type == "SUPPORTS_MEASURE" and r.target in titles}
    airport = rid(gaz, "浙江省机场集团有限公司")
    assert measure_partners == {
        (rid(gaz, "浙江农林大学"), "做强松阳银猴茶全产业链"), (rid(gaz, "余姚市"), "做强松阳银猴茶全产业链"),
        (rid(gaz, "余姚市"), "深化医疗协作"),
        (org("浙商银行丽水分行"), "推出共富贷产品"), (airport, "推出共富贷产品"),
    }
    named = [r for r in plan.relations if r.type == "SUPPORTS" and r.props.get("mechanism") == "named_support"]
    fields = {(r.source, d) for r in named for d in r.props.get("domains", [])}
    assert (org("浙商银行丽水分行"), "domain:finance") in fields and (airport, "domain:finance") in fields
    # Under （一）农业增效, "做强…茶全产业链" is agriculture: 产业链 alone names no field of its own.
    assert (rid(gaz, "浙江农林大学"), "domain:agriculture") in fields
    assert not any(d == "domain:industry" for _, d in fields)


@pytest.mark.parametrize(("after_place", "institution"), [
    ("人民医院选派专家", "人民医院"), ("第二高级中学结对", "第二高级中学"),
    ("组织优质中小学与泰顺学校结对", None), ("选派医院专家驻点", None), ("联合大学开展攻关", None),
])
def test_a_verb_after_a_place_is_no_institution_name(after_place: str, institution: str | None) -> None:
    # "鹿城区组织优质中小学与泰顺学校结对": 鹿城区 organises schools; no school is named 鹿城区组织优质中小学.
    from loaders.prose_qualify import institution_after

    m = institution_after().match(after_place)
    assert (m.group(0) if m else None) == institution


def test_a_project_cell_listing_two_units_names_two_owners(plan: LoadResult) -> None:
    # 附件 row 1: 责任单位 "县农业农村局、大东坝镇" — two owners, never one organisation named with the 、.
    project = next(n for n in plan.nodes if n.name == "松阳银猴茶数字化加工中心")
    owners = {r.source for r in plan.relations if r.type == "OWNS" and r.target == project.id}
    assert owners == {org("松阳县农业农村局"), org("大东坝镇")}


def test_the_plan_printed_with_wrapped_lines_yields_what_its_text_yields(gaz: Gazetteer, tmp_path: Path) -> None:
    """The same plan (its running text) as a PDF whose lines wrap in a narrow column — inside 浙江\\n农林大学,
    浙商银行丽水分\\n行 and 责任\\n单位 — gives the same facts as the text: wrapped lines are read as one text."""
    from tests.fixtures.formats import make
    from tests.formats.conftest import build_one

    text = PLAN.read_text(encoding="utf-8")
    prose = tmp_path / "songyang.txt"
    prose.write_text(text[:text.index("附件")], encoding="utf-8")
    meta = {"subject": "松阳县", "round": "2025-2027"}
    as_text = build_one(tmp_path / "txt", prose, with_pairing_table=True, **meta)
    as_pdf = build_one(tmp_path / "pdf", make.prose_plan_pdf(prose, tmp_path / "songyang.pdf"), with_pairing_table=True,
                       **meta)

    def facts(report: Any) -> set[tuple[str, str, str, bool]]:
        names = {n.id: n.name for n in report.snapshot.nodes}
        return {(r.type, names[r.source], names[r.target], bool(r.props.get("lead"))) for r in report.snapshot.relations
                if any(e.document == "annex" for e in r.evidence)}

    got = facts(as_pdf)
    assert got == facts(as_text)
    assert ("RESPONSIBLE_FOR", "松阳县卫生健康局", "深化医疗协作", True) in got
    assert ("SUPPORTS_MEASURE", "浙商银行丽水分行", "推出共富贷产品", False) in got
    assert ("RESPONSIBLE_FOR", "松阳县供销社", "做强松阳银猴茶全产业链", False) in got


@pytest.mark.parametrize(("raw", "notes"), [
    # Several labelled lists in one note: each its own, no "配合单位:" left on a name.
    ("深化产业园建设。（责任单位：县发改局，配合单位：县经信局、县资规局）",
     [(["县发改局"], False), (["县经信局", "县资规局"], False)]),
    # Responsibility written as a clause: the unit in charge leads where another assists, or where it 牵头.
    ("推动轴承企业进入配套体系。此项工作由县经信局负责，县投资促进中心配合。",
     [(["县经信局"], True), (["县投资促进中心"], False)]),
    ("由县卫生健康局牵头负责。", [(["县卫生健康局"], True)]),
    # A partner leading a task is no responsible unit of the county (only its own units are).
    ("由鹿城区牵头组织鞋服企业向泰顺转移。", []),
])
def test_notes_written_in_other_ways(raw: str, notes: list[tuple[list[str], bool]]) -> None:
    assert [(n.names, n.lead) for _, _, n in notes_in(1, raw, ("常山县",), set())] == notes


def test_a_place_inside_a_banks_branch_name_is_not_a_supporter(gaz: Gazetteer, tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8").replace(
        "浙商银行丽水分行推出“共富贷”专属信贷产品", "中国农业银行余姚市分行推出“共富贷”专属信贷产品")
    path = tmp_path / "songyang_branch.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"id": path.stem, "round": "2025-2027"}
    doc = SourceDocument(path.stem, str(path), text, meta)
    res = action_plan.load(doc, Context(doc, gaz))
    loan = next(n.id for n in res.nodes if n.label == MEASURE and n.name == "推出共富贷产品")
    partners = {r.source for r in res.relations if r.type == "SUPPORTS_MEASURE" and r.target == loan}
    assert rid(gaz, "余姚市") not in partners  # 余姚市 supports the county elsewhere, not through its bank's name


@pytest.mark.parametrize(("text", "domain"), [
    ("共建胡柚、油茶良种繁育和提质增效示范基地", "domain:agriculture"),   # 良种, 繁育: seeds are farming
    ("推动开发区申报省级外贸转型升级基地，支持跨境电商出口", "domain:industry"),  # 外贸, 跨境电商: trade
])
def test_field_words_of_seeds_and_trade(gaz: Gazetteer, text: str, domain: str) -> None:
    doc = SourceDocument("x", "x", text, {"id": "x"})
    assert domain in Context(doc, gaz).domains_in(text)
