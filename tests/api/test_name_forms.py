"""JSON routes that take a {name} accept every form the name index knows (traditional, pinyin …)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(("name", "expected"), [
    ("慶元縣", "庆元县"), ("永\u200b嘉", "永嘉县"), ("Yǒngjiā", "永嘉县"), ("Kaihua County", "开化县"),
    ("ＫＡＩＨＵＡ", "开化县"), ("温州瓯海", "瓯海区"),
])
def test_region_by_any_form(client: TestClient, name: str, expected: str) -> None:
    resp = client.get(f"/api/regions/{name}")
    assert resp.status_code == 200, resp.text
    assert resp.json()["region"]["name"] == expected


def test_organization_by_generated_abbreviation(client: TestClient) -> None:
    resp = client.get("/api/organizations/浙二轻")
    assert resp.status_code == 200, resp.text
    assert resp.json()["organization"]["name"] == "浙江省二轻集团"


def test_typo_is_refused_with_the_clear_suggestion_first(client: TestClient) -> None:
    resp = client.get("/api/regions/Yongjai")
    assert resp.status_code == 404
    assert resp.json()["error"]["details"]["suggestions"][0]["name"] == "永嘉县"


def test_search_folds_the_query_like_the_index(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "慶元"}).json()["items"]
    assert hits[0]["name"] == "庆元县"
