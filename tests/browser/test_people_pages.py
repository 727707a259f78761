"""The pages for people in Debian's headless Chromium: landing → region page → a quote → the source viewer;
the map's round filter; a heatmap cell's evidence; a county's network with its clusters opening.

Hand-written expectations: yongjia_action_plan_2025_2027.txt L174–L176 (瓯海区, 经济强县 “1对1”) and L240
(依托浙中医大二院); zhejiang_2021_pairing_guidance.txt L72 (丽水市 ← 宁波市、湖州市、嘉兴市).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from graph.reference import REPO_ROOT
from tests.browser.conftest import Server, settled, wait_for

pytestmark = pytest.mark.browser

DOCS = REPO_ROOT / "docs"
LOAD_MS = ("() => { const t = performance.getEntriesByType('navigation')[0];"
           " return t && t.loadEventEnd > 0 && t.loadEventEnd; }")
HOSPITAL = "org:zhejiangzhongyiyaodaxuefushudieryiyuan"  # 浙中医大二院
TIMES: dict[str, float] = {}


def loaded(page: Any, name: str) -> float:
    ms: float = wait_for(page, LOAD_MS)
    TIMES[name] = round(ms)
    return ms


def screenshot(page: Any, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("SHANHAI_UPDATE_SCREENSHOT") == "1":
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS / name)


def test_landing_to_region_to_quote_to_source(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url("/"))
    page.fill("input[name=q]", "永嘉")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/regions/region%3Ayongjiaxian")
    loaded(page, "/regions/永嘉县")
    assert page.locator("h1").inner_text().startswith("永嘉县")
    partners = page.locator("#partners")
    assert "瓯海区" in partners.inner_text() and "浙江省二轻集团" in partners.inner_text()
    screenshot(page, tmp_path, "screenshot-region-yongjia.png")
    # the 2025–2027 strong-county quote (L174–L176) opens the source at that place
    link = page.locator("#partners a.ev-link", has_text="L174").first
    link.click()
    page.wait_for_url("**/documents/yj-2025-2027-action-plan?hl=**")  # the locator keeps its "/" (an IRI)
    loaded(page, "/documents/… (from a fact)")
    state = wait_for(page, "() => window.shanhaiSource")
    assert state == {"scrolledTo": "L174", "marked": True}
    marks = page.locator("#source .hl mark").all_inner_texts()
    assert any("永嘉与瓯海区" in m for m in marks), marks
    # the highlighted line is in view
    assert page.evaluate("""() => { const r = document.getElementById('L174').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""")
    screenshot(page, tmp_path, "screenshot-source-viewer.png")


def test_organization_page_and_names_link_on(page: Any, server: Server) -> None:
    page.goto(server.url("/organizations/浙中医大二院"))
    loaded(page, "/organizations/浙中医大二院")
    assert page.locator("h1").inner_text() == "浙江中医药大学附属第二医院"
    page.locator('#supports a[href^="/regions/"]', has_text="永嘉县").first.click()
    page.wait_for_url("**/regions/region%3Ayongjiaxian")


def test_map_filter_by_round(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url("/map"))
    loaded(page, "/map")
    assert page.locator("#map a.tile").count() == 90
    page.select_option("select[name=round]", "2021-provincial")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/map?round=2021-provincial*")
    loaded(page, "/map?round=2021-provincial")
    rows = page.locator("#pairings-table tbody tr").all_inner_texts()
    assert any(r.startswith("宁波市\t丽水市") for r in rows), rows[:5]
    assert all("2021-provincial" in r for r in rows)
    assert page.locator("#map line").count() > 0
    screenshot(page, tmp_path, "screenshot-map.png")
    # a tile is a link to its region page, reachable from the keyboard
    tile = page.locator('#map a.tile[data-id="region:yongjiaxian"]')
    tile.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/region%3Ayongjiaxian")


def test_heatmap_cell_shows_its_evidence(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url("/coverage"))
    loaded(page, "/coverage")
    assert page.locator("#heatmap tbody tr").count() == 26
    page.locator('#heatmap a[aria-label^="永嘉县 × 医疗卫生"]').click()
    page.wait_for_url("**/coverage?county=region%3Ayongjiaxian&field=domain%3Ahealthcare#detail")
    detail = page.locator("#detail").inner_text()
    for name in ("浙江中医药大学附属第二医院", "温州市中心医院", "瓯海区"):
        assert name in detail, name
    assert "依托浙中医大二院" in detail  # the L240 quote
    screenshot(page, tmp_path, "screenshot-coverage.png")


def test_county_network_clusters_open(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url("/viz/永嘉县"))
    TIMES["/viz/永嘉县 (clustered)"] = round(settled(page))
    closed = page.evaluate("() => window.shanhai.closedClusters()")
    assert "cluster:domain:healthcare" in closed
    # partners are drawn as themselves, not inside a box
    assert page.evaluate(f"() => window.shanhai.network.findNode('{HOSPITAL}').length") == 1
    labels = page.evaluate("() => window.shanhai.nodes.get().filter(n => n.type === 'Measure').map(n => n.label)")
    assert labels and all(x.strip() == "" for x in labels)  # measures unlabelled by default
    pos = page.evaluate("""() => window.shanhai.network.canvasToDOM(
        window.shanhai.network.getPositions(['cluster:domain:healthcare'])['cluster:domain:healthcare'])""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    wait_for(page, "() => window.shanhai.closedClusters().indexOf('cluster:domain:healthcare') < 0")
    assert "cluster:domain:healthcare" in page.evaluate("() => window.shanhai.state.openedClusters")
    page.check("#all-labels")
    labels = page.evaluate("() => window.shanhai.nodes.get().filter(n => n.type === 'Measure').map(n => n.label)")
    assert all(x.strip() for x in labels)
    screenshot(page, tmp_path, "screenshot-viz-clusters.png")
    page.goto(server.url("/viz/永嘉县?layout=layered"))
    TIMES["/viz/永嘉县?layout=layered"] = round(settled(page))


def test_phone_width_has_no_sideways_scroll(browser: Any, server: Server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    pg = context.new_page()
    try:
        for path in ("/regions/永嘉县", "/map", "/coverage", "/documents/zj-2021-pairing-guidance?hl=L118"):
            pg.goto(server.url(path))
            wide = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 1, (path, wide)
    finally:
        context.close()


def test_print_settle_times() -> None:
    """Measured, not asserted: ms from navigation start to load (pages) or to a settled layout (networks)."""
    print("page ms:", json.dumps(TIMES, ensure_ascii=False))
