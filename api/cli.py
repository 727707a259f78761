"""The `shanhai` command line: build, add, stats, ask, eval, serve, neo4j sync, export."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from api.add import add_parser
from graph.model import BuildCheckError, InputError


def _progress_printer(enabled: bool) -> Any:
    if not enabled:
        return None

    def show(name: str, i: int, total: int) -> None:
        bar = "#" * int(20 * i / max(total, 1))
        sys.stderr.write(f"\r[{bar:<20}] {i}/{total} {name[:50]:<50}")
        if i == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_build(args: argparse.Namespace) -> int:
    from api.build import build
    from graph.reference import BUILD_DIR

    out = Path(args.out) if args.out else BUILD_DIR
    try:
        report = build([Path(s) for s in args.source], out, progress=_progress_printer(sys.stderr.isatty()))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"nothing written; the previous snapshot in {out} is unchanged", file=sys.stderr)
        return 2
    except BuildCheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"nothing written; the previous snapshot in {out} is unchanged", file=sys.stderr)
        return 3
    snap = report.snapshot
    print(f"built {len(snap.nodes)} nodes, {len(snap.relations)} relationships from "
          f"{len(report.documents)} documents in {report.seconds:.2f}s → {report.path}")
    for c in snap.checks:
        print(f"  check {c['id']}: {'ok' if c['ok'] else 'FAILED'} — {c['detail']}")
    for w in snap.warnings:
        if w["locator"] in ("file", "document"):  # a whole file skipped or unread: said here, not only in stats
            print(f"  warning {w['document']}: {w['message']}")
    if snap.warnings:
        print(f"  {len(snap.warnings)} warnings (see `shanhai stats`)")
    return 0


def _settings(args: argparse.Namespace) -> Any:
    """The environment's settings (SHANHAI_*, NEO4J_*), with the command's flags on top."""
    from api.settings import Settings

    overrides: dict[str, Any] = {"backend": getattr(args, "backend", None),
                                 "graph_dir": Path(args.graph) if getattr(args, "graph", None) else None}
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _open(args: argparse.Namespace) -> Any:
    from graph.registry import open_store

    return open_store(_settings(args).store_config())


def cmd_stats(args: argparse.Namespace) -> int:
    from graph.model import SUPPORTS
    from queries.unknown_names import unknown_names

    store = _open(args)
    try:
        counts = store.counts()
        rels = store.all_relations()
        missing = sum(1 for r in rels if not r.evidence)
        snap_meta = store.snapshot_meta
        out = {
            "backend": store.kind,
            "nodes": counts["nodes"],
            "relationships": counts["relationships"],
            "node_total": sum(counts["nodes"].values()),
            "relationship_total": sum(counts["relationships"].values()),
            "relationships_without_evidence": missing,
            "supports_by_mechanism": _by_mechanism([r for r in rels if r.type == SUPPORTS]),
            "checks": store.checks,
            "warnings": store.warnings,
            "unknown_names": [u.to_dict() for u in unknown_names(store.warnings)],
            "documents": snap_meta.get("documents", []),
        }
    finally:
        store.close()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"backend: {out['backend']}")
    print(f"nodes ({out['node_total']}): " + ", ".join(f"{k} {v}" for k, v in out["nodes"].items()))
    print(f"relationships ({out['relationship_total']}): "
          + ", ".join(f"{k} {v}" for k, v in out["relationships"].items()))
    print(f"relationships without evidence: {missing}")
    for c in out["checks"]:
        print(f"check {c['id']}: {'ok' if c['ok'] else 'FAILED'} — {c['detail']}")
    for w in out["warnings"]:
        print(f"warning {w['document']}:{w['locator']}: {w['message']}")
    names = out["unknown_names"]
    print(f"names not in data/reference ({len(names)}): add them to data/reference/*.yaml if they are right")
    for u in names:
        print(f"  {u['name']} — {u['count']}× in {', '.join(u['documents'])} ({', '.join(u['locators'][:3])}"
              f"{' …' if u['count'] > 3 else ''})")
    return 0


def _by_mechanism(rels: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rels:
        k = r.props.get("mechanism", "?")
        out[k] = out.get(k, 0) + 1
    return dict(sorted(out.items()))


def cmd_ask(args: argparse.Namespace) -> int:
    from queries.qa import ask

    store = _open(args)
    try:
        answer = ask(store, args.question)
    finally:
        store.close()
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    i = answer.interpretation
    print(f"Q: {answer.question}")
    ents = ", ".join(e["name"] for e in i["entities"]) or "-"
    print(f"   intent {i['intent']}; entities {ents}; field {i['domain']['name'] if i['domain'] else '-'}; "
          f"query {answer.query} {json.dumps(answer.params, ensure_ascii=False)}")
    print(answer.message)
    for a in answer.answers:
        value = f": {a['value']}" if a.get("value") is not None else ""
        print(f"- {a['name']} ({a['type']}{', ' + str(a['kind']) if a.get('kind') else ''}){value}")
        for s in a.get("supports", []):
            how = s["mechanism"] or s["via"]
            item = (s.get("measure") or s.get("project") or {}).get("name")
            print(f"    {how}{' — ' + item if item else ''} [{', '.join(s['rounds'])}]")
        for e in a.get("evidence", [])[:3]:
            quote = e["quote"].replace("\n", " ").replace("\t", " ")
            print(f"    {e['document']} {e['locator']}: {quote[:100]}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.limits import MAX_REQUEST_HEAD

    # Flags override the SHANHAI_* environment; unset flags leave it (or the defaults) in charge.
    settings = _settings(args)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving the graph ({settings.backend} store) at http://{host}:{args.port}/ "
          f"— API docs at http://{host}:{args.port}/docs", flush=True)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info",
                h11_max_incomplete_event_size=MAX_REQUEST_HEAD)
    return 0


def cmd_neo4j_sync(args: argparse.Namespace) -> int:
    from graph import snapshot
    from graph.neo4j_store import Neo4jStore
    from graph.neo4j_sync import sync
    from graph.reference import BUILD_DIR

    snap = snapshot.read(Path(args.graph) if args.graph else BUILD_DIR)
    store = Neo4jStore.from_config(_settings(args).store_config())
    try:
        summary = sync(snap, store, batch_size=args.batch_size, progress=_progress_printer(sys.stderr.isatty()))
    finally:
        store.close()
    s = summary.to_dict()
    if args.json:
        print(json.dumps(s, ensure_ascii=False))
    else:
        print(f"synced to {store.uri}: {s['created']} created, {s['updated']} updated, {s['unchanged']} unchanged, "
              f"{s['deleted']} deleted — {s['nodes']} nodes, {s['relationships']} relationships in {s['seconds']:.2f}s"
              f"; {s['facts']} support facts: {s['facts_created']} created, {s['facts_updated']} updated, "
              f"{s['facts_deleted']} deleted")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from api import exports
    from api.graphview import GraphView

    store = _open(args)
    try:
        view = GraphView.from_store(store)
        if args.format == "json":
            data = json.dumps(exports.to_json(view), ensure_ascii=False, indent=1).encode("utf-8")
        elif args.format == "graphml":
            data = exports.to_graphml(view)
        else:
            data = exports.to_neo4j_csv_zip(view)
    finally:
        store.close()
    if args.out:
        Path(args.out).write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="shanhai", description="The 山海协作 pairing knowledge graph")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="load data/sources (+ --source) and write the snapshot")
    b.add_argument("--source", action="append", default=[], help="extra source file or directory")
    b.add_argument("--out", help="directory for the snapshot (default data/build)")
    b.set_defaults(func=cmd_build)
    add_parser(sub)
    for name, fn, helptext in (("stats", cmd_stats, "counts, checks and warnings"),
                               ("ask", cmd_ask, "answer a question in Chinese or English")):
        s = sub.add_parser(name, help=helptext)
        if name == "ask":
            s.add_argument("question")
        s.add_argument("--json", action="store_true")
        s.add_argument("--graph", help="snapshot directory (default data/build)")
        s.add_argument("--backend", choices=["memory", "neo4j"], default="memory")
        s.set_defaults(func=fn)
    from api.cli_eval import add_parser as add_eval

    add_eval(sub, _open)
    sv = sub.add_parser("serve", help="serve the HTTP API and the network pages")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--backend", choices=["memory", "neo4j"], default=None, help="default memory (SHANHAI_BACKEND)")
    sv.add_argument("--graph", help="snapshot directory for the memory store (default data/build)")
    sv.set_defaults(func=cmd_serve)
    n4 = sub.add_parser("neo4j", help="the Neo4j store").add_subparsers(dest="neo4j_command", required=True)
    ns = n4.add_parser("sync", help="make Neo4j (NEO4J_URI …) hold exactly the built snapshot")
    ns.add_argument("--graph", help="snapshot directory (default data/build)")
    ns.add_argument("--batch-size", type=int, default=1000)
    ns.add_argument("--json", action="store_true")
    ns.set_defaults(func=cmd_neo4j_sync)
    ex = sub.add_parser("export", help="export the graph as json, graphml or csv (a zip for neo4j-admin import)")
    ex.add_argument("--format", choices=["json", "graphml", "csv"], default="json")
    ex.add_argument("--out", help="file to write (default stdout)")
    ex.add_argument("--graph", help="snapshot directory (default data/build)")
    ex.add_argument("--backend", choices=["memory", "neo4j"], default="memory")
    ex.set_defaults(func=cmd_export)
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        code: int = args.func(args)
    except Exception as exc:  # one clear line instead of a traceback for store problems
        from graph.store import StoreUnavailable

        if isinstance(exc, StoreUnavailable):
            print(f"error: {exc}", file=sys.stderr)
            return 4
        raise
    del t0
    return code


if __name__ == "__main__":
    raise SystemExit(main())
