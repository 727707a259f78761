"""Finding nodes by id, Chinese name, short name, alias, abbreviation, pinyin or English."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.gazetteer import LATIN_SUFFIXES, latin_key
from graph.model import DOMAIN, ORGANIZATION, REGION, Node, normalize
from graph.store import GraphStore
from queries.errors import Ambiguous, NotFound

_CJK_SUFFIXES = ("县", "区", "市")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    node: Node


class Lookup:
    """An index over a store's nodes, built once per store (the same for memory and Neo4j)."""

    def __init__(self, nodes: list[Node]) -> None:
        self.by_id = {n.id: n for n in nodes}
        # Exact names of every other node (projects, measures, documents …): only a fallback.
        self.other_names: dict[str, list[Node]] = defaultdict(list)
        for n in nodes:
            if n.label not in (REGION, ORGANIZATION, DOMAIN):
                self.other_names[normalize(n.name)].append(n)
        self.surface: dict[str, list[Node]] = defaultdict(list)
        self.latin: dict[str, list[Node]] = defaultdict(list)
        for n in nodes:
            if n.label not in (REGION, ORGANIZATION, DOMAIN):
                continue
            names = {n.name, *n.props.get("aliases", [])}
            if n.label == DOMAIN:
                names |= {n.props.get("zh", "")}
            for s in names:
                if s and n not in self.surface[normalize(s)]:
                    self.surface[normalize(s)].append(n)
            latin = [n.props.get("pinyin"), n.props.get("en"), n.props.get("en_label"), *n.props.get("en_words", [])]
            for s in latin:
                if s and latin_key(s) and n not in self.latin[latin_key(s)]:
                    self.latin[latin_key(s)].append(n)
        self._pattern = re.compile("|".join(
            map(re.escape, sorted((s for s in self.surface if len(s) >= 2), key=len, reverse=True))))

    def candidates(self, text: str, labels: tuple[str, ...] | None = None) -> list[Node]:
        t = normalize(text)
        if t in self.by_id:
            found = [self.by_id[t]]
        else:
            found = list(self.surface.get(t, []))
            if not found and t and t[-1] in _CJK_SUFFIXES and len(t) > 2:
                found = list(self.surface.get(t[:-1], []))
            if not found and re.search(r"[A-Za-z]", t):
                key = latin_key(t)
                found = list(self.latin.get(key, []))
                for suffix in LATIN_SUFFIXES:
                    if not found and key.endswith(suffix):
                        found = list(self.latin.get(key[: -len(suffix)], []))
            if not found:
                found = list(self.other_names.get(t, []))
        if labels:
            found = [n for n in found if n.label in labels]
        found.sort(key=lambda n: (normalize(n.name) != t, n.label != REGION, n.id))
        return found

    def resolve(self, text: str, labels: tuple[str, ...] | None = None) -> Node:
        """One node for a name, or NotFound (with close matches) / Ambiguous (with candidates)."""
        found = self.candidates(text, labels)
        if not found:
            raise NotFound(text, self.suggest(text, labels))
        if len(found) > 1 and normalize(found[0].name) != normalize(text):
            raise Ambiguous(text, [brief(n) for n in found])
        return found[0]

    def suggest(self, text: str, labels: tuple[str, ...] | None = None, n: int = 5) -> list[dict[str, str]]:
        t = normalize(text)
        pool = {s: ns for s, ns in self.surface.items()}
        close = difflib.get_close_matches(t, list(pool), n=n * 2, cutoff=0.5)
        close += [s for s in pool if t and (t in s or s in t) and s not in close]
        if re.search(r"[A-Za-z]", t):
            keys = difflib.get_close_matches(latin_key(t), list(self.latin), n=n, cutoff=0.6)
            out = [brief(x) for k in keys for x in self.latin[k]]
        else:
            out = []
        for s in close:
            out += [brief(x) for x in pool[s]]
        seen: set[str] = set()
        uniq = []
        for b in out:
            if b["id"] not in seen and (not labels or b["type"] in labels):
                seen.add(b["id"])
                uniq.append(b)
        return uniq[:n]

    def scan(self, text: str, labels: tuple[str, ...] = (REGION, ORGANIZATION)) -> list[Hit]:
        """Leftmost-longest names in a question (海宁市高级中学 before 海宁市), then Latin words."""
        t = normalize(text)
        hits = []
        for m in self._pattern.finditer(t):
            ns = [n for n in self.surface[m.group(0)] if n.label in labels]
            if ns:
                ns.sort(key=lambda n: (normalize(n.name) != m.group(0), n.label != REGION, n.id))
                hits.append(Hit(m.start(), m.end(), m.group(0), ns[0]))
        words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z][A-Za-z']*", t)]
        i = 0
        while i < len(words):
            for span in range(min(4, len(words) - i), 0, -1):
                s, e = words[i][0], words[i + span - 1][1]
                key = latin_key(t[s:e])
                ns = [n for n in self.latin.get(key, []) if n.label in labels]
                if len(ns) == 1:
                    hits.append(Hit(s, e, t[s:e], ns[0]))
                    i += span
                    break
            else:
                i += 1
        return sorted(hits, key=lambda h: h.start)


def brief(n: Node) -> dict[str, Any]:
    return {"id": n.id, "name": n.name, "type": n.label}


_CACHE: dict[int, tuple[GraphStore, Lookup]] = {}


def lookup_for(store: GraphStore) -> Lookup:
    """The lookup of a store, built on first use (the graph is read-only while served)."""
    cached = _CACHE.get(id(store))
    if cached is None or cached[0] is not store:
        cached = (store, Lookup(store.nodes()))
        _CACHE[id(store)] = cached
    return cached[1]


def invalidate(store: GraphStore) -> None:
    _CACHE.pop(id(store), None)
