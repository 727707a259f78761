"""Loaders: pure functions from a document's text to records with evidence, one module per document kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.model import LoadResult
from loaders.base import Context, SourceDocument


@dataclass(frozen=True)
class Loader:
    kind: str
    detect: Callable[[str], bool]
    load: Callable[[SourceDocument, Context], LoadResult]


def registry() -> list[Loader]:
    """Every loader, in the order they run. A document goes through every loader that detects it."""
    from loaders import action_plan, magazine, municipal_opinions, pairing_matrix, pairing_table, provincial_plan

    return [
        Loader(m.KIND, m.detect, m.load)
        for m in (pairing_table, pairing_matrix, municipal_opinions, action_plan, provincial_plan, magazine)
    ]


def fallback() -> Loader:
    """The reader for a document no loader recognises: free prose that speaks of the programme."""
    from loaders import prose

    return Loader(prose.KIND, prose.about_the_programme, prose.load)
