"""The varied load of the API benchmark covers every county × field and every kind of question."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, unquote, urlsplit

from bench.load_mix import QUESTIONS, varied_paths
from graph.memory_store import MemoryStore


def test_every_county_with_every_field_and_every_question_shape(memory_store: MemoryStore) -> None:
    paths = varied_paths(memory_store)
    assert len(paths) == len(set(paths))
    counties = {n.name for n in memory_store.nodes("Region") if n.props.get("level") == "county"
                and not n.props.get("outside_province")}
    fields = {n.name for n in memory_store.nodes("Domain")}
    assert len(counties) >= 90  # the 90 county-level units of regions.yaml, and any the documents add
    supporters: Counter[str] = Counter()
    fields_seen: dict[str, set[str]] = {}
    questions = 0
    for p in paths:
        url = urlsplit(p)
        path = unquote(url.path)
        query = parse_qs(url.query)
        if path.endswith("/supporters"):
            county = path.split("/")[3]
            supporters[county] += 1
            fields_seen.setdefault(county, set()).update(query.get("field", []))
        elif path == "/api/ask":
            questions += 1
    assert set(supporters) == counties
    assert all(n == len(fields) + 1 for n in supporters.values())  # no field, then each field
    assert all(seen == fields for seen in fields_seen.values())
    per_county = [q for q in QUESTIONS if "{county}" in q or "{pinyin}" in q]
    assert len(counties) * len(per_county) <= questions <= len(counties) * len(QUESTIONS)
    assert varied_paths(memory_store) == paths  # seeded: the same mix every run
