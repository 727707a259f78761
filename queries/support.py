"""supporters_of and supported_by: who supports whom, how, in which fields and rounds, with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    BENEFITS,
    DOMAIN,
    FOR,
    IN_DOMAIN,
    MEASURE,
    ORGANIZATION,
    PROJECT,
    REGION,
    SUPPORTS,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Relation,
)
from graph.store import GraphStore
from queries.common import brief, check_round, node_by_id
from queries.errors import InvalidQuery
from queries.lookup import lookup_for
from queries.rounds import filter_rounds

DEFAULT_PROGRAMME = "shanhai"  # 山海协作; 东西部协作 (east_west) etc. only when asked for
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
        for s in self.supports:
            out += [e for e in s.evidence if e not in out]
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
    """Every supporter of a region: pairings and stated support, measures FOR it, projects in it.

    `field` keeps only support tied to that field (a general pairing names no field, so it is
    left out). `round`: None = the region's latest round ("current"), "all", or a round id.
    `programme`: 山海协作 ("shanhai") by default; "all" adds 东西部协作 and the other programmes.
    """
    round = _check_round(store, round)
    lk = lookup_for(store)
    target = lk.resolve(region, (REGION,))
    domain = resolve_field(store, field)
    direct, around = store.supporters_relations(target.id, domain)
    pairing = filter_rounds([r for r in direct if r.type == SUPPORTS and _in_programme(r, programme)], round)
    kept_rounds = {x for r in pairing for x in r.props.get("rounds", [])}
    item_domains: dict[str, list[str]] = {}
    for r in around:
        if r.type == IN_DOMAIN:
            item_domains.setdefault(r.source, []).append(r.target)
    by_id: dict[str, Supporter] = {}

    def supporter(node_id: str) -> Supporter:
        if node_id not in by_id:
            n = node_by_id(store, node_id)
            assert n is not None
            by_id[node_id] = Supporter(n.id, n.name, n.label, n.props.get("kind") or n.props.get("level"), [])
        return by_id[node_id]

    for r in pairing:
        doms = list(r.props.get("domains", []))
        if domain and domain not in doms:
            continue
        supporter(r.source).supports.append(_support("pairing", r, doms))
    for r in around:
        if r.type not in (SUPPORTS_MEASURE, SUPPORTS_PROJECT) or programme not in (DEFAULT_PROGRAMME, "all"):
            continue
        if round not in (None, "all") and round not in r.props.get("rounds", []):
            continue
        if round is None and kept_rounds and not set(r.props.get("rounds", [])) & kept_rounds:
            continue
        doms = sorted(item_domains.get(r.target, []))
        if domain and domain not in doms:
            continue
        item = node_by_id(store, r.target)
        assert item is not None
        s = _support("measure" if item.label == MEASURE else "project", r, doms)
        ref = {"id": item.id, "name": item.name}
        if item.label == MEASURE:
            s.measure = ref
        else:
            s.project = ref
        supporter(r.source).supports.append(s)
    out = [sp for sp in by_id.values() if sp.id != target.id]
    for sp in out:
        sp.domains = sorted({d for x in sp.supports for d in x.domains})
        sp.supports.sort(key=lambda x: (x.via, LEVEL_ORDER.get(x.level or "", 9), x.mechanism or "",
                                       (x.measure or x.project or {}).get("id", "")))
    out.sort(key=lambda sp: (min(LEVEL_ORDER.get(x.level or "", 9) for x in sp.supports) if sp.supports else 9,
                             sp.type != REGION, sp.id))
    return SupportResult("supporters_of", {"region": target.id, "field": domain, "round": round or "current",
                                           **({} if programme == DEFAULT_PROGRAMME else {"programme": programme})},
                         brief(target), out)


def supported_by(store: GraphStore, supporter: str, field: str | None = None,
                 round: str | None = "all", programme: str = DEFAULT_PROGRAMME) -> SupportResult:
    """The reverse: which regions a region or organisation supports, and how (山海协作 unless
    `programme` is "all" or another programme)."""
    round = _check_round(store, round)
    lk = lookup_for(store)
    src = lk.resolve(supporter, (REGION, ORGANIZATION))
    domain = resolve_field(store, field)
    rels = store.relations_of([src.id], "out", [SUPPORTS, SUPPORTS_MEASURE, SUPPORTS_PROJECT])
    items = [r.target for r in rels if r.type != SUPPORTS]
    around = store.relations_of(items, "out", [FOR, BENEFITS, IN_DOMAIN])
    targets_of: dict[str, list[str]] = {}
    item_domains: dict[str, list[str]] = {}
    for r in around:
        if r.type == IN_DOMAIN:
            item_domains.setdefault(r.source, []).append(r.target)
        elif r.target.startswith("region:"):
            targets_of.setdefault(r.source, []).append(r.target)
    by_id: dict[str, Supporter] = {}

    def target(node_id: str) -> Supporter:
        if node_id not in by_id:
            n = node_by_id(store, node_id)
            if n is None:
                raise InvalidQuery(f"dangling relationship to {node_id}")
            by_id[node_id] = Supporter(n.id, n.name, n.label, n.props.get("level"), [])
        return by_id[node_id]

    for r in filter_rounds([r for r in rels if r.type == SUPPORTS and _in_programme(r, programme)], round):
        doms = list(r.props.get("domains", []))
        if domain and domain not in doms:
            continue
        target(r.target).supports.append(_support("pairing", r, doms))
    for r in rels:  # measures and projects belong to 山海协作 plans
        if r.type == SUPPORTS or programme not in (DEFAULT_PROGRAMME, "all"):
            continue
        if round not in (None, "all") and round not in r.props.get("rounds", []):
            continue
        doms = sorted(item_domains.get(r.target, []))
        if domain and domain not in doms:
            continue
        item = node_by_id(store, r.target)
        assert item is not None
        for region_id in sorted(set(targets_of.get(r.target, []))):
            s = _support("measure" if item.label == MEASURE else "project", r, doms)
            if item.label == MEASURE:
                s.measure = {"id": item.id, "name": item.name}
            else:
                s.project = {"id": item.id, "name": item.name}
            target(region_id).supports.append(s)
    out = list(by_id.values())
    for sp in out:
        sp.domains = sorted({d for x in sp.supports for d in x.domains})
        sp.supports.sort(key=lambda x: (x.via, x.mechanism or "", (x.measure or x.project or {}).get("id", "")))
    out.sort(key=lambda sp: sp.id)
    return SupportResult("supported_by", {"supporter": src.id, "field": domain, "round": round or "current",
                                          **({} if programme == DEFAULT_PROGRAMME else {"programme": programme})},
                         brief(src), out)


def _in_programme(r: Relation, programme: str) -> bool:
    """A SUPPORTS without a programme predates the property: it is 山海协作."""
    return programme == "all" or r.props.get("programme", DEFAULT_PROGRAMME) == programme


def _check_round(store: GraphStore, round_: str | None) -> str | None:
    """"current" is the default (None); anything else must be "all" or a round of the graph."""
    return check_round(store, None if round_ == "current" else round_)


def _support(via: str, r: Relation, domains: list[str]) -> Support:
    return Support(via, r.type, r.props.get("level"), r.props.get("mechanism"), list(r.props.get("rounds", [])),
                   domains, [e.to_dict() for e in r.evidence])


__all__ = ["ORGANIZATION", "PROJECT", "SupportResult", "Supporter", "supported_by", "supporters_of"]
