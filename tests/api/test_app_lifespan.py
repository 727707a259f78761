"""An app around a store handed in can start, stop and start again; it never closes that store."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings


def test_injected_store_survives_a_restart_of_the_app(memory_store: Any) -> None:
    app = create_app(Settings(), store=memory_store)
    for _ in range(2):
        with TestClient(app) as client:
            assert client.get("/api/regions/开化县/supporters").status_code == 200
    assert app.state.store is memory_store
