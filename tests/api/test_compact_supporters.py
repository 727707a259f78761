"""The compact supporters page: supports carry their evidence once, the link is an IRI that opens the viewer.

Hand-written expectations: yongjia_action_plan_2025_2027.txt L174–L176 (“1对1” with 瓯海区: 构建永嘉与瓯海区的
紧密型合作机制) and L240 (依托浙中医大二院…); the 2021 pairing guidance's county table row
"17 温州市 永嘉县 温州市瓯海区".
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

OUHAI = "region:ouhaiqu"
HOSPITAL = "org:zhejiangzhongyiyaodaxuefushudieryiyuan"  # 浙中医大二院
YONGJIA = "region:yongjiaxian"


def _records(supporter: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for x in supporter["supports"] for e in x["evidence"]]


def _key(e: dict[str, Any]) -> tuple[str, str]:
    return e["document"], e["locator"]


def test_compact_supporter_has_no_union_of_its_supports_evidence(client: TestClient) -> None:
    compact = client.get("/api/regions/永嘉县/supporters", params={"limit": 200}).json()["items"]
    full = client.get("/api/regions/永嘉县/supporters", params={"limit": 200, "evidence": "full"}).json()["items"]
    assert [s["id"] for s in compact] == [s["id"] for s in full]
    ouhai = next(s for s in compact if s["id"] == OUHAI)
    assert set(ouhai) == {"id", "name", "type", "kind", "domains", "supports"}
    assert ouhai["name"] == "瓯海区"
    # The 2021 county table row and the action plan's “1对1” paragraph are among its pairing's evidence.
    pairing = [e for x in ouhai["supports"] if x["via"] == "pairing" for e in x["evidence"]]
    assert any("永嘉县" in e["quote"] and "瓯海区" in e["quote"] and e["document"] == "zj-2021-pairing-guidance"
               for e in pairing)
    assert any("L174" in e["locator"] for e in pairing)
    # evidence=full keeps today's shape: the supporter's union, each record once, of what its supports cite.
    whole = next(s for s in full if s["id"] == OUHAI)
    assert {_key(e) for e in whole["evidence"]} == {_key(e) for e in _records(whole)}
    assert len(whole["evidence"]) == len({(_key(e), e["quote"]) for e in whole["evidence"]})
    assert len(whole["evidence"]) < len(_records(whole))  # the same paragraph backs a pairing and a measure
    # Compact carries each support's records, and nothing else: fewer records than full in all.
    assert [len(_records(s)) for s in compact] == [len(_records(s)) for s in full]
    assert sum(len(_records(s)) for s in compact) < sum(len(_records(s)) + len(s["evidence"]) for s in full)


def test_compact_support_lists_of_the_other_routes(client: TestClient) -> None:
    by = client.get("/api/supported-by/瓯海区").json()["items"]
    yongjia = next(s for s in by if s["id"] == YONGJIA)
    assert "evidence" not in yongjia and _records(yongjia)
    org = client.get("/api/organizations/浙中医大二院").json()
    to_yongjia = next(s for s in org["supports"] if s["id"] == YONGJIA)
    assert "evidence" not in to_yongjia
    assert any("浙中医大二院" in e["quote"] for e in _records(to_yongjia))
    full = client.get("/api/organizations/浙中医大二院", params={"evidence": "full"}).json()
    assert next(s for s in full["supports"] if s["id"] == YONGJIA)["evidence"]


@pytest.mark.parametrize(("locator_part", "marked"), [("L174", "构建永嘉与瓯海区的紧密型合作机制"),
                                                      ("L240", "浙中医大二院")])
def test_compact_url_is_short_and_opens_the_viewer_at_the_quote(client: TestClient, locator_part: str,
                                                                  marked: str) -> None:
    items = client.get("/api/regions/永嘉县/supporters", params={"limit": 200}).json()["items"]
    ev = next(e for s in items for e in _records(s)
              if locator_part in e["locator"] and e["document"] == "yj-2025-2027-action-plan")
    # An IRI: the Chinese of the locator as it is, not 9 bytes of percent-encoding per character.
    assert ev["url"].startswith("/documents/yj-2025-2027-action-plan?hl=")
    assert "%E" not in ev["url"] and "四、七大行动" in ev["url"]
    assert len(ev["url"].encode()) < len("/documents/yj-2025-2027-action-plan?hl=") + len(ev["locator"].encode()) + 20
    page = client.get(ev["url"])
    assert page.status_code == 200
    line = locator_part.split("-")[0]
    assert f'class="line hl" id="{line}"' in page.text
    assert any(marked in m for m in re.findall(r"<mark>(.*?)</mark>", page.text, re.S))
