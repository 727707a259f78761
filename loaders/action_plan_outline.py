"""The running text of an action plan as an outline: sections, numbered paragraphs, sentences, notes.

Layout rules (what the extracted text of a county plan looks like):

1. Body text ends at the first annex heading (附件1：…) that holds no outline of its own; an annex
   that does (the plan itself, annexed to a 关于印发…的通知: a top-level heading 一、… comes before
   the next table or annex heading) is body text. Lines inside tables (from the header to a
   table's last row) are not body text.
2. A top-level heading is a short line 一、…; a subsection heading is （一）…; a numbered paragraph
   heading is a short line "N.title" (no sentence end, at most 40 characters). A numbered
   paragraph runs until the next heading of any level. A heading may run on into its text on the
   same line ("1.加强产业合作。依托…"): the title is the part before the first sentence end (at
   most 40 characters), the rest is the paragraph's first text.
2a. A subsection with text of its own and no numbered paragraph is one paragraph (number ""); so is
   a top-level section with text and neither subsections nor numbered paragraphs.
3. A parenthesised list at a sentence boundary whose items are all relative unit names
   (县发改局, 市楠溪江旅发中心, the subject's own 永嘉县… units) or generic roles (相关单位) is a
   responsibility note, e.g. "（县发改局、相关单位）". It names who carries the task out, never who
   supports the county, so it is cut out of the sentences and kept apart. "（瓯海区、省二轻集团等
   国资国企）" is not a note: its items are not relative names.
3a. A labelled unit list is a responsibility note whatever its names: in brackets anywhere
   ("（牵头单位：县发改局）", "（责任单位：省经信厅、省发展改革委）"), or as a sentence of its own that starts with
   the label ("责任单位：县发改局、县经信局、县投资促进中心。"). Labels: 牵头单位/牵头部门 (its units are the
   measure's lead), 责任单位/责任部门/配合单位/协同单位/实施单位; a note may hold several labelled lists
   ("（责任单位：县发改局，配合单位：县经信局、县资规局）"). A bracketed note right after a paragraph's
   number and title ends the title ("2．共建…产业园（牵头单位：县发改局）由鹿城区…": the title is 共建…产业园).
3b. Responsibility written as a clause of the subject's own units: "此项工作由县经信局负责，县投资促进中心
   配合", "由县商务局牵头负责": the unit in charge (the lead, where others assist or it 牵头) and the
   assisting ones. A clause naming a partner (由鹿城区牵头组织…) is no note: only relative unit names count.
4. Sentences end at 。！？； and at responsibility notes.
5. A paragraph's line that stops mid-sentence (no 。！？；：or closing bracket at its end) and is at least
   WRAPPED_MIN characters long is a wrap (a PDF's or a narrow column's line): the next line of the
   paragraph continues it. The two are read as one text with the line break(s) kept, so a name, a
   note or a sentence broken over lines ("鹿城\n区", "责任单\n位：…") is whole, and every sentence and
   note keeps the line it starts on (and its quote the line break, verbatim).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model import normalize
from loaders.base import split_names

NUMERAL = "一二三四五六七八九十"
TOP_RE = re.compile(rf"^([{NUMERAL}]+)、\s*(\S.*)$")
SUB_RE = re.compile(rf"^\(([{NUMERAL}]+)\)\s*(\S.*)$")  # （一） after NFKC
PARA_RE = re.compile(r"^(\d+)[.、]\s*(\S.*)$")
PARA_RAW_RE = re.compile(r"^[\d０-９]+\s*[.、．]\s*")
ANNEX_RE = re.compile(r"^附件\s*\d*\s*[:：]?")
NOTE_RE = re.compile(r"[（(]([^（）()]{1,160})[）)]")
# Rule 3a: the labels of a unit list, in brackets or leading a sentence of its own.
_LABELS = ("牵头单位", "牵头部门", "责任单位", "责任部门", "配合单位", "配合部门", "协同单位", "协办单位", "参与单位",
           "实施单位")
# A label may be broken over a wrapped line (责任单\n位：, rule 5).
UNIT_LABEL = "(" + "|".join(r"\s*".join(label) for label in _LABELS) + ")"
LABELLED_NOTE_RE = re.compile(rf"[（(]\s*{UNIT_LABEL}\s*[：:]\s*([^（）()]{{1,160}})[）)]")
_SEGMENT_RE = re.compile(rf"{UNIT_LABEL}\s*[：:]\s*(.+?)(?=[，,；;]?\s*{UNIT_LABEL}\s*[：:]|[。；;]?\s*$)", re.S)
# Rule 3b: responsibility written as a clause (此项工作由县经信局负责，县投资促进中心配合; 由县商务局牵头负责).
INLINE_RESPONSIBLE_RE = re.compile(
    r"(?:此项工作|该项工作|本项工作|上述工作|以上工作)?由(?P<lead>[^，,。；;由（）()]{2,40}?)"
    r"(?:(?P<q>牵头)?负责|(?P<q2>牵头)(?=[，,][^，,。；;]{2,40}?配合))"
    r"(?:[，,](?P<co>[^，,。；;（）()]{2,40}?)(?:等单位|等部门)?(?:配合|协同配合|协同|协助|参与))?[。；;]?")
LABELLED_SENTENCE_RE = re.compile(rf"(?:(?<=[。；;！!？?）)])|^)\s*{UNIT_LABEL}\s*[：:]\s*"
                                  rf"([^。；;！!？?（）()]{{1,160}})[。；;]?")
SENTENCE_END = "。！？；!?;"
MAX_HEADING = 40
WRAPPED_MIN = 15  # a shorter line that stops mid-sentence is a line of its own (a heading, a list item)
_LINE_END = "。！？；!?;：:）)」”"


@dataclass
class Sentence:
    line: int  # 1-based
    text: str  # verbatim slice of the line


@dataclass
class Note:
    line: int
    text: str  # verbatim, with its brackets
    names: list[str]
    lead: bool = False  # a 牵头单位 note: its units lead the measure (rule 3a)


@dataclass
class Paragraph:
    top: tuple[str, str]  # (numeral, title) of the 一、… section
    sub: tuple[str, str] | None  # (numeral, title) of the （一）… subsection
    number: str
    title: str
    line: int  # heading line
    last_line: int
    body: list[tuple[int, str]] = field(default_factory=list)  # (line, raw text)

    @property
    def path(self) -> str:
        sub = f"（{self.sub[0]}）" if self.sub else ""
        if not self.number:  # a section's own text (rule 2a)
            return f"{self.top[0]}、{self.top[1]}" + (f"/{sub}{self.sub[1]}" if self.sub else "")
        return f"{self.top[0]}、{self.top[1]}/{sub}{self.number}.{self.title}"


def body_lines(lines: list[str], table_spans: Iterable[tuple[int, int]]) -> list[tuple[int, str]]:
    """(1-based line, raw text) of the running text: before the first annex, outside tables (rule 1)."""
    in_table: set[int] = set()
    for first, last in table_spans:
        in_table.update(range(first, last + 1))
    out = []
    for i, raw in enumerate(lines, start=1):
        text = normalize(raw)
        if not raw.startswith("\t") and ANNEX_RE.match(text):
            if not _annex_has_outline(lines, i, in_table):
                break
            continue
        if i in in_table or raw.startswith("\t") or not text:
            continue
        out.append((i, raw))
    return out


def _annex_has_outline(lines: list[str], annex_line: int, in_table: set[int]) -> bool:
    """Whether a top-level heading follows the annex heading before any table or other annex (rule 1)."""
    for k in range(annex_line + 1, len(lines) + 1):
        raw = lines[k - 1]
        text = normalize(raw)
        if k in in_table or raw.startswith("\t") or ANNEX_RE.match(text):
            return False
        if TOP_RE.match(text) and _is_heading(text):
            return True
    return False


def _is_heading(text: str) -> bool:
    return len(text) <= MAX_HEADING and not text.endswith(tuple(SENTENCE_END))


_INLINE_END = "。；;：:！？!?"


def _split_heading(raw: str, marker: re.Pattern[str]) -> tuple[str, str] | None:
    """(title, rest) of a heading that runs on into its text on the same line, else None."""
    stripped = raw.strip()
    m = marker.match(stripped)
    if m is None:
        return None
    cut = next((i for i in range(m.end(), len(stripped)) if stripped[i] in _INLINE_END), -1)
    note = LABELLED_NOTE_RE.search(stripped, m.end())
    if note is not None and note.start() - m.end() <= MAX_HEADING and note.start() > m.end() and (
            cut < 0 or note.start() < cut):
        return stripped[m.end():note.start()].strip(), stripped[note.start():].strip()  # rule 3a: the note stays
    if cut < 0 or cut - m.end() > MAX_HEADING or cut == m.end():
        return None
    return stripped[m.end():cut].strip(), stripped[cut + 1:].strip()


_TOP_RAW_RE = re.compile(rf"^[{NUMERAL}]+\s*、\s*")
_SUB_RAW_RE = re.compile(rf"^[（(]\s*[{NUMERAL}]+\s*[）)]\s*")


def _heading(raw: str, text: str, pattern: re.Pattern[str], raw_marker: re.Pattern[str]) -> tuple[str, str, str] | None:
    """(numeral, title, rest of the line) of a heading line of one level (rule 2), else None."""
    m = pattern.match(text)
    if m is None:
        return None
    # "2.提升教育质量。深化…。（县教育局）" is short and ends in a note, yet runs on into its text; so does
    # "1.标题（牵头单位：县发改局）" (rule 3a: the note is the paragraph's).
    if _is_heading(text) and not any(c in text[:-1] for c in "。；;") and not LABELLED_NOTE_RE.search(text):
        return m.group(1), m.group(2), ""
    inline = _split_heading(raw, raw_marker)
    return (m.group(1), *inline) if inline else None


def paragraphs(body: list[tuple[int, str]]) -> list[Paragraph]:
    """Numbered paragraphs with the section and subsection they stand in (rule 2), sections' own text (2a)."""
    top: tuple[str, str] | None = None
    sub: tuple[str, str] | None = None
    out: list[Paragraph] = []
    current: Paragraph | None = None
    intro: Paragraph | None = None  # the own text of the latest section heading (rule 2a)
    intros: list[Paragraph] = []
    parents: set[int] = set()  # ids of intros whose section has numbered paragraphs or subsections
    for line, raw in body:
        text = normalize(raw)
        h_top = _heading(raw, text, TOP_RE, _TOP_RAW_RE)
        h_sub = None if h_top else _heading(raw, text, SUB_RE, _SUB_RAW_RE)
        h_para = None if h_top or h_sub or top is None else _heading(raw, text, PARA_RE, PARA_RAW_RE)
        if h_top:
            top, sub, current = (h_top[0], h_top[1]), None, None
            intro = Paragraph(top, None, "", top[1], line, line)
            intros.append(intro)
            rest = h_top[2]
        elif h_sub:
            sub, current = (h_sub[0], h_sub[1]), None
            if intro is not None and intro.sub is None:
                parents.add(id(intro))
            intro = Paragraph(top, sub, "", sub[1], line, line) if top is not None else None
            if intro is not None:
                intros.append(intro)
            rest = h_sub[2]
        elif h_para and top is not None:
            # The title as written (full-width brackets kept); the match ran on the NFKC form.
            title = h_para[1] if h_para[2] or not _is_heading(text) else PARA_RAW_RE.sub("", raw.strip()).strip()
            current = Paragraph(top, sub, h_para[0], title, line, line)
            out.append(current)
            if intro is not None:
                parents.add(id(intro))
            rest = h_para[2]
        else:
            holder = current if current is not None else intro
            if holder is not None:
                holder.body.append((line, raw))
                holder.last_line = line
            continue
        holder = current if current is not None else intro
        if rest and holder is not None:
            holder.body.append((line, rest))  # the text after an inline title, verbatim
    out += [p for p in intros if p.body and id(p) not in parents]
    for p in out:
        p.body = _join_wraps(p.body)
    return sorted(out, key=lambda p: p.line)


