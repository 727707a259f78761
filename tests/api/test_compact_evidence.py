"""Compact evidence (the default of the answer routes) and `evidence=full`, on both stores."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.evidence import short_quote
from api.links import evidence_url

ZHONGYI_ERYUAN = "org:zhejiangzhongyiyaodaxuefushudieryiyuan"


def test_evidence_url_is_an_iri_with_the_chinese_left_as_it_is() -> None:
    # An IRI (RFC 3987): 附件 and 五 stay UTF-8 (3 bytes each, not 9 percent-encoded); the space is
    # encoded; "/", "(", ")" and ":" mean nothing special in a query value and stay.
    assert evidence_url("yj-2025-2027-action-plan", "附件2:表/row 五.4 (L653)") == \
        "/documents/yj-2025-2027-action-plan?hl=附件2:表/row%20五.4%20(L653)"
    # What a query parser or a URL would read otherwise is encoded: & = + # % ? ; and the
    # invisible or space characters beyond ASCII (zero-width space, ideographic space).
    assert evidence_url("a/b", "甲&乙=1+2#3%?;\u200b\u3000") == \
        "/documents/a%2Fb?hl=甲%26乙%3D1%2B2%233%25%3F%3B%E2%80%8B%E3%80%80"


@pytest.mark.parametrize(("text", "expected"), [
    ("对接瓯海区和浙中医大二院，开展义诊活动。", "对接瓯海区和浙中医大二院，开展义诊活动。"),  # short: whole
    ("甲" * 30 + "。" + "乙" * 30 + "。" + "丙" * 30 + "。", "甲" * 30 + "。" + "乙" * 30 + "。…"),  # sentences
    ("甲" * 50 + "，" + "乙" * 50, "甲" * 50 + "，…"),  # no sentence end in reach: a clause
    ("甲" * 100, "甲" * 79 + "…"),  # no boundary at all: a hard cut
    ("甲。" + "乙" * 100, "甲。" + "乙" * 77 + "…"),  # a boundary that early would waste the room
])
def test_short_quote_cuts_at_a_sentence(text: str, expected: str) -> None:
    assert short_quote(text) == expected
    assert len(short_quote(text)) <= 80


def _evidence(body: Any) -> list[dict[str, Any]]:
    """Every evidence record of an answer, but a supporter's union of its supports' records (only
    `evidence=full` repeats it; the records themselves are counted at the supports)."""
    out: list[dict[str, Any]] = []
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "evidence" and "supports" in body:
                continue
            out += value if key == "evidence" and isinstance(value, list) else _evidence(value)
    elif isinstance(body, list):
        for x in body:
            out += _evidence(x)
    return out


@pytest.mark.parametrize("url", [
    "/api/regions/永嘉县/supporters", "/api/ask?q=谁在医疗卫生方面帮扶永嘉县？", "/api/regions/永嘉县",
    "/api/supported-by/瓯海区", "/api/organizations/浙中医大二院",
])
def test_answers_are_compact_by_default_and_full_on_request(client: TestClient, url: str) -> None:
    compact = _evidence(client.get(url).json())
    full = _evidence(client.get(url + ("&" if "?" in url else "?") + "evidence=full").json())
    assert compact and len(compact) == len(full)
    for short, whole in zip(compact, full, strict=True):
        assert {"document", "locator", "quote", "url"} <= set(short) <= {"document", "locator", "quote", "url", "note"}
        assert (short["document"], short["locator"]) == (whole["document"], whole["locator"])
        assert short["url"] == evidence_url(whole["document"], whole["locator"])
        assert "url" not in whole
        assert len(short["quote"]) <= 80
        if short["quote"] != whole["quote"]:
            assert short["quote"].endswith("…") and whole["quote"].startswith(short["quote"][:-1])


def test_full_evidence_keeps_the_verbatim_quote(client: TestClient) -> None:
    # Action plan L240 (健康永嘉): "依托浙中医大二院…" — the whole sentence with evidence=full.
    body = client.get("/api/regions/永嘉/supporters", params={"field": "医疗卫生", "evidence": "full"}).json()
    hospital = next(s for s in body["items"] if s["id"] == ZHONGYI_ERYUAN)
    assert any("依托浙中医大二院" in e["quote"] for e in hospital["evidence"])
    assert client.get("/api/ask", params={"q": "永嘉", "evidence": "everything"}).status_code == 422
