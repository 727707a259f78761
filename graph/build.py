"""The graph half of the build: reference records, merging loaded records into one graph, checks."""

from __future__ import annotations

import time
from typing import Any

from graph import checks as build_checks
from graph.model import (
    DOCUMENT,
    DOMAIN,
    ORGANIZATION,
    PART_OF,
    REGION,
    BuildCheckError,
    BuildWarning,
    Evidence,
    LoadResult,
    Node,
    Relation,
)
from graph.reference import Reference
from graph.snapshot import Snapshot


def reference_records(ref: Reference) -> LoadResult:
    """Nodes for all reference entries, and PART_OF links backed by the gazetteer file as evidence."""
    res = LoadResult()
    doc = "ref:regions"
    for e in ref.regions:
        props = dict(e.props)
        props.pop("parent", None)
        props["aliases"] = e.aliases
        if e.pinyin:
            props["pinyin"] = e.pinyin
        res.nodes.append(Node(e.id, REGION, e.name, props))
        parent = e.props.get("parent")
        if parent:
            parent_name = next(r.name for r in ref.regions if r.id == parent)
            quote = f"{parent_name}: {e.name}"
            res.relations.append(Relation(PART_OF, e.id, parent, {},
                                          [Evidence(doc, f"regions.yaml/{parent_name}", quote)]))
    for e in ref.organizations:
        res.nodes.append(Node(e.id, ORGANIZATION, e.name, {**e.props, "aliases": e.aliases,
                                                           **({"en": e.en[0]} if e.en else {})}))
    for e in ref.domains:
        res.nodes.append(Node(e.id, DOMAIN, e.name, {"key": e.props["key"], "en_label": e.props["en_label"],
                                                     "zh": e.props["zh"], "en_words": e.en,
                                                     "section_words": e.props["section_words"]}))
    res.nodes.append(Node(doc, DOCUMENT, "浙江省县级行政区划（项目参考数据）",
                          {"kind": "reference", "path": "data/reference/regions.yaml"}))
    return res


def merge(results: list[LoadResult], ref: Reference) -> tuple[list[Node], list[Relation]]:
    """One node per id and one relationship per (type, ends, level, mechanism); evidence accumulates."""
    order = ref.round_order()
    nodes: dict[str, Node] = {}
    rels: dict[str, Relation] = {}
    for res in results:
        for n in res.nodes:
            cur = nodes.get(n.id)
            if cur is None:
                nodes[n.id] = Node(n.id, n.label, n.name, dict(n.props), list(n.evidence))
                continue
            for k, v in n.props.items():
                if isinstance(v, list) and isinstance(cur.props.get(k), list):
                    cur.props[k] = cur.props[k] + [x for x in v if x not in cur.props[k]]
                elif k not in cur.props or cur.props[k] in (None, "", [], False):
                    cur.props[k] = v
            _add_evidence(cur.evidence, n.evidence)
        for r in res.relations:
            props = dict(r.props)
            rnd = props.pop("round", None)
            rel = rels.get(r.id)
            if rel is None:
                rel = rels[r.id] = Relation(r.type, r.source, r.target, props, [])
            else:
                for k, v in props.items():
                    if k == "domains":
                        rel.props[k] = [d for d in _domain_order(ref) if d in set(rel.props.get(k, [])) | set(v)]
                    elif k not in rel.props:
                        rel.props[k] = v
            rel.props.setdefault("rounds", [])  # also when an earlier copy had none and lost the key below
            if rnd and rnd not in rel.props["rounds"]:
                rel.props["rounds"] = sorted([*rel.props["rounds"], rnd], key=lambda x: order.get(x, 99))
            if not rel.props["rounds"]:
                del rel.props["rounds"]
            _add_evidence(rel.evidence, r.evidence)
    for rel in rels.values():
        rounds = rel.props.get("rounds")
        if rounds:
            spans = [x for x in ref.rounds if x["id"] in rounds]
            rel.props["valid_from"] = min(x["valid_from"] for x in spans)
            rel.props["valid_to"] = max(x["valid_to"] for x in spans)
    dangling = [r for r in rels.values() if r.source not in nodes or r.target not in nodes]
    if dangling:
        r = dangling[0]
        raise BuildCheckError(f"{len(dangling)} relationships point at unknown nodes, e.g. {r.type} "
                              f"{r.source} -> {r.target} ({r.evidence[0].document if r.evidence else '?'})")
    return sorted(nodes.values(), key=lambda n: n.id), sorted(rels.values(), key=lambda r: r.id)


def _domain_order(ref: Reference) -> list[str]:
    return [d.id for d in ref.domains]


def _add_evidence(into: list[Evidence], new: list[Evidence]) -> None:
    seen = {(e.document, e.locator, e.note) for e in into}
    for e in new:
        if (e.document, e.locator, e.note) not in seen:
            into.append(e)
            seen.add((e.document, e.locator, e.note))


def assemble(results: list[LoadResult], ref: Reference, documents: list[dict[str, Any]],
             texts: dict[str, str]) -> Snapshot:
    """One graph from the reference data and the loaders' records, checked: BuildCheckError when a
    check fails (the caller then writes nothing, so the previous snapshot stays)."""
    results = [reference_records(ref), *results]
    nodes, rels = merge(results, ref)
    facts: dict[str, list[Any]] = {}
    warnings: list[BuildWarning] = []
    for r in results:
        warnings += r.warnings
        for k, v in r.facts.items():
            facts.setdefault(k, []).extend(v)
    outcome = build_checks.run(nodes, rels, ref, facts, texts)
    snap = Snapshot(nodes, rels, [w.to_dict() for w in warnings], outcome, {
        "documents": documents,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "rounds": ref.rounds,
    })
    snap.support_facts()  # derived once here, kept in the snapshot (graph.support)
    failed = [c for c in outcome if not c["ok"]]
    if failed:
        raise BuildCheckError("build checks failed: " + "; ".join(f"{c['id']}: {c['detail']}" for c in failed))
    return snap
