"""Municipal implementation opinions (实施意见): the park investment-plan table and the 责任分解表.

Both annex tables are row tables (one line per row, see loaders/row_tables.py). Rules:

- Subject: the document's `subject` in sources.yaml, else the issuer at the head of the text
  ("<region>人民政府…" within the first 15 non-blank lines). Relative units (市招商局) are
  qualified with it; the 责任分解表's measures are FOR it.
- Park table (a column headed 产业园名称): each row is one park named "<county>-<county>"
  (永嘉 -瓯海). Both names go through the gazetteer; the mountain county hosts the park (if neither
  or both are mountain counties, the first name hosts it and a warning says so), the other is its
  partner. The park's type comes from the caption without its year range (2018-2020 年生态旅游文化
  产业园投资计划表 → 生态旅游文化产业园); the park is named "<as written>-<as written><type>".
  Its field comes from the words of its type before 产业园 (every park is an 产业园, so that word
  says nothing about the field). Year groups of the two-line header ("2018 年度政府性 投资计划
  (万元)" over 项目数/计划总投资/计划完成数) become one `investment_plan` entry each, with the
  unit from the group label as key suffix (_wan for 万元). The partner SUPPORTS the host county
  (county_pairing, the 市域内对 pairing the park stands for) and co-builds the park.
- 责任分解表 (columns 任务, 事项, 责任单位): every numbered 事项 (1. …) is one Measure. Rows with
  empty 序号/任务 cells continue the task above; an empty 责任单位 cell means the units of the row
  above apply — the evidence then quotes both rows and says so. The measure's name is the first
  sentence of the 事项, or that sentence's first clause when the sentence is over 30 characters.
- The （责任单位：…） notes of the body text restate the 责任分解表 and are not read here.
- Body paragraphs (lines without tabs): enclave and co-built park sites by the rules of loaders/sites.py
  (位于鹿城区七都街道的鹿城—泰顺“飞地”总部经济园区 → a Project of kind enclave, and SUPPORTS via enclave).
"""

from __future__ import annotations

import re
from typing import Any

from graph.gazetteer import is_mountain
from graph.model import (
    BENEFITS,
    FOR,
    IN_DOMAIN,
    LOCATED_IN,
    MEASURE,
    PROJECT,
    RESPONSIBLE_FOR,
    SUPPORTS,
    SUPPORTS_PROJECT,
    InputError,
    LoadResult,
    Node,
    make_id,
    normalize,
)
from graph.reference import Entry
from loaders.base import Context, SourceDocument
from loaders.responsible_units import split_units
from loaders.row_tables import RowTable, TableRow, parse_row_tables
from loaders.site_records import read_lines

KIND = "municipal_opinions"

_ISSUER_RE = re.compile(r"^(\S{2,12}?)人民政府")
_YEARS_RE = re.compile(r"^\d{4}\s*[-—–~至]\s*\d{4}\s*年度?")
_GROUP_RE = re.compile(r"(\d{4})年度?(.+?)投资计划\((.+?)\)")
_PAIR_SPLIT_RE = re.compile(r"\s*[-—–－~～]+\s*")
_ITEM_RE = re.compile(r"^(\d+)\s*[.．、]\s*")
_SUB_FIELDS = {"项目数": "projects", "计划总投资": "planned_total", "计划完成数": "planned_completion"}
_UNIT_SUFFIX = {"万元": "_wan", "亿元": "_yi", "元": "_yuan"}
_NAME_MAX = 30


def detect(text: str) -> bool:
    for line in text.split("\n"):
        keys = [re.sub(r"\s+", "", c) for c in line.split("\t")]
        if len(keys) < 2:
            continue
        if any("产业园名称" in k for k in keys):
            return True
        if all(any(w in k for k in keys) for w in ("任务", "事项", "责任单位")):
            return True
    return False


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    subject = _subject(doc, ctx)
    # The body's paragraphs (lines without tabs) are read for enclave and park sites only.
    read_lines(ctx, [(i, line) for i, line in enumerate(doc.lines, start=1) if line.strip() and "\t" not in line])
    for table in parse_row_tables(doc.text, doc.path):
        if table.column("产业园名称") is not None:
            _parks(doc, ctx, table)
        elif table.column("事项") is not None and table.column("责任单位") is not None:
            _tasks(doc, ctx, table, subject)
    return ctx.result


