"""Timing helpers and the figure records every benchmark section returns."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

NOT_AVAILABLE = "not available yet"


@dataclass
class Figure:
    """One measured number, with the target it is held against (ok is None when there is no target)."""

    id: str
    label: str
    value: float | None
    unit: str
    target: str | None = None
    ok: bool | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Section:
    """What one benchmark section found: its figures, or why it could not run."""

    name: str
    status: str = "ok"  # ok | not available yet | skipped | error
    note: str = ""
    figures: list[Figure] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "note": self.note, "figures": [f.to_dict() for f in self.figures],
                "data": self.data}


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); p99 of 100 samples is the 99th smallest, not an average."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def repeat(fn: Callable[[], Any], times: int, warmup: int = 1) -> list[float]:
    """Seconds per call of `fn`, `times` calls after `warmup` uncounted ones (caches, lazy imports)."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(times):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b not in (None, 0) else None


def at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def at_least(value: float | None, limit: float) -> bool | None:
    return None if value is None else value >= limit


__all__ = ["NOT_AVAILABLE", "Figure", "Section", "at_least", "at_most", "median", "percentile", "ratio", "repeat"]
