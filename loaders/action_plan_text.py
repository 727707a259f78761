"""The running text of a county action plan: the "1对4" partners and the supporters named in field paragraphs.

Rules:

1. "1对4" partners: a paragraph whose heading names a partner tier (the tier words of
   loaders/action_plan_partners.py) and says "1对1" — or stands in a section about the pairing
   mechanism (its section or heading says 1对4, 结对机制, 结对关系) — 省领导 (leader_contact: the
   organisations named, i.e. the 省级部门 linked to the leader), 经济强县 (county_pairing: the
   county-level regions named), 国有企业/国企 (soe_pairing: the organisations named), 社会力量/社会组织
   (social_pairing: the organisations named). The parties are found with the gazetteer inside that
   paragraph; evidence is the whole paragraph. A paragraph whose text only lists names
   ("1.省属国企：省能源集团、省交通集团") is read as a list (action_plan_partners rule 3-4: names
   the reference lacks become unlisted organisations). A 社会力量 paragraph that names nobody yields
   no relation; a warning lists the social partners (hospitals, universities, schools, research
   bodies, associations) the plan names elsewhere. The partners stated as a list or in a "1对4"
   sentence anywhere else in the text are read by loaders/action_plan_partners.py.
2. Field paragraphs: every other paragraph of a top-level section about actions or tasks
   (四、七大行动, 主要任务, 重点举措, 重点工作). Each organisation it names is a supporter (SUPPORTS,
   mechanism named_support), evidence = each sentence naming it. A region counts only when the plan
   names it as a partner elsewhere (a 帮扶单位 cell, the 经济强县 paragraph): running text uses place
   names that support nothing (大丽水街, 杭州萧山国际机场, 纳入温州市市域统筹, 浙江工匠, 全省).
   A region followed by an institution word (余姚市人民医院, …中学, …研究院; not …政府) names that
   institution: it is the party (an unlisted organisation when the reference lacks it), not the region.
   The subject county, its towns and its own units (县卫生健康局, 永嘉县第二高级中学) never support it;
   responsibility notes (县发改局、相关单位) are cut out before matching.
3. A paragraph's domains: its heading's keywords, else its heading's section words (生态与林业协作 →
   ecology); when the heading names no field, the domain(s)
   whose keywords occur most often (at least twice) in its text, names of parties left out
   ("打响'学在永嘉'品牌" → education), else its subsection's ((七）医疗卫生). A "1对1" paragraph takes its
   heading's fields only.
   (b) A supporter named in a field paragraph supports in the paragraph's fields, unless the
   sentences naming it name fields of their own (keywords at least twice, names left out) and do not
   mention the paragraph's at all: then in those (提升公共服务 … "依托某医院，推进县人民医院胸痛中心建设" → healthcare).
   (c) A heading whose only field word is 产业链 (做强茶和中药材全产业链: every product has one) names no field
   of its own where its subsection names others (（四）农业增效与消费帮扶): the subsection's fields.
4. Every such paragraph is also a Measure of the plan (kind action_paragraph): FOR the subject, its
   supporters SUPPORTS_MEASURE it, the units of its responsibility notes are RESPONSIBLE_FOR it.
"""

from __future__ import annotations

import re

from graph.model import (
    FOR,
    IN_DOMAIN,
    MEASURE,
    ORGANIZATION,
    REGION,
    RESPONSIBLE_FOR,
    SUPPORTS_MEASURE,
    Evidence,
    Node,
    make_id,
    normalize,
)
from loaders.action_plan_outline import Note, Paragraph, is_relative_unit, notes_in, sentences, unwrapped
from loaders.action_plan_parties import Plan, is_own, support
from loaders.action_plan_partners import (
    ONE_TO_FOUR_RE,
    TIERS,
    PartnerReader,
    is_list_like,
    load_partner_statements,
    provincial_names,
)
from loaders.base import Context
from loaders.prose_qualify import GOVERNMENT_AFTER, institution_after

ACTION_SECTION_RE = re.compile(r"行动|任务|举措|重点工作|主要工作|工作重点")
ONE_TO_ONE_RE = re.compile(r"(?:1|一)\s*对\s*(?:1|一)(?![\d十百])")
# A section about the pairing mechanism itself: its tier-named paragraphs are the partners (rule 1).
MECHANISM_RE = re.compile(r"结对机制|结对帮扶机制|结对关系|帮扶力量|结对单位|(?:1|一)\s*对\s*(?:4|四)")
MIN_FIELD_HITS = 2
SOCIAL_KINDS = {"hospital", "university", "school", "research", "association"}


def partner_type(paragraph: Paragraph) -> tuple[str, str] | None:
    title = normalize(paragraph.title)
    context = normalize(f"{paragraph.top[1]} {paragraph.sub[1] if paragraph.sub else ''} {title}")
    if not (ONE_TO_ONE_RE.search(title) or ONE_TO_FOUR_RE.search(title) or MECHANISM_RE.search(context)):
        return None
    return next(((mech, label) for pattern, mech, label in TIERS if pattern.search(title)), None)


