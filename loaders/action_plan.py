"""County action plans (山海协作结对帮扶三年行动计划): targets, major projects, key measures, "1对4" partners.

A document is an action plan when it has a key-measures or a major-projects table — a header that
names the roles of such a table in the vocabulary of data/reference/headers.yaml (重点任务 +
结对帮扶单位, 项目名称 + 总投资 …), in either table layout — when it names the "1对4" pairing
mechanism (1对4, 一对四), or when one of its first lines is a county's 山海协作/结对帮扶 plan title
(…县山海协作…行动方案, 关于印发《…》的通知) — never by its file name. What is read, and by which rules:

- the subject county: `subject` in sources.yaml when given, else the mountain county named most
  often in the title and first lines (loaders/action_plan_parties.py); relative unit names
  (县发改局, 市楠溪江旅发中心) are qualified with it;
- the tables, told apart by what their headers mean (loaders/headers.py; readers in
  loaders/action_plan_tables.py, loaders/action_plan_measures.py; layouts in loaders/tables.py and
  loaders/row_layout.py, tables split across pages joined); a table of no known kind is reported,
  not dropped;
- the running text: "1对4" partners and supporters named in field paragraphs
  (loaders/action_plan_text.py; outline rules in loaders/action_plan_outline.py);
- pairs of institutions and of towns in any sentence (school with school, university with a county
  research institute, 镇与街道结对): the prose reader's rules, organisations and towns only (loaders/prose.py).
"""

from __future__ import annotations

import re

from graph.model import SUPPORTS, InputError, LoadResult, Node, normalize
from loaders import pairing_matrix
from loaders.action_plan_measures import is_measures, load_measures
from loaders.action_plan_outline import body_lines, paragraphs
from loaders.action_plan_parties import Plan, subject_from_text
from loaders.action_plan_partners import PartnerReader, resolve_roles
from loaders.action_plan_tables import attach_footnotes, is_projects, is_targets, load_projects, load_targets
from loaders.action_plan_text import load_text
from loaders.base import Context, SourceDocument
from loaders.headers import Columns, header_key, vocabulary
from loaders.prose import read_statements
from loaders.prose_text import prepare
from loaders.row_layout import parse_row_layout, spaced_cells
from loaders.site_records import read_prose
from loaders.tables import CellTable, header_candidates, parse_cell_tables

KIND = "action_plan"

_ONE_TO_FOUR_RE = re.compile(r"(?:1|一)\s*对\s*(?:4|四)(?![\d十百])")
# A county's plan title, the whole line: …县/市/区 … 山海协作/结对帮扶 … 行动计划/方案 (also as
# 关于印发《…》的通知). A news headline about such a plan (签订, 出台 …) is no plan, and a plan has an
# outline: at least two top-level headings (一、…).
_TITLE_RE = re.compile(r"^(?:关于印发)?《?[^《》]{0,20}[县市区][^《》]{0,30}(?:山海协作|结对帮扶)[^《》]{0,40}"
                       r"(?:行动计划|行动方案|实施方案|工作方案|三年计划)(?:\(\d{4}\s*[-—–至]\s*\d{4}年?\))?"
                       r"(?:》的通知)?$")
_NEWS_RE = re.compile(r"签订|签约|签署|出台|发布|启动|召开|举行|获批|印发实施")
_BYLINE_RE = re.compile(r"来源[:：]|记者|通讯员|发布时间|责任编辑|编辑[:：]|原标题")
_TOP_HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、\S")
_TITLE_LINES = 6


def is_plan_header(keys: list[str]) -> bool:
    # A pairing table of several counties (loaders/pairing_matrix.py) is no table of one county's plan.
    return vocabulary().kind(keys) not in (None, pairing_matrix.TABLE_KIND)


