"""The pairing tables as data (pairings) and what changed between two rounds (rounds_diff)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import SUPPORTS, Relation
from graph.store import GraphStore
from queries.common import (
    LEVEL_ORDER,
    PAIRING_MECHANISMS,
    brief,
    check_round,
    evidence_of,
    mechanism_key,
    node_by_id,
    round_of_document,
)
from queries.errors import InvalidQuery
from queries.rounds import filter_rounds, latest

LEVELS = ("city", "county", "organization")


@dataclass
class PairingPartner:
    id: str
    name: str
    type: str
    kind: str | None
    mechanism: str
    rounds: list[str]
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PairingRow:
    """One recipient at one level with its supporters, like a row of a pairing table."""

    recipient: dict[str, Any]
    level: str
    supporters: list[PairingPartner]
    rounds: list[str]
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"recipient": self.recipient, "level": self.level,
                "supporters": [s.to_dict() for s in self.supporters],
                "rounds": self.rounds, "evidence": self.evidence}


@dataclass
class PairingsResult:
    query: str
    params: dict[str, Any]
    rows: list[PairingRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "total": len(self.rows),
                "rows": [r.to_dict() for r in self.rows]}


def check_level(level: str | None) -> str | None:
    if level is not None and level not in LEVELS:
        raise InvalidQuery(f"level must be one of {', '.join(LEVELS)} (or omitted), not {level!r}")
    return level


def pairing_relations(store: GraphStore, level: str | None = None) -> list[Relation]:
    """Every formal pairing (see PAIRING_MECHANISMS), optionally of one level, in every round."""
    return [r for r in store.all_relations([SUPPORTS])
            if r.props.get("mechanism") in PAIRING_MECHANISMS and (level is None or r.props.get("level") == level)]


def pairings(store: GraphStore, level: str | None = None, round: str | None = None) -> PairingsResult:
    """The pairings by recipient and level: who supports whom, in which rounds, with the table rows.

    `round`: None = each recipient's latest round ("current"), "all", or a round id.
    """
    check_level(level)
    check_round(store, round)
    rels = pairing_relations(store, level)
    by_recipient: dict[str, list[Relation]] = {}
    for r in rels:
        by_recipient.setdefault(r.target, []).append(r)
    rows: list[PairingRow] = []
    for recipient_id in sorted(by_recipient):
        kept = filter_rounds(by_recipient[recipient_id], round)
        recipient = node_by_id(store, recipient_id)
        if recipient is None or not kept:
            continue
        for lvl in sorted({str(r.props.get("level")) for r in kept}, key=lambda x: LEVEL_ORDER.get(x, 9)):
            at_level = [r for r in kept if r.props.get("level") == lvl]
            partners = []
            for r in at_level:
                sup = node_by_id(store, r.source)
                if sup is None:
                    continue
                partners.append(PairingPartner(sup.id, sup.name, sup.label, sup.props.get("kind"),
                                               str(r.props.get("mechanism")), list(r.props.get("rounds", [])),
                                               evidence_of([r])))
            partners.sort(key=lambda p: (mechanism_key(p.mechanism), p.id))
            rounds = sorted({x for r in at_level for x in r.props.get("rounds", [])}, key=lambda x: (x[:4], x))
            rows.append(PairingRow(brief(recipient), lvl, partners, rounds, evidence_of(at_level)))
    rows.sort(key=lambda row: (LEVEL_ORDER.get(row.level, 9), row.recipient["id"]))
    return PairingsResult("pairings", {"level": level, "round": round or "current"}, rows)


def pairing_table(store: GraphStore, level: str | None = None, round: str | None = "all") -> list[dict[str, Any]]:
    """The pairings flat, one row per supporter, recipient, mechanism and round, with the fields the
    pairing names and only the evidence from that round's documents (a spreadsheet's view).

    `round`: "all" (default), None = each recipient's latest round, or a round id."""
    check_level(level)
    check_round(store, round)
    doc_round = round_of_document(store)
    by_recipient: dict[str, list[Relation]] = {}
    for r in pairing_relations(store, level):
        by_recipient.setdefault(r.target, []).append(r)
    out: list[dict[str, Any]] = []
    for recipient_id in sorted(by_recipient):
        kept = filter_rounds(by_recipient[recipient_id], round)
        # One row per round the filter asks for: a relation stated in several rounds has one row each.
        newest = latest(by_recipient[recipient_id])
        rounds_kept = None if round == "all" else {round or newest or "", ""}
        recipient = node_by_id(store, recipient_id)
        for r in kept:
            supporter = node_by_id(store, r.source)
            if recipient is None or supporter is None:
                continue
            for rnd in r.props.get("rounds") or [""]:
                if rounds_kept is not None and rnd not in rounds_kept:
                    continue
                ev = [e for e in evidence_of([r]) if doc_round.get(e["document"], rnd) == rnd]
                out.append({"supporter": brief(supporter), "recipient": brief(recipient),
                            "level": r.props.get("level"), "mechanism": r.props.get("mechanism"),
                            "fields": sorted(r.props.get("domains", [])), "round": rnd, "evidence": ev})
    out.sort(key=lambda x: (LEVEL_ORDER.get(str(x["level"]), 9), x["recipient"]["id"], x["round"],
                            mechanism_key(x["mechanism"]), x["supporter"]["id"]))
    return out


