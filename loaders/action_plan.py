"""Placeholder until the action_plan loader lands: recognises nothing."""

from __future__ import annotations

from graph.model import LoadResult
from loaders.base import Context, SourceDocument

KIND = "action_plan"


def detect(text: str) -> bool:
    return False


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    return ctx.result
