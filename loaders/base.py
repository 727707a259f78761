"""What every loader gets: the document, the gazetteer, and one place that stamps evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.gazetteer import Gazetteer
from graph.model import (
    DOMAIN,
    ORGANIZATION,
    REGION,
    SUPPORTS,
    BuildWarning,
    Evidence,
    LoadResult,
    Node,
    Relation,
    make_id,
    normalize,
)
from graph.org_kinds import guess_kind
from graph.reference import Entry

_LINE_REF_RE = re.compile(r"\bL(\d+)(?:-L(\d+))?\b")


@dataclass
class SourceDocument:
    id: str
    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    # For a document rendered from DOCX/PDF/XLSX/HTML: the original locator of each line of `text`
    # (0-based), e.g. "table 2 row 5", "p.3 line 4", "sheet 附表 row 7". None for plain text.
    locators: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def round(self) -> str | None:
        return self.meta.get("round")

    def where(self, locator: str) -> str:
        """A locator with its line numbers (L12, L3-L5) told in the original's terms when the text was
        rendered from another format; unchanged for plain text."""
        if self.locators is None:
            return locator
        locs = self.locators

        def one(n: int) -> str:
            return locs[n - 1] if 0 < n <= len(locs) else f"L{n}"

        def span(m: re.Match[str]) -> str:
            first, last = one(int(m.group(1))), one(int(m.group(2) or m.group(1)))
            return first if first == last else f"{first} – {last}"

        return _LINE_REF_RE.sub(span, locator)


def guess_org_kind(name: str) -> str:
    """Kind of an organisation not in the reference data, from how its name ends (org_kinds.yaml)."""
    return guess_kind(name)


class Context:
    """Wraps the gazetteer for one document and collects records; evidence is stamped only here."""

    def __init__(self, doc: SourceDocument, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.result = LoadResult()
        subject = doc.meta.get("subject")
        self.subject: Entry | None = gazetteer.region(subject) if subject else None
        generic = gazetteer.reference.overrides.get("generic_parties", {}).get("names", [])
        self.generic_parties = {normalize(g) for g in generic}
        # Short forms the document itself defines: 浙江省机电集团有限公司（省机电集团） → 省机电集团 is that firm.
        self.short_forms: dict[str, str] = short_forms_in(doc.text, gazetteer)

    # -- evidence ------------------------------------------------------------------------------
    def lines_evidence(self, first: int, last: int | None = None, quote: str | None = None,
                       note: str | None = None, locator: str | None = None) -> Evidence:
        """Evidence for 1-based lines first..last; the quote defaults to those lines, verbatim."""
        last = last or first
        if quote is None:
            quote = "\n".join(self.doc.lines[first - 1:last]).strip()
        loc = f"L{first}" if first == last else f"L{first}-L{last}"
        return Evidence(self.doc.id, self.doc.where(locator or loc), quote, note)

    def cell_evidence(self, table: str, row: str, column: str | None, line: int, quote: str,
                      note: str | None = None) -> Evidence:
        loc = f"{table}/row {row}" + (f"/{column}" if column else "") + f" (L{line})"
        return Evidence(self.doc.id, self.doc.where(loc), quote, note)

    def warn(self, locator: str, message: str) -> None:
        self.result.warnings.append(BuildWarning(self.doc.id, self.doc.where(locator), message))

    # -- records -------------------------------------------------------------------------------
    def node(self, node: Node) -> str:
        self.result.nodes.append(node)
        return node.id

    def relate(self, type_: str, source: str, target: str, evidence: Evidence | list[Evidence],
               **props: Any) -> None:
        ev = evidence if isinstance(evidence, list) else [evidence]
        # Every statement belongs to its document's round unless the loader says otherwise.
        props.setdefault("round", self.doc.round)
        if type_ == SUPPORTS:  # 山海协作 unless the loader says another programme (东西部协作 …)
            props.setdefault("programme", "shanhai")
        clean = {k: v for k, v in props.items() if v is not None}
        self.result.relations.append(Relation(type_, source, target, clean, list(ev)))

    def fact(self, key: str, value: Any) -> None:
        self.result.facts.setdefault(key, []).append(value)

    # -- resolution ----------------------------------------------------------------------------
    def region(self, name: str) -> Entry | None:
        return self.gazetteer.region(name)

    def domain_id(self, key: str) -> str:
        return f"domain:{key}"

    def domains_in(self, text: str, words: str = "keywords") -> list[str]:
        """Domain ids whose keywords (or section_words) occur in text, in taxonomy order."""
        t = normalize(text)
        return [e.id for e in self.gazetteer.domains() if any(k in t for k in e.props.get(words, []))]

    def party(self, raw: str, locator: str, *, role: str = "supporter") -> str | None:
        """Resolve one named party (region or organisation) of a cell or sentence to a node id.

        Relative names (县发改局) are qualified with the document's subject first. A name that is
        neither in the gazetteer nor the organisation list becomes a new organisation with a
        guessed kind, and a warning says so — nothing is dropped silently.
        """
        name = normalize(raw).strip("，,、;；。 ")
        name = re.sub(r"等$", "", name)
        if not name or name in self.generic_parties:
            return None
        name = self.short_forms.get(name, name)
        qualified = self.gazetteer.qualify(name, self.subject)
        for candidate in (qualified, name):
            entry = self.gazetteer.resolve(candidate, (REGION, ORGANIZATION))
            if entry is not None:
                return entry.id
        kind = guess_org_kind(qualified)
        self.warn(locator, f"unknown {role} name {qualified!r} (not in data/reference); "
                           f"added as organisation of kind {kind!r}")
        props: dict[str, Any] = {"kind": kind, "unlisted": True}
        aliases = sorted(short for short, full in self.short_forms.items() if full == qualified)
        if aliases:  # the short forms the document defines for it (浙大二院) find it in questions too
            props["aliases"] = aliases
        node = Node(make_id(ORGANIZATION, qualified), ORGANIZATION, qualified, props,
                    self._mention(locator))
        self.node(node)
        return node.id

    def _mention(self, locator: str) -> list[Evidence]:
        """Where an unlisted organisation is named: the line(s) of the locator, verbatim (none when the
        locator names no line) — the node stands on the document like the facts that name it."""
        m = _LINE_REF_RE.fullmatch(locator.strip())
        if m is None:
            return []
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 0 < first <= last <= len(self.doc.lines):
            return []
        return [self.lines_evidence(first, last, note="organisation named here")]

    def document_subject(self) -> Entry | None:
        return self.subject


_SHORT_FORM_RE = re.compile(r"(\S{4,40}?)[（(]([^（）()、，,：:；;\s]{2,12})[）)]")


def short_forms_in(text: str, gazetteer: Gazetteer) -> dict[str, str]:
    """Short forms a document defines for organisations: a table cell or list item that is a name with
    one short name in brackets (浙江省机电集团有限公司（省机电集团）, 浙江大学医学院附属邵逸夫医院（浙大邵逸夫医院）).
    Only for an organisation-like full name, and only for a short form the reference does not know,
    so later mentions of the short form are the same party."""
    out: dict[str, str] = {}
    if "（" not in text and "(" not in text:
        return out
    for line in text.split("\n"):
        if "（" not in line and "(" not in line:
            continue
        for segment in re.split(r"[\t、，,；;]", line):  # cells and list items, before normalising
            m = _SHORT_FORM_RE.fullmatch(normalize(segment).strip(" 。"))
            if m is None:
                continue
            full, short = m.group(1), m.group(2)
            if "简称" in short:
                continue  # a definition in running text: defined_short_forms finds where its name starts
            if guess_org_kind(full) == "other" or gazetteer.resolve(short, (REGION, ORGANIZATION)) is not None:
                continue
            out.setdefault(short, full)
    for short, full in defined_short_forms(text, gazetteer) + conventional_short_forms(text, gazetteer):
        if gazetteer.resolve(short, (REGION, ORGANIZATION)) is None:
            out.setdefault(short, full)
    return out


# How Zhejiang writes its provincial firms and university hospitals short (the reference's own aliases
# follow it: 浙江省海港集团 / 省海港集团, 浙大一院): a document that names the full form and, in another
# table, the short one means one party, even when it never says 以下简称.
_PROVINCIAL_FIRM_RE = re.compile(r"浙江省([^\s、，,；;：:（）()“”\"]{1,12}?集团)(?:股份)?有限(?:责任)?公司")
_UNIVERSITY_HOSPITAL_RE = re.compile(r"([一-龥]{2})(医科)?大学(?:医学院)?附属第([一二三四五六七八九])医院")


def conventional_short_forms(text: str, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(short, full): 浙江省X集团有限公司 → 省X集团 and 浙江省X集团; Y大学医学院附属第N医院 → Y大N院 (浙江大学 →
    浙大), Y医科大学附属第N医院 → Y医大N院, where Y is a place's two-character name (浙江, 温州) — not the
    tail of a longer university's name (浙江中医药大学)."""
    flat = normalize(re.sub(r"\s*\n\s*", "", text))
    out: list[tuple[str, str]] = []
    for m in _PROVINCIAL_FIRM_RE.finditer(flat):
        out += [("省" + m.group(1), m.group(0)), ("浙江省" + m.group(1), m.group(0))]
    for m in _UNIVERSITY_HOSPITAL_RE.finditer(flat):
        if gazetteer.region(m.group(1)) is None:
            continue
        out.append((m.group(1)[0] + ("医" if m.group(2) else "") + "大" + m.group(3) + "院", m.group(0)))
    return out


