"""What a document says about itself: a title, a date and a 文号, read from its first lines and text."""

from __future__ import annotations

import datetime as dt
import re

# Words that name the kind of an official document or report; a short early line holding one is its title.
_KIND_WORDS = re.compile(r"关于|意见|通知|方案|计划|办法|决定|规划|报告|纪要|公告|通报|清单|安排表|协议|"
                         r"新闻|交流会|签约")
_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
_DATE_RES = [re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
             re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")]
_SENTENCE_END = tuple("。；;，,：:！!？?、")
_HEADING_RE = re.compile(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|附件|表\s*\d")
_HEAD_LINES = 20  # a title stands near the top; later lines are the body


def infer_title(text: str) -> str | None:
    """The first short line near the top that names a document kind (关于…的通知, …行动计划), joined
    with the line above it when the title wraps (…高质量发展 / 实施方案…); else the first line of the
    text when it is short and not a sentence. Sentences, dates, 文号, numbered headings (一、…) and an
    issuer's letterhead (…文件) are never titles."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip() and "\t" not in ln][:_HEAD_LINES]
    ok = [_title_like(ln) for ln in lines]
    for i, ln in enumerate(lines):
        if ok[i] and _KIND_WORDS.search(ln):
            title = lines[i - 1] + ln if i and ok[i - 1] and not _KIND_WORDS.search(lines[i - 1]) else ln
            # A title wrapped inside its bracket (…行动方案（2025— / 2027年）): the next line closes it.
            after = lines[i + 1] if i + 1 < len(lines) else ""
            if _unclosed(title) and after and len(after) <= 20 and not _unclosed(title + after):
                title += after
            return title
    # A headline has no sentence punctuation inside; a first line that has is the body's start.
    return lines[0] if lines and ok[0] and not re.search(r"[，。；]", lines[0]) else None


def _unclosed(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _title_like(line: str) -> bool:
    return (len(line) <= 60 and not line.endswith(_SENTENCE_END) and not line.endswith("文件")
            and not _NUMBER_RE.fullmatch(line) and not _date_only(line) and not _HEADING_RE.match(line)
            and not re.fullmatch(r"[\d\s\W]*", line))


def infer_date(text: str) -> str | None:
    """The first full date in the text (2025年3月12日, 2025-03-12) as YYYY-MM-DD."""
    found: list[tuple[int, str]] = []
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            try:
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            found.append((m.start(), day.isoformat()))
            break
    return min(found)[1] if found else None


def infer_number(text: str) -> str | None:
    """A 文号 (浙山海办〔2021〕1号) standing on a line of its own near the top, or set apart by spaces on a
    short line of the issuer and date (泰顺县…办公室　泰山海办〔2025〕3号　2025年4月18日)."""
    for ln in [ln.strip() for ln in text.split("\n") if ln.strip()][:_HEAD_LINES]:
        if _NUMBER_RE.fullmatch(ln):
            return ln
        if len(ln) <= 60 and not re.search(r"[，。；]", ln):
            for token in re.split(r"\s+", ln):
                if _NUMBER_RE.fullmatch(token):
                    return token
    return None


def _date_only(line: str) -> bool:
    return any(p.fullmatch(line) for p in _DATE_RES)
