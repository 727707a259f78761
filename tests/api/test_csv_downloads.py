"""`format=csv` on the list routes and the flat pairings table: BOM, header, one row per item, evidence columns.

Expected rows written from the documents: zhejiang_2021_pairing_guidance.txt L118 "17 温州市 永嘉县 温州市瓯海区"
and L72 "2 丽水市 宁波市、湖州市、嘉兴市"; yongjia_action_plan_2025_2027.txt L171–L179 (省自然资源厅、
省委党史和文献研究室、省煤炭地质院 via the provincial leader; 瓯海区; 省二轻集团) and L237/L240 (schools, hospitals).
"""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

BOM = b"\xef\xbb\xbf"
PAIRING_HEADER = ["supporter", "supporter_id", "recipient", "recipient_id", "level", "mechanism", "fields", "round",
                  "document", "locator", "quote"]


def read_csv(resp: object) -> list[dict[str, str]]:
    body: bytes = resp.content  # type: ignore[attr-defined]
    assert body.startswith(BOM), "UTF-8 with a BOM, for Excel"
    assert resp.headers["content-type"].startswith("text/csv")  # type: ignore[attr-defined]
    assert "attachment" in resp.headers["content-disposition"]  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(body[3:].decode("utf-8"))))


def test_pairings_csv_has_the_yongjia_rows_by_round(client: TestClient) -> None:
    resp = client.get("/api/pairings.csv")
    assert resp.content[3:].decode("utf-8").splitlines()[0].split(",") == PAIRING_HEADER
    rows = read_csv(resp)
    yongjia = {(r["supporter"], r["mechanism"], r["round"]) for r in rows if r["recipient"] == "永嘉县"}
    assert {("瓯海区", "county_pairing", "2021-provincial"), ("瓯海区", "county_pairing", "2025-2027"),
            ("瓯海区", "county_pairing", "2018-wenzhou"),
            ("浙江省自然资源厅", "leader_contact", "2025-2027"),
            ("中共浙江省委党史和文献研究室", "leader_contact", "2025-2027"),
            ("浙江省煤炭地质院", "leader_contact", "2025-2027"),
            ("浙江省二轻集团", "soe_pairing", "2025-2027")} <= yongjia
    table_row = next(r for r in rows if r["recipient"] == "永嘉县" and r["round"] == "2021-provincial")
    assert table_row["document"] == "zj-2021-pairing-guidance"
    assert table_row["locator"].endswith("L118")
    assert table_row["quote"] == "17\t温州市\t永嘉县\t温州市瓯海区"
    assert table_row["recipient_id"] == "region:yongjiaxian" and table_row["level"] == "county"
    lishui = {r["supporter"] for r in rows if r["recipient"] == "丽水市" and r["level"] == "city"}
    assert lishui == {"宁波市", "湖州市", "嘉兴市"}


def test_pairings_format_csv_filters_by_round(client: TestClient) -> None:
    rows = read_csv(client.get("/api/pairings", params={"format": "csv", "round": "2021-provincial"}))
    assert rows and {r["round"] for r in rows} == {"2021-provincial"}
    assert all(r["document"] != "yj-2025-2027-action-plan" for r in rows)


def test_supporters_csv_one_row_per_supporter(client: TestClient) -> None:
    rows = read_csv(client.get("/api/regions/永嘉县/supporters", params={"format": "csv", "round": "all"}))
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    assert {"瓯海区", "浙江省自然资源厅", "浙江省二轻集团", "海宁市高级中学", "浙江省平湖中学",
            "浙江中医药大学附属第二医院", "温州市中心医院"} <= set(names)
    hospital = next(r for r in rows if r["name"] == "浙江中医药大学附属第二医院")
    assert "医疗卫生" in hospital["fields"].split("；")
    docs, locs = (hospital[k].split("\n") for k in ("document", "locator"))
    assert len(docs) == len(locs) and "yj-2025-2027-action-plan" in docs
    assert "依托浙中医大二院" in hospital["quote"]  # L240
    # the JSON default is unchanged: a page of items
    page = client.get("/api/regions/永嘉县/supporters").json()
    assert set(page) >= {"items", "total", "limit", "next_cursor"}


def test_every_list_route_answers_csv(client: TestClient) -> None:
    for path, params in (("/api/supported-by/瓯海区", {}), ("/api/projects", {"region": "永嘉县"}),
                         ("/api/measures", {"region": "永嘉县", "field": "医疗卫生"}),
                         ("/api/search", {"q": "yongjia"}), ("/api/reach", {}), ("/api/coverage", {})):
        rows = read_csv(client.get(path, params={**params, "format": "csv"}))
        assert rows, path
        assert list(rows[0])[-3:] == ["document", "locator", "quote"], path
    measures = read_csv(client.get("/api/measures", params={"region": "永嘉县", "field": "医疗卫生", "format": "csv"}))
    row = next(r for r in measures if "浙中医大二院、瓯海区、温州市中心医院" in r["supporting_units"])
    assert row["responsible_units"] == "县卫生健康局"
    coverage = read_csv(client.get("/api/coverage", params={"format": "csv"}))
    assert len(coverage) == 26 * len({r["field_id"] for r in coverage})
    cell = next(r for r in coverage if r["county"] == "永嘉县" and r["field"] == "医疗卫生")
    assert {"浙江中医药大学附属第二医院", "温州市中心医院", "瓯海区"} <= set(cell["supporter_names"].split("；"))


def test_csv_is_documented_in_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/regions/{name}/supporters", "/api/supported-by/{name}", "/api/pairings", "/api/projects",
                 "/api/measures", "/api/search", "/api/reach", "/api/coverage"):
        op = paths[path]["get"]
        assert "text/csv" in op["responses"]["200"]["content"], path
        assert any(p["name"] == "format" for p in op["parameters"]), path
    assert "text/csv" in paths["/api/pairings.csv"]["get"]["responses"]["200"]["content"]
