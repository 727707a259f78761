"""Schemathesis against the app's own OpenAPI: every GET operation, generated inputs, no 5xx, answers as documented.

Each GET operation gets up to MAX_EXAMPLES positive cases (inputs the schema allows) and, where it has
query parameters, as many negative ones (inputs it does not allow: wrong types, out-of-range limits,
missing required values). Every response must not be a server error, must use a documented status
code and content type, and must match the declared response schema — for errors, the one error shape.

The operations are read from `create_app(...).openapi()` at collection time (no store is needed for
that); the cases run through the ASGI app around the session's memory store. Schemathesis' own
`schemathesis.pytest.from_fixture` is not used: with pytest 9 it fails on `request.node._nodeid`
(schemathesis 4.32.5, schemathesis/pytest/lazy.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as generic_checks
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi import checks as openapi_checks

from api.app import create_app
from api.settings import Settings
from graph.memory_store import MemoryStore

MAX_EXAMPLES = 25
EXAMPLE_DEADLINE_MS = 5_000  # Hypothesis' per-example deadline; each request is also cut off after this
REQUEST_TIMEOUT_S = 10.0
CHECKS = [
    generic_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
]


def _operations() -> list[Any]:
    """(path, mode) for every GET operation; negative cases only where a query parameter can be made
    invalid (a bare string path parameter accepts every string, so no negative case exists)."""
    spec = create_app(Settings()).openapi()
    out = []
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        out.append(pytest.param(path, GenerationMode.POSITIVE, id=f"GET {path} positive"))
        if any(p["in"] == "query" for p in op.get("parameters", [])):
            out.append(pytest.param(path, GenerationMode.NEGATIVE, id=f"GET {path} negative"))
    return out


OPERATIONS = _operations()


@pytest.fixture
def api_schema(memory_store: MemoryStore, built: Path) -> Iterator[Any]:
    # A fresh app per test: schemathesis' pytest plugin ends the ASGI lifespan after every test, and an
    # app created around a handed-in store does not get that store back on a second start-up.
    app = create_app(Settings(graph_dir=built), store=memory_store)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_get_operation_is_covered() -> None:
    paths = {p.values[0] for p in OPERATIONS}
    assert {"/health", "/api/regions/{name}/supporters", "/api/ask", "/api/search", "/api/path"} <= paths
    assert len(paths) >= 20


@pytest.mark.parametrize(("path", "mode"), OPERATIONS)
def test_get_operation_conforms(api_schema: Any, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path]["GET"]
    statuses: dict[int, int] = {}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=EXAMPLE_DEADLINE_MS, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        response = case.call_and_validate(checks=CHECKS, timeout=REQUEST_TIMEOUT_S)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    started = time.perf_counter()
    check()
    print(f"GET {path} {mode}: statuses {dict(sorted(statuses.items()))} in {time.perf_counter() - started:.2f} s")
    assert statuses, "no case was run"
    assert all(status < 500 for status in statuses)