def _named(ctx: Context, plan: Plan, paragraph: Paragraph, labels: tuple[str, ...],
           mechanism: str | None = None) -> tuple[dict[str, list[Evidence]], list[Note]]:
    """Parties a paragraph names (party id → evidence per sentence) and its responsibility notes.

    With a "1对1" paragraph's mechanism, provincial names the reference lacks are taken too.
    """
    generic = ctx.generic_parties
    found: dict[str, list[Evidence]] = {}
    notes: list[Note] = []
    index = 0
    for line, raw in paragraph.body:
        spans = notes_in(line, raw, plan.subject_names, generic)
        notes += [n for _, _, n in spans]
        for sentence in sentences(line, raw, [(a, b) for a, b, _ in spans]):
            index += 1
            seen: set[str] = set()
            text = normalize(unwrapped(sentence.text))  # a name wrapped over lines is one name
            known = ctx.gazetteer.find_all(text)
            first, last = sentence.line, sentence.line + sentence.text.count("\n")
            loc = f"{paragraph.path} (L{first}, sentence {index})" if first == last else \
                f"{paragraph.path} (L{first}-L{last}, sentence {index})"
            for a, b, name in provincial_names(text, mechanism) if mechanism else []:
                if any(m.start < b and a < m.end for m in known):
                    continue  # a name the reference knows, matched below
                party = ctx.party(name, f"L{line}", role="1对4 partner")
                if party is not None and party not in seen:
                    seen.add(party)
                    found.setdefault(party, []).append(
                        ctx.lines_evidence(first, last, quote=sentence.text, locator=loc))
            own_spans: list[tuple[int, int]] = []
            for surface, party in plan.own_names.items() if ORGANIZATION in labels else ():
                at = text.find(surface)
                if at < 0 or party in seen or any(m.start < at + len(surface) and at < m.end for m in known
                                                  if len(m.surface) >= len(surface)):
                    continue  # not here, or inside a longer name the reference knows
                own_spans.append((at, at + len(surface)))
                seen.add(party)
                found.setdefault(party, []).append(ctx.lines_evidence(first, last, quote=sentence.text, locator=loc))
            for m in ctx.gazetteer.find_all(text, labels):
                e = m.entry
                if e.id in seen or is_own(e, plan.subject) or any(a <= m.start and m.end <= b for a, b in own_spans):
                    continue  # …or a place inside a name the plan gives a partner (中国农业银行慈溪市分行)
                if e.label == REGION and _BRANCH_AFTER.match(text, m.end):
                    continue  # 某银行慈溪市分行: a bank's branch at the place, not the place
                if e.label == REGION and (inst := _institution_after(text, m.end)):
                    # 余姚市人民医院 the reference lacks: that institution is the party, not 余姚市 (rule 2)
                    party = ctx.party(text[m.start:m.end + inst], f"L{line}") if ORGANIZATION in labels else None
                    if party is not None and party not in seen:
                        seen.add(party)
                        found.setdefault(party, []).append(
                            ctx.lines_evidence(first, last, quote=sentence.text, locator=loc))
                    continue
                if e.label == REGION and e.props.get("level") != "county":
                    continue
                seen.add(e.id)
                found.setdefault(e.id, []).append(ctx.lines_evidence(first, last, quote=sentence.text, locator=loc))
    return found, notes


def _without_notes(plan: Plan, ctx: Context, line: int, raw: str) -> str:
    """The line with its responsibility notes blanked: 县农业农村局 there names a unit, not a field."""
    for a, b, _ in reversed(notes_in(line, raw, plan.subject_names, ctx.generic_parties)):
        raw = raw[:a] + " " + raw[b:]
    return raw


_BRANCH_AFTER = re.compile(r"(?:分行|支行|营业部|分公司|办事处)")


def _institution_after(text: str, end: int) -> int:
    """Length of an institution's name part right after a region (人民医院, 第二高级中学); 0 when none."""
    if GOVERNMENT_AFTER.match(text[end:]):
        return 0
    m = institution_after().match(text[end:])
    if not m:
        return 0
    length = m.end()
    # 浙江大学医学院附属第二医院: a unit 附属 (affiliated) to the institution is the party, not the institution.
    while text.startswith("附属", end + length) and (more := institution_after().match(text[end + length + 2:])):
        length += 2 + more.end()
    return length


