"""Provincial plans for the 山区26县: county categories, 一县一业 industries, indicators, noted measures.

Rules:

- Target: the group region (level "group" in regions.yaml) named in the document's first five
  non-blank lines (its title); else the subject. Indicators and measures are FOR it, category
  members are MEMBER_OF it.
- Categories: every sentence "<category>（主要）包括A、B、…等N个…" — the category is the words ending
  in 类 right before 包括 (a leading 其中 dropped), the names run up to 等N个. Each name must be a
  county of the gazetteer (else a warning); it gets props {category} and MEMBER_OF the target, and a
  list whose length is not the stated N is a warning.
- 一县一业: in a sentence naming 一县一业, the list after 支持 up to 等 holds items
  "<county short name><industry>" (永嘉泵阀); each is split at its longest prefix that the gazetteer
  knows as a county. Items without one are warnings. The list "支持…等历史经典产业" is read the same way
  into the county's `classic_industry`, the item kept whole: a classic product's name holds its place
  (龙泉青瓷宝剑 → 龙泉市: 龙泉青瓷宝剑).
- Indicator tables (tab-led cells, loaders/tables.py; a column headed 指标): one Indicator per row,
  i.e. per (indicator, 类别). A row whose 序号 and 指标 cells are empty continues the indicator
  above; a row with an empty 序号 but its own 指标 (地表水… for the other category) is a new
  indicator under the same number. The unit is the name's trailing （…）; values are keyed by the
  header (2020年, 2025年, 年均增速, 属性), plain numbers as numbers, —— as null, the rest as written.
  The table's caption names the region the indicators are FOR (else the target).
- Measures: loaders/noted_measures.py.
"""

from __future__ import annotations

import re
from typing import Any

from graph.gazetteer import is_mountain
from graph.model import (
    FOR,
    INDICATOR,
    MEMBER_OF,
    REGION,
    Evidence,
    InputError,
    LoadResult,
    Node,
    make_id,
    normalize,
)
from graph.reference import Entry
from loaders.base import Context, SourceDocument
from loaders.noted_measures import load_noted_measures
from loaders.responsible_units import split_units
from loaders.tables import Cell, CellTable, parse_cell_tables

KIND = "provincial_plan"

_GROUP_TEXT_RE = re.compile(r"山区\s*26\s*县")
_NOTE_RE = re.compile(r"[（(]\s*责任单位\s*[：:]")
_CATEGORY_RE = re.compile(r"([^，,。；;、：:\s]+?类)(?:主要)?包括([^。；;]+?)等\s*(\d+)\s*个")
_INDUSTRY_RE = re.compile(r"支持([^。；;]+?)等")
# 支持龙泉青瓷宝剑、龙游宣纸、磐安五味…等历史经典产业: the same "<county><product>" list, under its own name.
_CLASSIC_RE = re.compile(r"支持([^。；;]+?)等历史经典产业")
_UNIT_RE = re.compile(r"\(([^()]+)\)\s*$")
_MIN_NOTES = 10  # "many" notes: a plan that assigns its tasks, not a text quoting one


def detect(text: str) -> bool:
    if not _GROUP_TEXT_RE.search(text):
        return False
    prose = [line for line in text.split("\n") if not line.startswith("\t")]
    return any(_CATEGORY_RE.search(line) for line in prose) or len(_NOTE_RE.findall(text)) >= _MIN_NOTES


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    target = _target(doc, ctx)
    for lineno, line in enumerate(doc.lines, 1):
        if line.startswith("\t"):
            continue
        for m in _CATEGORY_RE.finditer(line):
            _category(ctx, target, lineno, line, m)
        if "一县一业" in line:
            _industries(ctx, lineno, line)
        if "历史经典产业" in line:
            _industries(ctx, lineno, line, _CLASSIC_RE, "classic_industry", "历史经典产业")
    _indicators(doc, ctx, target)
    load_noted_measures(doc, ctx, target)
    return ctx.result


def _group_in(ctx: Context, text: str) -> Entry | None:
    for match in ctx.gazetteer.find_all(normalize(text), (REGION,)):
        if match.entry.props.get("level") == "group":
            return match.entry
    return None


def _target(doc: SourceDocument, ctx: Context) -> Entry | None:
    title = " ".join([line for line in doc.lines if line.strip()][:5])
    group = _group_in(ctx, title) or ctx.subject
    if group is None:
        ctx.warn("L1", "the title names no group region and sources.yaml gives no subject: "
                       "indicators and measures get no FOR region")
    return group


def _sentence_end(line: str, start: int) -> int:
    m = re.compile(r"[。；;]").search(line, start)
    return m.start() if m else len(line)


