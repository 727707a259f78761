"""The `/ask` HTML page over HTTP: the answer with its links and quotes, the page's CSP, names kept as text."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_ask_page_over_http(memory_client: TestClient) -> None:
    r = memory_client.get("/ask", params={"q": "谁在医疗卫生方面帮扶永嘉县？"})
    assert r.status_code == 200 and "script-src 'self'" in r.headers["content-security-policy"]
    assert "温州市中心医院" in r.text and "/viz/region%3Aouhaiqu" in r.text
    assert memory_client.get("/ask", params={"question": "<b>x</b>"}).text.count("<b>x</b>") == 0
