"""PDF files: text lines and ruled tables page by page (page in every locator); no text means scanned."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


def read(data: bytes, shown: str) -> Document:
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(shown, None, "not a readable PDF: it does not start with %PDF- (corrupt, or another "
                                      "kind of file with a .pdf name)")
    blocks: list[Paragraph | Table] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                chars += len(page.chars)
                blocks += _page(page, number)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged file; all mean the same
        raise InputError(shown, None, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not chars:
        raise InputError(shown, None, "the PDF has no extractable text (a scanned image?); run OCR on it "
                                      "or add the text version")
    return Document(blocks, {"format": "pdf"})


def _page(page: Any, number: int) -> list[Paragraph | Table]:
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes)

    items: list[tuple[float, Paragraph | Table]] = []
    lines = [ln for ln in page.filter(outside).extract_text_lines() if ln["text"].strip()]
    run: list[tuple[float, str, str]] = []
    for k, ln in enumerate(lines, 1):
        run.append((ln["top"], ln["text"], f"p.{number} line {k}"))
    for t_index, table in enumerate(found, 1):
        rows, spans = resolve_merges(_grid(table))
        loc = f"p.{number} table {t_index}"
        items.append((table.bbox[1], Table(rows, loc, spans=spans)))
    # Text lines between two tables form one paragraph block; a table splits the text where it stands.
    tops = sorted(t for t, _ in items)
    groups: dict[int, list[tuple[float, str, str]]] = {}
    for top, text, loc in run:
        groups.setdefault(sum(top > t for t in tops), []).append((top, text, loc))
    for group in groups.values():
        items.append((group[0][0], Paragraph("\n".join(t for _, t, _ in group), group[0][2],
                                             [loc for _, _, loc in group])))
    return [block for _, block in sorted(items, key=lambda item: item[0])]


def _grid(table: Any) -> list[list[str | Merged]]:
    """Cell texts; a position pdfplumber leaves empty (None) is covered by a merged cell, from the left
    when the nearest cell to its left reaches over this column, else from above."""
    texts = table.extract()
    right: dict[int, float] = {}
    for row in table.rows:
        for c, box in enumerate(row.cells):
            if box is not None:
                right.setdefault(c, box[2])
    grid: list[list[str | Merged]] = []
    for r, row in enumerate(texts):
        out: list[str | Merged] = []
        for c, cell in enumerate(row):
            if cell is not None:
                out.append(_join_wrapped(cell))
                continue
            left = next((table.rows[r].cells[k] for k in range(c - 1, -1, -1) if table.rows[r].cells[k]), None)
            covers = left is not None and c in right and left[2] >= right[c] - 1
            out.append(Merged.LEFT if covers else Merged.ABOVE)
        grid.append(out)
    return grid


def _join_wrapped(cell: str) -> str:
    """A cell's text wrapped by the page width: CJK halves join without a space (杭州市余|杭区)."""
    return re.sub(rf"(?<={_CJK})\n(?={_CJK})", "", cell).replace("\n", " ").strip()
