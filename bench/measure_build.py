"""Build time: the real corpus in-process, and synthetic k× corpora against linear scaling."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.config import Mode
from bench.stats import Figure, Section, at_most, median
from bench.synth import DEFAULT_SEED, Corpus, generate

REAL_TARGET_S = 0.3
LINEAR_SLACK = 1.3  # 100× may cost at most 1.3 × (100 × the 1× time)
MAX_SERVED_SCALE = 10  # larger snapshots are built for timing only, not written


@dataclass
class Graphs:
    """Snapshots the later sections read: the real graph and the synthetic ones, by scale."""

    real: Path
    synthetic: dict[int, Path] = field(default_factory=dict)
    corpora: dict[int, Corpus] = field(default_factory=dict)


def _clock(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result). CPU time barely moves when other processes
    compete for the cores; wall time is what a user waits. Both are reported."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w0, time.process_time() - c0, out


def measure_build(mode: Mode, workdir: Path) -> tuple[Section, Graphs]:
    from api.build import build

    sec = Section("build")
    # The first build of a process pays for lazy imports and empty caches (pinyin, compiled patterns):
    # that is what `shanhai build` costs from the command line, so it is reported, but not in the median.
    cold, _, report = _clock(lambda: build(out=workdir / "real"))
    real = [_clock(lambda: build(out=None))[:2] for _ in range(mode.build_repeats)]
    real_med = median([w for w, _ in real])
    snap = report.snapshot
    sec.figures += [
        Figure("build.real.median", f"real corpus build, in-process (median of {len(real)})", real_med, "s",
               f"≤ {REAL_TARGET_S} s", at_most(real_med, REAL_TARGET_S),
               {"samples": [w for w, _ in real], "cpu_samples": [c for _, c in real],
                "nodes": len(snap.nodes), "relations": len(snap.relations)}),
        Figure("build.real.cpu", "real corpus build, in-process CPU time (median)",
               median([c for _, c in real]), "s"),
        Figure("build.real.first", "real corpus build, first in process (cold caches, writes snapshot)", cold, "s"),
    ]
    graphs = Graphs(real=workdir / "real")
    for scale in mode.scales:
        t0 = time.perf_counter()
        corpus = generate(scale, workdir / f"synth-{scale}x", DEFAULT_SEED)
        gen = time.perf_counter() - t0
        graphs.corpora[scale] = corpus
        samples: list[tuple[float, float]] = []
        pairs: list[tuple[float, float]] = []
        nodes = relations = 0
        for _ in range(mode.synth_repeats[scale]):
            wall, cpu, report = _clock(_builder(corpus))
            nodes, relations = len(report.snapshot.nodes), len(report.snapshot.relations)
            del report  # a 100× graph held while the next build runs would slow it (GC, memory)
            samples.append((wall, cpu))
            if scale > 1 and 1 in graphs.corpora:
                # The 1× build right after each k× one: paired samples, so a change in machine load
                # between the two does not end up in the ratio.
                w1, c1, _ = _clock(_builder(graphs.corpora[1]))
                pairs.append((wall / (scale * w1), cpu / (scale * c1)))
        if scale <= MAX_SERVED_SCALE:  # the query and serve sections read these snapshots
            out = workdir / f"graph-{scale}x"
            build(out=out, sources_dir=corpus.sources_dir, reference_dir=corpus.reference_dir)
            graphs.synthetic[scale] = out
        walls = [w for w, _ in samples]
        sec.data[f"synthetic_{scale}x"] = {
            "documents": len(corpus.documents), "megabytes": round(corpus.bytes / 1e6, 2),
            "generate_s": round(gen, 3), "nodes": nodes, "relations": relations,
            "samples": walls, "cpu_samples": [c for _, c in samples], "scaling_pairs": pairs,
        }
        sec.figures.append(Figure(f"build.synthetic.{scale}x", f"synthetic {scale}× build (median of {len(walls)}, "
                                  f"{len(corpus.documents)} docs, {corpus.bytes / 1e6:.1f} MB)", median(walls), "s"))
        if pairs:
            _scaling(sec, scale, pairs)
    return sec, graphs


def _builder(corpus: Corpus) -> Callable[[], Any]:
    from api.build import build

    def once() -> Any:
        return build(out=None, sources_dir=corpus.sources_dir, reference_dir=corpus.reference_dir)

    return once


def _scaling(sec: Section, scale: int, pairs: list[tuple[float, float]]) -> None:
    """k× time over k × the 1× time, on wall and on CPU time (the median of the paired ratios)."""
    target = f"≤ {LINEAR_SLACK}" if scale == 100 else None
    for i, clock in enumerate(("wall", "CPU")):
        value = median([p[i] for p in pairs])
        sec.figures.append(Figure(
            f"build.scaling.{scale}x" + ("" if i == 0 else ".cpu"),
            f"{scale}× / ({scale} × 1×), {clock} time, paired (median of {len(pairs)})", value, "×",
            target, at_most(value, LINEAR_SLACK) if target else None))


__all__ = ["Graphs", "measure_build"]
