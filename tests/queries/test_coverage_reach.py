"""coverage (mountain counties × fields) and supporter_reach, by hand from the documents."""

from __future__ import annotations

import pytest

from graph.model import slug
from graph.store import GraphStore
from queries.coverage import coverage
from queries.errors import InvalidQuery, NotFound
from queries.reach import supporter_reach

WENZHOU_PARKS = {"永嘉县": "瓯海区", "苍南县": "龙湾区", "文成县": "瑞安市", "泰顺县": "鹿城区", "平阳县": "乐清市"}


def test_education_gaps(store: GraphStore) -> None:
    # Only the Yongjia plan ties education to named supporters (rows 五.1–五.3: 瓯海区, 海宁市高级中学, 平湖中学).
    res = coverage(store, "教育")
    gaps = {c["name"] for c in res.gaps["domain:education"]}
    assert len(res.counties) == 26 and len(gaps) == 25
    assert "永嘉县" not in gaps and "开化县" in gaps
    who = {s.name for s in res.cells["region:yongjiaxian"]["domain:education"]}
    assert who >= {"瓯海区", "海宁市高级中学", "浙江省平湖中学"}
    assert all(s.evidence for s in res.cells["region:yongjiaxian"]["domain:education"])


def test_every_mountain_county_has_a_partner(store: GraphStore) -> None:
    # The 2021 table has a row for each of the 26 counties.
    assert coverage(store).unpaired == []


def test_wenzhou_parks_cover_tourism(store: GraphStore) -> None:
    # 2018 生态旅游文化产业园 co-built by each mountain county with its partner.
    cells = coverage(store, "tourism").cells
    for county, partner in WENZHOU_PARKS.items():
        row = next(v for k, v in cells.items() if k.endswith(":" + slug(county)))
        assert partner in {s.name for s in row["domain:tourism_culture"]}


def test_coverage_field_is_checked(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        coverage(store, "astrology")


def test_supporter_reach(store: GraphStore) -> None:
    res = supporter_reach(store, limit=200)
    rows = {r.name: r for r in res.supporters}
    keys = [(-r.counties, -r.fields, -r.degree, r.id) for r in res.supporters]
    assert keys == sorted(keys)
    # 省二轻集团 backs Yongjia rows in 产业合作, 帮扶增收 (agriculture, consumption, tourism, employment) …
    erqing = rows["浙江省二轻集团"]
    assert [name for _, name in erqing.regions] == ["永嘉县"]
    assert set(erqing.domains) >= {"domain:industry", "domain:agriculture", "domain:consumption",
                                      "domain:employment", "domain:tourism_culture"}
    assert rows["杭州市"].counties == 0 and "衢州市" in {name for _, name in rows["杭州市"].regions}
    assert all(0.0 <= r.centrality <= 1.0 and round(r.centrality, 6) == r.centrality
               for r in res.supporters)
    assert len(supporter_reach(store, limit=3).supporters) == 3
    with pytest.raises(InvalidQuery):
        supporter_reach(store, limit=0)
