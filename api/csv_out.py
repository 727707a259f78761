"""CSV downloads of list answers: UTF-8 with a BOM (Excel), a header row, one row per item.

Evidence is flattened into `document`, `locator` and `quote` columns; an item with several pieces of
evidence lists them one per line inside each cell, in the same order, so the three cells stay aligned.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response

from graph.model import DOMAIN
from graph.store import GraphStore
from queries.common import nodes_by_label

EVIDENCE_COLUMNS = ("document", "locator", "quote")
JOIN = "；"  # between list values: a full-width semicolon never occurs inside the names it separates

FormatParam = Annotated[Literal["json", "csv"], Query(
    description="`json` (default) or `csv`: every item (not one page) as UTF-8 CSV with a BOM, a header "
                "row and the evidence in document / locator / quote columns")]

CSV_CONTENT: dict[str, Any] = {"text/csv": {"schema": {"type": "string"},
                                            "example": "\ufeffid,name,type,…,document,locator,quote\r\n"}}


def with_csv(responses: dict[int | str, dict[str, Any]] | None = None) -> dict[int | str, dict[str, Any]]:
    """An OpenAPI `responses` mapping whose 200 also documents the CSV form."""
    out = dict(responses or {})
    ok = dict(out.get(200, {}))
    ok["content"] = {**ok.get("content", {"application/json": {}}), **CSV_CONTENT}
    ok.setdefault("description", "JSON by default; CSV with `format=csv`")
    out[200] = ok
    return out


def field_names(store: GraphStore) -> dict[str, str]:
    """Field ids → their Chinese names: a spreadsheet reader sees 医疗卫生, not domain:healthcare."""
    return {n.id: n.name for n in nodes_by_label(store, DOMAIN)}


def cell(value: Any, names: dict[str, str] | None = None) -> str:
    """One value as spreadsheet text: names for nodes (and for field ids in `names`), lists joined,
    nothing for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or "")
    if isinstance(value, (list, tuple, set)):
        return JOIN.join(x for x in (cell(v, names) for v in value) if x)
    if names and isinstance(value, str):
        return names.get(value, value)
    return str(value)


def evidence_cells(evidence: Iterable[dict[str, Any]]) -> dict[str, str]:
    pieces = list(evidence)
    return {k: "\n".join(str(e.get(k, "")) for e in pieces) for k in EVIDENCE_COLUMNS}


def flatten(item: dict[str, Any], names: dict[str, str] | None = None) -> dict[str, str]:
    """A list item as flat columns: its own fields (a nested node by name, with its id in `<key>_id`;
    field ids by their names), then its evidence."""
    row: dict[str, str] = {}
    for key, value in item.items():
        if key == "evidence":
            continue
        # An item's own `document` (a measure's source id) would collide with the evidence column.
        column = "source_document" if key in EVIDENCE_COLUMNS else key
        row[column] = cell(value, names if key in ("domains", "fields") else None)
        if isinstance(value, dict) and "id" in value:
            row[f"{key}_id"] = str(value["id"])
    row.update(evidence_cells(item.get("evidence", [])))
    return row


def to_csv(rows: Sequence[dict[str, str]], columns: Sequence[str] | None = None) -> bytes:
    """Rows as CSV bytes with a BOM; the header is `columns` or every key in first-seen order."""
    if columns is None:
        seen: dict[str, None] = {}
        for r in rows:
            for k in r:
                if k not in EVIDENCE_COLUMNS:
                    seen.setdefault(k, None)
        columns = [*seen, *EVIDENCE_COLUMNS]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def csv_response(rows: Sequence[dict[str, str]], filename: str, columns: Sequence[str] | None = None) -> Response:
    return Response(to_csv(rows, columns), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def items_csv(items: Sequence[dict[str, Any]], filename: str, names: dict[str, str] | None = None) -> Response:
    return csv_response([flatten(i, names) for i in items], filename)


def supporter_rows(items: Sequence[dict[str, Any]], names: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Supporters (of a region, or by a supporter): one row each, with how they support summarised."""
    rows = []
    for s in items:
        supports = s.get("supports", [])
        rows.append({
            "id": s["id"], "name": s["name"], "type": s["type"], "kind": cell(s.get("kind")),
            "fields": cell(s.get("domains"), names),
            "via": cell(sorted({x["via"] for x in supports})),
            "mechanisms": cell(sorted({x["mechanism"] for x in supports if x.get("mechanism")})),
            "rounds": cell(sorted({r for x in supports for r in x.get("rounds", [])})),
            "measures": cell([x["measure"] for x in supports if x.get("measure")]),
            "projects": cell([x["project"] for x in supports if x.get("project")]),
            **evidence_cells(s.get("evidence", [])),
        })
    return rows


PAIRING_COLUMNS = ("supporter", "supporter_id", "recipient", "recipient_id", "level", "mechanism", "fields",
                   "round", *EVIDENCE_COLUMNS)


def coverage_rows(result: dict[str, Any]) -> list[dict[str, str]]:
    """The coverage matrix long-form: one row per mountain county and field, empty cells too."""
    names = {d["id"]: d["name"] for d in result["domains"]}
    rows = []
    for county in result["counties"]:
        cells = result["cells"].get(county["id"], {})
        for domain_id, name in names.items():
            who = cells.get(domain_id, [])
            rows.append({"county": county["name"], "county_id": county["id"],
                         "category": cell(county.get("category")), "field": name, "field_id": domain_id,
                         "supporters": str(len(who)), "supporter_names": cell(who),
                         **evidence_cells([e for w in who for e in w.get("evidence", [])])})
    return rows
