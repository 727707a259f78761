"""The targets table and the major-projects table of a county action plan (columns found by header text).

Rules:

- Targets table: a header with 指标名称 and year columns (2024年实际值, 2025年目标值 …). One Indicator
  per row, keyed by its name; the year columns are kept with their header text as keys and the cell
  text as values (a value is a statement of the plan, not a number to compute with).
- A footnote line (it starts with a footnote mark, which extraction often turns into U+FFFD) that
  contains an indicator's name is that indicator's footnote.
- Major-projects table: a header naming a project (项目名称, 项目, 工程名称) and one of code,
  nature, investment, owner, period, deadline (完成时限) or supporters (words in data/reference/headers.yaml). The
  investment unit is read from the investment header (亿元 or 万元), else from a 单位：万元 line
  just above the table, else from the cell itself, and converted to 亿元; a number is read with its
  thousands separators. A project's domain comes from its field cell (项目所属领域 产业类 →
  industry, matched like a section row); only when that names no field do the name and 建设内容
  decide. The owner is the owner column (业主单位, 实施主体 …), else the responsible one (责任单位); a cell
  listing several (县发改局、罗阳镇) names several owners.
  A location column (建设地点) that names a county-level region other than the subject places the
  project there (LOCATED_IN; a 飞地 built in the partner's county); the project always BENEFITS the
  subject. A supporters column (帮扶单位) makes each named party SUPPORTS_PROJECT (role supporter)
  and SUPPORTS the subject (named_support, with the project's domains); a cell naming a tier
  (经济强县) stands for the plan's partner of that tier, as in the key-measures table.
- A header column the loader does not read is reported as a warning, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.model import (
    BENEFITS,
    FOR,
    IN_DOMAIN,
    INDICATOR,
    LOCATED_IN,
    OWNS,
    PROJECT,
    REGION,
    SUPPORTS_PROJECT,
    Evidence,
    Node,
    make_id,
    normalize,
)
from loaders.action_plan_parties import Plan, entry_or_none, is_own, support
from loaders.action_plan_partners import tier_role
from loaders.base import Context, split_names
from loaders.headers import YEAR_RE, Columns, vocabulary
from loaders.tables import Cell, CellTable, Row

FOOTNOTE_RE = re.compile(r"^[\ufffd*※①②③④⑤⑥⑦⑧⑨⑩]\s*")
NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")
_UNIT_LINE_RE = re.compile(r"单位\s*[:：]\s*(亿元|万元)")
_CELL_UNIT_RE = re.compile(r"^([\d,，]+(?:\.\d+)?)\s*(亿元|万元)?$")


def is_targets(table: CellTable) -> bool:
    return Columns(table.header_keys).kind == "targets"


def is_projects(table: CellTable) -> bool:
    return Columns(table.header_keys).kind == "projects"


def row_number(row: Row, index: int, col: int | None = 0) -> str:
    """序号 as written (1 / 1.), digits only; the row's position when the cell has none or the table
    has no 序号 column (col None: a name's digits are no row number)."""
    cell = row.get(col)
    digits = re.sub(r"\D", "", cell.clean) if cell is not None else ""
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


def cell_names(text: str) -> list[tuple[str, str]]:
    """The names a 帮扶单位/责任部门 cell lists, each with its bracketed remark.

    Separators (、，；/ and spaces) inside brackets do not split; 等 is dropped; a bracketed part is
    taken off the name and returned as its remark ("县发改局（牵头）" → ("县发改局", "牵头"),
    "浙江大学医学院附属第一医院（浙医一院）" → the full name).
    """
    flat = normalize(text).replace("\n", "")
    out: list[tuple[str, str]] = []
    depth, start = 0, 0
    pieces = []
    for i, ch in enumerate(flat + "、"):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in "、，,；;/" or ch.isspace()):
            pieces.append(flat[start:i])
            start = i + 1
    for piece in pieces:
        remark = "".join(re.findall(r"\(([^()]*)\)", piece))
        name = re.sub(r"等$", "", re.sub(r"\([^()]*\)", "", piece).strip())
        if name:
            out.append((name, remark))
    return out


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
    cols = Columns(table.header_keys)
    name_col = cols.first("indicator")
    unit_col = cols.first("unit")
    year_cols = [i for i, k in enumerate(table.header_keys) if YEAR_RE.search(k)]
    audit_columns(ctx, table, {name_col, unit_col, *year_cols})
    out: dict[str, Node] = {}
    number_col = cols.first("number")
    for index, row in enumerate(table.rows, start=1):
        name = cell_text(row, name_col)
        number = row_number(row, index, number_col)
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
_PROJECT_ROLES = ("project", "code", "nature", "field", "period", "deadline", "content", "investment", "owner",
                  "responsible", "location", "supporters", "number")


def _unit_above(ctx: Context, table: CellTable) -> float | None:
    """A 单位：万元 line between the caption and the header (or the caption itself)."""
    first = table.header[0].line if table.header else 1
    for line in ctx.doc.lines[max(0, first - 4):first - 1]:
        m = _UNIT_LINE_RE.search(normalize(line))
        if m:
            return vocabulary().unit_factor(m.group(1))
    return None


def _investment(raw: str, factor: float | None) -> float | None:
    """The cell's number in 亿元: its own unit first, else the header's; None when not a number."""
    m = _CELL_UNIT_RE.match(re.sub(r"\s+", "", raw))
    if not m:
        return None
    own = vocabulary().unit_factor(m.group(2)) if m.group(2) else None
    if own is None and factor is None:
        return None
    return round(float(re.sub(r"[,，]", "", m.group(1))) * (own or factor or 1.0), 6)


