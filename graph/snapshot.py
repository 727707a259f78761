"""The build snapshot: one JSON file written atomically, read by both stores."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import Node, Relation
from graph.support import SupportFact, derive_support_facts

SNAPSHOT_NAME = "graph.json"


@dataclass
class Snapshot:
    nodes: list[Node]
    relations: list[Relation]
    warnings: list[dict[str, str]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Derived from nodes and relations (graph.support); None until asked for, so a snapshot made
    # by hand (tests, benchmarks, a Neo4j read-back) always has the facts of its own graph.
    support: list[SupportFact] | None = None

    def support_facts(self) -> list[SupportFact]:
        if self.support is None:
            self.support = derive_support_facts(self.nodes, self.relations)
        return self.support

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta,
            "nodes": [n.to_dict() for n in self.nodes],
            "relations": [r.to_dict() for r in self.relations],
            "support": [f.to_dict() for f in self.support_facts()],
            "warnings": self.warnings,
            "checks": self.checks,
        }


def write(snapshot: Snapshot, directory: Path) -> Path:
    """Write to a temporary file in the same directory, then rename: readers never see half a file."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / SNAPSHOT_NAME
    fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".json.tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(snapshot.to_dict(), fh, ensure_ascii=False, indent=1, sort_keys=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def read(directory: Path) -> Snapshot:
    path = directory / SNAPSHOT_NAME if directory.is_dir() or not directory.suffix else directory
    if not path.exists():
        raise FileNotFoundError(f"no graph snapshot at {path}: run `shanhai build` first")
    with path.open(encoding="utf-8") as fh:
        d = json.load(fh)
    return Snapshot(
        [Node.from_dict(n) for n in d["nodes"]],
        [Relation.from_dict(r) for r in d["relations"]],
        d.get("warnings", []), d.get("checks", []), d.get("meta", {}),
        # A snapshot written before support facts existed derives them on read.
        [SupportFact.from_dict(f) for f in d["support"]] if "support" in d else None,
    )
