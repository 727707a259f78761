"""Cooperation an organisation or a town states without a second named party next to it (与X合作, 镇与镇结对)."""

from __future__ import annotations

import re

from graph.gazetteer import is_mountain
from graph.model import ORGANIZATION, REGION
from graph.reference import Entry
from loaders.base import Context
from loaders.prose_parties import Party
from loaders.prose_rules import INSTITUTION_KINDS, INTENT, NEG, Link, clause_end, clause_start

# "与温州科技职业学院合作，建成文成县…研究院": the county is the sentence's other party.
_WITH_BEFORE = re.compile(r"(?:^|[，,；;。])[^，,；;。]{0,8}?(?:与|和|同)$")
_WITH_AFTER = re.compile(r"^[^，,。；]{0,4}?(?:合作|签约|签订|签署|共建|结对)")
_RESEARCH_AFTER = re.compile(r"^[一-龥]{0,14}?(?:研究院|研究所|研究中心|实验室)")
# "枫林镇与瓯海郭溪街道结对": a town of the mountain county paired with a town of a named county.
_TOWN = r"[一-龥]{2}(?:镇|乡|街道)"
_TOWN_BEFORE = re.compile(r"(" + _TOWN + r")(?:与|和|同)$")
_TOWN_AFTER = re.compile(r"^(" + _TOWN + r")[^，,。；]{0,6}?(?:结对|帮扶|协作)")


def institution_links(ctx: Context, text: str, parties: list[Party]) -> list[Link]:
    """An institution tied to the one mountain county of the sentence by 与…合作/签约/共建/结对."""
    counties: dict[str, Party] = {}
    for p in parties:  # the first mention of each county (文成县…研究院 before 文成糯米山药)
        if p.label == REGION and p.side == "recipient" and not p.outside:
            counties.setdefault(p.id, p)
    if len(counties) != 1:
        return []
    county = next(iter(counties.values()))
    out = []
    for p in parties:
        if p.label != ORGANIZATION or p.side != "supporter" or p.kind not in INSTITUTION_KINDS:
            continue
        before, after = text[:p.start], text[p.end:]
        if not (_WITH_BEFORE.search(before) and _WITH_AFTER.match(after)):
            continue
        if any(q.end == p.start - 1 for q in parties):
            continue  # "A与O合作": a party before 与 is read by the pair rules
        clause = text[clause_start(text, p.start):clause_end(text, p.end)]
        if NEG.search(clause) or INTENT.search(clause):
            continue
        link = Link(p, county, "statement", {"level": "organization", "programme": "shanhai"})
        research = _RESEARCH_AFTER.match(text[county.end:])
        if research:
            link.props["partner"] = text[county.start:county.end + research.end()]
            link.mechanism = "institution_pairing"
        elif "协议" in clause:
            link.mechanism = "agreement"
        out.append(link)
    return out


def town_links(ctx: Context, text: str, parties: list[Party]) -> list[Link]:
    """A town named right after its (developed) county, paired with a town of a mountain county: the
    mountain town's county is the region written before it, else the document's subject county."""
    out = []
    for p in parties:
        if p.label != REGION or p.side != "supporter":
            continue
        after = _TOWN_AFTER.match(text[p.end:])
        before = _TOWN_BEFORE.search(text[:p.start])
        if not (after and before):
            continue
        clause = text[clause_start(text, before.start()):clause_end(text, p.end)]
        if NEG.search(clause) or INTENT.search(clause):
            continue
        ahead = [q for q in parties if q.end == before.start() and q.label == REGION]
        county: Entry | None = ctx.gazetteer.entries.get(ahead[0].id) if ahead else ctx.subject
        if county is None or not is_mountain(county):
            continue
        rec = Party(before.start(), before.end(), county.id, county.name, REGION, "county", "recipient")
        out.append(Link(p, rec, "town_pairing", {
            "level": p.level, "programme": "shanhai",
            "towns": [before.group(1), after.group(1)]}))
    return out


__all__ = ["institution_links", "town_links"]
