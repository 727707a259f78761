"""Whole-graph exports: JSON (the snapshot's shape), GraphML, and CSV for `neo4j-admin database import`.

CSV format (a zip; load it with
`neo4j-admin database import full --nodes=nodes_Region.csv … --relationships=relationships_SUPPORTS.csv …
--array-delimiter=";" --multiline-fields=true <database>`):

* `nodes_<Label>.csv`: `id:ID` (the graph's stable id, kept as property `id`), `:LABEL`, `name`, then one
  column per property with its type in the header — `:boolean`, `:long`, `:double`, or no suffix for a
  string; lists of strings/numbers become `:string[]` / `:long[]` / `:double[]` with `;` between items.
  A property whose values mix types, or hold objects, is written as its JSON text (a string column).
* `relationships_<TYPE>.csv`: `:START_ID`, `:END_ID`, `:TYPE`, `id`, the typed property columns, then the
  evidence as three aligned string arrays `evidence_document:string[]`, `evidence_locator:string[]`,
  `evidence_quote:string[]` (item *i* of each is one piece of evidence), plus `evidence_json`, the exact
  evidence list as JSON. Inside array items an ASCII `;` (the array delimiter) is written as the
  full-width `；` so the arrays stay aligned; `evidence_json` keeps every quote verbatim.
* Fields are quoted with `"` (doubled inside); quotes and other text may span lines, hence
  `--multiline-fields=true`.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

import networkx as nx

from api.graphview import GraphView

ARRAY_DELIMITER = ";"
_SCALAR_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}


def to_json(view: GraphView) -> dict[str, Any]:
    """The graph as the build snapshot writes it: nodes and relations with props and evidence."""
    return {
        "nodes": [n.to_dict() for n in sorted(view.nodes.values(), key=lambda n: n.id)],
        "relations": [r.to_dict() for r in view.relations],
    }


# ------------------------------------------------------------------------------------ typing

def column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin type of a property over all its (non-null) values; `json` when it has none."""
    kinds: set[str] = set()
    for v in values:
        if v is None:
            continue
        if isinstance(v, list):
            inner = {_SCALAR_TYPES.get(type(x), "json") for x in v}
            if not v:
                kinds.add("[]")
            elif len(inner) == 1 and "json" not in inner:
                kinds.add(f"{inner.pop()}[]")
            else:
                kinds.add("json")
        else:
            kinds.add(_SCALAR_TYPES.get(type(v), "json"))
    kinds.discard("[]")  # an empty list fits any array type (it is written as no value)
    if kinds == {"long", "double"}:
        return "double"
    if kinds == {"long[]", "double[]"}:
        return "double[]"
    if len(kinds) == 1:
        return kinds.pop()
    return "json" if kinds else "string"


