"""Build time: the real corpus in-process, and synthetic k× corpora against linear scaling."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.config import Mode
from bench.stats import Figure, Section, at_most, median, repeat
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


def measure_build(mode: Mode, workdir: Path) -> tuple[Section, Graphs]:
    from graph.build import build

    sec = Section("build")
    # The first build of a process pays for lazy imports and empty caches (pinyin, compiled patterns):
    # that is what `shanhai build` costs from the command line, so it is reported, but not in the median.
    t0 = time.perf_counter()
    report = build(out=workdir / "real")
    cold = time.perf_counter() - t0
    real = repeat(lambda: build(out=None), mode.build_repeats, warmup=0)
    real_med = median(real)
    snap = report.snapshot
    sec.figures += [
        Figure("build.real.median", f"real corpus build, in-process (median of {len(real)})", real_med, "s",
               f"≤ {REAL_TARGET_S} s", at_most(real_med, REAL_TARGET_S),
               {"samples": real, "nodes": len(snap.nodes), "relations": len(snap.relations)}),
        Figure("build.real.first", "real corpus build, first in process (cold caches, writes snapshot)", cold, "s"),
    ]
    graphs = Graphs(real=workdir / "real")
    times: dict[int, float] = {}
    for scale in mode.scales:
        t0 = time.perf_counter()
        corpus = generate(scale, workdir / f"synth-{scale}x", DEFAULT_SEED)
        gen = time.perf_counter() - t0
        graphs.corpora[scale] = corpus

        last: list[Any] = []

        def once(c: Corpus = corpus, keep: list[Any] = last) -> None:
            keep[:] = [build(out=None, sources_dir=c.sources_dir, reference_dir=c.reference_dir)]

        samples = repeat(once, mode.synth_repeats[scale], warmup=0)
        times[scale] = median(samples)
        snap = last[0].snapshot
        if scale <= MAX_SERVED_SCALE:  # the query and serve sections read these snapshots
            out = workdir / f"graph-{scale}x"
            build(out=out, sources_dir=corpus.sources_dir, reference_dir=corpus.reference_dir)
            graphs.synthetic[scale] = out
        sec.data[f"synthetic_{scale}x"] = {
            "documents": len(corpus.documents), "megabytes": round(corpus.bytes / 1e6, 2),
            "generate_s": round(gen, 3), "nodes": len(snap.nodes), "relations": len(snap.relations),
            "samples": samples,
        }
        sec.figures.append(Figure(f"build.synthetic.{scale}x", f"synthetic {scale}× build (median of {len(samples)}, "
                                  f"{len(corpus.documents)} docs, {corpus.bytes / 1e6:.1f} MB)", times[scale], "s"))
    base = times.get(1)
    for scale, t in times.items():
        if scale == 1 or base is None:
            continue
        linear = t / (scale * base)
        target = f"≤ {LINEAR_SLACK}" if scale == 100 else None
        sec.figures.append(Figure(f"build.scaling.{scale}x", f"{scale}× time / ({scale} × 1× time)", linear, "×",
                                  target, at_most(linear, LINEAR_SLACK) if target else None))
    return sec, graphs


__all__ = ["Graphs", "measure_build"]
