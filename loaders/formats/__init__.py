"""Formats: every source file (txt, html, docx, doc, rtf, wps, odt, pdf, xlsx, xls, et, ods) read into one model."""

from __future__ import annotations

import importlib
from pathlib import Path

from graph.model import InputError
from loaders.formats.model import Document, Paragraph, Rendered, Table, render

MAX_BYTES = 20 * 1024 * 1024  # policy documents are kilobytes; 20 MB means something else was dropped in

# Suffix → the module under loaders/formats/ whose read(data, shown) reads it. Imported when first
# needed: trafilatura, openpyxl, python-docx and pdfplumber together take ~2 s to import, which a
# build of plain text files should not pay.
READERS: dict[str, str] = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "web", ".htm": "web",
    ".docx": "word",
    ".doc": "doc", ".wps": "doc:read_wps", ".rtf": "rtf",
    ".pdf": "pdf",
    ".xlsx": "sheet",
    ".xls": "sheet:read_xls", ".et": "sheet:read_et",
    ".odt": "odf", ".fodt": "odf", ".ods": "odf:read_ods", ".fods": "odf:read_ods",
}
SUFFIXES = frozenset(READERS)

# Formats people bring that have no reader: said plainly instead of "binary".
_CONVERT = {".ofd": ".pdf"}


def read_document(path: Path) -> Document:
    """The file as the document model; an InputError names the file (and line for text) otherwise.

    A file with no known suffix (or none) is read as plain text: its bytes decide."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix in _CONVERT:
        raise InputError(shown, None, f"{suffix} files cannot be read; save it as {_CONVERT[suffix]} "
                                      f"(formats read: {', '.join(sorted(SUFFIXES))})")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(shown, None, "file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(shown, None, f"file is {len(data) / 1e6:.1f} MB, over the {MAX_BYTES // 2**20} MB "
                                      "limit for a source document")
    module, _, function = READERS.get(suffix, "text").partition(":")
    reader = getattr(importlib.import_module(f"loaders.formats.{module}"), function or "read")
    document: Document = reader(data, shown)
    return document


__all__ = ["SUFFIXES", "Document", "Paragraph", "Rendered", "Table", "read_document", "render"]
