"""The "1对4" partners of a county plan stated as a list or in a sentence, read by their tier words.

Rules (the numbered "1对1" paragraphs are loaders/action_plan_text.py rule 1; these read the rest):

1. Tiers and their words: 省领导/联系单位/联系部门 → leader_contact (organisations); 经济强县/结对县/
   强县 → county_pairing (county-level regions); 省属国企/国有企业/国企/省属企业 → soe_pairing
   (organisations); 社会力量/社会组织/社会团体 → social_pairing (organisations).
2. A statement is (a) a list line "LABEL：names" whose label (list marker 1. （一） - • ① dropped,
   at most 20 characters) names a tier or the partners as a whole (结对帮扶单位, 结对单位, 帮扶单位,
   1对4), e.g. "（二）经济强县：瑞安市", "- 省属国企：省海港集团"; or (b) a line that names the
   "1对4" mechanism (1对4, 一对四), from the sentence that names it to the line's end ("…健全“1对4”
   机制。由省领导…、经济强县瑞安市…结对帮扶"); only names the reference knows count there. Lines of
   the "1对1" paragraphs (loaders/action_plan_text.py rule 1) are not read again.
3. A statement splits into items at 、，；(outside brackets). An item takes the tier whose word
   it contains ("瑞安市（经济强县）", "经济强县为瑞安市"); an item with no tier word takes the tier
   of the item before it, or the label's. An item with several tier words splits at each.
4. The parties of an item: the names the gazetteer finds in it (a county-level region for
   county_pairing, an organisation otherwise); when it finds none, the item with its tier words,
   brackets and leading verbs (依托, 为 …) removed, cut at 等, when it ends like an organisation
   (厅, 集团, 医院, 基金会 …) — an unlisted organisation, with a warning. (b) An organisation the
   document names short (以下简称, or a full name with its short form in brackets) counts as known:
   its full or short form in an item, also inside a clause, is that party. Titles of people
   (副省长, 书记 …) name no organisation. Responsibility notes (县发改局) are cut out first; the
   subject and its own units never support it.
   (c) a sentence naming three or more tiers ("省领导联系单位为省水利厅，结对经济强县为瑞安市，结对
   省属国企为省海港集团") — only names the reference knows count there too.
5. Evidence is the line of the statement, verbatim.
6. A partners table (a header with a supporters column and neither a measure title nor a project:
   结对类型 | 结对单位) is read row by row: the row's tier word (in any other cell, or its section
   row) is the tier of the names in its supporters cell, read as a list (rule 3-4). A row with no
   tier, or with several, is reported.
7. A partners table with one column per tier (省领导联系部门 | 经济强县 | 省属国企 | 社会力量: the header
   words of headers.yaml `pairing_tiers`) is read cell by cell, each cell a list of its column's tier.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.model import ORGANIZATION, REGION, normalize
from loaders.action_plan_outline import notes_in
from loaders.action_plan_parties import Plan, is_own, support
from loaders.base import Context, guess_org_kind
from loaders.headers import Columns, pairing_tiers
from loaders.tables import CellTable

TIERS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"省领导|联系单位|联系部门"), "leader_contact", ORGANIZATION),
    (re.compile(r"经济强县|结对县|强县"), "county_pairing", REGION),
    (re.compile(r"省属国企|国有企业|省属企业|国企"), "soe_pairing", ORGANIZATION),
    (re.compile(r"社会力量|社会组织|社会团体"), "social_pairing", ORGANIZATION),
]
_ANY_TIER_RE = re.compile("|".join(p.pattern for p, _, _ in TIERS))
MECHANISMS = {mechanism for _, mechanism, _ in TIERS}
ONE_TO_FOUR_RE = re.compile(r"(?:1|一)\s*对\s*(?:4|四)(?![\d十百])")
_WHOLE_RE = re.compile(r"结对帮扶单位|结对单位|帮扶单位|帮扶力量")
_MARKER_RE = re.compile(r"^\s*(?:[-—•·●▪■◆*]+|[(（]?[\d一二三四五六七八九十]+[)）.、．]|[①-⑩])\s*")
_LABEL_MAX = 20
_NAME_MAX = 25
_MIN_TIERS = 3
_LABEL_LINE_RE = re.compile(r"^(.{1,26}?)[:：](.+)$")  # a label (with its list marker) and what it lists
_ITEM_SPLIT = "、，,；;"
_LISTING_BRACKET_RE = re.compile(r"[（(]([^（）()]*(?:[:：][^（）()]+|、[^（）()]+))[）)]")
_LEADING_RE = re.compile(r"^(?:由|为|是|有|包括|即|依托|依靠|借助|联合|联动|加强与|深化与|与|同|和|及|其中|"
                         r"分别为|分别是)+")
_PERSON_RE = re.compile(r"省长|书记|主席|常委|部长|厅长|主任|同志|领导")
_ORG_END_RE = re.compile(r"(基金会|院)$")
# What starts a clause, not a name: an item "助力永嘉发展壮大国有公司" ends like a firm but is none.
_VERB_START_RE = re.compile(r"^(推动|推进|加强|加快|深化|打造|建设|开展|召开|实施|促进|提升|构建|建立|健全|完善|支持|"
                            r"帮助|助力|引导|鼓励|组织|举办|共建|共享|落实|发挥|用好|强化|争取|做好|新增|形成|发展)")


# A provincial body or firm named in running text: 省 + a few characters + how such names end. Used
# only inside a "1对1" paragraph of its tier, for names the reference lacks (省能源集团, 省林业局).
_PROVINCIAL_NAME_RE = {
    "soe_pairing": re.compile(r"(?:浙江)?省[^\s，。、；：（）()“”\"等和与及]{1,10}?(?:集团|公司)"),
    "leader_contact": re.compile(r"(?:浙江)?省[^\s，。、；：（）()“”\"等和与及]{1,12}?"
                                 r"(?:厅|委员会|委|局|办公室|研究室|院)"),
}


def provincial_names(text: str, mechanism: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of provincial names in running text for a tier (see _PROVINCIAL_NAME_RE)."""
    pattern = _PROVINCIAL_NAME_RE.get(mechanism)
    out: list[tuple[int, int, str]] = []
    if pattern is None:
        return out
    for i, ch in enumerate(text):
        if ch != "省" or (out and i < out[-1][1]):
            continue
        start = i - 2 if text[max(0, i - 2):i] == "浙江" else i
        m = pattern.match(text, start)
        if m and not _ANY_TIER_RE.search(m.group(0)) and not _PERSON_RE.search(m.group(0)) \
                and "省级" not in m.group(0) and "省属" not in m.group(0):
            out.append((m.start(), m.end(), m.group(0)))
    return out


