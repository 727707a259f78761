"""Reading source files safely: empty, binary and non-UTF-8 input are errors that name file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.model import InputError, slug

MAX_BYTES = 20 * 1024 * 1024  # policy documents are kilobytes; 20 MB means something else was dropped in
SOURCE_SUFFIXES = {".txt", ".md"}


def read_text(path: Path) -> str:
    data = path.read_bytes()
    shown = str(path)
    if not data.strip():
        raise InputError(shown, None, "file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(shown, None, f"file is {len(data) / 1e6:.1f} MB, over the {MAX_BYTES // 2**20} MB "
                                      "limit for a source document")
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(shown, line, "file is binary (NUL byte), not an extracted text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); convert it first, "
                                      f"e.g. iconv -f GBK -t UTF-8") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = re.search(r"[\x01-\x08\x0e-\x1f]", text)
    if controls:
        line = text[: controls.start()].count("\n") + 1
        raise InputError(shown, line, "file contains control characters: binary, not an extracted text")
    return text


def collect(paths: list[Path]) -> list[Path]:
    """Source files under the given files/directories, sorted, without metadata files."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix in SOURCE_SUFFIXES)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(str(p), None, "no such file or directory")
    seen: set[Path] = set()
    unique = []
    for f in out:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def metadata_for(path: Path, metas: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """sources.yaml entry of a file (from its own directory); a file without one gets a slug id."""
    meta = dict(metas.get(str(path.parent.resolve()), {}).get(path.name, {}))
    meta.setdefault("id", slug(path.stem))
    meta.setdefault("title", path.stem)
    return meta
