"""Plan tables in row layout (one line per row, cells separated by tabs) read into loaders/tables.py's CellTable.

A DOCX or XLSX table whose cells hold no line breaks reaches the loaders in this layout; the same
plan table must read the same as in the tab-led one-cell-per-line layout. Rules:

1. A header is a line of at least two tab-separated cells whose keys the caller's `is_header`
   accepts (loaders/headers.py: a header naming the roles of a table kind). Its caption is the
   nearest non-blank line above it without a tab (at most five lines up, page furniture skipped).
2. Every following line with a tab is a row: cut to the header's width when the cells beyond it are
   empty; padded with empty cells when short; more non-empty cells than the header is an input
   error naming the line.
3. A line without a tab that reads 一、产业合作领域 is a section row (the field of the rows below);
   blank lines and page furniture are skipped; a row that repeats the header is dropped (the table
   goes on after a page break). Any other line without a tab ends the table, and so does a line wider
   than the table that is itself a table header (the next table, after a heading such as 二、重点任务).
4. Tables split across pages are joined as in loaders/tables.py rule 6.
5. A plain-text table may align its cells with spaces instead of tabs (copied from a PDF or a
   typeset page): a line without a tab whose runs of two or more spaces (or a full-width space) cut
   it into at least three cells that make a header (rule 1) starts such a table, and its rows are cut
   the same way. An empty cell leaves no trace there, so a row with another number of cells than
   the header (an empty or wrapped cell) cannot be read safely: it is not read and listed in
   `unread` (the loader warns), and the table goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.model import InputError, normalize
from loaders.tables import SECTION_RE, UNIT_LINE_RE, Cell, CellTable, HeaderTest, Row, is_furniture, join_split


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _is_row_line(line: str) -> bool:
    """A line of tab-separated cells, not one tab-led cell of the other layout."""
    return "\t" in line.lstrip("\t") or line.count("\t") > 1


_SPACES_RE = re.compile(r"[ \u3000]{2,}|\u3000")
_MIN_SPACED = 3  # two cells split by spaces are too often a heading and its page number


def _tab_cells(line: str) -> list[str]:
    return line.split("\t")


def spaced_cells(line: str) -> list[str]:
    """Rule 5: a space-aligned line's cells (none when it has tabs: that is the tab layout)."""
    return [] if "\t" in line else [c for c in _SPACES_RE.split(line.strip()) if c]


def parse_row_layout(text: str, path: str, is_header: HeaderTest) -> list[CellTable]:
    lines = text.split("\n")
    tables: list[CellTable] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        spaced = spaced_cells(line)
        if _is_row_line(line) and is_header([_key(c) for c in line.split("\t")]):
            split = _tab_cells
        elif len(spaced) >= _MIN_SPACED and is_header([_key(c) for c in spaced]):
            split = spaced_cells
        else:
            i += 1
            continue
        caption, caption_line = "", 0
        for j in range(i - 1, max(-1, i - 6), -1):
            if lines[j].strip() and "\t" not in lines[j] and not is_furniture(lines[j]) \
                    and not UNIT_LINE_RE.match(normalize(lines[j])):
                caption, caption_line = normalize(lines[j]), j + 1
                break
        table = _read(lines, i, caption, caption_line, path, is_header, split)
        tables.append(table)
        i = table.end
    return join_split(tables, lines)


def _read(lines: list[str], start: int, caption: str, caption_line: int, path: str,
          is_header: HeaderTest, split: Callable[[str], list[str]] = _tab_cells) -> CellTable:
    spaced = split is spaced_cells
    header_cells = split(lines[start])
    while header_cells and not header_cells[-1].strip():
        header_cells.pop()
    table = CellTable(caption, caption_line, [Cell(c, start + 1) for c in header_cells])
    width = len(header_cells)
    keys = table.header_keys
    section: Cell | None = None
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if not line.strip() or is_furniture(line):
            i += 1
            continue
        if "\t" not in line and not (spaced and len(split(line)) >= 2):
            if SECTION_RE.match(normalize(line)):
                section = Cell(line, i + 1)
                table.sections.append(section)
                i += 1
                continue
            break
        cells = split(line)
        if spaced and len(cells) != width:
            if is_header([_key(c) for c in cells]):
                break  # the next table
            table.unread.append(i + 1)  # rule 5: which cell is empty or wrapped cannot be told
            i += 1
            continue
        if SECTION_RE.match(normalize(cells[0])) and not any(c.strip() for c in cells[1:]):
            section = Cell(cells[0], i + 1)  # a section row whose merged cell came out as empty cells
            table.sections.append(section)
            i += 1
            continue
        if any(c.strip() for c in cells[width:]):
            if is_header([_key(c) for c in cells]):
                break  # a wider table's header: the next table (after a heading read as a section row)
            raise InputError(path, i + 1, f"row has {len([c for c in cells if c.strip()])} cells, more than "
                                          f"the {width} columns of table '{caption or 'untitled'}'")
        cells = (cells + [""] * width)[:width]
        if [_key(c) for c in cells] == keys:
            table.repeated_headers.append(i + 1)
        else:
            table.rows.append(Row(i + 1, [Cell(c, i + 1) for c in cells],
                                  normalize(section.text) if section else None, section.line if section else None))
        i += 1
    table.end = i
    return table


__all__ = ["parse_row_layout", "spaced_cells"]
