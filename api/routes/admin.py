"""Write routes (rebuild, sync): absent (404) unless enabled in settings, then behind a bearer token."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request

from api.deps import AdminDep, StoreDep
from api.errors import ERROR_RESPONSES, ApiError
from api.state import swap_store
from graph import snapshot
from graph.model import BuildCheckError, InputError
from graph.reference import BUILD_DIR
from graph.store import GraphStore

router = APIRouter(prefix="/api/admin", tags=["admin"], responses=ERROR_RESPONSES)

# One writer at a time: two rebuilds racing would swap stores under each other.
_WRITE_LOCK = threading.Lock()


def _graph_dir(request: Request) -> Path:
    configured: Path | None = request.app.state.settings.graph_dir
    return configured or BUILD_DIR


def _serve_snapshot(app: FastAPI, store: GraphStore, directory: Path) -> dict[str, Any]:
    """Make the served store hold the snapshot in `directory`: reload it (memory) or sync it (Neo4j)."""
    snap = snapshot.read(directory)
    # A memory store hands back a new store for the snapshot; Neo4j syncs it and serves it itself.
    fresh, done = store.reloaded(snap)
    previous = swap_store(app, fresh)  # also clears the cached view, name index and answers
    if previous is not None and previous is not fresh:
        previous.close()
    return done


@router.post("/rebuild", summary="Build the graph from the sources and serve it")
def rebuild(request: Request, _: AdminDep, store: StoreDep) -> dict[str, Any]:
    from api.build import build

    directory = _graph_dir(request)
    if not _WRITE_LOCK.acquire(blocking=False):
        raise ApiError(409, "busy", "another rebuild or sync is running")
    try:
        try:
            report = build(out=directory)
        except (InputError, BuildCheckError) as exc:
            raise ApiError(400, "build_failed", f"{exc}; the previous snapshot is unchanged") from None
        served = _serve_snapshot(request.app, store, directory)
    finally:
        _WRITE_LOCK.release()
    return {"status": "ok", "seconds": round(report.seconds, 3), "snapshot": str(report.path), **served}


@router.post("/sync", summary="Serve the snapshot on disk (reload it, or sync it into Neo4j)")
def sync_snapshot(request: Request, _: AdminDep, store: StoreDep) -> dict[str, Any]:
    directory = _graph_dir(request)
    if not _WRITE_LOCK.acquire(blocking=False):
        raise ApiError(409, "busy", "another rebuild or sync is running")
    try:
        try:
            served = _serve_snapshot(request.app, store, directory)
        except FileNotFoundError as exc:
            raise ApiError(400, "no_snapshot", str(exc)) from None
    finally:
        _WRITE_LOCK.release()
    return {"status": "ok", "snapshot": str(directory), **served}