def _subject(doc: SourceDocument, ctx: Context) -> Entry | None:
    if ctx.subject is not None:
        return ctx.subject
    head = [line for line in doc.lines if line.strip()][:15]
    for line in head:
        m = _ISSUER_RE.match(normalize(line))
        entry = ctx.region(m.group(1)) if m else None
        if entry is not None:
            ctx.subject = entry  # qualifies 市… units of this document from here on
            return entry
    ctx.warn("L1", "no subject: sources.yaml gives none and no issuer '<region>人民政府' heads the text; "
                   "measures get no FOR region and 市… units stay unqualified")
    return None


def _number(text: str, path: str, line: int, column: str) -> int | float | None:
    value = re.sub(r"[\s,，]", "", text)
    if value in ("", "-", "—", "——", "/"):
        return None
    if re.fullmatch(r"\d+", value):
        return int(value)
    if re.fullmatch(r"\d*\.\d+", value):
        return float(value)
    raise InputError(path, line, f"column {column!r} should hold a number, not {text!r}")


# -- park investment plan ------------------------------------------------------------------------
def _plan_columns(table: RowTable) -> list[tuple[int, str, dict[str, int]]]:
    """(year, investment type, field → column) per year group of the two-line header."""
    groups: dict[str, tuple[int, str, dict[str, int]]] = {}
    for c, label in enumerate(table.groups):
        m = _GROUP_RE.search(label)
        field = _SUB_FIELDS.get(table.subs[c])
        if not m or not field:
            continue
        _, _, cols = groups.setdefault(label, (int(m.group(1)), m.group(2), {}))
        cols[field if field == "projects" else field + _UNIT_SUFFIX.get(m.group(3), "")] = c
    return list(groups.values())


def _parks(doc: SourceDocument, ctx: Context, table: RowTable) -> None:
    name_col, area_col, seq_col = table.column("产业园名称"), table.column("面积"), table.column("序号")
    caption = _YEARS_RE.sub("", table.caption)
    m = re.match(r"(.*?产业园)", caption)
    park_type = m.group(1) if m else "产业园"
    domains = ctx.domains_in(park_type.removesuffix("产业园"))
    area_key = "area_km2" if area_col is not None and re.search(r"km|平方公里", table.keys[area_col]) else "area"
    plan_cols = _plan_columns(table)
    for row in table.rows:
        seq = row.text(seq_col)
        loc = f"{table.caption}/row {seq or '?'} (L{row.line})"
        ev = ctx.cell_evidence(table.caption, seq or "?", None, row.line, row.raw.strip())
        parts = [re.sub(r"\s+", "", p) for p in _PAIR_SPLIT_RE.split(row.text(name_col)) if p.strip()]
        first, second = (ctx.region(parts[0]), ctx.region(parts[1])) if len(parts) == 2 else (None, None)
        if first is None or second is None:
            ctx.warn(loc, f"park name {row.text(name_col)!r} is not two known counties joined by '-'; row skipped")
            continue
        host, partner = (second, first) if is_mountain(second) and not is_mountain(first) else (first, second)
        if is_mountain(first) == is_mountain(second):
            ctx.warn(loc, f"cannot tell the host of {row.text(name_col)!r} (mountain flags equal); "
                          f"{host.name} is taken as host")
        plan = []
        for year, kind, cols in plan_cols:
            entry: dict[str, Any] = {"year": year, "type": kind}
            for field, c in cols.items():
                entry[field] = _number(row.text(c), doc.path, row.line, table.keys[c])
            plan.append(entry)
        props: dict[str, Any] = {"kind": "park", "park_type": park_type, "investment_plan": plan}
        if area_col is not None:
            props[area_key] = _number(row.text(area_col), doc.path, row.line, table.keys[area_col])
        name = f"{parts[0]}-{parts[1]}{park_type}"
        park = ctx.node(Node(make_id(PROJECT, name), PROJECT, name, props, [ev]))
        ctx.fact("park", park)
        ctx.relate(LOCATED_IN, park, host.id, ev)
        ctx.relate(BENEFITS, park, host.id, ev)
        ctx.relate(SUPPORTS_PROJECT, partner.id, park, ev, role="co-builder")
        ctx.relate(SUPPORTS, partner.id, host.id, ev, level="county", mechanism="county_pairing")
        for d in domains:
            ctx.relate(IN_DOMAIN, park, d, ev)


