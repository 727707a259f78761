"""Real processes for the reliability tests: `shanhai serve` on a free loopback port, a throw-away Neo4j.

Every wait is bounded, every child is stopped by its own handle (never by name), and every server
listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.reference import REPO_ROOT

SHANHAI = Path(sys.executable).with_name("shanhai")
NEO4J_SCRIPT = REPO_ROOT / "scripts" / "neo4j_local.sh"
NEO4J_KEYS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def neo4j_required() -> bool:
    """In CI (and under `make test`) a Neo4j that cannot start is a failure, never a skip."""
    return os.environ.get("CI") == "true" or os.environ.get("SHANHAI_REQUIRE_NEO4J") == "1"


# The session server's connection (scripts/run_tests.sh exports it) and its state; the NEO4J_* knobs of
# scripts/neo4j_local.sh (heap, timeouts) and SHANHAI_CACHE (where the jars are) pass through.
SESSION_KEYS = (*NEO4J_KEYS, "NEO4J_PID", "NEO4J_HOME")
KEPT_SHANHAI = ("SHANHAI_CACHE",)


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without the app's SHANHAI_* settings and the session Neo4j's address, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if k not in SESSION_KEYS and (not k.startswith("SHANHAI_") or k in KEPT_SHANHAI)}
    return {**env, **(extra or {})}


@dataclass
class Served:
    """A `shanhai serve` child process."""

    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def serve(args: list[str], log: Path, env: dict[str, str] | None = None, ready_timeout: float = 90.0) -> Served:
    """Start `shanhai serve --host 127.0.0.1 --port <free> <args>` and wait until /health answers 200."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([str(SHANHAI), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
                                stdout=out, stderr=subprocess.STDOUT, env=env or clean_env(), cwd=REPO_ROOT)
    served = Served(f"http://127.0.0.1:{port}", proc, log)
    deadline = time.monotonic() + ready_timeout
    with httpx.Client(trust_env=False, timeout=2.0) as client:  # loopback never through a proxy
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"shanhai serve exited with {proc.returncode}:\n{served.log_tail()}")
            try:
                if client.get(served.base_url + "/health").status_code == 200:
                    return served
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                served.stop()
                raise RuntimeError(f"shanhai serve not ready within {ready_timeout:.0f} s:\n{served.log_tail()}")
            time.sleep(0.2)


@dataclass
class LocalNeo4j:
    """A throw-away Neo4j of our own through scripts/neo4j_local.sh, in its own SHANHAI_RUN directory.

    Destructive tests (kill, restart, wipe) run against this one, never against the session's server
    at NEO4J_URI, which holds the real snapshot other tests rely on.
    """

    run_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # how long each verb last took

    def _script(self, verb: str, timeout: float) -> str:
        started = time.monotonic()
        proc = subprocess.run(["bash", str(NEO4J_SCRIPT), verb], capture_output=True, text=True, timeout=timeout,
                              env={**clean_env(), "SHANHAI_RUN": str(self.run_dir)}, cwd=REPO_ROOT, check=False)
        self.seconds[verb] = time.monotonic() - started
        if proc.returncode != 0:
            raise RuntimeError(f"neo4j_local.sh {verb} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
        return proc.stdout

    def _read_exports(self, stdout: str) -> None:
        env: dict[str, str] = {}
        for line in stdout.splitlines():
            if line.startswith("export "):
                key, _, value = line[len("export "):].partition("=")
                words = shlex.split(value)
                env[key] = words[0] if words else ""
        if not env.get("NEO4J_URI", "").startswith("bolt://127.0.0.1:"):
            raise RuntimeError(f"neo4j_local.sh printed no loopback NEO4J_URI: {stdout!r}")
        self.env = {k: env.get(k, "") for k in NEO4J_KEYS}

    def up(self) -> None:
        self._read_exports(self._script("up", 300))

    def kill(self) -> None:
        """SIGKILL the server; data directory and port are kept for `restart`."""
        self._script("kill", 60)

    def restart(self) -> None:
        self._read_exports(self._script("restart", 300))
        assert self.env["NEO4J_URI"], "restart keeps the port"

    def down(self) -> None:
        self._script("down", 120)

    @property
    def uri(self) -> str:
        return self.env["NEO4J_URI"]

    def child_env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """An environment for a child process that talks to this server (and only to it)."""
        return clean_env({**self.env, **(extra or {})})
