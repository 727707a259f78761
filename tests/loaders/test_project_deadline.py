"""A project list with a deadline column (计划完成时间, 完成时限) instead of a period: the deadline ends the
work and says nothing of its start. Plan text made up for the test; expectations read off its rows."""

from __future__ import annotations

from graph.gazetteer import Gazetteer
from graph.reference import load_reference
from loaders import action_plan
from loaders.base import Context, SourceDocument
from loaders.headers import Columns, header_key

PLAN = ("遂昌县山海协作结对帮扶三年行动计划（2025—2027年）\n\n附件1：重点项目清单\n\n"
        "\t序号\n\t项目名称\n\t计划完成时间\n\t总投资（万元）\n\t结对方\n\t责任单位\n\n"
        "\t1\n\t金矿遗址研学基地\n\t2026年6月\n\t4500\n\t余姚市\n\t县文广旅体局\n"
        "\t2\n\t湖山乡竹产业加工园\n\t2025—2027年\n\t12000\n\t余姚市\n\t县经信局\n")


def test_deadline_is_the_end_of_the_work() -> None:
    assert Columns([header_key(h) for h in ("完成时限", "计划完成时间", "建设年限")]).roles == \
        ["deadline", "deadline", "period"]
    gaz = Gazetteer(load_reference())
    doc = SourceDocument("sc", "sc.txt", PLAN, {"id": "sc", "round": "2025-2027", "subject": "遂昌县"})
    result = action_plan.load(doc, Context(doc, gaz))
    projects = {n.name: n.props for n in result.nodes if n.label == "Project"}
    base = projects["金矿遗址研学基地"]
    assert (base.get("deadline"), base.get("end_year"), base.get("start_year")) == ("2026年6月", 2026, None)
    assert base["investment_yi"] == 0.45
    # a span typed into the deadline column still ends in its last year
    assert projects["湖山乡竹产业加工园"]["end_year"] == 2027
