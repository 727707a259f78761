"""Word documents (.docx): paragraphs and tables in document order, merged cells resolved."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from graph.model import InputError
from loaders.formats.model import Document, Merged, Paragraph, Table, resolve_merges


def read(data: bytes, shown: str) -> Document:
    from loaders.formats.doc import OLE_MAGIC

    if data.startswith(OLE_MAGIC):
        from loaders.formats import doc

        return doc.read(data, shown)  # a Word 97–2003 file under a .docx name: what it is, not what it is called
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(shown, None, "not a readable DOCX: the file is not a zip package (corrupt)")
    try:
        document = docx.Document(io.BytesIO(data))
        body = list(document.iter_inner_content())
    except Exception as exc:  # python-docx raises many kinds for a broken package; all mean the same
        raise InputError(shown, None, f"not a readable DOCX ({type(exc).__name__}: {exc}); a zip that is "
                                      "not a Word document, or a damaged file") from None
    blocks: list[Paragraph | Table] = []
    paragraphs = tables = 0
    for item in body:
        if isinstance(item, DocxParagraph):
            paragraphs += 1  # counted like Word counts them, empty ones included
            if item.text.strip():
                blocks.append(Paragraph(item.text, f"para {paragraphs}"))
        elif isinstance(item, DocxTable):
            tables += 1
            rows, spans = resolve_merges(_grid(item))
            blocks.append(Table(rows, f"table {tables}", spans=spans))
    meta = {"format": "docx"}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    if not any(isinstance(b, Paragraph) and b.text.strip() for b in blocks) and not any(
            any(c.strip() for row in b.rows for c in row) for b in blocks if isinstance(b, Table)):
        raise InputError(shown, None, "the DOCX holds no text")
    return Document(blocks, meta)


def _grid(table: DocxTable) -> list[list[str | Merged]]:
    """One text per grid column; a column covered by the cell to its left (gridSpan) is Merged.LEFT.

    python-docx already gives a vertically merged cell's text on every row it spans."""
    grid: list[list[str | Merged]] = []
    for row in table.rows:
        cells = list(row.cells)  # kept alive so that `is` compares the underlying <w:tc> elements
        out: list[str | Merged] = []
        for c, cell in enumerate(cells):
            out.append(Merged.LEFT if c and cell._tc is cells[c - 1]._tc else cell.text)
        grid.append(out)
    return grid
