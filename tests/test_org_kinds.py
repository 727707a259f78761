"""The one organisation-kind taxonomy: its three readers (kind guess, prose institutions, QA names) agree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import graph.org_kinds as org_kinds
from graph.store import GraphStore
from loaders.base import guess_org_kind
from loaders.prose_qualify import institution_after
from queries.qa_slots import fill


@pytest.mark.parametrize(("name", "kind"), [  # names as the corpus writes them
    ("金溪镇中心卫生院", "hospital"),
    ("温州市中心医院", "hospital"),
    ("海宁市高级中学", "school"),
    ("浙江工商大学", "university"),
    ("瓯江实验室", "research"),
    ("工程研究中心", "research"),  # research before department: 中心 alone is a department's ending
    ("国家开发银行", "bank"),
    ("省街舞运动协会", "association"),
    ("某某市慈善联合总会", "association"),  # charities end in 总会 / 基金会 as well as 协会
    ("某某公益基金会", "association"),
    ("某大三院", "hospital"),  # a university's third affiliated hospital, as plans shorten it
    ("浙江嘉隆机械设备有限公司", "enterprise"),
    ("省二轻集团", "enterprise"),
    ("浙江省自然资源厅", "department"),
    ("龙游县人民政府", "department"),
    ("永嘉县供销合作社", "department"),
    ("下姜村", "other"),
])
def test_kind_guessed_from_the_name(name: str, kind: str) -> None:
    assert guess_org_kind(name) == kind


@pytest.mark.parametrize(("after", "institution"), [  # what follows a county in the sources
    ("县人民医院对口帮扶", "县人民医院"),
    ("中学、平湖中学", "中学"),
    ("县第二高级中学", "县第二高级中学"),
    ("民族医院", "民族医院"),
    ("县人民政府", None),
    ("开展合作共建医院", None),  # clause words end the name
    ("优质学校组建教共体", None),  # a class of the place's schools, not one school
    ("三甲医院专家下沉", None),
    ("县重点中学", None),
])
def test_institution_after_a_place(after: str, institution: str | None) -> None:
    m = institution_after().match(after)
    assert (m.group(0) if m else None) == institution


@pytest.fixture()
def museum_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A copy of the taxonomy with one more kind, read instead of the real file."""
    copy = tmp_path / "org_kinds.yaml"
    copy.write_text(org_kinds.ORG_KINDS_FILE.read_text(encoding="utf-8") + (
        "- id: museum\n  zh: 博物馆\n  words: [博物馆]\n  en: [museum]\n  endings: [博物馆]\n"
        "  question_endings: [博物馆]\n  after_place: [博物馆]\n"), encoding="utf-8")
    monkeypatch.setattr(org_kinds, "ORG_KINDS_FILE", copy)
    org_kinds.taxonomy.cache_clear()
    yield
    monkeypatch.undo()
    org_kinds.taxonomy.cache_clear()


def test_a_new_kind_reaches_every_reader(memory_store: GraphStore, museum_kind: None) -> None:
    assert guess_org_kind("温州博物馆") == "museum"  # loaders: the kind of an unlisted organisation
    m = institution_after().match("县博物馆与")  # prose: a county's own institution
    assert m is not None and m.group(0) == "县博物馆"
    # question answering: a county's own institution the graph does not know is a name, not the county.
    assert fill(memory_store, "永嘉县博物馆得到谁的帮扶？").unknown == "永嘉县博物馆"


def test_without_the_kind_none_of_them_sees_it(memory_store: GraphStore) -> None:
    assert guess_org_kind("温州博物馆") == "other"
    assert institution_after().match("县博物馆与") is None
    assert fill(memory_store, "永嘉县博物馆得到谁的帮扶？").unknown is None


def test_bad_taxonomy_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "org_kinds.yaml"
    bad.write_text("- id: hospital\n  endings: 医院\n", encoding="utf-8")
    with pytest.raises(org_kinds.OrgKindsError, match=r"org_kinds\.yaml: kind 'hospital': endings"):
        org_kinds.read_org_kinds(bad)
