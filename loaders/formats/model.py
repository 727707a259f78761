"""The one document model every format is read into, and its rendering to the text the loaders read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass
class Paragraph:
    text: str
    locator: str  # where it stands in the original file: "para 12", "p.3 line 5"
    line_locators: list[str] = field(default_factory=list)  # per line of text, when lines differ (PDF)


@dataclass
class Table:
    """A table with merged cells already resolved: every row has one text per column.

    `spans` holds the indexes of rows that are one cell across the whole width (a caption or a
    section row such as 一、市结对安排关系); such a row is kept as `[text]`.
    """

    rows: list[list[str]]
    locator: str  # "table 2", "sheet 附表", "p.3 table 1"
    row_locators: list[str] = field(default_factory=list)  # one per row; default "<locator> row <n>"
    spans: set[int] = field(default_factory=set)

    def row_locator(self, index: int) -> str:
        if index < len(self.row_locators):
            return self.row_locators[index]
        return f"{self.locator} row {index + 1}"


Block = Paragraph | Table


@dataclass
class Document:
    """A file as blocks in reading order; `meta` holds what the format itself says (format, encoding,
    title, date). `text` is set only for plain text, whose lines the loaders read as they are."""

    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    text: str | None = None


@dataclass
class Rendered:
    text: str
    locators: list[str] | None  # rendered line (0-based) → locator in the original; None for plain text


def render(doc: Document) -> Rendered:
    """The document as the text the loaders read, with each rendered line's original locator.

    Paragraphs become lines. A table whose header names what the row readers read (ROW_TABLE_WORDS)
    becomes one line per row with tab-separated cells, the layout of loaders/row_tables.py and
    loaders/pairing_table.py (a cell's line breaks become spaces; a spanning row is a line without a
    tab); any other table becomes the tab-led one-cell-per-line layout of loaders/tables.py (a blank
    line after the header; a spanning row is one cell followed by a blank line), which keeps
    multi-line cells whole. Blocks are separated by one blank line.
    """
    if doc.text is not None:
        return Rendered(doc.text, None)
    lines: list[str] = []
    locs: list[str] = []

    def add(line: str, loc: str) -> None:
        lines.append(line)
        locs.append(loc)

    for block in doc.blocks:
        if lines:
            add("", locs[-1])
        if isinstance(block, Paragraph):
            for k, line in enumerate(block.text.split("\n")):
                # An indent is layout, and a leading tab would make the line read as a table cell.
                add(line.lstrip(" \t\u3000"), block.line_locators[k] if k < len(block.line_locators) else block.locator)
        elif not _row_layout(block):
            _cell_layout(block, add)
        else:
            for i, row in enumerate(block.rows):
                cells = [_one_line(c) for c in row]
                add(cells[0] if i in block.spans else "\t".join(cells), block.row_locator(i))
    return Rendered("\n".join(lines) + "\n", [*locs, locs[-1] if locs else ""])


# Header words of the tables that are read one line per row: the pairing table (受援地 … 支援地) and
# the municipal annexes (产业园名称, 任务/事项/责任单位) — see loaders/pairing_table.py, loaders/row_tables.py.
ROW_TABLE_WORDS = ("受援地", "支援地", "产业园", "事项")


def _row_layout(table: Table) -> bool:
    """Whether the table's header (its first row that is not a title) names a row reader's column, or
    its header (of one or two rows) is a pairing table's (a county column and partner columns)."""
    from loaders.headers import header_key, vocabulary

    heads = [row for i, row in enumerate(table.rows) if i not in table.spans][:2]
    if any(word in re.sub(r"\s+", "", "".join(heads[0] if heads else [])) for word in ROW_TABLE_WORDS):
        return True
    vocab = vocabulary()
    return any(vocab.kind([header_key(c) for c in row]) == "pairing_matrix" for row in heads)


def _one_line(cell: str) -> str:
    return " ".join(part.strip() for part in cell.replace("\t", " ").split("\n") if part.strip())


def sub_header(table: Table) -> int | None:
    """The index of a second header row under the first (a two-row header), else None.

    A label that spans several columns in the first header row (协作安排 over 合作方 | 责任单位) stands
    once, in its first column, the columns it covers left empty; the row below names those columns,
    and repeats the first row's cells that are merged down over both rows (序号, 项目名称 …). Such a
    row is a header, not data: it repeats at least one cell of the row above, names at least one
    column the row above leaves empty, and differs from it only under a spanning label.
    """
    heads = [i for i in range(len(table.rows)) if i not in table.spans][:2]
    if len(heads) < 2 or heads[1] != heads[0] + 1:
        return None
    top, below = table.rows[heads[0]], table.rows[heads[1]]
    if len(top) != len(below) or len(top) < 2:
        return None
    repeated = named_under_span = 0
    for c, (t, b) in enumerate(zip(top, below, strict=True)):
        t, b = t.strip(), b.strip()
        if t and b == t:
            repeated += 1
            continue
        spans_right = c + 1 < len(top) and not top[c + 1].strip()
        if not b or not (not t or spans_right):
            return None  # a cell that differs from the header outside a spanning label: data
        named_under_span += not t
    return heads[1] if repeated and named_under_span else None


def _cell_layout(table: Table, add: Any) -> None:
    sub = sub_header(table)
    if sub is not None:
        # One header row: a column's own name under a spanning label, else the label merged over both rows.
        top = table.rows[sub - 1]
        folded = [b if b.strip() else t for t, b in zip(top, table.rows[sub], strict=True)]
        table = Table([*table.rows[:sub - 1], folded, *table.rows[sub + 1:]], table.locator,
                      [table.row_locator(i) for i in range(len(table.rows)) if i != sub],
                      {s - (s > sub) for s in table.spans})
    for i, row in enumerate(table.rows):
        loc = table.row_locator(i)
        for cell in row:
            parts = [p.strip() for p in cell.replace("\t", " ").split("\n") if p.strip()] or [""]
            add("\t" + parts[0], loc)
            for part in parts[1:]:
                add(part, loc)
        if i == 0 or i in table.spans:
            add("", loc)  # ends the header (tables.py rule 2) or marks a section row (rule 3)


class Merged(Enum):
    """A grid position covered by a merged cell: by the cell to its left, or by the cell above it."""

    LEFT = "left"
    ABOVE = "above"


def resolve_merges(grid: list[list[str | Merged]]) -> tuple[list[list[str]], set[int]]:
    """Rows with one text per column. A position covered from above takes that cell's value (a
    vertically merged cell repeats on every row it spans); one covered from the left stays empty, so
    a label spanning columns stands once, in its first column. A row whose only text is in its first
    cell (merged across the width or not) becomes a spanning row `[text]`."""
    rows: list[list[str]] = []
    spans: set[int] = set()
    for r, raw in enumerate(grid):
        first = raw[0] if raw and isinstance(raw[0], str) else ""
        # A title or section row (二、经济强县…, 一、产业合作领域) is one cell across the width, merged or
        # typed into the first column with the rest left empty; a lone number is a row's 序号, not a title.
        if len(raw) > 1 and first.strip() and not first.strip().isdigit() and all(
                c is Merged.LEFT or (isinstance(c, str) and not c.strip()) for c in raw[1:]):
            spans.add(r)
            rows.append([first])
            continue
        row: list[str] = []
        for c, cell in enumerate(raw):
            if cell is Merged.ABOVE:
                above = next((rows[k] for k in range(r - 1, -1, -1) if k not in spans), None)
                cell = above[c] if above is not None and c < len(above) else ""
            elif cell is Merged.LEFT:
                cell = ""
            row.append(cell)
        rows.append(row)
    return rows, spans
