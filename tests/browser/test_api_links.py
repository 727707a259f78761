"""The API's compact evidence link, followed in Debian's headless Chromium, opens the source at the quote.

Hand-written expectation: yongjia_action_plan_2025_2027.txt L174–L176 — 强化与经济强县“1对1”紧密合作 …
构建永嘉与瓯海区的紧密型合作机制 — is evidence of 瓯海区's pairing with 永嘉县.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import Server, wait_for

pytestmark = pytest.mark.browser


def test_compact_evidence_url_opens_the_viewer_at_the_quote(page: Any, server: Server) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(server.url("/api/regions/" + quote("永嘉县") + "/supporters?limit=200"), timeout=30) as resp:
        items = json.load(resp)["items"]
    ouhai = next(s for s in items if s["name"] == "瓯海区")
    ev = next(e for x in ouhai["supports"] if x["via"] == "pairing" for e in x["evidence"]
              if "L174" in e["locator"])
    assert "四、七大行动" in ev["url"]  # an IRI: the Chinese as it is; the browser encodes it to follow
    page.goto(server.url(ev["url"]))
    assert wait_for(page, "() => window.shanhaiSource") == {"scrolledTo": "L174", "marked": True}
    marks = page.locator("#source .hl mark").all_inner_texts()
    assert any("构建永嘉与瓯海区的紧密型合作机制" in m for m in marks), marks
