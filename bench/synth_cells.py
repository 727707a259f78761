"""Render tables in the two layouts extraction produced: tab-led cells (one per line) and tab-separated rows."""

from __future__ import annotations

from collections.abc import Sequence


def cell_table(header: Sequence[str], rows: Sequence[Sequence[str] | str]) -> list[str]:
    """Tab-led cell layout (loaders/tables.py): every cell starts a line with a tab, rows end with a blank.

    A cell's text may hold line breaks and blank lines (they continue the cell). A row given as a
    plain string is a section row (一、产业合作领域) standing alone before a blank line.
    """
    lines = [f"\t{c}" for c in header] + [""]
    for row in rows:
        if isinstance(row, str):
            lines += [f"\t{row}", ""]
            continue
        lines += [f"\t{c}" for c in row] + [""]
    return lines


def row_table(header: Sequence[str], rows: Sequence[Sequence[str]], sub_header: Sequence[str] | None = None
              ) -> list[str]:
    """Row layout (loaders/row_tables.py): one line per row, cells separated by tabs."""
    lines = ["\t".join(header)]
    if sub_header is not None:
        lines.append("\t".join(sub_header))
    lines += ["\t".join(r) for r in rows]
    return lines


__all__ = ["cell_table", "row_table"]
