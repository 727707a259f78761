"""The measures a question quotes: the longest run it shares with a measure's title, else with its text."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import MEASURE, Node
from graph.store import GraphStore
from queries.common import nodes_by_label
from queries.derived import derived
from queries.lookup import Hit, Lookup
from queries.qa_terms import vocab

TITLE_RUN = 4  # a title counts from a shared run of 4 characters
BODY_RUN = 8  # a measure's text from 8 characters of content shared in runs
UNIQUE_BODY_RUN = 6  # … or from 6 when no other measure's text shares as much
SHARED_RUN = 3  # the shortest run that counts towards them
MAX_TIED = 3  # measures sharing the best phrase that are all taken
# Words that carry no topic: a title sharing only these with the question is not quoted by it.
_PLAIN = re.compile(r"帮扶|支援|协作|合作|结对|山海|山区|推进|加强|深化|开展|建设|工作|发展|由|的|和|与|是|哪|个|谁|"
                    r"部门|单位|负责|责任|牵头|什么|哪些|举措|措施|任务|项目|有|在|方面|领域|共同|推动|实施")


class _Grams:
    """Which texts hold a k-character run: an index of every k-gram of the texts (made once per k and
    snapshot — a few thousand grams for the measures of a graph), so finding the texts that share any
    run with a question is one dict lookup per gram of the question instead of a search of every text."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.by_k: dict[int, dict[str, frozenset[int]]] = {}

    def _index(self, k: int) -> dict[str, frozenset[int]]:
        index = self.by_k.get(k)
        if index is None:  # two threads may build it once each: the same value, assigned whole
            grams: dict[str, set[int]] = {}
            for n, t in enumerate(self.texts):
                for i in range(len(t) - k + 1):
                    grams.setdefault(t[i:i + k], set()).add(n)
            index = self.by_k[k] = {g: frozenset(ns) for g, ns in grams.items()}
        return index

    def starts(self, text: str, k: int) -> dict[int, set[int]]:
        """For each text holding some k-character substring of `text`: where in `text` those substrings start."""
        index = self._index(k)
        out: dict[int, set[int]] = {}
        for i in range(len(text) - k + 1):
            for n in index.get(text[i:i + k], ()):
                out.setdefault(n, set()).add(i)
        return out

    def holding(self, text: str, k: int) -> set[int]:
        """Indices of the texts that contain some k-character substring of `text`."""
        index = self._index(k)
        out: set[int] = set()
        for i in range(len(text) - k + 1):
            found = index.get(text[i:i + k])
            if found:
                out |= found
        return out


class _Measures:
    def __init__(self, store: GraphStore) -> None:
        self.nodes = nodes_by_label(store, MEASURE)
        self.titles = [str(n.props.get("title") or n.name) for n in self.nodes]
        self.bodies = [_body(n) for n in self.nodes]
        self.title_index = _Grams(self.titles)
        self.body_index = _Grams(self.bodies)


# A measure's own words: its text, or a plan table's target and task cells, and the quotes that state it
# (an action paragraph keeps its words only in its evidence).
_BODY_PROPS = ("text", "target", "tasks_first_year", "plan_later_years")


def measure_text(node: Node) -> str:
    """A measure's own words, as its text is searched (see _BODY_PROPS)."""
    return _body(node)


def _body(node: Node) -> str:
    parts = [str(node.props[k]) for k in _BODY_PROPS if isinstance(node.props.get(k), str)]
    parts += [e.quote for e in node.evidence if e.quote]
    return "\n".join(p for p in parts if p)


def _measures(store: GraphStore) -> _Measures:
    def build(_: Lookup) -> _Measures:
        return _Measures(store)
    return derived(store, "qa_topic.measures", build)


