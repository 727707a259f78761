"""Walking the graph: shortest connection, a node's neighbourhood, and name search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.csv_out import FormatParam, field_names, items_csv, with_csv
from api.deps import PageDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.examples import PATH_EXAMPLE, SEARCH_EXAMPLE, example
from api.jsonresp import FastJSON
from api.limits import MAX_NAME
from api.pagination import paginate
from api.params import FieldParam
from api.settings import MAX_PAGE_LIMIT
from queries.neighborhood import neighborhood as neighborhood_query
from queries.paths import path as path_query
from queries.search import search as search_query

router = APIRouter(prefix="/api", tags=["graph"], responses=ERROR_RESPONSES, default_response_class=FastJSON)

CSV = Annotated[str | None, Query(description="comma-separated, e.g. `Region,Organization`", max_length=MAX_NAME)]


def _names(value: str | None) -> list[str] | None:
    return [x.strip() for x in value.split(",") if x.strip()] if value else None


@router.get("/path", summary="The shortest connection between two entities", responses={200: example(PATH_EXAMPLE)})
def path(store: StoreDep,
         a: Annotated[str, Query(description="id or name", max_length=MAX_NAME, examples=["浙中医大二院"])],
         b: Annotated[str, Query(description="id or name", max_length=MAX_NAME, examples=["瓯海区"])],
         max_hops: Annotated[int, Query(ge=1, le=8)] = 4) -> dict[str, Any]:
    """Each step names the relationship, its direction and its evidence; `found` is false (with a
    message) when no connection within `max_hops` exists."""
    return path_query(store, a, b, max_hops).to_dict()


@router.get("/neighborhood/{name}", summary="A node's neighbourhood as nodes and edges")
def neighborhood(store: StoreDep,
                 name: Annotated[str, Path(description="id or name", max_length=MAX_NAME, examples=["永嘉县"])],
                 depth: Annotated[int, Query(ge=1, le=3)] = 1,
                 limit: Annotated[int, Query(ge=1, le=MAX_PAGE_LIMIT, description="most nodes returned")] = 100,
                 labels: CSV = None, rel_types: CSV = None, field: FieldParam = None,
                 round: Annotated[str | None, Query(description="a round id; timeless relationships stay",
                                                    max_length=MAX_NAME)] = None,
                 ) -> dict[str, Any]:
    """Nearest nodes first; `truncated` says when `limit` cut the neighbourhood."""
    return neighborhood_query(store, name, depth, _names(labels), _names(rel_types), field, round, limit).to_dict()


@router.get("/search", summary="Find entities by any of their names", response_model=dict[str, Any],
            responses=with_csv({200: example(SEARCH_EXAMPLE)}))
def search(store: StoreDep, page: PageDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_NAME, examples=["yongjia", "二院"])],
           format: FormatParam = "json") -> Any:
    """Exact matches before prefix before substring; Chinese names, aliases, pinyin and English names.
    Pages run over the 200 best matches; `matches` counts them all."""
    result = search_query(store, q, MAX_PAGE_LIMIT)
    if format == "csv":
        return items_csv(result.hits, "search.csv", field_names(store))
    return paginate(result.hits, page, query=result.query, params=result.params, matches=result.total)
