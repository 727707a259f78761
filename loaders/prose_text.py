"""Prose as matched: one flat simplified NFKC text per document, each character mapped back to the file."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

from graph.fold import simplified

# Sentence ends: 。！？； (and ASCII forms after NFKC) with any closing quotes or brackets after them.
_END_RE = re.compile(r"[。！？；!?;][”’」』）)\"']*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Span:
    start: int  # offsets in Prepared.text
    end: int


@dataclass
class Prepared:
    """`text` is what rules match (no line breaks or spaces, NFKC, simplified); `origin[i]` is the offset
    in the original file text of text[i], so any match maps back to a verbatim span of the file."""

    original: str
    text: str
    origin: list[int]
    breaks: set[int]  # offsets in `text` where a paragraph ends (a blank line, a short wrapped line)

    def quote(self, span: Span) -> tuple[str, int, int]:
        """The verbatim original text of a span (surrounding whitespace stripped) and its 1-based lines."""
        a = self.origin[span.start]
        b = self.origin[span.end - 1] + 1
        raw = self.original[a:b]
        lead = len(raw) - len(raw.lstrip())
        quote = raw.strip()
        a += lead
        first = self.original.count("\n", 0, a) + 1
        last = first + quote.count("\n")
        return quote, first, last

    def sentences(self) -> list[Span]:
        """Sentences end at 。！？； and at paragraph ends; a wrap inside a paragraph joins its lines."""
        cuts = sorted({m.end() for m in _END_RE.finditer(self.text)} | self.breaks | {len(self.text)})
        out, start = [], 0
        for cut in cuts:
            if cut > start and self.text[start:cut].strip():
                out.append(Span(start, cut))
            start = max(start, cut)
        return out


def prepare(original: str) -> Prepared:
    """Drop line breaks and spaces (a space stays only between two Latin letters or digits), NFKC each
    character, then traditional → simplified (graph.fold's, as for names). The offset map survives every step."""
    chars: list[str] = []
    origin: list[int] = []
    breaks: set[int] = set()
    paragraph_ends = _paragraph_ends(original)
    for i, ch in enumerate(original):
        if ch.isspace():
            if i in paragraph_ends:
                breaks.add(len(chars))
            nxt = original[i + 1:i + 2]
            if (ch in " \t" and chars and _ASCII_WORD.match(chars[-1]) and _ASCII_WORD.match(nxt)
                    and chars[-1] != " "):
                chars.append(" ")
                origin.append(i)
            continue
        for c in unicodedata.normalize("NFKC", ch):
            chars.append(c)
            origin.append(i)
    return Prepared(original, simplified("".join(chars)), origin, breaks)


def _paragraph_ends(original: str) -> set[int]:
    """Offsets of the line breaks that end a paragraph rather than wrap a line.

    A blank line always ends one. When most lines share one width (a wrapped text), a line clearly
    shorter than that width ends its paragraph; otherwise (a paragraph per line) every break does.
    """
    lines = original.split("\n")
    lengths = [len(x.rstrip()) for x in lines if x.strip()]  # an indent is part of a line's width
    ends: set[int] = set()
    if not lengths:
        return ends
    width, count = Counter(lengths).most_common(1)[0]
    wrapped = len(lengths) >= 4 and count / len(lengths) >= 0.4 and width >= statistics.median(lengths)
    offset = 0
    for k, line in enumerate(lines):
        offset += len(line)
        if k + 1 < len(lines):
            blank_next = not lines[k + 1].strip()
            short = len(line.rstrip()) < width - 1
            if not line.strip() or blank_next or not wrapped or short:
                ends.add(offset)  # the "\n" after this line
        offset += 1
    return ends


__all__ = ["Prepared", "Span", "prepare"]
