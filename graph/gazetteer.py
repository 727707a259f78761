"""Entity resolution: names, short names, aliases, abbreviations and pinyin to reference entries."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from graph.model import DOMAIN, ORGANIZATION, REGION, normalize
from graph.reference import Entry, Reference


def latin_key(text: str) -> str:
    """Pinyin/English lookup key: lower-case letters and digits only ("Chun'an" → "chunan")."""
    return re.sub(r"[^a-z0-9]", "", normalize(text).lower())


# "Yongjia County", "Ouhai qu": the suffixes a Latin-script lookup may drop.
LATIN_SUFFIXES = ("county", "district", "city", "province", "xian", "qu", "shi")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    entry: Entry


class Gazetteer:
    """Every lookup accepts an id, the Chinese name, a short name, an alias/abbreviation or pinyin."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.entries: dict[str, Entry] = {}
        self._surface: dict[str, list[Entry]] = defaultdict(list)  # Chinese surface forms
        self._latin: dict[str, list[Entry]] = defaultdict(list)
        for e in [*reference.regions, *reference.organizations, *reference.domains]:
            self.add(e)
        self._pattern: re.Pattern[str] | None = None

    def add(self, e: Entry) -> None:
        self.entries[e.id] = e
        for s in {e.name, *e.aliases}:
            key = normalize(s)
            if e not in self._surface[key]:
                self._surface[key].append(e)
        latin = [e.pinyin] if e.pinyin else []
        latin += e.en
        for s in latin:
            k = latin_key(s)
            if k and e not in self._latin[k]:
                self._latin[k].append(e)
        self._pattern = None

    # -- lookups -------------------------------------------------------------------------------
    def candidates(self, name: str, labels: tuple[str, ...] | None = None) -> list[Entry]:
        """All entries a name could mean (several when ambiguous), most specific first."""
        text = normalize(name)
        if text in self.entries:
            found = [self.entries[text]]
        else:
            found = list(self._surface.get(text, []))
            if not found and re.search(r"[A-Za-z]", text):
                key = latin_key(text)
                found = list(self._latin.get(key, []))
                if not found:
                    for suffix in LATIN_SUFFIXES:
                        if key.endswith(suffix) and self._latin.get(key[: -len(suffix)]):
                            found = list(self._latin[key[: -len(suffix)]])
                            break
        if labels:
            found = [e for e in found if e.label in labels]
        # A name that is exactly an entry's canonical name beats an alias of another entry.
        found.sort(key=lambda e: (normalize(e.name) != text, e.label != REGION))
        return found

    def resolve(self, name: str, labels: tuple[str, ...] | None = None) -> Entry | None:
        found = self.candidates(name, labels)
        if len(found) > 1 and normalize(found[0].name) != normalize(name):
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
    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            surfaces = sorted(
                (s for s, es in self._surface.items() if len(s) >= 2 and any(e.label != DOMAIN for e in es)),
                key=len, reverse=True,
            )
            self._pattern = re.compile("|".join(map(re.escape, surfaces)))
        return self._pattern

    def find_all(self, text: str, labels: tuple[str, ...] = (REGION, ORGANIZATION)) -> list[Match]:
        """Leftmost-longest matches of known names in `text` (海宁市高级中学 beats 海宁市)."""
        out = []
        for m in self._compiled().finditer(text):
            es = [e for e in self._surface[m.group(0)] if e.label in labels]
            if len(es) == 1:
                out.append(Match(m.start(), m.end(), m.group(0), es[0]))
        return out

    def find_latin(self, text: str, labels: tuple[str, ...] = (REGION, ORGANIZATION)) -> list[Match]:
        """Pinyin / English names in a Latin-script text (whole words, longest first)."""
        out: list[Match] = []
        words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[A-Za-z][A-Za-z']*", text)]
        i = 0
        while i < len(words):
            for span in range(min(5, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + span - 1][1]
                es = [e for e in self._latin.get(latin_key(text[start:end]), []) if e.label in labels]
                if len(es) == 1:
                    out.append(Match(start, end, text[start:end], es[0]))
                    i += span
                    break
            else:
                i += 1
        return out

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


__all__ = ["LATIN_SUFFIXES", "ORGANIZATION", "REGION", "Gazetteer", "Match", "is_mountain", "latin_key"]
