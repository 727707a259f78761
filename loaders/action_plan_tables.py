"""The targets table and the major-projects table of a county action plan (columns found by header text).

Rules:

- Targets table: a header with 指标名称 and year columns (2024年实际值, 2025年目标值 …). One Indicator
  per row, keyed by its name; the year columns are kept with their header text as keys and the cell
  text as values (a value is a statement of the plan, not a number to compute with).
- A footnote line (it starts with a footnote mark, which extraction often turns into U+FFFD) that
  contains an indicator's name is that indicator's footnote.
- Major-projects table: a header with 项目名称 and 项目代码 or 建设性质. The investment unit is read
  from the 总投资 header (亿元 or 万元) and converted to 亿元. A project's domain comes from its
  项目所属领域 cell (产业类 → industry, matched like a section row); only when that names no field
  do the name and 建设内容 decide.
- A header column the loader does not read is reported as a warning, never silently dropped.
"""

from __future__ import annotations

import re

from graph.model import (
    BENEFITS,
    FOR,
    IN_DOMAIN,
    INDICATOR,
    LOCATED_IN,
    OWNS,
    PROJECT,
    Evidence,
    Node,
    make_id,
    normalize,
)
from loaders.action_plan_parties import Plan
from loaders.base import Context
from loaders.tables import CellTable, Row

YEAR_RE = re.compile(r"(\d{4})\s*年")
FOOTNOTE_RE = re.compile(r"^[\ufffd*※①②③④⑤⑥⑦⑧⑨⑩]\s*")
NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")


def is_targets(table: CellTable) -> bool:
    return table.column("指标名称") is not None and any(YEAR_RE.search(k) for k in table.header_keys)


def is_projects(table: CellTable) -> bool:
    return table.column("项目名称") is not None and (
        table.column("项目代码") is not None or table.column("建设性质") is not None)


def row_number(row: Row, index: int) -> str:
    """序号 as written (1 / 1.), digits only; the row's position when the cell has none."""
    first = row.cells[0].clean if row.cells else ""
    digits = re.sub(r"\D", "", first)
    return digits or str(index)


def row_evidence(ctx: Context, table: CellTable, label: str, row: Row, note: str | None = None) -> Evidence:
    """The row's own lines, verbatim, located by table caption, row label and line."""
    quote = "\n".join(ctx.doc.lines[row.line - 1:row.last_line]).strip()
    return ctx.cell_evidence(table.caption or "table", label, None, row.line, quote, note)


def audit_columns(ctx: Context, table: CellTable, used: set[int | None]) -> None:
    for i, key in enumerate(table.header_keys):
        if i not in used and key != "序号":
            ctx.warn(f"{table.caption}/L{table.header[i].line}",
                     f"column {key!r} of table {table.caption!r} is not read by the action_plan loader")


def cell_text(row: Row, index: int | None, joiner: str = "") -> str:
    """A cell as written (full-width punctuation kept), its lines joined by `joiner`, blank lines dropped.

    Names and titles join with "" (a cell wraps mid-name); task lists keep their line breaks.
    """
    cell = row.get(index)
    if cell is None:
        return ""
    return joiner.join(part for part in (ln.strip() for ln in cell.text.split("\n")) if part)


# -- targets -----------------------------------------------------------------------------------------
def load_targets(ctx: Context, plan: Plan, table: CellTable) -> dict[str, Node]:
    """Indicator nodes, FOR → subject. Returns indicator name → node (for footnotes)."""
    name_col = table.column("指标名称")
    unit_col = table.column("单位")
    year_cols = [i for i, k in enumerate(table.header_keys) if YEAR_RE.search(k)]
    audit_columns(ctx, table, {name_col, unit_col, *year_cols})
    out: dict[str, Node] = {}
    for index, row in enumerate(table.rows, start=1):
        name = cell_text(row, name_col)
        number = row_number(row, index)
        if not name:
            ctx.warn(f"L{row.line}", f"row {number} of {table.caption!r} has no 指标名称; skipped")
            continue
        values = {table.header_keys[i]: cell_text(row, i) for i in year_cols if cell_text(row, i)}
        ev = row_evidence(ctx, table, number, row)
        node = Node(make_id(INDICATOR, ctx.doc.id, name), INDICATOR, name, _props(
            unit=cell_text(row, unit_col), values=values, document=ctx.doc.id, number=number,
            table=table.caption), [ev])
        ctx.node(node)
        ctx.relate(FOR, node.id, plan.subject.id, ev)
        ctx.fact("indicators", node.id)
        out[name] = node
    return out