def unwrapped(text: str) -> str:
    """Text with its wraps undone (rule 5): a line break inside prose separates nothing (浙江\\n农林大学)."""
    return re.sub(r"\s*\n\s*", "", text)


def _is_lead(label: str) -> bool:
    return re.sub(r"\s", "", label).startswith("牵头")


def _join_wraps(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rule 5: wrapped lines joined to the line they continue, the line breaks between them kept."""
    out: list[tuple[int, str]] = []
    last_line = 0
    for line, raw in body:
        if out and _wraps(out[-1][1]):
            first, text = out[-1]
            out[-1] = (first, text.rstrip() + "\n" * (line - last_line) + raw.lstrip())
        else:
            out.append((line, raw))
        last_line = line
    return out


def _wraps(text: str) -> bool:
    tail = text.rsplit("\n", 1)[-1].strip()
    return len(normalize(tail)) >= WRAPPED_MIN and not tail.endswith(tuple(_LINE_END))


def is_relative_unit(name: str, subject_names: tuple[str, ...], generic: set[str]) -> bool:
    n = normalize(name)
    return n in generic or n.startswith(("县", "市", *subject_names))


def _segments(text: str) -> list[tuple[str, list[str]]]:
    """(label, names) of each labelled list in a note (责任单位：县发改局，配合单位：县经信局、县资规局)."""
    return [(m.group(1), names) for m in _SEGMENT_RE.finditer(unwrapped(text))
            if (names := split_names(m.group(2)))]


def notes_in(line: int, raw: str, subject_names: tuple[str, ...], generic: set[str]) -> list[tuple[int, int, Note]]:
    """Responsibility notes of one line with their spans (rules 3, 3a and 3b)."""
    out: list[tuple[int, int, Note]] = []

    def at(m: re.Match[str]) -> int:  # the line a note starts on, in a line joined from wraps (rule 5)
        return line + raw[:m.start() + len(m.group(0)) - len(m.group(0).lstrip())].count("\n")

    def free(m: re.Match[str]) -> bool:
        return not any(a < m.end() and m.start() < b for a, b, _ in out)

    for m in LABELLED_NOTE_RE.finditer(raw):
        for label, names in _segments(m.group(0)[1:-1]):
            out.append((m.start(), m.end(), Note(at(m), m.group(0), names, lead=_is_lead(label))))
    for m in LABELLED_SENTENCE_RE.finditer(raw):
        if free(m):
            for label, names in _segments(m.group(0)):
                out.append((m.start(), m.end(), Note(at(m), m.group(0).strip(), names, lead=_is_lead(label))))
    for m in INLINE_RESPONSIBLE_RE.finditer(raw):
        lead = split_names(unwrapped(m.group("lead")))
        co = split_names(unwrapped(m.group("co") or ""))
        if free(m) and lead and all(is_relative_unit(n, subject_names, generic) for n in lead + co):
            # 由县经信局负责，县投资促进中心配合: the unit in charge leads where others assist or it 牵头
            out.append((m.start(), m.end(), Note(at(m), m.group(0), lead, lead=bool(co or m.group("q")))))
            if co:
                out.append((m.start(), m.end(), Note(at(m), m.group(0), co)))
    for m in NOTE_RE.finditer(raw):
        names = split_names(unwrapped(m.group(1)))
        if names and all(is_relative_unit(n, subject_names, generic) for n in names) and not any(
                a < m.end() and m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), Note(at(m), m.group(0), names)))
    return sorted(out, key=lambda x: x[0])


def sentences(line: int, raw: str, cuts: list[tuple[int, int]]) -> list[Sentence]:
    """Split one line into sentences; the spans in `cuts` (notes) are boundaries and left out (rule 4).
    A line joined from wrapped lines (rule 5) gives each sentence the line it starts on."""
    out: list[Sentence] = []
    start = 0
    bounds = sorted(cuts)
    i = 0
    while i <= len(raw):
        cut = next(((a, b) for a, b in bounds if a == i), None)
        if cut is not None or i == len(raw) or raw[i] in SENTENCE_END:
            end = i if cut is not None else min(i + 1, len(raw))
            piece = raw[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(line + raw[:start + lead].count("\n"), piece.strip()))
            if cut is not None:
                start = i = cut[1]
                continue
            start = i + 1
        i += 1
    return out


def section_numeral(section: str | None) -> str:
    """一 of 一、产业合作领域 or （一）产业合作 (section rows of the measures table)."""
    if not section:
        return ""
    m = TOP_RE.match(normalize(section)) or SUB_RE.match(normalize(section))
    return m.group(1) if m else normalize(section)


__all__ = ["Note", "Paragraph", "Sentence", "body_lines", "notes_in", "paragraphs", "section_numeral",
           "sentences", "unwrapped"]
