"""Parties of a prose sentence: regions (in and outside Zhejiang) and organisations, and which side each takes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graph.gazetteer import is_mountain
from graph.model import ORGANIZATION, REGION, Node, make_id, normalize
from graph.reference import Entry
from loaders.base import Context

# "四川省凉山州木里藏族自治县": a county outside Zhejiang named with its province, not in the reference data.
_OUTSIDE_TAIL = r"(?:省|自治区|市)?(?:[一-龥]{2,6}?(?:州|地区|盟))?([一-龥]{2,7}?(?:自治县|县|旗))"


@dataclass(frozen=True)
class Party:
    start: int  # offsets in the sentence's match text
    end: int
    id: str
    name: str
    label: str  # Region or Organization
    level: str  # city, county, province (regions); organization
    side: str  # "recipient" (mountain county, all-mountain city, outside Zhejiang) or "supporter"
    outside: bool = False
    region: str | None = None  # an organisation's own region id (from the reference data)
    kind: str | None = None


@dataclass
class Parties:
    """All parties of one sentence, in text order, and nodes to add for outside regions found by pattern."""

    items: list[Party] = field(default_factory=list)
    new_nodes: list[Node] = field(default_factory=list)


def stop_contexts(ctx: Context) -> dict[str, list[str]]:
    """overrides.yaml short_name_stop_contexts in match form: a name inside one of these is not that region."""
    spec = ctx.gazetteer.reference.overrides.get("short_name_stop_contexts", {}) or {}
    return {normalize(k): [re.sub(r"\s+", "", normalize(c)) for c in v]
            for k, v in (spec.get("contexts") or {}).items()}


def region_side(ctx: Context, e: Entry) -> str:
    if e.props.get("outside_province") or is_mountain(e):
        return "recipient"
    if e.props.get("level") == "city" and _all_mountain(ctx, e):
        return "recipient"  # 丽水, 衢州: every county is a mountain county, the city is never a supporter
    return "supporter"


def _all_mountain(ctx: Context, city: Entry) -> bool:
    counties = [e for e in ctx.gazetteer.entries.values()
                if e.label == REGION and e.props.get("parent") == city.id and e.props.get("level") == "county"]
    return bool(counties) and all(is_mountain(e) for e in counties)


def find_parties(ctx: Context, text: str, stops: dict[str, list[str]]) -> Parties:
    """Regions and organisations in `text` (leftmost-longest, so 海宁市高级中学 is not 海宁市)."""
    out = Parties()
    for m in ctx.gazetteer.find_all(text, (REGION, ORGANIZATION)):
        if _stopped(text, m.start, m.end, stops.get(m.surface, [])):
            continue
        e = m.entry
        if e.label == REGION:
            level = str(e.props.get("level"))
            if level not in ("county", "city", "province"):
                continue  # a group (山区26县) is never one party
            out.items.append(Party(m.start, m.end, e.id, e.name, REGION, level, region_side(ctx, e),
                                   bool(e.props.get("outside_province"))))
        else:
            region = ctx.gazetteer.region(str(e.props["region"])) if e.props.get("region") else None
            side = "recipient" if region is not None and region_side(ctx, region) == "recipient" else "supporter"
            out.items.append(Party(m.start, m.end, e.id, e.name, ORGANIZATION, "organization", side,
                                   region=region.id if region else None, kind=e.props.get("kind")))
    _outside_by_pattern(ctx, text, out)
    out.items = _drop_city_prefixes(ctx, sorted(out.items, key=lambda p: p.start))
    return out


def _stopped(text: str, start: int, end: int, contexts: list[str]) -> bool:
    for context in contexts:
        for x in re.finditer(re.escape(context), text):
            if x.start() <= start and end <= x.end():
                return True
    return False


def _outside_by_pattern(ctx: Context, text: str, out: Parties) -> None:
    """A county outside Zhejiang that the reference data lacks, named after its province: a new region."""
    provinces = [e for e in ctx.gazetteer.entries.values()
                 if e.label == REGION and e.props.get("outside_province") and e.props.get("level") == "province"]
    for prov in provinces:
        for surface in {prov.name, *prov.aliases}:
            for m in re.finditer(re.escape(surface) + _OUTSIDE_TAIL, text):
                name = m.group(1)
                s, e = m.start(1), m.end(1)
                # The province (and prefecture) written before the county only say where it is.
                out.items = [p for p in out.items if not (m.start() <= p.start and p.end <= s)]
                # The party spans province to county, so 结对帮扶贵州省…台江县 joins the two parties directly.
                known = [p for p in out.items if p.start < e and s < p.end]
                if known:
                    out.items = [replace(p, start=m.start()) if p in known else p for p in out.items]
                    continue
                node_id = make_id(REGION, name)
                out.items.append(Party(m.start(), e, node_id, name, REGION, "county", "recipient", True))
                out.new_nodes.append(Node(node_id, REGION, name, {
                    "level": "county", "province": prov.name, "outside_province": True, "unlisted": True}))


def _drop_city_prefixes(ctx: Context, items: list[Party]) -> list[Party]:
    """丽水景宁, 四川省木里县: a city or province written right before its own county is part of that name."""
    keep: list[Party] = []
    for p in items:
        if keep and keep[-1].end == p.start and keep[-1].level in ("city", "province") and p.label == REGION:
            entry = ctx.gazetteer.entries.get(p.id)
            parent = entry.props.get("parent") if entry else None
            if parent == keep[-1].id or p.outside:
                keep.pop()
        keep.append(p)
    return keep


__all__ = ["Parties", "Party", "find_parties", "region_side", "stop_contexts"]
