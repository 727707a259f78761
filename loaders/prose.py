"""Free prose (news, reports, speeches, web pages): statements of pairing and cooperation → SUPPORTS.

The reader a document goes to when no specialised loader recognises it (`detect` is False: the
build calls `loaders.fallback()`, whose test is `about_the_programme` — the text speaks of 结对, 帮扶,
协作, 飞地 …; anything else still stops the build as unrecognised). Rules, in the order they apply
(the pattern details are in loaders/prose_rules.py, loaders/prose_parties.py, loaders/prose_qualify.py and
loaders/prose_institutions.py):

- Text: line breaks and spaces are dropped (a wrap inside a paragraph joins its lines; a blank line or
  a clearly short line of a wrapped text ends a paragraph), each character is NFKC-normalised and
  converted traditional → simplified (OpenCC t2s); every character keeps its offset in the file, so
  the evidence quote is the span of the file *as given* (traditional characters, line breaks and all)
  and the locator its line range. Sentences end at 。！？； and at paragraph ends.
- Parties: regions and organisations of the reference data (leftmost-longest, short-name stop
  contexts of overrides.yaml); a county outside Zhejiang written after its province (四川省…县) that
  the reference data lacks becomes a region `outside_province: true`, with a warning. A Zhejiang place
  followed by the rest of an institution's or company's name (…附属第一医院, …集团有限公司) that the
  reference lacks is a new organisation: a node with the sentence as evidence, only when linked. A short
  form the text defines (（以下简称“X”）) is its full name's party. A place's newspaper is no party.
- A link needs ONE sentence that names both parties and ties them by its wording: A—B followed by
  产业园/飞地/协作; A与B … 结对/协作/合作/共建/帮扶 in the same clause (A与B、C与D结对 pairs each);
  A 结对帮扶/对口支援/援建/帮扶/牵手/携手 B; A的结对地区B; A向B提供…资金; 与O合作/签约 with the one
  mountain county of the sentence (an institution); X镇与<county>Y街道结对 (towns); A的(经济强县)结对方B;
  另一结对方A…与B签订…协议. One exception spans two sentences: quoted speech “A是我们的结对区…” and the
  attribution that starts with the speaker's place (C…负责人说).
- Direction: a Zhejiang party supports a party outside Zhejiang; otherwise the developed party (a
  non-mountain county, a city, an organisation) supports the mountain county (or an all-mountain
  city, or an institution in a mountain county). Two developed or two mountain parties: no link.
- 我县/本县 in a text the county itself writes is that county: the `subject` of sources.yaml, else the one
  mountain county the text's first lines name (a county's news site: "来源：磐安县人民政府网").
- No link from a sentence that reports its claim as hearsay (网传, 传言) or denies it after stating it
  (…不属实, 两地并无…, 曾就…接洽，但…并未签署): the denial may stand in a later clause than the claim.
- No link from: a sentence about another programme (东西部协作, 对口支援, 援疆 …) that does not say
  山海协作, between two Zhejiang parties; negation (尚未/没有/解除 …), intention (拟/计划/将与/有望/意向 …),
  a question or condition, geography (A—B铁路/高速/线, 从A到B, A至B: no pairing wording joins them), group
  statements (several parties on both sides with no pair named, unless 分别 pairs them in order;
  a recipient written as "丽水市九县").
- Mechanism: enclave (飞地), park_cobuild (A—B…产业园, 共建…产业园), aid_fund (援建/帮扶资金, with
  `amount_wan`), institution_pairing (an institution with a county institution: `partner`),
  agreement (an organisation's 协议 with a county), town_pairing (`towns`), city_pairing /
  county_pairing (结对 between two cities / two counties), else statement. `villages` and `towns`
  written right after their county, and `amount_wan_per_year` (每年…万元) of an organisation, are kept.
- Programme: shanhai when both parties are in Zhejiang; otherwise what the sentence says (东西部协作 →
  east_west, 对口支援 → counterpart_support, 对口合作 → counterpart_cooperation), else the first of
  those the document says, else other_province.
- Time: a dated document's links carry `reported` (its date); `round` only when sources.yaml gives one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.gazetteer import is_mountain
from graph.model import ORGANIZATION, SUPPORTS, Evidence, LoadResult, Node
from loaders.base import Context, SourceDocument
from loaders.prose_institutions import institution_links, town_links
from loaders.prose_parties import Link, short_forms, stop_contexts
from loaders.prose_qualify import document_programme
from loaders.prose_rules import quoted_partners, read_sentence
from loaders.prose_text import Span, prepare
from loaders.site_records import read_prose

KIND = "prose"
MAX_SENTENCE = 400  # longer "sentences" are layout run-on (lists, tables flattened), not prose


def detect(text: str) -> bool:
    return False  # the fallback: the build sends here what no other loader recognises


# The programme's words in the whole sentence around a clause (its ；-separated siblings included).
_PROGRAMME = re.compile(r"山海协作|结对|飞地|帮扶|援建")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _whole_sentence(text: str, start: int, end: int) -> str:
    """The sentence a clause belongs to: from the end of the sentence before to the end of its own."""
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, max(start, end - 1))  # the clause may end its sentence itself
    return text[before:after.end() if after else len(text)]


_TOPIC_RE = re.compile(r"山海协作|山海協作|结对|結對|对口|對口|帮扶|幫扶|支援|援建|东西部|東西部|协作|協作|飞地|飛地")


def about_the_programme(text: str) -> bool:
    """Whether a document no loader recognises is prose for this reader: it speaks of pairing,
    support or cooperation (a recipe or a system file is still refused by the build)."""
    return _TOPIC_RE.search(text) is not None


@dataclass
class SentenceLinks:
    links: list[Link] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# A sentence that reports a claim as hearsay or denies it after stating it: the clause-level negation of
# prose_rules cannot see a denial that comes after the claim, in another clause of the same sentence.
DENIAL = re.compile(r"网传|传言|传闻|谣言|辟谣|误传|不属实|不实|不准确|并无|子虚乌有|"
                    r"(?:但|但是|然而|不过|却)[^。！？!?]{0,20}?(?:尚未|暂未|并未|还未|未能|没有|未曾|并非|不是)")


def links_in(ctx: Context, text: str, stops: dict[str, list[str]], *, orgs_only: bool = False,
             towns: bool = True, aliases: dict[str, str] | None = None, about_programme: bool = False) -> SentenceLinks:
    """Every link one sentence (in match form) states; `orgs_only` keeps those with an organisation;
    `aliases` the short forms the document defines (prose_parties.short_forms); `about_programme`: the
    whole sentence around it speaks of the programme (prose_rules.read_sentence)."""
    reading = read_sentence(ctx, text, stops, orgs_only=orgs_only, aliases=aliases, about_programme=about_programme)
    for n in reading.parties.new_nodes:
        ctx.node(n)
    links = reading.links + institution_links(ctx, text, reading.parties.items)
    if towns:
        links += town_links(ctx, text, reading.parties.items)
    seen: set[tuple[str, str, str]] = set()
    out = SentenceLinks(skipped=reading.skipped)
    for link in links:
        key = (link.supporter.id, link.recipient.id, link.mechanism)
        if key not in seen:
            seen.add(key)
            out.links.append(link)
    return out


def stamp(ctx: Context, links: list[Link], evidence: Evidence, *, fallback_programme: str = "other_province",
          reported: str | None = None) -> None:
    """One SUPPORTS per link, supporter → the recipient's region, with what the sentence adds."""
    for link in links:
        for party in (link.supporter, link.recipient):
            if party.new:  # named in this sentence only: the node's evidence is the sentence
                ctx.warn(evidence.locator, f"organisation {party.name!r} is not in data/reference; added "
                                           f"as kind {party.kind!r} from this sentence")
                ctx.node(Node(party.id, ORGANIZATION, party.name, {"kind": party.kind, "unlisted": True},
                              [evidence]))
        source = link.supporter.id
        props: dict[str, Any] = dict(link.props)
        if link.supporter_institution:
            source = ctx.party(link.supporter_institution, evidence.locator) or source
            props["level"] = "organization"
        target = link.recipient.region if link.recipient.label == ORGANIZATION else link.recipient.id
        if link.recipient.label == ORGANIZATION:
            props["partner_id"] = link.recipient.id
        props["programme"] = props.get("programme") or fallback_programme
        if target is None or target == source:
            continue
        ctx.relate(SUPPORTS, source, target, evidence, mechanism=link.mechanism, reported=reported, **props)


