"""Links into the pages: where a piece of evidence can be read in its source document."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# ASCII kept as it is: unreserved characters and the delimiters that mean nothing special in a path
# segment or a query value. Everything else ASCII is percent-encoded — `%`, space, `#`, `?`, and `&`,
# `=`, `+`, `;` (a query parser reads them), quotes and brackets.
_SAFE = "/:(),@"
_ASCII_OK = re.compile(r"[A-Za-z0-9\-._~" + re.escape(_SAFE) + "]")


def iri_component(text: str, safe: str = _SAFE) -> str:
    """`text` as an IRI component (RFC 3987): letters beyond ASCII stay as they are (UTF-8 in the JSON,
    3 bytes for a Chinese character instead of 9 percent-encoded); ASCII outside `safe` and the
    unreserved set, and invisible or space characters beyond ASCII (categories C and Z), are
    percent-encoded. A browser or HTTP client percent-encodes the rest when it follows the link, so the
    server receives exactly what `quote(text, safe='')` would have sent."""
    out: list[str] = []
    for c in text:
        if c.isascii():
            out.append(c if _ASCII_OK.match(c) and (c in safe or c not in _SAFE) else quote(c, safe=""))
        elif unicodedata.category(c)[0] in "CZ":
            out.append(quote(c, safe=""))
        else:
            out.append(c)
    return "".join(out)


def evidence_url(document: str, locator: str) -> str:
    """The source viewer at the quoted place: `/documents/{document}?hl={locator}`, as an IRI."""
    return f"/documents/{iri_component(document, ':@(),')}?hl={iri_component(locator)}"


__all__ = ["evidence_url", "iri_component"]
