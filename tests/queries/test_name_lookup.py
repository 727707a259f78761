"""The one name index over the real graph, on both stores: every form people write a name in.

Expectations by hand from data/reference (names, short names, pinyin) and the 2021 pairing table."""

from __future__ import annotations

import pytest

from graph.model import ORGANIZATION, REGION
from graph.store import GraphStore
from queries.errors import NotFound
from queries.lookup import lookup_for

# (written form, the canonical name it must resolve to)
EXACT_FORMS = [
    ("慶元縣", "庆元县"), ("甌海區", "瓯海区"), ("麗水市", "丽水市"),          # traditional
    ("永\u200b嘉", "永嘉县"), ("\ufeff永嘉\u00ad县", "永嘉县"),               # format characters
    ("ＹＯＮＧＪＩＡ", "永嘉县"), ("永嘉县\u3000", "永嘉县"),                  # full-width
    ("Yǒngjiā", "永嘉县"), ("yong3jia1", "永嘉县"), ("yong jia", "永嘉县"), ("Yong-jia", "永嘉县"),
    ("kaihuaxian", "开化县"), ("Kaihua County", "开化县"), ("Kaihua xian", "开化县"),
    ("Lishui City", "丽水市"), ("Longquan Shi", "龙泉市"), ("Chun'an", "淳安县"), ("chunan", "淳安县"),
    ("Ouhai District", "瓯海区"), ("Wenzhou Ouhai", "瓯海区"),
    ("永嘉", "永嘉县"), ("永嘉县", "永嘉县"), ("温州", "温州市"), ("温州市", "温州市"),  # suffixes
    ("瓯海", "瓯海区"), ("瓯海区", "瓯海区"), ("温州市瓯海区", "瓯海区"), ("温州瓯海", "瓯海区"),
    ("温州市瓯海", "瓯海区"), ("丽水市龙泉", "龙泉市"), ("永嘉市", "永嘉县"),
    ("省二轻集团", "浙江省二轻集团"), ("浙江省二轻集团", "浙江省二轻集团"), ("浙二轻", "浙江省二轻集团"),
    ("浙江中医药大学附二院", "浙江中医药大学附属第二医院"), ("浙中医大附二院", "浙江中医药大学附属第二医院"),
    ("浙工商", "浙江工商大学"), ("省市场监督管理局", "浙江省市场监督管理局"),
]


@pytest.mark.parametrize(("written", "name"), EXACT_FORMS)
def test_every_form_resolves(store: GraphStore, written: str, name: str) -> None:
    assert lookup_for(store).resolve(written).name == name


# (misspelt name, the name it clearly means)
CLEAR_TYPOS = [("永家县", "永嘉县"), ("永加县", "永嘉县"), ("Yongjai", "永嘉县"), ("Qinyuan", "庆元县"),
               ("qingtain", "青田县"), ("Lonquan", "龙泉市")]


@pytest.mark.parametrize(("typo", "name"), CLEAR_TYPOS)
def test_a_clear_typo_is_not_resolved_but_clearly_suggested(store: GraphStore, typo: str, name: str) -> None:
    lk = lookup_for(store)
    with pytest.raises(NotFound) as err:
        lk.resolve(typo)  # a typo is never silently taken for a name
    assert err.value.suggestions[0]["name"] == name
    best = lk.did_you_mean(typo)
    assert best is not None and best.name == name


@pytest.mark.parametrize(("typo", "names"), [
    ("Xianshan", {"象山县", "萧山区"}),   # one letter from Xiangshan and from Xiaoshan
    ("Zucheng", {"鹿城区", "婺城区"}),    # Lucheng / Wucheng
])
def test_two_close_names_give_only_suggestions(store: GraphStore, typo: str, names: set[str]) -> None:
    lk = lookup_for(store)
    assert lk.did_you_mean(typo) is None
    assert names <= {s.name for s in lk.suggestions(typo)}


@pytest.mark.parametrize("word", ["永家", "江上", "二院", "江山如画"])
def test_short_and_common_words_are_never_clearly_a_name(store: GraphStore, word: str) -> None:
    assert lookup_for(store).did_you_mean(word) is None


def test_generated_abbreviation_shared_by_two_organisations_is_dropped(store: GraphStore) -> None:
    # 中国农业发展银行 and 中国农业发展银行浙江省分行 would both be 农业发展银行.
    with pytest.raises(NotFound):
        lookup_for(store).resolve("农业发展银行", (ORGANIZATION,))


def scan(store: GraphStore, text: str) -> list[tuple[str, str, str]]:
    return [(h.surface, h.node.name, h.how) for h in lookup_for(store).scan(text, (REGION, ORGANIZATION))]


@pytest.mark.parametrize(("question", "found"), [
    ("慶元縣的結對幫扶地區", [("慶元縣", "庆元县", "exact")]),
    ("哪些单位支援永\u200b嘉？", [("永\u200b嘉", "永嘉县", "exact")]),
    ("who supports yongjai in health care", [("yongjai", "永嘉县", "fuzzy")]),
    ("kaihuaxian de jieduidi", [("kaihuaxian", "开化县", "latin")]),
    ("Which units support Yǒngjiā County in education?", [("Yǒngjiā County", "永嘉县", "latin")]),
    ("永家县的帮扶单位", [("永家县", "永嘉县", "homophone")]),
    ("温州瓯海帮扶哪个县", [("温州瓯海", "瓯海区", "derived")]),
    ("江山如画，江山市有哪些帮扶单位", [("江山市", "江山市", "exact")]),  # overrides: 江山如画 is not 江山市
    ("省二轻集团帮扶哪些地方", [("省二轻集团", "浙江省二轻集团", "exact")]),
    ("It is raining in Haining", [("Haining", "海宁市", "latin")]),      # raining is not a typo of Haining
    ("Xianshan supporters", []),                                        # two close names: no hit
    ("lishui shi de xianqu", [("lishui shi", "丽水市", "latin")]),       # xianqu (县区) is not Xianju
])
def test_scan_finds_names_inside_a_question(store: GraphStore, question: str,
                                            found: list[tuple[str, str, str]]) -> None:
    assert scan(store, question) == found


def test_scan_of_a_folded_question_finds_the_same_names(store: GraphStore) -> None:
    from graph.fold import fold

    q = "慶元縣和ＹＯＮＧＪＩＡ的結對幫扶單位"
    assert fold(fold(q).text).text == fold(q).text
    names = [h.node.name for h in lookup_for(store).scan(q)]
    assert names == [h.node.name for h in lookup_for(store).scan(fold(q).text)] == ["庆元县", "永嘉县"]


def test_scan_spans_are_the_original_texts(store: GraphStore) -> None:
    q = "请问：慶元縣和ＫＡＩＨＵＡ的支援单位"
    hits = lookup_for(store).scan(q)
    assert [q[h.start:h.end] for h in hits] == ["慶元縣", "ＫＡＩＨＵＡ"]
    assert [h.node.name for h in hits] == ["庆元县", "开化县"]