_OUR_COUNTY = ("我县", "本县")
_HEAD = 5  # the lines a text names its county in: title, source line, first paragraph


def _own_county(ctx: Context, doc: SourceDocument, text: str) -> str | None:
    """The mountain county a text written by that county calls 我县: its `subject`, else the one mountain
    county its first lines name (a county's news site: "磐安县与东阳市…在我县召开"). None when the text says
    no 我县 or its head names none or several."""
    if not any(word in text for word in _OUR_COUNTY):
        return None
    if doc.meta.get("subject"):
        entry = ctx.gazetteer.region(str(doc.meta["subject"]))
        return entry.name if entry is not None and is_mountain(entry) else None
    head = "\n".join([ln for ln in doc.text.split("\n") if ln.strip()][:_HEAD])  # the file's own lines
    counties = {m.entry.name for m in ctx.gazetteer.find_all(head, ("Region",)) if is_mountain(m.entry)}
    return next(iter(counties)) if len(counties) == 1 else None


def read_statements(doc: SourceDocument, ctx: Context, *, orgs_only: bool = False) -> None:
    """Read every sentence of a document by the prose rules (the action plan reuses this, orgs only)."""
    prep = prepare(doc.text)
    stops = stop_contexts(ctx)
    fallback = document_programme(prep.text)
    date = doc.meta.get("date")
    reported = str(date) if date is not None and not orgs_only else None
    aliases = short_forms(prep.text)
    own = _own_county(ctx, doc, prep.text)
    if own is not None:  # a county's own site: 我县 is that county (会上，东阳市与我县签订…协议)
        aliases.update({word: own for word in _OUR_COUNTY if word in prep.text})
    spans = prep.sentences()
    for i, span in enumerate(spans):
        text = prep.text[span.start:span.end]
        about = _PROGRAMME.search(_whole_sentence(prep.text, span.start, span.end)) is not None
        found = links_in(ctx, text, stops, orgs_only=orgs_only, towns=True, aliases=aliases, about_programme=about)
        if not orgs_only and i + 1 < len(spans):  # “…是我们的结对区…”+ who said it: both sentences
            said = prep.text[spans[i + 1].start:spans[i + 1].end]
            quoted = quoted_partners(ctx, text, said, stops, aliases)
            if quoted:
                quote, first, last = prep.quote(Span(span.start, spans[i + 1].end))
                locator = f"L{first}" if first == last else f"L{first}-L{last}"
                stamp(ctx, quoted, ctx.lines_evidence(first, last, quote=quote),
                      fallback_programme=fallback, reported=reported)
        if not found.links and not found.skipped:
            continue
        quote, first, last = prep.quote(span)
        locator = f"L{first}" if first == last else f"L{first}-L{last}"
        if len(text) > MAX_SENTENCE:
            ctx.warn(locator, f"run-on text of {len(text)} characters names parties with a cue; not read")
            continue
        if not found.links:
            if not orgs_only:
                ctx.warn(locator, "; ".join(dict.fromkeys(found.skipped)) + " — no link")
            continue
        denied = DENIAL.search(text)
        if denied:  # 网传“A与B结对”…两地并无结对安排; A与B曾就飞地接洽，但并未签署协议: the claim is denied
            ctx.warn(locator, f"the sentence denies or reports as hearsay what it states ({denied.group(0)!r})"
                              " — no link")
            continue
        stamp(ctx, found.links, ctx.lines_evidence(first, last, quote=quote),
              fallback_programme=fallback, reported=reported)


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    # A document from which nothing is read gets its warning from the build ("nothing read from …").
    read_statements(doc, ctx)
    read_prose(ctx, prepare(doc.text))  # enclave and park sites: loaders/sites.py
    return ctx.result


__all__ = ["KIND", "about_the_programme", "detect", "links_in", "load", "read_statements", "stamp"]
