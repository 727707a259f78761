"""Exports: JSON round-trips the graph, GraphML parses, the CSV zip is what neo4j-admin imports."""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.exports import column_type, import_arguments
from tests.conftest import neo4j_required


@pytest.fixture(scope="module")
def exported(client: TestClient) -> dict[str, Any]:
    return client.get("/api/export.json").json()


def test_json_export_is_the_whole_graph(client: TestClient, exported: dict[str, Any]) -> None:
    stats = client.get("/api/stats").json()
    assert len(exported["nodes"]) == stats["node_total"]
    assert len(exported["relations"]) == stats["relationship_total"]
    assert all(r["evidence"] for r in exported["relations"])


def test_graphml_parses_with_every_node_and_edge(client: TestClient, exported: dict[str, Any]) -> None:
    resp = client.get("/api/export.graphml")
    assert resp.headers["content-type"].startswith("application/graphml+xml")
    g = nx.read_graphml(io.BytesIO(resp.content), force_multigraph=True)
    assert g.number_of_nodes() == len(exported["nodes"])
    assert g.number_of_edges() == len(exported["relations"])
    assert g.nodes["region:yongjiaxian"]["name"] == "永嘉县"
    assert g.nodes["region:yongjiaxian"]["mountain"] is True
    some = next(iter(g.edges(data=True)))[2]
    assert json.loads(some["evidence"])[0]["quote"]


def _csv_files(client: TestClient) -> dict[str, list[dict[str, str]]]:
    resp = client.get("/api/export.csv")
    assert resp.headers["content-type"] == "application/zip"
    out: dict[str, list[dict[str, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        assert "README.txt" in zf.namelist()
        for name in zf.namelist():
            if name.endswith(".csv"):
                out[name] = list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8"))))
    return out


def test_csv_zip_follows_the_neo4j_admin_header_format(client: TestClient, exported: dict[str, Any]) -> None:
    files = _csv_files(client)
    labels = {n["label"] for n in exported["nodes"]}
    types = {r["type"] for r in exported["relations"]}
    assert set(files) == {f"nodes_{x}.csv" for x in labels} | {f"relationships_{t}.csv" for t in types}
    regions = files["nodes_Region.csv"]
    assert list(regions[0])[:3] == ["id:ID", ":LABEL", "name"]
    assert "mountain:boolean" in regions[0] and "aliases:string[]" in regions[0]
    yongjia = next(r for r in regions if r["id:ID"] == "region:yongjiaxian")
    assert yongjia["name"] == "永嘉县" and yongjia["mountain:boolean"] == "true"
    assert "永嘉" in yongjia["aliases:string[]"].split(";")
    supports = files["relationships_SUPPORTS.csv"]
    assert list(supports[0])[:4] == [":START_ID", ":END_ID", ":TYPE", "id"]
    assert "rounds:string[]" in supports[0]
    for row in supports:
        evidence = json.loads(row["evidence_json"])
        docs = row["evidence_document:string[]"].split(";")
        quotes = row["evidence_quote:string[]"].split(";")
        assert len(docs) == len(quotes) == len(evidence)  # aligned arrays, one item per evidence
    assert sum(len(rows) for name, rows in files.items() if name.startswith("nodes_")) == len(exported["nodes"])


def test_column_types() -> None:
    assert column_type([1, 2, None]) == "long"
    assert column_type([1, 2.5]) == "double"
    assert column_type([True, False]) == "boolean"
    assert column_type([["a"], [], None]) == "string[]"
    assert column_type(["a", 1]) == "json"
    assert column_type([{"a": 1}]) == "json"


def _neo4j_lib() -> Path | None:
    root = os.environ.get("SHANHAI_CACHE") or str(Path.home() / ".cache" / "shanhai")
    found = sorted(glob.glob(os.path.join(root, "neo4j-*", "lib", "neo4j-import-tool-*.jar")))
    return Path(found[-1]).parent if found else None


@pytest.mark.neo4j
def test_neo4j_admin_imports_the_csv(memory_client: TestClient, tmp_path: Path) -> None:
    """The real `neo4j-admin database import full` (from the jars `make neo4j-up` fetches) takes the zip."""
    lib = _neo4j_lib()
    java = shutil.which("java")
    if lib is None or java is None:
        if neo4j_required():
            pytest.fail("no Neo4j jars or java: run `scripts/neo4j_local.sh fetch`")
        pytest.skip("no Neo4j jars (scripts/neo4j_local.sh fetch) or no java")
    data = tmp_path / "csv"
    with zipfile.ZipFile(io.BytesIO(memory_client.get("/api/export.csv").content)) as zf:
        zf.extractall(data)
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    files = sorted(p.name for p in data.glob("*.csv"))
    cmd = [java, "-Xmx512m", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
           *import_arguments(files, "--max-off-heap-memory=256M")]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(cmd, cwd=data, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    stats = memory_client.get("/api/stats").json()
    assert f"{stats['node_total']} nodes" in done.stdout
    assert f"{stats['relationship_total']} relationships" in done.stdout
