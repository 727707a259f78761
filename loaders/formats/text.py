"""Plain text files: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 when it decodes strictly."""

from __future__ import annotations

import re

from graph.model import InputError
from loaders.formats.model import Document

# A file that is UTF-8 but for a few bad bytes must be reported as broken UTF-8, not read as GB18030
# (which accepts most byte pairs and would turn it into plausible-looking nonsense): real GBK text
# fails UTF-8 on nearly every character, so GB18030 is tried only when at least this share of the
# non-ASCII bytes are UTF-8 errors.
_LEGACY_MIN_ERROR_SHARE = 0.2


def decode(data: bytes, shown: str) -> tuple[str, str]:
    """The text of a file and the encoding it was read with; an error names file and line otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _clean(data.decode("utf-16"), shown), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(shown, None, f"starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                                          f"(at byte {exc.start})") from None
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(shown, line, "file is binary (NUL byte), not an extracted text")
    try:
        text = data.decode("utf-8")
        return _clean(text, shown), "utf-8-sig" if text.startswith("\ufeff") else "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc.start
    non_ascii = sum(b > 0x7F for b in data)
    errors = data.decode("utf-8", errors="replace").count("\ufffd")
    if errors < _LEGACY_MIN_ERROR_SHARE * max(non_ascii, 1) / 2:
        line = data[:first_error].count(b"\n") + 1
        raise InputError(shown, line, f"not valid UTF-8 (byte 0x{data[first_error]:02x}) in an otherwise "
                                      "UTF-8 text: a damaged file")
    for encoding in ("gbk", "gb18030"):
        try:
            return _clean(data.decode(encoding), shown), encoding
        except UnicodeDecodeError as exc:
            first_error = exc.start  # a legacy-encoded file: its own first bad byte is the news
    line = data[:first_error].count(b"\n") + 1
    raise InputError(shown, line, f"neither UTF-8, UTF-16 nor GB18030 (byte 0x{data[first_error]:02x}): "
                                  "an undecodable text; convert it to UTF-8 first")


def _clean(text: str, shown: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = re.search(r"[\x00-\x08\x0e-\x1f]", text)
    if controls:
        line = text[: controls.start()].count("\n") + 1
        raise InputError(shown, line, "file contains control characters: binary, not an extracted text")
    if not text.strip():
        raise InputError(shown, None, "file is empty")
    return text


def read(data: bytes, shown: str) -> Document:
    text, encoding = decode(data, shown)
    return Document(meta={"format": "text", "encoding": encoding}, text=text)
