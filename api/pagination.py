"""Cursor pagination for list routes: `limit` (1–200) and an opaque `cursor` from the previous page.

The graph is read-only while it is served and every list is sorted deterministically, so a cursor
is simply the encoded offset of the next item; clients must treat it as opaque.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from api.errors import ApiError
from api.settings import MAX_PAGE_LIMIT


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


class Page(BaseModel):
    """One page of a list: `next_cursor` is null on the last page."""

    items: list[Any]
    total: int = Field(description="number of items over all pages")
    limit: int = Field(description=f"page size asked for (at most {MAX_PAGE_LIMIT})")
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null when done")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = raw.partition(":")
        offset = int(number)
        if kind != "o" or offset < 0:
            raise ValueError(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(422, "validation_error", "invalid request: query.cursor: not a cursor this API issued",
                       {"errors": [{"loc": ["query", "cursor"], "msg": "not a cursor this API issued",
                                    "type": "value_error"}]}) from None
    return offset


def paginate(items: Sequence[Any], page: PageParams, **extra: Any) -> dict[str, Any]:
    """The page of `items` the page params select, plus any extra top-level fields (e.g. the query's params)."""
    start = decode_cursor(page.cursor)
    end = start + page.limit
    return {
        **extra,
        "items": list(items[start:end]),
        "total": len(items),
        "limit": page.limit,
        "next_cursor": encode_cursor(end) if end < len(items) else None,
    }

