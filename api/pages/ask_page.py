"""The `/ask` page's content: an answer of queries.qa turned into what the template shows (links, quotes, query)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from api.links import evidence_url
from graph.model import ORGANIZATION, REGION

PAGE_OF = {REGION: "/regions/", ORGANIZATION: "/organizations/"}


def _links(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Where an answer leads: its node in the network, and its region / organisation page."""
    out = []
    node_id = str(item.get("id") or "")
    if node_id and ":" in node_id and "#" not in node_id and "->" not in node_id:
        out.append(("network", "/viz/" + quote(node_id, safe="")))
    page = PAGE_OF.get(str(item.get("type")))
    if page and item.get("name"):
        out.append(("page", page + quote(str(item["name"]), safe="")))
    region = item.get("region")
    if isinstance(region, dict) and region.get("id"):  # an industry or category answer: its county
        out.append((str(region.get("name")), "/viz/" + quote(str(region["id"]), safe="")))
    return out


def _evidence(item: dict[str, Any], limit: int = 4) -> list[dict[str, str]]:
    out = []
    for e in item.get("evidence", [])[:limit]:
        doc = str(e.get("document", ""))
        out.append({"document": doc, "locator": str(e.get("locator", "")), "quote": str(e.get("quote", "")),
                    # the source viewer highlights `hl` (it has no `locator` parameter)
                    "href": evidence_url(doc, str(e.get("locator", "")))})
    return out


def ask_context(answer: dict[str, Any] | None, question: str) -> dict[str, Any]:
    """Template context for a question and its answer (None: the empty form)."""
    if answer is None:
        return {"question": question, "answer": None}
    interp = answer["interpretation"]
    items = [{"name": a.get("name") or a.get("label") or a.get("id"), "official_name": a.get("official_name"),
              "type": a.get("type", ""), "kind": a.get("kind"), "value": a.get("value"),
              "links": _links(a), "evidence": _evidence(a),
              "more": max(0, len(a.get("evidence", [])) - 4)} for a in answer["answers"]]
    slots = interp.get("slots") or {}
    shown = {k: v for k, v in slots.items() if v not in (None, [], False, "")}
    return {
        "question": question, "answer": answer, "items": items, "intent": interp.get("intent"),
        "entities": interp.get("entities", []), "slots": shown,
        "refused": bool(interp.get("refused")), "can_answer": interp.get("can_answer", []),
        "examples": [(q, "/ask?q=" + quote(q)) for q in interp.get("examples", [])],
        "suggestions": [s for s in interp.get("suggestions", []) if isinstance(s, dict)],
        "candidates": interp.get("candidates", []),
        "params": json.dumps(answer.get("params", {}), ensure_ascii=False, sort_keys=True),
    }


__all__ = ["ask_context"]
