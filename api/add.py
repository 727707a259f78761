"""`shanhai add`: copy documents into the sources, write their sources.yaml entries, rebuild atomically."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from graph.model import BuildCheckError, InputError, slug
from loaders.formats import SUFFIXES

FIELDS = ("title", "issuer", "date", "number", "kind", "round", "subject")
ONE_FILE_FIELDS = ("title", "number")  # these name one document; the others may be shared by several


class AddRefused(Exception):
    """The request cannot be carried out; nothing has been changed."""


def entry_for(path: Path, given: dict[str, Any]) -> dict[str, Any]:
    """The sources.yaml entry of a new file: what was given, else what the file says (its format's own
    title/date, a heading-like first line, the first full date, a 文号 near the top)."""
    from loaders.formats import read_document, render
    from loaders.formats.infer import infer_date, infer_number, infer_title

    model = read_document(path)  # a broken file is refused here, before anything is copied
    text = render(model).text
    inferred = {"title": model.meta.get("title") or infer_title(text),
                "date": model.meta.get("date") or infer_date(text), "number": infer_number(text)}
    entry: dict[str, Any] = {"id": slug(path.stem)}
    for key in FIELDS:
        value = given.get(key) or inferred.get(key)
        if value:
            entry[key] = str(value)
    return entry


def plan(files: list[Path], sources_dir: Path, given: dict[str, Any]) -> list[tuple[Path, dict[str, Any] | None]]:
    """(file, entry to write or None when the identical file and its entry are already there), or AddRefused."""
    if len(files) > 1 and any(given.get(k) for k in ONE_FILE_FIELDS):
        raise AddRefused(f"--{'/--'.join(ONE_FILE_FIELDS)} name one document: add the files one at a time")
    meta_path = sources_dir / "sources.yaml"
    existing: dict[str, Any] = {}
    if meta_path.exists():
        existing = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    used_ids = {str(e.get("id") or slug(Path(name).stem)): name for name, e in existing.items()}
    out: list[tuple[Path, dict[str, Any] | None]] = []
    names: set[str] = set()
    for f in files:
        if not f.is_file():
            raise AddRefused(f"{f}: no such file")
        if f.name in names:
            raise AddRefused(f"{f}: two files named {f.name} in one add")
        names.add(f.name)
        target = sources_dir / f.name
        if target.exists() and target.resolve() != f.resolve() and target.read_bytes() != f.read_bytes():
            raise AddRefused(f"{target} exists and differs from {f}: rename the new file (nothing was overwritten)")
        if target.exists() and f.name in existing:
            out.append((f, None))
            continue
        entry = entry_for(f, given)
        if used_ids.get(entry["id"], f.name) != f.name:
            raise AddRefused(f"{f}: the id {entry['id']!r} is already used by {used_ids[entry['id']]}; rename the file")
        used_ids[entry["id"]] = f.name
        out.append((f, entry))
    return out


def cmd_add(args: argparse.Namespace) -> int:
    from api.build import build
    from graph.reference import BUILD_DIR, SOURCES_DIR

    sources_dir = Path(args.sources_dir) if args.sources_dir else SOURCES_DIR
    out = Path(args.out) if args.out else BUILD_DIR
    given = {k: getattr(args, k) for k in FIELDS if getattr(args, k, None)}
    try:
        todo = plan([Path(f) for f in args.files], sources_dir, given)
    except (AddRefused, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing added", file=sys.stderr)
        return 2
    meta_path = sources_dir / "sources.yaml"
    before = meta_path.read_bytes() if meta_path.exists() else None
    copied: list[Path] = []
    try:
        for f, _ in todo:
            target = sources_dir / f.name
            if not target.exists():
                shutil.copyfile(f, target)
                copied.append(target)
        entries = {f.name: e for f, e in todo if e is not None}
        if entries:
            text = (before or b"").decode("utf-8")
            text += ("" if not text or text.endswith("\n") else "\n")
            text += yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
            _write_atomically(meta_path, text.encode("utf-8"))
        report = build(sources_dir=sources_dir, out=out)
    except (InputError, BuildCheckError, OSError) as exc:
        for target in copied:
            target.unlink(missing_ok=True)
        if before is None:
            meta_path.unlink(missing_ok=True)
        else:
            _write_atomically(meta_path, before)
        print(f"error: {exc}", file=sys.stderr)
        print(f"nothing added: the copied files and their sources.yaml entries were removed; the previous "
              f"snapshot in {out} is unchanged", file=sys.stderr)
        return 2 if not isinstance(exc, BuildCheckError) else 3
    ids = [str(e["id"]) for _, e in todo if e is not None] + [_id_of(report, sources_dir / f.name) for f, e in todo
                                                                if e is None]
    _print_added(report, ids, [sources_dir / f.name for f, _ in todo])
    return 0


def _id_of(report: Any, path: Path) -> str:
    return next(d["id"] for d in report.documents if Path(d["path"]).resolve() == path.resolve())


def _print_added(report: Any, ids: list[str], paths: list[Path]) -> None:
    snap = report.snapshot
    names = {n.id: n.name for n in snap.nodes}
    for doc_id, path in zip(ids, paths, strict=True):
        doc = next(d for d in report.documents if d["id"] == doc_id)
        rels = [(r, [e for e in r.evidence if e.document == doc_id]) for r in snap.relations]
        rels = [(r, ev) for r, ev in rels if ev]
        print(f"added {path.name} as {doc_id} ({doc.get('format', 'text')}, read by "
              f"{', '.join(doc['loaders']) or 'no loader'}): {len(rels)} relationships")
        for r, ev in rels:
            how = r.props.get("mechanism") or ""
            print(f"  {r.type} {names.get(r.source, r.source)} → {names.get(r.target, r.target)}"
                  f"{f' ({how})' if how else ''}")
            for e in ev:
                print(f"    {e.locator}: {e.quote.replace(chr(9), ' ').replace(chr(10), ' ')}")
        warnings = [w for w in snap.warnings if w["document"] in (doc_id, path.name)]
        if warnings:
            print(f"  not read or not understood ({len(warnings)}):")
            for w in warnings:
                print(f"    {w['locator']}: {w['message']}")
    print(f"rebuilt: {len(snap.nodes)} nodes, {len(snap.relations)} relationships from {len(report.documents)} "
          f"documents → {report.path}")


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sources-", suffix=".yaml")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def add_parser(sub: Any) -> None:
    a = sub.add_parser("add", help="copy documents into the sources, write their sources.yaml entries, rebuild")
    a.add_argument("files", nargs="+", metavar="FILE", help="a document: " + ", ".join(sorted(SUFFIXES)))
    for key in FIELDS:
        a.add_argument(f"--{key}", help=f"the document's {key} (default: inferred from the file where it can be)"
                       if key in ("title", "date", "number") else f"the document's {key}")
    a.add_argument("--sources-dir", help="the sources directory (default data/sources)")
    a.add_argument("--out", help="directory for the snapshot (default data/build)")
    a.set_defaults(func=cmd_add)
