"""Parties of a prose sentence: regions (in and outside Zhejiang) and organisations, and which side each takes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from graph.gazetteer import is_mountain
from graph.model import ORGANIZATION, REGION, Node, make_id, normalize
from graph.org_kinds import guess_kind
from graph.reference import Entry
from loaders.base import Context

# "四川省凉山州木里藏族自治县": a county outside Zhejiang named with its province, not in the reference data.
_OUTSIDE_TAIL = r"(?:省|自治区|市)?(?:[一-龥]{2,6}?(?:州|地区|盟))?([一-龥]{2,7}?(?:自治县|县|旗))"


_FACILITY_AFTER = re.compile(r"[一-龥]{0,3}?(?:港|国际机场|机场|码头|火车站|高铁站)")
# 衢州日报记者, 丽水市融媒体中心: a newspaper or broadcaster named after its place reports; it is no party.
_MEDIA_AFTER = re.compile(r"(?:日报|晚报|都市报|商报|电视台|广播电视台|广电|融媒体中心|融媒|新闻网|新闻中心|记者站)")


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
    new: bool = False  # an organisation named in the text and missing from the reference data


@dataclass
class Link:
    """One support statement: supporter → recipient region, how, and what the sentence adds."""

    supporter: Party
    recipient: Party
    mechanism: str
    props: dict[str, Any] = field(default_factory=dict)
    supporter_institution: str | None = None  # 杭州市第一人民医院: an institution of the supporter region


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


def find_parties(ctx: Context, text: str, stops: dict[str, list[str]],
                 aliases: dict[str, str] | None = None) -> Parties:
    """Regions and organisations in `text` (leftmost-longest, so 海宁市高级中学 is not 海宁市); an
    institution or company named after its place and missing from the reference data (new_orgs); a
    short form the document defines (`aliases`, from short_forms) as its full name."""
    out = Parties()
    for m in ctx.gazetteer.find_all(text, (REGION, ORGANIZATION)):
        if _stopped(text, m.start, m.end, stops.get(m.surface, [])):
            continue
        e = m.entry
        if e.label == REGION and (_FACILITY_AFTER.match(text, m.end) or _MEDIA_AFTER.match(text, m.end)):
            continue  # 宁波舟山港, 杭州萧山国际机场, 衢州日报: a port, an airport or a newspaper, not the place
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
    out.items = _new_orgs(ctx, text, _drop_city_prefixes(ctx, sorted(out.items, key=lambda p: p.start)))
    if aliases:
        out.items = _short_forms(ctx, text, stops, out.items, aliases)
    return out


# A name that starts with a Zhejiang place and ends like an institution or a company (温州医科大学附属第一医院,
# 浙江省交通投资集团有限公司): no clause word inside, at most 14 characters between place and ending (greedy: the
# longest ending wins, 医科大学附属第一医院 not 医科大学). Departments (局, 委) are left to ctx.party's
# qualification: they are never new parties here, as 支持 by a department is policy wording.
_NEW_ORG = re.compile(r"[^，,。；;、：:与和同跟及的在为向对由赴到从“”\"'()（）《》\d]{0,14}"
                      r"(?:集团有限公司|股份有限公司|有限责任公司|有限公司|集团|医院|大学|研究院|研究所|银行)")
# 杭州市各大医院, 宁波市有关企业集团: a class of organisations, not one (a place + a quantifier or a list word).
_NOT_ONE_ORG = re.compile(r"各|多家|等|全市|全县|全省|部分|有关|相关|一批|若干|所有|其他|其它|几家|数家|重点|骨干")
NEW_ORG_KINDS = {"hospital", "university", "research", "enterprise", "bank", "soe"}
# A short form the text defines: 浙江省交通投资集团有限公司（以下简称“省交通集团”）.
_DEFINED_SHORT = re.compile(r"\((?:以下)?(?:简称|下称)[“\"']?([一-龥A-Za-z]{2,12})[”\"']?\)")


def _new_orgs(ctx: Context, text: str, items: list[Party]) -> list[Party]:
    """A Zhejiang place followed by the rest of an institution's or company's name that no reference
    name covers: one new organisation party (kind guessed from its ending) in place of the place."""
    out: list[Party] = []
    for i, p in enumerate(items):
        nxt = items[i + 1].start if i + 1 < len(items) else len(text)
        m = _NEW_ORG.match(text, p.end, nxt) if p.label == REGION and not p.outside else None
        if m is None or m.end() <= institution_end(text, p.end):  # 泰顺县人民医院: the place's own institution
            out.append(p)
            continue
        name = text[p.start:m.end()]
        if _NOT_ONE_ORG.search(name, p.end - p.start):
            out.append(p)
            continue
        kind = guess_kind(name)
        if kind not in NEW_ORG_KINDS or ctx.gazetteer.resolve(name, (REGION, ORGANIZATION)) is not None:
            out.append(p)
            continue
        side = p.side if p.level != "province" else "supporter"
        out.append(Party(p.start, m.end(), make_id(ORGANIZATION, name), name, ORGANIZATION, "organization",
                         side, region=p.id if p.level != "province" else None, kind=kind, new=True))
    return out


def short_forms(text: str) -> dict[str, str]:
    """Short forms a text defines right after a name (…有限公司（以下简称“省交通集团”）): short → full."""
    out: dict[str, str] = {}
    for m in _DEFINED_SHORT.finditer(text):
        full = re.search(r"[^，,。；;、：:与和同跟及的在为向对由“”\"'()（）《》]{2,30}$", text[:m.start()])
        if full:
            out.setdefault(m.group(1), full.group(0))
    return out


def _short_forms(ctx: Context, text: str, stops: dict[str, list[str]], items: list[Party],
                 aliases: dict[str, str]) -> list[Party]:
    """The definition joins its name (so 集团（以下简称“X”）与文成县 reads as 集团与文成县); a later use of
    the short form is the party its full name is."""
    items = list(items)
    for m in _DEFINED_SHORT.finditer(text):
        items = [replace(p, end=m.end()) if p.end == m.start() else p for p in items]
    for short, full in aliases.items():
        whole = [p for p in find_parties(ctx, full, stops).items if p.start == 0 and p.end == len(full)]
        if not whole:
            continue
        for m in re.finditer(re.escape(short), text):
            if any(p.start < m.end() and m.start() < p.end for p in items):
                continue
            items.append(replace(whole[0], start=m.start(), end=m.end()))
    return sorted(items, key=lambda p: p.start)


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


def institution_end(text: str, end: int) -> int:
    """Where a place's own institution (人民医院, 中学) or government written right after it ends (read
    by prose_qualify), else `end`: a new organisation must reach further (嘉兴学院附属第二医院 is no 嘉兴学院)."""
    from loaders.prose_qualify import GOVERNMENT_AFTER, institution_after  # prose_qualify imports this module
    m = institution_after().match(text[end:]) or GOVERNMENT_AFTER.match(text[end:])
    return end + m.end() if m else end


__all__ = ["NEW_ORG_KINDS", "Link", "Parties", "Party", "find_parties", "institution_end", "region_side",
           "short_forms", "stop_contexts"]