def paragraph_domains(ctx: Context, plan: Plan, paragraph: Paragraph) -> list[str]:
    # a heading names its field by keyword (医疗卫生) or by a section word (生态与林业协作)
    heading = ctx.domains_in(paragraph.title) or ctx.domains_in(paragraph.title, "section_words")
    if partner_type(paragraph) is not None:
        return heading  # a "1对1" paragraph is about a partner, not a field
    sub = paragraph.sub[1] if paragraph.sub and paragraph.number else ""
    grouped = (ctx.domains_in(sub) or ctx.domains_in(sub, "section_words")) if sub else []
    # Rule 3c: "做强茶和中药材全产业链" under "（四）农业增效与消费帮扶": any product has a 产业链, so a heading whose
    # only field word is 产业链 names no field of its own where the subsection it stands in names others.
    if heading and grouped and not set(heading) & set(grouped) and \
            not ctx.domains_in(re.sub(r"全?产业链", "", normalize(paragraph.title))):
        return grouped
    if heading:
        return heading
    text = normalize(" ".join(unwrapped(_without_notes(plan, ctx, line, raw)) for line, raw in paragraph.body))
    # Keywords inside names (省自然资源厅, 温州市中心医院) say who, not which field.
    for m in reversed(ctx.gazetteer.find_all(text)):
        text = text[:m.start] + " " + text[m.end:]
    counts = {e.id: sum(text.count(k) for k in e.props.get("keywords", []))
              for e in ctx.gazetteer.domains()}
    best = max(counts.values(), default=0)
    # One passing mention is no field; a paragraph about a field names it again and again. A paragraph
    # that names none takes its subsection's field (（七）医疗卫生 → 11.共建…专科联盟).
    return [d for d, c in counts.items() if c == best and best >= MIN_FIELD_HITS] or grouped


def sentence_domains(ctx: Context, evidence: list[Evidence], domains: list[str]) -> list[str]:
    """Rule 3b: the fields of a supporter named in a paragraph — the paragraph's, unless the sentences
    naming it name fields of their own and none of the paragraph's (a broad heading such as 提升公共服务
    over a sentence on a hospital's 胸痛中心): then those. Names are left out, as in rule 3."""
    text = " ".join(normalize(ev.quote) for ev in evidence)
    for m in reversed(ctx.gazetteer.find_all(text)):
        text = text[:m.start] + " " + text[m.end:]
    # as in rule 3, one passing mention (生命健康产业) is no field: its words stand there at least twice
    own = [e.id for e in ctx.gazetteer.domains()
           if sum(text.count(k) for k in e.props.get("keywords", [])) >= MIN_FIELD_HITS]
    mentioned = set(ctx.domains_in(text)) | set(ctx.domains_in(text, "section_words"))
    return own if domains and own and not mentioned & set(domains) else domains


def _read_list(ctx: Context, plan: Plan, paragraph: Paragraph, mechanism: str, label: str) -> bool:
    """A "1对1" paragraph whose text only lists names, read as a list (rule 1); False when it is prose."""
    body = paragraph.body
    heading = ctx.doc.lines[paragraph.line - 1]
    if not body and re.search(r"[:：]", heading):  # "1.省属国企：省能源集团" — the heading is the list
        cut = re.search(r"[:：]", heading)
        body = [(paragraph.line, heading[cut.end():])] if cut else []
    if not body or not all(is_list_like(raw) for _, raw in body):
        return False
    reader = PartnerReader(ctx, plan)
    made = sum(reader.statement(line, ctx.doc.lines[line - 1], normalize(raw), (mechanism, label),
                                locator=f"{paragraph.path} (L{line})") for line, raw in body)
    if not made:
        ctx.warn(f"L{paragraph.line}", f"the {mechanism} paragraph {paragraph.title!r} names no partner")
    return True


