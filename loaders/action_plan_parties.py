"""Who is who in a county action plan: the subject county, its own units, and the partners it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import REGION, SUPPORTS, Evidence, normalize
from graph.reference import Entry
from loaders.base import Context


@dataclass
class Plan:
    """What the parts of the loader share about one plan."""

    subject: Entry
    # Regions the plan itself names as partners (a 帮扶单位 cell, the 经济强县 of "1对4"); only these
    # count as supporters when running text mentions a region (see action_plan_text).
    partner_regions: set[str] = field(default_factory=set)
    # Supporters named in the tables, by id: what the 社会力量 paragraph may point to.
    table_supporters: set[str] = field(default_factory=set)
    # Supporter cells that name a tier, not a party ("经济强县", "省属国企"): (mechanism, relation type,
    # measure or project id, evidence, domains), resolved to the plan's own partners of that tier.
    role_cells: list[tuple[str, str, str, Evidence, list[str]]] = field(default_factory=list)
    # Names the plan itself gives parties the reference does not know by them, surface → party id: the
    # short forms it defines (以下简称省交通集团) and the organisations it lists that the reference lacks
    # (浙商银行温州分行 in its 社会力量 list). Running text that writes them names those parties.
    own_names: dict[str, str] = field(default_factory=dict)

    @property
    def subject_names(self) -> tuple[str, ...]:
        """Prefixes of the subject's own units (永嘉县教育局, 永嘉农商银行)."""
        return (self.subject.name, *(a for a in self.subject.aliases if a and len(a) >= 2
                                     and self.subject.name.startswith(a)))


def is_own(entry: Entry, subject: Entry) -> bool:
    """The subject itself, its towns, or one of its own organisations (departments, schools, firms)."""
    if entry.id == subject.id:
        return True
    if entry.label == REGION:
        return entry.props.get("parent") == subject.id
    return entry.props.get("region") == subject.name


def level_of(ctx: Context, party_id: str) -> str:
    """SUPPORTS level: city / county for regions, organization for everything else."""
    entry = ctx.gazetteer.entries.get(party_id)
    if entry is not None and entry.label == REGION:
        return str(entry.props.get("level") or "county")
    return "organization"


def entry_or_none(ctx: Context, party_id: str) -> Entry | None:
    return ctx.gazetteer.entries.get(party_id)


def support(ctx: Context, plan: Plan, party_id: str, evidence: Evidence | list[Evidence], mechanism: str,
            domains: list[str] | None = None) -> bool:
    """One SUPPORTS party → subject; never the subject supporting itself. True when emitted."""
    if party_id == plan.subject.id:
        return False
    ctx.relate(SUPPORTS, party_id, plan.subject.id, evidence, level=level_of(ctx, party_id),
               mechanism=mechanism, round=ctx.doc.round, domains=list(domains) if domains else None)
    return True


_TITLE_WORDS_RE = re.compile(r"方案|计划|通知|意见|规划|清单")
_BOOK_RE = re.compile(r"《([^《》]+)》")
_TITLE_LINES = 6


def _title_lines(lines: list[str], title: str | None) -> list[str]:
    """The title given in sources.yaml, and the first lines that read like a title (…方案, …的通知)."""
    first = [normalize(x) for x in lines if x.strip()][:_TITLE_LINES]
    found = [x for x in first if len(x) <= 90 and _TITLE_WORDS_RE.search(x) and not x.endswith("。")]
    return [t for t in [normalize(title or ""), *found] if t]


def _county_in_title(ctx: Context, titles: list[str]) -> Entry | None:
    """The county-level region a title is about: inside 《…》 first; a mountain county among several."""
    for text in titles:
        for part in [*_BOOK_RE.findall(text), text]:
            counties = [m.entry for m in ctx.gazetteer.find_all(part, (REGION,))
                        if m.entry.props.get("level") == "county"]
            if counties:
                mountain = [e for e in counties if e.props.get("mountain")]
                return (mountain or counties)[0]
    return None


def subject_from_text(ctx: Context, lines: list[str], title: str | None) -> Entry | None:
    """The county a plan is about.

    The county named in its title (sources.yaml, or a first line such as "文成县山海协作…行动方案" or
    "关于印发《文成县…》的通知"; a mountain county when the title names several); else the
    mountain county named most often in the first lines, then in the whole text (first named wins ties).
    """
    by_title = _county_in_title(ctx, _title_lines(lines, title))
    if by_title is not None:
        return by_title
    for window in ([title or "", *lines[:10]], lines):
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for i, text in enumerate(window):
            for m in ctx.gazetteer.find_all(text, (REGION,)):
                if m.entry.props.get("mountain"):
                    counts[m.entry.id] = counts.get(m.entry.id, 0) + 1
                    first.setdefault(m.entry.id, i * 10_000 + m.start)
        if counts:
            best = max(counts, key=lambda k: (counts[k], -first[k]))
            return ctx.gazetteer.entries[best]
    return None


__all__ = ["Plan", "entry_or_none", "is_own", "level_of", "subject_from_text", "support"]