def _cell(value: Any, kind: str) -> str:
    if value is None or value == []:
        return ""
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if kind.endswith("[]"):
        return ARRAY_DELIMITER.join(_array_item(x) for x in value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _array_item(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace(ARRAY_DELIMITER, "；")


def _header(key: str, kind: str) -> str:
    if kind == "json":
        return key  # a string column holding JSON text
    return key if kind == "string" else f"{key}:{kind}"


def _prop_columns(rows: list[dict[str, Any]], reserved: set[str]) -> list[tuple[str, str, str]]:
    """(property key, column name, type) for every property of the rows; names clear of reserved ones."""
    keys = sorted({k for p in rows for k in p})
    cols = []
    for k in keys:
        name = k if k not in reserved else f"prop_{k}"
        cols.append((k, name, column_type(p.get(k) for p in rows)))
    return cols


# ------------------------------------------------------------------------------------ CSV

def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def to_neo4j_csv(view: GraphView) -> dict[str, bytes]:
    """File name → CSV bytes, one file per node label and per relationship type."""
    files: dict[str, bytes] = {}
    by_label: dict[str, list[Any]] = {}
    for n in sorted(view.nodes.values(), key=lambda n: n.id):
        by_label.setdefault(n.label, []).append(n)
    for label, nodes in sorted(by_label.items()):
        props = [n.props for n in nodes]
        cols = _prop_columns(props, {"id", "name", "evidence_json"})
        header = ["id:ID", ":LABEL", "name", *(_header(c, t) for _, c, t in cols), "evidence_json"]
        rows = [[n.id, label, n.name, *(_cell(n.props.get(k), t) for k, _, t in cols),
                 json.dumps([e.to_dict() for e in n.evidence], ensure_ascii=False) if n.evidence else ""]
                for n in nodes]
        files[f"nodes_{label}.csv"] = _csv_bytes(header, rows)
    by_type: dict[str, list[Any]] = {}
    for r in view.relations:
        by_type.setdefault(r.type, []).append(r)
    evidence_cols = ["evidence_document:string[]", "evidence_locator:string[]", "evidence_quote:string[]",
                     "evidence_json"]
    for rtype, rels in sorted(by_type.items()):
        cols = _prop_columns([r.props for r in rels], {"id", "evidence_document", "evidence_locator",
                                                        "evidence_quote", "evidence_json"})
        header = [":START_ID", ":END_ID", ":TYPE", "id", *(_header(c, t) for _, c, t in cols), *evidence_cols]
        rows = []
        for r in rels:
            ev = r.evidence
            rows.append([
                r.source, r.target, rtype, r.id, *(_cell(r.props.get(k), t) for k, _, t in cols),
                _cell([e.document for e in ev], "string[]"), _cell([e.locator for e in ev], "string[]"),
                _cell([e.quote for e in ev], "string[]"),
                json.dumps([e.to_dict() for e in ev], ensure_ascii=False) if ev else "",
            ])
        files[f"relationships_{rtype}.csv"] = _csv_bytes(header, rows)
    return files


def to_neo4j_csv_zip(view: GraphView) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        files = to_neo4j_csv(view)
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("README.txt", _import_readme(list(files)))
    return buf.getvalue()


def import_arguments(names: list[str], *options: str, database: str = "neo4j") -> list[str]:
    """`neo4j-admin database import full` arguments for the export's files (run in their directory)."""
    return ["database", "import", "full", *(f"--nodes={n}" for n in names if n.startswith("nodes_")),
            *(f"--relationships={n}" for n in names if n.startswith("relationships_")),
            "--array-delimiter=;", "--multiline-fields=true", *options, database]


def _import_readme(names: list[str]) -> str:
    nodes = " ".join(f"--nodes={n}" for n in names if n.startswith("nodes_"))
    rels = " ".join(f"--relationships={n}" for n in names if n.startswith("relationships_"))
    return (
        "shanhai graph export for neo4j-admin (Neo4j 5).\n\n"
        f"neo4j-admin database import full {nodes} {rels} "
        '--array-delimiter=";" --multiline-fields=true neo4j\n\n'
        + (__doc__ or "")
    )


# ------------------------------------------------------------------------------------ GraphML

def to_graphml(view: GraphView) -> bytes:
    """GraphML with typed attributes; lists and objects (aliases, rounds, evidence) as JSON text."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    nodes = sorted(view.nodes.values(), key=lambda n: n.id)
    node_cols = _prop_columns([n.props for n in nodes], {"label", "name", "evidence"})
    for n in nodes:
        attrs = {"label": n.label, "name": n.name}
        for k, col, t in node_cols:
            if n.props.get(k) is not None:
                attrs[col] = _graphml_value(n.props[k], t)
        if n.evidence:
            attrs["evidence"] = json.dumps([e.to_dict() for e in n.evidence], ensure_ascii=False)
        g.add_node(n.id, **attrs)
    rel_cols = _prop_columns([r.props for r in view.relations], {"type", "id", "evidence"})
    for r in view.relations:
        attrs = {"type": r.type, "id": r.id,
                 "evidence": json.dumps([e.to_dict() for e in r.evidence], ensure_ascii=False)}
        for k, col, t in rel_cols:
            if r.props.get(k) is not None:
                attrs[col] = _graphml_value(r.props[k], t)
        g.add_edge(r.source, r.target, key=r.id, **attrs)
    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)).encode("utf-8")


def _graphml_value(value: Any, kind: str) -> Any:
    # GraphML attributes are scalars of one type per key: keep typed scalars, JSON for the rest.
    if kind in ("boolean", "long", "double", "string"):
        return float(value) if kind == "double" else value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
