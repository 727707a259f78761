"""Row tables as text extraction left them: one line per row, cells separated by tabs.

Layout rules (the tab-led one-cell-per-line layout is loaders/tables.py, not this):

1. A table starts at a line with at least two tab-separated cells whose first cell is 序号. Its
   caption is the nearest non-blank line without a tab above it (at most five lines up).
2. Two-line header: when the header line has empty cells after a label (a label spanning several
   columns, e.g. "2018 年度政府性 投资计划 (万元)" over three columns) and the next line has an
   empty first cell and no numeric cell, that next line is a sub-header. A spanning label covers its
   own column and the empty columns to its right; each column's key is "group/sub-label"
   (项目数, 计划总投资, 计划完成数 under each year group). Keys drop all whitespace, because
   extraction breaks words with spaces (项目 数, 计划完 成数).
3. Every following line with a tab is one row. Blank lines inside the table are skipped; a line that
   repeats the header (the table continues after a page break) is skipped too; the first non-blank
   line without a tab ends the table.
4. A row with fewer cells than the header is padded with empty cells; empty cells beyond the
   header's width are dropped; a row with more non-empty cells than the header is an input error
   naming the line.
5. Continuation rows (empty 序号/任务 cells, an empty 责任单位 cell) are the caller's business:
   `RowTable.fill_down(columns)` copies an empty cell from the row above and records which cells
   were inherited and from which line, so the caller can say so in its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import InputError, normalize

_NUMBER_RE = re.compile(r"^[-+]?\d+(\.\d+)?%?$")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _cells(line: str) -> list[str]:
    return line.rstrip("\n").split("\t")


@dataclass
class TableRow:
    line: int  # 1-based line of the row
    raw: str  # the line as written (the evidence quote)
    cells: list[str]  # raw cell texts, one per column
    inherited: dict[int, int] = field(default_factory=dict)  # column → line the value was copied from

    def text(self, index: int | None) -> str:
        """Normalised text of a column ('' when the column is missing)."""
        if index is None or index >= len(self.cells):
            return ""
        return normalize(self.cells[index])


@dataclass
class RowTable:
    caption: str
    caption_line: int
    header_line: int
    keys: list[str]  # one whitespace-free key per column ("group/sub-label" under a two-line header)
    groups: list[str]  # spanning label of each column ('' when the column has none)
    subs: list[str]  # sub-header label of each column ('' without a sub-header)
    rows: list[TableRow] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.keys)

    def column(self, *keywords: str) -> int | None:
        """Index of the first column whose key contains any keyword (columns found by header text)."""
        for kw in keywords:
            for i, key in enumerate(self.keys):
                if kw in key:
                    return i
        return None

    def fill_down(self, *columns: int | None) -> None:
        """Empty cells of these columns take the value of the row above (rule 5)."""
        for col in columns:
            if col is None:
                continue
            above: TableRow | None = None
            for row in self.rows:
                if row.text(col):
                    above = row
                elif above is not None:
                    row.cells[col] = above.cells[col]
                    row.inherited[col] = above.inherited.get(col, above.line)


def parse_row_tables(text: str, path: str) -> list[RowTable]:
    lines = text.split("\n")
    tables: list[RowTable] = []
    i = 0
    while i < len(lines):
        cells = _cells(lines[i])
        if len(cells) >= 2 and _key(cells[0]) == "序号":
            table, i = _parse_one(lines, i, path)
            tables.append(table)
        else:
            i += 1
    return tables


def _caption(lines: list[str], start: int) -> tuple[str, int]:
    for j in range(start - 1, max(-1, start - 6), -1):
        if lines[j].strip() and "\t" not in lines[j]:
            return normalize(lines[j]), j + 1
    return "", 0


def _parse_one(lines: list[str], start: int, path: str) -> tuple[RowTable, int]:
    header = _cells(lines[start])
    width = len(header)
    groups = [""] * width
    subs = [""] * width
    label = ""
    spans = False
    for c, cell in enumerate(header):
        if _key(cell):
            label = _key(cell)
            spans_right = c + 1 < width and not _key(header[c + 1])
            groups[c] = label if spans_right else ""
        else:  # an empty header cell belongs to the label on its left
            groups[c] = label
            spans = spans or bool(label)
    i = start + 1
    if spans and i < len(lines):
        nxt = _cells(lines[i])
        if len(nxt) > 1 and not _key(nxt[0]) and not any(_NUMBER_RE.match(_key(c)) for c in nxt):
            for c in range(min(width, len(nxt))):
                subs[c] = _key(nxt[c])
            i += 1
    keys = []
    for c in range(width):
        if groups[c] and subs[c]:
            keys.append(f"{groups[c]}/{subs[c]}")
        else:
            keys.append(subs[c] or _key(header[c]) or groups[c])
    caption, caption_line = _caption(lines, start)
    table = RowTable(caption, caption_line, start + 1, keys, groups, subs)
    header_keys = [_key(c) for c in header]
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" not in line:
            break
        cells = _cells(line)
        if [_key(c) for c in cells] == header_keys:
            i += 1  # rule 3: the header repeated after a page break
            continue
        while len(cells) > width and not cells[-1].strip():
            cells.pop()
        if len(cells) > width:
            raise InputError(path, i + 1, f"row of table '{caption or 'untitled'}' has {len(cells)} cells, "
                                          f"its header (line {start + 1}) has {width}")
        cells += [""] * (width - len(cells))
        table.rows.append(TableRow(i + 1, line, cells))
        i += 1
    return table, i


__all__ = ["RowTable", "TableRow", "parse_row_tables"]