@dataclass
class PairingChange:
    recipient: dict[str, Any]
    supporter: dict[str, Any]
    level: str
    mechanisms: list[str]
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class RoundsDiffResult:
    query: str
    params: dict[str, Any]
    added: list[PairingChange]
    dropped: list[PairingChange]
    kept: list[PairingChange]
    recipients_only_in_a: list[dict[str, Any]]
    recipients_only_in_b: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params,
                **{k: [c.to_dict() for c in getattr(self, k)] for k in ("added", "dropped", "kept")},
                "recipients_only_in_a": self.recipients_only_in_a,
                "recipients_only_in_b": self.recipients_only_in_b}


def rounds_diff(store: GraphStore, round_a: str, round_b: str, common_only: bool = False) -> RoundsDiffResult:
    """Pairings added in round_b, dropped since round_a, and kept, keyed by (recipient, supporter, level).

    A round may cover only part of the province (the 2018 round is Wenzhou's): `common_only` compares
    only the recipients both rounds name; the recipients only one round names are listed either way.
    Evidence comes from the documents of the round a change is reported for (both rounds when kept).
    """
    check_round(store, round_a, allow_all=False)
    check_round(store, round_b, allow_all=False)
    if round_a == round_b:
        raise InvalidQuery("round_a and round_b are the same round")
    doc_round = round_of_document(store)
    rels = pairing_relations(store)

    def keyed(round_: str) -> dict[tuple[str, str, str], list[Relation]]:
        out: dict[tuple[str, str, str], list[Relation]] = {}
        for r in rels:
            if round_ in r.props.get("rounds", []):
                out.setdefault((r.target, r.source, str(r.props.get("level"))), []).append(r)
        return out

    in_a, in_b = keyed(round_a), keyed(round_b)
    recipients_a, recipients_b = {k[0] for k in in_a}, {k[0] for k in in_b}
    common = recipients_a & recipients_b

    def change(key: tuple[str, str, str], found: list[Relation], rounds: tuple[str, ...]) -> PairingChange:
        recipient, supporter = node_by_id(store, key[0]), node_by_id(store, key[1])
        assert recipient is not None and supporter is not None
        ev = [e for e in evidence_of(found) if doc_round.get(e["document"], rounds[0]) in rounds]
        return PairingChange(brief(recipient), brief(supporter), key[2],
                             sorted({str(r.props.get("mechanism")) for r in found}, key=mechanism_key), ev)

    def listed(keys: set[tuple[str, str, str]], source: dict[tuple[str, str, str], list[Relation]],
               *rounds: str) -> list[PairingChange]:
        keys = {k for k in keys if not common_only or k[0] in common}
        ordered = sorted(keys, key=lambda k: (LEVEL_ORDER.get(k[2], 9), k[0], k[1]))
        return [change(k, source[k], rounds) for k in ordered]

    def regions(ids: set[str]) -> list[dict[str, Any]]:
        nodes = [node_by_id(store, i) for i in sorted(ids)]
        return [brief(n) for n in nodes if n is not None]

    return RoundsDiffResult(
        "rounds_diff", {"round_a": round_a, "round_b": round_b, "common_only": common_only},
        added=listed(set(in_b) - set(in_a), in_b, round_b),
        dropped=listed(set(in_a) - set(in_b), in_a, round_a),
        kept=listed(set(in_a) & set(in_b), in_b, round_a, round_b),
        recipients_only_in_a=regions(recipients_a - recipients_b),
        recipients_only_in_b=regions(recipients_b - recipients_a),
    )


__all__ = ["PAIRING_MECHANISMS", "PairingRow", "PairingsResult", "RoundsDiffResult", "pairing_table", "pairings",
           "rounds_diff"]
