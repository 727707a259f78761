"""The 2021 pairing table: expectations written by hand from 浙山海办〔2021〕1号's annex."""

from __future__ import annotations

from collections import defaultdict

import pytest

from graph.gazetteer import Gazetteer
from graph.model import InputError, LoadResult
from loaders import pairing_table
from loaders.base import Context, SourceDocument
from tests.conftest import read_source

DOC = "zhejiang_2021_pairing_guidance.txt"


def load(text: str, gazetteer: Gazetteer, path: str = DOC) -> LoadResult:
    doc = SourceDocument("zj", path, text, {"round": "2021-provincial"})
    return pairing_table.load(doc, Context(doc, gazetteer))


def supporters(res: LoadResult, gazetteer: Gazetteer, level: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in res.relations:
        if r.props["level"] == level:
            out[gazetteer.entries[r.target].name].add(gazetteer.entries[r.source].name)
    return out


@pytest.fixture(scope="module")
def result(gazetteer: Gazetteer) -> LoadResult:
    return load(read_source(DOC), gazetteer)


def test_detects_by_content() -> None:
    assert pairing_table.detect(read_source(DOC))
    assert not pairing_table.detect(read_source("yongjia_action_plan_2025_2027.txt"))


def test_city_pairings(result: LoadResult, gazetteer: Gazetteer) -> None:
    cities = supporters(result, gazetteer, "city")
    assert cities == {"衢州市": {"杭州市", "绍兴市"}, "丽水市": {"宁波市", "湖州市", "嘉兴市"}}


def test_county_pairings_by_hand(result: LoadResult, gazetteer: Gazetteer) -> None:
    counties = supporters(result, gazetteer, "county")
    assert counties["开化县"] == {"桐乡市", "上城区", "越城区"}  # rows split by a page break
    assert counties["常山县"] == {"慈溪市", "拱墅区"}
    assert counties["衢江区"] == {"鄞州区", "新昌县"}  # row number missing in the source
    assert counties["遂昌县"] == {"南湖区", "诸暨市", "象山县"}  # 象山县 on a row of its own
    assert counties["泰顺县"] == {"鹿城区", "滨江区"}  # 杭州市滨江区 on a row of its own
    assert counties["景宁畲族自治县"] == {"海盐县", "上虞区", "宁海县"}
    assert counties["永嘉县"] == {"瓯海区"}
    assert counties["淳安县"] == {"西湖区"}
    assert len(counties) == 26
    assert len({s for v in counties.values() for s in v}) == 50


def test_layout_inferred_links_say_so(result: LoadResult, gazetteer: Gazetteer) -> None:
    xiangshan = next(r for r in result.relations if gazetteer.entries[r.source].name == "象山县")
    assert xiangshan.props["layout_inferred"] is True
    ev = xiangshan.evidence[0]
    assert "layout-inferred" in (ev.note or "") and "遂昌县" in ev.note
    assert "象山县" in ev.quote and ev.document == "zj"
    first = next(r for r in result.relations if gazetteer.entries[r.source].name == "瓯海区")
    assert "layout_inferred" not in first.props
    assert first.evidence[0].quote == "17\t温州市\t永嘉县\t温州市瓯海区"


def test_internal_pairing_cities(result: LoadResult, gazetteer: Gazetteer) -> None:
    internal = {gazetteer.entries[i].name for i in result.facts["internal_pairing_city"]}
    assert internal == {"温州市", "金华市", "台州市"}


def test_unknown_region_in_table_is_an_input_error(gazetteer: Gazetteer) -> None:
    text = read_source(DOC).replace("温州市瓯海区", "温州市瓯海新区")
    with pytest.raises(InputError) as err:
        load(text, gazetteer, "bad.txt")
    assert err.value.path == "bad.txt" and err.value.line is not None
    assert "瓯海新区" in str(err.value)
