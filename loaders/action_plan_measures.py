"""The key-measures table of a county action plan (重点举措 · 帮扶单位 · 责任部门), columns found by header text.

Rules:

- The table is one whose header names a measure title (重点举措, 重点任务, 主要任务 … — the roles
  and words are in data/reference/headers.yaml, loaders/headers.py) and 帮扶单位 or 责任部门 (or
  their synonyms: 结对帮扶单位, 牵头单位 …). The title is the first measure-role column whose header
  names no year; a further measure-role column without a year (具体举措 beside 重点任务) is kept
  in the measure's `columns`. Section rows (一、产业合作领域 …) give the field of the rows below them;
  a field column (领域, 类别) does the same for its row, an empty cell taking the one above. A
  measure is numbered by its section's numeral and its 序号 (五.4).
- Domains: a field cell of the row's own (领域: 农业农村) decides; else the 重点举措 title's keywords;
  the section row's section_words are the fallback when the title names no field. The title goes
  before the section because the sections are broad (服务惠民 holds schools, hospitals and elderly
  care alike): 五.4 深化紧密型医共体… is healthcare, not welfare.
- The task columns are told apart by the years in their headers: the earliest is the first-year
  task list, the other the later-years plan; every such cell is also kept under its header text in
  the measure's `columns`. The plan period spans all years named in the header.
- 帮扶单位 and 责任部门 cells are lists (、，；), 等 dropped; a cell may span a blank line
  ("瓯海区\\n\\n、省街舞运动协会"). Relative names (县…, 市…) are qualified with the subject.
- Each 帮扶单位 supports the measure (SUPPORTS_MEASURE) and the subject county (SUPPORTS,
  mechanism named_support, with the measure's domains); each 责任部门 is RESPONSIBLE_FOR the measure
  (a 牵头单位 column or a （牵头） remark: lead=True; a 配合单位 column: role "co-operating"; when the
  plan says its lists put the lead first — 列第一位的为牵头单位 — the first unit of a 责任单位 cell
  leads and the others co-operate). With
  no responsible column, an owner column (实施单位, 实施主体) is read as the responsible one.
- A 帮扶单位 that names a tier rather than a party (结对经济强县, 省属国企) stands for the plan's own
  "1对4" partner(s) of that tier, once the text is read (action_plan_partners.resolve_roles); the
  evidence is the cell, noted layout-inferred. With no such partner in the plan: a warning.
"""

from __future__ import annotations

import re

from graph.model import (
    FOR,
    IN_DOMAIN,
    MEASURE,
    RESPONSIBLE_FOR,
    SUPPORTS_MEASURE,
    Evidence,
    Node,
    make_id,
    normalize,
)
from loaders.action_plan_outline import section_numeral
from loaders.action_plan_parties import Plan
from loaders.action_plan_tables import (
    audit_columns,
    cell_names,
    cell_text,
    read_supporter_cell,
    row_evidence,
    row_number,
)
from loaders.base import Context
from loaders.headers import Columns
from loaders.tables import CellTable, Row

_LEAD_WORDS = ("牵头",)
# A plan's own convention for its responsible-unit lists: "列第一位的为牵头单位", "排在首位的是牵头单位".
FIRST_IS_LEAD_RE = re.compile(r"(?:列|排|排列|位列)(?:在)?(?:第一位|首位|第一)的?(?:单位)?(?:为|是)牵头(?:单位|部门)")


def is_measures(table: CellTable) -> bool:
    return Columns(table.header_keys).kind == "measures"


def _years(key: str) -> list[int]:
    return [int(y) for y in re.findall(r"\d{4}", key)]


def measure_domains(ctx: Context, section: str | None, title: str) -> list[str]:
    return ctx.domains_in(title) or ctx.domains_in(section or "", "section_words")


