"""A minimal keep-alive HTTP/1.1 load generator on asyncio streams.

A full client (httpx) spends more CPU per request than a bare FastAPI route does, so on a small
machine it would measure itself; this one only writes a GET and reads Content-Length bytes back.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


@dataclass
class Load:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def _one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return status


async def _worker(host: str, port: int, requests: list[bytes], deadline: float, load: Load) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = 0
    try:
        while time.perf_counter() < deadline:
            request = requests[i % len(requests)]
            i += 1
            t0 = time.perf_counter()
            try:
                status = await _one(reader, writer, request)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                load.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            load.latencies.append(time.perf_counter() - t0)
            load.statuses[status] = load.statuses.get(status, 0) + 1
            load.requests += 1
    finally:
        writer.close()


async def _run(host: str, port: int, paths: list[str], seconds: float, connections: int) -> Load:
    requests = [f"GET {p} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n\r\n".encode("ascii")
                for p in paths]
    load = Load()
    t0 = time.perf_counter()
    # Each connection starts at its own place in the list, so varied paths are not asked in lockstep.
    starts = [(c * max(1, len(requests) // connections)) % len(requests) for c in range(connections)]
    await asyncio.gather(*(_worker(host, port, requests[k:] + requests[:k], t0 + seconds, load) for k in starts))
    load.seconds = time.perf_counter() - t0
    return load


def run_load(host: str, port: int, path: str | list[str], seconds: float, connections: int) -> Load:
    """GET `path` — or each of a list of paths in turn — (already percent-encoded) over `connections`
    keep-alive connections for `seconds`."""
    return asyncio.run(_run(host, port, [path] if isinstance(path, str) else path, seconds, connections))


__all__ = ["Load", "run_load"]
