"""Tables as text extraction left them: one cell per tab-led line, cells spanning lines and blank lines.

Layout rules (documented in loaders/README.md):

1. A line that starts with a tab starts a new cell; a line without a leading tab continues the
   current cell (blank lines inside a cell are kept as line breaks).
2. A table starts at a cell whose text is 序号. Its header ends at the first blank line that is
   followed by a new cell; the header's cell count N is the table's width.
3. A row is complete after N cells. A single cell like 一、产业合作领域 that opens a row and is
   followed by a blank line is a section row: it names the field of the rows below it.
4. After a complete row, a line that is neither blank nor a new cell ends the table.
5. A row that is still incomplete when the text ends, or when a new heading (附件…, 表N, 一、…)
   follows a blank line, means the table was cut off: that is an input error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import InputError, normalize

SECTION_RE = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_RE = re.compile(r"^(附件|表\s*\d|[一二三四五六七八九十]+、)")


@dataclass
class Cell:
    text: str
    line: int  # 1-based line where the cell starts

    @property
    def clean(self) -> str:
        return normalize(self.text.replace("\n", " ")) if self.text else ""


@dataclass
class Row:
    line: int
    cells: list[Cell]
    section: str | None = None
    section_line: int | None = None

    def get(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    @property
    def last_line(self) -> int:
        return self.cells[-1].line + self.cells[-1].text.count("\n") if self.cells else self.line


@dataclass
class CellTable:
    caption: str
    caption_line: int
    header: list[Cell]
    rows: list[Row] = field(default_factory=list)
    sections: list[Cell] = field(default_factory=list)

    @property
    def header_keys(self) -> list[str]:
        return [re.sub(r"\s+", "", normalize(c.text)) for c in self.header]

    def column(self, *keywords: str) -> int | None:
        """Index of the first header cell containing any keyword (columns are found by header text)."""
        for kw in keywords:
            for i, key in enumerate(self.header_keys):
                if kw in key:
                    return i
        return None


def _is_cell(line: str) -> bool:
    return line.startswith("\t")


def parse_cell_tables(text: str, path: str) -> list[CellTable]:
    lines = text.split("\n")
    tables: list[CellTable] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not (_is_cell(line) and normalize(line) == "序号"):
            i += 1
            continue
        caption, caption_line = "", 0
        for j in range(i - 1, max(-1, i - 6), -1):
            if lines[j].strip() and not _is_cell(lines[j]):
                caption, caption_line = normalize(lines[j]), j + 1
                break
        table, i = _parse_one(lines, i, caption, caption_line, path)
        tables.append(table)
    return tables


def _parse_one(lines: list[str], start: int, caption: str, caption_line: int,
               path: str) -> tuple[CellTable, int]:
    header: list[Cell] = []
    i = start
    n = len(lines)
    # Header: cells until a blank line followed by a new cell.
    while i < n:
        line = lines[i]
        if _is_cell(line):
            header.append(Cell(line[1:], i + 1))
        elif line.strip():
            header[-1].text += "\n" + line
        else:
            k = i
            while k < n and not lines[k].strip():
                k += 1
            if k < n and _is_cell(lines[k]):
                i = k
                break
        i += 1
    table = CellTable(caption, caption_line, header)
    width = len(header)
    current: list[Cell] = []
    section: Cell | None = None
    blank_before = False
    while i < n:
        line = lines[i]
        if _is_cell(line):
            cell = Cell(line[1:], i + 1)
            if not current and SECTION_RE.match(normalize(cell.text)) and width > 1:
                nxt = lines[i + 1] if i + 1 < n else ""
                if not nxt.strip() or not _is_cell(nxt):
                    section = cell
                    table.sections.append(cell)
                    i += 1
                    blank_before = False
                    continue
            current.append(cell)
            if len(current) == width:
                table.rows.append(_row(current, section))
                current = []
        elif not line.strip():
            if current and current[-1].text and not current[-1].text.endswith("\n\n"):
                current[-1].text += "\n"
            blank_before = True
            i += 1
            continue
        else:
            if not current:
                if section is not None and not table.rows and table.sections and \
                        table.sections[-1] is section and not blank_before:
                    section.text += "\n" + line
                    i += 1
                    continue
                break  # rule 4: the table has ended
            if blank_before and HEADING_RE.match(normalize(line)):
                raise InputError(path, current[0].line,
                                 f"table '{caption or 'untitled'}' is cut off: row starting here has "
                                 f"{len(current)} of {width} cells before line {i + 1} ({normalize(line)[:20]!r})")
            current[-1].text = current[-1].text.rstrip("\n") + "\n" + line
        blank_before = False
        i += 1
    if current:
        raise InputError(path, current[0].line,
                         f"table '{caption or 'untitled'}' is cut off: the text ends inside a row "
                         f"({len(current)} of {width} cells)")
    for row in table.rows:
        for c in row.cells:
            c.text = c.text.strip("\n")
    return table, i


def _row(cells: list[Cell], section: Cell | None) -> Row:
    return Row(cells[0].line, list(cells), normalize(section.text) if section else None,
               section.line if section else None)


__all__ = ["Cell", "CellTable", "Row", "parse_cell_tables"]
