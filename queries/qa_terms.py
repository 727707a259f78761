"""The closed vocabularies questions use: field words, organisation kinds, mechanisms, statuses, categories."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.org_kinds import org_kinds
from graph.reference import REFERENCE_DIR


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary and the words that name it in a question."""

    id: str
    words: tuple[str, ...]
    also: tuple[str, ...] = ()  # further values the word covers (国企 → soe and central_soe)


@dataclass(frozen=True)
class Found:
    term: Term
    start: int
    end: int


def _pattern(word: str) -> str:
    w = re.escape(word.lower())
    # An English word also matches its plural (valve → valves, county → counties is listed where needed):
    # people write either, and a vocabulary listing both forms of every word drifts out of step.
    return w if re.search(r"[\u4e00-\u9fff]", word) else r"(?<![a-z])" + w + r"(?:s|es)?(?![a-z])"


def find(terms: list[Term], text: str) -> list[Found]:
    """Every term whose word occurs in text, longest word first, non-overlapping, in text order."""
    low = text.lower()
    words, by_first = _compiled(terms)
    # The words that occur at all, found from each character of the text (questions are short, the
    # vocabularies long: testing `w in low` for each of ~400 words was most of a question's reading).
    present = {k for i, c in enumerate(low) for k in by_first.get(c, ()) if low.startswith(words[k][0], i)}
    taken: list[tuple[int, int]] = []
    out = []
    for k in sorted(present):  # in the longest-first order of the words
        _, pattern, t = words[k]
        for m in pattern.finditer(low):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append(m.span())
                out.append(Found(t, m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


_Words = list[tuple[str, re.Pattern[str], Term]]
_COMPILED: dict[int, tuple[list[Term], _Words, dict[str, tuple[int, ...]]]] = {}


def _compiled(terms: list[Term]) -> tuple[_Words, dict[str, tuple[int, ...]]]:
    """The words of a vocabulary longest first with their compiled patterns, and their positions in that
    order by first character; once per list (the lists of `vocab()` live as long as the process;
    compiling ~400 patterns per question was most of find)."""
    cached = _COMPILED.get(id(terms))
    if cached is None or cached[0] is not terms:
        words = sorted(((w, t) for t in terms for w in t.words if w), key=lambda x: -len(x[0]))
        compiled = [(w.lower(), re.compile(_pattern(w)), t) for w, t in words]
        firsts: dict[str, list[int]] = {}
        for k, (w, _, _) in enumerate(compiled):
            firsts.setdefault(w[0], []).append(k)
        cached = (terms, compiled, {c: tuple(ks) for c, ks in firsts.items()})
        _COMPILED[id(terms)] = cached
    return cached[1], cached[2]


def _read(name: str) -> Any:
    path = Path(REFERENCE_DIR) / name
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _terms(rows: list[dict[str, Any]]) -> list[Term]:
    return [Term(str(r["id"]), tuple(str(w) for w in [*(r.get("words") or []), *(r.get("en") or [])]),
                 tuple(r.get("also") or [])) for r in rows]


@lru_cache(maxsize=1)
def vocab() -> dict[str, list[Term]]:
    """kinds, mechanisms, statuses, categories, project_kinds and domains (question words), read once."""
    terms = _read("qa_terms.yaml")
    out = {key: _terms(terms.get(key) or []) for key in ("mechanisms", "statuses", "categories", "project_kinds")}
    out["kinds"] = [Term(k.id, k.words + k.en, k.also) for k in org_kinds()]
    out["domains"] = [Term(f"domain:{d['id']}", tuple(str(w) for w in [
        d["zh"], d.get("en_label", ""), *(d.get("en") or []), *(d.get("section_words") or []),
        *(d.get("question_words") or [])])) for d in _read("domains.yaml")]
    return out


@lru_cache(maxsize=1)
def industry_terms() -> list[Term]:
    """Words for the 一县一业 industries (qa_terms.yaml `industries`); the id is the industry as stated."""
    return _terms(_read("qa_terms.yaml").get("industries") or [])


@lru_cache(maxsize=1)
def rounds_meta() -> list[dict[str, Any]]:
    """The pairing rounds with the years they cover (data/reference/rounds.yaml)."""
    return list(_read("rounds.yaml") or [])


__all__ = ["Found", "Term", "find", "rounds_meta", "vocab"]
