"""The name index on its own: the one normalisation, derived abbreviations and their collisions."""

from __future__ import annotations

import pytest

from graph.fold import fold, fold_name, latin_key
from graph.gazetteer import Gazetteer
from graph.model import ORGANIZATION, REGION
from graph.name_forms import Named, NameRules
from graph.names import NameIndex, clear_best


@pytest.mark.parametrize(("raw", "folded"), [
    ("慶元縣的結對幫扶地區", "庆元县的结对帮扶地区"),
    ("一縣一業", "一县一业"),
    ("甌海區", "瓯海区"),
    ("永\u200b嘉", "永嘉"),                 # zero-width space
    ("\ufeff永\u200d嘉\u00ad县\u200e", "永嘉县"),  # BOM, joiner, soft hyphen, bidi mark
    ("ＹＯＮＧＪＩＡ　County", "yongjia county"),  # full-width Latin and space
    ("Yǒngjiā", "yongjia"),
])
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw).text == folded


def test_fold_maps_back_to_the_original_characters() -> None:
    f = fold("问：永\u200b嘉縣？")
    start = f.text.index("永嘉县")
    assert f.span(start, start + 3) == (2, 6)


@pytest.mark.parametrize("raw", ["Yǒngjiā", "yong3jia1", "yong jia", "Yong-jia", "YONGJIA", "Ｙｏｎｇｊｉａ"])
def test_latin_key(raw: str) -> None:
    assert latin_key(raw) == "yongjia"


def test_latin_key_keeps_numbers_that_are_not_tones() -> None:
    assert latin_key("Shanqu 26 xian") == "shanqu26xian"
    assert latin_key("Chun'an") == "chunan"


PROVINCE = Named("region:zj", REGION, "浙江省", ("浙江",), ("Zhejiang",), "province")
RULES = NameRules(province_abbr="浙")


def org(name: str, *aliases: str) -> Named:
    return Named(f"org:{name}", ORGANIZATION, name, aliases)


def test_abbreviations_are_generated_from_the_name() -> None:
    ix = NameIndex([PROVINCE, org("浙江省交通投资集团有限公司"), org("浙江工商大学"),
                    org("中国建设银行浙江省分行"), org("浙江省教育厅"), org("中共浙江省委组织部")], RULES)
    expected = {
        "浙交投": "浙江省交通投资集团有限公司",   # 浙 + first characters of 交通 / 投资
        "省交通投资集团": "浙江省交通投资集团有限公司",
        "浙江省交通投资集团": "浙江省交通投资集团有限公司",  # legal form dropped
        "浙工商大": "浙江工商大学",
        "建设银行": "中国建设银行浙江省分行",
        "省教育厅": "浙江省教育厅",
        "省委组织部": "中共浙江省委组织部",
    }
    for form, name in expected.items():
        assert ix.candidates(form) == [f"org:{name}"], form


def test_a_generated_form_two_organisations_share_is_dropped_for_both() -> None:
    # 浙江省建设投资集团 and 浙江省建筑投资集团 would both be 浙建投: neither gets it.
    a, b = org("浙江省建设投资集团"), org("浙江省建筑投资集团")
    ix = NameIndex([PROVINCE, a, b], RULES)
    assert ix.candidates("浙建投") == []
    assert ix.candidates("省建设投资集团") == [a.id]
    assert ix.candidates("省建筑投资集团") == [b.id]


def test_a_listed_alias_beats_a_generated_form() -> None:
    # 省交通集团 is listed for one organisation; another's generated forms never take it over.
    listed = org("浙江省交通运输厅", "浙交投")
    ix = NameIndex([PROVINCE, listed, org("浙江省交通投资集团")], RULES)
    assert ix.candidates("浙交投") == [listed.id]


def test_real_reference_collisions(gazetteer: Gazetteer) -> None:
    # 中国农业发展银行 (head office) and its 浙江省分行 both generate 农业发展银行: dropped for both.
    assert gazetteer.candidates("农业发展银行") == []
    assert gazetteer.resolve("中国农业发展银行") is not None
    assert gazetteer.resolve("农业发展银行浙江省分行") is not None  # listed alias


def test_clear_best_needs_a_margin() -> None:
    from graph.names import Suggestion

    one = Suggestion("a", "甲", REGION, 88.0, "fuzzy")
    assert clear_best([one, Suggestion("b", "乙", REGION, 70.0, "fuzzy")]) == one
    assert clear_best([one, Suggestion("b", "乙", REGION, 85.0, "fuzzy")]) is None
    assert clear_best([Suggestion("a", "甲", REGION, 60.0, "fuzzy")]) is None


def test_gazetteer_reads_documents_with_the_same_index(gazetteer: Gazetteer) -> None:
    text = "慶元縣与温州瓯海结对，江山如画"
    found = [(m.surface, m.entry.name) for m in gazetteer.find_all(text, (REGION,))]
    assert found == [("慶元縣", "庆元县"), ("温州瓯海", "瓯海区")]  # 江山如画 is not 江山市
    assert fold_name(" 永 嘉 ") == "永嘉"
