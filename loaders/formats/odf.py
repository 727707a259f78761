"""OpenDocument files (.odt text, .ods spreadsheet, and their flat-XML forms .fodt/.fods) read into the model.

What LibreOffice, WPS and government office suites save when asked for an "open" format. Both kinds are
a zip whose `content.xml` holds the body (a flat file is that XML alone):

* a text document: headings, paragraphs and list items in reading order, each one `Paragraph`
  (numbered like Word counts paragraphs, so a locator reads `para N` in either format); sections and
  lists are walked into; tables are `Table`s with merged cells resolved as in DOCX.
* a spreadsheet: each sheet one table, read exactly like an XLSX sheet (`sheet._grid`: a title above
  and notes below are text, locators carry the sheet's own row numbers).

Left out on purpose, as the DOCX reader leaves them out: footnotes and comments (not the document's
body), tracked deletions, and numbers a list style draws (only text typed into the document is read).
Repeated rows and columns (`number-*-repeated`) are expanded where they hold text; the million empty
rows a spreadsheet declares after its data are counted, not built.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_P, _H, _LIST, _ITEM, _HEADER = (_q("text", n) for n in ("p", "h", "list", "list-item", "list-header"))
_SECTION, _S, _TAB, _BR = (_q("text", n) for n in ("section", "s", "tab", "line-break"))
# Not the body's text: footnotes/endnotes, comments, tracked changes (deleted text), index marks.
_SKIP = {_q("text", "note"), _q("office", "annotation"), _q("office", "annotation-end"),
         _q("text", "tracked-changes"), _q("text", "bookmark-ref"), _q("text", "sequence-decls")}
_TABLE, _ROW, _CELL, _COVERED = (_q("table", n) for n in ("table", "table-row", "table-cell", "covered-table-cell"))
_ROW_GROUPS = {_q("table", n) for n in ("table-header-rows", "table-rows", "table-row-group")}

MAX_XML = 200 * 2**20  # content.xml of a policy document is kilobytes; a bigger one is a zip bomb or not ours
_MAX_REPEAT = 1000  # a repeated row or cell with text is expanded at most this many times
_MAX_COLUMNS = 1024


def read(data: bytes, shown: str) -> Document:
    """An OpenDocument text (.odt, .fodt)."""
    body = _body(data, shown, "text", "ODT")
    blocks: list[Paragraph | Table] = []
    counter = {"para": 0, "table": 0}
    _walk(body, blocks, counter)
    if not any(isinstance(b, Paragraph) for b in blocks) and not any(
            any(c.strip() for row in b.rows for c in row) for b in blocks if isinstance(b, Table)):
        raise InputError(shown, None, "the ODT holds no text")
    return Document(blocks, _meta(data, "odt"))


def read_ods(data: bytes, shown: str) -> Document:
    """An OpenDocument spreadsheet (.ods, .fods): each sheet as an XLSX sheet is read."""
    from loaders.formats.sheet import _grid

    body = _body(data, shown, "spreadsheet", "ODS")
    blocks: list[Paragraph | Table] = []
    for table in body.iter(_TABLE):
        values, merged = _cells(table)
        blocks += _grid(values, merged, table.get(_q("table", "name"), "") or "1")
    if not blocks:
        raise InputError(shown, None, "every sheet of the ODS is empty")
    return Document(blocks, _meta(data, "ods"))


def _root(data: bytes, shown: str, kind: str, member: str) -> ET.Element | None:
    """The parsed XML of one package member (or of the flat file itself); None when the package lacks it."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                if member not in names:
                    return None
                if z.getinfo(member).file_size > MAX_XML:
                    raise InputError(shown, None, f"not a readable {kind}: its {member} is over "
                                                  f"{MAX_XML // 2**20} MB unpacked")
                xml = z.read(member)
                encrypted = "META-INF/manifest.xml" in names and b"encryption-data" in z.read("META-INF/manifest.xml")
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
            raise InputError(shown, None, f"not a readable {kind} ({type(exc).__name__}: {exc}); "
                                          "a damaged file") from None
        if encrypted:
            raise InputError(shown, None, f"the {kind} is password-protected; save it without a password")
    elif data.lstrip()[:1] == b"<":
        xml = data  # a flat OpenDocument: the whole document in one XML file
    else:
        raise InputError(shown, None, f"not a readable {kind}: neither a zip package nor OpenDocument XML")
    try:
        return ET.fromstring(xml)
    except ET.ParseError as exc:
        raise InputError(shown, None, f"not a readable {kind}: {member} is not well-formed XML ({exc})") from None


def _body(data: bytes, shown: str, kind: str, label: str) -> ET.Element:
    root = _root(data, shown, label, "content.xml")
    body = None if root is None else root.find(f"office:body/office:{kind}", _NS)
    if body is None:
        other = None if root is None else next((k for k in ("text", "spreadsheet", "presentation", "drawing")
                                                if root.find(f"office:body/office:{k}", _NS) is not None), None)
        what = f"an OpenDocument {other}, not an {label}" if other else f"no OpenDocument {kind} body"
        raise InputError(shown, None, f"not a readable {label}: {what}")
    return body


