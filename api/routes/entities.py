"""Lookups of one entity: a region, an organisation, any node; who supports it and whom it supports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from api.csv_out import FormatParam, csv_response, field_names, supporter_rows, with_csv
from api.deps import PageDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.evidence import EvidenceMode, EvidenceParam, compact, shape
from api.examples import (
    NODE_EXAMPLE,
    REGION_EXAMPLE,
    SUPPORTED_BY_EXAMPLE,
    SUPPORTERS_EXAMPLE,
    example,
)
from api.jsonresp import FastJSON
from api.limits import MAX_NAME
from api.memo import memoised
from api.pagination import PageParams, paginate
from api.params import FieldParam, RoundParam, check_round, node_out
from api.state import graph_view
from api.support_out import supporter_items
from graph.model import ORGANIZATION
from graph.store import GraphStore
from queries.lookup import lookup_for
from queries.region_profile import region_profile
from queries.support import SupportResult, supported_by, supporters_of

router = APIRouter(prefix="/api", tags=["entities"], responses=ERROR_RESPONSES, default_response_class=FastJSON)

NameParam = Annotated[str, Path(description="id, Chinese name, short name, alias or pinyin",
                                 max_length=MAX_NAME, examples=["永嘉县", "永嘉", "Yongjia", "region:yongjiaxian"])]
Answer = dict[str, Any]

@router.get("/regions/{name}", summary="A region's profile", response_model=Answer,
            responses={200: example(compact(REGION_EXAMPLE))})
def region(request: Request, name: NameParam, store: StoreDep, evidence: EvidenceParam = "compact") -> FastJSON:
    """Category and 一县一业 (with their evidence), supporters grouped by mechanism, projects,
    measures, indicators and the documents that speak of the region."""
    return FastJSON(memoised(request, lambda: shape(region_profile(store, name).to_dict(), evidence)))


@router.get("/regions/{name}/supporters", summary="Who supports a region", response_model=Answer,
            responses=with_csv({200: example(compact(SUPPORTERS_EXAMPLE))}))
def region_supporters(request: Request, name: NameParam, store: StoreDep, page: PageDep,
                      field: FieldParam = None, round: RoundParam = None,
                      evidence: EvidenceParam = "compact", format: FormatParam = "json") -> Any:
    """Pairings, stated support, measures for it and projects in it — each with its evidence.

    `field` keeps support tied to that field (a general pairing names no field, so it drops out);
    `round`: `current` (default: the region's latest round), `all`, or a round id.

    Each item: `id, name, type, kind, domains, supports`; each support: `via` (pairing, measure,
    project), `relation, level, mechanism, rounds, domains, evidence, measure, project`. With
    `evidence=full` an item also has `evidence`, the union of its supports' records (compact leaves it
    out: it repeats them).
    """
    return _support_list(request, store, page, evidence, format, "supporters",
                         lambda: supporters_of(store, name, field, check_round(graph_view(request.app, store), round)))


@router.get("/organizations/{name}", summary="An organisation and whom it supports", response_model=Answer,
            responses={200: example(compact(NODE_EXAMPLE))})
def organization(request: Request, name: NameParam, store: StoreDep,
                 evidence: EvidenceParam = "compact") -> FastJSON:
    def answer() -> dict[str, Any]:
        node = lookup_for(store).resolve(name, (ORGANIZATION,))
        return {"organization": node_out(node),
                "supports": supporter_items(store, supported_by(store, node.id), evidence)}

    return FastJSON(memoised(request, answer))


@router.get("/supported-by/{name}", summary="Whom a region or organisation supports", response_model=Answer,
            responses=with_csv({200: example(compact(SUPPORTED_BY_EXAMPLE))}))
def supported(request: Request, name: NameParam, store: StoreDep, page: PageDep,
              field: FieldParam = None,
              round: Annotated[str | None, Query(description="`all` (default), `current` or a round id",
                                                 max_length=MAX_NAME)] = "all",
              evidence: EvidenceParam = "compact", format: FormatParam = "json") -> Any:
    return _support_list(request, store, page, evidence, format, "supported-by",
                         lambda: supported_by(store, name, field, check_round(graph_view(request.app, store), round)))


def _support_list(request: Request, store: GraphStore, page: PageParams, evidence: EvidenceMode, format: str,
                  download: str, run: Callable[[], SupportResult]) -> Any:
    """A supporters list as a CSV download (every quote whole, one row per support) or a memoised page."""
    if format == "csv":
        result = run()
        return csv_response(supporter_rows([s.to_dict() for s in result.supporters], field_names(store)),
                            f"{download}-{result.subject['id']}.csv")

    def answer() -> tuple[list[Any], dict[str, Any]]:
        result = run()
        return (supporter_items(store, result, evidence),
                {"query": result.query, "params": result.params, "subject": result.subject})

    items, head = memoised(request, answer)
    return FastJSON(paginate(items, page, **head))


@router.get("/nodes/{name}", summary="Any node by id or name, with its relationships", response_model=Answer,
            responses={200: example(NODE_EXAMPLE)})
def node(request: Request, name: NameParam, store: StoreDep,
         with_relationships: Annotated[bool, Query(description="include relationships and evidence")] = True,
         ) -> FastJSON:
    found = store.node(name) or lookup_for(store).resolve(name)
    out = node_out(found)
    if with_relationships:
        view = graph_view(request.app, store)
        out["relationships"] = [
            {**r.to_dict(), "domains": view.edge_domains(r)} for r in view.relations_at(found.id)
        ]
    return FastJSON(out)
