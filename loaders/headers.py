"""Table headers read by what they mean: column roles and table kinds from data/reference/headers.yaml.

Rules (the vocabulary and its matching rules are in headers.yaml):

1. A header cell's key is its text after NFKC with all whitespace removed; a trailing bracketed
   unit or note is dropped for matching (总投资(亿元) → 总投资), the key itself keeps it.
2. A word of three or more characters names its role wherever it stands in the key; a shorter
   word only when it is the whole key. The longest matching word decides the cell's role.
3. A table is of the first kind whose `all` roles are all covered, at least one (or `at_least`) of
   whose `any` roles is covered, and (for `years`) one of whose header cells names a year.
4. A header whose words before a trailing bracket name no role takes the role the bracket's words
   name (协同单位（结对方） → supporters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.model import normalize
from graph.reference import load_headers

YEAR_RE = re.compile(r"(\d{4})\s*年")
_UNIT_TAIL_RE = re.compile(r"\([^()]*\)$")
_MIN_FREE_WORD = 3


def header_key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


@dataclass(frozen=True)
class Vocabulary:
    roles: dict[str, tuple[str, ...]]
    kinds: dict[str, dict[str, Any]]
    units: dict[str, float]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Vocabulary:
        roles = {role: tuple(header_key(w) for w in words) for role, words in (data.get("roles") or {}).items()}
        units = {header_key(k): float(v) for k, v in (data.get("units") or {}).items()}
        return cls(roles, dict(data.get("kinds") or {}), units)

    def role(self, key: str) -> str | None:
        """The role a header key names (rule 2), or None; else the role its trailing bracket names (rule 4)."""
        found = self._role(key)
        tail = _UNIT_TAIL_RE.search(key)
        if found is None and tail is not None and tail.start() > 0:
            found = self._role(tail.group()[1:-1])
        return found

    def _role(self, key: str) -> str | None:
        bare = _UNIT_TAIL_RE.sub("", key) or key
        best: tuple[int, str] | None = None
        for role, words in self.roles.items():
            for word in words:
                hit = word in (key, bare) or (len(word) >= _MIN_FREE_WORD and word in bare)
                if hit and (best is None or len(word) > best[0]):
                    best = (len(word), role)
        return best[1] if best else None

    def roles_of(self, keys: list[str]) -> list[str | None]:
        return [self.role(k) for k in keys]

    def kind(self, keys: list[str]) -> str | None:
        """The table kind a header names (rule 3), or None."""
        covered = {r for r in self.roles_of(keys) if r}
        for kind, spec in self.kinds.items():
            if not set(spec.get("all") or []) <= covered:
                continue
            if spec.get("any") and len(covered & set(spec["any"])) < int(spec.get("at_least", 1)):
                continue
            if spec.get("years") and not any(YEAR_RE.search(k) for k in keys):
                continue
            return str(kind)
        return None

    def claims(self, kind: str | None) -> bool:
        """Whether a table of this kind makes a document an action plan."""
        return bool(kind and self.kinds.get(kind, {}).get("claims"))

    def unit_factor(self, text: str) -> float | None:
        """Factor to 亿元 of the first unit named in text (亿元 → 1, 万元 → 1e-4)."""
        key = header_key(text)
        hits = [(key.find(u), f) for u, f in self.units.items() if u in key]
        return min(hits)[1] if hits else None


@dataclass(frozen=True)
class Tier:
    """What a partner column of a pairing table means (headers.yaml `pairing_tiers`)."""

    mechanism: str  # the SUPPORTS mechanism of a link from this column
    party: str  # "region" or "organization": what its names must be


@lru_cache(maxsize=1)
def pairing_tiers() -> dict[str, Tier]:
    """Partner column role → its tier."""
    data = load_headers().get("pairing_tiers") or {}
    return {role: Tier(str(v["mechanism"]), str(v["party"])) for role, v in data.items()}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary.from_data(load_headers())


class Columns:
    """Column index per role for one table header; several columns may share a role."""

    def __init__(self, keys: list[str], vocab: Vocabulary | None = None) -> None:
        self.keys = keys
        self.vocab = vocab or vocabulary()
        self.roles = self.vocab.roles_of(keys)
        self.kind = self.vocab.kind(keys)

    def all(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]

    def first(self, *roles: str, years: bool | None = None) -> int | None:
        """First column of the first role that has one; `years` False skips columns naming a year."""
        for role in roles:
            for i in self.all(role):
                if years is False and YEAR_RE.search(self.keys[i]):
                    continue
                return i
        return None


def has_year(key: str) -> bool:
    return YEAR_RE.search(key) is not None


__all__ = ["YEAR_RE", "Columns", "Tier", "Vocabulary", "has_year", "header_key", "pairing_tiers", "vocabulary"]
