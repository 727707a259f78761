"""Links into the pages: where a piece of evidence can be read in its source document."""

from __future__ import annotations

from urllib.parse import quote


def evidence_url(document: str, locator: str) -> str:
    """The source viewer at the quoted place: `/documents/{document}?hl={locator}`, both percent-encoded."""
    return f"/documents/{quote(document, safe='')}?hl={quote(locator, safe='')}"


__all__ = ["evidence_url"]
