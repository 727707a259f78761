"""Tables as text extraction left them: one cell per tab-led line, cells spanning lines and blank lines.

Layout rules (documented in loaders/README.md):

1. A line that starts with a tab starts a new cell; a line without a leading tab continues the
   current cell (blank lines inside a cell are kept as line breaks).
2. A table starts at a cell whose text is 序号, or at the first cell of a block of cells (the line
   before it, blanks aside, is no cell) whose header the caller's `is_header` accepts (a header
   that names the roles of a table kind, loaders/headers.py, e.g. 项目名称 … 总投资). Its header ends
   at the first blank line that is followed by a new cell — or, in a header that starts with 序号,
   at a cell that is a row number (1, 1.) — and the header's cell count N is the width.
3. A row is complete after N cells. A single cell like 一、产业合作领域 or （一）产业合作 that opens a row and is
   followed by a blank line is a section row: it names the field of the rows below it. A complete
   row whose cells repeat the header (the table goes on after a page break) is dropped, also when
   its last cell wraps onto a line of its own (完成 / 时限).
4. After a complete row, a line that is neither blank nor a new cell ends the table — except page
   furniture (— 12 —, 第3页), which is skipped anywhere in a table, and lines that directly
   follow the row's last cell (no blank line between), are no heading (附件…, 表N), note (注：) or
   续表 caption, and run up to another row's cell, a blank line or the end of the text: that is the
   last cell wrapping onto lines of its own, kept in the cell.
5. A row that is still incomplete when the text ends, or when a new heading (附件…, 表N, 一、…)
   follows a blank line, means the table was cut off: that is an input error naming the line.
6. Two tables with the same header, with nothing between them but blank lines, page furniture or
   a continuation caption (续表, …（续）), are one table split across pages: joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.model import InputError, normalize

SECTION_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)\S)")  # 一、… or （一）… (NFKC)
HEADING_RE = re.compile(r"^(附件|表\s*\d|[一二三四五六七八九十]+、)")
# Page numbers extraction leaves between the rows of a table: — 12 —, - 3 -, 第3页, 第3页 共10页.
FURNITURE_RE = re.compile(r"^(?:[-—–_~]+\s*\d{1,4}\s*[-—–_~]+|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?)$")
NOTE_RE = re.compile(r"^(注|备注|说明|资料来源|数据来源|[\ufffd*※①②③④⑤⑥⑦⑧⑨⑩])")
CONTINUED_RE = re.compile(r"续表|\(续\)|^续")  # matched on NFKC text: （续） is (续)
ROW_NUMBER_RE = re.compile(r"^\d{1,3}\.?$")
UNIT_LINE_RE = re.compile(r"^单位\s*:")  # "单位：万元" above a table states its unit, it is no caption
HeaderTest = Callable[[list[str]], bool]


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
    end: int = 0  # 0-based index of the first line after the table
    repeated_headers: list[int] = field(default_factory=list)  # lines where the header repeats
    # Lines of a space-aligned table (loaders/row_layout.py rule 5) whose cells cannot be told apart.
    unread: list[int] = field(default_factory=list)

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


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def is_furniture(line: str) -> bool:
    return bool(FURNITURE_RE.match(normalize(line)))


def _block_start(lines: list[str], i: int) -> bool:
    """Whether the cell at line i opens a block of cells (no cell before it, blank lines aside)."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j < 0 or not _is_cell(lines[j])


def _read_header(lines: list[str], i: int) -> tuple[list[Cell], int]:
    """Header cells from line i until a blank line followed by a new cell; returns them and the next line."""
    header: list[Cell] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        if _is_cell(line) and len(header) > 1 and _key(header[0].text) == "序号" and ROW_NUMBER_RE.match(_key(line)):
            return header, i  # no blank line after the header: the first row's 序号 ends it
        if _is_cell(line):
            header.append(Cell(line[1:], i + 1))
        elif line.strip():
            header[-1].text += "\n" + line
        else:
            k = i
            while k < n and not lines[k].strip():
                k += 1
            if k < n and _is_cell(lines[k]):
                return header, k
        i += 1
    return header, i


def _starts_table(lines: list[str], i: int, is_header: HeaderTest | None) -> bool:
    if not _is_cell(lines[i]):
        return False
    if normalize(lines[i]) == "序号":
        return True
    if is_header is None or not _block_start(lines, i):
        return False
    header, _ = _read_header(lines, i)
    return len(header) > 1 and is_header([_key(c.text) for c in header])


