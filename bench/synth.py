"""Synthetic corpus generator: `python -m bench.synth --scale 10 --seed 7 --out bench/corpus/10x`.

A k× corpus holds k documents of each real kind (pairing guidance with its table, municipal
opinions, county action plan, provincial plan, magazine issue), all about one made-up province
(bench/synth_world.py), plus the reference directory that makes its names resolvable. The same
(scale, seed) always gives byte-identical files. Output goes to a directory of the caller's choosing
(a temp dir or the gitignored bench/corpus/) — never to data/sources/.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench import synth_action_plan, synth_magazine, synth_opinions, synth_pairing, synth_provincial
from bench.synth_reference import ROUND, write_reference
from bench.synth_text import check_vocabulary
from bench.synth_world import World, make_world
from graph.reference import REFERENCE_DIR, SOURCES_DIR

DEFAULT_SEED = 20210716


@dataclass
class Corpus:
    scale: int
    seed: int
    sources_dir: Path
    reference_dir: Path
    documents: list[str] = field(default_factory=list)
    bytes: int = 0


def _entry(doc_id: str, title: str, issuer: str, kind: str, round_: str, date: str,
           subject: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"id": doc_id, "title": title, "issuer": issuer, "number": None, "date": date,
                         "kind": kind, "round": round_}
    if subject:
        d["subject"] = subject
    return d


def _replicate(world: World, j: int, seed: int) -> dict[str, tuple[str, dict[str, Any]]]:
    """The five documents of replicate j, each with its sources.yaml entry."""
    rng = random.Random(seed * 1_000_003 + j)
    tag = f"synth-{j:03d}"
    pairing, pairs = synth_pairing.render(world, rng, j + 1)
    counties = [c for c in world.mountain if c.name.endswith("县")]
    subject = counties[j % len(counties)]
    strong = next(sups[0] for rec, sups in pairs if rec.name == subject.name)
    opinions_city = world.internal_cities[0]
    docs = {
        f"{tag}_pairing.txt": (pairing, _entry(
            f"{tag}-pairing", "关于进一步加强山海协作结对帮扶工作的指导意见（附件：结对安排表）",
            "浙江省山海协作领导小组办公室", "policy_with_pairing_table", ROUND, "2021-07-16")),
        f"{tag}_opinions.txt": (synth_opinions.render(world, rng, 2018)[0], _entry(
            f"{tag}-opinions", f"{opinions_city.name}人民政府关于打造山海协作工程升级版的实施意见",
            f"{opinions_city.name}人民政府", "municipal_opinions", "2018-wenzhou", "2018-12-07",
            opinions_city.name)),
        f"{tag}_action_plan.txt": (synth_action_plan.render(world, rng, subject, strong), _entry(
            f"{tag}-action-plan", f"{subject.name}山海协作结对帮扶三年行动计划（2025-2027年）", subject.name,
            "county_action_plan", "2025-2027", "2025", subject.name)),
        f"{tag}_provincial_plan.txt": (synth_provincial.render(world, rng), _entry(
            f"{tag}-provincial-plan", "浙江省山区26县跨越式高质量发展实施方案（2021-2025年）", "浙江省",
            "provincial_plan", ROUND, "2021", "浙江省")),
        f"{tag}_magazine.txt": (synth_magazine.render(world, rng, pairs), _entry(
            f"{tag}-magazine", "《今日浙江》山区26县专刊（合成）", "《今日浙江》杂志社", "magazine", ROUND, "2021")),
    }
    return docs


def generate(scale: int, out: Path, seed: int = DEFAULT_SEED, reference_source: Path = REFERENCE_DIR) -> Corpus:
    """Write a k× corpus under `out` (out/sources, out/reference); `out` is replaced if it exists."""
    if out.resolve() == SOURCES_DIR.resolve() or SOURCES_DIR.resolve() in out.resolve().parents:
        raise ValueError("synthetic documents never go into data/sources/")
    check_vocabulary()
    if out.exists():
        shutil.rmtree(out)
    sources = out / "sources"
    sources.mkdir(parents=True)
    world = make_world(random.Random(seed), reference_source)
    corpus = Corpus(scale, seed, sources, out / "reference")
    meta: dict[str, Any] = {}
    for j in range(scale):
        for name, (text, entry) in _replicate(world, j, seed).items():
            (sources / name).write_text(text, encoding="utf-8")
            meta[name] = entry
            corpus.documents.append(name)
            corpus.bytes += len(text.encode("utf-8"))
    (sources / "sources.yaml").write_text(
        "# Synthetic documents written by bench/synth.py; see that module.\n"
        + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    write_reference(world, corpus.reference_dir, reference_source)
    return corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--scale", type=int, default=1, help="k× the real corpus (k documents of each kind)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=Path("bench/corpus/1x"))
    args = ap.parse_args(argv)
    c = generate(args.scale, args.out, args.seed)
    print(f"{len(c.documents)} documents, {c.bytes / 1e6:.2f} MB → {c.sources_dir}; reference → {c.reference_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["DEFAULT_SEED", "Corpus", "generate"]