def _category(ctx: Context, target: Entry | None, lineno: int, line: str, m: re.Match[str]) -> None:
    category = re.sub(r"^其中", "", normalize(m.group(1)))
    names = split_units(m.group(2))
    ev = ctx.lines_evidence(lineno, quote=line[m.start():_sentence_end(line, m.end())].strip(), note="category")
    if len(names) != int(m.group(3)):
        ctx.warn(f"L{lineno}", f"{category} lists {len(names)} names but says 等{m.group(3)}个")
    for name in names:
        county = ctx.region(name)
        if county is None or county.props.get("level") != "county":
            ctx.warn(f"L{lineno}", f"{category} member {name!r} is not a county in data/reference; skipped")
            continue
        if not is_mountain(county):
            ctx.warn(f"L{lineno}", f"{category} member {county.name} is not a mountain county in regions.yaml")
        ctx.node(Node(county.id, REGION, county.name, {"category": category}, [ev]))
        ctx.fact("category", (county.id, category))
        if target is not None:
            ctx.relate(MEMBER_OF, county.id, target.id, ev)


def _county_prefix(ctx: Context, item: str) -> tuple[Entry, str] | None:
    for end in range(len(item) - 1, 1, -1):
        entry = ctx.region(item[:end])
        if entry is not None and entry.props.get("level") == "county":
            return entry, item[end:]
    return None


def _industries(ctx: Context, lineno: int, line: str, pattern: re.Pattern[str] = _INDUSTRY_RE,
                key: str = "industry", word: str = "一县一业") -> None:
    """The "<county><industry>" items a sentence naming `word` lists, each as the county's `key` property."""
    for sentence in re.finditer(r"[^。]+。?", line):
        at = sentence.group(0).find(word)
        m = pattern.search(sentence.group(0), max(at, 0) if pattern is _INDUSTRY_RE else 0) if at >= 0 else None
        if m is None:
            continue
        ev = ctx.lines_evidence(lineno, quote=sentence.group(0).strip(), note=key)
        for item in split_units(m.group(1)):
            found = _county_prefix(ctx, normalize(item))
            if found is None:
                ctx.warn(f"L{lineno}", f"{word} item {item!r} does not start with a known county name")
                continue
            county, industry = found
            if key != "industry":  # a classic product's name holds its place (龙泉青瓷宝剑, 青田石雕): kept whole
                industry = normalize(item)
            if not is_mountain(county):
                ctx.warn(f"L{lineno}", f"{word} county {county.name} is not a mountain county in regions.yaml")
            ctx.node(Node(county.id, REGION, county.name, {key: industry}, [ev]))
            ctx.fact(key, (county.id, industry))


def _value(text: str) -> Any:
    if not text or re.fullmatch(r"[-—–/]+", text):
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d*\.\d+", text):
        return float(text)
    return text


def _indicators(doc: SourceDocument, ctx: Context, target: Entry | None) -> None:
    for t_index, table in enumerate(parse_cell_tables(doc.text, doc.path), 1):
        if table.column("指标") is not None:
            _indicator_table(doc, ctx, table, t_index, _group_in(ctx, table.caption) or target)


def _indicator_table(doc: SourceDocument, ctx: Context, table: CellTable, t_index: int,
                     region: Entry | None) -> None:
    seq_col, ind_col, cat_col = table.column("序号"), table.column("指标"), table.column("类别")
    value_cols = [c for c in range(len(table.header)) if c not in (seq_col, ind_col, cat_col)]
    seq, indicator = "", None
    for row in table.rows:
        seq_cell, ind_cell, cat_cell = row.get(seq_col), row.get(ind_col), row.get(cat_col)
        seq = seq_cell.clean if seq_cell is not None and seq_cell.clean else seq
        continued = ind_cell is None or not ind_cell.clean
        if not continued:
            indicator = ind_cell
        if indicator is None:
            raise InputError(doc.path, row.line, f"row of '{table.caption}' has no 指标 and no indicator above it")
        name = indicator.clean.replace(" ", "")
        category = cat_cell.clean if cat_cell is not None else ""
        unit = _UNIT_RE.search(name)
        values = {table.header_keys[c]: _value(_clean(row.get(c))) for c in value_cols}
        ev = _row_evidence(ctx, table, row.line, row.last_line, seq, category, indicator if continued else None)
        iid = make_id(INDICATOR, doc.id, str(t_index), seq, category)
        ctx.node(Node(iid, INDICATOR, f"{name} · {category}" if category else name, {
            "indicator": name[:unit.start()] if unit else name, "category": category or None,
            "unit": unit.group(1) if unit else None, "values": values, "table": table.caption,
        }, [ev]))
        ctx.fact("indicator", iid)
        if region is not None:
            ctx.relate(FOR, iid, region.id, ev)


def _clean(cell: Cell | None) -> str:
    return cell.clean.replace(" ", "") if cell is not None else ""


def _row_evidence(ctx: Context, table: CellTable, first: int, last: int, seq: str, category: str,
                  continued_from: Cell | None) -> Evidence:
    locator = f"{table.caption}/row {seq} {category} (L{first})".replace("  ", " ")
    rows = "\n".join(ctx.doc.lines[first - 1:last]).strip()
    if continued_from is None:
        return ctx.lines_evidence(first, last, quote=rows, locator=locator)
    return ctx.lines_evidence(first, last, quote=f"{continued_from.text.strip()} … {rows}", locator=locator,
                              note=f"layout-inferred: 指标 cell empty, continues the indicator of "
                                   f"L{continued_from.line}")
