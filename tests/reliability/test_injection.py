"""Injection: Cypher and HTML/JS payloads in every parameter and inside documents; Cypher only as constants.

(a) Every string parameter of every GET route (enumerated from `app.openapi()`, plus every parameter
    of the pages, which the OpenAPI leaves out) gets each payload, on both stores: no 5xx, JSON stays
    JSON, HTML never carries a payload unescaped, and the graph is unchanged afterwards (on Neo4j
    counted with Cypher of its own, not only through the store).
(b) The same payloads inside a small action plan's names and cells: the build either refuses the
    document (an error naming file and line) or keeps the payloads as inert text, and the pages of
    that graph contain nothing executable.
(c) A static check over graph/, queries/ and api/: every query handed to the Neo4j driver
    (`execute_query`, `run`, `Query(...)`, and the wrappers that pass their argument on) is a
    module-level constant, or chosen among such constants; never an f-string, a concatenation,
    `%` or `.format()` at the call site.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from api.build import build
from api.settings import Settings
from graph.memory_store import MemoryStore
from graph.model import BuildCheckError, InputError
from graph.reference import REPO_ROOT
from graph.store import GraphStore

PAYLOADS = [
    "' OR 1=1 //",
    "\"}) MATCH (n) DETACH DELETE n //",
    "MATCH (n) DETACH DELETE n",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "{{7*7}}",
    "${jndi:ldap://127.0.0.1:1/a}",
    "a\x00b",
    "\u202eevil\u202c县",
    "\r\nX-Injected: 1",
    "//evil.example/%2e%2e/",
    "永" * 2000 + "A" * 5000,
]
HTML_MARKERS = ("<script>alert(1)", "<img src=x onerror", "onerror=alert(1)>", "\"><img", "</script><script>")
# Valid values for the parameters a request needs besides the one under attack.
VALID: dict[str, dict[str, str]] = {
    "/api/rounds/diff": {"a": "2021-provincial", "b": "2025-2027"},
    "/api/path": {"a": "瓯海", "b": "省二轻集团"},
    "/api/search": {"q": "永嘉"},
    "/api/ask": {"q": "永嘉县的结对支援地"},
    "/find": {"q": "永嘉"},
}
NAME = "永嘉县"
SLOW_S = 5.0  # a bound on hanging per request, not a performance target


def _is_string(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" or any(s.get("type") == "string" for s in schema.get("anyOf", []))


def attack_points(app: Any) -> list[tuple[str, str, str, list[str]]]:
    """(path, parameter, where, required parameters) for every string parameter of every GET route in the
    OpenAPI, and every parameter of the GET routes it leaves out (the pages)."""
    points = []
    for path, ops in app.openapi()["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = op.get("parameters", [])
        required = [p["name"] for p in params if p.get("required") and p["in"] == "query"]
        points += [(path, p["name"], p["in"], required) for p in params if _is_string(p.get("schema", {}))]
    for route in _api_routes(app.routes):
        if not route.include_in_schema and "GET" in (route.methods or set()):
            flat = route.dependant
            query = [q.name for q in flat.query_params]
            required = [q.name for q in flat.query_params if q.field_info.is_required()]
            points += [(route.path, p.name, "path", required) for p in flat.path_params]
            points += [(route.path, name, "query", required) for name in query]
    return points


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (newer FastAPI keeps those as wrappers in app.routes;
    every router here is included without an extra prefix, so a route's own path is its full path)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _api_routes(inner.routes)


def request_url(path: str, param: str, where: str, required: list[str], value: str) -> tuple[str, dict[str, str]]:
    url = path
    for name in ("name",):
        if "{" + name + "}" in url:
            url = url.replace("{" + name + "}", quote(value if (where == "path" and param == name) else NAME, safe=""))
    query = {k: VALID.get(path, {}).get(k, NAME) for k in required if k != param}
    if where == "query":
        query[param] = value
    return url, query


@dataclass
class Findings:
    server_errors: list[str] = field(default_factory=list)
    unescaped: list[str] = field(default_factory=list)
    wrong_type: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    slowest: tuple[float, str] = (0.0, "")


def graph_counts(store: GraphStore) -> Any:
    counts = store.counts()
    if store.kind == "neo4j":  # also straight from the server, not only through the store's own queries
        from graph.neo4j_store import Neo4jStore

        assert isinstance(store, Neo4jStore)
        rows = store.read("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels")
        return counts, (rows[0]["nodes"], rows[0]["rels"])
    return counts


@pytest.fixture
def app_client(store: GraphStore, built: Path) -> Iterator[TestClient]:
    app = create_app(Settings(backend="neo4j" if store.kind == "neo4j" else "memory", graph_dir=built), store=store)
    with TestClient(app) as client:
        yield client


def test_every_string_parameter_is_attacked(app_client: TestClient) -> None:
    points = attack_points(app_client.app)
    covered = {(path, param) for path, param, _, _ in points}
    assert {("/api/regions/{name}/supporters", "field"), ("/api/ask", "q"), ("/api/path", "a"),
            ("/viz/{name}", "name"), ("/find", "q"), ("/api/neighborhood/{name}", "rel_types")} <= covered
    assert len(points) >= 35


def test_payloads_in_parameters_are_harmless(store: GraphStore, app_client: TestClient,
                                             figures: Callable[[str], None]) -> None:
    before = graph_counts(store)
    found = Findings()
    points = attack_points(app_client.app)
    started = time.perf_counter()
    for path, param, where, required in points:
        for payload in PAYLOADS:
            url, query = request_url(path, param, where, required, payload)
            label = f"GET {path} {param}={payload[:40]!r}"
            t0 = time.perf_counter()
            resp = app_client.get(url, params=query, headers={"Accept": "text/html,application/json;q=0.9"},
                                  follow_redirects=False)
            seconds = time.perf_counter() - t0
            found.statuses[resp.status_code] = found.statuses.get(resp.status_code, 0) + 1
            found.slowest = max(found.slowest, (seconds, label))
            if seconds > SLOW_S:
                found.slow.append(f"{label}: {seconds:.1f} s")
            if resp.status_code >= 500:
                found.server_errors.append(f"{label} → {resp.status_code} {resp.text[:200]}")
            kind = resp.headers.get("content-type", "")
            body = resp.text
            if kind.startswith("text/html"):
                leaked = [m for m in HTML_MARKERS if m in body] + ([payload] if payload in body and
                                                                   any(c in payload for c in "<>\"'&") else [])
                if leaked:
                    found.unescaped.append(f"{label} → {resp.status_code}: {leaked}")
            elif resp.is_redirect:  # /find → /viz/<id>; a path ending in / → the same path without it
                target = urlsplit(resp.headers["location"])
                if target.netloc not in ("", "testserver") or target.scheme not in ("", "http"):
                    found.wrong_type.append(f"{label} → {resp.status_code} redirects off-site: {target.geturl()}")
            elif not kind.startswith(("application/json", "application/zip", "application/xml", "text/csv")):
                found.wrong_type.append(f"{label} → {resp.status_code} {kind!r}")
    after = graph_counts(store)
    figures(f"{store.kind}: {sum(found.statuses.values())} requests ({len(points)} parameters × {len(PAYLOADS)} "
            f"payloads) in {time.perf_counter() - started:.1f} s, statuses {dict(sorted(found.statuses.items()))}; "
            f"slowest {found.slowest[0]:.2f} s ({found.slowest[1]})")
    assert found.server_errors == []
    assert found.unescaped == []
    assert found.wrong_type == []
    assert found.slow == []
    assert after == before


# -- (b) payloads inside a document ----------------------------------------------------------------

def payload_plan() -> str:
    """A 永嘉县 action plan in the real layout whose caption, titles, targets and unit cells are payloads."""
    header = ["序号", "重点举措", "到2027年预期目标", "2025年重点工作任务", "2026-2027年重点工作计划",
              "帮扶单位", "责任部门"]
    rows = [
        ["1", "<script>alert(1)</script>强化消费帮扶", "\"><img src=x onerror=alert(1)>销售额2500万元",
         "{{7*7}}升级共富工坊", "${jndi:ldap://127.0.0.1:1/a}", "<img src=x onerror=alert(1)>协会、省二轻集团",
         "' OR 1=1 //局"],
        ["2", "MATCH (n) DETACH DELETE n 医疗卫生合作", "</script><script>alert(1)</script>",
         "\u202eevil\u202c任务", "计划", "\"}) MATCH (n) DETACH DELETE n //医院、瓯海区", "县卫健局"],
    ]
    text = ("永嘉县山海协作结对帮扶三年行动计划（2025-2027年）\n\n"
            "附件2：<script>alert(1)</script>重点举措清单（2025-2027年）\n\n")
    text += "".join(f"\t{h}\n" for h in header) + "\n\t五、服务惠民领域\n\n"
    for row in rows:
        text += "".join(f"\t{c}\n" for c in row) + "\n"
    return text


def test_payloads_inside_a_document_stay_inert(tmp_path: Path, figures: Callable[[str], None]) -> None:
    doc = tmp_path / "payload_plan.txt"
    doc.write_text(payload_plan(), encoding="utf-8")
    out = tmp_path / "graph"
    try:
        report = build([doc], out)
    except (InputError, BuildCheckError) as exc:  # refusing the document is fine, if it says where
        figures(f"the payload document was refused: {exc}")
        assert "payload_plan.txt" in str(exc)
        return
    names = [n.name for n in report.snapshot.nodes if n.id.startswith(("measure:payload-plan", "org:"))]
    kept = [n for n in names if any(c in n for c in "<>{}$'\"")]
    figures(f"the payload document built; {len(kept)} node names keep payload text, e.g. {kept[:3]}; "
            f"{len(report.snapshot.warnings)} warnings")
    assert any("<script>alert(1)</script>" in n for n in names), "the payload survives as plain text"

    store = MemoryStore.from_snapshot(out)
    try:
        payload_ids = [n.id for n in store.nodes() if any(c in n.name for c in "<>")]
        pages = ["/", "/viz", "/viz/永嘉县?depth=2", *(f"/viz/{quote(i, safe='')}" for i in payload_ids)]
        with TestClient(create_app(Settings(graph_dir=out), store=store)) as client:
            for page in pages:
                resp = client.get(page, headers={"Accept": "text/html"})
                assert resp.status_code == 200, (page, resp.text[:300])
                assert [m for m in HTML_MARKERS if m in resp.text] == [], page
                policy = resp.headers["content-security-policy"]
                script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
                assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
            found = client.get("/api/search", params={"q": "<script>"}).json()
            assert found["total"] >= 1  # stored as data and findable as data
    finally:
        store.close()


# -- (c) Cypher only as constants --------------------------------------------------------------------

PACKAGES = ("graph", "queries", "api")


@dataclass(frozen=True)
class Sink:
    """A callable that takes a query: its argument position (after self) and keyword, and whether it takes
    one query ("value") or a mapping / sequence of queries to pick from ("container")."""

    index: int
    keyword: str
    container: bool = False
    method: bool = True
    derived_from: str | None = None  # "path:line" of the function that passes a parameter on


# The driver's entry points; `Query` is matched by its import from neo4j instead.
DRIVER_SINKS = {"execute_query": Sink(0, "query_"), "run": Sink(0, "query")}


@dataclass
class Source:
    path: Path
    name: str  # as reported: relative to the repository
    tree: ast.Module
    constants: set[str]
    modules: set[str]
    query_names: set[str]
    parents: dict[ast.AST, ast.AST]


def _module_constants(tree: ast.Module) -> set[str]:
    """Names bound at module level by assignment (built once at import), and UPPER_CASE names imported."""
    out: set[str] = set()
    for statement in tree.body:
        targets: list[ast.expr] = (statement.targets if isinstance(statement, ast.Assign) else
                                   [statement.target] if isinstance(statement, ast.AnnAssign) else [])
        out |= {t.id for t in targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            out |= {a.asname or a.name for a in node.names if (a.asname or a.name).lstrip("_").isupper()}
    return out


def _imported_modules(tree: ast.Module, package: str) -> set[str]:
    """Local names that are modules (`import x`, `from pkg import module`): calls on them are no driver calls."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or package
            for a in node.names:
                try:
                    is_module = importlib.util.find_spec(f"{base}.{a.name}") is not None
                except (ImportError, ValueError):
                    is_module = False
                if is_module:
                    out.add(a.asname or a.name)
    return out


