"""Spreadsheets (.xlsx): each sheet one table, merged cells resolved, title and note rows as paragraphs."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges


def read(data: bytes, shown: str) -> Document:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(shown, None, "not a readable XLSX: the file is not a zip package (corrupt, or an "
                                      "old binary .xls renamed; save it as .xlsx)")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken package; all mean the same
        raise InputError(shown, None, f"not a readable XLSX ({type(exc).__name__}: {exc}); a zip that is "
                                      "not a workbook, or a damaged file") from None
    blocks: list[Paragraph | Table] = []
    for ws in book.worksheets:
        blocks += _sheet(ws)
    if not blocks:
        raise InputError(shown, None, "every sheet of the XLSX is empty")
    return Document(blocks, {"format": "xlsx"})


def _sheet(ws: Any) -> list[Paragraph | Table]:
    grid: list[list[str | Merged]] = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col) and r <= len(grid) and c <= len(grid[r - 1]):
                    grid[r - 1][c - 1] = Merged.ABOVE if c == rng.min_col else Merged.LEFT
    used = [i for i, row in enumerate(grid) if any(c for c in row if isinstance(c, str))]
    if not used:
        return []
    width = max(max(c for c, v in enumerate(grid[i]) if v != "") + 1 for i in used)
    rows, spans = resolve_merges([grid[i][:width] for i in used])
    numbers = [i + 1 for i in used]  # the sheet's own row numbers, for the locators
    filled = [sum(bool(c.strip()) for c in row) for row in rows]
    multi = [k for k, n in enumerate(filled) if n >= 2 and k not in spans]
    if not multi:
        return [Paragraph(" ".join(c for c in row if c), f"sheet {ws.title} row {numbers[k]}")
                for k, row in enumerate(rows)]
    first, last = multi[0], multi[-1]
    # A title above the table and notes below it (注：…) are text, not rows of the table.
    out: list[Paragraph | Table] = [Paragraph(" ".join(c for c in rows[k] if c), f"sheet {ws.title} row {numbers[k]}")
                                    for k in range(first)]
    body = list(range(first, last + 1))
    out.append(Table([rows[k] for k in body], f"sheet {ws.title}",
                     [f"sheet {ws.title} row {numbers[k]}" for k in body],
                     {j for j, k in enumerate(body) if k in spans}))
    out += [Paragraph(" ".join(c for c in rows[k] if c), f"sheet {ws.title} row {numbers[k]}")
            for k in range(last + 1, len(rows))]
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
