"""Finding source files: which files of a folder are sources, and their sources.yaml metadata."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from graph.model import InputError, slug

METADATA_FILES = {"sources.yaml"}


def collect(paths: list[Path], suffixes: Collection[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Source files under the given files/directories, sorted, and the files of a directory that are
    not read, each with the reason (reported by the build, never skipped silently).

    A file named explicitly is always read (its content decides); in a directory, only files with a
    suffix in `suffixes` are. Metadata files and hidden files (.gitkeep, .DS_Store) are not sources."""
    out: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.iterdir()):
                if not f.is_file() or f.name in METADATA_FILES or f.name.startswith("."):
                    continue
                if f.name.startswith("~$"):
                    skipped.append((f, "a lock file of an open Office document, not a source"))
                elif f.suffix.lower() in suffixes:
                    out.append(f)
                else:
                    skipped.append((f, f"not read: {f.suffix or 'no suffix'} is not a source format "
                                       f"({', '.join(sorted(suffixes))}); name the file with --source to "
                                       "read it as text"))
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
    return unique, skipped


def metadata_for(path: Path, metas: dict[str, dict[str, dict[str, Any]]],
                 found: dict[str, Any] | None = None) -> dict[str, Any]:
    """sources.yaml entry of a file (from its own directory), completed by what the file itself says
    (`found`: format, encoding, a title or date from the file); a file without one gets a slug id."""
    meta = dict(metas.get(str(path.parent.resolve()), {}).get(path.name, {}))
    for key, value in (found or {}).items():
        meta.setdefault(key, value)
    meta.setdefault("id", slug(path.stem))
    meta.setdefault("title", path.stem)
    return meta
