"""Links between the pages: an entity's page, a fact's place in its source, and the Jinja filters for them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from api.links import evidence_url as api_evidence_url
from graph.model import ORGANIZATION, REGION

# The agreed permalink of a fact: /documents/{document}?hl={locator} (api.links.evidence_url).
MECHANISM_LABELS = {
    "city_pairing": "市结对 city pairing",
    "county_pairing": "经济强县结对 strong-county pairing",
    "leader_contact": "省领导联系 provincial leader (departments)",
    "soe_pairing": "省属国企结对 provincial SOE",
    "social_pairing": "社会力量结对 social forces",
    "named_support": "领域帮扶 named in a field",
    "park_cobuild": "共建产业园 co-built park",
    "enclave": "飞地 enclave",
    "aid_fund": "援建资金 aid fund",
    "statement": "报道 stated in an article",
}
QUOTE_MAX = 140


def evidence_url(evidence: dict[str, Any]) -> str:
    """The source viewer at the quoted place, the same IRI the API's compact evidence gives (api.links):
    Chinese in a locator stays readable, ASCII delimiters are percent-encoded."""
    return api_evidence_url(str(evidence["document"]), str(evidence["locator"]))


def entity_url(item: dict[str, Any] | Any) -> str:
    """The page of a node (a dict with id and type, or a Node): regions and organisations have
    dossiers; anything else opens in the network view."""
    node_id = item["id"] if isinstance(item, dict) else item.id
    label = (item.get("type") if isinstance(item, dict) else item.label) or ""
    if label == REGION or (not label and str(node_id).startswith("region:")):
        return f"/regions/{quote(str(node_id), safe='')}"
    if label == ORGANIZATION or (not label and str(node_id).startswith("org:")):
        return f"/organizations/{quote(str(node_id), safe='')}"
    return f"/viz/{quote(str(node_id), safe='')}"


def short_quote(text: str, limit: int = QUOTE_MAX) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mechanism_label(mechanism: str | None) -> str:
    return MECHANISM_LABELS.get(mechanism or "", mechanism or "—")


def query_url(path: str, **params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def install(env: Any) -> None:
    env.filters["evurl"] = evidence_url
    env.filters["entity_url"] = entity_url
    env.filters["short_quote"] = short_quote
    env.filters["mechanism"] = mechanism_label
    env.globals["query_url"] = query_url
