"""The `/ask` page: a question box, how the question was read, the answers with their quotes, or the refusal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.ask_page import ask_context
from api.pages.render import CSP, ENV
from queries.qa import ask

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/ask", response_class=HTMLResponse)
def ask_page(store: StoreDep,
             q: Annotated[str | None, Query(max_length=500)] = None,
             question: Annotated[str | None, Query(max_length=500, description="the landing page's box")] = None,
             ) -> HTMLResponse:
    text = (q or question or "").strip()
    answer = ask(store, text).to_dict() if text else None
    body = ENV.get_template("ask.html").render(**ask_context(answer, text))
    return HTMLResponse(body, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})
