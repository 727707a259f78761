"""The layers point one way (api → queries → graph ← loaders), queries never pick a backend, Cypher in one module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What each package may import from the project: graph is the core, loaders and queries build on it,
# api (the app, the CLI and the build that joins loaders and graph) on everything.
ALLOWED = {"graph": {"graph"}, "loaders": {"graph", "loaders"}, "queries": {"graph", "queries"},
           "api": {"graph", "loaders", "queries", "api"}}
BACKENDS = {"graph.memory_store", "graph.neo4j_store", "graph.neo4j_sync", "graph.neo4j_codec", "graph.cypher"}
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND|DETACH DELETE)\b.*(\(|\$)")


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_layers_point_one_way(package: str) -> None:
    wrong = [f"{p.relative_to(ROOT)} imports {m}" for p in _modules(package) for m in _imports(p)
             if m.split(".")[0] in ALLOWED and m.split(".")[0] not in ALLOWED[package]]
    assert wrong == []


def test_queries_never_pick_a_backend() -> None:
    """Backend differences are store capabilities: no backend import, no test of the store's kind."""
    wrong = []
    for p in _modules("queries"):
        text = p.read_text(encoding="utf-8")
        wrong += [f"{p.relative_to(ROOT)} imports {m}" for m in _imports(p)
                  if m in BACKENDS or m.split(".")[0] == "neo4j"]
        wrong += [f"{p.relative_to(ROOT)}: {m.group(0)}" for m in re.finditer(r"\.kind\s*[=!]=\s*[\"'](neo4j|memory)",
                                                                               text)]
    assert wrong == []


def test_cypher_lives_in_one_module() -> None:
    found = []
    for package in ALLOWED:
        for p in _modules(package):
            if p.relative_to(ROOT).as_posix() == "graph/cypher.py":
                continue
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and CYPHER.search(node.value):
                    found.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert found == []


# Where a `.to_dict()` result may stand in question answering: the answer being assembled — returned
# (directly, in a list or tuple, a comprehension's element, the left side of `|`) or a value of a dict.
_ASSEMBLY = (ast.List, ast.Tuple, ast.ListComp, ast.BinOp)


def _reads_of_to_dict(path: Path) -> list[str]:
    """`.to_dict()` calls whose dict is read (kept in a name, passed on, subscripted), not just returned."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "to_dict"):
            continue
        up, child = parent[node], node
        while isinstance(up, _ASSEMBLY) and not (isinstance(up, ast.BinOp) and (
                not isinstance(up.op, ast.BitOr) or up.left is not child)) and not (
                isinstance(up, ast.ListComp) and up.elt is not child):
            up, child = parent[up], up
        if not (isinstance(up, ast.Return) or (isinstance(up, ast.Dict) and child in up.values)):
            out.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return out


def test_question_answering_reads_typed_results() -> None:
    """Answers filter and merge the queries' typed rows; a row becomes a dict only in the answer itself."""
    files = sorted((ROOT / "queries").glob("qa*.py"))
    assert any("to_dict()" in p.read_text(encoding="utf-8") for p in files)  # the check has something to check
    assert [x for p in files for x in _reads_of_to_dict(p)] == []
