"""The app under load: `python -m bench.api_server --graph DIR --port N` serves create_app plus a bare route.

The bare route lives in the same app (same middleware, error handlers and threadpool dispatch as the
real routes, since it is a plain `def` too), so "supporters vs bare" isolates what the query costs.
Access logging is off for every route alike.
"""

from __future__ import annotations

import argparse
from pathlib import Path

BARE_PATH = "/bench/bare"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", type=Path, required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--no-cache", action="store_true", help="switch the response cache off (cold answers)")
    ap.add_argument("--no-memo", action="store_true", help="switch the answer memo off too (all work per request)")
    args = ap.parse_args(argv)

    import uvicorn

    from api.app import create_app
    from api.limits import MAX_REQUEST_HEAD
    from api.settings import Settings

    app = create_app(Settings(graph_dir=args.graph, response_cache=not args.no_cache, answer_memo=not args.no_memo))

    @app.get(BARE_PATH, include_in_schema=False)
    def bare() -> dict[str, bool]:
        return {"ok": True}

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False,
                h11_max_incomplete_event_size=MAX_REQUEST_HEAD)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
