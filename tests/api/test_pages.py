"""The HTML pages over HTTP: content from the graph, everything served locally, names escaped."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.conftest import tiny_store

# The 26 mountain counties by city, as the 2021 pairing table and the 26-county plan list them.
MOUNTAIN_BY_CITY = {
    "杭州市": {"淳安县"},
    "温州市": {"永嘉县", "平阳县", "苍南县", "文成县", "泰顺县"},
    "金华市": {"武义县", "磐安县"},
    "衢州市": {"柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市"},
    "台州市": {"三门县", "天台县", "仙居县"},
    "丽水市": {"莲都区", "龙泉市", "青田县", "云和县", "庆元县", "缙云县", "遂昌县", "松阳县", "景宁畲族自治县"},
}


def data_block(html: str, element_id: str) -> Any:
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert m, element_id
    return json.loads(m.group(1))


def test_landing_lists_the_26_counties_by_city_and_category(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    html = resp.text
    assert sum(len(v) for v in MOUNTAIN_BY_CITY.values()) == 26
    by_city = html.split('id="by-city"')[1].split('id="by-category"')[0]
    for city, counties in MOUNTAIN_BY_CITY.items():
        block = by_city.split(f">{city}</a>")[1].split('class="group"')[0]
        found = set(re.findall(r'<a href="/regions/[^"]+" title="[^"]*">([^<]+)</a>', block))
        assert found == counties, city
    by_category = html.split('id="by-category"')[1]
    # 26-county plan: 15 跨越发展类 and 11 生态发展类
    assert re.search(r"跨越发展类\s*<small>\(15\)</small>", by_category)
    assert re.search(r"生态发展类\s*<small>\(11\)</small>", by_category)
    assert 'action="/find"' in html


def test_viz_node_page_carries_the_neighbourhood(client: TestClient) -> None:
    resp = client.get("/viz/永嘉", params={"depth": 1})
    assert resp.status_code == 200
    graph = data_block(resp.text, "graph-data")
    page = data_block(resp.text, "page-data")
    assert page["focus"] == "region:yongjiaxian" and page["depth"] == 1
    names = {n["name"] for n in graph["nodes"]}
    assert {"永嘉县", "瓯海区", "浙江中医药大学附属第二医院", "浙江省二轻集团", "海宁市高级中学"} <= names
    edge = next(e for e in graph["edges"]
                if e["from"] == "org:zhejiangzhongyiyaodaxuefushudieryiyuan" and e["to"] == "region:yongjiaxian")
    assert "domain:healthcare" in edge["domains"] and edge["evidence"][0]["quote"]
    assert graph["options"]["physics"]["stabilization"]["enabled"] is True
    assert {d["id"] for d in page["domains"]} >= {"domain:healthcare", "domain:education"}


def test_viz_depth_two_is_larger_and_bounded(client: TestClient) -> None:
    one = data_block(client.get("/viz/永嘉县?depth=1").text, "graph-data")
    two = data_block(client.get("/viz/永嘉县?depth=2&limit=50").text, "graph-data")
    assert len(two["nodes"]) == 50 < len(data_block(client.get("/viz/永嘉县?depth=2").text, "graph-data")["nodes"])
    assert len(one["nodes"]) < 300


def test_whole_network_is_bounded(client: TestClient) -> None:
    page = data_block(client.get("/viz?limit=40").text, "page-data")
    assert page["shown"] == 40 and page["truncated"] is True


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/", "/viz", "/viz/永嘉县"):
        resp = client.get(path)
        assert "default-src 'self'" in resp.headers["content-security-policy"]
        refs = re.findall(r'(?:src|href)="([^"]+)"', resp.text)
        assert refs and all(r.startswith("/") or r.startswith("?") for r in refs), refs
    js = client.get("/static/vendor/vis-network-9.1.2/vis-network.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert client.get("/static/vendor/vis-network-9.1.2/vis-network.css").status_code == 200
    assert client.get("/static/viz.js").status_code == 200


def test_pyvis_writes_nothing_into_the_working_directory(client: TestClient, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert client.get("/viz/开化县").status_code == 200
    assert os.listdir(tmp_path) == []


def test_find_redirects_to_the_node(client: TestClient) -> None:
    resp = client.get("/find", params={"q": "Yongjia"}, follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"] == "/viz/region:yongjiaxian"


def test_html_and_script_payloads_in_names_stay_text() -> None:
    with TestClient(create_app(Settings(), store=tiny_store())) as c:
        html = c.get("/viz/region:jiaxian").text
        landing = c.get("/").text
    # No payload closes the data block or becomes markup …
    assert "</script><script>window.__pwned" not in html
    assert "<img src=x" not in html and "<img src=x" not in landing
    # … and the data still holds the exact names.
    names = {n["name"] for n in data_block(html, "graph-data")["nodes"]}
    assert "</script><script>window.__pwned=1</script>" in names
    assert "甲县" in landing and "乙县&lt;script&gt;alert(1)&lt;/script&gt;" in landing
