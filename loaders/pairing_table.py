"""Pairing tables (结对安排表): city-level pairings and the 经济强县 ↔ mountain county table.

The extracted text is mangled: county cells sit in shifting columns, row numbers are missing, and
some supporters stand on rows of their own. The table is therefore read by *what* each cell names
(via the gazetteer), not by *where* it stands:

- a cell naming a 设区市 followed on its row by a county sets the city context (受援地 city);
- a row with two or more counties: the first is a new recipient, the rest its supporters;
- a row with exactly one county is a further supporter of the current recipient. When that cell
  does not stand in the header's 支援地 column (e.g. 象山县, 杭州市滨江区 in the 受援地 column), or the
  row has no recipient of its own, the link is recorded as layout-inferred in its evidence note;
- in the city section, a row's cells are [序号, recipient city, supporter cities]; "内对关系：A、B"
  marks cities that pair their counties inside the city.
"""

from __future__ import annotations

import re

from graph.gazetteer import is_mountain
from graph.model import REGION, SUPPORTS, InputError, LoadResult, Node, normalize
from graph.reference import Entry
from loaders.base import Context, SourceDocument

KIND = "pairing_table"

_HEADER_RE = re.compile(r"受援地.*支援地")


def detect(text: str) -> bool:
    return any(_HEADER_RE.search(line) and "\t" in line for line in text.split("\n"))


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    lines = doc.lines
    start = next(i for i, line in enumerate(lines) if _HEADER_RE.search(line) and "\t" in line)
    supporter_col = _supporter_column(lines[start])
    recipient: tuple[Entry, int, str] | None = None  # (county, line, raw line)
    city_ctx: Entry | None = None
    for idx in range(start, len(lines)):
        raw = lines[idx]
        lineno = idx + 1
        text = normalize(raw)
        if not text:
            continue
        if "\t" not in raw:
            # A title between the tables (一、市结对安排关系 / 二、经济强县…) resets the recipient.
            recipient = None
            continue
        if _HEADER_RE.search(raw):
            supporter_col = _supporter_column(raw)
            continue
        cells = [(col, normalize(c)) for col, c in enumerate(raw.split("\t")) if normalize(c)]
        regions: list[tuple[int, Entry]] = []
        for col, cell in cells:
            if re.fullmatch(r"\d+", cell):
                continue
            if cell.startswith("内对关系"):
                _internal_pairing(ctx, cell, lineno, raw)
                continue
            for name in re.split(r"[、，,]", cell):
                entry = ctx.region(name)
                if entry is None:
                    raise InputError(doc.path, lineno, f"pairing table cell {name!r} is not a known region "
                                     "(add it to data/reference/regions.yaml if it is one)")
                regions.append((col, entry))
        if not regions:
            continue
        levels = [e.props.get("level") for _, e in regions]
        if levels[0] == "city" and all(lv == "city" for lv in levels) and len(regions) >= 2:
            _city_pairing(ctx, regions[0][1], [e for _, e in regions[1:]], lineno, raw)
            continue
        if levels[0] == "city":
            city_ctx = regions[0][1]
            regions = regions[1:]
        counties = [(col, e) for col, e in regions if e.props.get("level") == "county"]
        if len(counties) >= 2:
            rec = counties[0][1]
            if city_ctx is not None and rec.props.get("city") != city_ctx.name:
                ctx.warn(f"L{lineno}", f"{rec.name} is listed under {city_ctx.name} but belongs to "
                                       f"{rec.props.get('city')}")
            if not is_mountain(rec):
                ctx.warn(f"L{lineno}", f"recipient {rec.name} is not a mountain county in regions.yaml")
            recipient = (rec, lineno, raw)
            ctx.fact("county_pairing_recipient", rec.id)
            for col, sup in counties[1:]:
                _county_pairing(ctx, recipient, sup, lineno, raw, col, supporter_col, same_row=True)
        elif len(counties) == 1:
            col, sup = counties[0]
            if recipient is None:
                raise InputError(doc.path, lineno, f"supporter {sup.name} has no recipient county above it")
            if is_mountain(sup):
                ctx.warn(f"L{lineno}", f"{sup.name} stands alone on a row and is read as a supporter of "
                                       f"{recipient[0].name}, but it is a mountain county")
            _county_pairing(ctx, recipient, sup, lineno, raw, col, supporter_col, same_row=False)
    return ctx.result


def _supporter_column(header: str) -> int:
    cols = header.split("\t")
    return next(i for i, c in enumerate(cols) if "支援地" in c)


def _county_pairing(ctx: Context, recipient: tuple[Entry, int, str], sup: Entry, lineno: int, raw: str,
                    col: int, supporter_col: int, *, same_row: bool) -> None:
    rec, rec_line, rec_raw = recipient
    notes = []
    if not same_row:
        notes.append(f"layout-inferred: supporter on a row of its own (L{lineno}), read as continuing "
                     f"{rec.name} of L{rec_line}")
    if col != supporter_col:
        notes.append(f"cell stands in column {col}, not the 支援地 column {supporter_col}")
    quote = raw.strip() if same_row else f"{rec_raw.strip()} … {raw.strip()}"
    loc = f"county table/L{lineno}" if same_row else f"county table/L{rec_line}+L{lineno}"
    ev = ctx.lines_evidence(lineno, quote=quote, note="; ".join(notes) or None, locator=loc)
    ctx.fact("county_pairing_supporter", sup.id)
    ctx.relate(SUPPORTS, sup.id, rec.id, ev, level="county", mechanism="county_pairing",
               round=ctx.doc.round, layout_inferred=bool(notes) or None)


def _city_pairing(ctx: Context, rec: Entry, sups: list[Entry], lineno: int, raw: str) -> None:
    ev = ctx.lines_evidence(lineno, quote=raw.strip(), locator=f"city table/L{lineno}")
    for sup in sups:
        ctx.relate(SUPPORTS, sup.id, rec.id, ev, level="city", mechanism="city_pairing", round=ctx.doc.round)


def _internal_pairing(ctx: Context, cell: str, lineno: int, raw: str) -> None:
    """内对关系：温州市、金华市、台州市 — these cities pair mountain counties with their own districts."""
    names = re.split(r"[、，,]", cell.split("：", 1)[-1].split(":", 1)[-1])
    for name in names:
        entry = ctx.region(name)
        if entry is None or entry.label != REGION:
            ctx.warn(f"L{lineno}", f"unknown city {name!r} in 内对关系")
            continue
        ctx.fact("internal_pairing_city", entry.id)
        ev = ctx.lines_evidence(lineno, quote=raw.strip(), note="internal_pairing")
        ctx.node(Node(entry.id, REGION, entry.name, {"internal_pairing": True}, [ev]))
