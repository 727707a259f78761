"""Question answering over HTTP: the same answer as `shanhai ask --json`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from api.examples import ASK_EXAMPLE, example
from queries.qa import ask as answer

router = APIRouter(prefix="/api", tags=["ask"], responses=ERROR_RESPONSES)


@router.get("/ask", summary="Answer a question in Chinese or English", responses={200: example(ASK_EXAMPLE)})
def ask(store: StoreDep,
        q: Annotated[str, Query(min_length=1, max_length=500, description="the question",
                                examples=["谁在医疗卫生方面帮扶永嘉县？", "Who supports Yongjia in health care?"])],
        ) -> dict[str, Any]:
    """`interpretation` says how the question was read, `query` which named query answered it, and
    `answers` carry their evidence; an empty `answers` with a plain `message` means the graph holds
    no answer."""
    return answer(store, q).to_dict()
