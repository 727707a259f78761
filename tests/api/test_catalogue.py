"""The query catalogue over HTTP, on both stores; expectations written from the documents."""

from __future__ import annotations

from fastapi.testclient import TestClient

YONGJIA = "region:yongjiaxian"


def test_city_pairings_of_the_2021_table(client: TestClient) -> None:
    # 浙山海办〔2021〕1号 city table: "1 衢州市 杭州市、绍兴市", "2 丽水市 宁波市、湖州市、嘉兴市";
    # 温州、金华、台州 pair inside the city, so they have no city-level row.
    body = client.get("/api/pairings", params={"level": "city", "round": "2021-provincial"}).json()
    rows = {r["recipient"]["name"]: {s["name"] for s in r["supporters"]} for r in body["items"]}
    assert rows == {"衢州市": {"杭州市", "绍兴市"}, "丽水市": {"宁波市", "湖州市", "嘉兴市"}}
    assert body["total"] == 2 and body["next_cursor"] is None


def test_county_pairings_page_through_all_26(client: TestClient) -> None:
    first = client.get("/api/pairings", params={"level": "county", "round": "2021-provincial", "limit": 20}).json()
    assert first["total"] == 26 and len(first["items"]) == 20
    rest = client.get("/api/pairings", params={"level": "county", "round": "2021-provincial", "limit": 20,
                                               "cursor": first["next_cursor"]}).json()
    assert len(rest["items"]) == 6 and rest["next_cursor"] is None


def test_rounds_diff_shows_the_1_to_4_partners(client: TestClient) -> None:
    # Yongjia action plan L177-L179: 充分发挥省二轻集团等国有平台资源整合优势 (the 国企 "1对1" partner).
    body = client.get("/api/rounds/diff", params={"a": "2021-provincial", "b": "2025-2027"}).json()
    added = {(c["recipient"]["id"], c["supporter"]["name"]) for c in body["added"]}
    assert (YONGJIA, "浙江省二轻集团") in added


def test_path_between_hospital_and_strong_county(client: TestClient) -> None:
    body = client.get("/api/path", params={"a": "浙中医大二院", "b": "瓯海区"}).json()
    assert body["found"] is True and body["hops"] == 2
    assert body["steps"][0]["to"]["id"] == YONGJIA
    assert all(step["evidence"] for step in body["steps"])


def test_neighborhood_is_bounded(client: TestClient) -> None:
    body = client.get("/api/neighborhood/永嘉", params={"depth": 1, "limit": 5}).json()
    assert body["center"]["id"] == YONGJIA
    assert len(body["nodes"]) == 5 and body["truncated"] is True
    only_orgs = client.get("/api/neighborhood/永嘉", params={"labels": "Organization", "limit": 200}).json()
    assert {n["type"] for n in only_orgs["nodes"]} == {"Region", "Organization"}  # the center is a Region


def test_search_by_pinyin(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "yongjia", "limit": 2}).json()
    assert body["items"][0]["id"] == YONGJIA
    assert len(body["items"]) == 2 and body["next_cursor"] is not None and body["matches"] >= body["total"]


def test_projects_and_measures_of_yongjia(client: TestClient) -> None:
    projects = client.get("/api/projects", params={"region": "永嘉县", "limit": 200}).json()
    assert "温州弗迪新能源动力电池建设项目" in {p["name"] for p in projects["items"]}  # annex 1, major projects
    measures = client.get("/api/measures", params={"region": "永嘉县", "field": "医疗卫生", "limit": 200}).json()
    names = {m["name"] for m in measures["items"]}
    # L240 "2.持续推进健康永嘉建设" and annex 2 row 五.4 "深化紧密型医共体与“山海”提升工程"
    assert {"持续推进健康永嘉建设", "深化紧密型医共体与“山海”提升工程"} <= names


def test_coverage_of_education(client: TestClient) -> None:
    body = client.get("/api/coverage", params={"field": "教育"}).json()
    assert len(body["counties"]) == 26
    gaps = {c["id"] for c in body["gaps"]["domain:education"]}
    assert YONGJIA not in gaps  # L237: 永嘉县第二高级中学与海宁市高级中学 … 结对


def test_reach_ranks_supporters(client: TestClient) -> None:
    body = client.get("/api/reach", params={"limit": 200}).json()
    ids = [s["id"] for s in body["items"]]
    assert "region:ouhaiqu" in ids and body["total"] == len(ids)
