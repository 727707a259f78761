"""The two benchmark modes: how often each measurement repeats and which corpus scales it builds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    name: str
    build_repeats: int  # in-process builds of the real corpus (median)
    synth_repeats: dict[int, int]  # scale → builds of the synthetic corpus (median)
    query_repeats: int  # calls per named query (p50 / p99)
    api_seconds: float  # load per endpoint
    api_connections: int
    load_seconds: float  # the varied-request load run, per variant (cache on, off, memo off too)
    load_clients: int
    neo4j_rows: int | None  # records synced per variant (None: the whole real snapshot)
    neo4j_batched_repeats: int  # batched syncs (median); row-by-row runs once, it is the slow one
    neo4j_query_repeats: int
    serve_starts: int
    serve_scales: tuple[int, ...]  # synthetic scales whose serve start-up / RSS is measured besides the real one

    @property
    def scales(self) -> tuple[int, ...]:
        return tuple(sorted(self.synth_repeats))


# quick must stay under a minute on a laptop: 1× and 10× only, few repeats, short load.
QUICK = Mode("quick", build_repeats=3, synth_repeats={1: 3, 10: 1}, query_repeats=30, api_seconds=1.0,
             api_connections=8, load_seconds=2.0, load_clients=8, neo4j_rows=200, neo4j_batched_repeats=1,
             neo4j_query_repeats=20,
             serve_starts=1, serve_scales=())
FULL = Mode("full", build_repeats=10, synth_repeats={1: 5, 10: 3, 100: 2}, query_repeats=300, api_seconds=5.0,
            api_connections=16, load_seconds=60.0, load_clients=50, neo4j_rows=None, neo4j_batched_repeats=3,
            neo4j_query_repeats=300,
            serve_starts=3, serve_scales=(10,))
MODES = {m.name: m for m in (QUICK, FULL)}

__all__ = ["FULL", "MODES", "QUICK", "Mode"]
