"""The build, run by the CLI and the app: the loaders over every source, then the graph's merge and checks.

It sits above both halves it joins — `loaders/` turns each document into records, `graph/` merges them
into one checked snapshot — so that neither imports the other's orchestration (graph/ imports nothing
from loaders/).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.build import assemble
from graph.gazetteer import Gazetteer
from graph.model import DOCUMENT, BuildCheckError, BuildWarning, InputError, LoadResult, Node
from graph.reference import BUILD_DIR, REFERENCE_DIR, SOURCES_DIR, load_reference, load_sources_meta
from graph.snapshot import Snapshot, write
from graph.sources import collect, metadata_for
from loaders import fallback, registry
from loaders.base import Context, SourceDocument
from loaders.formats import SUFFIXES, read_document, render

Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    snapshot: Snapshot
    path: Path | None
    seconds: float
    documents: list[dict[str, Any]] = field(default_factory=list)


def load_documents(paths: list[Path], gazetteer: Gazetteer, progress: Progress | None = None
                   ) -> tuple[list[LoadResult], list[dict[str, Any]], dict[str, str]]:
    """Every source file read into the document model, rendered, and given to the loaders that detect
    it; a document no specialised loader detects goes to the prose loader (kind "prose") when there is
    one, and a document from which nothing was read is a warning, not an error. Returns the records,
    the documents read and each document's (rendered) text, which the quote check reads."""
    files, skipped = collect(paths, SUFFIXES)
    metas = {str(p.resolve()): load_sources_meta(p) for p in {f.parent for f in files}}
    loaders = registry()
    results: list[LoadResult] = [LoadResult(warnings=[BuildWarning(f.name, "file", reason) for f, reason in skipped])]
    documents: list[dict[str, Any]] = []
    seen_ids: dict[str, Path] = {}
    texts: dict[str, str] = {}
    for i, path in enumerate(files):
        if progress:
            progress(path.name, i, len(files))
        model = read_document(path)
        rendered = render(model)
        text = rendered.text
        meta = metadata_for(path, metas, found=model.meta)
        if meta["id"] in seen_ids:
            raise InputError(str(path), None, f"document id {meta['id']!r} is already used by {seen_ids[meta['id']]}")
        seen_ids[meta["id"]] = path
        doc = SourceDocument(meta["id"], str(path), text, meta, rendered.locators)
        texts[doc.id] = text
        kinds = [ld for ld in loaders if ld.detect(text)]
        if not kinds:  # news, reports, speeches: the prose reader; a warning below when it reads nothing
            kinds = [fallback()]
        doc_node = Node(f"doc:{meta['id']}", DOCUMENT, meta.get("title") or path.stem, {
            k: (str(v) if k == "date" and v is not None else v)
            for k, v in meta.items() if k in ("title", "issuer", "number", "date", "kind", "round", "subject")
        } | _format_props(model.meta) | {"path": path.name, "loaders": [ld.kind for ld in kinds]})
        results.append(LoadResult(nodes=[doc_node]))
        read: list[LoadResult] = []
        for ld in kinds:
            ctx = Context(doc, gazetteer)
            try:
                read.append(ld.load(doc, ctx))
            except InputError as exc:
                if doc.locators is None or not exc.line:
                    raise
                # A line of the rendered text means nothing to the user: name the page/table/row.
                raise InputError(str(path), None, f"at {doc.where(f'L{exc.line}')}: {exc.message}") from exc
            except BuildCheckError:
                raise
            except Exception as exc:  # a loader bug must still name the file that triggered it
                raise InputError(str(path), None, f"the {ld.kind} loader failed: "
                                                  f"{type(exc).__name__}: {exc}") from exc
        results += read
        if not any(r.relations for r in read):
            how = ("no specialised loader recognises its layout and the prose reader found no statement "
                   "of pairing or cooperation" if [ld.kind for ld in kinds] == [fallback().kind] else
                   f"the {', '.join(ld.kind for ld in kinds)} loader(s) read no relationship from it")
            results.append(LoadResult(warnings=[BuildWarning(meta["id"], "document",
                                                             f"nothing read from {path.name}: {how}")]))
        documents.append({"id": meta["id"], "path": str(path), "loaders": [ld.kind for ld in kinds],
                          "format": model.meta.get("format", "text"),
                          **({"encoding": model.meta["encoding"]} if "encoding" in model.meta else {})})
    if progress:
        progress("", len(files), len(files))
    return results, documents, texts


def _format_props(found: dict[str, Any]) -> dict[str, Any]:
    """The file's format and encoding on its Document node, unless it is plain UTF-8 text (the default)."""
    props: dict[str, Any] = {k: found[k] for k in ("format", "encoding") if k in found}
    return {} if props in ({"format": "text", "encoding": "utf-8"}, {}) else props


def build(sources: list[Path] | None = None, out: Path | None = BUILD_DIR, *,
          reference_dir: Path = REFERENCE_DIR, sources_dir: Path | None = SOURCES_DIR,
          progress: Progress | None = None) -> BuildReport:
    """Run the whole build. On any error nothing is written, so the previous snapshot stays."""
    t0 = time.perf_counter()
    ref = load_reference(reference_dir)
    gazetteer = Gazetteer(ref)
    paths = ([sources_dir] if sources_dir else []) + list(sources or [])
    results, documents, texts = load_documents(paths, gazetteer, progress)
    snap: Snapshot = assemble(results, ref, documents, texts)
    path = write(snap, out) if out is not None else None
    return BuildReport(snap, path, time.perf_counter() - t0, documents)
