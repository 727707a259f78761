"""Question text before matching: NFKC, no format characters, simplified Chinese, tidy spaces."""

from __future__ import annotations

import re
import unicodedata

from graph.fold import simplified

_TONED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
# Traditional and Japanese-style quotation marks (「飛地」, 『…』, 〝…〞) read as the simplified ones (“飞地”),
# so a quoted measure or project title is found however it is quoted.
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’", "〝": "“", "〞": "”", "〟": "”"})


def normalize_question(text: str) -> str:
    """The one normalisation of a question (the name index may replace it): NFKC, Cf removed, t→s.

    Quotes and names shown to the user come from the graph, never from this text.
    """
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf")
    # Pinyin with tone marks (Yǒngjiā) reads as plain letters.
    t = "".join(unicodedata.normalize("NFD", c)[0] if _TONED.match(c) else c for c in t)
    t = simplified(t).translate(_QUOTES)
    t = re.sub(r"\s+", " ", t).strip()
    return t


__all__ = ["normalize_question"]