def _tiers_in(text: str) -> list[tuple[int, str, str]]:
    """(position, mechanism, label) of every tier word in text."""
    out = []
    for m in _ANY_TIER_RE.finditer(text):
        for pattern, mechanism, label in TIERS:
            if pattern.fullmatch(m.group(0)):
                out.append((m.start(), mechanism, label))
                break
    return out


_ROLE_FILLER_RE = re.compile(r"结对|帮扶|联系|各|相关|有关|的|等|单位|部门|力量|方面|资源|国资|省级|\(市、区\)|[()、]")


def tier_role(ctx: Context, name: str) -> str | None:
    """The mechanism a supporter cell's name stands for when it names a tier, not a party (经济强县,
    省属国企, 省领导联系单位, 结对社会力量); None for a name."""
    text = normalize(name)
    marks = {mech for _, mech, _ in _tiers_in(text)}
    if len(marks) != 1 or ctx.gazetteer.find_all(text):
        return None
    return marks.pop() if not _ROLE_FILLER_RE.sub("", _ANY_TIER_RE.sub("", text)) else None


def resolve_roles(ctx: Context, plan: Plan) -> None:
    """Supporter cells that name a tier take the plan's own partners of that tier (see Plan.role_cells)."""
    partners: dict[str, list[str]] = {}
    for r in ctx.result.relations:
        if r.type == "SUPPORTS" and r.target == plan.subject.id and r.props.get("mechanism") in MECHANISMS:
            partners.setdefault(r.props["mechanism"], [])
            if r.source not in partners[r.props["mechanism"]]:
                partners[r.props["mechanism"]].append(r.source)
    for mechanism, rel_type, target, ev, domains in plan.role_cells:
        found = partners.get(mechanism, [])
        if not found:
            ctx.warn(ev.locator, f"the supporter cell names the plan's {mechanism} partner, but the plan names "
                                 "none: not linked")
            continue
        inferred = replace(ev, note=f"layout-inferred: the cell names the tier; the plan's {mechanism} "
                                    "partner is taken")
        for party in found:
            props = {"role": "supporter"} if rel_type == "SUPPORTS_PROJECT" else {}
            ctx.relate(rel_type, party, target, inferred, **props)
            support(ctx, plan, party, inferred, "named_support", domains)


