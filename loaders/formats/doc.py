"""Word 97–2003 documents (.doc): the text through the FIB and piece table, Word tables as tables.

The binary format ([MS-DOC]) read over `olefile`, with no converter at run time:

- The main text is the character positions 0 … ccpText of the piece table (the CLX in the table
  stream): each piece is either 8-bit (cp1252, "compressed") or UTF-16LE — Chinese text is the latter.
- Paragraph properties (the PAPX of each paragraph mark, in the FKP pages of PlcBtePapx) say whether a
  paragraph stands in a table (sprmPFInTable / sprmPItap), and whether its mark ends a cell or a row
  (sprmPFTtp). The row-end paragraph carries the row's cell edges and merge flags (sprmTDefTable,
  sprmTVertMerge): the rows' edges make one grid per table, a cell wider than one grid column covers
  the columns to its right (Merged.LEFT) and a cell continuing a vertical merge is Merged.ABOVE — the
  same model the DOCX reader gives, so the loaders see the same tables.
- Fields keep their result and drop their code (HYPERLINK "…", PAGE); pictures, footnote marks and
  other object anchors are dropped; a manual line break is a line break in the paragraph.

Locators are the DOCX reader's: `para 12` counts the paragraphs outside tables (empty ones included),
`table 2 row 5`. Encrypted or obfuscated files, Word 6/95 files and files that are no Word document
are refused with an InputError naming the file.
"""

from __future__ import annotations

import bisect
import io
import struct
from dataclasses import dataclass, field

import olefile

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_IDENT = 0xA5EC
_NFIB_WORD97 = 0x00C1  # Word 97; Word 6/95 files (nFib 101–105) have another FIB and no Unicode pieces

# FibRgFcLcb97 pairs (fc, lcb) by index: PlcBtePapx and the CLX (piece table).
_PLCF_BTE_PAPX = 13
_CLX = 33

# Paragraph sprms (operand in parentheses): in a table (byte), row end (byte), table depth (int32),
# the PAPX continued in the Data stream (int32), and the row's table sprms.
_SPRM_P_IN_TABLE = 0x2416
_SPRM_P_TTP = 0x2417
_SPRM_P_ITAP = 0x6649
_SPRM_P_HUGE_PAPX = 0x6646
_SPRM_T_DEF_TABLE = 0xD608
_SPRM_T_VERT_MERGE = 0xD62B
_SPRM_P_CHG_TABS = 0xC615

_FIELD_BEGIN, _FIELD_SEPARATE, _FIELD_END = "\x13", "\x14", "\x15"
_CELL = "\x07"
# Characters that stand for an object (picture, footnote/comment mark, drawing, annotation) or are
# layout only; dropped from the text.
_DROPPED = {chr(c) for c in (0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x0E, 0x1F, 0x28)} - {"\x07"}
_REPLACED = {"\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\xa0": " ", "\u2002": " ", "\u2003": " "}


# A row's cells: (left, right) edges in twips, vertical merge flags (0 none, 1 continues the cell
# above, 3 starts a merge), merged-into-the-left flags (the old horizontal merge). RTF rows say the same.
Layout = tuple[list[tuple[int, int]], list[int], list[bool]]


def read(data: bytes, shown: str) -> Document:
    if not data.startswith(OLE_MAGIC):
        return _not_ole(data, shown)
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and struct errors for a damaged compound file
        raise InputError(shown, None, f"not a readable DOC ({type(exc).__name__}: {exc}); a damaged file") from None
    with ole:
        if not ole.exists("WordDocument"):
            kind = "an Excel workbook" if ole.exists("Workbook") or ole.exists("Book") else "no Word document"
            raise InputError(shown, None, f"not a readable DOC: the file is {kind} (an Office file with no "
                                          "WordDocument stream)")
        word = ole.openstream("WordDocument").read()
        fib = _fib(word, shown)
        table_name = "1Table" if fib.which_table else "0Table"
        if not ole.exists(table_name):
            raise InputError(shown, None, f"not a readable DOC: its {table_name} stream is missing (damaged)")
        table_stream = ole.openstream(table_name).read()
        data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
        title = _title(ole)
    try:
        blocks = _Reader(word, table_stream, data_stream, fib).blocks()
    except (struct.error, IndexError, ValueError) as exc:
        raise InputError(shown, None, f"not a readable DOC: its text tables are damaged "
                                      f"({type(exc).__name__})") from None
    if not any(isinstance(b, Paragraph) and b.text.strip() for b in blocks) and not any(
            any(c.strip() for row in b.rows for c in row) for b in blocks if isinstance(b, Table)):
        raise InputError(shown, None, "the DOC holds no text")
    meta = {"format": "doc"}
    if title:
        meta["title"] = title
    return Document(blocks, meta)


