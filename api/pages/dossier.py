"""What the region and organisation pages share: documents' short names, partners by round and tier, field grids."""

from __future__ import annotations

from typing import Any

from api.graphview import GraphView
from graph.store import GraphStore
from queries.common import mechanism_key, round_of_document


def documents(view: GraphView) -> dict[str, dict[str, Any]]:
    """Evidence document ids → title and a short label (文号, or the title cut) for evidence links."""
    out: dict[str, dict[str, Any]] = {}
    for key, info in view.documents().items():
        title = str(info.get("title") or key)
        out[key] = {"title": title, "short": info.get("number") or (title if len(title) <= 14 else title[:13] + "…")}
    return out


def round_names(view: GraphView) -> dict[str, str]:
    meta = getattr(view.store, "snapshot_meta", {}) or {}
    names = {r["id"]: str(r.get("name", r["id"])) for r in meta.get("rounds", []) if "id" in r}
    return {r: names.get(r, r) for r in view.rounds()} | names


def by_round(store: GraphStore, supporters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Formal and named pairings grouped by round (newest first), then by tier (mechanism), each
    partner with the evidence from that round's documents only."""
    doc_round = round_of_document(store)
    rounds: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for s in supporters:
        for sup in s["supports"]:
            if sup["via"] != "pairing":
                continue
            for rnd in sup["rounds"] or ["—"]:
                ev = [e for e in sup["evidence"] if doc_round.get(e["document"], rnd) == rnd] or sup["evidence"]
                tier = rounds.setdefault(rnd, {}).setdefault(str(sup["mechanism"]), [])
                tier.append({"id": s["id"], "name": s["name"], "type": s["type"], "kind": s.get("kind"),
                             "domains": sup["domains"], "evidence": ev})
    out = []
    for rnd in sorted(rounds, key=lambda x: (x[:4], x), reverse=True):
        tiers = [{"mechanism": m, "partners": rounds[rnd][m]} for m in sorted(rounds[rnd], key=mechanism_key)]
        out.append({"round": rnd, "tiers": tiers})
    return out


def field_grid(rows: list[dict[str, Any]], domain_names: dict[str, str]) -> dict[str, Any]:
    """Parties × fields: how many supports (pairings, measures, projects) tie each party to each field."""
    used = sorted({d for r in rows for sup in r["supports"] for d in sup["domains"]})
    fields = [{"id": d, "name": domain_names.get(d, d)} for d in used]
    grid = []
    for i, r in enumerate(rows):
        counts = {d: sum(1 for sup in r["supports"] if d in sup["domains"]) for d in used}
        grid.append({"anchor": f"p{i}", "party": r, "counts": counts})
    return {"fields": fields, "rows": grid}
