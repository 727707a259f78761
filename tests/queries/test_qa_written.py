"""Answers name parties as the cited documents write them; the reference's official name stays beside."""

from __future__ import annotations

from graph.store import GraphStore
from queries.qa import ask
from queries.qa_written import relative_forms, written_form


def test_written_form_rules() -> None:
    # The official name in a quote wins; else the longest alias a quote writes; else nothing changes.
    unit = ["（责任单位：省卫生健康委）"]
    assert written_form("浙江省卫生健康委员会", ["省卫生健康委", "省卫健委"], unit) == "省卫生健康委"
    assert written_form("浙江省卫生健康委员会", ["省卫生健康委"], ["浙江省卫生健康委员会牵头"]) is None
    assert written_form("浙江省卫生健康委员会", ["省卫生健康委"], ["别的单位"]) is None
    assert written_form("浙江省卫生健康委员会", ["省卫生健康委"], []) is None
    # A unit of a place is written relative to it in that place's own documents.
    assert relative_forms(["永嘉县发展和改革局", "永嘉县发改局"], "永嘉县") == ["县发展和改革局", "县发改局"]
    assert written_form("永嘉县发展和改革局", ["永嘉县发改局"], ["县发改局、县经信局"], "永嘉县") == "县发改局"
    assert relative_forms(["浙江省科学技术厅"], "") == []


def test_answers_show_the_documents_names(store: GraphStore) -> None:
    # YJ 附件2 五.4: "浙中医大二院、瓯海区、温州市中心医院" support the health measure.
    a = ask(store, "谁在医疗卫生方面帮扶永嘉县？")
    shown = {x["name"]: x.get("official_name") for x in a.answers}
    assert shown == {"浙中医大二院": "浙江中医药大学附属第二医院", "瓯海区": None, "温州市中心医院": None}
    # P26 §3.2: "（责任单位：省林业局…）": a provincial department as the plan writes it, regions unchanged.
    forest = ask(store, "山区林下经济由哪个单位牵头？")
    assert {x["name"] for x in forest.answers} & {"省林业局"}
    assert all(x["id"].startswith("org:") for x in forest.answers if x.get("official_name"))
    # Regions keep the reference's names even where a quote writes them short (龙游 for 龙游县).
    yxyy = ask(store, "哪个县的“一县一业”是特种纸？")
    assert [x["name"] for x in yxyy.answers] == ["龙游县"]
