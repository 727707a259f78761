"""The pages in a real headless Chromium against a real `shanhai serve`: drawing, filters, evidence, safety."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from graph import snapshot
from graph.reference import REPO_ROOT
from tests.api.conftest import tiny_store
from tests.browser.conftest import Server, settled, start_server, stop_server, wait_for

pytestmark = pytest.mark.browser

YONGJIA = "region:yongjiaxian"
HOSPITAL = "org:zhejiangzhongyiyaodaxuefushudieryiyuan"  # 浙中医大二院
SCREENSHOT = REPO_ROOT / "docs" / "screenshot-viz-yongjia.png"

# Written from the Yongjia action plan 2025–2027 (line numbers of data/sources/yongjia_action_plan_2025_2027.txt):
# L10/L174 瓯海区 (经济强县), L173 省自然资源厅 (省领导联系点), L178 省二轻集团 (国企), L237 海宁市高级中学 and
# 平湖中学 (education), L240 浙中医大二院 and 温州市中心医院 (healthcare).
YONGJIA_SUPPORTERS = {"瓯海区", "浙江省自然资源厅", "浙江省二轻集团", "海宁市高级中学", "浙江省平湖中学",
                      "浙江中医药大学附属第二医院", "温州市中心医院"}
HEALTHCARE = {"瓯海区", "浙江中医药大学附属第二医院", "温州市中心医院"}  # named in the L240 paragraph
NOT_HEALTHCARE = {"海宁市高级中学", "浙江省平湖中学", "浙江省二轻集团"}


def visible_names(page: Any) -> set[str]:
    names: list[str] = page.evaluate(
        "() => window.shanhai.nodes.get({filter: n => !n.hidden}).map(n => n.name)")
    return set(names)


def open_viz(page: Any, server: Server, name: str, query: str = "") -> float:
    page.goto(server.url(f"/viz/{quote(name, safe='')}{query}"))
    return settled(page)


def test_landing_page_lists_counties_and_searches(page: Any, server: Server) -> None:
    page.goto(server.url("/"))
    assert page.locator("h1").inner_text().startswith("山海协作")
    assert page.locator("#by-city li a").count() == 26
    assert page.locator("#by-category li a").count() == 26
    page.fill("input[name=q]", "Yongjia")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/regions/region%3Ayongjiaxian")
    assert page.locator("h1").inner_text().startswith("永嘉县")


def test_yongjia_neighbourhood_draws_its_supporters(page: Any, server: Server) -> None:
    ms = open_viz(page, server, "永嘉县")
    names = visible_names(page)
    assert names >= YONGJIA_SUPPORTERS, YONGJIA_SUPPORTERS - names
    # the layout settled and physics is off for good
    assert page.evaluate("() => window.shanhai.network.physics.physicsEnabled") is False
    assert ms > 0
    # the focus node's facts are in the side panel from the start
    assert page.locator("#panel h2").inner_text() == "永嘉县"


def test_depth_two_reaches_further(page: Any, server: Server) -> None:
    open_viz(page, server, "永嘉县", "?depth=1")
    one = page.evaluate("() => window.shanhai.nodes.length")
    open_viz(page, server, "永嘉县", "?depth=2")
    two = page.evaluate("() => window.shanhai.nodes.length")
    assert two > one
    assert page.locator("nav a[aria-current=page]").inner_text() == "depth 2"


def test_field_filter_hides_the_other_fields(page: Any, server: Server) -> None:
    open_viz(page, server, "永嘉县")
    page.select_option("#filter-field", "domain:healthcare")
    names = visible_names(page)
    assert names >= HEALTHCARE | {"永嘉县"}
    assert not names & NOT_HEALTHCARE
    assert "field=domain%3Ahealthcare" in page.url  # the filter is in the address, shareable
    hidden_edges = page.evaluate("() => window.shanhai.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges > 0
    # a node type switched off disappears, and comes back
    page.uncheck("#type-filter input[value=Organization]")
    assert not visible_names(page) & {"浙江中医药大学附属第二医院", "温州市中心医院"}
    page.check("#type-filter input[value=Organization]")
    page.select_option("#filter-field", "")
    assert visible_names(page) >= YONGJIA_SUPPORTERS


def test_round_filter(page: Any, server: Server) -> None:
    open_viz(page, server, "永嘉县", "?round=2021-provincial")
    names = visible_names(page)
    assert "瓯海区" in names  # 2021 table: 17 温州市 永嘉县 温州市瓯海区
    assert not names & {"浙江省二轻集团", "海宁市高级中学"}  # 1对4 partners arrive with 2025–2027


def test_clicking_an_edge_shows_its_evidence(page: Any, server: Server) -> None:
    open_viz(page, server, "永嘉县", "?field=domain:healthcare")
    target = page.evaluate(f"""() => {{
        const s = window.shanhai;
        const e = s.edges.get({{filter: e => e.from === "{HOSPITAL}" && e.to === "{YONGJIA}" && !e.smooth}})[0];
        const p = s.network.getPositions([e.from, e.to]);
        const mid = {{x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2}};
        const dom = s.network.canvasToDOM(mid);
        return {{id: e.id, x: dom.x, y: dom.y}};
    }}""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    selected = wait_for(page, "() => window.shanhai.state.selected")
    assert selected == {"kind": "edge", "id": target["id"]}
    panel = page.locator("#panel")
    assert panel.get_attribute("data-kind") == "edge"
    quotes = panel.locator("blockquote.quote").all_inner_texts()
    # L240: 依托浙中医大二院，推进“一院一品”和名（中）医工作站建设，引进专科专病新技术新项目。
    assert any("依托浙中医大二院" in q for q in quotes), quotes
    assert "永嘉县山海协作结对帮扶三年行动计划" in panel.locator(".document").first.inner_text()
    assert panel.locator(".locator").first.inner_text()
    # and a node: click the centre node, its facts replace the edge's
    pos = page.evaluate(f"""() => window.shanhai.network.canvasToDOM(
        window.shanhai.network.getPositions(["{YONGJIA}"])["{YONGJIA}"])""")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    wait_for(page, "() => window.shanhai.state.selected.kind === 'node'")
    assert panel.locator("h2").inner_text() == "永嘉县"
    assert "泵阀" in panel.locator("dl.facts").inner_text()  # 一县一业 (26-county plan L220)


