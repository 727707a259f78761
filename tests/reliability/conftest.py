"""Reliability tests: load, schema fuzzing, Neo4j faults, bad documents, injection.

Measured figures (requests per second, error counts, the latency of a 503) are collected with the
`figures` fixture and printed in a "reliability figures" section at the end of the pytest run, so
`make test` shows them without `-s`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

FIGURES: list[str] = []


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """`figures("…")` records one line for the end-of-run summary (and prints it for `-s`)."""
    test = request.node.name

    def record(line: str) -> None:
        FIGURES.append(f"{test}: {line}")
        print(line)

    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
