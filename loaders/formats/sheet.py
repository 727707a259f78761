"""Spreadsheets (.xlsx, old binary .xls): each sheet one table, merged cells resolved, titles and notes as text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file an Excel 97–2003 workbook is


def read(data: bytes, shown: str) -> Document:
    if data.startswith(_OLE_MAGIC):
        return read_xls(data, shown)  # an .xls saved under an .xlsx name
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(shown, None, "not a readable XLSX: the file is not a zip package (corrupt)")
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


def read_xls(data: bytes, shown: str) -> Document:
    """An Excel 97–2003 workbook (BIFF, .xls), read by xlrd the same way as an .xlsx."""
    import xlrd

    if zipfile.is_zipfile(io.BytesIO(data)):
        return read(data, shown)  # an .xlsx saved under an .xls name: what it is, not what it is called
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct errors … for a broken file
        raise InputError(shown, None, f"not a readable XLS ({type(exc).__name__}: {exc}); a damaged file") from None
    blocks: list[Paragraph | Table] = []
    for ws in book.sheets():
        values = [[_xls_text(ws.cell(r, c), book.datemode) for c in range(ws.ncols)] for r in range(ws.nrows)]
        # xlrd's ranges are 0-based and half-open: (first row, row after last, first col, col after last)
        merged = [(r0 + 1, r1, c0 + 1, c1) for r0, r1, c0, c1 in ws.merged_cells]
        blocks += _grid(values, merged, ws.name)
    if not blocks:
        raise InputError(shown, None, "every sheet of the XLS is empty")
    return Document(blocks, {"format": "xls"})


def read_et(data: bytes, shown: str) -> Document:
    """A Kingsoft WPS spreadsheet (.et): read as the Excel 97–2003 workbook WPS usually writes under that
    name; one in WPS's own format is refused with what to do."""
    try:
        document = read_xls(data, shown)
    except InputError as err:
        raise InputError(shown, None, f"could not read this WPS spreadsheet (.et) as Excel 97–2003: {err.message}; "
                                      "save it as .xlsx in WPS") from None
    document.meta["format"] = "et"
    return document


def _xls_text(cell: Any, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return _text(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return _text(cell.value)


def _sheet(ws: Any) -> list[Paragraph | Table]:
    values = [list(row) for row in ws.iter_rows(values_only=True)]
    merged = [(rng.min_row, rng.max_row, rng.min_col, rng.max_col) for rng in ws.merged_cells.ranges]
    return _grid([[_text(v) for v in row] for row in values], merged, ws.title)


def mark_merges(grid: list[list[str | Merged]], merged: list[tuple[int, int, int, int]]) -> list[list[str | Merged]]:
    """The grid with each position a merged range (1-based, inclusive: min row, max row, min col, max col)
    covers marked: Merged.ABOVE in the range's first column (its text repeats down), Merged.LEFT elsewhere (a
    label spanning columns stands once). Positions beyond the grid are ignored."""
    for min_row, max_row, min_col, max_col in merged:
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col) and r <= len(grid) and c <= len(grid[r - 1]):
                    grid[r - 1][c - 1] = Merged.ABOVE if c == min_col else Merged.LEFT
    return grid


def _grid(values: list[list[str]], merged: list[tuple[int, int, int, int]], title: str) -> list[Paragraph | Table]:
    """One sheet's cell texts and merged ranges (1-based, inclusive: min row, max row, min col, max col)."""
    grid = mark_merges([list(row) for row in values], merged)
    used = [i for i, row in enumerate(grid) if any(c for c in row if isinstance(c, str))]
    if not used:
        return []
    width = max(max(c for c, v in enumerate(grid[i]) if v != "") + 1 for i in used)
    rows, spans = resolve_merges([grid[i][:width] for i in used])
    numbers = [i + 1 for i in used]  # the sheet's own row numbers, for the locators
    filled = [sum(bool(c.strip()) for c in row) for row in rows]
    multi = [k for k, n in enumerate(filled) if n >= 2 and k not in spans]
    if not multi:
        return [Paragraph(" ".join(c for c in row if c), f"sheet {title} row {numbers[k]}")
                for k, row in enumerate(rows)]
    first, last = multi[0], multi[-1]
    # A title above the table and notes below it (注：…) are text, not rows of the table.
    out: list[Paragraph | Table] = [Paragraph(" ".join(c for c in rows[k] if c), f"sheet {title} row {numbers[k]}")
                                    for k in range(first)]
    body = list(range(first, last + 1))
    out.append(Table([rows[k] for k in body], f"sheet {title}",
                     [f"sheet {title} row {numbers[k]}" for k in body],
                     {j for j, k in enumerate(body) if k in spans}))
    out += [Paragraph(" ".join(c for c in rows[k] if c), f"sheet {title} row {numbers[k]}")
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
