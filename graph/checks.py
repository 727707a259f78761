"""Build checks: what the documents themselves state, verified on the merged graph."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.model import REGION, SUPPORTS, Node, Relation
from graph.reference import Reference


def run(nodes: list[Node], rels: list[Relation], ref: Reference, facts: dict[str, list[Any]]
        ) -> list[dict[str, Any]]:
    by_id = {n.id: n for n in nodes}
    out: list[dict[str, Any]] = []
    no_evidence = [r for r in rels if not r.evidence or any(not (e.document and e.locator and e.quote)
                                                            for e in r.evidence)]
    out.append(_result("relationships_have_evidence", not no_evidence,
                       f"{len(no_evidence)} relationships without document/locator/quote",
                       "every fact needs its evidence"))
    for spec in ref.overrides.get("checks", []):
        rnd = spec.get("round")
        county = [r for r in rels if r.type == SUPPORTS and r.props.get("mechanism") == "county_pairing"
                  and (rnd is None or rnd in r.props.get("rounds", []))]
        if "distinct_county_pairing_recipients" in spec:
            want = spec["distinct_county_pairing_recipients"]
            got = len({r.target for r in county})
            out.append(_result(spec["id"], got == want, f"{got} distinct recipients in round {rnd}, "
                                                        f"expected {want}", spec["reason"]))
        if "distinct_county_pairing_supporters" in spec:
            want = spec["distinct_county_pairing_supporters"]
            got = len({r.source for r in county})
            out.append(_result(spec["id"], got == want, f"{got} distinct supporters in round {rnd}, "
                                                        f"expected {want}", spec["reason"]))
        if spec.get("every_mountain_county_has_supporter"):
            mountain = {n.id for n in nodes if n.label == REGION and n.props.get("mountain")}
            missing = sorted(by_id[m].name for m in mountain - {r.target for r in county})
            extra = sorted(by_id[t].name for t in {r.target for r in county} - mountain)
            ok = not missing and not extra
            detail = (f"{len(mountain)} mountain counties, all with a supporter" if ok else
                      f"without supporter: {missing}; recipients not flagged mountain: {extra}")
            out.append(_result(spec["id"], ok, detail, spec["reason"]))
        if "category_counts" in spec:
            counts = Counter(n.props.get("category") for n in nodes if n.label == REGION and n.props.get("mountain"))
            want = spec["category_counts"]
            if not any(counts.get(k) for k in want):
                out.append(_result(spec["id"], True, "no document states categories (check skipped)",
                                   spec["reason"], skipped=True))
            else:
                ok = all(counts.get(k, 0) == v for k, v in want.items())
                out.append(_result(spec["id"], ok, ", ".join(f"{k}: {counts.get(k, 0)} (expected {v})"
                                                             for k, v in want.items()), spec["reason"]))
    return out


def _result(id_: str, ok: bool, detail: str, reason: str, skipped: bool = False) -> dict[str, Any]:
    return {"id": id_, "ok": ok, "detail": detail, "reason": reason, **({"skipped": True} if skipped else {})}
