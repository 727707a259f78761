"""PDF files: text lines and ruled tables page by page (page in every locator); no text means scanned."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
# Page furniture: a line that is only a page number (- 3 -, — 3 —, 第3页, 3/10). Left in, it would stand
# between the two halves of a table split across pages and end the table there.
_PAGE_NUMBER_RE = re.compile(r"[-—–\s]*(第\s*)?\d{1,4}\s*(页)?(\s*/\s*(共\s*)?\d{1,4}\s*页?)?[-—–\s]*")


def read(data: bytes, shown: str) -> Document:
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(shown, None, "not a readable PDF: it does not start with %PDF- (corrupt, or another "
                                      "kind of file with a .pdf name)")
    blocks: list[Paragraph | Table] = []
    chars = unmapped = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                chars += len(page.chars)
                glyphs = sum(1 for c in page.chars if _UNMAPPED_RE.fullmatch(c["text"]))
                unmapped += glyphs
                if glyphs > _MAX_UNMAPPED * len(page.chars):
                    raise InputError(shown, None, f"the PDF's text cannot be read: {glyphs} of the {len(page.chars)} "
                                                  f"characters on page {number} are glyph numbers (cid:…) with no "
                                                  "Unicode mapping in their font; export the PDF again from the "
                                                  "original document, or add the DOCX or text version")
                blocks += _page(page.filter(_mapped) if glyphs else page, number)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged file; all mean the same
        raise InputError(shown, None, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not chars:
        raise InputError(shown, None, "the PDF has no extractable text (a scanned image?); run OCR on it "
                                      "or add the text version")
    return Document(blocks, {"format": "pdf"})


# A glyph whose font maps it to no character comes out as "(cid:123)". A few (a bullet, a symbol) are
# dropped; a page made mostly of them has no readable text at all.
_UNMAPPED_RE = re.compile(r"\(cid:\d+\)")
_MAX_UNMAPPED = 0.1


def _mapped(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") != "char" or not _UNMAPPED_RE.fullmatch(obj.get("text", ""))


# A line printed with wide letter-spacing (or justified to the page width) comes out of pdfplumber
# as "山 海 协 作": a space after every character. Where two in three of a line's space-separated pieces
# are single characters (and the line has CJK), those spaces are layout and are dropped (a run of
# several spaces stays one); an ordinary line — 山区 26 县, two items set apart — is kept as it is.
_SPACED_MIN_PIECES = 4


def despace(line: str) -> str:
    pieces = [p for p in line.split(" ") if p]
    if len(pieces) < _SPACED_MIN_PIECES or not re.search(_CJK, line) or \
            sum(len(p) == 1 for p in pieces) * 3 < len(pieces) * 2:
        return line
    return re.sub(r" {2,}", " ", re.sub(r"(?<=\S) (?=\S)", "", line))


def _page(page: Any, number: int) -> list[Paragraph | Table]:
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes)

    items: list[tuple[float, Paragraph | Table]] = []
    lines = [ln for ln in page.filter(outside).extract_text_lines(return_chars=True)
             if ln["text"].strip() and not _PAGE_NUMBER_RE.fullmatch(ln["text"])]
    for t_index, table in enumerate(found, 1):
        rows, spans = resolve_merges(_grid(table))
        loc = f"p.{number} table {t_index}"
        items.append((table.bbox[1], Table(rows, loc, spans=spans)))
    if not found:  # no ruled table: a table printed as text in aligned columns, if the lines say so
        taken: set[int] = set()
        t_index = 0
        for first, last, rows in _text_tables(lines):
            taken.update(range(first, last + 1))
            if _text_columns(rows):
                # A page set in columns of running text: each column's lines in turn, not a table.
                for c in range(len(rows[0])):
                    texts = [(k, row[c]) for k, row in enumerate(rows, first + 1) if row[c]]
                    items.append((lines[first]["top"] + c * 1e-3, Paragraph(
                        "\n".join(t for _, t in texts), f"p.{number} column {c + 1}",
                        [f"p.{number} column {c + 1} line {k}" for k, _ in texts])))
                continue
            t_index += 1
            items.append((lines[first]["top"], Table(rows, f"p.{number} table {t_index}")))
        lines = [ln for k, ln in enumerate(lines) if k not in taken]
    run: list[tuple[float, str, str]] = []
    for k, ln in enumerate(lines, 1):  # "line k" counts the page's text lines outside its tables
        run.append((ln["top"], despace(ln["text"]), f"p.{number} line {k}"))
    # Text lines between two tables form one paragraph block; a table splits the text where it stands.
    tops = sorted(t for t, _ in items)
    groups: dict[int, list[tuple[float, str, str]]] = {}
    for top, text, loc in run:
        groups.setdefault(sum(top > t for t in tops), []).append((top, text, loc))
    for group in groups.values():
        items.append((group[0][0], Paragraph("\n".join(t for _, t, _ in group), group[0][2],
                                             [loc for _, _, loc in group])))
    return [block for _, block in sorted(items, key=lambda item: item[0])]


# Text-aligned tables (no ruling lines): a gap between two characters of a line wider than this many
# ems, with nothing printed in it, separates two cells; typed with spaces, the gap must be wider still.
_CELL_GAP_EM = 0.9
_SPACED_GAP_EM = 2.0
_MIN_TEXT_ROWS = 3  # lines of two or more cells in a run before it is a table, not a letterhead or signature


def _segments(line: dict[str, Any]) -> list[tuple[float, str]]:
    """A text line's cells: (left x, text) of each run of characters separated by a wide empty gap."""
    out: list[tuple[float, list[str]]] = []
    right: float | None = None
    spaced = False
    for ch in sorted(line["chars"], key=lambda c: c["x0"]):
        if not ch["text"].strip():
            spaced = True
            continue
        em = float(ch.get("size") or 10)
        gap = ch["x0"] - right if right is not None else 0.0
        if right is None or gap > em * (_SPACED_GAP_EM if spaced else _CELL_GAP_EM):
            out.append((ch["x0"], []))
        elif spaced and out:
            out[-1][1].append(" ")
        out[-1][1].append(ch["text"])
        right, spaced = ch["x1"], False
    return [(x, re.sub(r"(?<=" + _CJK + r") | (?=" + _CJK + r")", "", "".join(t)).strip()) for x, t in out]


