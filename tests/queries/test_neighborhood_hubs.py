"""One hub rule: the neighborhood query and the pages' drawing stop at the same nodes."""

from __future__ import annotations

import pytest

from api.graphview import GraphView
from api.pages import select
from graph.model import DOCUMENT, LABELS
from graph.store import GraphStore
from queries.common import node_by_id
from queries.neighborhood import is_hub, neighborhood


@pytest.mark.parametrize(("node_id", "hub"), [
    ("region:shanqu-26-xian", True),  # the 26-county group
    ("region:zhejiangsheng", True),  # the province
    ("domain:healthcare", True),  # a field
    ("region:wenzhoushi", False),  # a city
    ("region:yongjiaxian", False),  # a county
])
def test_hubs(store: GraphStore, node_id: str, hub: bool) -> None:
    node = node_by_id(store, node_id)
    assert node is not None and is_hub(node) == hub


def test_documents_are_hubs(store: GraphStore) -> None:
    docs = [n for n in store.nodes() if n.label == DOCUMENT]
    assert docs and all(is_hub(n) for n in docs)


def test_stopping_at_hubs(store: GraphStore) -> None:
    # 龙泉市 (丽水) shares nothing with 永嘉县 (温州) but the 26-county group: two steps away through it only.
    through = neighborhood(store, "永嘉县", depth=2, labels=["Region"])
    stopped = neighborhood(store, "永嘉县", depth=2, labels=["Region"], through_hubs=False)
    assert "龙泉市" in {n["name"] for n in through.nodes}
    names = {n["name"] for n in stopped.nodes}
    assert "龙泉市" not in names
    assert {"山区26县", "温州市", "泰顺县"} <= names  # the hub itself is kept; the city is no hub


@pytest.mark.parametrize(("name", "depth"), [("永嘉县", 2), ("龙泉市", 3), ("温州市中心医院", 2)])
def test_pages_draw_what_the_query_reaches(store: GraphStore, name: str, depth: int) -> None:
    """The page (documents never drawn) and the query without hubs reach the same nodes at the same distances."""
    view = GraphView.from_store(store)
    center = next(n for n in view.nodes.values() if n.name == name)
    drawn = select.neighbourhood(view, center, depth, 5000)
    found = neighborhood(store, center.id, depth=depth, labels=[x for x in LABELS if x != DOCUMENT],
                         through_hubs=False, limit=5000)
    assert drawn.distance == {n["id"]: n["distance"] for n in found.nodes}