def _items(text: str) -> list[str]:
    """Split at list separators outside brackets (rule 3). A bracket that lists names, with or without
    a label (省领导联系点（联系部门：省林业局、省文旅厅）), gives its own items; one name in brackets is the
    short form of the name before it (浙江省机电集团有限公司（省机电集团）)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in _ITEM_SPLIT and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    items: list[str] = []
    for item in (x.strip() for x in out if x.strip()):
        m = _LISTING_BRACKET_RE.search(item)
        if m is None:
            items.append(item)
            continue
        rest = (item[:m.start()] + item[m.end():]).strip()
        items += ([rest] if rest else []) + _items(re.sub(r"^[^:：]{0,10}[:：]", "", m.group(1)))
    return items


def _unlisted_name(item: str) -> str | None:
    """Rule 4: what is left of an item when it is an organisation's name the reference lacks."""
    text = re.sub(r"[（(][^（）()]*[）)]", "", item)
    text = _ANY_TIER_RE.sub("", text)
    text = re.sub(r"^.*[:：]", "", text)
    text = _LEADING_RE.sub("", text.strip(" “”\"'：:。；;"))
    text = text.split("等")[0].strip(" “”\"'")
    if not text or len(text) > _NAME_MAX or _PERSON_RE.search(text) or _VERB_START_RE.match(text) \
            or re.search(r"[。！？]", text):
        return None
    if guess_org_kind(text) != "other" or _ORG_END_RE.search(text):
        return text
    return None


