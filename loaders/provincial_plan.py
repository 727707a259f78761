"""Placeholder until the provincial_plan loader lands: recognises nothing."""

from __future__ import annotations

from graph.model import LoadResult
from loaders.base import Context, SourceDocument

KIND = "provincial_plan"


def detect(text: str) -> bool:
    return False


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    return ctx.result
