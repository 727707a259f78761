"""Named queries over the whole programme: pairings, round changes, projects, measures, coverage, reach."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import PageDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.examples import PAIRINGS_EXAMPLE, example
from api.jsonresp import FastJSON
from api.limits import MAX_NAME
from api.pagination import paginate
from api.params import FieldParam, RoundParam
from queries.coverage import coverage as coverage_query
from queries.pairings import pairings as pairings_query
from queries.pairings import rounds_diff
from queries.projects import measures as measures_query
from queries.projects import projects as projects_query
from queries.reach import supporter_reach

router = APIRouter(prefix="/api", tags=["catalogue"], responses=ERROR_RESPONSES, default_response_class=FastJSON)

PartyParam = Annotated[str | None, Query(description="id, name, alias or pinyin of a region or organisation",
                                         max_length=MAX_NAME)]
RegionQuery = Annotated[str | None, Query(description="a region: id, name, short name or pinyin",
                                          max_length=MAX_NAME, examples=["永嘉县"])]


def _round(value: str | None) -> str | None:
    # `current` is the documented spelling of the queries' default (None: each region's latest round).
    return None if value in (None, "", "current") else value


@router.get("/pairings", summary="The pairing tables: who is paired with whom, per round",
            responses={200: example(PAIRINGS_EXAMPLE)})
def pairings(store: StoreDep, page: PageDep,
             level: Annotated[Literal["city", "county", "organization"] | None, Query()] = None,
             round: RoundParam = None) -> dict[str, Any]:
    """One row per recipient and level, with its supporters and the table rows they come from."""
    result = pairings_query(store, level, _round(round))
    return paginate([r.to_dict() for r in result.rows], page, query=result.query, params=result.params)


@router.get("/rounds/diff", summary="Pairings added, dropped and kept between two rounds")
def diff(store: StoreDep,
         a: Annotated[str, Query(description="the earlier round id", max_length=MAX_NAME,
                                 examples=["2021-provincial"])],
         b: Annotated[str, Query(description="the later round id", max_length=MAX_NAME, examples=["2025-2027"])],
         common_only: Annotated[bool, Query(description="compare only recipients both rounds name")] = False,
         ) -> dict[str, Any]:
    return rounds_diff(store, a, b, common_only).to_dict()


@router.get("/projects", summary="Major projects and platforms (parks, 飞地)")
def projects(store: StoreDep, page: PageDep, region: RegionQuery = None, field: FieldParam = None,
             owner: PartyParam = None, supporter: PartyParam = None) -> dict[str, Any]:
    result = projects_query(store, region, field, owner, supporter)
    return paginate(result.items, page, query=result.query, params=result.params)


@router.get("/measures", summary="Policy measures and key tasks, with supporting and responsible units")
def measures(store: StoreDep, page: PageDep, region: RegionQuery = None, field: FieldParam = None,
             supporter: PartyParam = None, responsible: PartyParam = None) -> dict[str, Any]:
    result = measures_query(store, region, field, supporter, responsible)
    return paginate(result.items, page, query=result.query, params=result.params)


@router.get("/coverage", summary="Mountain counties × fields: who covers what, and the gaps")
def coverage(store: StoreDep, field: FieldParam = None) -> dict[str, Any]:
    """`gaps` lists, per field, the counties no supporter is tied to in that field (e.g. which mountain
    counties have no education partner); `unpaired` the counties without any pairing."""
    return coverage_query(store, field).to_dict()


@router.get("/reach", summary="Supporters ranked by the counties and fields they reach")
def reach(store: StoreDep, page: PageDep) -> dict[str, Any]:
    result = supporter_reach(store, limit=1000)
    return paginate(result.supporters, page, query=result.query, params={})
