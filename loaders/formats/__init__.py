"""Formats: every source file (txt, html, docx, pdf, xlsx) read into one document model, rendered for the loaders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.model import InputError
from loaders.formats import pdf, sheet, text, web, word
from loaders.formats.model import Document, Paragraph, Rendered, Table, render

MAX_BYTES = 20 * 1024 * 1024  # policy documents are kilobytes; 20 MB means something else was dropped in

READERS: dict[str, Callable[[bytes, str], Document]] = {
    ".txt": text.read, ".md": text.read, ".text": text.read,
    ".html": web.read, ".htm": web.read,
    ".docx": word.read,
    ".pdf": pdf.read,
    ".xlsx": sheet.read,
}
SUFFIXES = frozenset(READERS)

# Formats people bring that have no reader: said plainly instead of "binary".
_CONVERT = {".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".xls": ".xlsx", ".et": ".xlsx",
            ".ofd": ".pdf", ".odt": ".docx", ".ods": ".xlsx"}


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
    return READERS.get(suffix, text.read)(data, shown)


__all__ = ["SUFFIXES", "Document", "Paragraph", "Rendered", "Table", "read_document", "render"]
