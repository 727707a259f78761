"""Scoring a file of questions with expected answers (shared EVAL_FORMAT): per-case precision/recall, macro means."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.store import GraphStore
from queries.qa import ask

_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "〔": "[", "〕": "]"})


class EvalFileError(ValueError):
    """A question file that cannot be scored: names the file and what is wrong."""


def norm(name: str) -> str:
    """How an answer name is compared with an alias: NFKC, spaces ignored, full-width brackets = half-width."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)).translate(_BRACKETS))


@dataclass
class CaseResult:
    id: str
    q: str
    kind: str
    precision: float
    recall: float
    answers: list[str]
    missing: list[list[str]] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    intent: str = ""
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.precision == 1.0 and self.recall == 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "q": self.q, "kind": self.kind, "precision": self.precision, "recall": self.recall,
                "answers": self.answers, "missing": self.missing, "extra": self.extra, "intent": self.intent,
                "message": self.message}


@dataclass
class EvalResult:
    path: str
    cases: list[CaseResult]

    @property
    def precision(self) -> float:
        return sum(c.precision for c in self.cases) / len(self.cases) if self.cases else 0.0

    @property
    def recall(self) -> float:
        return sum(c.recall for c in self.cases) / len(self.cases) if self.cases else 0.0

    def by_kind(self) -> dict[str, tuple[int, float, float]]:
        out: dict[str, list[CaseResult]] = {}
        for c in self.cases:
            out.setdefault(c.kind, []).append(c)
        return {k: (len(v), sum(c.precision for c in v) / len(v), sum(c.recall for c in v) / len(v))
                for k, v in sorted(out.items())}

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "cases": len(self.cases), "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "by_kind": {k: {"cases": n, "precision": round(p, 4), "recall": round(r, 4)}
                            for k, (n, p, r) in self.by_kind().items()},
                "failing": [c.to_dict() for c in self.cases if not c.passed]}


def load_cases(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EvalFileError(f"{path}: cannot read the question file: {exc}") from exc
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, list):
        raise EvalFileError(f"{path}: expected a mapping with a `cases` list")
    for i, c in enumerate(cases):
        if not isinstance(c, dict) or not isinstance(c.get("q"), str) or not c.get("id"):
            raise EvalFileError(f"{path}: case {i + 1} needs an `id` and a `q` string")
        for key in ("must", "may"):
            v = c.get(key) or []
            if not isinstance(v, list) or not all(isinstance(x, list) for x in v):
                raise EvalFileError(f"{path}: case {c['id']}: `{key}` must be a list of alias lists")
    return cases


def score_case(case: dict[str, Any], names: list[str]) -> tuple[float, float, list[list[str]], list[str]]:
    must = [{norm(a) for a in aliases} for aliases in case.get("must") or []]
    may = [{norm(a) for a in aliases} for aliases in case.get("may") or []]
    got = [norm(n) for n in names]
    allowed = set().union(*must, *may) if must or may else set()
    extra = [n for n, g in zip(names, got, strict=True) if g not in allowed]
    # Nothing answered: right when nothing was required (a refusal), wrong otherwise.
    precision = (len(names) - len(extra)) / len(names) if names else (0.0 if must else 1.0)
    found = [m for m in must if m & set(got)]
    recall = len(found) / len(must) if must else 1.0
    missing = [list(aliases) for aliases, m in zip(case.get("must") or [], must, strict=True) if not m & set(got)]
    return precision, recall, missing, extra


def answer_name(a: dict[str, Any]) -> str:
    return str(a.get("name") or a.get("label") or a.get("id") or "")


def evaluate(store: GraphStore, path: Path) -> EvalResult:
    """Ask every question of the file and score its answers' names against must/may."""
    out = []
    for c in load_cases(path):
        a = ask(store, c["q"])
        names = [answer_name(x) for x in a.answers]
        p, r, missing, extra = score_case(c, names)
        kind = str(c.get("kind") or str(c["id"]).split("-")[0])
        out.append(CaseResult(str(c["id"]), c["q"], kind, p, r, names, missing, extra, a.intent, a.message))
    return EvalResult(str(path), out)


__all__ = ["EvalFileError", "EvalResult", "evaluate", "norm", "score_case"]
