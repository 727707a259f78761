"""Responsible-unit lists: （责任单位：…） notes in running text and 责任单位 cells, split into names.

Rules:

1. Parentheses of both widths count (（ ） ( ) 〈 〉), and they nest: 省发展改革委（省能源局） inside a
   note does not close it. A note is an opening parenthesis directly followed by 责任单位 and a colon,
   up to its matching closing parenthesis.
2. A list is split on 、 and ， only outside parentheses, so 结对县（市、区）党委和政府 stays one name.
3. In a note, the unit list ends at the first ， or ； outside parentheses; what follows is a remark
   about the list (列第一位的为牵头单位；有关市、县（市、区）政府为责任主体，下同), returned apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "（(〈"
_CLOSE = "）)〉"
_NOTE_RE = re.compile(r"[（(]\s*责任单位\s*[：:]")


@dataclass(frozen=True)
class UnitNote:
    start: int  # index of the opening parenthesis in the text
    end: int  # index just after the matching closing parenthesis
    units: list[str]  # names as written (not normalised)
    remark: str  # text after the list inside the note ('' when none)
    closed: bool = True  # False when the paragraph ends before the note's closing parenthesis


def _top_level_split(text: str, separators: str, first_only: bool = False) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(current)
            current = ""
            if first_only:
                parts.append(text[i + 1:])
                return parts
            continue
        current += ch
    parts.append(current)
    return parts


def split_units(text: str) -> list[str]:
    """Names of a 责任单位 cell or list (rule 2); empty pieces are dropped."""
    return [p.strip() for p in _top_level_split(text.replace("\n", ""), "、，,") if p.strip()]


def find_notes(text: str) -> list[UnitNote]:
    """Every （责任单位：…） note of a paragraph, in order (rules 1 and 3)."""
    notes: list[UnitNote] = []
    for m in _NOTE_RE.finditer(text):
        depth = 0
        end = None
        for i in range(m.start(), len(text)):
            if text[i] in _OPEN:
                depth += 1
            elif text[i] in _CLOSE:
                depth -= 1
                if depth == 0:
                    end = i + 1
                    break
        closed = end is not None
        if end is None:
            end = len(text)  # unclosed: the note runs to the end of the paragraph
            inner = text[m.end():]
        else:
            inner = text[m.end():end - 1]
        listed, *rest = _top_level_split(inner, "，,；;", first_only=True)
        notes.append(UnitNote(m.start(), end, split_units(listed), rest[0].strip() if rest else "",
                              closed=closed))
    return notes


__all__ = ["UnitNote", "find_notes", "split_units"]
