"""Build checks: what the documents themselves state, verified on the merged graph."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from graph.model import REGION, SUPPORTS, Evidence, Node, Relation
from graph.reference import Reference


def run(nodes: list[Node], rels: list[Relation], ref: Reference, facts: dict[str, list[Any]],
        texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    by_id = {n.id: n for n in nodes}
    out: list[dict[str, Any]] = []
    no_evidence = [r for r in rels if not r.evidence or any(not (e.document and e.locator and e.quote)
                                                            for e in r.evidence)]
    out.append(_result("relationships_have_evidence", not no_evidence,
                       f"{len(no_evidence)} relationships without document/locator/quote",
                       "every fact needs its evidence"))
    if texts is not None:
        evidence = [e for r in rels for e in r.evidence] + [e for n in nodes for e in n.evidence]
        checked = [e for e in evidence if e.document in texts]
        wrong = [e for e in checked if not quote_is_verbatim(e, texts[e.document])]
        detail = (f"{len(checked)} quotes found verbatim at their locators" if not wrong else
                  f"{len(wrong)} of {len(checked)} quotes not found at their locators, e.g. "
                  f"{wrong[0].document} {wrong[0].locator}: {wrong[0].quote[:60]!r}")
        out.append(_result("quotes_verbatim", not wrong, detail,
                           "a quote is the document's own words at the place the locator names "
                           "(whitespace aside: line wraps and table cells)"))
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


_LINES = re.compile(r"L(\d+)(?:-L(\d+))?")
_SPACE = re.compile(r"\s+")


# A quote that joins a table row's title and one of its cells with " … " names the cell's line; the
# title stands earlier in the same row, within this many lines.
_ROW_REACH = 60


def quote_is_verbatim(evidence: Evidence, text: str) -> bool:
    """Whether the quote occurs in the document where its locator says (anywhere when it names no line).

    A table cell's locator names the line its row or cell starts on (`row 3 (L510)`), and a quote may
    run on past it (a row's cells, a multi-line cell): the quote has to start within the named lines.
    A quote whose parts are joined with " … " is verbatim when its parts occur in that order and one
    of them starts within the named lines.
    """
    parts = [_SPACE.sub("", p) for p in evidence.quote.split(" … ")]
    spans = [(int(a), int(b or a)) for a, b in _LINES.findall(evidence.locator)]
    lines = text.split("\n")
    if not spans:
        return _in_order(_SPACE.sub("", text), parts, 0, None)
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    before = max(first - 1 - (_ROW_REACH if len(parts) > 1 else 0), 0)
    start = len(_SPACE.sub("", "".join(lines[before:first - 1])))
    end = start + max(len(_SPACE.sub("", "".join(lines[first - 1:last]))), 1)
    return _in_order(_SPACE.sub("", "".join(lines[before:])), parts, start, end)


def _in_order(haystack: str, parts: list[str], start: int, end: int | None) -> bool:
    """The parts occur in this order, and one of them begins in [start, end) (anywhere when end is None)."""
    at, anchored = 0, end is None
    for part in parts:
        found = haystack.find(part, at)
        if found < 0:
            return False
        if not anchored and start <= found < (end or 0):
            anchored = True
        elif not anchored:
            # a later occurrence may be the anchored one: look for it before moving on
            again = haystack.find(part, start)
            if 0 <= again < (end or 0) and again >= at:
                found, anchored = again, True
        at = found + len(part)
    return anchored


def _result(id_: str, ok: bool, detail: str, reason: str, skipped: bool = False) -> dict[str, Any]:
    return {"id": id_, "ok": ok, "detail": detail, "reason": reason, **({"skipped": True} if skipped else {})}
