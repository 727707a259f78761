"""Questions written in pinyin: known Chinese question words spelled in pinyin are read as the Chinese words."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from pypinyin import lazy_pinyin

from graph.model import ORGANIZATION, REGION
from graph.store import GraphStore
from queries.common import nodes_by_label
from queries.derived import derived
from queries.qa_terms import vocab

# Words whose pinyin a question may use; the cue patterns of queries.intents contribute theirs too.
_EXTRA = ("哪个", "哪些", "哪里", "哪家", "什么", "多少", "几个", "谁", "是什么", "有哪些", "一县一业", "结对",
          "帮扶", "支援", "负责", "部门", "单位", "项目", "举措", "措施", "飞地", "产业园", "山区县", "共同",
          "关系", "变化", "最多", "最少", "类", "属于", "吗", "哪一类", "结对方", "帮扶方", "新建", "续建", "共建")
_SINGLE_OK = {"shei", "ma", "lei"}  # one-syllable words read as Chinese (others are too ambiguous: shi 是/市)


def _key(word: str) -> str:
    return "".join(lazy_pinyin(word)).lower()


@lru_cache(maxsize=8)  # one table per graph's words (a served graph does not change)
def _table(extra: tuple[str, ...]) -> dict[str, str]:
    words = set(_EXTRA) | set(extra)
    for terms in vocab().values():
        words |= {w for t in terms for w in t.words if re.fullmatch(r"[\u4e00-\u9fff]+", w)}
    out: dict[str, str] = {}
    for w in sorted(words, key=len):
        k = _key(w)
        if len(w) >= 2 or k in _SINGLE_OK:
            out.setdefault(k, w)
    return out


def _graph_words(store: GraphStore) -> tuple[str, ...]:
    """Industries and organisation names and aliases (Sheng erqing jituan → 省二轻集团)."""
    words = {str(n.props["industry"]) for n in nodes_by_label(store, REGION) if n.props.get("industry")}
    for n in nodes_by_label(store, ORGANIZATION):
        words |= {w for w in [n.name, *n.props.get("aliases", [])] if re.fullmatch(r"[\u4e00-\u9fff]{3,}", w)}
    return tuple(sorted(words))


@lru_cache(maxsize=8)
def cue_words(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The Chinese words of cue patterns (帮扶|支援|… → 帮扶, 支援, …)."""
    return tuple(sorted({w for p in patterns for w in re.findall(r"[\u4e00-\u9fff]{2,}", p)}))


def from_pinyin(store: GraphStore, text: str, protected: list[tuple[int, int]], patterns: tuple[str, ...]) -> str:
    """Replace runs of Latin words (outside protected spans: names found) that spell a known word in pinyin."""
    # Once per snapshot (and set of cue patterns): the graph's words were gathered per question before.
    table = derived(store, ("qa_pinyin.table", patterns), lambda _: _table(cue_words(patterns) + _graph_words(store)))
    words = [m for m in re.finditer(r"[A-Za-z]+", text)
             if all(m.end() <= s or m.start() >= e for s, e in protected)]
    out, last, i = [], 0, 0
    while i < len(words):
        for n in range(min(6, len(words) - i), 0, -1):
            run = words[i:i + n]
            if any(text[a.end():b.start()].strip() for a, b in pairwise(run)):
                continue  # the words must be separated by spaces only
            key = "".join(m.group(0).lower() for m in run)
            if key in table:
                out += [text[last:run[0].start()], table[key]]
                last, i = run[-1].end(), i + n
                break
        else:
            i += 1
    return "".join(out) + text[last:]


__all__ = ["from_pinyin"]
