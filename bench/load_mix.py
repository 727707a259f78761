"""Varied requests for the load run, built from the graph itself: every county × field, questions of every kind.

Another system does not repeat one URL: it walks counties, fields and rounds and asks new questions.
The mix names nothing from a source document; it takes counties, fields, organisations and rounds
from the served snapshot and fills question shapes of each intent the question reader knows.
"""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import quote, urlencode

# One shape per kind of question (Chinese and English), filled from the graph.
QUESTIONS = (
    "谁在{field}方面帮扶{county}？", "Who supports {pinyin} in {field_en}?", "{county}的结对单位有哪些？",
    "{county}属于哪一类？", "{county}的一县一业是什么？", "{county}有哪些山海协作项目？", "{county}有哪些帮扶举措？",
    "{org}帮扶哪些地区？", "{county}和{org}有什么关系？", "{round_a}和{round_b}相比结对有什么变化？",
    "哪些山区县没有{field}方面的帮扶？", "Which hospitals support {pinyin}?", "{county}今天天气怎么样？",
)


def _q(path: str, **params: str) -> str:
    return path + "?" + urlencode(params, quote_via=quote)


def varied_paths(store: Any, seed: int = 7) -> list[str]:
    """Every county-level region × (no field and every field) for supporters, the other read routes per
    county, and one question per shape and county; shuffled with `seed` so neighbours differ."""
    counties = sorted((n for n in store.nodes("Region") if n.props.get("level") == "county"), key=lambda n: n.id)
    fields = sorted(store.nodes("Domain"), key=lambda n: n.id)
    orgs = sorted(store.nodes("Organization"), key=lambda n: n.id)
    rounds = [r["id"] for r in (store.snapshot_meta or {}).get("rounds", []) if "id" in r]
    paths: list[str] = []
    for i, county in enumerate(counties):
        name = quote(county.name, safe="")
        paths.append(f"/api/regions/{name}/supporters")
        paths += [_q(f"/api/regions/{name}/supporters", field=f.name) for f in fields]
        paths += [f"/api/regions/{name}", f"/api/supported-by/{name}", _q("/api/search", q=county.name[:2])]
        values = {"county": county.name, "pinyin": str(county.props.get("pinyin") or county.name),
                  "field": fields[i % len(fields)].name,
                  "field_en": str(fields[i % len(fields)].props.get("en_label") or fields[i % len(fields)].name),
                  "org": orgs[i % len(orgs)].name if orgs else county.name,
                  "round_a": rounds[0] if rounds else "", "round_b": rounds[-1] if rounds else ""}
        paths += [_q("/api/ask", q=shape.format(**values)) for shape in QUESTIONS]
    paths = list(dict.fromkeys(paths))  # shapes without a county (round changes, gaps) repeat
    random.Random(seed).shuffle(paths)
    return paths


__all__ = ["QUESTIONS", "varied_paths"]