def test_focus_search_in_the_graph(page: Any, server: Server) -> None:
    open_viz(page, server, "永嘉县")
    page.fill("#focus-input", "温州市中心医院")
    page.press("#focus-input", "Enter")
    wait_for(page, "() => window.shanhai.state.selected && window.shanhai.state.selected.id === "
                   "'org:wenzhoushizhongxinyiyuan'")
    assert page.locator("#panel h2").inner_text() == "温州市中心医院"


def test_whole_network_is_bounded_and_settles(page: Any, server: Server) -> None:
    page.goto(server.url("/viz"))
    settled(page)
    info = page.evaluate("() => ({n: window.shanhai.nodes.length, shown: window.shanhai.page.shown,"
                         " physics: window.shanhai.network.physics.physicsEnabled})")
    assert info["n"] == info["shown"] <= 300 and info["physics"] is False


def test_screenshot_of_yongjia(page: Any, server: Server, tmp_path: Path) -> None:
    """The README's screenshot; written to docs/ only when SHANHAI_UPDATE_SCREENSHOT=1."""
    open_viz(page, server, "永嘉县", "?field=domain:healthcare")
    edge = page.evaluate(f"""() => window.shanhai.edges.get({{filter: e => e.from === "{HOSPITAL}"
        && e.to === "{YONGJIA}" && !e.smooth}})[0].id""")
    page.evaluate(f"() => {{ window.shanhai.network.selectEdges(['{edge}']); window.shanhai.showEdge('{edge}'); }}")
    shot = tmp_path / "viz-yongjia.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("SHANHAI_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_api_docs_render_offline(page: Any, server: Server) -> None:
    page.goto(server.url("/docs"))
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "shanhai" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector('[data-path="/api/regions/{name}/supporters"]', timeout=30_000)


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A graph whose names are HTML and script payloads."""
    store = tiny_store()
    directory = tmp_path_factory.mktemp("evil")
    snapshot.write(snapshot.Snapshot(store.nodes(), store.all_relations()), directory)
    srv = start_server(directory, directory / "serve.log")
    yield srv
    stop_server(srv)


def test_payloads_in_names_stay_text(page: Any, evil_server: Server) -> None:
    evil = "</script><script>window.__pwned=1</script>"
    page.goto(evil_server.url("/viz/org:evil"))
    settled(page)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#panel h2").inner_text() == evil  # shown as the text it is
    assert page.locator("#panel img").count() == 0
    names = page.evaluate("() => window.shanhai.nodes.get().map(n => n.name)")
    assert evil in names
    page.evaluate("() => window.shanhai.showEdge(window.shanhai.edges.getIds()[0])")
    assert "<img src=x onerror=alert(1)>" in page.locator("#panel blockquote.quote").inner_text()
    assert page.locator("#panel img").count() == 0
    page.goto(evil_server.url("/"))
    assert "乙县<script>alert(1)</script>" in page.locator("#by-city li a").all_inner_texts()


def test_settle_times_are_recorded(page: Any, server: Server, tmp_path: Path) -> None:
    """Page load → 'stabilizationIterationsDone', in ms from navigation start (printed with -s)."""
    times = {"/viz": 0.0, "/viz/永嘉县": 0.0}
    page.goto(server.url("/viz"))
    times["/viz"] = settled(page)
    times["/viz/永嘉县"] = open_viz(page, server, "永嘉县")
    print("settle ms:", json.dumps(times, ensure_ascii=False))
    assert all(0 < ms < 60_000 for ms in times.values())