def detect(text: str) -> bool:
    vocab = vocabulary()
    lines = text.split("\n")
    if any(vocab.claims(vocab.kind(keys)) for keys in header_candidates(lines)):
        return True
    rows = ([header_key(c) for c in (line.split("\t") if "\t" in line.lstrip("\t") else spaced_cells(line))]
            for line in lines if "\t" in line.lstrip("\t") or len(spaced_cells(line)) >= 3)
    if any(vocab.claims(vocab.kind(keys)) for keys in rows):
        return True
    if pairing_matrix.detect(text):
        return False  # a "1对4" arrangement for several counties names the mechanism but is no county's plan
    first = [re.sub(r"\s+", "", normalize(line)) for line in lines if line.strip()][:_TITLE_LINES]
    titled = any(_TITLE_RE.match(line) and not _NEWS_RE.search(line) for line in first)
    headings = sum(bool(_TOP_HEADING_RE.match(normalize(line))) for line in lines)
    if not titled and any(_BYLINE_RE.search(line) for line in first):
        return False  # a report with a byline (来源：…, 记者 …) numbering its items 一、二、… is news, not a plan
    # "1对4" names the mechanism; a news report says it too ("用好“1对4”结对机制"). Only a text laid out as
    # a plan — a plan's title, or an outline of 一、二、… headings — is a plan because of it.
    if _ONE_TO_FOUR_RE.search(normalize(text)) and (titled or headings >= 2):
        return True
    return titled and headings >= 2


def plan_tables(doc: SourceDocument) -> list[CellTable]:
    """Every table of the plan, in both layouts, in document order."""
    tables = parse_cell_tables(doc.text, doc.path, is_plan_header)
    tables += parse_row_layout(doc.text, doc.path, is_plan_header)
    return sorted(tables, key=lambda t: t.header[0].line if t.header else t.caption_line)


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
    tables = plan_tables(doc)
    indicators: dict[str, Node] = {}
    # Measures first: their 帮扶单位 cells name the partner regions the running text may mention.
    for table in tables:
        for line in table.unread:
            ctx.warn(f"L{line}", f"row of the space-aligned table {table.caption!r} has another number of cells "
                                 "than its header (an empty or wrapped cell): not read")
    for table in sorted(tables, key=lambda t: not is_measures(t)):
        if is_measures(table):
            load_measures(ctx, plan, table)
        elif is_projects(table):
            load_projects(ctx, plan, table)
        elif is_targets(table):
            indicators.update(load_targets(ctx, plan, table))
        elif Columns(table.header_keys).kind in ("partners", "partner_columns"):
            PartnerReader(ctx, plan).table(table)
        else:
            ctx.warn(f"L{table.caption_line or table.header[0].line}",
                     f"table {table.caption!r} is of no kind the action_plan loader knows; not read")
    attach_footnotes(ctx, indicators)
    spans = [(t.header[0].line, t.rows[-1].last_line if t.rows else t.header[-1].line) for t in tables]
    body = body_lines(doc.lines, spans)
    load_text(ctx, plan, paragraphs(body), body)
    read_statements(doc, ctx, orgs_only=True)  # school, hospital, town pairs: the prose reader's rules
    read_prose(ctx, prepare(doc.text))  # enclave and park sites: loaders/sites.py
    resolve_roles(ctx, plan)
    _kinds_from_tiers(ctx)
    return ctx.result


# An organisation the reference lacks gets its kind guessed from its name (省能源集团 → enterprise);
# named as the "1对4" 国企 it is a provincial SOE, which is what "which SOEs support X" asks for.
_TIER_KINDS = {"soe_pairing": "soe"}


def _kinds_from_tiers(ctx: Context) -> None:
    kinds = {r.source: _TIER_KINDS[r.props["mechanism"]] for r in ctx.result.relations
             if r.type == SUPPORTS and r.props.get("mechanism") in _TIER_KINDS}
    for node in ctx.result.nodes:
        if node.props.get("unlisted") and node.id in kinds:
            node.props["kind"] = kinds[node.id]
