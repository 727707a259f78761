"""Compact evidence for API answers: document, locator, a short quote and the link to the full one.

A supporters answer used to carry every quote of every measure whole (~125 KB for one county);
most clients show a line per fact and link to the source. `evidence=full` keeps the whole record.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from fastapi import Query

from api.links import evidence_url

QUOTE_MAX = 80  # characters of a compact quote, the ellipsis included
ELLIPSIS = "…"
_SENTENCE_ENDS = "。！？；!?;"
_CLAUSE_ENDS = "，、：,:）)"

EvidenceMode = Literal["compact", "full"]
EvidenceParam = Annotated[EvidenceMode, Query(
    description="`compact` (default): each evidence as `document`, `locator`, a `quote` of at most "
                f"{QUOTE_MAX} characters cut at a sentence boundary (ending with {ELLIPSIS} when cut) and "
                "the `url` of the source viewer at that place (an IRI: `/documents/{document}?hl={locator}` "
                "with letters beyond ASCII left as they are — a browser or HTTP client percent-encodes them "
                "when following it); in supporter lists each supporter's evidence is in its `supports` only. "
                "`full`: the verbatim quote whole, and its note; a supporter also carries `evidence`, the "
                "union of its supports' records")]


def short_quote(text: str, limit: int = QUOTE_MAX) -> str:
    """`text` whole when it fits, else its longest prefix ending a sentence (else a clause, else a hard
    cut) that leaves room for the ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    for ends in (_SENTENCE_ENDS, _CLAUSE_ENDS):
        cut = max(head.rfind(c) for c in ends)
        if cut >= limit // 4:  # a boundary so early would throw most of the room away
            return head[: cut + 1] + ELLIPSIS
    return head.rstrip() + ELLIPSIS


def compact_evidence(e: dict[str, Any]) -> dict[str, Any]:
    """The compact record of one evidence dict (shared between answers: treat it as read-only)."""
    return _compact(str(e.get("document", "")), str(e.get("locator", "")), str(e.get("quote", "")),
                    e.get("note") or None)


@lru_cache(maxsize=16384)
def _compact(document: str, locator: str, quote: str, note: str | None) -> dict[str, Any]:
    # Cached: a graph has a few thousand evidence records and answers repeat them; percent-encoding
    # the locators anew for every answer was most of the cost of making one compact.
    out = {"document": document, "locator": locator, "quote": short_quote(quote),
           "url": evidence_url(document, locator)}
    if note:
        out["note"] = note  # e.g. "layout-inferred": a caveat a client must still see
    return out


def compact(payload: Any) -> Any:
    """`payload` with every `evidence` list of evidence records made compact (a new tree; the input,
    which may be shared, is left as it is)."""
    if type(payload) is dict:
        return _compact_dict(payload)
    if type(payload) is list:
        return _compact_list(payload)
    return payload


# The walk tests types inline instead of calling itself for every scalar: a question's answer has a few
# hundred values, and the call per value was an eighth of a cold /api/ask request (profiled in-process).
def _compact_dict(payload: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in payload.items():
        kind = type(value)
        if kind is dict:
            out[key] = _compact_dict(value)
        elif kind is list:
            if key == "evidence":
                out[key] = [compact_evidence(x) if type(x) is dict and "quote" in x else compact(x) for x in value]
            else:
                out[key] = _compact_list(value)
        else:
            out[key] = value
    return out


def _compact_list(payload: list[Any]) -> list[Any]:
    return [_compact_dict(x) if type(x) is dict else _compact_list(x) if type(x) is list else x for x in payload]


def shape(payload: Any, mode: EvidenceMode) -> Any:
    return payload if mode == "full" else compact(payload)


__all__ = ["QUOTE_MAX", "EvidenceMode", "EvidenceParam", "compact", "compact_evidence", "evidence_url", "shape",
           "short_quote"]
