"""Named queries over the whole programme: pairings, round changes, projects, measures, coverage, reach."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.csv_out import (
    PAIRING_COLUMNS,
    FormatParam,
    coverage_rows,
    csv_response,
    field_names,
    flatten,
    items_csv,
    with_csv,
)
from api.deps import PageDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.examples import PAIRINGS_EXAMPLE, example
from api.jsonresp import FastJSON
from api.limits import MAX_NAME
from api.pagination import paginate
from api.params import FieldParam, RoundParam
from queries.coverage import coverage as coverage_query
from queries.pairings import pairing_table, rounds_diff
from queries.pairings import pairings as pairings_query
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


LevelParam = Annotated[Literal["city", "county", "organization"] | None, Query()]


@router.get("/pairings", summary="The pairing tables: who is paired with whom, per round",
            response_model=dict[str, Any], responses=with_csv({200: example(PAIRINGS_EXAMPLE)}))
def pairings(store: StoreDep, page: PageDep, level: LevelParam = None, round: RoundParam = None,
             format: FormatParam = "json") -> Any:
    """One row per recipient and level, with its supporters and the table rows they come from.

    `format=csv` gives the flat table instead (as `/api/pairings.csv`): one row per supporter,
    recipient, mechanism and round."""
    if format == "csv":
        return _pairings_csv(store, level, round)
    result = pairings_query(store, level, _round(round))
    return paginate([r.to_dict() for r in result.rows], page, query=result.query, params=result.params)


@router.get("/pairings.csv", summary="The pairings as one flat table (CSV for Excel)",
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def pairings_csv(store: StoreDep, level: LevelParam = None,
                 round: Annotated[str | None, Query(description="`all` (default), `current` or a round id",
                                                    examples=["2021-provincial"])] = "all") -> Response:
    """Columns: supporter, supporter_id, recipient, recipient_id, level, mechanism, fields, round, and
    the evidence from that round's documents (document, locator, quote). UTF-8 with a BOM."""
    return _pairings_csv(store, level, round or "all")


def _pairings_csv(store: StoreDep, level: str | None, round: str | None) -> Response:
    rows = [flatten(r, field_names(store)) for r in pairing_table(store, level, _round(round))]
    return csv_response(rows, "pairings.csv", PAIRING_COLUMNS)


@router.get("/rounds/diff", summary="Pairings added, dropped and kept between two rounds")
def diff(store: StoreDep,
         a: Annotated[str, Query(description="the earlier round id", max_length=MAX_NAME,
                                 examples=["2021-provincial"])],
         b: Annotated[str, Query(description="the later round id", max_length=MAX_NAME, examples=["2025-2027"])],
         common_only: Annotated[bool, Query(description="compare only recipients both rounds name")] = False,
         ) -> dict[str, Any]:
    return rounds_diff(store, a, b, common_only).to_dict()


@router.get("/projects", summary="Major projects and platforms (parks, 飞地)", response_model=dict[str, Any],
            responses=with_csv())
def projects(store: StoreDep, page: PageDep, region: RegionQuery = None, field: FieldParam = None,
             owner: PartyParam = None, supporter: PartyParam = None, format: FormatParam = "json") -> Any:
    result = projects_query(store, region, field, owner, supporter)
    if format == "csv":
        return items_csv(result.items, "projects.csv", field_names(store))
    return paginate(result.items, page, query=result.query, params=result.params)


@router.get("/measures", summary="Policy measures and key tasks, with supporting and responsible units",
            response_model=dict[str, Any], responses=with_csv())
def measures(store: StoreDep, page: PageDep, region: RegionQuery = None, field: FieldParam = None,
             supporter: PartyParam = None, responsible: PartyParam = None, format: FormatParam = "json") -> Any:
    result = measures_query(store, region, field, supporter, responsible)
    if format == "csv":
        return items_csv(result.items, "measures.csv", field_names(store))
    return paginate(result.items, page, query=result.query, params=result.params)


@router.get("/coverage", summary="Mountain counties × fields: who covers what, and the gaps",
            response_model=dict[str, Any], responses=with_csv())
def coverage(store: StoreDep, field: FieldParam = None, format: FormatParam = "json") -> Any:
    """`gaps` lists, per field, the counties no supporter is tied to in that field (e.g. which mountain
    counties have no education partner); `unpaired` the counties without any pairing.

    `format=csv`: one row per county and field (empty cells included), with the supporters."""
    result = coverage_query(store, field)
    if format == "csv":
        return csv_response(coverage_rows(result.to_dict()), "coverage.csv")
    return result.to_dict()


@router.get("/reach", summary="Supporters ranked by the counties and fields they reach",
            response_model=dict[str, Any], responses=with_csv())
def reach(store: StoreDep, page: PageDep, format: FormatParam = "json") -> Any:
    result = supporter_reach(store, limit=1000)
    rows = [r.to_dict() for r in result.supporters]
    if format == "csv":
        return items_csv(rows, "reach.csv", field_names(store))
    return paginate(rows, page, query=result.query, params={})
