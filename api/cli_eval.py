"""`shanhai eval FILE.yaml`: score a file of questions with expected answers (queries.evaluate does the scoring)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any, open_store: Any) -> None:
    e = sub.add_parser("eval", help="score a YAML file of questions with expected answers (precision, recall)")
    e.add_argument("file", help="question file (shared EVAL_FORMAT: cases with q, must, may)")
    e.add_argument("--backend", choices=["memory", "neo4j"], default="memory")
    e.add_argument("--graph", help="snapshot directory (default data/build)")
    e.add_argument("--min", type=float, default=None, help="exit 1 when precision or recall is below this")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=lambda args: cmd_eval(args, open_store))


def cmd_eval(args: argparse.Namespace, open_store: Any) -> int:
    from queries.evaluate import EvalFileError, evaluate

    store = open_store(args)
    try:
        result = evaluate(store, Path(args.file))
    except EvalFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for c in result.cases:
            if c.passed:
                continue
            print(f"FAIL {c.id} (p={c.precision:.2f} r={c.recall:.2f}, {c.intent}): {c.q}")
            for m in c.missing:
                print(f"    missing: {m[0]}")
            for x in c.extra:
                print(f"    extra:   {x}")
        print("kind                 cases  precision  recall")
        for kind, (n, p, r) in result.by_kind().items():
            print(f"{kind:<20} {n:>5}  {p:>9.3f}  {r:>6.3f}")
        print(f"{len(result.cases)} cases: precision {result.precision:.3f}, recall {result.recall:.3f}")
    if args.min is not None and min(result.precision, result.recall) < args.min:
        print(f"below --min {args.min}", file=sys.stderr)
        return 1
    return 0


__all__ = ["add_parser", "cmd_eval"]
