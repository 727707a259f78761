"""The one name index: names, aliases, derived forms, pinyin and near names → entity ids."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Indel, Levenshtein

from graph.fold import (
    CJK_SUFFIXES,
    fold,
    fold_name,
    has_cjk,
    latin_key,
    pinyin_key,
    strip_latin_suffix,
)
from graph.model import DOMAIN, REGION
from graph.name_forms import Named, NameRules, derived_forms, region_latin

# Scores are 0–100. A suggestion is "clearly best" (the QA may answer it, saying "did you mean …")
# when it scores at least CLEAR_SCORE and leads the next entity by CLEAR_MARGIN.
CLEAR_SCORE = 80.0
CLEAR_MARGIN = 8.0
HOMOPHONE_SCORE = 95.0  # 永家县 for 永嘉县: same pinyin, the usual input-method slip
# A Latin word inside a text is compared fuzzily only from this many letters on (shorter ones such
# as xianqu, linen are one or two edits from a name yet other words), and only with names that share
# its first letter. English words of that shape one edit from a name (changing → Changxing) remain:
# such hits are marked "fuzzy" so that an answer says "did you mean …".
MIN_FUZZY_LATIN = 7
_WORD = re.compile(r"[a-z][a-z0-9'’-]*")
# Mistyped names (`near_latin`, `near_place`): difflib ratios from NEAR_LATIN on for a Latin word, from
# NEAR_PLACE on for a place name; names within NEAR_TIE of the closest tie with it.
NEAR_LATIN, NEAR_PLACE, NEAR_TIE = 0.85, 0.6, 0.05

EXACT, DERIVED, LATIN, HOMOPHONE, FUZZY = "exact", "derived", "latin", "homophone", "fuzzy"


@dataclass(frozen=True)
class NameHit:
    """A name found in a text: the span of the ORIGINAL text, the ids it may mean, and how it matched."""

    start: int
    end: int
    surface: str  # the original text's characters, as written
    ids: tuple[str, ...]  # best first
    how: str = EXACT  # exact / derived / latin (pinyin or English) / homophone / fuzzy
    score: float = 100.0


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str
    label: str
    score: float
    how: str


def clear_best(suggestions: list[Suggestion]) -> Suggestion | None:
    """The one suggestion that is clearly meant, or None (then only offer the list)."""
    if not suggestions or suggestions[0].score < CLEAR_SCORE:
        return None
    if len(suggestions) > 1 and suggestions[0].score - suggestions[1].score < CLEAR_MARGIN:
        return None
    return suggestions[0]


class NameIndex:
    """Every lookup accepts an id, a name, a listed alias or short name, a derived form or pinyin."""

    def __init__(self, records: list[Named], rules: NameRules | None = None, *, derive: bool = True) -> None:
        self.rules = rules or NameRules()
        self.records = {r.id: r for r in records}
        self.forms: dict[str, list[str]] = defaultdict(list)  # folded surface → ids (listed forms)
        self.derived: dict[str, str] = derived_forms(records, self.rules) if derive else {}
        self.latin: dict[str, list[str]] = defaultdict(list)
        self.latin_of: dict[str, set[str]] = defaultdict(set)  # id → its Latin keys
        self.pinyin: dict[str, list[str]] = defaultdict(list)  # pinyin of names ≥ 3 chars (homophones)
        self.vocabulary: set[str] = set()  # English words of names and fields: never fuzzy-matched
        cities = {r.name: r for r in records if r.label == REGION and r.level == "city"}
        for r in records:
            for s in (r.name, *r.aliases):
                self._add(self.forms, fold_name(s), r.id)
            latin = region_latin(r, cities) if r.label == REGION else {latin_key(s) for s in r.latin}
            for k in latin:
                if k:
                    self._add(self.latin, k, r.id)
                    self.latin_of[r.id].add(k)
            self.vocabulary |= {w for s in r.latin for w in _WORD.findall(fold(s).text)}
            if r.label != DOMAIN:
                for s in (r.name, *r.aliases):
                    if len(fold_name(s)) >= 3 and has_cjk(s):
                        self._add(self.pinyin, pinyin_key(s), r.id)
        for f, rid in self.derived.items():
            self._add(self.forms, f, rid)
        self.vocabulary -= {k for k in self.latin}
        self._pools: dict[tuple[str, ...] | None, dict[str, list[str]]] = {}  # near_latin: forms by labels
        self.max_latin_words = max((len(_WORD.findall(fold(s).text)) for r in records for s in r.latin), default=1)
        self._pattern = re.compile("|".join(map(re.escape, sorted(
            (s for s in self.forms if len(s) >= 2 and has_cjk(s)), key=len, reverse=True))) or "(?!)")

    @staticmethod
    def _add(index: dict[str, list[str]], key: str, rid: str) -> None:
        if rid not in index[key]:
            index[key].append(rid)

    def _order(self, ids: list[str], key: str, labels: tuple[str, ...] | None) -> list[str]:
        """Filter by label; an exact canonical name first, then regions, then by id."""
        out = [i for i in dict.fromkeys(ids) if not labels or self.records[i].label in labels]
        return sorted(out, key=lambda i: (fold_name(self.records[i].name) != key, self.records[i].label != REGION, i))

    def how(self, key: str, rid: str) -> str:
        return DERIVED if self.derived.get(key) == rid else EXACT

    # -- whole names ---------------------------------------------------------------------------
    def candidates(self, text: str, labels: tuple[str, ...] | None = None) -> list[str]:
        """Ids a whole name could mean (several when ambiguous), best first; [] when none matches."""
        if text in self.records:
            return self._order([text], text, labels)
        key = fold_name(text)
        found = self._order(self.forms.get(key, []), key, labels)
        if not found and key.endswith(CJK_SUFFIXES) and len(key) > 2:
            # 永嘉市 for 永嘉县, 开化县 typed where the data lists 开化: the stem's listed region forms.
            found = self._order([i for i in self.forms.get(key[:-1], []) if self.records[i].label == REGION],
                                key, labels)
        if not found and has_cjk(key):
            found = self._compound(key, labels)
        if not found and re.search(r"[a-z]", key):
            lk = latin_key(key)
            stem = strip_latin_suffix(lk)
            found = self._order(self.latin.get(lk, []) or (self.latin.get(stem, []) if stem else []), key, labels)
        return found

    def _compound(self, key: str, labels: tuple[str, ...] | None) -> list[str]:
        """温州瓯海区 / 丽水市龙泉: a city form followed by one of its own counties."""
        for i in range(2, len(key) - 1):
            cities = [c for c in self.forms.get(key[:i], []) if self.records[c].level == "city"]
            for c in cities:
                rest = self.forms.get(key[i:], []) or (
                    self.forms.get(key[i:-1], []) if key.endswith(CJK_SUFFIXES) else [])
                own = [r for r in rest if self.records[r].city == self.records[c].name]
                if own:
                    return self._order(own, key, labels)
        return []

    def suggest(self, text: str, labels: tuple[str, ...] | None = None, n: int = 5) -> list[Suggestion]:
        """Ranked near names with scores (100 = exact). Domains are never suggested by similarity."""
        exact = self.candidates(text, labels)
        scores: dict[str, tuple[float, str]] = {i: (100.0, EXACT) for i in exact}

        def offer(rid: str, score: float, how: str) -> None:
            label = self.records[rid].label
            if (not labels or label in labels) and label != DOMAIN and score > scores.get(rid, (0.0, ""))[0]:
                scores[rid] = (score, how)

        key = fold_name(text)
        if has_cjk(key):
            for rid in self.pinyin.get(pinyin_key(key), []):
                offer(rid, HOMOPHONE_SCORE, HOMOPHONE)
            for form, ids in self.forms.items():
                if not has_cjk(form) or abs(len(form) - len(key)) > 2:
                    continue
                score = 100.0 * Levenshtein.normalized_similarity(key, form)
                if len(key) >= 2 and (key in form or form in key) and len(form) >= 2:
                    score = max(score, 60.0)
                for rid in ids:
                    offer(rid, score, FUZZY)
        lk = latin_key(key)
        if lk and not has_cjk(key):
            stem = strip_latin_suffix(lk)
            for k, ids in self.latin.items():
                score = 100.0 * max(DamerauLevenshtein.normalized_similarity(q, k) for q in {lk, stem or lk})
                for rid in ids:
                    offer(rid, score, LATIN if score == 100.0 else FUZZY)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [Suggestion(i, self.records[i].name, self.records[i].label, round(s, 1), h)
                for i, (s, h) in ranked if s >= 50.0][:n]

    # -- mistyped names ---------------------------------------------------------------------------
    def latin_tail(self, text: str, labels: tuple[str, ...] | None = None) -> list[str]:
        """Ids whose Latin name ends with the text's (an English name without its leading "Zhejiang")."""
        key = latin_key(text)
        return sorted({i for k, ids in self.latin.items() if k.endswith(key) for i in ids
                       if not labels or self.records[i].label in labels})

    def near_latin(self, word: str, labels: tuple[str, ...] | None = None) -> list[str]:
        """Ids a mistyped Latin word may mean (Yongjai): the closest, or those tied for closest, by id."""
        return _closest(self._latin_pool(labels), latin_key(word), NEAR_LATIN)

    def _latin_pool(self, labels: tuple[str, ...] | None) -> dict[str, list[str]]:
        """The Latin forms with their ids of these labels, made once per index and labels."""
        pool = self._pools.get(labels)
        if pool is None:
            pool = {k: kept for k, ids in self.latin.items()
                    if (kept := [i for i in ids if not labels or self.records[i].label in labels])}
            self._pools[labels] = pool
        return pool

    def near_place(self, surface: str) -> list[str]:
        """Regions a mistyped place name (two characters and 县/区/市) may mean: the one that sounds the
        same (晋云县 → 缙云县), else the closest of the same suffix sharing a character (永家县 → 永嘉县)."""
        regions = {s: [i for i in ids if self.records[i].label == REGION]
                   for s, ids in self.forms.items() if s.endswith(surface[-1])}
        sound = {i for s, ids in regions.items() if _sound(s) == _sound(surface) for i in ids}
        if len(sound) == 1:
            return list(sound)
        return _closest({s: ids for s, ids in regions.items() if ids and set(s[:-1]) & set(surface[:2])},
                        surface, NEAR_PLACE)

    # -- names inside a text -------------------------------------------------------------------
    def scan(self, text: str, labels: tuple[str, ...] | None = None, *, fuzzy: bool = True) -> list[NameHit]:
        """Names in a text, leftmost-longest (海宁市高级中学 before 海宁市), spans in the original text.

        Chinese forms first (a city right before one of its counties is the county), then Latin
        windows of up to `max_latin_words` + 1 words (the longest Latin name, plus a suffix word);
        with `fuzzy`, homophones of names of ≥ 3 characters ending in 县/区/市 (永家县) and single Latin
        words close to one name only (Yongjai). Ambiguous Chinese forms carry every id, best first;
        Latin and near hits only ever mean one entity."""
        f = fold(text)
        t = f.text
        hits: list[tuple[int, int, list[str], str, float]] = []
        for m in self._pattern.finditer(t):
            ids = self._order(self.forms[m.group(0)], m.group(0), labels)
            if ids and not self._stopped(t, m.start(), m.end()):
                hits.append((m.start(), m.end(), ids, self.how(m.group(0), ids[0]), 100.0))
        hits = self._merge_compounds(hits)
        if fuzzy:
            hits += self._homophones(t, hits, labels)
        hits += self._latin(t, hits, labels, fuzzy)
        out = []
        for s, e, ids, how, score in sorted(hits, key=lambda h: h[0]):
            a, b = f.span(s, e)
            out.append(NameHit(a, b, text[a:b], tuple(ids), how, score))
        return out

    def _stopped(self, t: str, start: int, end: int) -> bool:
        """The match lies inside a context where the word means something else (江山如画)."""
        for ctx in self.rules.stop_contexts.get(t[start:end], ()):
            pos = ctx.find(t[start:end])
            if pos >= 0 and t[start - pos: start - pos + len(ctx)] == ctx:
                return True
        return False

    def _merge_compounds(self, hits: list[tuple[int, int, list[str], str, float]]
                         ) -> list[tuple[int, int, list[str], str, float]]:
        """A city right before one of its counties (温州 瓯海) is one name: the county."""
        out: list[tuple[int, int, list[str], str, float]] = []
        for h in hits:
            if out and out[-1][1] == h[0]:
                prev = self.records[out[-1][2][0]]
                own = [i for i in h[2] if self.records[i].city == prev.name and prev.level == "city"]
                if own:
                    out[-1] = (out[-1][0], h[1], own, DERIVED, 100.0)
                    continue
            out.append(h)
        return out

    def _homophones(self, t: str, taken: list[tuple[int, int, list[str], str, float]],
                    labels: tuple[str, ...] | None) -> list[tuple[int, int, list[str], str, float]]:
        """Windows of 3–8 Chinese characters ending in 县/区/市 whose pinyin is a name's (永家县)."""
        busy = {i for s, e, *_ in taken for i in range(s, e)}
        out: list[tuple[int, int, list[str], str, float]] = []
        for end in range(3, len(t) + 1):
            if t[end - 1] not in CJK_SUFFIXES or end - 1 in busy:
                continue
            for size in range(min(8, end), 2, -1):
                window = t[end - size:end]
                if any(i in busy for i in range(end - size, end)) or not all(has_cjk(c) for c in window):
                    continue
                ids = self._order(self.pinyin.get(pinyin_key(window), []), window, labels)
                if len(ids) == 1:
                    out.append((end - size, end, ids, HOMOPHONE, HOMOPHONE_SCORE))
                    busy |= set(range(end - size, end))
                    break
        return out

    def _latin(self, t: str, taken: list[tuple[int, int, list[str], str, float]], labels: tuple[str, ...] | None,
               fuzzy: bool) -> list[tuple[int, int, list[str], str, float]]:
        """Pinyin / English names: windows of whole words, longest first; an exact key must be unique."""
        busy = {i for s, e, *_ in taken for i in range(s, e)}
        words = [(m.start(), m.end()) for m in _WORD.finditer(t) if m.start() not in busy]
        out: list[tuple[int, int, list[str], str, float]] = []
        i = 0
        while i < len(words):
            for span in range(min(self.max_latin_words + 1, len(words) - i), 0, -1):
                s, e = words[i][0], words[i + span - 1][1]
                if re.search(r"[^a-z0-9'’\- ]", t[s:e]) or not self._may_name(t[s:e]):
                    continue  # a window never spans Chinese text or punctuation
                ids = self.candidates(t[s:e], labels)
                if len(ids) == 1:
                    out.append((s, e, ids, LATIN, 100.0))
                    i += span
                    break
            else:
                if fuzzy:
                    hit = self._fuzzy_word(t, words, i, labels)
                    if hit:
                        out.append(hit)
                i += 1
        return out

    def _may_name(self, window: str) -> bool:
        """Whether `candidates` can find anything for a Latin window: the same lookups without the ordering
        (most windows of an English question name nothing, and ordering empty lists was most of its reading)."""
        if window in self.records or fold_name(window) in self.forms:
            return True
        lk = latin_key(window)
        stem = strip_latin_suffix(lk)
        return lk in self.latin or (stem is not None and stem in self.latin)

    def _fuzzy_word(self, t: str, words: list[tuple[int, int]], i: int, labels: tuple[str, ...] | None
                    ) -> tuple[int, int, list[str], str, float] | None:
        s, e = words[i]
        word = latin_key(t[s:e])
        # Pinyin ends in a vowel, n, ng or r: "helps", "linked" are English, not a misspelt name.
        if len(word) < MIN_FUZZY_LATIN or word in self.vocabulary or word[-1] not in "aeiouvnrg":
            return None
        best = clear_best([x for x in self.suggest(word, labels, 3) if x.label != DOMAIN])
        if best is None or best.how not in (FUZZY, LATIN):
            return None
        # Typos keep the first letter; an English word one letter from a name rarely does (raining).
        if not any(k[0] == word[0] for k in self.latin_of[best.id]):
            return None
        return (s, e, [best.id], FUZZY, best.score)


def _sound(text: str) -> str:
    return "".join(lazy_pinyin(text))


def _closest(pool: dict[str, list[str]], key: str, cutoff: float) -> list[str]:
    """Ids of the forms closest to key (ratio ≥ cutoff, within NEAR_TIE of the best), by id; [] if none."""
    # difflib's matching blocks are a common subsequence, so its ratio never exceeds the Indel
    # (longest-common-subsequence) similarity: rapidfuzz's C scan drops every form that cannot reach the
    # cutoff, and difflib scores the few left as before (an English question compared each word with
    # every Latin name in Python: 20 ms of its 23).
    near = [k for k, _, _ in process.extract(key, pool.keys(), scorer=Indel.normalized_similarity,
                                             score_cutoff=cutoff, limit=None)]
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in near), reverse=True)
    scored = [x for x in scored if x[0] >= cutoff]
    if not scored:
        return []
    return sorted({i for r, k in scored if r > scored[0][0] - NEAR_TIE for i in pool[k]})


__all__ = ["CLEAR_MARGIN", "CLEAR_SCORE", "NameHit", "NameIndex", "NameRules", "Named", "Suggestion",
           "clear_best"]
