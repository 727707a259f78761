"""The JSON response of the API routes: orjson at the edge instead of FastAPI's encoders.

A route that returns this response skips FastAPI's `jsonable_encoder`/validation walk over its answer,
which profiling showed cost more than the query itself for large answers (bench/PROFILE.md). The
answers are plain dicts, lists, strings and numbers already, which orjson writes directly.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse


def _fallback(value: Any) -> Any:
    # Anything orjson does not know (a Path, a pydantic model) goes through FastAPI's encoder.
    return jsonable_encoder(value)


class FastJSON(JSONResponse):
    """`application/json`, UTF-8, compact; the same JSON values as Starlette's JSONResponse."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=_fallback, option=orjson.OPT_NON_STR_KEYS)


__all__ = ["FastJSON"]