def _load(path: Path, root: Path = REPO_ROOT) -> Source:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    relative = path.relative_to(root)
    query_names = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                   and (node.module or "").split(".")[0] == "neo4j" for a in node.names if a.name == "Query"}
    return Source(path, str(relative), tree, _module_constants(tree),
                  _imported_modules(tree, ".".join(relative.with_suffix("").parts[:-1])), query_names, parents)


Function = ast.FunctionDef | ast.AsyncFunctionDef
Comprehension = ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp


def _enclosing(src: Source, node: ast.AST) -> Function | None:
    while node in src.parents:
        node = src.parents[node]
        if isinstance(node, Function):
            return node
    return None


def _params(fn: Function) -> list[str]:
    names = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
    return names[1:] if names and names[0] in ("self", "cls") else names


class CypherCheck:
    """Which calls take a query, and whether the query each one gets is built only from constants.

    A function that passes one of its own parameters on as a query (the store's `read`, the sync's
    `written`, `_upsert(writer, queries, …)`) becomes a sink itself: its callers are then checked, and
    one that nobody calls (say a route handler handing a request value to the store) is a problem.
    """

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.sinks: dict[str, Sink] = dict(DRIVER_SINKS)
        changed = True
        while changed:
            changed = False
            for src in sources:
                for call, sink, arg in self.query_calls(src):
                    fn = _enclosing(src, call)
                    root = self._param_root(arg, sink.container) if fn is not None else None
                    if fn is None or root is None or root[0] not in _params(fn) or fn.name in self.sinks:
                        continue
                    method = isinstance(src.parents.get(fn), ast.ClassDef)
                    self.sinks[fn.name] = Sink(_params(fn).index(root[0]), root[0], root[1], method,
                                               f"{src.name}:{fn.lineno}")
                    changed = True

    @staticmethod
    def _param_root(arg: ast.expr, container: bool) -> tuple[str, bool] | None:
        """(name, passed as container) when `arg` is a bare name or a pick from a named container."""
        if isinstance(arg, ast.Name):
            return arg.id, container
        if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name):
            return arg.value.id, True
        if (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "get"
                and isinstance(arg.func.value, ast.Name)):
            return arg.func.value.id, True
        return None

    def query_calls(self, src: Source) -> Iterator[tuple[ast.Call, Sink, ast.expr]]:
        for node in ast.walk(src.tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            sink: Sink | None = None
            if isinstance(func, ast.Name) and func.id in src.query_names:
                sink = Sink(0, "text")
            elif isinstance(func, ast.Name) and func.id in self.sinks and not self.sinks[func.id].method:
                sink = self.sinks[func.id]
            elif isinstance(func, ast.Attribute) and func.attr in self.sinks and self.sinks[func.attr].method and not (
                    isinstance(func.value, ast.Name) and func.value.id in src.modules):
                sink = self.sinks[func.attr]
            if sink is None:
                continue
            arg = next((k.value for k in node.keywords if k.arg == sink.keyword), None)
            if arg is None and len(node.args) > sink.index:
                arg = node.args[sink.index]
            if arg is not None:
                yield node, sink, arg

    def problems(self) -> list[str]:
        out = []
        called: set[str] = set()
        for src in self.sources:
            for call, sink, arg in self.query_calls(src):
                func = call.func
                called.add(func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute)
                           else "")
                fn = _enclosing(src, call)
                ok = self.container(src, fn, arg, set()) if sink.container else self.safe(src, fn, arg, set())
                if not ok:
                    out.append(f"{src.name}:{call.lineno}: {ast.unparse(call)[:160]}")
        for name, sink in self.sinks.items():
            if sink.derived_from and name not in called:
                out.append(f"{sink.derived_from}: {name}() passes its parameter {sink.keyword!r} on as a query "
                           "but is never called here, so nothing shows it only gets constants")
        return out

    def safe(self, src: Source, scope: ast.AST | None, expr: ast.expr, seen: frozenset[str] | set[str]) -> bool:
        """A literal, a constant, a choice among constants, or a Query(...) (checked as a call of its own)."""
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in src.query_names:
            return True
        if isinstance(expr, ast.IfExp):
            return self.safe(src, scope, expr.body, seen) and self.safe(src, scope, expr.orelse, seen)
        if isinstance(expr, ast.Subscript):  # UPSERT_NODES[label]
            return self.container(src, scope, expr.value, seen)
        if (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get"
                and all(self.safe(src, scope, a, seen) for a in expr.args[1:])):
            return self.container(src, scope, expr.func.value, seen)  # {"out": RELS_OUT, …}.get(direction)
        if isinstance(expr, ast.Name):
            return self.name(src, scope, expr.id, seen, element=False)
        return False  # an f-string, +, %, .format(), any other call: text built at run time

    def container(self, src: Source, scope: ast.AST | None, expr: ast.expr, seen: frozenset[str] | set[str]) -> bool:
        """An expression whose elements or values are all safe queries."""
        if isinstance(expr, ast.Dict):
            return all(self.safe(src, scope, v, seen) for v in expr.values)
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            return all(self.safe(src, scope, e, seen) for e in expr.elts)
        if isinstance(expr, ast.ListComp | ast.GeneratorExp | ast.SetComp):
            return all(self.container(src, scope, g.iter, seen) for g in expr.generators) and self.safe(
                src, expr, expr.elt, seen)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in (
                "sorted", "list", "tuple", "enumerate", "reversed", "dict") and expr.args:
            return self.container(src, scope, expr.args[0], seen)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in (
                "items", "values"):
            return self.container(src, scope, expr.func.value, seen)
        if isinstance(expr, ast.Name):
            return self.name(src, scope, expr.id, seen, element=True)
        return False

    def name(self, src: Source, scope: ast.AST | None, name: str, seen: frozenset[str] | set[str], *,
             element: bool) -> bool:
        if name in seen:
            return True
        seen = {*seen, name}
        while scope is not None:
            bindings = list(self.bindings(scope, name))
            if bindings:
                return all(self.container(src, scope, value, seen) if kind == "element" or element
                           else self.safe(src, scope, value, seen) for kind, value in bindings)
            if isinstance(scope, Function) and name in _params(scope):
                # A parameter is fine only in a sink, where every caller is checked instead.
                sink = self.sinks.get(scope.name)
                return sink is not None and _params(scope).index(name) == sink.index
            scope = _enclosing(src, scope)
        return name in src.constants

    @staticmethod
    def bindings(scope: ast.AST, name: str) -> Iterator[tuple[str, ast.expr]]:
        """("value", expr) for `name = expr`; ("element", iterable) for `for name in iterable`, unpacking and
        comprehension targets — within `scope`, not inside nested functions."""
        def binds(target: ast.expr) -> bool:
            return (isinstance(target, ast.Name) and target.id == name) or (
                isinstance(target, ast.Tuple | ast.List) and any(binds(e) for e in target.elts))

        if isinstance(scope, Comprehension):
            for g in scope.generators:
                if binds(g.target):
                    yield "element", g.iter
            return
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, Function | ast.Lambda | ast.ClassDef | Comprehension):
                continue
            if isinstance(node, ast.Assign) and any(binds(t) for t in node.targets):
                plain = all(isinstance(t, ast.Name) for t in node.targets)
                yield ("value" if plain else "element"), node.value
            elif isinstance(node, ast.AnnAssign | ast.AugAssign) and binds(node.target):
                if node.value is None:
                    continue
                yield "value", node.value if isinstance(node, ast.AnnAssign) else ast.BinOp(
                    node.target, node.op, node.value)
            elif isinstance(node, ast.For | ast.AsyncFor) and binds(node.target):
                yield "element", node.iter
            elif isinstance(node, ast.NamedExpr) and binds(node.target):
                yield "value", node.value
            stack.extend(ast.iter_child_nodes(node))