def load_text(ctx: Context, plan: Plan, paragraphs: list[Paragraph], body: list[tuple[int, str]]) -> None:
    action = [p for p in paragraphs if ACTION_SECTION_RE.search(p.top[1])]
    partners = [(p, t) for p in paragraphs if (t := partner_type(p)) is not None]
    unnamed_social: list[Paragraph] = []
    # 1对4 first: its 经济强县 is a partner region the field paragraphs may then name.
    for paragraph, (mechanism, label) in partners:
        if _read_list(ctx, plan, paragraph, mechanism, label):
            continue
        found, _ = _named(ctx, plan, paragraph, (label,), mechanism)
        ev = ctx.lines_evidence(paragraph.line, paragraph.last_line,
                                locator=f"{paragraph.path} (L{paragraph.line}-L{paragraph.last_line})")
        for party in found:
            if label == REGION:
                plan.partner_regions.add(party)
            support(ctx, plan, party, ev, mechanism)
            ctx.fact(f"one_to_four_{mechanism}", party)
        if not found and mechanism == "social_pairing":
            unnamed_social.append(paragraph)
        elif not found:
            ctx.warn(f"L{paragraph.line}", f"the {mechanism} paragraph {paragraph.title!r} names no partner")
    partner_lines = {ln for p, _ in partners for ln in range(p.line, p.last_line + 1)}
    load_partner_statements(ctx, plan, body, partner_lines)
    plan.own_names = _own_names(ctx, plan)
    named: set[str] = set(plan.table_supporters)
    partner_paragraphs = {id(p) for p, _ in partners}
    for paragraph in action:
        found, notes = _named(ctx, plan, paragraph, (REGION, ORGANIZATION))
        found = {k: v for k, v in found.items()  # an unlisted institution has no gazetteer entry
                 if (e := ctx.gazetteer.entries.get(k)) is None or e.label != REGION or k in plan.partner_regions}
        domains = paragraph_domains(ctx, plan, paragraph)
        if id(paragraph) not in partner_paragraphs:
            for party, evidence in found.items():
                support(ctx, plan, party, evidence, "named_support", sentence_domains(ctx, evidence, domains))
                named.add(party)
        _paragraph_measure(ctx, plan, paragraph, domains, found, notes)
    for paragraph in unnamed_social:
        social = sorted(ctx.gazetteer.entries[p].name for p in named
                        if ctx.gazetteer.entries.get(p) is not None
                        and ctx.gazetteer.entries[p].props.get("kind") in SOCIAL_KINDS)
        ctx.fact("social_partners_named_elsewhere", social)
        ctx.warn(f"L{paragraph.line}-L{paragraph.last_line}",
                 f"the social_pairing paragraph {paragraph.title!r} names no organisation, so no "
                 f"social_pairing is recorded; social partners the plan names elsewhere: {'、'.join(social)}")


def _own_names(ctx: Context, plan: Plan) -> dict[str, str]:
    """Surface → party id of the names this plan gives parties beyond the reference (Plan.own_names):
    the organisations it named that the reference lacks, and the short forms it defines for any party.
    Longest first, so a long name is tried before a short one inside it."""
    out: dict[str, str] = {}
    unlisted = {n.name: n.id for n in ctx.result.nodes if n.label == ORGANIZATION and n.props.get("unlisted")}
    for name, party in unlisted.items():
        if len(name) >= 4 and not is_relative_unit(name, plan.subject_names, ctx.generic_parties):
            out[name] = party
    for short, full in ctx.short_forms.items():
        entry = ctx.gazetteer.resolve(full, (ORGANIZATION,))
        found = entry.id if entry is not None else unlisted.get(full)
        if found is not None and len(short) >= 3 and (entry is None or not is_own(entry, plan.subject)):
            out[short] = found
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


def _paragraph_measure(ctx: Context, plan: Plan, paragraph: Paragraph, domains: list[str],
                       found: dict[str, list[Evidence]], notes: list[Note]) -> None:
    sub = paragraph.sub[0] if paragraph.sub else ""
    measure_id = make_id(MEASURE, ctx.doc.id, f"{paragraph.top[0]}{sub}", paragraph.number)
    ev = ctx.lines_evidence(paragraph.line, paragraph.last_line,
                            locator=f"{paragraph.path} (L{paragraph.line}-L{paragraph.last_line})")
    props = {"section": paragraph.top[1], "subsection": paragraph.sub[1] if paragraph.sub else None,
             "number": paragraph.number, "label": f"{paragraph.top[0]}（{sub}）{paragraph.number}" if sub
             else f"{paragraph.top[0]}.{paragraph.number}".rstrip("."),
             "kind": "action_paragraph", "domains": domains, "document": ctx.doc.id}
    ctx.node(Node(measure_id, MEASURE, paragraph.title, {k: v for k, v in props.items() if v}, [ev]))
    ctx.fact("action_paragraphs", measure_id)
    ctx.relate(FOR, measure_id, plan.subject.id, ev)
    for d in domains:
        ctx.relate(IN_DOMAIN, measure_id, d, ev)
    for party, evidence in found.items():
        ctx.relate(SUPPORTS_MEASURE, party, measure_id, evidence)
    # A unit both in the 牵头单位 note and the 责任单位 list is one responsibility, the lead, on both notes.
    units: dict[str, tuple[str, list[Evidence]]] = {}  # name → (where first named, the notes naming it)
    leads = {normalize(name) for note in notes if note.lead for name in note.names}
    for note in notes:
        note_ev = ctx.lines_evidence(note.line, quote=note.text, locator=f"{paragraph.path} (L{note.line})",
                                     note="responsibility note")
        for name in note.names:
            units.setdefault(normalize(name), (f"L{note.line}", []))[1].append(note_ev)
    for name, (where, evidence) in units.items():
        unit = ctx.party(name, where, role="responsible unit")
        if unit is not None:
            ctx.relate(RESPONSIBLE_FOR, unit, measure_id, evidence, lead=True if name in leads else None)


__all__ = ["load_text", "paragraph_domains", "partner_type"]
