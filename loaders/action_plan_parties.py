"""Who is who in a county action plan: the subject county, its own units, and the partners it names."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import REGION, SUPPORTS, Evidence
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


def subject_from_text(ctx: Context, lines: list[str], title: str | None) -> Entry | None:
    """The mountain county named most often in the title and the first lines (first named wins ties)."""
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