def _sources() -> list[Source]:
    return [_load(p) for pkg in PACKAGES for p in sorted((REPO_ROOT / pkg).rglob("*.py"))]


def test_cypher_reaches_the_driver_only_as_constants(figures: Callable[[str], None]) -> None:
    check = CypherCheck(_sources())
    calls = [(src.name, call.lineno) for src in check.sources for call, _, _ in check.query_calls(src)]
    derived = sorted(name for name, sink in check.sinks.items() if sink.derived_from)
    figures(f"{len(calls)} query calls in {len(check.sources)} modules checked; wrappers followed: {derived}")
    assert "read" in derived, "Neo4jStore.read passes its query on: its callers must be checked"
    assert len(calls) >= 10
    assert check.problems() == []


BAD_MODULE = """
from neo4j import Query
FIXED = "MATCH (n {id: $id}) RETURN n"
BY_LABEL = {"Region": "MATCH (n:Region) RETURN n"}
ITEMS = (("a", FIXED), ("b", "RETURN 1"))

class Store:
    def read(self, text, **params):
        return self.driver.execute_query(Query(text), parameters_=params)

def upsert(store, queries, key):
    store.read(queries[key])

def good(store, label, direction, present):
    store.read(FIXED, id=1)
    store.read(BY_LABEL[label])
    store.read({"out": FIXED, "in": FIXED}.get(direction))
    store.read(FIXED if label else BY_LABEL["Region"])
    for statement in [FIXED, "RETURN 1"]:
        store.read(statement)
    missing = [statement for name, statement in ITEMS if name not in present]
    for statement in missing:
        store.read(statement)
    upsert(store, BY_LABEL, label)
    upsert(store, {"": FIXED}, "")

def bad(store, session, name, label):
    store.read(f"MATCH (n {{name: '{name}'}}) RETURN n")  # BAD
    store.read("MATCH (n:" + label + ") RETURN n")  # BAD
    store.read("MATCH (n) WHERE n.name = '%s' RETURN n" % name)  # BAD
    session.run("MATCH (n:{}) RETURN n".format(label))  # BAD
    text = FIXED
    text += name
    store.driver.execute_query(text)  # BAD
    upsert(store, {"": "MATCH (n:" + label + ") RETURN n"}, "")  # BAD
    store.read(Query(FIXED + label))  # BAD

def handler(store, q):  # BAD: hands a request value to the store and is called by no one here
    return store.read(q)

def other_handler(store, q):  # BAD: the same through Query(...)
    return store.read(Query(q))
"""


def test_the_static_check_catches_built_queries(tmp_path: Path) -> None:
    path = tmp_path / "graph" / "bad_store.py"
    path.parent.mkdir()
    path.write_text(BAD_MODULE, encoding="utf-8")
    check = CypherCheck([_load(path, tmp_path)])
    flagged = {int(p.split(":")[1]) for p in check.problems()}
    expected = {i for i, line in enumerate(BAD_MODULE.splitlines(), start=1) if "# BAD" in line}
    assert flagged == expected, check.problems()


def test_payload_list_is_json_safe() -> None:
    # A guard on the test itself: every payload survives a JSON round trip (NUL and RTL included).
    assert json.loads(json.dumps(PAYLOADS)) == PAYLOADS
