"""The one organisation-kind taxonomy (data/reference/org_kinds.yaml): question words and name endings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.reference import REFERENCE_DIR

ORG_KINDS_FILE = REFERENCE_DIR / "org_kinds.yaml"
OTHER = "other"  # the kind of an organisation no ending explains
# The three lists of name endings a kind carries, by who reads them (the YAML's header says why each).
ENDING_USES = ("endings", "question_endings", "after_place")


class OrgKindsError(ValueError):
    """org_kinds.yaml is malformed; the message names the file and the kind."""


@dataclass(frozen=True)
class OrgKind:
    id: str
    zh: str
    words: tuple[str, ...]  # Chinese words a question uses for the kind
    en: tuple[str, ...]  # English words
    also: tuple[str, ...]  # further node kinds its words cover
    endings: tuple[str, ...]
    question_endings: tuple[str, ...]
    after_place: tuple[str, ...]


def _strings(path: Path, kid: str, row: dict[str, Any], key: str) -> tuple[str, ...]:
    value = row.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise OrgKindsError(f"{path}: kind {kid!r}: {key} must be a list of non-empty strings")
    return tuple(value)


def read_org_kinds(path: Path) -> tuple[OrgKind, ...]:
    """The kinds of one taxonomy file, in file order (the order the kind guess tries them)."""
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise OrgKindsError(f"{path}: cannot read organisation kinds: {e}") from e
    if not isinstance(rows, list):
        raise OrgKindsError(f"{path}: expected a list of kinds")
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise OrgKindsError(f"{path}: kind #{i} has no id")
        kid = row["id"]
        lists = {key: _strings(path, kid, row, key) for key in ("words", "en", "also", *ENDING_USES)}
        out.append(OrgKind(kid, str(row.get("zh") or kid), **lists))
    return tuple(out)


@dataclass(frozen=True)
class Taxonomy:
    """The kinds with their compiled guess rules and ending groups (built once per file read)."""

    kinds: tuple[OrgKind, ...]
    guess_rules: tuple[tuple[re.Pattern[str], str], ...]
    groups: dict[str, str]


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The taxonomy of ORG_KINDS_FILE, read once (tests clear this cache to read another file)."""
    kinds = read_org_kinds(ORG_KINDS_FILE)
    # `$` as the loaders always matched it (a name with a trailing newline still ends so).
    rules = tuple((re.compile("(?:" + "|".join(map(re.escape, k.endings)) + ")$"), k.id) for k in kinds if k.endings)
    groups = {}
    for use in ENDING_USES:
        ends = list(dict.fromkeys(e for k in kinds for e in getattr(k, use)))
        groups[use] = "(" + "|".join(map(re.escape, ends)) + ")" if ends else "((?!))"
    return Taxonomy(kinds, rules, groups)


def org_kinds() -> tuple[OrgKind, ...]:
    return taxonomy().kinds


def guess_kind(name: str) -> str:
    """The first kind (file order) one of whose endings the name has; OTHER when none."""
    for pattern, kind in taxonomy().guess_rules:
        if pattern.search(name):
            return kind
    return OTHER


def endings_group(use: str) -> str:
    """A regex group "(a|b|…)" of every kind's endings for one use (question_endings, after_place), in
    file order; a group that never matches when none is declared."""
    if use not in ENDING_USES:
        raise ValueError(f"unknown use of endings {use!r} ({', '.join(ENDING_USES)})")
    return taxonomy().groups[use]


__all__ = ["ENDING_USES", "ORG_KINDS_FILE", "OTHER", "OrgKind", "OrgKindsError", "Taxonomy", "endings_group",
           "guess_kind", "org_kinds", "read_org_kinds", "taxonomy"]
