"""Magazine issues in narrow columns: pairing, 飞地 (enclave) and 援建资金 (aid fund) sentences → SUPPORTS.

Layout: the text wraps every ~15 characters with a blank line between wrapped lines, articles follow
each other, and page furniture (running titles, photo captions ▲…, bylines ■…) is interleaved.

Rules, in the order they apply:

- Reflow: every line break is removed (blank lines vanish, Chinese needs no space at a wrap), and
  each character keeps its original line number, so a sentence maps back to a line range. The
  evidence quote is the sentence exactly as it stands in the joined text of its cited lines with
  the line breaks removed (surrounding spaces stripped).
- Sentences end after 。！？； (with any closing quotes/brackets that follow; …… is no end). A photo caption (▲)
  or byline (■) starts a new sentence, so a running title or caption does not join the prose next
  to it. A byline ■ also starts a new *article*. A "sentence" over 300 characters is layout run-on
  (contents page, advertisement lists), not prose: skipped, with a warning when it has a trigger.
- Region mentions: `Gazetteer.find_all` on the NFKC text without whitespace (a name can be split by
  a space at a wrap). A match inside a stop context of overrides.yaml `short_name_stop_contexts`
  (台州 in 台州湾 …) is not that region. Only counties and 设区市 count; a city is dropped when it
  is the mountain county's own city, when a county of it is also named (杭州 in 杭州、余杭), or when
  all its counties are mountain counties (a recipient city is never a supporter).
- A sentence is read when it names exactly one mountain county (regions.yaml `mountain: true`) and
  at least one non-mountain region; direction supporter → mountain county comes from that flag.
  Mechanisms, one relation each: `enclave` when it says 飞地; `aid_fund` when it says 援建资金
  (`amount_wan` from "援建资金80万元" or "10万元山海协作援建资金"); otherwise `statement` when it says
  结对/协作 (incl. 山海协作) *and* the supporter is tied to the county by the wording: a dash or list
  (衢江—鄞州, 常山、慈溪, 三门与温岭, 余杭、临平和柯城) or "与X结对/与X山海协作". In an enclave or aid-fund
  sentence the pairing word only qualifies the enclave or fund, so no separate statement is made.
- Article context: an enclave or aid-fund sentence that names a supporter but no mountain county
  (the county is the article's subject) takes the county that supporter was paired with earlier in
  the same article; the evidence note cites where.
- "全省50个经济强县结对帮扶山区26县" is recorded as the fact `stated_strong_county_count` and on the
  山区26县 node, with evidence; it is no relation.
- Institutions: every sentence also goes through the prose reader's rules for organisations
  (loaders/prose_rules.py, loaders/prose_institutions.py) — a hospital, university or SOE tied by
  与…合作/签署…协议 to a mountain county or one of its institutions (浙医一院与景宁民族医院精准合作);
  links with two regions stay with the rules above.
- Leftovers are reported: a sentence with a trigger, a mountain county and a supporter that yields
  nothing (two mountain counties, no tying wording) becomes a warning, never a relation.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from graph.gazetteer import is_mountain
from graph.model import REGION, SUPPORTS, LoadResult, Node, normalize
from graph.reference import Entry
from loaders.base import Context, SourceDocument
from loaders.prose import links_in, stamp
from loaders.prose_parties import stop_contexts
from loaders.site_records import SiteReader

KIND = "magazine"

MAX_SENTENCE = 300
_END_RE = re.compile(r"[。！？；][”’」』）)]*|(?=[■▲])")
_PAIRING_RE = re.compile(r"结对|协作")  # 协作 also covers 山海协作
_CONNECTOR_RE = re.compile(r"[—－\-–]{1,2}|[、与和同及]")
_AMOUNT_AFTER_RE = re.compile(r"援建资金(\d+(?:\.\d+)?)(万|亿)元")
_AMOUNT_BEFORE_RE = re.compile(r"(\d+(?:\.\d+)?)(万|亿)元[^，。；、]{0,6}援建资金")
_STRONG_COUNT_RE = re.compile(r"(\d+)个经济强县(?:结对)?帮扶山区26县")


def detect(text: str) -> bool:
    """Long narrow-column text: short wrapped lines, a blank line after almost each, no tab tables."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 20 or sum("\t" in line for line in lines) > 2:
        return False
    short = sum(len(lines[i].strip()) <= 20 for i in filled) / len(filled)
    spaced = sum(i + 1 < len(lines) and not lines[i + 1].strip() for i in filled) / len(filled)
    narrow = statistics.median(len(lines[i].strip()) for i in filled) <= 20
    topical = re.search(r"山海协作|山区26县", re.sub(r"\s+", "", text)) is not None
    return narrow and short >= 0.8 and spaced >= 0.8 and topical


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the reflowed text
    end: int
    article: int


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the match text of the sentence
    end: int
    entry: Entry


