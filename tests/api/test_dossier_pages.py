"""The pages for people through the HTTP stack on both stores: dossiers, the source viewer, map, coverage.

Expectations written from the documents (line numbers of data/sources/…):
- yongjia_action_plan_2025_2027.txt L171–L179: 省领导联系 via 省自然资源厅、省委党史和文献研究室、省煤炭地质院;
  经济强县 瓯海区; 国企 省二轻集团. L240: 依托浙中医大二院 (healthcare). Key-measures row ending L653–L654:
  帮扶单位 浙中医大二院、瓯海区、温州市中心医院, 责任部门 县卫生健康局.
- zhejiang_2021_pairing_guidance.txt L118 "17 温州市 永嘉县 温州市瓯海区"; L72 "2 丽水市 宁波市、湖州市、嘉兴市".
- zhejiang_26_counties_plan_2021_2025.txt L10: 永嘉县 is 跨越发展类; L220: 永嘉泵阀 (一县一业).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

HTML = {"Accept": "text/html"}
HL_L240 = "/documents/yj-2025-2027-action-plan?hl="


def test_region_page_is_a_dossier_with_quotes_and_links(client: TestClient) -> None:
    resp = client.get("/regions/永嘉县")
    assert resp.status_code == 200
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    html = resp.text
    assert "跨越发展类" in html and "泵阀" in html
    assert "温州市" in html and "山区26县" in html
    partners = html.split('id="partners"')[1].split('id="supporters"')[0]
    for name in ("瓯海区", "浙江省自然资源厅", "浙江省二轻集团", "中共浙江省委党史和文献研究室", "浙江省煤炭地质院"):
        assert name in partners, name
    # the three rounds of 瓯海区 → 永嘉县: 2018 Wenzhou, the 2021 table, the 2025–2027 plan
    for rnd in ("2018-wenzhou", "2021-provincial", "2025-2027"):
        assert f"<small>{rnd}</small>" in partners, rnd
    assert "经济强县结对" in partners and "省领导联系" in partners and "省属国企结对" in partners
    # every quote links to the source viewer at its locator; names link to the dossiers
    assert "/documents/zj-2021-pairing-guidance?hl=county%20table/L118" in html  # the IRI form of api.links
    assert 'href="/organizations/org%3Azhejiangshengerqingjituan"' in html
    assert 'href="/regions/region%3Aouhaiqu"' in html
    measures = html.split('id="measures"')[1]
    assert "浙中医大二院、瓯海区、温州市中心医院" in measures and "县卫生健康局" in measures
    assert 'id="projects"' in html
    assert "format=csv" in html


def test_region_page_accepts_any_name_and_suggests_on_unknown(client: TestClient) -> None:
    assert client.get("/regions/Yongjia").status_code == 200
    assert client.get("/regions/region:yongjiaxian").status_code == 200
    resp = client.get("/regions/永加县", headers=HTML)
    assert resp.status_code == 404
    assert 'href="/regions/region:yongjiaxian"' in resp.text
    assert client.get("/regions/浙中医大二院", headers=HTML).status_code == 404  # an organisation, not a region


def test_organization_page_shows_whom_and_how(client: TestClient) -> None:
    resp = client.get("/organizations/浙中医大二院")
    assert resp.status_code == 200
    html = resp.text
    assert "浙江中医药大学附属第二医院" in html
    supports = html.split('id="supports"')[1]
    assert 'href="/regions/region%3Ayongjiaxian"' in supports
    assert "医疗卫生" in supports
    assert "依托浙中医大二院" in html  # the L240 quote
    assert "县卫生健康局" in html  # the measure's 责任部门


def test_page_links_to_evidence_are_iris_like_the_api(client: TestClient) -> None:
    # The key-measures table (附件2：山海协作重点举措清单（2025-2027年）, L392) row 五.4: 帮扶单位 at L653.
    locator = "附件2:山海协作重点举措清单(2025-2027年)/row 五.4/帮扶单位 (L653)"
    link = "/documents/yj-2025-2027-action-plan?hl=附件2:山海协作重点举措清单(2025-2027年)/row%20五.4/帮扶单位%20(L653)"
    html = client.get("/organizations/浙中医大二院").text
    assert f'href="{link}"' in html  # Chinese as it is, the spaces percent-encoded
    assert quote(locator, safe="") not in html  # no longer the whole locator percent-encoded
    api = client.get("/api/organizations/浙中医大二院").json()
    assert link in {e["url"] for s in api["supports"] for x in s["supports"] for e in x["evidence"]}
    # followed as a browser would (the client percent-encodes the rest), it opens the viewer at L653
    row = re.search(r'<tr class="line hl" id="L653">(.*?)</tr>', client.get(link).text, re.S)
    assert row and "温州市中心医院" in row.group(1)


def test_ask_page_links_evidence_to_the_viewer_at_its_place(client: TestClient) -> None:
    html = client.get("/ask", params={"q": "谁在医疗卫生方面帮扶永嘉县？"}).text
    assert 'class="source" href="/documents/yj-2025-2027-action-plan?hl=' in html
    assert "?locator=" not in html  # the viewer reads `hl`


def test_source_viewer_marks_the_quoted_span(client: TestClient) -> None:
    region = client.get("/api/regions/永嘉县").json()
    # find the L240 healthcare evidence through the API, then open its permalink
    ev = next(e for g in region["supporters"] for s in g["supporters"] for e in s["evidence"]
              if "依托浙中医大二院" in e["quote"])
    resp = client.get(HL_L240 + quote(ev["locator"], safe=""))
    assert resp.status_code == 200
    html = resp.text
    line = re.search(r'<div class="line hl" id="L240">(.*?)</div>', html, re.S)
    assert line, "line 240 is highlighted"
    assert "<mark>" in line.group(1) and "依托浙中医大二院" in line.group(1)
    assert 'data-first="L240"' in html
    assert '<script src="/static/document.js"></script>' in html
    assert html.count('class="ln"') > 600  # every line numbered


def test_source_viewer_tables_and_reference_data(client: TestClient) -> None:
    html = client.get("/documents/zj-2021-pairing-guidance?hl=" + quote("county table/L118", safe="")).text
    row = re.search(r'<tr class="line hl" id="L118">(.*?)</tr>', html, re.S)
    assert row, "L118 is a highlighted table row"
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert [re.sub(r"</?mark>", "", c) for c in cells] == ["17", "温州市", "永嘉县", "温州市瓯海区"]
    ref = client.get("/documents/ref:regions?hl=" + quote("regions.yaml/杭州市", safe=""))
    assert ref.status_code == 200 and "杭州市" in ref.text and "<mark>" in ref.text


def test_source_viewer_reads_only_documents_of_the_graph(client: TestClient) -> None:
    for bad in ("..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "%2E%2E", "sources.yaml",
                "doc%3A..%2Fpyproject.toml"):
        resp = client.get(f"/documents/{bad}", headers=HTML)
        assert resp.status_code == 404, bad
        assert "root:" not in resp.text and "[project]" not in resp.text
    assert client.get("/documents/nothing-like-this", headers={"Accept": "application/json"}).json()[
        "error"]["code"] == "not_found"


def test_map_draws_every_unit_and_filters_by_round(client: TestClient) -> None:
    html = client.get("/map").text
    assert html.count('<a href="/regions/') >= 90
    assert html.count('class="tile mountain') == 26
    assert '<svg id="map"' in html and "<desc" in html and 'id="pairings-table"' in html
    table = client.get("/map", params={"round": "2021-provincial"}).text.split('id="pairings-table"')[1]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", table, re.S)
    pairs = {(re.sub("<[^>]+>", "", a), re.sub("<[^>]+>", "", b), d) for a, b, _, d in rows}
    assert ("瓯海区", "永嘉县", "2021-provincial") in pairs
    assert {("宁波市", "丽水市", "2021-provincial"), ("湖州市", "丽水市", "2021-provincial"),
            ("嘉兴市", "丽水市", "2021-provincial")} <= pairs
    wenzhou = client.get("/map", params={"round": "2018-wenzhou"}).text.split('id="pairings-table"')[1]
    assert "瓯海区" in wenzhou and "丽水市" not in wenzhou  # the 2018 round is Wenzhou's own
    assert client.get("/map", params={"round": "1999"}, headers=HTML).status_code == 400
    assert client.get("/map", params={"mechanism": "nonsense"}, headers=HTML).status_code == 400


def test_map_field_and_mechanism_filters(client: TestClient) -> None:
    health = client.get("/map", params={"field": "医疗卫生", "round": "all"}).text.split('id="pairings-table"')[1]
    assert "浙江中医药大学附属第二医院" in health and "温州市中心医院" in health
    county = client.get("/map", params={"mechanism": "city_pairing", "round": "all"}).text
    assert "经济强县结对" not in county.split('id="pairings-table"')[1]


def test_coverage_heatmap_and_a_cell(client: TestClient) -> None:
    html = client.get("/coverage").text
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == 26
    assert "永嘉县" in body and 'class="c0' in body  # some cells are empty and marked
    cell = client.get("/coverage", params={"county": "永嘉县", "field": "医疗卫生"}).text
    detail = cell.split('id="detail"')[1].split("</section>")[0]
    for name in ("浙江中医药大学附属第二医院", "温州市中心医院", "瓯海区"):
        assert name in detail, name
    assert "/documents/yj-2025-2027-action-plan?hl=" in detail


def test_viz_groups_items_into_clusters_and_offers_a_layered_layout(client: TestClient) -> None:
    html = client.get("/viz/永嘉县").text
    assert '"clusters":[' in html and "domain:healthcare" in html
    assert 'id="all-labels"' in html
    layered = client.get("/viz/永嘉县", params={"layout": "layered"}).text
    assert '"hierarchical"' in layered


def test_names_that_are_markup_stay_text_on_every_page() -> None:
    from api.app import create_app
    from api.settings import Settings
    from tests.api.conftest import tiny_store

    with TestClient(create_app(Settings(), store=tiny_store())) as c:
        for path in ("/regions/甲县", "/organizations/org:evil", "/map?round=all", "/coverage",
                     "/coverage?county=甲县&field=x", "/documents/tiny-doc?hl=L1"):
            resp = c.get(path, headers=HTML)
            assert resp.status_code in (200, 400, 404), path
            assert "<script>window.__pwned" not in resp.text, path
            assert "<img src=x" not in resp.text, path
        region = c.get("/regions/甲县").text
        assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in region
