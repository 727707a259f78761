"""Rich Text Format (.rtf): paragraphs and tables from the control words, as Word, WPS and LibreOffice write them.

A small reader of the RTF 1.x syntax, enough for documents (not a layout engine):

- Text: `\\par` ends a paragraph, `\\line` is a line break in it, `\\tab` a tab; `\\uN` is a Unicode
  character (its `\\ucN` fallback characters skipped); `\\'hh` bytes are decoded in the font's character
  set (`\\fcharset134` GB2312 → cp936, 136 → cp950 …) or else the document's `\\ansicpgN` — Chinese
  RTF from Word and WPS is mostly GBK bytes.
- Groups that are not text are skipped: the font, colour and style tables, document info, pictures,
  objects, headers and footers, footnotes, and every `{\\* …}` destination the reader does not know;
  a field keeps its result (`\\fldrslt`) and drops its instruction (`\\fldinst`).
- Tables: a paragraph marked `\\intbl` is in a table, `\\cell` ends a cell and `\\row` a row; the row's
  `\\cellxN` right edges and its merge flags (`\\clvmgf`/`\\clvmrg` vertical, `\\clmgf`/`\\clmrg`
  horizontal) make the same grid the Word 97–2003 reader makes (`doc.table_grid`).

Locators are the DOCX reader's: `para 12` counts the paragraphs outside tables (empty ones included),
`table 2 row 5`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import InputError
from loaders.formats.doc import Layout, table_grid
from loaders.formats.model import Document, Paragraph, Table, resolve_merges

_TOKEN_RE = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([\r\n]+)|([^\\{}\r\n]+)",
                       re.S)
# Destinations whose text is not the document's: skipped with their whole group.
_SKIPPED = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf",
    "footer", "footerl", "footerr", "footerf", "footnote", "annotation", "fldinst", "themedata",
    "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "listtable", "listoverridetable", "rsidtbl",
    "generator", "mmathPr", "pgdsctbl", "revtbl", "filetbl", "bkmkstart", "bkmkend", "atnid", "atnauthor",
    "xe", "tc", "txe", "nonshppict", "shpinst", "userprops", "wgrffmtfilter", "pnseclvl", "listtext",
}
# Font character sets (\fcharsetN) to Python codecs; the rest fall back to the document's \ansicpg.
_CHARSETS = {128: "cp932", 129: "cp949", 134: "cp936", 136: "cp950", 0: "cp1252", 161: "cp1253", 204: "cp1251"}
_DOUBLE_BYTE = {"cp932", "cp936", "cp949", "cp950"}
_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"-": "", b"\\": "\\", b"{": "{", b"}": "}"}


@dataclass
class _State:
    skip: bool = False
    font: int = -1
    uc: int = 1
    in_table: bool = False


@dataclass
class _Row:
    edges: list[int] = field(default_factory=list)
    left: int = 0
    vertical: list[int] = field(default_factory=list)
    merged_left: list[bool] = field(default_factory=list)
    _pending_vertical: int = 0
    _pending_left: bool = False

    def layout(self, cells: int) -> Layout | None:
        if len(self.edges) != cells:
            return None
        lefts = [self.left, *self.edges[:-1]]
        return list(zip(lefts, self.edges, strict=True)), list(self.vertical), list(self.merged_left)


def read(data: bytes, shown: str) -> Document:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputError(shown, None, "not a readable RTF: the file does not start with {\\rtf (corrupt, or another "
                                      "kind of file with an .rtf name)")
    reader = _Reader()
    try:
        reader.run(data)
    except (ValueError, IndexError) as exc:
        raise InputError(shown, None, f"not a readable RTF ({type(exc).__name__}: {exc})") from None
    blocks = reader.blocks
    if not any(isinstance(b, Paragraph) and b.text.strip() for b in blocks) and not any(
            any(c.strip() for row in b.rows for c in row) for b in blocks if isinstance(b, Table)):
        raise InputError(shown, None, "the RTF holds no text")
    return Document(blocks, {"format": "rtf"})


class _Reader:
    def __init__(self) -> None:
        self.codepage = "cp1252"
        self.default_font = -1
        self._byte_codec = "cp1252"
        self.fonts: dict[int, str] = {}
        self.blocks: list[Paragraph | Table] = []
        self.text: list[str] = []
        self.bytes = bytearray()
        self.paragraphs = self.tables = 0
        self.cell_lines: list[str] = []
        self.cells: list[str] = []
        self.rows: list[tuple[list[str], Layout | None]] = []
        self.row = _Row()

    def run(self, data: bytes) -> None:
        stack: list[_State] = []
        state = _State()
        skip_chars = 0
        font_group: int | None = None  # depth of the font table group while it is read
        font_entry: dict[str, object] = {}
        for m in _TOKEN_RE.finditer(data):
            word, arg, hexbyte, symbol, brace, newline, plain = m.groups()
            if brace == b"{":
                stack.append(state)
                state = _State(state.skip, state.font, state.uc, state.in_table)
                skip_chars = 0
                continue
            if brace == b"}":
                if font_group is not None and len(stack) == font_group + 1 and "n" in font_entry:
                    self._font(font_entry)
                    font_entry = {}
                if font_group is not None and len(stack) == font_group:
                    if "n" in font_entry:
                        self._font(font_entry)
                    font_entry = {}
                    font_group = None
                self._flush()
                state = stack.pop() if stack else _State()
                continue
            if newline:
                continue
            if font_group is not None:  # inside the font table: \fN … \fcharsetN … name;
                if word == b"f" and arg is not None:
                    if "n" in font_entry:  # entries written without a group of their own
                        self._font(font_entry)
                    font_entry = {"n": int(arg)}
                elif word == b"fcharset" and arg is not None:
                    font_entry["charset"] = int(arg)
                continue
            if skip_chars and (plain or hexbyte or symbol):
                if plain:
                    take = min(skip_chars, len(plain))
                    plain = plain[take:]
                    skip_chars -= take
                    if not plain:
                        continue
                else:
                    skip_chars -= 1
                    continue
            if word is not None:
                name = word.decode("ascii")
                value = int(arg) if arg is not None else None
                if name == "fonttbl":
                    font_group = len(stack)
                    state.skip = True
                    continue
                if name in _SKIPPED:
                    state.skip = True
                    continue
                if state.skip:
                    continue
                skip_chars = self._control(name, value, state)
                continue
            if symbol is not None:
                if symbol == b"*":
                    state.skip = True  # an ignorable destination this reader does not know
                elif not state.skip and symbol in _SYMBOLS:
                    self._flush()
                    self.text.append(_SYMBOLS[symbol])
                continue
            if state.skip:
                continue
            if hexbyte is not None:
                self._codec(state)
                self.bytes.append(int(hexbyte, 16))
                continue
            if plain:
                self._flush()
                self.text.append(plain.decode(self._codec(state), errors="replace"))
        self._flush()
        self._end_paragraph(state, final=True)
        self._close_table()

    # -- text -------------------------------------------------------------------------------------

    def _codec(self, state: _State) -> str:
        """The codec of the current font's bytes: its own double-byte set, else the document's when that is
        double-byte (Chinese Word and WPS write GBK bytes under a Latin font's \\fcharset0), else either."""
        font = self.fonts.get(state.font)
        own = font in _DOUBLE_BYTE or self.codepage not in _DOUBLE_BYTE
        codec = (font or self.codepage) if own else self.codepage
        self._byte_codec = codec
        return codec

    def _flush(self) -> None:
        if self.bytes:
            self.text.append(bytes(self.bytes).decode(self._byte_codec, errors="replace"))
            self.bytes.clear()

    def _font(self, entry: dict[str, object]) -> None:
        charset = entry.get("charset")
        number = entry["n"]
        if isinstance(number, int) and isinstance(charset, int) and charset in _CHARSETS:
            self.fonts[number] = _CHARSETS[charset]

    def _control(self, name: str, value: int | None, state: _State) -> int:
        """Apply one control word; the number of fallback characters to skip after it (after \\uN)."""
        if name == "ansicpg" and value:
            self.codepage = f"cp{value}"
        elif name == "deff" and value is not None:
            self.default_font = value
        elif name == "plain":
            self._flush()
            state.font = self.default_font
        elif name == "f" and value is not None:
            self._flush()
            state.font = value
        elif name == "uc" and value is not None:
            state.uc = value
        elif name == "u" and value is not None:
            self._flush()
            self.text.append(chr(value + 65536 if value < 0 else value))
            return state.uc
        elif name == "par":
            self._flush()
            self._end_paragraph(state)
        elif name == "line":
            self._flush()
            self.text.append("\n")
        elif name == "tab":
            self._flush()
            self.text.append("\t")
        elif name in ("emdash", "endash", "bullet", "lquote", "rquote", "ldblquote", "rdblquote"):
            self._flush()
            self.text.append({"emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’",
                              "ldblquote": "“", "rdblquote": "”"}[name])
        elif name == "pard":
            state.in_table = False
        elif name == "intbl":
            state.in_table = True
        elif name == "trowd":
            self.row = _Row()
        elif name == "trleft" and value is not None:
            self.row.left = value
        elif name == "clvmgf":
            self.row._pending_vertical = 3
        elif name == "clvmrg":
            self.row._pending_vertical = 1
        elif name == "clmrg":
            self.row._pending_left = True
        elif name == "cellx" and value is not None:
            self.row.edges.append(value)
            self.row.vertical.append(self.row._pending_vertical)
            self.row.merged_left.append(self.row._pending_left)
            self.row._pending_vertical, self.row._pending_left = 0, False
        elif name == "cell":
            self._flush()
            self.cell_lines.append("".join(self.text))
            self.text = []
            self.cells.append("\n".join(self.cell_lines))
            self.cell_lines = []
        elif name == "row":
            self._flush()
            self.rows.append((self.cells, self.row.layout(len(self.cells))))
            self.cells, self.text = [], []
        return 0

    # -- blocks -----------------------------------------------------------------------------------

    def _end_paragraph(self, state: _State, *, final: bool = False) -> None:
        text = "".join(self.text)
        self.text = []
        if state.in_table and not final:
            self.cell_lines.append(text)  # a paragraph inside a cell: a line of that cell
            return
        if final and not text.strip():
            return
        self._close_table()
        self.paragraphs += 1  # counted as Word (and the DOCX reader) counts them, empty ones included
        if text.strip():
            self.blocks.append(Paragraph(text, f"para {self.paragraphs}"))

    def _close_table(self) -> None:
        if self.cells:  # a row whose \row never came: kept as it stands
            self.rows.append((self.cells, None))
            self.cells = []
        if self.rows:
            self.tables += 1
            rows, spans = resolve_merges(table_grid(self.rows))
            self.blocks.append(Table(rows, f"table {self.tables}", spans=spans))
        self.rows = []