def load_measures(ctx: Context, plan: Plan, table: CellTable) -> list[str]:
    """Measure nodes with their supporters and responsible units; returns the measure ids."""
    keys = table.header_keys
    cols = Columns(keys)
    title_col = cols.first("measure", years=False)
    target_col = cols.first("target")
    sup_col = cols.first("supporters")
    resp_col = cols.first("responsible", "owner")
    # A second responsible column (牵头单位 | 责任单位) names responsible units too.
    more_resp = [i for i in cols.all("responsible") if i != resp_col]
    co_cols = cols.all("co_responsible")
    first_is_lead = not co_cols and bool(FIRST_IS_LEAD_RE.search(re.sub(r"\s+", "", normalize(ctx.doc.text))))
    field_col = cols.first("field")
    number_col = cols.first("number")
    taken = {0, title_col, target_col, sup_col, resp_col, field_col, *co_cols, *more_resp}
    task_cols = sorted((i for i in range(len(keys)) if i not in taken and _years(keys[i])),
                       key=lambda i: _years(keys[i]))
    # Known roles the measure does not read on its own (具体举措 beside 重点任务, 完成时限) are kept
    # as columns; only a header of no known role is reported.
    extra_cols = [i for i, r in enumerate(cols.roles) if r and r != "number" and i not in taken
                  and i not in task_cols and i != number_col]
    audit_columns(ctx, table, taken | set(task_cols) | set(extra_cols) | {number_col})
    header_line = table.header[0].line if table.header else table.caption_line
    for col, what in ((sup_col, "帮扶单位 (supporting units)"), (resp_col, "责任部门 (responsible departments)")):
        if col is None:
            ctx.warn(f"L{header_line}", f"{table.caption or 'the key-measures table'!r} has no {what} column: "
                                        "its measures are loaded without them")
    seen: dict[str, int] = {}
    years = sorted({y for k in keys for y in _years(k)})
    period = f"{years[0]}-{years[-1]}" if years else None
    target_years = _years(keys[target_col]) if target_col is not None else []
    ids = []
    field_above = ""
    for index, row in enumerate(table.rows, start=1):
        title = cell_text(row, title_col)
        field_above = cell_text(row, field_col) or field_above
        section = row.section or (field_above or None)
        sec = section_numeral(row.section) if row.section else _field_numeral(field_above)
        number = row_number(row, index, number_col)
        label = f"{sec}.{number}" if sec else number
        if not title:
            ctx.warn(f"L{row.line}", f"row {label} of {table.caption!r} has no 重点举措; skipped")
            continue
        if label in seen:
            ctx.warn(f"L{row.line}", f"row {label} repeats the row {label} of L{seen[label]}: read as the same "
                                     "measure, both rows kept as its evidence")
        seen.setdefault(label, row.line)
        # A field cell of the row's own (领域: 农业农村) states that row's field: it goes before the title, which
        # only decides under a broad section row (五、服务惠民 over 深化紧密型医共体).
        own_field = cell_text(row, field_col)
        domains = (ctx.domains_in(own_field, "section_words") or ctx.domains_in(own_field)) if own_field else []
        domains = domains or measure_domains(ctx, section, title)
        if not domains:
            ctx.warn(f"L{row.line}", f"measure {label} {title!r}: neither its title nor its section "
                                     "names a field in data/reference/domains.yaml")
        columns = {keys[i]: cell_text(row, i, "\n") for i in [target_col, *task_cols, *extra_cols]
                   if i is not None and (i not in extra_cols or cell_text(row, i))}
        measure_id = make_id(MEASURE, ctx.doc.id, sec, number)
        ev = row_evidence(ctx, table, label, row)
        ctx.node(Node(measure_id, MEASURE, title, {k: v for k, v in {
            "section": section, "number": number, "label": label, "kind": "key_measure",
            "target": cell_text(row, target_col, "\n") or None,
            "target_year": target_years[-1] if target_years else None,
            "tasks_first_year": cell_text(row, task_cols[0], "\n") if task_cols else None,
            "plan_later_years": cell_text(row, task_cols[-1], "\n") if len(task_cols) > 1 else None,
            "columns": columns, "period": period,
            "start_year": years[0] if years else None, "end_year": years[-1] if years else None,
            "domains": domains, "supporting_units": cell_text(row, sup_col) or None,
            "responsible_units": cell_text(row, resp_col) or None, "document": ctx.doc.id,
            "co_responsible_units": "、".join(cell_text(row, c) for c in co_cols if cell_text(row, c)) or None,
        }.items() if v not in (None, "")}, [ev]))
        ctx.fact("measures", measure_id)
        ids.append(measure_id)
        ctx.relate(FOR, measure_id, plan.subject.id, ev)
        for d in domains:
            ctx.relate(IN_DOMAIN, measure_id, d, ev)
        _supporters(ctx, plan, table, row, label, title, sup_col, measure_id, domains)
        lead = resp_col is not None and any(w in keys[resp_col] for w in _LEAD_WORDS)
        _responsible(ctx, table, row, label, title, resp_col, measure_id, lead=True if lead else None,
                     first_is_lead=first_is_lead and not lead)
        for col in more_resp:
            _responsible(ctx, table, row, label, title, col, measure_id)
        for col in co_cols:
            _responsible(ctx, table, row, label, title, col, measure_id, role="co-operating")
    return ids


def _field_numeral(field: str) -> str:
    """The label prefix a field cell gives its rows: 一 of 一、产业合作, else the field as written."""
    return section_numeral(field) if field else ""


def _cell_evidence(ctx: Context, table: CellTable, row: Row, label: str, title: str,
                   col: int) -> Evidence:
    cell = row.cells[col]
    # The quote carries the measure title so the cell reads on its own.
    return ctx.cell_evidence(table.caption or "table", label, table.header_keys[col], cell.line,
                             f"{title} … {cell.text.strip()}")


def _supporters(ctx: Context, plan: Plan, table: CellTable, row: Row, label: str, title: str,
                col: int | None, measure_id: str, domains: list[str]) -> None:
    cell = row.get(col)
    if col is None or cell is None or not cell.clean:
        return
    ev = _cell_evidence(ctx, table, row, label, title, col)
    read_supporter_cell(ctx, plan, cell, SUPPORTS_MEASURE, measure_id, ev, domains,
                        lambda name: f"帮扶单位 {name!r} of measure {label} is the county's own; "
                                     "no SUPPORTS to the county")


def _responsible(ctx: Context, table: CellTable, row: Row, label: str, title: str, col: int | None,
                 measure_id: str, first_is_lead: bool = False, **props: object) -> None:
    """RESPONSIBLE_FOR from one cell; with the plan's "列第一位的为牵头单位" convention the first unit
    leads and the others co-operate."""
    cell = row.get(col)
    if col is None or cell is None or not cell.clean:
        return
    ev = _cell_evidence(ctx, table, row, label, title, col)
    for i, (name, remark) in enumerate(cell_names(cell.text)):
        party = ctx.party(name, f"L{cell.line}", role="responsible unit")
        if party is not None:
            lead: dict[str, object] = {"lead": True} if any(w in remark for w in _LEAD_WORDS) else {}
            if first_is_lead:
                lead = {"lead": True} if i == 0 else {"role": "co-operating"}
            ctx.relate(RESPONSIBLE_FOR, party, measure_id, ev, **{**props, **lead})


__all__ = ["is_measures", "load_measures", "measure_domains"]