def reflow(text: str) -> tuple[str, list[int]]:
    """The text without line breaks, and the 1-based original line of every character."""
    chars: list[str] = []
    line_of: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        chars.append(line)
        line_of.extend([number] * len(line))
    return "".join(chars), line_of


def sentences(flat: str) -> list[Sentence]:
    out: list[Sentence] = []
    start, article, byline_at = 0, 0, -1
    for m in _END_RE.finditer(flat):
        if m.end() > start:
            out.append(Sentence(start, m.end(), article))
            start = m.end()
        if flat.startswith("■", m.end()) and m.end() != byline_at:
            article, byline_at = article + 1, m.end()
    if start < len(flat) and flat[start:].strip():
        out.append(Sentence(start, len(flat), article))
    return out


def match_text(raw: str) -> str:
    """NFKC without any whitespace: the form names are matched in (a wrap may leave a space)."""
    return re.sub(r"\s+", "", normalize(raw))


Mechanisms = dict[str, float | int | None]  # mechanism → aid-fund amount in 万元 (None otherwise)
Partners = dict[tuple[int, str], tuple[Entry, str]]  # (article, supporter id) → mountain county, locator


def load(doc: SourceDocument, ctx: Context) -> LoadResult:
    flat, line_of = reflow(doc.text)
    stops = _stop_contexts(ctx)
    partners: Partners = {}
    prose_stops = stop_contexts(ctx)
    reported = str(doc.meta["date"]) if doc.meta.get("date") is not None else None
    site_reader = SiteReader(ctx, lambda t: [m.entry for m in _mentions(ctx, t, stops)])
    for sent in sentences(flat):
        raw = flat[sent.start:sent.end]
        quote = raw.strip()
        if not quote:
            continue
        lead = len(raw) - len(raw.lstrip())
        first = line_of[sent.start + lead]
        last = line_of[sent.start + lead + len(quote) - 1]
        locator = f"L{first}" if first == last else f"L{first}-L{last}"
        text = match_text(quote)
        _strong_county_fact(ctx, text, first, last, quote)
        if len(quote) <= MAX_SENTENCE:  # institutions (hospital, university, SOE …): the prose rules
            institutions = links_in(ctx, text, prose_stops, orgs_only=True, towns=False)
            stamp(ctx, institutions.links, ctx.lines_evidence(first, last, quote=quote), fallback_programme="shanhai",
                  reported=reported)
        mechanisms = _mechanisms(text)
        triggered = bool(mechanisms) or _PAIRING_RE.search(text) is not None
        if triggered and len(quote) > MAX_SENTENCE:
            ctx.warn(locator, f"run-on text of {len(quote)} characters (contents page or advertisement "
                              "layout?) has a trigger word but is not read as a sentence")
            continue
        mentions = _mentions(ctx, text, stops)
        found = _pairs(ctx, text, mentions, mechanisms, locator, sent.article, partners) if triggered else None
        ev = ctx.lines_evidence(first, last, quote=quote, note=found[2] if found else None)
        if len(quote) <= MAX_SENTENCE:  # enclave and park sites: loaders/sites.py
            site_reader.sentence(text, ev, *_site_parties(mentions, found), article=sent.article)
        if found is None:
            continue
        pairs, mechanisms, _ = found
        for supporter, county in pairs:
            level = "city" if supporter.props.get("level") == "city" else "county"
            for mechanism, amount in mechanisms.items():
                ctx.relate(SUPPORTS, supporter.id, county.id, ev, level=level, mechanism=mechanism,
                           round=doc.round, amount_wan=amount)
    return ctx.result


def _pairs(ctx: Context, text: str, mentions: list[Mention], mechanisms: Mechanisms, locator: str,
           article: int, partners: Partners
           ) -> tuple[list[tuple[Entry, Entry]], Mechanisms, str | None] | None:
    """(supporter, mountain county) pairs a trigger sentence states, its mechanisms and an evidence note."""
    counties = {m.entry.id: m.entry for m in mentions if is_mountain(m.entry)}
    county = next(iter(counties.values())) if len(counties) == 1 else None
    supporters = _supporters(ctx, mentions, county)
    if not supporters:
        return None
    if len(counties) > 1:
        names = ", ".join(sorted(e.name for e in counties.values()))
        ctx.warn(locator, f"names {len(counties)} mountain counties ({names}) with a trigger; not read as support")
        return None
    if county is None:
        # The county is the article's subject: only a supporter already paired in this article is read.
        known = [(s, partners[(article, s.id)]) for s in supporters if (article, s.id) in partners]
        if not mechanisms or not known:
            return None
        where = ", ".join(sorted({f"{c.name} at {loc}" for _, (c, loc) in known}))
        return ([(s, c) for s, (c, _) in known], mechanisms,
                f"mountain county from the same article: the supporter was paired with {where}")
    if not mechanisms:
        # A bare pairing word proves nothing unless the wording ties this supporter to this county.
        named = ", ".join(s.name for s in supporters)
        allowed = {s.id for s in supporters}
        supporters = [e for e in _tied_supporters(text, mentions, county) if e.id in allowed]
        if not supporters:
            ctx.warn(locator, f"pairing word with {county.name} and {named}, but no wording ties them; "
                              "not read as support")
            return None
        mechanisms = {"statement": None}
    for s in supporters:
        partners[(article, s.id)] = (county, locator)
    return [(s, county) for s in supporters], mechanisms, None


