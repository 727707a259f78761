"""The bulk-load ceiling: the same snapshot through `neo4j-admin database import full` versus the sync.

`neo4j-admin database import` writes a new database's store files offline from CSV — the fastest a
graph gets into Neo4j, and what a first load of a large graph would use. The CSV is exactly the
`/api/export.csv` zip (`api.exports.to_neo4j_csv`, the same files `tests/api/test_exports.py` feeds
to the real importer); the importer runs from the jars `scripts/neo4j_local.sh` fetched, into a
throw-away NEO4J_HOME, never into the running server. The sync (`graph.neo4j_sync.sync`, batched)
writes the same snapshot into the running server from an empty database. Both at 1× (the real
graph) and 100× (the synthetic corpus, full mode only); the figure is sync seconds / import seconds.
The import includes its JVM start (~2–4 s), which is most of it at 1×. The sync also writes the
snapshot's support facts (:SupportFact records, counted in `facts`, not in `records`); the CSV carries
the graph only, as the store is loaded by the sync, not by neo4j-admin.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.config import Mode
from bench.measure_build import Graphs
from bench.measure_neo4j import neo4j_available
from bench.stats import Figure, Section, ratio

IMPORT_TIMEOUT_S = 1800
BULK_SCALE = 100


def _snapshot_of(graphs: Graphs, scale: int) -> Path:
    from api.build import build

    corpus = graphs.corpora[scale]
    out = graphs.real.parent / f"graph-{scale}x"
    build(out=out, sources_dir=corpus.sources_dir, reference_dir=corpus.reference_dir)
    graphs.synthetic[scale] = out
    return out


def neo4j_lib() -> Path | None:
    """The lib/ directory of the Neo4j distribution scripts/neo4j_local.sh fetched (SHANHAI_CACHE)."""
    root = os.environ.get("SHANHAI_CACHE") or str(Path.home() / ".cache" / "shanhai")
    found = sorted(glob.glob(os.path.join(root, "neo4j-*", "lib", "neo4j-import-tool-*.jar")))
    return Path(found[-1]).parent if found else None


def admin_import(snapshot_dir: Path, lib: Path, java: str, workdir: Path) -> tuple[float, float, str]:
    """(seconds writing the CSV, seconds of `neo4j-admin database import full`, its last output line)."""
    from api.exports import import_arguments, to_neo4j_csv
    from api.graphview import GraphView
    from graph.memory_store import MemoryStore

    t0 = time.perf_counter()
    data = workdir / "csv"
    data.mkdir(parents=True)
    for name, content in to_neo4j_csv(GraphView.from_store(MemoryStore.from_snapshot(snapshot_dir))).items():
        (data / name).write_bytes(content)
    csv_s = time.perf_counter() - t0
    home = workdir / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    files = sorted(p.name for p in data.glob("*.csv"))
    cmd = [java, "-Xmx512m", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
           *import_arguments(files, "--max-off-heap-memory=256M")]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=data, env=env, capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S,
                          check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"neo4j-admin import exited {done.returncode}: {(done.stdout + done.stderr)[-500:]}")
    summary = [line.strip() for line in done.stdout.splitlines()
               if "IMPORT DONE" in line or line.strip().endswith(("nodes", "relationships"))]
    return csv_s, seconds, " | ".join(summary)[:300]


def measure_bulk(mode: Mode, graphs: Graphs) -> Section:
    sec = Section("neo4j_bulk")
    missing = neo4j_available()
    if missing:
        sec.status, sec.note = missing
        return sec
    lib, java = neo4j_lib(), shutil.which("java")
    if lib is None or java is None:
        sec.status, sec.note = "skipped", "no Neo4j jars (scripts/neo4j_local.sh fetch) or no java"
        return sec
    from api.settings import Settings
    from graph import snapshot
    from graph.neo4j_store import Neo4jStore
    from graph.neo4j_sync import sync
    from graph.snapshot import Snapshot

    scales = {1: graphs.real, **{k: v for k, v in graphs.synthetic.items() if k == BULK_SCALE}}
    if BULK_SCALE not in scales and BULK_SCALE in graphs.corpora:
        scales[BULK_SCALE] = _snapshot_of(graphs, BULK_SCALE)  # the build section keeps only small graphs
    store = Neo4jStore.from_config(Settings().store_config())
    data: dict[str, dict[str, float | int | str]] = {}
    try:
        # The server plans each statement text once (~100 ms each on a cold server); the texts are the
        # same at every scale, so one uncounted sync of the real graph warms them for all.
        sync(snapshot.read(graphs.real), store)
        for scale, directory in scales.items():
            snap = snapshot.read(directory)
            records = len(snap.nodes) + len(snap.relations)
            sync(Snapshot([], []), store)
            t0 = time.perf_counter()
            sync(snap, store)
            sync_s = time.perf_counter() - t0
            with tempfile.TemporaryDirectory(prefix="shanhai-bulk-") as tmp:
                csv_s, import_s, line = admin_import(directory, lib, java, Path(tmp))
            data[f"{scale}x"] = {"records": records, "facts": len(snap.support_facts()),
                                 "sync_s": round(sync_s, 3), "csv_s": round(csv_s, 3),
                                 "import_s": round(import_s, 3), "importer": line}
            sec.figures += [
                Figure(f"neo4j.bulk.{scale}x.import_rows", f"neo4j-admin import, {scale}× ({records} records)",
                       records / import_s, "rows/s"),
                Figure(f"neo4j.bulk.{scale}x.sync_rows", f"Neo4j batched sync, {scale}× ({records} records)",
                       records / sync_s, "rows/s"),
                Figure(f"neo4j.bulk.{scale}x.sync_vs_import", f"Neo4j sync time / neo4j-admin import time, {scale}×",
                       ratio(sync_s, import_s), "×"),
            ]
    finally:
        sync(snapshot.read(graphs.real), store)  # leave the real graph behind, as the sync section does
        store.close()
    sec.data = data
    sec.note = "import = CSV files already written → store files, JVM start included; sync from an empty database"
    return sec


__all__ = ["admin_import", "measure_bulk", "neo4j_lib"]
