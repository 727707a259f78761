"""The map: a tile-grid cartogram of Zhejiang's county-level units with pairing lines, drawn server-side.

The cells come from data/reference/map_grid.yaml (approximate by design, see its header). Lines
are the pairing table (queries.pairings.pairing_table) or, with a field, the supporters tied to
that field (queries.support.supporters_of for each mountain county); supporters without a place
on the grid (most organisations) are listed in the table, not drawn.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from api.graphview import GraphView
from api.pages.dossier import documents
from graph.model import DOMAIN, ORGANIZATION, REGION, Node
from graph.reference import REFERENCE_DIR
from queries.common import PAIRING_MECHANISMS, resolve, resolve_domain
from queries.coverage import mountain_counties
from queries.errors import InvalidQuery
from queries.pairings import pairing_table
from queries.support import supporters_of

GRID_FILE = REFERENCE_DIR / "map_grid.yaml"
CELL = 46  # px per tile
PAD = 60
CATEGORY_COLOURS = {"跨越发展类": "#3f8f3a", "生态发展类": "#8fcf7f"}
OTHER_COLOUR = "#e4e8ee"
MECHANISM_COLOURS = {"city_pairing": "#1d5fa8", "county_pairing": "#d9480f", "leader_contact": "#7048e8",
                     "soe_pairing": "#c2255c", "social_pairing": "#0b7285", "named_support": "#e67700",
                     "measure": "#868e96", "project": "#5c940d"}
MECHANISMS = (*PAIRING_MECHANISMS, "named_support", "measure", "project")


@lru_cache(maxsize=1)
def grid_cells() -> dict[str, tuple[int, int, str]]:
    """Unit name → (col, row, city), read once."""
    data = yaml.safe_load(GRID_FILE.read_text(encoding="utf-8"))
    return {name: (int(cr[0]), int(cr[1]), city) for city, units in data["units"].items()
            for name, cr in units.items()}


def _places(view: GraphView) -> dict[str, tuple[float, float]]:
    """Region id → tile centre; a city → the mean of its units' centres."""
    cells = grid_cells()
    regions = {n.name: n for n in view.nodes.values() if n.label == REGION}
    out: dict[str, tuple[float, float]] = {}
    by_city: dict[str, list[tuple[float, float]]] = {}
    for name, (c, r, city) in cells.items():
        centre = (PAD + c * CELL + CELL / 2, PAD + r * CELL + CELL / 2)
        if name in regions:
            out[regions[name].id] = centre
        by_city.setdefault(city, []).append(centre)
    for city, pts in by_city.items():
        if city in regions:
            out[regions[city].id] = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return out


def _place_of(view: GraphView, node_id: str, places: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    if node_id in places:
        return places[node_id]
    node = view.nodes.get(node_id)
    region = node.props.get("region") if node is not None and node.label == ORGANIZATION else None
    if region:  # an organisation of a county or city (a school, a hospital) sits at its place
        hit = next((n for n in view.nodes.values() if n.label == REGION and n.name == region), None)
        return places.get(hit.id) if hit else None
    return None


def pairings_shown(view: GraphView, round_: str | None, field: Node | None, mechanism: str | None,
                   focus: Node | None) -> list[dict[str, Any]]:
    """The lines (and table rows) for the filters: supporter, recipient, mechanism, round, fields, evidence."""
    store = view.store
    rows: list[dict[str, Any]] = []
    if field is None:
        for p in pairing_table(store, None, round_):
            rows.append({"supporter": p["supporter"], "recipient": p["recipient"], "mechanism": p["mechanism"],
                         "round": p["round"], "fields": p["fields"], "evidence": p["evidence"]})
    else:
        for county in mountain_counties(store):
            for s in supporters_of(store, county.id, field.id, round_).supporters:
                for sup in s.supports:
                    rows.append({"supporter": {"id": s.id, "name": s.name, "type": s.type},
                                 "recipient": {"id": county.id, "name": county.name, "type": REGION},
                                 "mechanism": sup.mechanism if sup.via == "pairing" else sup.via,
                                 "round": "、".join(sup.rounds), "fields": sup.domains, "evidence": sup.evidence})
    if mechanism:
        rows = [r for r in rows if r["mechanism"] == mechanism]
    if focus is not None:
        rows = [r for r in rows if focus.id in (r["supporter"]["id"], r["recipient"]["id"])]
    return rows


def map_context(view: GraphView, round_: str | None, field: str | None, mechanism: str | None,
                focus: str | None) -> dict[str, Any]:
    if mechanism and mechanism not in MECHANISMS:
        raise InvalidQuery(f"mechanism must be one of {', '.join(MECHANISMS)}, not {mechanism!r}")
    field_node = resolve_domain(view.store, field) if field else None
    focus_node = resolve(view.store, focus, (REGION, ORGANIZATION), "focus") if focus else None
    rows = pairings_shown(view, round_, field_node, mechanism, focus_node)
    places = _places(view)
    regions = {n.name: n for n in view.nodes.values() if n.label == REGION}
    tiles = []
    for name, (c, r, city) in sorted(grid_cells().items(), key=lambda x: (x[1][1], x[1][0])):
        node = regions.get(name)
        category = str(node.props.get("category") or "") if node is not None else ""
        tiles.append({"name": name, "id": node.id if node else None, "city": city,
                      "x": PAD + c * CELL, "y": PAD + r * CELL, "label": _short(name),
                      "mountain": bool(node is not None and node.props.get("mountain")), "category": category,
                      "fill": CATEGORY_COLOURS.get(category, "#b5dca9" if node is not None and
                                                   node.props.get("mountain") else OTHER_COLOUR),
                      "focus": focus_node is not None and node is not None and node.id == focus_node.id})
    lines, unplaced = [], []
    for row in rows:
        a = _place_of(view, row["supporter"]["id"], places)
        b = _place_of(view, row["recipient"]["id"], places)
        row["drawn"] = bool(a and b and a != b)
        if a and b and a != b:
            lines.append({"x1": a[0], "y1": a[1], "x2": b[0], "y2": b[1], "row": row,
                          "colour": MECHANISM_COLOURS.get(str(row["mechanism"]), "#495057")})
        else:
            unplaced.append(row)
    cols = max(c for c, _, _ in grid_cells().values()) + 1
    rows_n = max(r for _, r, _ in grid_cells().values()) + 1
    domains = sorted((n for n in view.nodes.values() if n.label == DOMAIN), key=lambda n: n.id)
    return {
        "title": "山海协作 map", "nav": "map", "tiles": tiles, "lines": lines, "rows": rows,
        "unplaced": len(unplaced), "width": PAD * 2 + cols * CELL, "height": PAD * 2 + rows_n * CELL,
        "cell": CELL, "filters": {"round": round_ or "", "field": field_node.id if field_node else "",
                                  "mechanism": mechanism or "", "focus": focus_node.id if focus_node else ""},
        "focus": focus_node, "rounds": view.rounds(), "domains": domains, "mechanisms": MECHANISMS,
        "documents": documents(view), "domain_names": {d.id: d.name for d in domains},
        "category_colours": CATEGORY_COLOURS, "other_colour": OTHER_COLOUR, "mechanism_colours": MECHANISM_COLOURS,
    }


def _short(name: str) -> str:
    """A tile's label: the name without its 县/区/市 suffix (永嘉), at most two characters when longer."""
    return name[:-1] if len(name) == 3 and name[-1] in "县区市" else name[:2]