@lru_cache(maxsize=1)
def _vocab_words() -> tuple[str, ...]:
    return tuple(sorted({w for terms in vocab().values() for x in terms for w in x.words
                         if re.search(r"[\u4e00-\u9fff]", w)}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _vocab_set() -> frozenset[str]:
    return frozenset(_vocab_words())


@lru_cache(maxsize=4096)
def _content_len(run: str) -> int:
    """Characters of a run left once plain and vocabulary words are out, when two of them are Chinese."""
    content = _PLAIN.sub("", run)
    for w in _vocab_words():
        content = content.replace(w, "")
    return len(content) if re.search(r"[\u4e00-\u9fff]{2}", content) else 0


@lru_cache(maxsize=4096)
def _has_content(run: str) -> bool:
    """Two Chinese characters left once the plain words and the vocabularies' words are taken out
    (a pure function of the run: the same few runs recur across questions)."""
    content = _PLAIN.sub("", run)
    for w in _vocab_words():
        content = content.replace(w, "")
    return len(re.sub(r"[^\u4e00-\u9fff]", "", content)) >= 2


def topic(store: GraphStore, text: str, hits: list[Hit]) -> list[Node]:
    """Measures whose title shares the longest run (≥4 characters, 2 of them content) with the question."""
    t = blank(text, [(h.start, h.end) for h in hits])
    ms = _measures(store)
    best: list[Node] = []
    best_len = TITLE_RUN - 1
    # Only titles sharing a 4-character run can qualify; in the measures' order, as a scan of all would.
    for i in sorted(ms.title_index.holding(t, TITLE_RUN)):
        common = common_run(t, ms.titles[i])
        if len(common) < max(TITLE_RUN, best_len):
            continue  # cannot change the best (and shorter than 4: not a quote at all)
        # A long quote counts as it is; a short one must hold two characters that are not plain words.
        if len(common) < 6 and not _has_content(common):
            continue
        if common.strip("的和与") in _vocab_set():
            continue  # the run is one vocabulary word (生态旅游文化产业园 is a kind of park): no quote of a title
        if len(common) > best_len:
            best, best_len = [ms.nodes[i]], len(common)
        elif len(common) == best_len:
            best.append(ms.nodes[i])
    if best:
        title_content = _content_len(common_run(t, best[0].name))
        top, best_i = _body_best(ms, t)
        if title_content < UNIQUE_BODY_RUN and top > title_content and _qualifies(top, best_i):
            return [ms.nodes[i] for i in best_i]
        return best
    # (A title run with little content — 持续推进 — gives way to a measure text sharing more: 中蜂养殖示范园.)
    # A quoted phrase (“新云采消费助农计划”) or a long run of a measure's text names it too.
    quoted = [q for q in re.findall(r"[“\"「『]([^”\"」』]{3,})[”\"」』]", text)]
    if quoted:
        return [n for n, body in zip(ms.nodes, ms.bodies, strict=True) if any(q in body for q in quoted)]
    # Else the measure whose text shares the most content with the question, in runs of three or more
    # characters (每年培训就业6000人次 against 培训就业（含转移）6000人次), at least BODY_RUN in all.
    top, best_i = _body_best(ms, t)
    # A shorter phrase (抽水蓄能电站, 6 characters of content) names a measure when only one text holds it.
    # A few measures tied on the same phrase (a plan's paragraph and its table row on 中蜂养殖示范园) are all
    # meant: who supports "it" is then read from the quotes that hold the phrase (qa_answers_items.measure_parties).
    return [ms.nodes[i] for i in best_i] if _qualifies(top, best_i) else []


def _qualifies(top: int, best_i: list[int]) -> bool:
    return top >= BODY_RUN or (top >= UNIQUE_BODY_RUN and len(best_i) <= MAX_TIED)


def _body_best(ms: _Measures, t: str) -> tuple[int, list[int]]:
    """The best content score of the measures' texts against the question, and the measures that reach it."""
    starts = ms.body_index.starts(t, SHARED_RUN)
    scored = [(_shared(t, ms.bodies[i], starts[i]), i) for i in sorted(starts)]
    top = max((x for x, _ in scored), default=0)
    return top, [i for x, i in scored if x == top]


def phrases(question: str, body: str) -> list[str]:
    """The runs of ≥ 4 characters with content that a question shares with a text (中蜂养殖示范园)."""
    out, i = [], 0
    while i < len(question):
        j = i + SHARED_RUN
        while j <= len(question) and question[i:j] in body:
            j += 1
        run = question[i:j - 1]
        if len(run) >= 4 and _content_len(run) >= 4:
            out.append(run)
            i = j - 1
        else:
            i += 1
    return out


def _shared(question: str, body: str, starts: frozenset[int] | set[int]) -> int:
    """Characters of the question found in `body` in runs of ≥ SHARED_RUN that hold Chinese content
    (plain and vocabulary words left out; years and Latin words alone name no measure). `starts`: the
    positions where a run of SHARED_RUN characters of the question is in `body` (from the gram index)."""
    total, i = 0, 0
    while i < len(question):
        if i not in starts:  # no run starts here: the body search would fail at its first test
            i += 1
            continue
        j = i + SHARED_RUN
        while j <= len(question) and question[i:j] in body:
            j += 1
        run = question[i:j - 1]
        if len(run) >= SHARED_RUN:
            total += _content_len(run)
            i = j - 1
        else:
            i += 1
    return total


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by as many spaces (offsets stay valid)."""
    out = list(text)
    for s, e in spans:
        out[s:e] = " " * (e - s)
    return "".join(out)


def common_run(a: str, b: str) -> str:
    """The longest common substring of two short strings."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


__all__ = ["blank", "common_run", "topic"]
