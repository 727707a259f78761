"""supporters_of and supported_by: who supports whom, how, in which fields and rounds, with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import DOMAIN, ORGANIZATION, PROJECT, REGION
from graph.store import GraphStore
from graph.support import DEFAULT_PROGRAMME, SupportFact
from queries.common import brief, check_round
from queries.derived import derived
from queries.lookup import lookup_for
from queries.rounds import filter_rounds

LEVEL_ORDER = {"city": 0, "county": 1, "organization": 2}


@dataclass
class Support:
    """One way a supporter supports a region: a pairing, a measure, a project or a stated link."""

    via: str  # "pairing" (a SUPPORTS relationship), "measure" or "project"
    relation: str
    level: str | None
    mechanism: str | None
    rounds: list[str]
    domains: list[str]
    evidence: list[dict[str, Any]]
    measure: dict[str, str] | None = None
    project: dict[str, str] | None = None
    # The support fact shown (graph.support); not part of the answer, a key for what is derived from it.
    fact: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies every evidence dict, the most of an API answer's cost.
        return {"via": self.via, "relation": self.relation, "level": self.level, "mechanism": self.mechanism,
                "rounds": list(self.rounds), "domains": list(self.domains), "evidence": list(self.evidence),
                "measure": self.measure, "project": self.project}


@dataclass
class Supporter:
    id: str
    name: str
    type: str
    kind: str | None
    domains: list[str]
    supports: list[Support] = field(default_factory=list)

    @property
    def evidence(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        # Equal records once (a dict scan per record was quadratic); the same record object is the common case.
        same: set[int] = set()
        seen: set[frozenset[tuple[str, Any]]] = set()
        for s in self.supports:
            for e in s.evidence:
                if id(e) in same:
                    continue
                same.add(id(e))
                key = frozenset(e.items())
                if key not in seen:
                    seen.add(key)
                    out.append(e)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "kind": self.kind,
                "domains": list(self.domains), "supports": [s.to_dict() for s in self.supports],
                "evidence": self.evidence}


@dataclass
class SupportResult:
    query: str
    params: dict[str, Any]
    subject: dict[str, Any]
    supporters: list[Supporter]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "subject": self.subject,
                "supporters": [s.to_dict() for s in self.supporters]}


def resolve_field(store: GraphStore, field_: str | None) -> str | None:
    if not field_:
        return None
    node = lookup_for(store).resolve(field_, (DOMAIN,))
    return node.id


def supporters_of(store: GraphStore, region: str, field: str | None = None,
                  round: str | None = None, programme: str = DEFAULT_PROGRAMME) -> SupportResult:
    """Every supporter of a region: pairings and stated support, measures FOR it, projects for it.

    Read from the store's support facts (graph.support, the one definition of support).
    `field` keeps only support tied to that field (a general pairing names no field, so it is
    left out). `round`: None = the region's latest round ("current"), "all", or a round id.
    `programme`: 山海协作 ("shanhai") by default; "all" adds 东西部协作 and the other programmes.
    """
    round = _check_round(store, round)
    target = lookup_for(store).resolve(region, (REGION,))
    domain = resolve_field(store, field)
    view = _round_view(store, target.id, programme, round)
    by_id: dict[str, Supporter] = {}
    level: dict[str, int] = {}
    # In the order supports are shown (ready_supports), so no sort per supporter.
    for r in (view.by_domain.get(domain, []) if domain else view.rows):
        f = r.fact
        sp = by_id.get(f.supporter)
        if sp is None:
            sp = by_id[f.supporter] = Supporter(f.supporter, f.supporter_name, f.supporter_label,
                                                f.supporter_kind, [])
            level[f.supporter] = r.level
        elif r.level < level[f.supporter]:
            level[f.supporter] = r.level
        sp.supports.append(r.support)
    out = list(by_id.values())
    for sp in out:
        sp.domains = sorted({d for x in sp.supports for d in x.domains})
    out.sort(key=lambda sp: (level[sp.id], sp.type != REGION, sp.id))
    return SupportResult("supporters_of", {"region": target.id, "field": domain, "round": round or "current",
                                           **({} if programme == DEFAULT_PROGRAMME else {"programme": programme})},
                         brief(target), out)


@dataclass(frozen=True)
class ReadySupport:
    """A support fact with its answer row and its place in the order supports are shown."""

    fact: SupportFact
    support: Support  # shared by every answer that shows the fact: read-only
    level: int  # LEVEL_ORDER of its level; a supporter is listed by its highest-level support
    pairing: bool


def ready_supports(store: GraphStore, recipient: str) -> list[ReadySupport]:
    """The support facts into `recipient`, each with its `Support` row, sorted as a supporter's supports
    are shown (via, level, mechanism, measure or project id; ties in the store's order).

    Derived data, not answers: the same rows serve every field, round and programme, which a request
    filters. On an immutable store (a snapshot) they are made once per recipient and snapshot and
    dropped with it (queries.derived, keyed on the name index that `queries.lookup.invalidate`
    replaces); on Neo4j, whose data can change underneath, they are made per call."""
    if not store.immutable:
        return _ready(store.support_facts(recipient=recipient))
    return derived(store, ("support.ready", recipient), lambda _: _ready(store.support_facts(recipient=recipient)))


@dataclass(frozen=True)
class _RoundView:
    rows: list[ReadySupport]  # the supports kept for a round, in the order they are shown
    by_domain: dict[str, list[ReadySupport]]  # the same, per field they are tied to


def _round_view(store: GraphStore, recipient: str, programme: str, round_: str | None) -> _RoundView:
    """A recipient's supports of one programme kept for a round, and per field.

    Pairings are kept by round (None: the latest round they know); a measure or project by the round
    asked for, and in the current view by the rounds of the pairings kept. They depend on the snapshot
    and the (few) programmes and rounds only, not on a request's field or page, so an immutable store
    derives them once (profiling a cold question showed the round filter over every support of a county
    as a quarter of the answer's time)."""
    def view() -> _RoundView:
        rows = ready_supports(store, recipient)
        if programme != "all":
            rows = [r for r in rows if r.fact.programme == programme]
        pairing = filter_rounds([r.fact for r in rows if r.pairing], round_)
        kept_pairings = {f.id for f in pairing}
        kept_rounds = {x for f in pairing for x in f.rounds}
        current = round_ is None and bool(kept_rounds)
        kept = [r for r in rows if (r.fact.id in kept_pairings if r.pairing else not (
            (round_ not in (None, "all") and round_ not in r.fact.rounds)
            or (current and kept_rounds.isdisjoint(r.fact.rounds))))]
        by_domain: dict[str, list[ReadySupport]] = {}
        for r in kept:
            for d in dict.fromkeys(r.fact.domains):
                by_domain.setdefault(d, []).append(r)
        return _RoundView(kept, by_domain)
    if not store.immutable:
        return view()
    return derived(store, ("support.round_view", recipient, programme, round_), lambda _: view())


def _ready(facts: list[SupportFact]) -> list[ReadySupport]:
    rows = []
    for f in facts:
        x = _support(f)
        rows.append((_support_key(x), ReadySupport(f, x, LEVEL_ORDER.get(x.level or "", 9), f.via == "pairing")))
    rows.sort(key=lambda kr: kr[0])  # stable: equal keys keep the store's order, as the per-supporter sort did
    return [r for _, r in rows]


def _support_key(x: Support) -> tuple[str, int, str, str]:
    return (x.via, LEVEL_ORDER.get(x.level or "", 9), x.mechanism or "", (x.measure or x.project or {}).get("id", ""))


def supported_by(store: GraphStore, supporter: str, field: str | None = None,
                 round: str | None = "all", programme: str = DEFAULT_PROGRAMME) -> SupportResult:
    """The reverse: which regions a region or organisation supports, and how (山海协作 unless
    `programme` is "all" or another programme)."""
    round = _check_round(store, round)
    src = lookup_for(store).resolve(supporter, (REGION, ORGANIZATION))
    domain = resolve_field(store, field)
    facts = [f for f in store.support_facts(supporter=src.id) if _in_programme(f, programme)]
    pairing = filter_rounds([f for f in facts if f.via == "pairing"], round)
    items = [f for f in facts if f.via != "pairing" and _in_round(f, round)]
    by_id: dict[str, Supporter] = {}
    for f in [*pairing, *items]:
        if domain and domain not in f.domains:
            continue
        if f.recipient not in by_id:
            by_id[f.recipient] = Supporter(f.recipient, f.recipient_name, REGION, f.recipient_level, [])
        by_id[f.recipient].supports.append(_support(f))
    out = list(by_id.values())
    for sp in out:
        sp.domains = sorted({d for x in sp.supports for d in x.domains})
        sp.supports.sort(key=lambda x: (x.via, x.mechanism or "", (x.measure or x.project or {}).get("id", "")))
    out.sort(key=lambda sp: sp.id)
    return SupportResult("supported_by", {"supporter": src.id, "field": domain, "round": round or "current",
                                          **({} if programme == DEFAULT_PROGRAMME else {"programme": programme})},
                         brief(src), out)


def _in_programme(f: SupportFact, programme: str) -> bool:
    return programme == "all" or f.programme == programme


def _in_round(f: SupportFact, round_: str | None) -> bool:
    """A measure or project is kept for "current" (decided against the pairings) and "all"; else by its rounds."""
    return round_ in (None, "all") or round_ in f.rounds


def _check_round(store: GraphStore, round_: str | None) -> str | None:
    """"current" is the default (None); anything else must be "all" or a round of the graph."""
    return check_round(store, None if round_ == "current" else round_)


def _support(f: SupportFact) -> Support:
    ref = {"id": f.item, "name": f.item_name or ""} if f.item else None
    return Support(f.via, f.relation, f.level, f.mechanism, list(f.rounds), list(f.domains), list(f.evidence_dicts),
                   ref if f.via == "measure" else None, ref if f.via == "project" else None, f.id)


__all__ = ["ORGANIZATION", "PROJECT", "ReadySupport", "SupportResult", "Supporter", "ready_supports", "supported_by",
           "supporters_of"]
