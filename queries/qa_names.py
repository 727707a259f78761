"""Names the index does not find as written: pinyin with a suffix, typos — used only when one is clearly best."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pypinyin import lazy_pinyin

from graph.gazetteer import latin_key
from graph.model import ORGANIZATION, REGION, Node, normalize
from graph.store import GraphStore
from queries.common import brief
from queries.lookup import Hit, lookup_for
from queries.qa_terms import vocab

# Characters that start question words, not place names (哪个县, 几个区, 结对县 …).
_NOT_NAME = set("哪个些几对援扶强济该本全各每城地山的是和与在有县区市中两一二三四五六七八九十多少")
_EN_COMMON = {"which", "what", "where", "does", "support", "supports", "supported", "help", "helps", "county",
              "counties", "city", "cities", "district", "districts", "there", "their", "with", "from", "paired",
              "partner", "partners", "projects", "measures", "between", "connected", "mountain", "responsible",
              "province", "zhejiang", "about", "among", "these", "those", "many", "much", "most", "would", "could"}


class _Forms:
    """The name index's listed forms as nodes: Latin keys and folded Chinese surfaces."""

    def __init__(self, store: GraphStore) -> None:
        lk = lookup_for(store)
        self.latin = {k: [lk.by_id[i] for i in ids if i in lk.by_id] for k, ids in lk.index.latin.items()}
        self.surface = {k: [lk.by_id[i] for i in ids if i in lk.by_id] for k, ids in lk.index.forms.items()}


_FORMS: dict[int, tuple[object, _Forms]] = {}


def _forms(store: GraphStore) -> _Forms:
    lk = lookup_for(store)
    cached = _FORMS.get(id(store))
    if cached is None or cached[0] is not lk:
        cached = (lk, _Forms(store))
        _FORMS[id(store)] = cached
    return cached[1]


def fuzzy_hits(store: GraphStore, text: str, hits: list[Hit]) -> tuple[list[Hit], list[dict[str, Any]]]:
    """Hits for names the exact scan missed, and "did you mean" suggestions for each one tried."""
    lk = _forms(store)
    index = lookup_for(store)
    covered = [(h.start, h.end) for h in hits]
    out: list[Hit] = []
    suggestions: list[dict[str, Any]] = []
    vocab_words = {w.lower() for terms in vocab().values() for t in terms for w in t.words}

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in covered + [(h.start, h.end) for h in out])

    # English names of organisations, with or without "Zhejiang" (the Provincial Second Light Industry Group).
    for m in re.finditer(r"(?:[A-Z][a-z]+\s+){1,7}[A-Z][a-z]+", text):
        key = latin_key(m.group(0))
        if not free(m.start(), m.end()) or len(key) < 12:
            continue
        orgs = {n.id: n for k, ns in lk.latin.items() if k.endswith(key) for n in ns if n.label == ORGANIZATION}
        if len(orgs) == 1:
            out.append(Hit(m.start(), m.end(), m.group(0), next(iter(orgs.values()))))
    for m in re.finditer(r"[A-Za-z]{4,}", text):
        word = m.group(0)
        if not free(m.start(), m.end()) or word.lower() in _EN_COMMON or word.lower() in vocab_words:
            continue
        found = index.candidates(word, (REGION, ORGANIZATION))
        if len(found) == 1:
            out.append(Hit(m.start(), m.end(), word, found[0]))
            continue
        pool = [k for k, ns in lk.latin.items() if any(n.label in (REGION, ORGANIZATION) for n in ns)]
        node, tied = _closest(pool, latin_key(word), 0.85,
                              lambda k: [n for n in lk.latin[k] if n.label in (REGION, ORGANIZATION)])
        _use(out, suggestions, m, node, tied)
    # 省自然资源厅 for 浙江省自然资源厅: every source is a Zhejiang document (the name index may do this itself).
    for m in re.finditer(r"(?<![江])省[\u4e00-\u9fff]{2,12}?(厅|局|委员会|委|办公室|办|集团|院|馆|中心)", text):
        if free(m.start(), m.end()):
            found = index.candidates("浙江" + m.group(0), (ORGANIZATION,))
            if len(found) == 1:
                out.append(Hit(m.start(), m.end(), m.group(0), found[0]))
    for m in re.finditer(r"[\u4e00-\u9fff]{2}(县|区|市)", text):
        if not free(m.start(), m.end()) or set(m.group(0)[:2]) & _NOT_NAME or m.group(0) in lk.surface:
            continue
        regions = {s: [n for n in ns if n.label == REGION] for s, ns in lk.surface.items() if s.endswith(m.group(1))}
        # Same sound (晋云县 for 缙云县), else one character off that shares a character (永家县 for 永嘉县).
        sound = {n.id: n for s, ns in regions.items() if _sound(s) == _sound(m.group(0)) for n in ns}
        if len(sound) == 1:
            _use(out, suggestions, m, next(iter(sound.values())), [])
            continue
        names = [s for s, ns in regions.items() if ns and set(s[:-1]) & set(m.group(0)[:2])]
        node, tied = _closest(names, m.group(0), 0.6, regions.__getitem__)
        _use(out, suggestions, m, node, tied)
    return out, suggestions


def _sound(text: str) -> str:
    return "".join(lazy_pinyin(text))


def _use(out: list[Hit], suggestions: list[dict[str, Any]], m: re.Match[str], node: Node | None,
         tied: list[Node]) -> None:
    """Take the one close name as the party (saying so), or record the tied names to ask back with."""
    if node is not None:
        out.append(Hit(m.start(), m.end(), m.group(0), node))
        suggestions.append({"surface": m.group(0), "did_you_mean": node.name, "id": node.id, "used": True})
    elif tied:
        suggestions.append({"surface": m.group(0), "candidates": [brief(n) for n in tied], "used": False})


def _closest(pool: list[str], key: str, cutoff: float, nodes_of: Any) -> tuple[Node | None, list[Node]]:
    """The one node clearly closest to key, else None and the nodes that tie for closest (to ask back)."""
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in pool), reverse=True)
    scored = [x for x in scored if x[0] >= cutoff]
    if not scored:
        return None, []
    near = {n.id: n for r, k in scored if r > scored[0][0] - 0.05 for n in nodes_of(k)}
    if len(near) == 1:
        return next(iter(near.values())), []
    return None, sorted(near.values(), key=lambda n: n.id)[:5]


def unknown_names(store: GraphStore, text: str) -> list[dict[str, Any]]:
    """Close names of the graph for name-like words the question holds, to offer as "did you mean"."""
    out: list[dict[str, Any]] = []
    for m in re.finditer(r"[\u4e00-\u9fff]{2,6}?(?:县|区|市|集团|医院|大学)|[A-Z][a-z]{3,}", normalize(text)):
        for b in lookup_for(store).suggest(m.group(0), (REGION, ORGANIZATION), n=3):
            if b not in out:
                out.append(b)
    return out[:5]


__all__ = ["fuzzy_hits", "unknown_names"]
