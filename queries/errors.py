"""Domain errors raised before a store is asked anything."""

from __future__ import annotations


class QueryError(Exception):
    code = "invalid_query"
    status = 400


class NotFound(QueryError):
    code = "not_found"
    status = 404

    def __init__(self, name: str, suggestions: list[dict[str, str]] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = ", ".join(s["name"] for s in self.suggestions[:5])
        super().__init__(f"{name!r} is not in the graph" + (f"; did you mean: {hint}?" if hint else ""))


class Ambiguous(QueryError):
    code = "ambiguous"
    status = 409

    def __init__(self, name: str, candidates: list[dict[str, str]]) -> None:
        self.name = name
        self.candidates = candidates
        names = ", ".join(f"{c['name']} ({c['id']})" for c in candidates)
        super().__init__(f"{name!r} could mean several entities: {names}")


class InvalidQuery(QueryError):
    pass