# "…浙江省某某集团有限公司（以下简称“省某某集团”）…": a short form defined in running text.
_DEFINED_RE = re.compile(r"[（(](?:以下|下文|下同)?[，,]?简称(?:为)?[“\"「『]?"
                         r"([^”\"」』（）()，,、；;\s]{2,12})[”\"」』]?[）)]")
_CLAUSE_BREAK_RE = re.compile(r"[，。、；：:;,\t“”\"「」『』（）()！？]")
_NAME_LEAD_RE = re.compile(r"^(?:深化与|加强与|依托|发挥|联合|借助|联动|携手|引进|推动|支持|与|同|和|及|由|为|是)+")


def defined_short_forms(text: str, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(short, full) for every "（以下简称“X”）" after an organisation's full name. Line breaks are
    ignored (a PDF wraps the sentence anywhere). The full name is the clause before the bracket from
    its first known name on (发挥浙江省…集团有限公司 → 浙江省…集团有限公司), else from after the verbs
    that lead it; it must end like an organisation (org_kinds.yaml), and the short form must be one
    the reference does not know."""
    flat = re.sub(r"\s*\n\s*", "", text)
    out: list[tuple[str, str]] = []
    for m in _DEFINED_RE.finditer(flat):
        short = normalize(m.group(1))
        clause = normalize(_CLAUSE_BREAK_RE.split(flat[max(0, m.start() - 60):m.start()])[-1])
        starts = sorted({h.start for h in gazetteer.find_all(clause)})
        lead = _NAME_LEAD_RE.match(clause)
        starts.append(lead.end() if lead else 0)
        full = next((clause[k:] for k in starts if 2 < len(clause) - k <= 40
                     and guess_org_kind(clause[k:]) != "other"), None)
        if full is None or full == short or gazetteer.resolve(short, (REGION, ORGANIZATION)) is not None:
            continue
        out.append((short, full))
    return out


def split_names(cell: str) -> list[str]:
    """Split a cell that lists names (瓯海区、省二轻集团等) on the list separators; drop 等."""
    text = normalize(cell).replace("\n", "")
    parts = re.split(r"[、，,；;/]|\s+", text)
    out = []
    for p in parts:
        p = re.sub(r"等$", "", p.strip())
        if p:
            out.append(p)
    return out


__all__ = ["DOMAIN", "Context", "SourceDocument", "guess_org_kind", "split_names"]