def header_candidates(lines: list[str]) -> list[list[str]]:
    """Header keys of every block of cells (and of every 序号-led header): what detect() looks at."""
    out = []
    for i, line in enumerate(lines):
        if _is_cell(line) and (normalize(line) == "序号" or _block_start(lines, i)):
            header, _ = _read_header(lines, i)
            if len(header) > 1:
                out.append([_key(c.text) for c in header])
    return out


def parse_cell_tables(text: str, path: str, is_header: HeaderTest | None = None) -> list[CellTable]:
    lines = text.split("\n")
    tables: list[CellTable] = []
    i = 0
    n = len(lines)
    while i < n:
        if not _starts_table(lines, i, is_header):
            i += 1
            continue
        caption, caption_line = "", 0
        for j in range(i - 1, max(-1, i - 6), -1):
            if lines[j].strip() and not _is_cell(lines[j]) and not is_furniture(lines[j]) \
                    and not UNIT_LINE_RE.match(normalize(lines[j])):
                caption, caption_line = normalize(lines[j]), j + 1
                break
        table, i = _parse_one(lines, i, caption, caption_line, path, is_header)
        tables.append(table)
    return join_split(tables, lines)


def join_split(tables: list[CellTable], lines: list[str]) -> list[CellTable]:
    """Rule 6: a table that repeats the previous one's header after a page break continues it."""
    out: list[CellTable] = []
    for table in tables:
        prev = out[-1] if out else None
        if prev is not None and prev.header_keys == table.header_keys and table.header:
            between = lines[prev.end:table.header[0].line - 1]
            if all(not ln.strip() or is_furniture(ln) or CONTINUED_RE.search(normalize(ln)) for ln in between):
                prev.repeated_headers.append(table.header[0].line)
                prev.rows += table.rows
                prev.sections += table.sections
                prev.repeated_headers += table.repeated_headers
                prev.end = table.end
                continue
        out.append(table)
    return out


def _wraps_last_cell(lines: list[str], i: int, is_header: HeaderTest | None) -> bool:
    """Rule 4: line i (no blank line before it) is the previous row's last cell going on."""
    text = normalize(lines[i])
    if HEADING_RE.match(text) or NOTE_RE.match(text) or CONTINUED_RE.search(text):
        return False
    k = i + 1
    while k < len(lines) and lines[k].strip() and not _is_cell(lines[k]):
        k += 1  # the run of text lines this one starts
    if k >= len(lines) or not lines[k].strip():
        return True  # the run ends the table with its last cell: a blank line or the end follows
    return normalize(lines[k]) != "序号" and not (is_header is not None and _starts_table(lines, k, is_header))


def _parse_one(lines: list[str], start: int, caption: str, caption_line: int,
               path: str, is_header: HeaderTest | None = None) -> tuple[CellTable, int]:
    n = len(lines)
    header, i = _read_header(lines, start)
    table = CellTable(caption, caption_line, header)
    width = len(header)
    keys = table.header_keys
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
                if [_key(c.text) for c in current] == keys:
                    table.repeated_headers.append(current[0].line)  # rule 3: header again after a page break
                else:
                    table.rows.append(_row(current, section))
                current = []
        elif not line.strip():
            if current and current[-1].text and not current[-1].text.endswith("\n\n"):
                current[-1].text += "\n"
            blank_before = True
            i += 1
            continue
        elif is_furniture(line):
            i += 1  # rule 4: a page number between rows or inside a row
            continue
        else:
            if not current:
                if section is not None and not table.rows and table.sections and \
                        table.sections[-1] is section and not blank_before:
                    section.text += "\n" + line
                    i += 1
                    continue
                if table.rows and not blank_before and _wraps_last_cell(lines, i, is_header):
                    last = table.rows[-1].cells[-1]
                    last.text = last.text.rstrip("\n") + "\n" + line
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
    # rule 3 again, now that last cells are whole: a repeated header whose last cell wraps (完成\n时限)
    repeated = [r for r in table.rows if [_key(c.text) for c in r.cells] == keys]
    table.repeated_headers += [r.line for r in repeated]
    table.rows = [r for r in table.rows if not any(r is x for x in repeated)]
    table.end = i
    return table, i


def _row(cells: list[Cell], section: Cell | None) -> Row:
    return Row(cells[0].line, list(cells), normalize(section.text) if section else None,
               section.line if section else None)


__all__ = [
    "UNIT_LINE_RE",
    "Cell",
    "CellTable",
    "HeaderTest",
    "Row",
    "header_candidates",
    "is_furniture",
    "join_split",
    "parse_cell_tables",
]