class PartnerReader:
    """Reads rule-2 statements of one plan into SUPPORTS with the tier's mechanism."""

    def __init__(self, ctx: Context, plan: Plan) -> None:
        self.ctx = ctx
        self.plan = plan

    def parties(self, item: str, label: str, line: int, unlisted: bool) -> list[str]:
        found = []
        for m in self.ctx.gazetteer.find_all(normalize(item), (label,)):
            e = m.entry
            if is_own(e, self.plan.subject) or (label == REGION and e.props.get("level") != "county"):
                continue
            found.append(e.id)
        if found or label == REGION:
            return found
        defined = self._defined(normalize(item), line)
        if defined or not unlisted:
            return defined
        name = _unlisted_name(normalize(item))
        if name and name.startswith(("县", "市", *self.plan.subject_names)):
            return []  # the county's own hospital or bureau is no partner of it
        party = self.ctx.party(name, f"L{line}", role="1对4 partner") if name else None
        return [party] if party else []

    def _defined(self, item: str, line: int) -> list[str]:
        """Rule 4b: organisations the document itself names short (以下简称, base.short_forms_in) are
        known to it: the item names one by its full or its short form, also inside a clause
        (发挥浙江省某集团有限公司（以下简称“省某集团”）在…的优势)."""
        out: list[str] = []
        text = re.sub(r"[（(][^（）()]*简称[^（）()]*[）)]", "", item)
        for name in sorted({*self.ctx.short_forms.values(), *self.ctx.short_forms}, key=len, reverse=True):
            if name in text:
                text = text.replace(name, " ")
                party = self.ctx.party(name, f"L{line}", role="1对4 partner")
                if party and party not in out:
                    out.append(party)
        return out

    def statement(self, line: int, raw: str, text: str, tier: tuple[str, str] | None, *,
                  unlisted: bool = True, locator: str | None = None) -> int:
        """Read one statement (text is a part of line `line`); returns how many links it made.

        `unlisted`: a name the reference lacks may be taken (rule 4) — in lists, not in sentences.
        """
        for a, b, _ in reversed(notes_in(line, text, self.plan.subject_names, self.ctx.generic_parties)):
            text = text[:a] + "、" + text[b:]
        made = 0
        ev = self.ctx.lines_evidence(line, quote=raw.strip(), locator=locator or f"L{line} (1对4 partners)")
        for item in _items(text):
            marks = _tiers_in(item)
            pieces = [(item, tier)] if not marks else [
                (item[(0 if k == 0 else pos):(marks[k + 1][0] if k + 1 < len(marks) else len(item))], (mech, lab))
                for k, (pos, mech, lab) in enumerate(marks)]
            for piece, piece_tier in pieces:
                if piece_tier is None:
                    continue
                mechanism, label = piece_tier
                for party in self.parties(piece, label, line, unlisted):
                    if label == REGION:
                        self.plan.partner_regions.add(party)
                    if support(self.ctx, self.plan, party, ev, mechanism):
                        self.ctx.fact(f"one_to_four_{mechanism}", party)
                        made += 1
            tier = pieces[-1][1] if marks else tier
        return made

    def line(self, line: int, raw: str) -> int:
        """Rule 2 on one body line."""
        text = normalize(raw)
        m = _LABEL_LINE_RE.match(text)
        if m:
            label = _MARKER_RE.sub("", m.group(1))
            marks = _tiers_in(label)
            if len(label) <= _LABEL_MAX and (marks or _WHOLE_RE.search(label) or ONE_TO_FOUR_RE.search(label)):
                tier = (marks[0][1], marks[0][2]) if len({x[1] for x in marks}) == 1 else None
                cut = raw.find("：") if "：" in raw else raw.find(":")
                return self.statement(line, raw, normalize(raw[cut + 1:]), tier)
        m4 = ONE_TO_FOUR_RE.search(text)
        if m4:
            # From the sentence that names the mechanism to the end of the line: "…1对4…机制。由省领导…"
            start = max(text.rfind(c, 0, m4.start()) for c in "。！？") + 1
            return self.statement(line, raw, text[start:], None, unlisted=False)
        return sum(self.statement(line, raw, s, None, unlisted=False) for s in re.split(r"[。！？]", text)
                   if len({mech for _, mech, _ in _tiers_in(s)}) >= _MIN_TIERS)

    def table(self, table: CellTable) -> None:
        """Rule 6."""
        columns = Columns(table.header_keys)
        col = columns.first("supporters")
        if col is None:
            self._tier_columns(table, columns)
            return
        for row in table.rows:
            cell = row.get(col)
            if col is None or cell is None or not cell.clean:
                continue
            others = " ".join(c.clean for i, c in enumerate(row.cells) if i != col) + f" {row.section or ''}"
            tiers = {(mech, label) for _, mech, label in _tiers_in(others)}
            quote = "\n".join(self.ctx.doc.lines[row.line - 1:row.last_line]).strip()
            locator = f"{table.caption or 'table'}/row L{row.line}"
            tier = next(iter(tiers)) if len(tiers) == 1 else None
            if not self.statement(cell.line, quote, normalize(cell.text), tier, locator=locator):
                self.ctx.warn(f"L{row.line}", f"row of partners table {table.caption!r} names no partner of a "
                                              "known tier (省领导, 经济强县, 国企, 社会力量)")


    def _tier_columns(self, table: CellTable, columns: Columns) -> None:
        """Rule 7: one column per tier; each cell is read as a list of that column's tier."""
        tiers = pairing_tiers()
        for row in table.rows:
            quote = "\n".join(self.ctx.doc.lines[row.line - 1:row.last_line]).strip()
            locator = f"{table.caption or 'table'}/row L{row.line}"
            for i, role in enumerate(columns.roles):
                cell = row.get(i)
                if role not in tiers or cell is None or not cell.clean:
                    continue
                tier = tiers[role]
                self.statement(cell.line, quote, normalize(cell.text),
                               (tier.mechanism, REGION if tier.party == "region" else ORGANIZATION), locator=locator)


def is_list_like(text: str) -> bool:
    """A line that lists names (省水利厅、省农科院) rather than telling what is done."""
    t = normalize(text)
    return len(t) <= 80 and not re.search(r"[。！？]", t.rstrip("。")) and all(
        len(item) <= _NAME_MAX for item in _items(t.rstrip("。")))


def load_partner_statements(ctx: Context, plan: Plan, body: list[tuple[int, str]], skip: set[int]) -> int:
    """Rule 2 over the plan's running text, lines in `skip` (the "1对1" paragraphs) left out."""
    reader = PartnerReader(ctx, plan)
    return sum(reader.line(line, raw) for line, raw in body if line not in skip)


__all__ = [
    "MECHANISMS",
    "ONE_TO_FOUR_RE",
    "TIERS",
    "PartnerReader",
    "is_list_like",
    "load_partner_statements",
    "provincial_names",
    "resolve_roles",
    "tier_role",
]
