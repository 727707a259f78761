"""Entity resolution for the loaders: reference entries through the one name index (graph/names.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.fold import LATIN_SUFFIXES, fold_name, latin_key
from graph.model import DOMAIN, ORGANIZATION, REGION
from graph.name_forms import Named, NameRules
from graph.names import NameIndex
from graph.reference import Entry, Reference


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    entry: Entry


def named(e: Entry) -> Named:
    """An entry as the name index sees it."""
    return Named(e.id, e.label, e.name, tuple(e.aliases), tuple(x for x in [e.pinyin, *e.en] if x),
                 e.props.get("level"), e.props.get("city"))


def name_rules(reference: Reference) -> NameRules:
    """The index's settings from the reference data: the province's abbreviation, the stop contexts."""
    spec: dict[str, Any] = reference.overrides.get("short_name_stop_contexts", {}) or {}
    contexts = {fold_name(k): tuple(fold_name(c) for c in v) for k, v in (spec.get("contexts") or {}).items()}
    home = next((e.name for e in reference.regions if e.props.get("level") == "province"
                 and not e.props.get("outside_province")), "")
    return NameRules(province_abbr=reference.province_abbr, stop_contexts=contexts, home_province=home)


class Gazetteer:
    """Every lookup accepts an id, the Chinese name, a short name, an alias/abbreviation or pinyin.

    Documents are read with listed names only (no derived abbreviations, no fuzzy matching): a fact
    is built from what the document writes, while questions (queries/lookup.py) get the whole index."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.entries: dict[str, Entry] = {}
        for e in [*reference.regions, *reference.organizations, *reference.domains]:
            self.entries[e.id] = e
        self._index: NameIndex | None = None

    def add(self, e: Entry) -> None:
        self.entries[e.id] = e
        self._index = None

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex([named(e) for e in self.entries.values()], name_rules(self.reference),
                                    derive=True)
        return self._index

    # -- lookups -------------------------------------------------------------------------------
    def candidates(self, name: str, labels: tuple[str, ...] | None = None) -> list[Entry]:
        """All entries a name could mean (several when ambiguous), most specific first."""
        return [self.entries[i] for i in self.index.candidates(name, labels)]

    def resolve(self, name: str, labels: tuple[str, ...] | None = None) -> Entry | None:
        found = self.candidates(name, labels)
        if len(found) > 1 and fold_name(found[0].name) != fold_name(name):
            return None  # ambiguous alias: the caller decides (warning, 409 …)
        return found[0] if found else None

    def region(self, name: str) -> Entry | None:
        return self.resolve(name, (REGION,))

    def organization(self, name: str) -> Entry | None:
        return self.resolve(name, (ORGANIZATION,))

    def domain(self, key: str) -> Entry | None:
        return self.entries.get(key if key.startswith("domain:") else f"domain:{key}")

    def domains(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.label == DOMAIN]

    def mountain_counties(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.label == REGION and e.props.get("mountain")]

    # -- scanning text -------------------------------------------------------------------------
    def find_all(self, text: str, labels: tuple[str, ...] = (REGION, ORGANIZATION)) -> list[Match]:
        """Leftmost-longest Chinese names in `text` (海宁市高级中学 beats 海宁市) that mean one entry."""
        return [Match(h.start, h.end, h.surface, self.entries[h.ids[0]])
                for h in self.index.scan(text, labels, fuzzy=False) if len(h.ids) == 1 and h.how != "latin"]

    def find_latin(self, text: str, labels: tuple[str, ...] = (REGION, ORGANIZATION)) -> list[Match]:
        """Pinyin / English names in a Latin-script text (whole words, longest first)."""
        return [Match(h.start, h.end, h.surface, self.entries[h.ids[0]])
                for h in self.index.scan(text, labels, fuzzy=False) if len(h.ids) == 1 and h.how == "latin"]

    def qualify(self, name: str, subject: Entry | None) -> str:
        """County documents say 县发改局 for their own bureau: prefix relative names with the subject."""
        if subject is None or subject.label != REGION:
            return name
        if name.startswith("县") and subject.props.get("level") == "county":
            return subject.name + name[1:]
        if name.startswith("市") and subject.props.get("level") == "county" and subject.name.endswith("市"):
            return subject.name + name[1:]  # a county-level city's own 市发改局 (龙泉市), not its 设区市's
        if name.startswith("市"):
            city = subject if subject.props.get("level") == "city" else self.entries.get(
                str(subject.props.get("parent", "")))
            if city is not None and city.props.get("level") == "city":
                return city.name + name[1:]
        return name


def is_mountain(entry: Entry | None) -> bool:
    return bool(entry and entry.label == REGION and entry.props.get("mountain"))


__all__ = [
    "LATIN_SUFFIXES",
    "ORGANIZATION",
    "REGION",
    "Gazetteer",
    "Match",
    "is_mountain",
    "latin_key",
    "name_rules",
    "named",
]
