"""The edge through a real `shanhai serve` (uvicorn on h11), where the ASGI test client cannot reach:
an over-long request target must be answered in the error shape, not dropped by the HTTP server."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.reliability.procs import Served, serve


@pytest.fixture(scope="module")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = serve(["--graph", str(built)], tmp_path_factory.mktemp("serve") / "serve.log")
    try:
        yield served
    finally:
        served.stop()


def _raw(served: Served, target: str, method: str = "GET", headers: str = "") -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection, written by hand (httpx refuses URLs this long)."""
    port = int(served.base_url.rsplit(":", 1)[1])
    request = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n".encode("ascii")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), fields, body


def test_a_20000_character_question_gets_414_in_the_error_shape(server: Served) -> None:
    target = "/api/ask?q=" + quote("谁在帮扶永嘉县" * 2858)  # 20,006 characters, ~180 KB encoded
    status, fields, body = _raw(server, target)
    assert status == 414
    assert fields["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == "uri_too_long" and error["details"]["limit_bytes"] == 8192
    # The server is still there and answers the next request normally.
    status, _, body = _raw(server, "/api/ask?q=" + quote("谁在医疗卫生方面帮扶永嘉县？"))
    assert status == 200 and json.loads(body)["answers"]


def test_head_and_etag_over_real_http(server: Served) -> None:
    target = "/api/regions/" + quote("永嘉县") + "/supporters"
    status, fields, body = _raw(server, target)
    assert status == 200 and int(fields["content-length"]) == len(body) > 0
    status, head_fields, head_body = _raw(server, target, "HEAD")
    assert status == 200 and head_body == b"" and head_fields["content-length"] == fields["content-length"]
    status, again, body = _raw(server, target, headers=f"If-None-Match: {fields['etag']}\r\n")
    assert status == 304 and body == b"" and again["etag"] == fields["etag"]
