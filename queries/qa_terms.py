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
    return w if re.search(r"[\u4e00-\u9fff]", word) else r"(?<![a-z])" + w + r"(?![a-z])"


def find(terms: list[Term], text: str) -> list[Found]:
    """Every term whose word occurs in text, longest word first, non-overlapping, in text order."""
    low = text.lower()
    taken: list[tuple[int, int]] = []
    out = []
    for w, pattern, t in _compiled(terms):
        if w not in low:  # the pattern matches the word itself: absent word, no match (most words)
            continue
        for m in pattern.finditer(low):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append(m.span())
                out.append(Found(t, m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


_COMPILED: dict[int, tuple[list[Term], list[tuple[str, re.Pattern[str], Term]]]] = {}


def _compiled(terms: list[Term]) -> list[tuple[str, re.Pattern[str], Term]]:
    """The words of a vocabulary longest first with their compiled patterns, once per list (the lists
    of `vocab()` live as long as the process; compiling ~400 patterns per question was most of find)."""
    cached = _COMPILED.get(id(terms))
    if cached is None or cached[0] is not terms:
        words = sorted(((w, t) for t in terms for w in t.words if w), key=lambda x: -len(x[0]))
        cached = (terms, [(w.lower(), re.compile(_pattern(w)), t) for w, t in words])
        _COMPILED[id(terms)] = cached
    return cached[1]


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
