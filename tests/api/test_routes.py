"""JSON routes through the real HTTP stack, on both stores; expectations written from the documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

YONGJIA = "region:yongjiaxian"
ZHONGYI_ERYUAN = "org:zhejiangzhongyiyaodaxuefushudieryiyuan"  # 浙江中医药大学附属第二医院 = 浙中医大二院


@pytest.mark.parametrize("name", ["永嘉县", "永嘉", "Yongjia", "yongjia", "温州市永嘉县", YONGJIA])
def test_region_lookup_accepts_every_form_of_name(client: TestClient, name: str) -> None:
    resp = client.get(f"/api/regions/{name}")
    assert resp.status_code == 200, resp.text
    assert resp.json()["region"]["id"] == YONGJIA


def test_supporters_of_yongjia_in_healthcare(client: TestClient) -> None:
    # Action plan L240 (健康永嘉): 依托浙中医大二院…; 对接瓯海区和浙中医大二院…; …温州市中心医院等社会资源.
    body = client.get("/api/regions/永嘉/supporters", params={"field": "医疗卫生"}).json()
    assert body["query"] == "supporters_of"
    assert body["params"]["field"] == "domain:healthcare"
    names = {s["name"] for s in body["items"]}
    assert names == {"瓯海区", "温州市中心医院", "浙江中医药大学附属第二医院"}
    hospital = next(s for s in body["items"] if s["id"] == ZHONGYI_ERYUAN)
    # Compact (the default): each support carries its own evidence, the supporter no union of them.
    evidence = [e for x in hospital["supports"] for e in x["evidence"]]
    assert "evidence" not in hospital
    assert "依托浙中医大二院" in " ".join(e["quote"] for e in evidence)
    assert all(e["document"] and e["locator"] for e in evidence)


def test_organization_by_abbreviation(client: TestClient) -> None:
    body = client.get("/api/organizations/浙中医大二院").json()
    assert body["organization"]["id"] == ZHONGYI_ERYUAN
    assert YONGJIA in {s["id"] for s in body["supports"]}


def test_supported_by_strong_county(client: TestClient) -> None:
    # 2021 pairing table, county rows: "17  温州市  永嘉县  温州市瓯海区".
    body = client.get("/api/supported-by/瓯海区", params={"round": "2021-provincial"}).json()
    yongjia = next(s for s in body["items"] if s["id"] == YONGJIA)
    assert any("永嘉县" in e["quote"] and "瓯海区" in e["quote"] for x in yongjia["supports"] for e in x["evidence"])


def test_pagination_walks_every_item_once(client: TestClient) -> None:
    full = client.get("/api/regions/永嘉县/supporters", params={"limit": 200}).json()
    assert full["next_cursor"] is None
    assert full["total"] == len(full["items"]) > 5
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 5} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/regions/永嘉县/supporters", params=params).json()
        assert page["total"] == full["total"] and page["limit"] == 5
        assert len(page["items"]) <= 5
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [s["id"] for s in full["items"]]


def test_ask(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "谁在医疗卫生方面帮扶永嘉县？"}).json()
    assert {"question", "interpretation", "answers", "query"} <= set(body)
    assert body["interpretation"]["entities"][0]["id"] == YONGJIA
    assert body["interpretation"]["domain"]["id"] == "domain:healthcare"
    assert ZHONGYI_ERYUAN in {a["id"] for a in body["answers"]}
    assert all(a["evidence"] for a in body["answers"])


def test_ask_says_when_the_graph_has_no_answer(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "What is the weather on Mars?"}).json()
    assert body["answers"] == []
    assert body["message"]


def test_stats_and_health(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    # 90 county-level units, 11 cities, the province and the group 山区26县 (regions.yaml), plus the
    # section outside Zhejiang: 7 provinces and 2 counties (木里, 九寨沟 — named by issue 13)
    assert stats["nodes"]["Region"] == 103 + 9
    assert stats["node_total"] == sum(stats["nodes"].values())
    assert stats["relationships_without_evidence"] == 0
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "store": {"kind": stats["store"], "reachable": True}}


def test_node_route_reaches_any_node_by_id(client: TestClient) -> None:
    body = client.get(f"/api/nodes/{ZHONGYI_ERYUAN}").json()
    assert body["name"] == "浙江中医药大学附属第二医院"
    rel = next(r for r in body["relationships"] if r["target"] == YONGJIA and r["type"] == "SUPPORTS")
    assert "domain:healthcare" in rel["domains"]


def test_openapi_documents_the_routes_with_examples(memory_client: TestClient) -> None:
    spec = memory_client.get("/openapi.json").json()
    for path in ("/api/regions/{name}", "/api/regions/{name}/supporters", "/api/ask", "/health",
                 "/api/export.csv", "/api/stats"):
        assert path in spec["paths"], path
    ok = spec["paths"]["/api/regions/{name}/supporters"]["get"]["responses"]
    assert "example" in ok["200"]["content"]["application/json"]
    assert ok["404"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorResponse")
    assert not any(p.startswith("/api/admin") for p in spec["paths"])
    docs = memory_client.get("/docs")
    assert docs.status_code == 200
    # Swagger UI comes from this server too, not from a CDN
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", docs.text) + re.findall(r"url: '([^']+)'", docs.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert memory_client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.fixture(scope="module")
def both(built: Path, memory_store: Any, neo4j_store: Any) -> Iterator[tuple[TestClient, TestClient]]:
    with TestClient(create_app(Settings(graph_dir=built), store=memory_store)) as m, \
            TestClient(create_app(Settings(backend="neo4j"), store=neo4j_store)) as n:
        yield m, n


@pytest.mark.neo4j
@pytest.mark.parametrize("path", [
    "/api/regions/永嘉县", "/api/regions/永嘉县/supporters?round=all&limit=200", "/api/organizations/浙中医大二院",
    "/api/supported-by/浙江省二轻集团", "/api/ask?q=Who supports Yongjia in health care?",
    "/api/nodes/region:kaihuaxian", "/api/export.json",
])
def test_both_stores_answer_identically(both: tuple[TestClient, TestClient], path: str) -> None:
    memory, neo4j = both
    assert memory.get(path).json() == neo4j.get(path).json()