# -- 责任分解表 ------------------------------------------------------------------------------------
def _first_clause(text: str) -> str:
    sentence = re.split(r"[。；;]", text, maxsplit=1)[0].strip()
    if len(sentence) > _NAME_MAX:
        sentence = re.split(r"[，,]", sentence, maxsplit=1)[0].strip()
    return sentence


def _tasks(doc: SourceDocument, ctx: Context, table: RowTable, subject: Entry | None) -> None:
    seq_col, task_col = table.column("序号"), table.column("任务")
    item_col, unit_col = table.column("事项"), table.column("责任单位")
    assert item_col is not None and unit_col is not None
    table.fill_down(seq_col, task_col, unit_col)
    by_line = {row.line: row for row in table.rows}
    seen: set[tuple[str, str]] = set()
    for row in table.rows:
        item = row.text(item_col)
        if not item:
            if any(row.text(c) for c in range(table.width) if c not in row.inherited):
                ctx.warn(f"L{row.line}", "row without a 事项 cell ignored")
            continue
        task_no, task = row.text(seq_col), row.text(task_col)
        if not task_no and not task:
            raise InputError(doc.path, row.line, "事项 row has no 序号/任务 and no row above gives one")
        m = _ITEM_RE.match(item)
        if m is None:
            ctx.warn(f"L{row.line}", f"事项 {item[:20]!r} has no number; read as the next item of its task")
        item_no = m.group(1) if m else str(sum(1 for t, _ in seen if t == task_no) + 1)
        if (task_no, item_no) in seen:
            ctx.warn(f"L{row.line}", f"事项 {task_no}.{item_no} appears twice; the second is skipped")
            continue
        seen.add((task_no, item_no))
        body = item[m.end():] if m else item
        domains = ctx.domains_in(f"{task} {body}")
        ev = ctx.cell_evidence(table.caption, f"{task_no}.{item_no}", "事项", row.line, row.cells[item_col].strip())
        mid = ctx.node(Node(make_id(MEASURE, doc.id, task_no, item_no), MEASURE, _first_clause(body), {
            "task": task, "task_number": task_no, "item_number": item_no, "text": body, "domains": domains,
        }, [ev]))
        ctx.fact("measure", mid)
        if subject is not None:
            ctx.relate(FOR, mid, subject.id, ev)
        for d in domains:
            ctx.relate(IN_DOMAIN, mid, d, ev)
        _responsible(ctx, table, row, by_line, mid, f"{task_no}.{item_no}", unit_col)


def _responsible(ctx: Context, table: RowTable, row: TableRow, by_line: dict[int, TableRow], mid: str,
                 number: str, unit_col: int) -> None:
    src = row.inherited.get(unit_col)
    if src is None:
        ev = ctx.cell_evidence(table.caption, number, "责任单位", row.line, row.raw.strip())
    else:
        quote = f"{by_line[src].raw.strip()} … {row.raw.strip()}"
        ev = ctx.lines_evidence(row.line, quote=quote, locator=f"{table.caption}/row {number} (L{src}+L{row.line})",
                                note=f"layout-inferred: 责任单位 cell empty, the units of L{src} apply")
    for name in split_units(row.cells[unit_col]):
        pid = ctx.party(name, f"L{row.line}", role="responsible unit")
        if pid is not None:
            ctx.relate(RESPONSIBLE_FOR, pid, mid, ev)