def _meta(data: bytes, fmt: str) -> dict[str, str]:
    meta = {"format": fmt}
    try:
        root = _root(data, "", fmt, "meta.xml")
    except InputError:
        root = None  # the title is a nicety: a damaged meta.xml never stops the body being read
    title = None if root is None else root.find(".//dc:title", _NS)
    if title is not None and (title.text or "").strip():
        meta["title"] = (title.text or "").strip()
    return meta


def _walk(parent: ET.Element, blocks: list[Paragraph | Table], counter: dict[str, int]) -> None:
    for el in parent:
        if el.tag in (_P, _H):
            counter["para"] += 1  # counted as Word counts paragraphs, empty ones included
            text = _text(el)
            if text.strip():
                blocks.append(Paragraph(text, f"para {counter['para']}"))
        elif el.tag == _TABLE:
            counter["table"] += 1
            values, merged = _cells(el)
            rows, spans = resolve_merges(_merged_grid(values, merged))
            if rows:
                blocks.append(Table(rows, f"table {counter['table']}", spans=spans))
        elif el.tag in (_LIST, _ITEM, _HEADER, _SECTION) or el.tag.endswith("}index-body"):
            _walk(el, blocks, counter)
        elif el.tag not in _SKIP and el.tag.startswith("{" + _NS["text"]) and len(el):
            _walk(el, blocks, counter)  # a table of contents, an alphabetical index …: their paragraphs


def _text(el: ET.Element) -> str:
    """A paragraph's text: spans and links read through, `text:s` as its spaces, a line break as a new line."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == _S:
            parts.append(" " * int(child.get(_q("text", "c"), "1") or 1))
        elif child.tag in (_TAB,):
            parts.append(" ")  # a tab inside a paragraph is spacing, not a table cell
        elif child.tag == _BR:
            parts.append("\n")
        elif child.tag not in _SKIP:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell_text(cell: ET.Element) -> str:
    """A cell's paragraphs one per line (as python-docx gives a Word cell); lists and nested tables read flat."""
    lines: list[str] = []

    def collect(el: ET.Element) -> None:
        for child in el:
            if child.tag in (_P, _H):
                lines.append(_text(child))
            elif child.tag not in _SKIP:
                collect(child)

    collect(cell)
    return "\n".join(lines).strip()


def _rows(table: ET.Element) -> Iterator[ET.Element]:
    for el in table:
        if el.tag == _ROW:
            yield el
        elif el.tag in _ROW_GROUPS:
            yield from _rows(el)


def _cells(table: ET.Element) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The table's cell texts, one list per row, and its merged ranges (1-based, inclusive: min row,
    max row, min col, max col) — the form `sheet._grid` takes."""
    values: list[list[str]] = []
    merged: list[tuple[int, int, int, int]] = []
    pending_empty = 0  # empty rows are only materialised when text follows them
    for row in _rows(table):
        repeat = int(row.get(_q("table", "number-rows-repeated"), "1") or 1)
        cells: list[str] = []
        spans: list[tuple[int, int, int]] = []  # (col, rows spanned, cols spanned) of this row's anchors
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            n = int(cell.get(_q("table", "number-columns-repeated"), "1") or 1)
            text = "" if cell.tag == _COVERED else _cell_text(cell)
            if cell.tag == _CELL:
                r_span = int(cell.get(_q("table", "number-rows-spanned"), "1") or 1)
                c_span = int(cell.get(_q("table", "number-columns-spanned"), "1") or 1)
                if r_span > 1 or c_span > 1:
                    spans.append((len(cells) + 1, r_span, c_span))
            cells += [text] * min(n, _MAX_COLUMNS - len(cells) if not text else _MAX_REPEAT)
            if len(cells) >= _MAX_COLUMNS:
                break
        while cells and not cells[-1]:
            cells.pop()
        if not cells and not spans:
            pending_empty += repeat
            continue
        values += [[] for _ in range(pending_empty)]
        pending_empty = 0
        for _ in range(min(repeat, _MAX_REPEAT)):
            first = len(values) + 1
            values.append(list(cells))
            merged += [(first, first + r - 1, c, c + w - 1) for c, r, w in spans]
    width = max((len(r) for r in values), default=0)
    for r in values:
        if r:
            r += [""] * (width - len(r))
    return values, merged


def _merged_grid(values: list[list[str]], merged: list[tuple[int, int, int, int]]) -> list[list[str | Merged]]:
    """A text table's grid as the DOCX reader makes it: a position covered by a merged cell is Merged.ABOVE
    in the cell's first column (its text repeats down), Merged.LEFT elsewhere (a spanning label stands once)."""
    from loaders.formats.sheet import mark_merges

    width = max((len(r) for r in values), default=0)
    grid = mark_merges([[*r, *[""] * (width - len(r))] for r in values], merged)
    return [row for row in grid if any(isinstance(c, Merged) or c.strip() for c in row)]
