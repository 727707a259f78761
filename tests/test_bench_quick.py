"""The quick benchmark runs end to end and writes its figures as JSON (no assertion on any timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.run import SECTIONS
from graph.reference import REPO_ROOT

STATUSES = {"ok", "not available yet", "skipped", "error"}


def test_quick_bench_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = dict(os.environ)
    if env.get("SHANHAI_BENCH_NEO4J") != "1":
        # The sync benchmark replaces the database's graph; the suite's Neo4j fixtures share that
        # database, so the bench only talks to Neo4j here when asked to.
        for key in [k for k in env if k.startswith("NEO4J_")]:
            del env[key]
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--mode", "quick", "--out", str(out)],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mode"] == "quick"
    assert {"command", "finished_at", "seconds", "machine", "figures", "sections"} <= set(data)
    assert set(data["sections"]) == set(SECTIONS)
    for name, sec in data["sections"].items():
        assert sec["status"] in STATUSES, name
        assert {"status", "note", "figures", "data"} <= set(sec)
    assert data["sections"]["build"]["status"] == "ok"
    assert data["sections"]["queries"]["status"] == "ok"
    ids = {f["id"] for f in data["figures"]}
    assert {"build.real.median", "build.synthetic.1x", "build.synthetic.10x", "build.scaling.10x"} <= ids
    assert "query.supporters_of.p50" in ids and "query.ask.p50" in ids
    if data["sections"]["api"]["status"] == "ok":
        # Kept ids: other tooling reads these two; the varied load reports every variant.
        assert {"api.supporters.uncached_vs_bare", "api.ask.uncached_vs_bare"} <= ids
        for variant in ("cached", "uncached", "cold"):
            assert {f"api.load.{variant}.rps", f"api.load.{variant}.p95", f"api.load.{variant}.errors"} <= ids
    for f in data["figures"]:
        assert {"id", "label", "value", "unit", "target", "ok"} <= set(f)
        assert f["value"] is None or isinstance(f["value"], int | float)
    assert "figure" in proc.stdout  # the table was printed


def test_synthetic_corpus_is_reproducible(tmp_path: Path) -> None:
    from bench.synth import generate

    a = generate(1, tmp_path / "a", seed=3)
    b = generate(1, tmp_path / "b", seed=3)
    for name in [*a.documents, "sources.yaml"]:
        assert (a.sources_dir / name).read_bytes() == (b.sources_dir / name).read_bytes(), name
    for name in ("regions.yaml", "organizations.yaml", "overrides.yaml"):
        assert (a.reference_dir / name).read_bytes() == (b.reference_dir / name).read_bytes(), name
    c = generate(1, tmp_path / "c", seed=4)
    assert (c.sources_dir / a.documents[0]).read_bytes() != (a.sources_dir / a.documents[0]).read_bytes()
