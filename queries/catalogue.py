"""The named queries by name: what the API and the question answering can run, each taking the store first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from queries.coverage import coverage
from queries.neighborhood import neighborhood
from queries.pairings import pairings, rounds_diff
from queries.paths import path
from queries.projects import measures, projects
from queries.reach import supporter_reach
from queries.region_profile import region_profile
from queries.search import search
from queries.support import supported_by, supporters_of

QUERIES: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (supporters_of, supported_by, pairings, rounds_diff, region_profile, projects, measures, path,
              neighborhood, search, coverage, supporter_reach)
}

__all__ = ["QUERIES"]
