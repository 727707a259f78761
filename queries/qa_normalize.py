"""Question text before matching: NFKC, no format characters, simplified Chinese, tidy spaces."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_TONED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")


@lru_cache(maxsize=1)
def _converter() -> Any:
    """OpenCC traditional → simplified, or None when the package is missing (then no folding)."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency; degrade rather than fail
        return None
    return opencc.OpenCC("t2s")


def normalize_question(text: str) -> str:
    """The one normalisation of a question (the name index may replace it): NFKC, Cf removed, t→s.

    Quotes and names shown to the user come from the graph, never from this text.
    """
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf")
    # Pinyin with tone marks (Yǒngjiā) reads as plain letters.
    t = "".join(unicodedata.normalize("NFD", c)[0] if _TONED.match(c) else c for c in t)
    conv = _converter()
    if conv is not None:
        t = conv.convert(t)
    t = re.sub(r"\s+", " ", t).strip()
    return t


__all__ = ["normalize_question"]
