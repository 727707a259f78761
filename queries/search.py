"""search: nodes by any of their names — Chinese, short, alias, pinyin, English, code — ranked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.fold import fold_name
from graph.model import Node, normalize
from graph.store import GraphStore
from queries.common import LABEL_ORDER, brief, check_limit
from queries.errors import InvalidQuery
from queries.lookup import latin_key, lookup_for

MATCH_RANK = {"exact": 0, "prefix": 1, "substring": 2}


@dataclass
class SearchResult:
    query: str
    params: dict[str, Any]
    hits: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "total": self.total, "hits": self.hits}


def surfaces(n: Node) -> list[tuple[str, str]]:
    """(how, text) for every name a node can be found by."""
    p = n.props
    out = [("name", n.name), *(("alias", a) for a in p.get("aliases", []) or [])]
    out += [("pinyin", p["pinyin"])] if p.get("pinyin") else []
    out += [("english", x) for x in (p.get("en"), p.get("en_label"), p.get("zh"), *(p.get("en_words") or []))
            if isinstance(x, str) and x]
    out += [("code", str(p[k])) for k in ("code", "number") if p.get(k)]
    # The id's slug is the name in pinyin (org:zhejiangshengerqingjituan): pinyin for every node.
    out.append(("id", n.id))
    return out


def _match(query: str, text: str) -> str | None:
    if text == query:
        return "exact"
    if text.startswith(query):
        return "prefix"
    if query in text:
        return "substring"
    return None


def search(store: GraphStore, text: str, limit: int = 20) -> SearchResult:
    """Every node one of whose names matches `text`: exact before prefix before substring.

    Both sides go through the name index's normalisation (graph/fold.py: NFKC, no format characters,
    traditional → simplified, lower case); Latin text also without spaces and apostrophes, so
    "lin an", "Lin'an" and "linan" are the same. Ties: label (regions first), shorter match, id.
    """
    check_limit(limit, "limit", 1, 200)
    if not isinstance(text, str) or not normalize(text):
        raise InvalidQuery("search text is empty")
    q = fold_name(text)
    q_latin = latin_key(q) if any(c.isascii() and c.isalpha() for c in q) else ""
    ranked: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for n in lookup_for(store).by_id.values():
        best: tuple[int, int, str, str] | None = None
        for how, surface in surfaces(n):
            s = fold_name(surface)
            kind = _match(q, s)
            if kind is None and q_latin and how in ("pinyin", "english", "id", "code", "alias"):
                key = latin_key(s.split(":", 1)[-1]) if how == "id" else latin_key(s)
                kind = _match(q_latin, key) if key else None
            if kind is None:
                continue
            cand = (MATCH_RANK[kind], len(surface), how, surface)
            if best is None or cand < best:
                best = cand
        if best is not None:
            rank, length, how, surface = best
            order = (rank, LABEL_ORDER.get(n.label, 9), length, n.id)
            ranked.append((order, brief(n) | {"match": next(k for k, v in MATCH_RANK.items() if v == rank),
                                            "matched": surface, "field": how}))
    ranked.sort(key=lambda x: x[0])
    return SearchResult("search", {"text": text, "limit": limit}, [h for _, h in ranked[:limit]], len(ranked))


__all__ = ["SearchResult", "search"]