def _em(lines: list[dict[str, Any]]) -> float:
    sizes = sorted(float(c.get("size") or 10) for ln in lines for c in ln["chars"] if c["text"].strip())
    return sizes[len(sizes) // 2] if sizes else 10.0


def _text_tables(lines: list[dict[str, Any]]) -> list[tuple[int, int, list[list[str]]]]:
    """Tables printed as text in aligned columns: (first line, last line, rows), one row per line.

    A run of lines is a table when at least three of them have two or more cells (wide empty gaps
    between them) that start at shared column positions; a line with one cell belongs to the run only
    where it starts at one of the run's later columns (a row whose first cells are left blank, as a
    number or county written once above). Prose, headings, a letterhead or a signature line never have
    three such lines in a row. Columns are the cells' left edges clustered within an em; two clusters
    that never hold cells of the same line are one column (a header centred over its column, a
    right-aligned number). One line is one row, except the wrapped lines of a cell (`_join_wrapped_rows`)."""
    segs = [_segments(ln) for ln in lines]
    em = _em(lines)
    out: list[tuple[int, int, list[list[str]]]] = []
    i = 0
    while i < len(lines):
        if len(segs[i]) < 2:
            i += 1
            continue
        starts = [x for x, _ in segs[i]]
        j = i + 1
        while j < len(lines):
            if len(segs[j]) >= 2:
                starts += [x for x, _ in segs[j]]
            elif not any(abs(segs[j][0][0] - x) <= em for x in starts if x > min(starts) + em):
                break
            j += 1
        multi = [k for k in range(i, j) if len(segs[k]) >= 2]
        columns = _columns([segs[k] for k in range(i, j)], em)
        if len(multi) >= _MIN_TEXT_ROWS and len(columns) >= 2:
            last = j - 1
            while last + 1 < len(lines) and len(segs[last + 1]) == 1 and abs(segs[last + 1][0][0] - columns[0]) <= em \
                    and len(segs[last][0][1]) >= _COLUMN_TEXT_CHARS and len(columns) <= 3:
                last += 1  # the left column running on below the right one's end (a page in columns)
            rows = []
            for k in range(i, last + 1):
                row = [""] * len(columns)
                for x, text in segs[k]:
                    c = max(n for n, edge in enumerate(columns) if edge <= x + em) if x + em >= columns[0] else 0
                    row[c] = f"{row[c]} {text}".strip()
                rows.append(row)
            out.append((i, last, _join_wrapped_rows(rows, [ln["top"] for ln in lines[i:last + 1]])))
            i = last + 1
        else:
            i = j
    return out


def _join_wrapped_rows(rows: list[list[str]], tops: list[float]) -> list[list[str]]:
    """Lines closer together than the table's rows are one row's cells wrapped over several lines.

    The row pitch is the median distance above the lines whose first cell is filled (a new 序号 or
    name); a line with an empty first cell less than 3/4 of that pitch below the line above continues
    that row (the cell padding sets rows further apart than the lines of one cell; cells aligned at
    the top, Word's and WPS's default). Where rows and wrapped lines are equally spaced (no cell
    padding), or a row's first cell stands on its last or middle line (cells aligned at the bottom or
    centre), nothing is joined: a line with blank first cells stays a row of its own, which the row
    readers take as continuing the row above."""
    pitches = sorted(tops[k] - tops[k - 1] for k in range(1, len(rows)) if rows[k][0])
    if len(pitches) < 2:
        return rows
    pitch = pitches[len(pitches) // 2]
    out = [list(rows[0])]
    for k in range(1, len(rows)):
        if not rows[k][0] and tops[k] - tops[k - 1] < 0.75 * pitch:
            out[-1] = [_join_text(a, b) for a, b in zip(out[-1], rows[k], strict=True)]
        else:
            out.append(list(rows[k]))
    return out


def _join_text(first: str, more: str) -> str:
    if not first or not more:
        return first or more
    return first + more if re.match(_CJK, first[-1]) and re.match(_CJK, more[0]) else f"{first} {more}"


_COLUMN_TEXT_CHARS = 12  # a column of running text: most of its lines at least this long


def _text_columns(rows: list[list[str]]) -> bool:
    """Whether aligned "cells" are a page set in two or three columns of running text rather than a
    table: three rows in four fill every column and each column's typical line is a long run of text
    (a table has a short 序号 or name column, and empty cells)."""
    if not 2 <= len(rows[0]) <= 3 or len(rows) < 2 * _MIN_TEXT_ROWS:
        return False
    full = sum(all(row) for row in rows)
    lengths = [sorted(len(row[c]) for row in rows if row[c]) for c in range(len(rows[0]))]
    return full >= 0.75 * len(rows) and all(ls and ls[len(ls) // 2] >= _COLUMN_TEXT_CHARS for ls in lengths)


def _columns(lines: list[list[tuple[float, str]]], em: float) -> list[float]:
    """Left edges of the columns of a run of lines' cells (see `_text_tables`)."""
    xs = sorted({x for segs in lines for x, _ in segs})
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] <= em:
            clusters[-1].append(x)
        else:
            clusters.append([x])

    def holds(cluster: list[float], segs: list[tuple[float, str]]) -> bool:
        return any(cluster[0] <= x <= cluster[-1] for x, _ in segs)

    merged: list[list[float]] = []
    for cluster in clusters:
        if merged and not any(holds(merged[-1], segs) and holds(cluster, segs) for segs in lines):
            merged[-1] = merged[-1] + cluster
        else:
            merged.append(cluster)
    return [c[0] for c in merged]


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
    return despace(re.sub(rf"(?<={_CJK})\n(?={_CJK})", "", cell).replace("\n", " ").strip())
