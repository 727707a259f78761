"""The source viewer: a document's text with line numbers, tables as tables, the quoted span marked.

The file is found from the graph's own record of the document (the snapshot's document list, or
the Document node's `path` under data/), never from a path in the request: `/documents/{id}` only
names a Document node, and a path that resolves outside the recorded places is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.graphview import GraphView
from graph.model import DOCUMENT, InputError, Node
from graph.reference import DATA_DIR, REPO_ROOT, SOURCES_DIR
from loaders.formats import read_document, render
from queries.errors import NotFound

_LINES = re.compile(r"L(\d+)(?:\s*[-–~]\s*L?(\d+))?")
_PIECES = re.compile(r"[\n\t]+")
_WORDS = re.compile(r"[\s:：,，、;；]+")
MIN_PIECE = 4  # shorter fragments of a quote would mark unrelated text


@dataclass
class Line:
    number: int
    text: str
    cells: list[list[tuple[str, bool]]] | None  # a tab-separated row: cells, each as marked segments
    segments: list[tuple[str, bool]] = field(default_factory=list)
    marked: bool = False


def document_node(view: GraphView, doc_id: str) -> Node:
    node = view.nodes.get(f"doc:{doc_id}") or view.nodes.get(doc_id)
    if node is None or node.label != DOCUMENT:
        known = [{"id": n.id.removeprefix("doc:"), "name": n.name, "type": DOCUMENT}
                 for n in view.nodes.values() if n.label == DOCUMENT]
        raise NotFound(doc_id, sorted(known, key=lambda d: d["id"])[:8])
    return node


def source_path(view: GraphView, node: Node) -> Path | None:
    """Where the build read the document: the snapshot's record first, else its `path` under data/."""
    plain_id = node.id.removeprefix("doc:")
    meta = getattr(view.store, "snapshot_meta", {}) or {}
    for d in meta.get("documents", []):
        if d.get("id") == plain_id and d.get("path"):
            recorded = Path(str(d["path"])).resolve()
            return recorded if recorded.is_file() else None
    stored = str(node.props.get("path") or "")
    if not stored:
        return None
    candidate = (REPO_ROOT / stored if "/" in stored else SOURCES_DIR / stored).resolve()
    # Only what the build itself could have read: files under data/ (sources, reference).
    if not candidate.is_relative_to(DATA_DIR.resolve()) or not candidate.is_file():
        return None
    return candidate


def highlight_lines(locator: str) -> set[int]:
    out: set[int] = set()
    for m in _LINES.finditer(locator or ""):
        start = int(m.group(1))
        end = int(m.group(2) or start)
        if end >= start and end - start < 500:
            out.update(range(start, end + 1))
    return out


def quote_pieces(quote: str) -> list[str]:
    return [p.strip() for p in _PIECES.split(quote or "") if len(p.strip()) >= MIN_PIECE]


def mark(text: str, quote: str, pieces: list[str]) -> list[tuple[str, bool]]:
    """`text` split into (segment, marked): the whole quote where it occurs, else its pieces, else the
    text itself when the quote contains it (a table cell, one line of a longer quote)."""
    q = quote.strip()
    targets = [q] if q and q in text else [p for p in pieces if p in text]
    if not targets:
        stripped = text.strip()
        return [(text, bool(stripped) and stripped in quote)]
    spans: list[tuple[int, int]] = []
    for t in targets:
        start = text.find(t)
        while start >= 0:
            spans.append((start, start + len(t)))
            start = text.find(t, start + len(t))
    spans.sort()
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in spans:
        if s < pos:
            s = pos
        if s >= e:
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def lines_of(text: str, wanted: set[int], quote: str) -> list[Line]:
    pieces = quote_pieces(quote)
    raw = text.split("\n")
    if not wanted and quote:
        # A locator without line numbers (a reference entry, a page): find the quote's first piece,
        # else the first line naming each of its words (a reference quote such as "杭州市: 拱墅区").
        first = (pieces or [quote.strip()])[0]
        wanted = {i + 1 for i, line in enumerate(raw) if first and first in line}
        if not wanted:
            pieces = [w for w in _WORDS.split(quote) if len(w) >= 2]
            for w in pieces:
                wanted |= {next((i + 1 for i, line in enumerate(raw) if w in line), 0)} - {0}
    out = []
    for i, t in enumerate(raw, start=1):
        hit = i in wanted
        if "\t" in t:
            cells = [mark(c, quote, pieces) if hit else [(c, False)] for c in t.split("\t")]
            out.append(Line(i, t, cells, marked=hit))
        else:
            out.append(Line(i, t, None, mark(t, quote, pieces) if hit else [(t, False)], hit))
    return out


def blocks(lines: list[Line]) -> list[dict[str, Any]]:
    """Consecutive tab-separated lines form one table; other lines are prose."""
    out: list[dict[str, Any]] = []
    for line in lines:
        kind = "table" if line.cells is not None else "prose"
        if not out or out[-1]["kind"] != kind:
            out.append({"kind": kind, "lines": []})
        out[-1]["lines"].append(line)
    for b in out:
        if b["kind"] == "table":
            b["width"] = max(len(x.cells or []) for x in b["lines"])
    return out


def document_context(view: GraphView, doc_id: str, locator: str | None, quote: str | None) -> dict[str, Any]:
    node = document_node(view, doc_id)
    path = source_path(view, node)
    error = None
    text = ""
    if path is None:
        error = "The source text of this document is not available on this server."
    else:
        try:
            # Any format, as the loaders read it: the text its quotes come from.
            text = render(read_document(path)).text
        except (InputError, OSError) as exc:
            error = f"The source text cannot be shown: {exc}"
    wanted = highlight_lines(locator or "")
    if not quote and locator:
        quote = _quote_for(view, node, locator)
    lines = lines_of(text, wanted, quote or "") if text else []
    first = next((x.number for x in lines if x.marked), None)
    return {"title": node.name, "node": node, "doc_id": node.id.removeprefix("doc:"), "locator": locator,
            "quote": quote, "blocks": blocks(lines), "first": first, "error": error,
            "line_count": len(lines), "file_name": path.name if path else None}


def _quote_for(view: GraphView, node: Node, locator: str) -> str:
    """The quote a permalink points at: the first evidence with this document and locator."""
    plain = node.id.removeprefix("doc:")
    for r in view.relations:
        for e in r.evidence:
            if e.locator == locator and e.document in (plain, node.id):
                return e.quote
    for n in view.nodes.values():
        for e in n.evidence:
            if e.locator == locator and e.document in (plain, node.id):
                return e.quote
    return ""