def _site_parties(mentions: list[Mention], found: tuple[list[tuple[Entry, Entry]], Mechanisms, str | None] | None
                  ) -> tuple[Entry | None, list[Entry]]:
    """The mountain county and partners of a sentence for its sites: the pairs read, else its one county."""
    if found is not None and found[0]:
        return found[0][0][1], [s for s, _ in found[0]]
    counties = {m.entry.id: m.entry for m in mentions if is_mountain(m.entry)}
    return (next(iter(counties.values())), []) if len(counties) == 1 else (None, [])


def _mechanisms(text: str) -> Mechanisms:
    """Specific mechanisms a sentence names, with the aid-fund amount in 万元 when stated."""
    found: Mechanisms = {}
    if "飞地" in text:
        found["enclave"] = None
    if "援建资金" in text:
        m = _AMOUNT_AFTER_RE.search(text) or _AMOUNT_BEFORE_RE.search(text)
        amount = None
        if m:
            value = float(m.group(1)) * (10000 if m.group(2) == "亿" else 1)
            amount = int(value) if value.is_integer() else value
        found["aid_fund"] = amount
    return found


def _stop_contexts(ctx: Context) -> dict[str, list[str]]:
    spec = ctx.gazetteer.reference.overrides.get("short_name_stop_contexts", {}) or {}
    return {normalize(k): [match_text(c) for c in v] for k, v in (spec.get("contexts") or {}).items()}


def _mentions(ctx: Context, text: str, stops: dict[str, list[str]]) -> list[Mention]:
    out = []
    for m in ctx.gazetteer.find_all(text, (REGION,)):
        if m.entry.props.get("level") not in ("county", "city"):
            continue
        if any(cs <= m.start and m.end <= ce
               for context in stops.get(m.surface, [])
               for cs, ce in ((x.start(), x.end()) for x in re.finditer(re.escape(context), text))):
            continue
        out.append(Mention(m.start, m.end, m.entry))
    return out


def _supporters(ctx: Context, mentions: list[Mention], county: Entry | None) -> list[Entry]:
    """Distinct non-mountain regions of the sentence that can be supporters (see the city rules)."""
    named = {m.entry.id: m.entry for m in mentions if not is_mountain(m.entry)}
    parents = {e.props.get("parent") for e in named.values() if e.props.get("level") == "county"}
    if county is not None:
        parents.add(county.props.get("parent"))
    out = []
    for e in named.values():
        if e.props.get("level") == "city" and (e.id in parents or _all_mountain(ctx, e)):
            continue
        out.append(e)
    return out


def _all_mountain(ctx: Context, city: Entry) -> bool:
    counties = [e for e in ctx.gazetteer.entries.values()
                if e.label == REGION and e.props.get("parent") == city.id and e.props.get("level") == "county"]
    return bool(counties) and all(is_mountain(e) for e in counties)


def _tied_supporters(text: str, mentions: list[Mention], county: Entry) -> list[Entry]:
    """Supporters the wording ties to the county: one dash/list chain with it, or 与X结对 / 与X山海协作."""
    ordered = sorted(mentions, key=lambda m: m.start)
    chains: list[list[Mention]] = []
    for m in ordered:
        if chains and _CONNECTOR_RE.fullmatch(text[chains[-1][-1].end:m.start]):
            chains[-1].append(m)
        else:
            chains.append([m])
    tied: dict[str, Entry] = {}
    for chain in chains:
        if any(m.entry.id == county.id for m in chain):
            tied.update({m.entry.id: m.entry for m in chain if not is_mountain(m.entry)})
    for m in ordered:
        if (not is_mountain(m.entry) and text[m.start - 1:m.start] in ("与", "同", "和")
                and re.match(r"结对|山海协作|协作", text[m.end:])):
            tied[m.entry.id] = m.entry
    return list(tied.values())


def _strong_county_fact(ctx: Context, text: str, first: int, last: int, quote: str) -> None:
    m = _STRONG_COUNT_RE.search(text)
    if m is None:
        return
    groups = [g.entry for g in ctx.gazetteer.find_all(m.group(0), (REGION,)) if g.entry.props.get("level") == "group"]
    if not groups:
        return
    group = groups[0]
    count = int(m.group(1))
    ctx.fact("stated_strong_county_count", count)
    ev = ctx.lines_evidence(first, last, quote=quote, note="stated_strong_county_count")
    ctx.node(Node(group.id, REGION, group.name, {"stated_strong_county_count": count}, [ev]))
