"""Enclave and park sites into the graph: one Project per enclave or park, its relations, and the reading order.

The rules of what is read are in loaders/sites.py; this module records them (the model is described there).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from graph.gazetteer import is_mountain
from graph.model import (
    BENEFITS,
    LOCATED_IN,
    PROJECT,
    REGION,
    SUPPORTS,
    SUPPORTS_PROJECT,
    Evidence,
    Node,
    make_id,
    normalize,
)
from graph.reference import Entry
from loaders.base import Context
from loaders.prose_parties import stop_contexts
from loaders.prose_text import Prepared
from loaders.sites import Place, enclave_of, read, refers_back

RegionsIn = Callable[[str], list[Entry]]


def _region_led(written: str | None, regions_in: RegionsIn) -> str | None:
    """The enclave as written from its first region name on (入股衢江—鄞州… → 衢江—鄞州…), else None."""
    for i in range(len(written or "")):
        assert written is not None
        if regions_in(written[i:i + 2]) or (regions_in(written[i:i + 3]) and not regions_in(written[i + 1:i + 3])):
            return written[i:] if re.search(r"[—－\-–]", written[i:]) else None
    return None


def record(ctx: Context, place: Place, county: Entry, partners: list[Entry], evidence: list[Evidence],
           regions_in: RegionsIn, supports: bool = False) -> str | None:
    """The Project node of one enclave or park and its BENEFITS / SUPPORTS_PROJECT / LOCATED_IN relations."""
    if place.kind == "park" and not partners:
        return None  # a park "co-built" with nobody named is no 山海协作 park of a pair
    partner = "、".join(p.name for p in partners)
    place.written = _region_led(place.written, regions_in)
    if place.platform:
        name, source = place.platform, "platform"
    elif place.written:
        name, source = place.written, "written"
    else:
        name, source = f"{county.name}{'—' + partner if partner else ''}{place.enclave_type or '飞地'}", "composed"
    key = place.written or place.platform or name
    props: dict[str, object] = {"kind": place.kind, "name_source": source, "sites": list(place.sites),
                                "core_areas": list(place.core_areas), "parcels": list(place.parcels),
                                "document": ctx.doc.id}
    if place.platform:
        props["platform"] = place.platform
    if place.enclave_type and place.kind == "enclave":
        props["enclave_type"] = place.enclave_type
    pid = ctx.node(Node(make_id(PROJECT, place.kind, county.name, key), PROJECT, name, props, evidence))
    ctx.fact("site" if place.sites or place.core_areas else "platform", pid)
    ctx.relate(BENEFITS, pid, county.id, evidence)
    for p in partners:
        ctx.relate(SUPPORTS_PROJECT, p.id, pid, evidence, role="co-builder")
        if supports:  # a document no pairing loader reads: the enclave or park is the pairing's statement
            level = "city" if p.props.get("level") == "city" else "county"
            mechanism = "enclave" if place.kind == "enclave" else "park_cobuild"
            ctx.relate(SUPPORTS, p.id, county.id, evidence, level=level, mechanism=mechanism)
    # The host is the region the site names; a platform name is asked only when no site is stated
    # (鹿城—泰顺“飞地”总部经济园区 names both parties, its site 鹿城区七都街道 only the host).
    hosts = {e.id: e for s in (place.sites or [place.platform or ""]) for e in regions_in(s)
             if e.props.get("level") == "county"}
    if len(hosts) == 1:
        ctx.relate(LOCATED_IN, pid, next(iter(hosts)), evidence)
    return pid


@dataclass
class _Antecedent:
    place: Place
    county: Entry
    partners: list[Entry]
    evidence: Evidence
    article: int


class SiteReader:
    """Reads the sentences of one document in order, keeping the enclave of the sentence before for 这一…/该…."""

    def __init__(self, ctx: Context, regions_in: RegionsIn) -> None:
        self.ctx, self.regions_in = ctx, regions_in
        self.last: _Antecedent | None = None

    def sentence(self, text: str, ev: Evidence, county: Entry | None, partners: list[Entry], article: int = 0,
                 supports: bool = False) -> None:
        """text: the sentence NFKC without whitespace; county/partners: the pair it states (or none)."""
        last, self.last = self.last, None
        back = last is not None and last.article == article and refers_back(text)
        places = read(text, back)
        if back and last is not None:
            for place in places:
                if place.kind == "enclave" and not place.platform:
                    place.written = place.written or last.place.written
                    place.enclave_type = last.place.enclave_type or place.enclave_type
                    record(self.ctx, place, last.county, last.partners, [last.evidence, ev], self.regions_in,
                           supports)
            return
        if county is None:
            return
        for place in places:
            record(self.ctx, place, county, partners, [ev], self.regions_in, supports)
        before = enclave_of(text)
        if before is not None and not places:
            self.last = _Antecedent(before, county, partners, ev, article)


_CONNECTOR = re.compile(r"[—－\-–]{1,2}|[、与和同及]")
_SENTENCE_END = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
_MAX_SENTENCE = 400  # longer is layout run-on (contents pages, lists), as for the prose reader


def read_lines(ctx: Context, lines: list[tuple[int, str]]) -> None:
    """Sites in paragraphs of a document no other rule reads as prose (one paragraph per line).

    The partner is a non-mountain region tied to the sentence's one mountain county by a dash or a list
    (鹿城—泰顺, 三门与温岭); such a statement also makes the SUPPORTS relation (enclave / park_cobuild).
    """
    items = []
    for number, line in lines:
        for seg in _SENTENCE_END.finditer(line):
            quote = seg.group(0).strip()
            if quote:
                items.append((re.sub(r"\s+", "", normalize(quote)), quote, number, number))
    _read(ctx, items, supports=True)


def read_prose(ctx: Context, prepared: Prepared) -> None:
    """Sites in the sentences of a prose text (the prose reader's sentences, quotes and lines; its own
    rules make the SUPPORTS relations, so none is made here)."""
    items = []
    for span in prepared.sentences():
        quote, first, last = prepared.quote(span)
        items.append((prepared.text[span.start:span.end], quote, first, last))
    _read(ctx, items, supports=False)


def _read(ctx: Context, items: list[tuple[str, str, int, int]], supports: bool) -> None:
    """items: (sentence in match form, verbatim quote, first line, last line), in document order."""
    stops = stop_contexts(ctx)

    def mentions(text: str) -> list[tuple[int, int, Entry]]:
        out = []
        for m in ctx.gazetteer.find_all(text, (REGION,)):
            spans = [(x.start(), x.end()) for c in stops.get(m.surface, []) for x in re.finditer(re.escape(c), text)]
            if m.entry.props.get("level") in ("county", "city") and not any(a <= m.start and m.end <= b
                                                                                for a, b in spans):
                out.append((m.start, m.end, m.entry))
        return out

    reader = SiteReader(ctx, lambda t: [e for _, _, e in mentions(t)])
    for text, quote, first, last in items:
        if not re.search(r"飞地|共建|合建|核心区|位于", text) or len(text) > _MAX_SENTENCE:
            reader.last = None
            continue
        found = mentions(text)
        counties = {e.id: e for _, _, e in found if is_mountain(e)}
        county = next(iter(counties.values())) if len(counties) == 1 else None
        partners: dict[str, Entry] = {}
        for (_, end, a), (start, _, b) in itertools.pairwise(found):
            if _CONNECTOR.fullmatch(text[end:start]) and county is not None and county.id in (a.id, b.id):
                other = b if a.id == county.id else a
                if not is_mountain(other):
                    partners[other.id] = other
        ev = ctx.lines_evidence(first, last, quote=quote)
        reader.sentence(text, ev, county, list(partners.values()), supports=supports)
