"""The key-measures table of a county action plan (重点举措 · 帮扶单位 · 责任部门), columns found by header text.

Rules:

- The table is the one whose header has 重点举措 and 帮扶单位 or 责任部门. Section rows
  (一、产业合作领域 …) give the field of the rows below them; a measure is numbered by its section's
  numeral and its 序号 (五.4).
- Domains: the 重点举措 title's keywords decide; the section row's section_words are the fallback
  when the title names no field. The title goes first because the sections are broad (服务惠民 holds
  schools, hospitals and elderly care alike): 五.4 深化紧密型医共体… is healthcare, not welfare.
- The task columns are told apart by the years in their headers: the earliest is the first-year
  task list, the other the later-years plan; every such cell is also kept under its header text in
  the measure's `columns`. The plan period spans all years named in the header.
- 帮扶单位 and 责任部门 cells are lists (、，；), 等 dropped; a cell may span a blank line
  ("瓯海区\\n\\n、省街舞运动协会"). Relative names (县…, 市…) are qualified with the subject.
- Each 帮扶单位 supports the measure (SUPPORTS_MEASURE) and the subject county (SUPPORTS,
  mechanism named_support, with the measure's domains); each 责任部门 is RESPONSIBLE_FOR the measure.
"""

from __future__ import annotations

import re

from graph.model import (
    FOR,
    IN_DOMAIN,
    MEASURE,
    REGION,
    RESPONSIBLE_FOR,
    SUPPORTS_MEASURE,
    Evidence,
    Node,
    make_id,
)
from loaders.action_plan_outline import section_numeral
from loaders.action_plan_parties import Plan, entry_or_none, is_own, support
from loaders.action_plan_tables import audit_columns, cell_text, row_evidence, row_number
from loaders.base import Context, split_names
from loaders.tables import CellTable, Row

_TITLE = ("重点举措", "主要举措", "举措")
_TARGET = ("预期目标", "目标")
_SUPPORTERS = ("帮扶单位", "结对单位", "支持单位")
_RESPONSIBLE = ("责任部门", "责任单位", "牵头单位")


def is_measures(table: CellTable) -> bool:
    return table.column("重点举措") is not None and (
        table.column("帮扶单位") is not None or table.column("责任部门") is not None)


def _years(key: str) -> list[int]:
    return [int(y) for y in re.findall(r"\d{4}", key)]


def measure_domains(ctx: Context, section: str | None, title: str) -> list[str]:
    return ctx.domains_in(title) or ctx.domains_in(section or "", "section_words")


def load_measures(ctx: Context, plan: Plan, table: CellTable) -> list[str]:
    """Measure nodes with their supporters and responsible units; returns the measure ids."""
    keys = table.header_keys
    title_col = table.column(*_TITLE)
    target_col = table.column(*_TARGET)
    sup_col = table.column(*_SUPPORTERS)
    resp_col = table.column(*_RESPONSIBLE)
    taken = {0, title_col, target_col, sup_col, resp_col}
    task_cols = sorted((i for i in range(len(keys)) if i not in taken and _years(keys[i])),
                       key=lambda i: _years(keys[i]))
    audit_columns(ctx, table, taken | set(task_cols))
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
    for index, row in enumerate(table.rows, start=1):
        title = cell_text(row, title_col)
        sec = section_numeral(row.section)
        number = row_number(row, index)
        label = f"{sec}.{number}" if sec else number
        if not title:
            ctx.warn(f"L{row.line}", f"row {label} of {table.caption!r} has no 重点举措; skipped")
            continue
        if label in seen:
            ctx.warn(f"L{row.line}", f"row {label} repeats the row {label} of L{seen[label]}: read as the same "
                                     "measure, both rows kept as its evidence")
        seen.setdefault(label, row.line)
        domains = measure_domains(ctx, row.section, title)
        if not domains:
            ctx.warn(f"L{row.line}", f"measure {label} {title!r}: neither its title nor its section "
                                     "names a field in data/reference/domains.yaml")
        columns = {keys[i]: cell_text(row, i, "\n") for i in [target_col, *task_cols] if i is not None}
        measure_id = make_id(MEASURE, ctx.doc.id, sec, number)
        ev = row_evidence(ctx, table, label, row)
        ctx.node(Node(measure_id, MEASURE, title, {k: v for k, v in {
            "section": row.section, "number": number, "label": label, "kind": "key_measure",
            "target": cell_text(row, target_col, "\n") or None,
            "target_year": target_years[-1] if target_years else None,
            "tasks_first_year": cell_text(row, task_cols[0], "\n") if task_cols else None,
            "plan_later_years": cell_text(row, task_cols[-1], "\n") if len(task_cols) > 1 else None,
            "columns": columns, "period": period,
            "start_year": years[0] if years else None, "end_year": years[-1] if years else None,
            "domains": domains, "supporting_units": cell_text(row, sup_col) or None,
            "responsible_units": cell_text(row, resp_col) or None, "document": ctx.doc.id,
        }.items() if v not in (None, "")}, [ev]))
        ctx.fact("measures", measure_id)
        ids.append(measure_id)
        ctx.relate(FOR, measure_id, plan.subject.id, ev)
        for d in domains:
            ctx.relate(IN_DOMAIN, measure_id, d, ev)
        _supporters(ctx, plan, table, row, label, title, sup_col, measure_id, domains)
        _responsible(ctx, table, row, label, title, resp_col, measure_id)
    return ids


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
    for name in split_names(cell.text):
        party = ctx.party(name, f"L{cell.line}", role="supporter")
        if party is None:
            continue  # a generic role (结对科研机构), see overrides.yaml
        ctx.relate(SUPPORTS_MEASURE, party, measure_id, ev)
        entry = entry_or_none(ctx, party)
        if entry is not None and is_own(entry, plan.subject):
            ctx.warn(f"L{cell.line}", f"帮扶单位 {name!r} of measure {label} is the county's own; "
                                      "no SUPPORTS to the county")
            continue
        if entry is not None and entry.label == REGION:
            plan.partner_regions.add(party)
        plan.table_supporters.add(party)
        support(ctx, plan, party, ev, "named_support", domains)


def _responsible(ctx: Context, table: CellTable, row: Row, label: str, title: str, col: int | None,
                 measure_id: str) -> None:
    cell = row.get(col)
    if col is None or cell is None or not cell.clean:
        return
    ev = _cell_evidence(ctx, table, row, label, title, col)
    for name in split_names(cell.text):
        party = ctx.party(name, f"L{cell.line}", role="responsible unit")
        if party is not None:
            ctx.relate(RESPONSIBLE_FOR, party, measure_id, ev)


__all__ = ["is_measures", "load_measures", "measure_domains"]