def read_wps(data: bytes, shown: str) -> Document:
    """A Kingsoft WPS text document (.wps): read as the Word 97–2003 document WPS writes under that name;
    one in another form (WPS's own, Microsoft Works) is refused with what to do."""
    try:
        document = read(data, shown)
    except InputError as err:
        raise InputError(shown, None, f"could not read this WPS document (.wps) as Word 97–2003: {err.message}; "
                                      "save it as .docx in WPS") from None
    document.meta["format"] = "wps"
    return document


def _not_ole(data: bytes, shown: str) -> Document:
    """A .doc that is something else, as offices save them: a DOCX, an RTF or a web page under a .doc name."""
    head = data.lstrip()[:512].lower()
    if data.startswith(b"PK"):
        from loaders.formats import word

        return word.read(data, shown)
    if head.startswith(b"{\\rtf"):
        from loaders.formats import rtf

        return rtf.read(data, shown)
    if head.startswith((b"<html", b"<!doctype html")) or b"<html" in head:
        from loaders.formats import web

        return web.read(data, shown)
    raise InputError(shown, None, "not a readable DOC: the file is no Word 97–2003 document (corrupt, or another "
                                  "kind of file with a .doc name)")


@dataclass
class _Fib:
    which_table: bool
    ccp_text: int
    pairs: list[tuple[int, int]]


def _fib(word: bytes, shown: str) -> _Fib:
    if len(word) < 34:
        raise InputError(shown, None, "not a readable DOC: its WordDocument stream is cut short (damaged)")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if ident != _WORD_IDENT:
        raise InputError(shown, None, "not a readable DOC: its WordDocument stream has no Word signature (damaged)")
    if flags & 0x0100 or flags & 0x8000:
        raise InputError(shown, None, "the DOC is encrypted (password-protected); open it in Word or WPS, remove the "
                                      "password and save it as .docx")
    if nfib < _NFIB_WORD97:
        raise InputError(shown, None, f"the DOC is a Word 6.0/95 file (nFib {nfib}), older than Word 97; save it "
                                      "as .docx")
    offset = 32
    csw = struct.unpack_from("<H", word, offset)[0]
    offset += 2 + 2 * csw
    cslw = struct.unpack_from("<H", word, offset)[0]
    lw = struct.unpack_from(f"<{cslw}i", word, offset + 2)
    offset += 2 + 4 * cslw
    count = struct.unpack_from("<H", word, offset)[0]
    raw = struct.unpack_from(f"<{2 * count}I", word, offset + 2)
    pairs = [(raw[2 * k], raw[2 * k + 1]) for k in range(count)]
    if cslw < 4 or count <= _CLX:
        raise InputError(shown, None, "not a readable DOC: its file information block is cut short (damaged)")
    return _Fib(bool(flags & 0x0200), lw[3], pairs)


def _title(ole: olefile.OleFileIO) -> str:
    """The title in the document's summary information, decoded in its own code page (936 for Chinese)."""
    try:
        meta = ole.get_metadata()
    except Exception:  # a missing or broken property set only costs the title
        return ""
    raw = getattr(meta, "title", None)  # olefile sets the properties it found as attributes
    if not raw:
        return ""
    if isinstance(raw, str):
        return raw.strip()
    codepage = getattr(meta, "codepage", None) or 1252
    try:
        return raw.decode(f"cp{codepage}", errors="replace").strip("\x00 ").strip()
    except LookupError:
        return ""


def _sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    """(sprm, operand) pairs; an operand's size comes from the sprm's spra bits ([MS-DOC] 2.2.5.1)."""
    out: list[tuple[int, bytes]] = []
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == _SPRM_T_DEF_TABLE:  # a 2-byte count, one more than the bytes that follow it
            if i + 2 > len(grpprl):
                break
            size = struct.unpack_from("<H", grpprl, i)[0] + 1
        else:
            if i >= len(grpprl):
                break
            size = grpprl[i] + 1
            if sprm == _SPRM_P_CHG_TABS and grpprl[i] == 255:
                # The rare long form: deleted tabs (4 bytes each) then added tabs (3 bytes each).
                deleted = grpprl[i + 1]
                added = grpprl[i + 2 + 4 * deleted]
                size = 1 + 1 + 4 * deleted + 1 + 3 * added
        out.append((sprm, grpprl[i:i + size]))
        i += size
    return out


@dataclass
class _Mark:
    """A paragraph as read from the text: its characters and what its properties say."""

    text: str
    cell_end: bool  # ends with a cell mark (\x07)
    in_table: bool
    row_end: bool
    sprms: list[tuple[int, bytes]] = field(default_factory=list)


