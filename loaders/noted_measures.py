"""Policy text whose clauses end with （责任单位：…）: numbered headings, one Measure per noted clause.

Rules:

1. Headings: "一、…" (section), "（一）…" (subsection), "1. …" (item). A heading line that goes on
   after its first 。 is a paragraph: the words before 。 are its title, the rest its body. Word
   bookmark markers ([bookmark: _Hlk…]) at a line start are extraction furniture and skipped;
   tab-led lines (tables) are not running text.
2. Each clause of a paragraph that ends with a （责任单位：…） note is one Measure, named by the title
   of the nearest heading above (item, else subsection, else section); its text is the clause
   without the note. Clauses are counted per heading, so the id is
   make_id(MEASURE, doc, "2.1.1", k) — the heading numbers as digits and the clause's place k.
3. Units are split as loaders/responsible_units.py says. A remark naming 牵头 (列第一位的为牵头单位)
   marks the first unit of that note as lead (RESPONSIBLE_FOR lead=True); with 下同 it holds for
   every later note too. Any other remark (有关市、县（市、区）政府为责任主体) names no single
   organisation and is skipped.
4. Text after the last note of a paragraph has no responsible unit: a warning, no measure.
5. Fields: ctx.domains_in over the heading titles above the clause, its title and its text.
   MENTIONS: every mountain county the clause's text names (gazetteer, short names included).
"""

from __future__ import annotations

import re

from graph.gazetteer import is_mountain
from graph.model import FOR, IN_DOMAIN, MEASURE, MENTIONS, RESPONSIBLE_FOR, Node, make_id, normalize
from graph.reference import Entry
from loaders.base import Context, SourceDocument
from loaders.responsible_units import find_notes

_BOOKMARK_RE = re.compile(r"^(\[bookmark:[^\]]*\]\s*)+")
_SECTION_RE = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
_SUB_RE = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
_ITEM_RE = re.compile(r"^(\d+)\s*[.．、](?!\d)\s*(.*)$")
_DIGITS = "一二三四五六七八九"


def chinese_number(text: str) -> int:
    """一 … 九十九 as an int (heading numbers only)."""
    if "十" not in text:
        return _DIGITS.index(text) + 1
    tens, _, ones = text.partition("十")
    return (_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_DIGITS.index(ones) + 1 if ones else 0)


def load_noted_measures(doc: SourceDocument, ctx: Context, target: Entry | None) -> int:
    """Emit the measures of every noted clause; returns how many."""
    levels: list[tuple[int, str] | None] = [None, None, None]  # (number, title) of section/subsection/item
    clauses: dict[str, int] = {}
    lead_rule = False
    count = 0
    for lineno, line in enumerate(doc.lines, 1):
        if line.startswith("\t") or not line.strip():
            continue
        raw = _BOOKMARK_RE.sub("", line)
        body = raw
        for depth, pattern in enumerate((_SECTION_RE, _SUB_RE, _ITEM_RE)):
            m = pattern.match(raw)
            if m is None:
                continue
            number = int(m.group(1)) if depth == 2 else chinese_number(m.group(1))
            rest = m.group(2)
            title, sep, after = rest.partition("。")
            notes_in_title = find_notes(title)
            if notes_in_title:  # a heading without 。 whose clause ends with its note
                title, after = title[:notes_in_title[0].start], rest
            levels[depth] = (number, normalize(title))
            levels[depth + 1:] = [None] * (2 - depth)
            body = after if (sep or notes_in_title) else ""
            break
        notes = find_notes(body)
        if not notes:
            continue
        path = ".".join(str(lv[0]) for lv in levels if lv)
        titles = [lv[1] for lv in levels if lv]
        start = 0
        for note in notes:
            clause_raw = body[start:note.end].strip()
            text = normalize(body[start:note.start])
            start = note.end
            if not note.closed:
                ctx.warn(f"L{lineno}", "a （责任单位：… note is not closed before the paragraph ends")
            k = clauses[path] = clauses.get(path, 0) + 1
            lead = "牵头" in note.remark or lead_rule
            lead_rule = lead_rule or ("牵头" in note.remark and "下同" in note.remark)
            _emit(ctx, doc, target, lineno, path or "0", k, titles, text, clause_raw, note.units, lead)
            count += 1
        rest_text = normalize(body[start:])
        if rest_text:
            ctx.warn(f"L{lineno}", f"text after the last 责任单位 note names no responsible unit and is not "
                                   f"read as a measure: {rest_text[:30]!r}")
    return count


def _emit(ctx: Context, doc: SourceDocument, target: Entry | None, lineno: int, path: str, k: int,
          titles: list[str], text: str, quote: str, units: list[str], lead: bool) -> None:
    title = titles[-1] if titles else re.split(r"[。，,；;]", text, maxsplit=1)[0]
    locator = f"§{path} clause {k} (L{lineno})"
    ev = ctx.lines_evidence(lineno, quote=quote, locator=locator)
    domains = ctx.domains_in(" ".join([*titles, text]))
    mid = ctx.node(Node(make_id(MEASURE, doc.id, path, str(k)), MEASURE, title, {
        "title": title, "text": text, "section": " / ".join(titles[:-1]), "path": path, "clause": k,
        "domains": domains,
    }, [ev]))
    ctx.fact("measure", mid)
    if target is not None:
        ctx.relate(FOR, mid, target.id, ev)
    for d in domains:
        ctx.relate(IN_DOMAIN, mid, d, ev)
    for i, unit in enumerate(units):
        pid = ctx.party(unit, locator, role="responsible unit")
        if pid is not None:
            ctx.relate(RESPONSIBLE_FOR, pid, mid, ev, lead=True if lead and i == 0 else None)
    seen: set[str] = set()
    for match in ctx.gazetteer.find_all(text):
        if is_mountain(match.entry) and match.entry.id not in seen:
            seen.add(match.entry.id)
            ctx.relate(MENTIONS, mid, match.entry.id, ev)


__all__ = ["chinese_number", "load_noted_measures"]
