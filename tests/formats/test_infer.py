"""Title, date and 文号 read from a document's own text for `shanhai add` (hand-written texts)."""

from __future__ import annotations

from loaders.formats.infer import infer_date, infer_number, infer_title
from tests.conftest import read_source

NEWS = """衢江区与鄞州区召开山海协作交流会
发布时间：2025年3月12日 来源：衢江新闻网
3月11日，宁波市鄞州区党政代表团来到衢州市衢江区，召开山海协作工作交流会。
"""


def test_news_headline_and_publication_date() -> None:
    assert infer_title(NEWS) == "衢江区与鄞州区召开山海协作交流会"
    assert infer_date(NEWS) == "2025-03-12"  # the first full date; 3月11日 has no year
    assert infer_number(NEWS) is None


def test_official_document_title_date_and_number() -> None:
    text = read_source("wenzhou_2018_upgrade_opinions.txt")
    # By hand from the head of 温政发〔2018〕26号: the title wraps after 关于 (a space in the extraction).
    assert infer_title(text) == "温州市人民政府关于 打造山海协作工程升级版的实施意见"
    assert infer_date(text) == "2018-12-07"
    assert infer_number(text) == "温政发〔2018〕26号"


def test_a_title_wrapped_over_two_lines_is_joined() -> None:
    text = read_source("zhejiang_26_counties_plan_2021_2025.txt")
    assert infer_title(text) == "浙江省山区26县跨越式高质量发展实施方案（2021-2025年）"


def test_no_guess_where_the_text_gives_none() -> None:
    # A body that starts with a sentence, a heading 一、… and dates without a day: nothing is inferred.
    text = "为深入贯彻落实省委部署，特制定本计划。\n一、背景意义\n2025年起，每年召开会议。\n2025年13月1日\n"
    assert infer_title(text) is None
    assert infer_date(text) is None
    assert infer_date("截至2024-02-30，项目完成。2024/3/5开工。") == "2024-03-05"


def test_a_title_wrapped_inside_its_bracket_and_a_number_between_issuer_and_date() -> None:
    # A printed plan's head (a PDF line breaks inside the bracket; the issuer, 文号 and date on one line).
    head = ("松阳县山海协作结对帮扶工作方案（2025—\n2027年）\n"
            "松阳县山海协作工作领导小组办公室　松山海办〔2025〕2号　2025年5月6日\n为深入实施山海协作工程…\n")
    assert infer_title(head) == "松阳县山海协作结对帮扶工作方案（2025—2027年）"
    assert infer_number(head) == "松山海办〔2025〕2号"
    assert infer_date(head) == "2025-05-06"
