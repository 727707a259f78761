"""The coverage heatmap: mountain counties × fields from queries.coverage, each cell a link to its supporters."""

from __future__ import annotations

from typing import Any

from api.graphview import GraphView
from api.pages.dossier import documents
from graph.model import REGION
from queries.common import resolve, resolve_domain
from queries.coverage import coverage

# Cell shades by number of supporters: 0 is marked empty, 1, 2–3, 4+.
SHADES = ((4, "c4"), (2, "c2"), (1, "c1"))


def shade(n: int) -> str:
    return next((cls for low, cls in SHADES if n >= low), "c0")


def coverage_context(view: GraphView, county: str | None, field: str | None) -> dict[str, Any]:
    store = view.store
    result = coverage(store).to_dict()
    selected = None
    if county and field:
        c = resolve(store, county, (REGION,), "county")
        d = resolve_domain(store, field)
        assert d is not None
        selected = {"county": c, "field": d,
                    "supporters": result["cells"].get(c.id, {}).get(d.id, []),
                    "in_matrix": any(x["id"] == c.id for x in result["counties"])}
    rows = []
    for c in result["counties"]:
        cells = result["cells"].get(c["id"], {})
        rows.append({"county": c, "cells": [{"field": d, "n": len(cells.get(d["id"], [])),
                                             "shade": shade(len(cells.get(d["id"], [])))}
                                            for d in result["domains"]]})
    gaps = {d["id"]: len(result["gaps"].get(d["id"], [])) for d in result["domains"]}
    return {"title": "山海协作 coverage", "nav": "coverage", "domains": result["domains"], "rows": rows,
            "gaps": gaps, "unpaired": result["unpaired"], "selected": selected, "documents": documents(view)}
