"""A real `shanhai serve` subprocess on a free loopback port, and Debian's headless Chromium driving it.

Never a browser a test tool downloads: Chromium comes from the system (`scripts/ensure_chromium.sh`).
Missing Chromium is a failure in CI (CI=true) and a skip elsewhere.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

@dataclass
class Server:
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def url(self, path: str) -> str:
        return self.base_url + path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(graph_dir: Path, log: Path, timeout: float = 90.0) -> Server:
    """`shanhai serve` as its own process; waits until /health answers, checks the URL it prints."""
    port = free_port()
    exe = Path(sys.executable).with_name("shanhai")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHANHAI_")}
    with log.open("wb") as out:
        proc = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port),
                                 "--graph", str(graph_dir)], stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never via a proxy
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"shanhai serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with opener.open(base + "/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            proc.terminate()
            raise RuntimeError(f"shanhai serve did not answer within {timeout:.0f} s:\n{log.read_text()}")
        time.sleep(0.2)
    assert f"{base}/" in log.read_text(), "serve prints the URL it listens on"
    return Server(base, proc, log)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=5)


@pytest.fixture(scope="session")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(built, tmp_path_factory.mktemp("serve") / "serve.log")
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure_chromium.sh (make test does)")
        pytest.skip(f"{CHROMIUM} is missing (Debian package chromium; scripts/ensure_chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watch:
    """Everything the page asked for and every script error or dialog it raised."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def off_loopback(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).hostname not in LOOPBACK]


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Any, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.on("request", lambda r: watch.requests.append(r.url))
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)

    def on_dialog(d: Any) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()
    # Every test: nothing left loopback, no script error, no dialog (an alert would mean a name ran).
    assert watch.requests, "the page made no request at all?"
    assert watch.off_loopback() == []
    assert watch.errors == []
    assert watch.dialogs == []


def wait_for(page: Any, script: str, timeout: float = 60.0) -> Any:
    """Poll a JS function until it returns something truthy. (page.wait_for_function compiles its
    predicate with eval, which the pages' Content-Security-Policy forbids, as it should.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {script}")
        time.sleep(0.05)


def settled(page: Any) -> float:
    """Wait until the network has stabilised (physics off); returns ms from navigation to that moment."""
    ms: float = wait_for(page, "() => window.shanhai && window.shanhai.state.settled && window.shanhai.state.settledAt")
    return ms
