"""Profile the build: `python -m bench.profile_build [--scale K] [--repeats N] [--html FILE]`.

Prints pyinstrument's call tree of N warm in-process builds (the real corpus, or a k× synthetic one),
then the project functions by share of cumulative time from cProfile (exact call counts, which the
sampling profiler cannot give). bench/PROFILE.md records what this showed and when.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path

from graph.reference import REPO_ROOT


def _builder(scale: int | None, workdir: Path) -> Callable[[], object]:
    from api.build import build

    if not scale:
        return lambda: build(out=None)
    from bench.synth import generate

    corpus = generate(scale, workdir / f"synth-{scale}x")
    return lambda: build(out=None, sources_dir=corpus.sources_dir, reference_dir=corpus.reference_dir)


def project_functions(stats: pstats.Stats, runs: int, top: int) -> list[str]:
    """`share  ms/build  calls/build  file:line function` for functions of this repository."""
    total = stats.total_tt  # type: ignore[attr-defined]
    root = str(REPO_ROOT) + "/"
    rows = []
    for (path, line, name), (_, calls, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if path.startswith(root) and "/.venv/" not in path:
            rows.append((cum, f"{path[len(root):]}:{line} {name}", calls))
    rows.sort(reverse=True)
    return [f"{cum / total * 100:5.1f}%  {cum / runs * 1000:7.1f} ms  {calls / runs:8.0f}  {where}"
            for cum, where, calls in rows[:top]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--scale", type=int, default=0, help="profile a k× synthetic corpus instead of the real one")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = ap.parse_args(argv)
    from pyinstrument import Profiler

    with tempfile.TemporaryDirectory(prefix="shanhai-profile-") as tmp:
        once = _builder(args.scale, Path(tmp))
        once()  # warm: imports, pinyin and pattern caches — a server's rebuild starts from here
        sampler = Profiler(interval=0.0005)
        sampler.start()
        for _ in range(args.repeats):
            once()
        sampler.stop()
        print(sampler.output_text(unicode=True, color=False))
        if args.html:
            args.html.write_text(sampler.output_html(), encoding="utf-8")
        exact = cProfile.Profile()
        exact.enable()
        for _ in range(args.repeats):
            once()
        exact.disable()
    print("share   ms/build  calls/build  function (cProfile, cumulative; shares overlap along call chains)")
    print("\n".join(project_functions(pstats.Stats(exact), args.repeats, args.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
