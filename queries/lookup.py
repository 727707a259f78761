"""Finding nodes by id, name, alias, abbreviation, pinyin or near name: the store's nodes in graph/names.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from graph.fold import fold_name, latin_key
from graph.gazetteer import name_rules
from graph.model import DOMAIN, ORGANIZATION, REGION, Node
from graph.name_forms import Named, NameRules
from graph.names import EXACT, NameIndex, Suggestion, clear_best
from graph.reference import load_reference
from graph.store import GraphStore
from queries.brief import brief
from queries.errors import Ambiguous, NotFound


@dataclass(frozen=True)
class Hit:
    """A name in a question: span and characters of the text as given, the node it most likely means,
    how it matched (exact / derived / pinyin / homophone / fuzzy) and its score (100 unless near)."""

    start: int
    end: int
    surface: str
    node: Node
    how: str = EXACT
    score: float = 100.0
    others: tuple[Node, ...] = ()  # the other nodes an ambiguous name may mean

    @property
    def near(self) -> bool:
        """A near name (typo, homophone): answer only with a "did you mean …" note."""
        return self.how in ("homophone", "fuzzy")


def named(n: Node) -> Named:
    """A store node as the name index sees it."""
    aliases = [*n.props.get("aliases", [])] + ([n.props["zh"]] if n.label == DOMAIN and n.props.get("zh") else [])
    latin = [n.props.get("pinyin"), n.props.get("en"), n.props.get("en_label"), *n.props.get("en_words", [])]
    return Named(n.id, n.label, n.name, tuple(a for a in aliases if a), tuple(x for x in latin if x),
                 n.props.get("level"), n.props.get("city"))


@lru_cache(maxsize=1)
def _rules() -> NameRules:
    return name_rules(load_reference())


class Lookup:
    """The name index over a store's regions, organisations and fields (the same for memory and Neo4j),
    plus exact names of every other node as a last resort."""

    def __init__(self, nodes: list[Node]) -> None:
        self.by_id = {n.id: n for n in nodes}
        self.other_names: dict[str, list[Node]] = defaultdict(list)
        for n in nodes:
            if n.label not in (REGION, ORGANIZATION, DOMAIN):
                self.other_names[fold_name(n.name)].append(n)
        self.index = NameIndex([named(n) for n in nodes if n.label in (REGION, ORGANIZATION, DOMAIN)], _rules())

    def candidates(self, text: str, labels: tuple[str, ...] | None = None) -> list[Node]:
        """Every node a whole name may mean, best first (an exact canonical name, then regions)."""
        if text in self.by_id and (not labels or self.by_id[text].label in labels):
            return [self.by_id[text]]
        found = [self.by_id[i] for i in self.index.candidates(text, labels)]
        if not found:
            found = [n for n in self.other_names.get(fold_name(text), []) if not labels or n.label in labels]
        return found

    def resolve(self, text: str, labels: tuple[str, ...] | None = None) -> Node:
        """One node for a name, or NotFound (with close matches) / Ambiguous (with candidates)."""
        found = self.candidates(text, labels)
        if not found:
            raise NotFound(text, self.suggest(text, labels))
        if len(found) > 1 and fold_name(found[0].name) != fold_name(text):
            raise Ambiguous(text, [brief(n) for n in found])
        return found[0]

    def suggestions(self, text: str, labels: tuple[str, ...] | None = None, n: int = 5) -> list[Suggestion]:
        """Ranked near names with scores 0–100 (see graph.names: CLEAR_SCORE, CLEAR_MARGIN)."""
        return self.index.suggest(text, labels, n)

    def did_you_mean(self, text: str, labels: tuple[str, ...] | None = None) -> Node | None:
        """The node a misspelt name clearly means (one suggestion clearly best), else None."""
        best = clear_best(self.suggestions(text, labels))
        return self.by_id[best.id] if best else None

    def suggest(self, text: str, labels: tuple[str, ...] | None = None, n: int = 5) -> list[dict[str, str]]:
        """Close matches as {id, name, type} (for NotFound), best first."""
        return [brief(self.by_id[s.id]) for s in self.suggestions(text, labels, n)]

    def scan(self, text: str, labels: tuple[str, ...] = (REGION, ORGANIZATION), *, fuzzy: bool = True) -> list[Hit]:
        """Names in a question, leftmost-longest (海宁市高级中学 before 海宁市), with spans of `text`.

        Traditional characters, format characters, full-width forms, pinyin (with tones, spaces,
        suffixes) are matched as the names; with `fuzzy`, near names too (marked by `how`/`near`)."""
        return [Hit(h.start, h.end, h.surface, self.by_id[h.ids[0]], h.how, h.score,
                    tuple(self.by_id[i] for i in h.ids[1:]))
                for h in self.index.scan(text, labels, fuzzy=fuzzy)]


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


__all__ = ["Hit", "Lookup", "invalidate", "latin_key", "lookup_for"]
