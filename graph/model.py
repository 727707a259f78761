"""Node and relationship records, evidence, and deterministic ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

# Node labels
REGION = "Region"
ORGANIZATION = "Organization"
PROJECT = "Project"
MEASURE = "Measure"
DOMAIN = "Domain"
DOCUMENT = "Document"
INDICATOR = "Indicator"
LABELS = (REGION, ORGANIZATION, PROJECT, MEASURE, DOMAIN, DOCUMENT, INDICATOR)

# Relationship types (direction reads as a sentence)
SUPPORTS = "SUPPORTS"
SUPPORTS_MEASURE = "SUPPORTS_MEASURE"
SUPPORTS_PROJECT = "SUPPORTS_PROJECT"
FOR = "FOR"
IN_DOMAIN = "IN_DOMAIN"
RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
LOCATED_IN = "LOCATED_IN"
OWNS = "OWNS"
BENEFITS = "BENEFITS"
PART_OF = "PART_OF"
MEMBER_OF = "MEMBER_OF"
MENTIONS = "MENTIONS"
REL_TYPES = (
    SUPPORTS, SUPPORTS_MEASURE, SUPPORTS_PROJECT, FOR, IN_DOMAIN, RESPONSIBLE_FOR,
    LOCATED_IN, OWNS, BENEFITS, PART_OF, MEMBER_OF, MENTIONS,
)

ID_PREFIX = {
    REGION: "region", ORGANIZATION: "org", PROJECT: "project", MEASURE: "measure",
    DOMAIN: "domain", DOCUMENT: "doc", INDICATOR: "indicator",
}


def normalize(text: str) -> str:
    """NFKC (full-width → half-width) and collapse whitespace; the form every name match uses."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@lru_cache(maxsize=65536)  # the same names are slugged again and again across documents
def slug(text: str) -> str:
    """A readable ASCII slug: pinyin for Chinese, lower-case words otherwise."""
    parts = lazy_pinyin(normalize(text), errors=lambda s: [s])  # type: ignore[arg-type,return-value]
    joined = "".join(p if re.fullmatch(r"[A-Za-z]+", p) else f"-{p}-" for p in parts)
    out = re.sub(r"[^a-z0-9]+", "-", joined.lower()).strip("-")
    return out or hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def make_id(label: str, *parts: str) -> str:
    """Deterministic, readable id: type prefix plus pinyin slugs of the parts (zavod's make_id idea)."""
    return f"{ID_PREFIX[label]}:" + "-".join(slug(p) for p in parts if p)


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the document, a locator inside it, and the verbatim quote."""

    document: str
    locator: str
    quote: str
    note: str | None = None  # e.g. "layout-inferred: continuation row", or which node attribute it backs

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"document": self.document, "locator": self.locator, "quote": self.quote}
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["document"], d["locator"], d["quote"], d.get("note"))


@dataclass
class Node:
    id: str
    label: str
    name: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "name": self.name, "props": self.props,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Node:
        return cls(d["id"], d["label"], d["name"], dict(d.get("props", {})),
                   [Evidence.from_dict(e) for e in d.get("evidence", [])])


@dataclass
class Relation:
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def key_props(self) -> tuple[Any, ...]:
        """Properties that make two statements of the same pair different facts.

        Field-specific support (e.g. named in the healthcare paragraph) stays apart from the same
        supporter's support in other fields, so a field query shows only that field's evidence.
        """
        domains = self.props.get("domains")
        return (self.props.get("level"), self.props.get("mechanism"), *(sorted(domains) if domains else []))

    @property
    def id(self) -> str:
        """Stable relationship id: type, ends and distinguishing properties, hashed."""
        raw = "|".join([self.type, self.source, self.target, *map(str, self.key_props())])
        return "rel:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "source": self.source, "target": self.target,
            "props": self.props, "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(d["type"], d["source"], d["target"], dict(d.get("props", {})),
                   [Evidence.from_dict(e) for e in d.get("evidence", [])])


@dataclass(frozen=True)
class BuildWarning:
    document: str
    locator: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"document": self.document, "locator": self.locator, "message": self.message}

    def __str__(self) -> str:
        return f"{self.document}:{self.locator}: {self.message}"


@dataclass
class LoadResult:
    """What a loader returns: records plus anything it could not place."""

    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[BuildWarning] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # counts the build checks (e.g. table totals)

    def extend(self, other: LoadResult) -> None:
        self.nodes.extend(other.nodes)
        self.relations.extend(other.relations)
        self.warnings.extend(other.warnings)
        for k, v in other.facts.items():
            self.facts.setdefault(k, []).extend(v if isinstance(v, list) else [v])


class InputError(Exception):
    """Bad input: names the file and line and what is wrong; the build stops, the old snapshot stays."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class BuildCheckError(Exception):
    """A count check of the build broke (e.g. not exactly 26 mountain counties)."""
