"""Pairing tables read by their columns: a supported county per row and one column per kind of partner.

The 2021 annex (受援地 … 支援地 with shifting cells) is loaders/pairing_table.py. This reads the
clean tables other documents and attachments use — a DOCX/XLSX table, or text with one row per line
and cells separated by tabs — whatever their header words and column order, e.g.

    序号 | 山区海岛县 | 联系省领导 | 省级部门 | 结对经济强县 | 省属国企 | 社会力量
    序号 | 设区市 | 受援县（市、区） | 支援县（市、区）

Rules (the header words are in data/reference/headers.yaml, roles `recipient_place` … `leader`, and
what each partner column means in `pairing_tiers`):

1. A header is a line with at least two tab-separated cells naming a partner column and the
   supported county's column (a county plan's own partners table, without a county column, is the
   action plan reader's: loaders/action_plan_partners.py). A header line whose cells name partner columns but no county
   column takes the empty or unrecognised cells from the tabbed line above it (a two-line header:
   山区县 | 结对帮扶力量 over | 经济强县 | 省属国企).
2. Every following line with a tab is a row; blank lines and page furniture are skipped, a line that
   repeats the header is skipped, and the first other line ends the table.
3. A row's county cell names the supported county (a region of data/reference). An empty county cell
   continues the county of the row above (a merged cell as text), and the evidence says so. A county
   cell that names no known region is reported and its row is skipped; so is a row whose county is
   not a mountain county in regions.yaml only when nothing else about it is odd — it is reported but
   read (the table says so).
4. Each partner cell lists names (、，；/ or line breaks). A name in a county or city column must
   be a region; in a department, SOE or social column it is an organisation (one not in
   data/reference is added with a warning, as everywhere). Each becomes a SUPPORTS of the county
   with that column's mechanism, quoting the row.
5. The `leader` column names people (省领导), who are no parties of the graph: it is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.gazetteer import is_mountain
from graph.model import REGION, SUPPORTS, LoadResult, normalize
from graph.reference import Entry
from loaders.base import Context, SourceDocument, split_names
from loaders.headers import Tier, Vocabulary, header_key, pairing_tiers, vocabulary
from loaders.tables import FURNITURE_RE

KIND = "pairing_matrix"
TABLE_KIND = "pairing_matrix"  # the table kind of headers.yaml this reads
RECIPIENT = "recipient_place"
RECIPIENT_CITY = "recipient_city"
_LEGACY_RE = re.compile(r"受援地.*支援地")  # the 2021 annex layout: loaders/pairing_table.py reads it


@dataclass
class Header:
    line: int  # 1-based
    keys: list[str]
    roles: list[str | None]

    def columns(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]

    def partner_columns(self, known: dict[str, Tier]) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r in known]


def _cells(line: str) -> list[str]:
    return line.rstrip("\r\n").split("\t")


def find_header(lines: list[str], i: int, vocab: Vocabulary, known: dict[str, Tier]) -> Header | None:
    """The header starting the table at line index i (rule 1), or None."""
    cells = _cells(lines[i])
    if len(cells) < 2:
        return None
    keys = [header_key(c) for c in cells]
    roles = vocab.roles_of(keys)
    if not any(r in known for r in roles):
        return None
    if RECIPIENT not in roles and i > 0 and "\t" in lines[i - 1]:
        above = [header_key(c) for c in _cells(lines[i - 1])]
        merged = [k if r else (above[j] if j < len(above) else k) for j, (k, r) in enumerate(zip(keys, roles,
                                                                                            strict=True))]
        merged_roles = vocab.roles_of(merged)
        if RECIPIENT in merged_roles:
            keys, roles = merged, [r or m for r, m in zip(roles, merged_roles, strict=True)]
    if RECIPIENT not in roles:
        return None
    return Header(i + 1, keys, roles)


def _headers(text: str) -> list[Header]:
    vocab, known = vocabulary(), pairing_tiers()
    lines = text.split("\n")
    return [h for i, line in enumerate(lines) if "\t" in line and not _LEGACY_RE.search(line)
            for h in [find_header(lines, i, vocab, known)] if h is not None]


def detect(text: str) -> bool:
    """A pairing table with a county column and a partner column (rule 1)."""
    if any(_LEGACY_RE.search(line) and "\t" in line for line in text.split("\n")):
        return False
    return bool(_headers(text))


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    lines = doc.lines
    known = pairing_tiers()
    for header in _headers("\n".join(lines)):
        _read_table(ctx, lines, header, known)
    return ctx.result


def _read_table(ctx: Context, lines: list[str], header: Header, known: dict[str, Tier]) -> None:
    county_col = header.columns(RECIPIENT)[0]
    partner_cols = header.partner_columns(known)
    county: tuple[Entry, int] | None = None
    header_keys = header.keys
    for idx in range(header.line, len(lines)):
        raw = lines[idx]
        lineno = idx + 1
        text = normalize(raw)
        if not text or FURNITURE_RE.match(text):
            continue
        if "\t" not in raw:
            break
        cells = _cells(raw)
        if [header_key(c) for c in cells] == header_keys:
            continue  # the header repeated after a page break
        inherited = False
        name = normalize(cells[county_col]) if county_col < len(cells) else ""
        if name:
            entry = ctx.region(name)
            if entry is None or entry.label != REGION:
                ctx.warn(f"L{lineno}", f"pairing table row names no known county in its "
                                       f"{header.keys[county_col]} column: {name!r}; row not read")
                county = None
                continue
            if not is_mountain(entry):
                ctx.warn(f"L{lineno}", f"{entry.name} in the {header.keys[county_col]} column is not a "
                                       "mountain county in regions.yaml; read as the table states it")
            county = (entry, lineno)
        elif county is not None:
            inherited = True
        if county is None:
            continue
        recipient, from_line = county
        for col in partner_cols:
            cell = cells[col] if col < len(cells) else ""
            for name in split_names(cell):
                _link(ctx, recipient, name, known[str(header.roles[col])], header.keys[col], raw, lineno,
                      from_line if inherited else None)


def _link(ctx: Context, recipient: Entry, name: str, tier: Tier, column: str, raw: str, lineno: int,
          inherited_from: int | None) -> None:
    locator = f"L{lineno}"
    if tier.party == "region":
        entry = ctx.region(name)
        if entry is None:
            ctx.warn(locator, f"{name!r} in the {column} column is not a known region; not read")
            return
        party, level = entry.id, str(entry.props.get("level") or "county")
        mechanism = "city_pairing" if level == "city" else tier.mechanism
    else:
        found = ctx.party(name, locator)
        if found is None:
            return
        party, level, mechanism = found, "organization", tier.mechanism
    if party == recipient.id:
        return
    note = (f"layout-inferred: empty county cell, read as continuing the county of L{inherited_from}"
            if inherited_from else None)
    ev = ctx.cell_evidence("pairing table", str(lineno), column, lineno, raw.strip(), note)
    ctx.relate(SUPPORTS, party, recipient.id, ev, level=level, mechanism=mechanism, round=ctx.doc.round,
               layout_inferred=bool(note) or None)


__all__ = ["KIND", "TABLE_KIND", "detect", "find_header", "load"]