def _props(**props: object) -> dict[str, object]:
    """Node properties without the empty ones (an empty cell is no statement)."""
    return {k: v for k, v in props.items() if v not in (None, "")}


def attach_footnotes(ctx: Context, indicators: dict[str, Node]) -> None:
    for lineno, raw in enumerate(ctx.doc.lines, start=1):
        if raw.startswith("\t") or not FOOTNOTE_RE.match(raw.strip()):
            continue
        text = FOOTNOTE_RE.sub("", raw.strip())
        for name, node in indicators.items():
            if normalize(name) in normalize(text):
                node.props["footnote"] = text
                node.evidence.append(ctx.lines_evidence(lineno, quote=text, note="footnote"))


# -- major projects ----------------------------------------------------------------------------------
_PROJECT_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称",),
    "code": ("项目代码",),
    "nature": ("建设性质",),
    "field": ("项目所属领域", "所属领域", "领域"),
    "period": ("建设周期", "建设年限", "起止年限"),
    "content": ("建设内容",),
    "investment": ("总投资", "计划投资"),
    "owner": ("责任单位", "业主单位", "建设单位", "实施主体"),
}


def _investment_factor(header: str) -> float | None:
    """Header unit → factor to 亿元."""
    if "亿元" in header:
        return 1.0
    if "万元" in header:
        return 1e-4
    return None


def load_projects(ctx: Context, plan: Plan, table: CellTable) -> None:
    cols = {key: table.column(*words) for key, words in _PROJECT_COLUMNS.items()}
    audit_columns(ctx, table, set(cols.values()))
    inv_col = cols["investment"]
    factor = _investment_factor(table.header_keys[inv_col]) if inv_col is not None else None
    if inv_col is not None and factor is None:
        ctx.warn(f"L{table.header[inv_col].line}", f"no unit (亿元/万元) in header "
                                                   f"{table.header_keys[inv_col]!r}; investments not read")
    for index, row in enumerate(table.rows, start=1):
        number = row_number(row, index)
        name = cell_text(row, cols["name"])
        if not name:
            ctx.warn(f"L{row.line}", f"row {number} of {table.caption!r} has no 项目名称; skipped")
            continue
        code = re.sub(r"\s+", "", normalize(cell_text(row, cols["code"])))
        ev = row_evidence(ctx, table, number, row)
        years = [int(y) for y in re.findall(r"\d{4}", normalize(cell_text(row, cols["period"])))]
        raw_inv = normalize(cell_text(row, inv_col))
        investment = None
        if raw_inv and factor is not None:
            if NUMBER_RE.match(raw_inv):
                investment = round(float(raw_inv) * factor, 6)
            else:
                ctx.warn(f"L{row.line}", f"investment {raw_inv!r} of project {name!r} is not a number")
        field_text = cell_text(row, cols["field"])
        content = cell_text(row, cols["content"], "\n")
        project_id = make_id(PROJECT, code) if code else make_id(PROJECT, name)
        ctx.node(Node(project_id, PROJECT, name, _props(
            code=code, nature=cell_text(row, cols["nature"]), field=field_text,
            period=cell_text(row, cols["period"]), start_year=years[0] if years else None,
            end_year=years[-1] if years else None, content=content, investment_yi=investment,
            kind="major_project", document=ctx.doc.id, number=number), [ev]))
        ctx.fact("projects", code or name)
        ctx.relate(LOCATED_IN, project_id, plan.subject.id, ev)
        ctx.relate(BENEFITS, project_id, plan.subject.id, ev)
        owner = cell_text(row, cols["owner"])
        if owner:
            owner_id = ctx.party(owner, f"L{row.line}", role="owner")
            if owner_id:
                ctx.relate(OWNS, owner_id, project_id, ev)
        else:
            ctx.warn(f"L{row.line}", f"project {name!r} has no 责任单位")
        domains = (ctx.domains_in(field_text, "section_words") or ctx.domains_in(field_text)
                   or ctx.domains_in(f"{name} {content}"))
        for d in domains:
            ctx.relate(IN_DOMAIN, project_id, d, ev)


__all__ = ["attach_footnotes", "audit_columns", "cell_text", "is_projects", "is_targets", "load_projects",
           "load_targets", "row_evidence", "row_number"]
