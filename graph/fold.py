"""The one normalisation every name match uses: NFKC, no format characters, simplified, lower-case."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc
from pypinyin import lazy_pinyin

# Traditional → simplified. The converter ships its dictionaries with the package (no download).
_T2S = opencc.OpenCC("t2s")

# "Yongjia County", "Ouhai qu", "Lishui Shi": the words a Latin-script name may carry after its stem.
LATIN_SUFFIXES = ("county", "district", "city", "province", "xian", "qu", "shi", "sheng")
# The Latin suffix words that go with each Chinese administrative suffix (县 → xian / county …).
SUFFIX_WORDS = {"县": ("xian", "county"), "区": ("qu", "district"), "市": ("shi", "city"),
                "省": ("sheng", "province")}
CJK_SUFFIXES = tuple(SUFFIX_WORDS)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A tone number right after a pinyin syllable (yong3jia1), not part of a longer number (26县).
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5](?![0-9])")


@dataclass(frozen=True)
class Folded:
    """Folded text and, for each of its characters, the index of the original character it came from."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for folded[start:end] (end exclusive)."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=65536)  # documents repeat a few thousand characters over and over
def _fold_char(ch: str) -> str:
    """One original character → its folded form ('' when it is dropped)."""
    if unicodedata.category(ch) == "Cf":  # zero-width space/joiner, BOM, soft hyphen, bidi marks
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if unicodedata.category(c) in ("Cf", "Mn") and not _CJK.match(c):
            continue  # a lone combining mark (a tone mark typed separately) is dropped too
        if c.isspace():
            out.append(" ")
        elif c.isalpha() and ord(c) < 0x2000:
            # Latin with diacritics (Yǒngjiā, Lüshui) → base letter, lower-cased.
            base = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
            low = base.lower()
            out.append(low if len(low) == 1 else c)
        else:
            out.append(c)
    return "".join(out)


def fold(text: str) -> Folded:
    """NFKC (full-width → half-width), format characters removed, traditional → simplified,
    Latin lower-cased without diacritics, whitespace runs → one space; offsets map back."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded == ch and ch != " ":  # the common case: the character stays as it is
            chars.append(ch)
            offsets.append(i)
            continue
        for c in folded:
            if c == " " and chars and chars[-1] == " ":
                continue
            chars.append(c)
            offsets.append(i)
    return Folded(simplified("".join(chars)), tuple(offsets), text)


def simplified(text: str) -> str:
    """Traditional → simplified, one character for one (so an offset map built beside the text stays
    valid): the phrase conversion when it keeps the length, else character by character."""
    simple = _T2S.convert(text) if _CJK.search(text) else text
    if len(simple) != len(text):  # a phrase conversion changed the length: convert char by char
        simple = "".join(c2 if len(c2 := _T2S.convert(c)) == 1 else c for c in text)
    return simple


@lru_cache(maxsize=65536)  # the same names are folded again and again
def fold_name(text: str) -> str:
    """The key of a whole name: folded, trimmed, and without spaces between Chinese characters."""
    t = fold(text).text.strip()
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", t)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def has_latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", fold(text).text))


@lru_cache(maxsize=65536)
def latin_key(text: str) -> str:
    """Pinyin/English lookup key: folded letters and digits only, tone numbers dropped
    ("Chun'an" → "chunan", "Yǒngjiā" / "yong3jia1" / "Yong-jia" → "yongjia")."""
    t = fold(text).text
    return re.sub(r"[^a-z0-9]", "", _TONE_DIGIT.sub("", t))


def strip_latin_suffix(key: str) -> str | None:
    """The key without a trailing suffix word (kaihuaxian → kaihua), or None when it has none."""
    for suffix in LATIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return None


@lru_cache(maxsize=65536)
def _char_pinyin(ch: str) -> str:
    return lazy_pinyin(ch)[0] if _CJK.match(ch) else ch


def pinyin_key(text: str) -> str:
    """Toneless pinyin, one default reading per character (the same for a name and a homophone typo)."""
    return "".join(_char_pinyin(c) for c in fold_name(text))


__all__ = ["CJK_SUFFIXES", "LATIN_SUFFIXES", "SUFFIX_WORDS", "Folded", "fold", "fold_name", "has_cjk",
           "has_latin", "latin_key", "pinyin_key", "simplified", "strip_latin_suffix"]
