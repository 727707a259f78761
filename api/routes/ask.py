"""Question answering over HTTP: the same answer as `shanhai ask --json`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from api.evidence import EvidenceParam, compact, shape
from api.examples import ASK_EXAMPLE, example
from api.jsonresp import FastJSON
from api.limits import MAX_QUESTION
from api.memo import memoised
from queries.qa import ask as answer

router = APIRouter(prefix="/api", tags=["ask"], responses=ERROR_RESPONSES, default_response_class=FastJSON)


@router.get("/ask", summary="Answer a question in Chinese or English", response_model=dict[str, Any],
            responses={200: example(compact(ASK_EXAMPLE))})
def ask(request: Request, store: StoreDep,
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION,
                                description=f"the question, at most {MAX_QUESTION} characters",
                                examples=["谁在医疗卫生方面帮扶永嘉县？", "Who supports Yongjia in health care?"])],
        evidence: EvidenceParam = "compact") -> FastJSON:
    """`interpretation` says how the question was read, `query` which named query answered it, and
    `answers` carry their evidence; an empty `answers` with a plain `message` means the graph holds
    no answer."""
    return FastJSON(memoised(request, lambda: shape(answer(store, q).to_dict(), evidence)))
