"""projects and measures with their filters, by hand from the Yongjia annexes and the Wenzhou park table."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.errors import NotFound
from queries.projects import measures, projects
from tests.queries.test_region_profile import YONGJIA_PROJECTS

PARKS = {"永嘉-瓯海生态旅游文化产业园", "苍南-龙湾生态旅游文化产业园", "文成-瑞安生态旅游文化产业园",
         "泰顺-鹿城生态旅游文化产业园", "平阳-乐清生态旅游文化产业园"}


def names(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["name"]) for r in rows}


def test_projects_by_region_owner_supporter_field(store: GraphStore) -> None:
    assert names(projects(store, region="永嘉县").items) == YONGJIA_PROJECTS
    owned = projects(store, owner="贝旺集团有限公司").items
    assert names(owned) == {"贝旺集团有限公司年产600万套声光电子教学仪器项目（桥下镇工202307地块）"}
    assert owned[0]["code"] == "23073303240401457893" and owned[0]["investment_yi"] == pytest.approx(3.0283)
    assert names(projects(store, supporter="瓯海区").items) == {"永嘉-瓯海生态旅游文化产业园", "瓯海—永嘉产业飞地"}
    assert names(projects(store, field="tourism_culture").items) >= PARKS
    park = next(r for r in projects(store, region="泰顺县").items if r["name"] == "泰顺-鹿城生态旅游文化产业园")
    assert {s["name"] for s in park["supporters"]} == {"鹿城区"} and park["evidence"]


def test_measures_by_region_field_supporter_responsible(store: GraphStore) -> None:
    health = measures(store, region="永嘉", field="医疗卫生").items
    row = next(m for m in health if m["name"] == "深化紧密型医共体与“山海”提升工程")  # Annex 2 row 五.4
    assert {s["name"] for s in row["supporters"]} == {"浙江中医药大学附属第二医院", "瓯海区", "温州市中心医院"}
    assert {s["name"] for s in row["responsible"]} == {"永嘉县卫生健康局"}
    assert "domain:healthcare" in row["domains"]
    # 平安银行杭州分行 backs 强化消费帮扶支持 (四.6) and 深化慈善帮扶与社会救助 (五.6), in the annex and the text.
    assert names(measures(store, supporter="平安银行杭州分行").items) == {"强化消费帮扶支持", "深化慈善帮扶与社会救助"}
    assert "深化紧密型医共体与“山海”提升工程" in names(measures(store, responsible="永嘉县卫生健康局").items)


def test_unknown_party(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        projects(store, owner="不存在的公司")