def load_projects(ctx: Context, plan: Plan, table: CellTable) -> None:
    roles = Columns(table.header_keys)
    cols = {role: roles.first(role, years=False) for role in _PROJECT_ROLES}
    cols["owner"] = cols["owner"] if cols["owner"] is not None else cols["responsible"]
    audit_columns(ctx, table, set(cols.values()))
    inv_col = cols["investment"]
    factor = vocabulary().unit_factor(table.header_keys[inv_col]) if inv_col is not None else None
    factor = factor if factor is not None else _unit_above(ctx, table)
    if inv_col is not None and factor is None:
        ctx.warn(f"L{table.header[inv_col].line}", f"no unit (亿元/万元) in header "
                                                   f"{table.header_keys[inv_col]!r}; investments not read")
    for index, row in enumerate(table.rows, start=1):
        number = row_number(row, index, cols["number"])
        name = cell_text(row, cols["project"])
        if not name:
            ctx.warn(f"L{row.line}", f"row {number} of {table.caption!r} has no 项目名称; skipped")
            continue
        code = re.sub(r"\s+", "", normalize(cell_text(row, cols["code"])))
        ev = row_evidence(ctx, table, number, row)
        years = [int(y) for y in re.findall(r"\d{4}", normalize(cell_text(row, cols["period"])))]
        # A deadline (完成时限 2026年6月) ends the work; it says nothing of when the work starts.
        deadline = cell_text(row, cols["deadline"])
        due = [int(y) for y in re.findall(r"\d{4}", normalize(deadline))]
        raw_inv = normalize(cell_text(row, inv_col))
        investment = _investment(raw_inv, factor) if raw_inv else None
        if raw_inv and investment is None and factor is not None:
            ctx.warn(f"L{row.line}", f"investment {raw_inv!r} of project {name!r} is not a number")
        field_text = cell_text(row, cols["field"])
        content = cell_text(row, cols["content"], "\n")
        location = cell_text(row, cols["location"])
        project_id = make_id(PROJECT, code) if code else make_id(PROJECT, name)
        domains = (ctx.domains_in(field_text, "section_words") or ctx.domains_in(field_text)
                   or ctx.domains_in(f"{name} {content}"))
        ctx.node(Node(project_id, PROJECT, name, _props(
            code=code, nature=cell_text(row, cols["nature"]), field=field_text,
            period=cell_text(row, cols["period"]), start_year=years[0] if years else None,
            end_year=years[-1] if years else due[-1] if due else None, deadline=deadline,
            content=content, investment_yi=investment,
            location=location, kind="major_project", document=ctx.doc.id, number=number), [ev]))
        ctx.fact("projects", code or name)
        ctx.relate(LOCATED_IN, project_id, _site(ctx, plan, location), ev)
        ctx.relate(BENEFITS, project_id, plan.subject.id, ev)
        owner = cell_text(row, cols["owner"])
        if owner:
            for name in split_names(owner):  # "县发改局、罗阳镇": two units, each its own owner
                owner_id = ctx.party(name, f"L{row.line}", role="owner")
                if owner_id:
                    ctx.relate(OWNS, owner_id, project_id, ev)
        else:
            ctx.warn(f"L{row.line}", f"project {name!r} has no 责任单位")
        for d in domains:
            ctx.relate(IN_DOMAIN, project_id, d, ev)
        _project_supporters(ctx, plan, row, cols["supporters"], project_id, ev, domains)


def _site(ctx: Context, plan: Plan, location: str) -> str:
    """The county-level region a location cell names (not the subject's towns), else the subject."""
    for m in ctx.gazetteer.find_all(normalize(location), (REGION,)):
        if m.entry.props.get("level") == "county":
            return m.entry.id
    return plan.subject.id


def _project_supporters(ctx: Context, plan: Plan, row: Row, col: int | None, project_id: str,
                        ev: Evidence, domains: list[str]) -> None:
    cell = row.get(col)
    if col is not None and cell is not None and cell.clean:
        read_supporter_cell(ctx, plan, cell, SUPPORTS_PROJECT, project_id, ev, domains, None, role="supporter")


def read_supporter_cell(ctx: Context, plan: Plan, cell: Cell, rel_type: str, item_id: str, ev: Evidence,
                        domains: list[str], own_warning: Callable[[str], str] | None, **props: object) -> None:
    """A 帮扶单位 cell of a measure or project: each name supports the item (and so the county).

    A tier word (结对经济强县) stands for the plan's partner of that tier, settled later; a generic role
    is skipped; the county's own unit supports the item but not the county (`own_warning` says so).
    """
    for name, _ in cell_names(cell.text):
        tier = tier_role(ctx, name)
        if tier is not None:
            plan.role_cells.append((tier, rel_type, item_id, ev, domains))
            continue
        party = ctx.party(name, f"L{cell.line}", role="supporter")
        if party is None:
            continue  # a generic role (结对科研机构), see overrides.yaml
        ctx.relate(rel_type, party, item_id, ev, **props)
        entry = entry_or_none(ctx, party)
        if entry is not None and is_own(entry, plan.subject):
            if own_warning:
                ctx.warn(f"L{cell.line}", own_warning(name))
            continue
        if entry is not None and entry.label == REGION:
            plan.partner_regions.add(party)
        plan.table_supporters.add(party)
        support(ctx, plan, party, ev, "named_support", domains)


__all__ = ["attach_footnotes", "audit_columns", "cell_names", "cell_text", "is_projects", "is_targets", "load_projects",
           "load_targets", "read_supporter_cell", "row_evidence", "row_number"]
