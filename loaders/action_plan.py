"""County action plans (山海协作结对帮扶三年行动计划): targets, major projects, key measures, "1对4" partners.

A document is an action plan when it has a key-measures table (header cells 重点举措 and 帮扶单位),
a major-projects table (项目代码 and 建设性质), or names the "1对4" pairing mechanism — never
by its file name. What is read, and by which rules:

- the subject county: `subject` in sources.yaml when given, else the mountain county named most
  often in the title and first lines (loaders/action_plan_parties.py); relative unit names
  (县发改局, 市楠溪江旅发中心) are qualified with it;
- the cell tables, told apart by header text (loaders/action_plan_tables.py,
  loaders/action_plan_measures.py; cell layout in loaders/tables.py); a table of no known kind is
  reported, not dropped;
- the running text: "1对4" partners and supporters named in field paragraphs
  (loaders/action_plan_text.py; outline rules in loaders/action_plan_outline.py);
- pairs of institutions and of towns in any sentence (school with school, university with a county
  research institute, 镇与街道结对): the prose reader's rules, organisations and towns only (loaders/prose.py).
"""

from __future__ import annotations

import re

from graph.model import InputError, LoadResult, Node, normalize
from loaders.action_plan_measures import is_measures, load_measures
from loaders.action_plan_outline import body_lines, paragraphs
from loaders.action_plan_parties import Plan, subject_from_text
from loaders.action_plan_tables import attach_footnotes, is_projects, is_targets, load_projects, load_targets
from loaders.action_plan_text import load_text
from loaders.base import Context, SourceDocument
from loaders.prose import read_statements
from loaders.tables import parse_cell_tables

KIND = "action_plan"

_ONE_TO_FOUR_RE = re.compile(r"1\s*对\s*4")
_SIGNATURES = ({"重点举措", "帮扶单位"}, {"重点举措", "责任部门"}, {"项目代码", "建设性质"})


def detect(text: str) -> bool:
    cells = {re.sub(r"\s+", "", normalize(line)) for line in text.split("\n") if line.startswith("\t")}
    if any(sig <= cells for sig in _SIGNATURES):
        return True
    return bool(_ONE_TO_FOUR_RE.search(normalize(text)))


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    if ctx.subject is None:
        if doc.meta.get("subject"):
            ctx.warn("meta", f"subject {doc.meta['subject']!r} of sources.yaml is not a known region; "
                             "taking the county from the text")
        ctx.subject = subject_from_text(ctx, doc.lines, doc.meta.get("title"))
        if ctx.subject is None:
            raise InputError(doc.path, None, "cannot tell which county this action plan is about: no "
                                             "mountain county in its title or text; set `subject` in "
                                             "sources.yaml")
    plan = Plan(ctx.subject)
    tables = parse_cell_tables(doc.text, doc.path)
    indicators: dict[str, Node] = {}
    # Measures first: their 帮扶单位 cells name the partner regions the running text may mention.
    for table in sorted(tables, key=lambda t: not is_measures(t)):
        if is_measures(table):
            load_measures(ctx, plan, table)
        elif is_projects(table):
            load_projects(ctx, plan, table)
        elif is_targets(table):
            indicators.update(load_targets(ctx, plan, table))
        else:
            ctx.warn(f"L{table.caption_line or table.header[0].line}",
                     f"table {table.caption!r} is of no kind the action_plan loader knows; not read")
    attach_footnotes(ctx, indicators)
    spans = [(t.header[0].line, t.rows[-1].last_line if t.rows else t.header[-1].line) for t in tables]
    load_text(ctx, plan, paragraphs(body_lines(doc.lines, spans)))
    read_statements(doc, ctx, orgs_only=True)  # school, hospital, town pairs: the prose reader's rules
    return ctx.result
