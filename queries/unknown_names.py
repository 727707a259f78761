"""Names the reference data lacks, gathered from the build's warnings so that none is dropped silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# How loaders word an unknown name (loaders/base.py Context.party, pairing_table's 内对关系 cities, a
# sources.yaml subject): "unknown <role> name '<name>'", "unknown city '<name>'", "'<name>' … is not a
# known region". A loader that reports an unknown name in this wording is listed here too.
_PATTERNS = [
    re.compile(r"unknown [a-z_ ]*?(?:name|city|region|organi[sz]ation) '([^']+)'"),
    re.compile(r"'([^']+)'(?: of sources\.yaml)? is not a known region"),
]


@dataclass
class UnknownName:
    name: str
    documents: list[str] = field(default_factory=list)
    locators: list[str] = field(default_factory=list)  # "document:locator" of every warning about it

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "count": len(self.locators), "documents": self.documents,
                "locators": self.locators}


def unknown_names(warnings: list[dict[str, Any]]) -> list[UnknownName]:
    """Every name a warning says is not in data/reference, with where it was met, sorted by name."""
    found: dict[str, UnknownName] = {}
    for w in warnings:
        for pattern in _PATTERNS:
            for name in pattern.findall(w.get("message", "")):
                entry = found.setdefault(name, UnknownName(name))
                if w["document"] not in entry.documents:
                    entry.documents.append(w["document"])
                entry.locators.append(f"{w['document']}:{w['locator']}")
    return [found[k] for k in sorted(found)]
