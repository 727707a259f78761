"""What a question asks for that the graph does not hold, and which kind of party it asks for (qa_guards.yaml).

Without these, a question about a county official's phone number or the towns of an enclave would be
answered with the county's supporters: the nearest intent, a confident answer to another question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from queries.qa_terms import _read


@dataclass(frozen=True)
class NotHeld:
    id: str
    what: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _data() -> tuple[list[NotHeld], dict[str, re.Pattern[str]]]:
    data = _read("qa_guards.yaml") or {}
    held = [NotHeld(str(r["id"]), str(r["what"]), re.compile("|".join(f"(?:{p})" for p in r["patterns"]), re.I))
            for r in data.get("not_held") or []]
    kinds = {str(k): re.compile("|".join(f"(?:{p})" for p in v), re.I)
             for k, v in (data.get("answer_kinds") or {}).items()}
    return held, kinds


def not_held(text: str) -> tuple[NotHeld, str] | None:
    """The first thing the question asks for that the graph does not hold, with the words that ask it."""
    for rule in _data()[0]:
        m = rule.pattern.search(text)
        if m:
            return rule, m.group(0)
    return None


def asked_kind(text: str) -> str | None:
    """"Region" or "Organization" when the question asks for parties of one kind only, else None."""
    found = [kind for kind, pattern in _data()[1].items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def keep_asked_kind(text: str, answers: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """Answers of the kind of party asked for, when the answers are parties of both kinds; and the kind
    applied (None when nothing was filtered)."""
    kind = asked_kind(text)
    types = {a.get("type") for a in answers}
    if kind is None or not answers or not types <= {"Region", "Organization"} or len(types) < 2:
        return answers, None
    return [a for a in answers if a.get("type") == kind], kind


__all__ = ["NotHeld", "asked_kind", "keep_asked_kind", "not_held"]
