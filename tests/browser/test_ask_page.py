"""The question box on `/` and the `/ask` page in headless Chromium against a real `shanhai serve`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import Server, settled

pytestmark = pytest.mark.browser

# Yongjia action plan 2025–2027, L240 and 附件2 row 五.4: 瓯海区, 浙中医大二院, 温州市中心医院 in healthcare.
# Answers name parties as the plan writes them; the reference's official name is shown beside.
HEALTHCARE = {"瓯海区", "浙中医大二院", "温州市中心医院"}


def answer_names(page: Any) -> set[str]:
    return set(page.locator("#answers .answer-name").all_inner_texts())


def test_question_box_on_landing_answers_with_quotes(page: Any, server: Server) -> None:
    page.goto(server.url("/"))
    page.fill("#ask-box input", "谁在医疗卫生方面帮扶永嘉县？")
    page.press("#ask-box input", "Enter")
    page.wait_for_url("**/ask?question=*")
    assert answer_names(page) == HEALTHCARE
    assert page.locator("#answers .official-name").all_inner_texts() == ["浙江中医药大学附属第二医院"]
    assert page.locator("#intent").inner_text() == "supporters_of"
    assert "supporters_of" in page.locator("#query").inner_text()
    assert page.locator("#answers .evidence q").count() >= 3  # every answer shows its quote
    sources = page.locator("#answers a.source").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all(s.startswith("/documents/yj-2025-2027-action-plan") for s in sources)
    # From an answer into the network.
    page.locator('#answers a.answer-link[href="/viz/region%3Aouhaiqu"]').click()
    page.wait_for_url("**/viz/region*ouhaiqu")
    settled(page)


def test_refusal_shows_what_can_be_asked(page: Any, server: Server) -> None:
    page.goto(server.url("/ask?q=" + quote("明天杭州会下雨吗？")))
    assert page.locator("#intent").inner_text() == "refused"
    assert "can't answer this kind of question yet" in page.locator("#message").inner_text()
    assert page.locator("#answers").count() == 0
    assert page.locator("#refusal li").count() >= 10
    examples = page.locator("#refusal a.example")
    assert examples.count() == 2
    examples.first.click()
    page.wait_for_url("**/ask?q=*")
    assert page.locator("#answers .answer").count() >= 1


def test_traditional_question_and_industry_answer(page: Any, server: Server) -> None:
    # 26-county plan L220: 江山木艺 — the answer is the industry, linked to its county.
    page.goto(server.url("/ask?q=" + quote("江山市的一縣一業是什麼？")))
    assert answer_names(page) == {"木艺"}
    assert page.locator("#answers a.answer-link", has_text="江山市").count() == 1


def test_names_in_questions_stay_text(page: Any, server: Server) -> None:
    page.goto(server.url("/ask?q=" + quote("<script>alert(1)</script>谁帮扶永嘉？")))
    assert page.locator("#ask-form input").input_value().startswith("<script>")
