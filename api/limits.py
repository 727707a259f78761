"""The documented size limits of a request (OpenAPI description, README) and of the HTTP server."""

from __future__ import annotations

MAX_QUESTION = 500  # characters of `/api/ask?q=`; longer → 422 validation_error
MAX_NAME = 200  # characters of a name, id, field, round or search term; longer → 422 validation_error
# Bytes of the request target (path + query string, percent-encoded as sent); longer → 414 uri_too_long.
# 500 Chinese characters percent-encode to 4,500 bytes, so every valid request fits.
MAX_URL_BYTES = 8192
# The HTTP server (uvicorn on h11) keeps at most this much of a request head in memory. h11's own
# default (16 KiB) made uvicorn answer an over-long URL with a plain-text 400 and reset the connection
# before the app could say why; with room for any URL up to here, the app answers 414 in the error shape.
MAX_REQUEST_HEAD = 1024 * 1024  # uvicorn's h11_max_incomplete_event_size, for every server of this app

__all__ = ["MAX_NAME", "MAX_QUESTION", "MAX_REQUEST_HEAD", "MAX_URL_BYTES"]