class _Reader:
    def __init__(self, word: bytes, table: bytes, data: bytes, fib: _Fib) -> None:
        self.word, self.table, self.data, self.fib = word, table, data, fib
        self._papx_starts: list[int] = []
        self._papx: list[tuple[int, int, bytes]] = []

    # -- text -------------------------------------------------------------------------------------

    def _pieces(self) -> list[tuple[int, int, int, bool]]:
        """(first cp, cp after last, fc, compressed) of each piece of the piece table."""
        fc, lcb = self.fib.pairs[_CLX]
        clx = self.table[fc:fc + lcb]
        i = 0
        while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers for the pieces, skipped
            i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
        if i >= len(clx) or clx[i] != 0x02:
            raise ValueError("no piece table")
        size = struct.unpack_from("<I", clx, i + 1)[0]
        plc = clx[i + 5:i + 5 + size]
        n = (len(plc) - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        pieces = []
        for k in range(n):
            raw = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
            compressed = bool(raw & 0x40000000)
            offset = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
            pieces.append((cps[k], cps[k + 1], offset, compressed))
        return pieces

    def _characters(self) -> list[tuple[str, int]]:
        """The main text's characters with each one's byte offset in the WordDocument stream."""
        out: list[tuple[str, int]] = []
        for first, last, offset, compressed in self._pieces():
            if first >= self.fib.ccp_text:
                break
            count = min(last, self.fib.ccp_text) - first
            if compressed:
                raw = self.word[offset:offset + count]
                out += [(_cp1252(b), offset + k) for k, b in enumerate(raw)]
            else:
                text = self.word[offset:offset + 2 * count].decode("utf-16-le", errors="replace")
                out += [(ch, offset + 2 * k) for k, ch in enumerate(text)]
        return out

    # -- paragraph properties ---------------------------------------------------------------------

    def _load_papx(self) -> None:
        fc, lcb = self.fib.pairs[_PLCF_BTE_PAPX]
        plc = self.table[fc:fc + lcb]
        n = (len(plc) - 4) // 8
        if n <= 0:
            return
        pns = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
        runs: list[tuple[int, int, bytes]] = []
        for pn in pns:
            page = self.word[(pn & 0x3FFFFF) * 512:(pn & 0x3FFFFF) * 512 + 512]
            if len(page) < 512:
                continue
            crun = page[511]
            fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
            for k in range(crun):
                b_offset = page[4 * (crun + 1) + 13 * k] * 2
                grpprl = b""
                if b_offset:
                    cb = page[b_offset]
                    if cb:
                        body = page[b_offset + 1:b_offset + 1 + 2 * cb - 1]
                    else:
                        cb = page[b_offset + 1]
                        body = page[b_offset + 2:b_offset + 2 + 2 * cb]
                    grpprl = body[2:]  # after the style index
                runs.append((fcs[k], fcs[k + 1], grpprl))
        runs.sort()
        self._papx = runs
        self._papx_starts = [r[0] for r in runs]

    def _properties(self, fc: int) -> list[tuple[int, bytes]]:
        k = bisect.bisect_right(self._papx_starts, fc) - 1
        if k < 0 or not self._papx[k][0] <= fc < self._papx[k][1]:
            return []
        sprms = _sprms(self._papx[k][2])
        for sprm, operand in sprms:
            if sprm == _SPRM_P_HUGE_PAPX and len(operand) == 4:
                at = struct.unpack("<I", operand)[0]
                if at + 2 <= len(self.data):
                    size = struct.unpack_from("<H", self.data, at)[0]
                    sprms += _sprms(self.data[at + 2:at + 2 + size])
        return sprms

    # -- paragraphs and tables --------------------------------------------------------------------

    def _marks(self) -> list[_Mark]:
        self._load_papx()
        marks: list[_Mark] = []
        current: list[str] = []
        fields: list[bool] = []  # per open field: whether its result (after the separator) has begun
        for ch, fc in self._characters():
            if ch == _FIELD_BEGIN:
                fields.append(False)
                continue
            if ch == _FIELD_SEPARATE:
                if fields:
                    fields[-1] = True
                continue
            if ch == _FIELD_END:
                if fields:
                    fields.pop()
                continue
            if ch in ("\r", _CELL):
                sprms = self._properties(fc)
                flags = {s: o for s, o in sprms}
                in_table = bool(flags.get(_SPRM_P_IN_TABLE, b"\x00")[:1] != b"\x00") or (
                    len(flags.get(_SPRM_P_ITAP, b"")) == 4 and struct.unpack("<i", flags[_SPRM_P_ITAP])[0] > 0)
                row_end = ch == _CELL and flags.get(_SPRM_P_TTP, b"\x00")[:1] != b"\x00"
                marks.append(_Mark("".join(current), ch == _CELL, in_table or ch == _CELL, row_end, sprms))
                current = []
                continue
            if fields and not all(fields):
                continue  # a field's code (HYPERLINK "…", PAGE, TOC \o …): not text
            if ch in _DROPPED:
                continue
            current.append(_REPLACED.get(ch, ch))
        if current:
            marks.append(_Mark("".join(current), False, False, False))
        return marks

    def blocks(self) -> list[Paragraph | Table]:
        blocks: list[Paragraph | Table] = []
        paragraphs = tables = 0
        rows: list[tuple[list[str], Layout | None]] = []
        cells: list[str] = []
        lines: list[str] = []

        def close_table() -> None:
            nonlocal rows, tables
            if rows:
                tables += 1
                grid_rows, spans = resolve_merges(table_grid(rows))
                blocks.append(Table(grid_rows, f"table {tables}", spans=spans))
            rows = []

        for mark in self._marks():
            if not mark.in_table:
                close_table()
                paragraphs += 1  # counted as Word (and the DOCX reader) counts them, empty ones included
                if mark.text.strip():
                    blocks.append(Paragraph(mark.text, f"para {paragraphs}"))
                continue
            if mark.row_end:
                rows.append((cells, _row_layout(mark.sprms, len(cells))))
                cells = []
                continue
            lines.append(mark.text)
            if mark.cell_end:
                cells.append("\n".join(lines))
                lines = []
        if cells:  # a row whose end mark was not found: kept as it stands
            rows.append((cells, None))
        close_table()
        return blocks


def table_grid(rows: list[tuple[list[str], Layout | None]]) -> list[list[str | Merged]]:
    """The table's rows on one grid of columns: the union of every row's cell edges (sprmTDefTable).

    A cell reaching over several grid columns stands in its first and covers the rest from the left;
    a cell that continues a vertical merge (its text is empty in the file) is covered from above. A
    table whose rows carry no cell edges is laid out cell by cell."""
    layouts = [layout for _, layout in rows]
    edges = sorted({e for layout in layouts if layout for edge_pair in layout[0] for e in edge_pair})
    merged_edges: list[int] = []
    for e in edges:  # edges a few twips apart are one (rows drawn by hand rarely line up exactly)
        if not merged_edges or e - merged_edges[-1] > 20:
            merged_edges.append(e)
    width = max(len(merged_edges) - 1, max(len(cells) for cells, _ in rows))
    grid: list[list[str | Merged]] = []
    for (cells, _), layout in zip(rows, layouts, strict=True):
        out: list[str | Merged] = []
        for c, text in enumerate(cells):
            vertical = layout[1][c] if layout and c < len(layout[1]) else 0
            value: str | Merged = Merged.ABOVE if vertical == 1 else text
            if layout and c < len(layout[2]) and layout[2][c]:
                out.append(Merged.LEFT)
                continue
            out.append(value)
            if layout and c < len(layout[0]) and len(merged_edges) > 1:
                left, right = layout[0][c]
                span = sum(1 for e in merged_edges if left + 20 < e < right - 20)
                out += [Merged.LEFT] * span
        out += [""] * (width - len(out))
        grid.append(out[:width] if len(out) > width else out)
    return grid


def _row_layout(sprms: list[tuple[int, bytes]], cell_count: int) -> Layout | None:
    """(left, right) edges in twips, vertical merge flag (0 none, 1 continues, 3 starts) and whether the
    cell is merged into the one on its left (the old horizontal merge), per cell of the row."""
    layout: Layout | None = None
    for sprm, operand in sprms:
        if sprm == _SPRM_T_DEF_TABLE and len(operand) >= 3:
            count = operand[2]
            if len(operand) < 3 + 2 * (count + 1):
                continue
            centers = struct.unpack_from(f"<{count + 1}h", operand, 3)
            at = 3 + 2 * (count + 1)
            vertical, left_merged = [], []
            for c in range(count):
                if at + 20 * c + 2 <= len(operand):
                    tcgrf = struct.unpack_from("<H", operand, at + 20 * c)[0]
                    vertical.append((tcgrf >> 5) & 0x3)
                    left_merged.append((tcgrf & 0x3) in (2, 3))
                else:
                    vertical.append(0)
                    left_merged.append(False)
            layout = ([(centers[c], centers[c + 1]) for c in range(count)], vertical, left_merged)
        elif sprm == _SPRM_T_VERT_MERGE and layout and len(operand) >= 3:
            index, flag = operand[1], operand[2]
            if index < len(layout[1]):
                layout[1][index] = flag
    if layout and len(layout[0]) != cell_count:
        return None  # edges that do not describe this row's cells: lay it out cell by cell
    return layout


def _cp1252(byte: int) -> str:
    """An 8-bit piece's character: cp1252, with the five bytes cp1252 leaves undefined as Latin-1."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)
