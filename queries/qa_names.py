"""Names the index does not find as written: pinyin with a suffix, typos — used only when one is clearly best."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from graph.fold import pinyin_key
from graph.gazetteer import latin_key
from graph.model import ORGANIZATION, REGION, Node, normalize
from graph.store import GraphStore
from queries.common import brief, lies_in
from queries.derived import derived
from queries.lookup import Hit, lookup_for
from queries.qa_terms import vocab

# Characters that start question words, not place names (哪个县, 几个区, 结对县 …).
_NOT_NAME = set("哪个些几对援扶强济该本全各每城地山的是和与在有县区市中两一二三四五六七八九十多少")
_EN_COMMON = {"which", "what", "where", "does", "support", "supports", "supported", "help", "helps", "county",
              "counties", "city", "cities", "district", "districts", "there", "their", "with", "from", "paired",
              "partner", "partners", "projects", "measures", "between", "connected", "mountain", "responsible",
              "province", "zhejiang", "about", "among", "these", "those", "many", "much", "most", "would", "could"}


@lru_cache(maxsize=1)
def _vocab_words() -> frozenset[str]:
    """Every word of the question vocabularies, lower-cased (the vocabularies are read once per process)."""
    return frozenset(w.lower() for terms in vocab().values() for t in terms for w in t.words)


def fuzzy_hits(store: GraphStore, text: str, hits: list[Hit]) -> tuple[list[Hit], list[dict[str, Any]]]:
    """Hits for names the exact scan missed, and "did you mean" suggestions for each one tried."""
    index = lookup_for(store)
    names = index.index
    covered = [(h.start, h.end) for h in hits]
    out: list[Hit] = []
    suggestions: list[dict[str, Any]] = []
    vocab_words = _vocab_words()

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in covered + [(h.start, h.end) for h in out])

    # English names of organisations, with or without "Zhejiang" (the Provincial Second Light Industry Group).
    for m in re.finditer(r"(?:[A-Z][a-z]+\s+){1,7}[A-Z][a-z]+", text):
        key = latin_key(m.group(0))
        if not free(m.start(), m.end()) or len(key) < 12:
            continue
        orgs = names.latin_tail(m.group(0), (ORGANIZATION,))
        if len(orgs) == 1:
            out.append(Hit(m.start(), m.end(), m.group(0), index.by_id[orgs[0]]))
    for m in re.finditer(r"[A-Za-z]{4,}", text):
        word = m.group(0)
        if not free(m.start(), m.end()) or word.lower() in _EN_COMMON or word.lower() in vocab_words:
            continue
        found = index.candidates(word, (REGION, ORGANIZATION))
        if len(found) == 1:
            out.append(Hit(m.start(), m.end(), word, found[0]))
            continue
        _use(out, suggestions, m, [index.by_id[i] for i in names.near_latin(word, (REGION, ORGANIZATION))])
    # 省自然资源厅 for 浙江省自然资源厅: every source is a Zhejiang document (the name index may do this itself).
    for m in re.finditer(r"(?<![江])省[\u4e00-\u9fff]{2,12}?(厅|局|委员会|委|办公室|办|集团|院|馆|中心)", text):
        if free(m.start(), m.end()):
            found = index.candidates("浙江" + m.group(0), (ORGANIZATION,))
            if len(found) == 1:
                out.append(Hit(m.start(), m.end(), m.group(0), found[0]))
    # An organisation named by the head of its name (平安银行 for 平安银行股份有限公司杭州分行, 兰州理工大学 for its
    # 温州泵阀工程研究院): the one organisation of the graph whose name or alias starts with it, said as read.
    for m in _ORG_HEAD.finditer(text):
        if not free(m.start(), m.end()) or index.candidates(m.group(0), (ORGANIZATION,)):
            continue
        heads = _org_heads(store)
        starting = sorted({i for form, ids in heads.items() if form.startswith(m.group(0)) for i in ids})
        if len(starting) == 1:
            _use(out, suggestions, m, [index.by_id[starting[0]]])
    sounds = _place_sounds(store)
    for m in re.finditer(r"[\u4e00-\u9fff]{2}(县|区|市)", text):
        if not free(m.start(), m.end()) or m.group(0) in names.forms:
            continue
        if set(m.group(0)[:2]) & _NOT_NAME:
            # 全 of 全市 is no name's character — unless the three sound exactly as one place (龙全市: 龙泉市).
            same = sounds.get(pinyin_key(m.group(0)), ())
            if len(same) == 1:
                _use(out, suggestions, m, [index.by_id[same[0]]])
            continue
        if m.group(0)[:2] in OTHER_PROVINCES:  # 上海市 is Shanghai, not a typo of 海宁市
            continue
        before = text[m.start() - 1] if m.start() else ""
        if re.match(r"[\u4e00-\u9fff]", before) and before not in _BOUNDARY:
            continue  # the end of a longer name (浦东新区 is not 东新区), not a name of its own
        near = [index.by_id[i] for i in names.near_place(m.group(0))]
        # A place written under a province or city (北京市朝阳区, 四川省青川县, 温州市瓯嗨区) is only read as one
        # of ours that lies in that province or city: 朝阳区 under 北京市 is not 富阳区.
        outer = re.search(r"[\u4e00-\u9fff]{2,3}[省市]$", text[:m.start()])
        if outer:
            near = [n for n in near if _within(n, outer.group(0))]
        if len(near) > 1:  # 龙全市: 龙泉市 and 龙港市 are one character off, 龙泉市 also sounds the same
            sound = [n for n in near if pinyin_key(n.name) == pinyin_key(m.group(0))]
            near = sound if len(sound) == 1 else near
        _use(out, suggestions, m, near)
    return out, suggestions


_ORG_HEAD = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,10}?(?:银行|大学|学院|集团|医院|研究院|实验室)")


def _org_heads(store: GraphStore) -> dict[str, tuple[str, ...]]:
    """Every organisation's name and aliases (folded as questions are) → its ids, once per snapshot."""
    def build(lk: Any) -> dict[str, tuple[str, ...]]:
        out: dict[str, set[str]] = {}
        for n in lk.by_id.values():
            if n.label == ORGANIZATION:
                for form in (n.name, *n.props.get("aliases", [])):
                    out.setdefault(normalize(str(form)), set()).add(n.id)
        return {k: tuple(sorted(v)) for k, v in out.items()}
    return derived(store, "qa_names.org_heads", build)


# China's province-level divisions other than Zhejiang: a name starting with one is a place outside the
# programme's province, never a mistyped place of Zhejiang.
OTHER_PROVINCES = frozenset([
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙", "江苏", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃",
    "青海", "台湾", "内蒙", "广西", "西藏", "宁夏", "新疆", "香港", "澳门"])


# Characters that may stand right before a place name in a question: particles and prepositions (在永嘉县,
# 给文成县), a city or province (温州市瓯海区), the last character of a support verb (帮扶/支援/支持/帮助/
# 结对/携手/合作/共建 永嘉县).
_BOUNDARY = set("的在和与跟同是由给对向被把为及或、市省从到里于至问扶援持助帮手作建")


def _within(node: Node, outer: str) -> bool:
    """Whether a region lies in the province or city written before it (浙江省 holds all of ours)."""
    if outer in ("浙江省", "浙江"):
        return True
    return lies_in(node, outer) or (outer.endswith("市") and str(node.props.get("city") or "").startswith(outer[:-1]))


def _use(out: list[Hit], suggestions: list[dict[str, Any]], m: re.Match[str], near: list[Node]) -> None:
    """Take the one close name as the party (saying so), or ask back with up to five tied names."""
    if len(near) == 1:
        out.append(Hit(m.start(), m.end(), m.group(0), near[0]))
        suggestions.append({"surface": m.group(0), "did_you_mean": near[0].name, "id": near[0].id, "used": True})
    elif near:
        suggestions.append({"surface": m.group(0), "candidates": [brief(n) for n in near[:5]], "used": False})


def unknown_names(store: GraphStore, text: str) -> list[dict[str, Any]]:
    """Close names of the graph for name-like words the question holds, to offer as "did you mean"."""
    out: list[dict[str, Any]] = []
    text = normalize(text)
    for m in re.finditer(r"[\u4e00-\u9fff]{2,6}?(?:县|区|市|集团|医院|大学)|[A-Z][a-z]{3,}", text):
        for b in lookup_for(store).suggest(m.group(0), (REGION, ORGANIZATION), n=3):
            if b not in out:
                out.append(b)
    # A place's short form written with a homophone (太顺 for 泰顺): two characters sounding as one place's
    # two-character name, only ever offered as "did you mean", never taken as the place.
    sounds = _short_sounds(store)
    index = lookup_for(store)
    for i in range(len(text) - 1):
        pair = text[i:i + 2]
        if not re.fullmatch(r"[\u4e00-\u9fff]{2}", pair) or set(pair) & _NOT_NAME or pair in index.index.forms:
            continue
        for rid in sounds.get(pinyin_key(pair), ()):
            b = brief(index.by_id[rid])
            if b not in out:
                out.append(b)
    return out[:5]


def _place_sounds(store: GraphStore) -> dict[str, tuple[str, ...]]:
    """Toneless pinyin of every three-character place name ending in 县/区/市 → its region ids, per snapshot."""
    def build(lk: Any) -> dict[str, tuple[str, ...]]:
        by_sound: dict[str, set[str]] = {}
        for form, ids in lk.index.forms.items():
            if re.fullmatch(r"[\u4e00-\u9fff]{2}[县区市]", form):
                for i in ids:
                    if lk.by_id[i].label == REGION:
                        by_sound.setdefault(pinyin_key(form), set()).add(i)
        return {k: tuple(sorted(v)) for k, v in by_sound.items()}
    return derived(store, "qa_names.place_sounds", build)


def _short_sounds(store: GraphStore) -> dict[str, tuple[str, ...]]:
    """Toneless pinyin of the two-character forms that name exactly one region (泰顺 → taishun), per snapshot."""
    def build(lk: Any) -> dict[str, tuple[str, ...]]:
        by_sound: dict[str, set[str]] = {}
        for form, ids in lk.index.forms.items():
            if len(form) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", form) and len(set(ids)) == 1 \
                    and lk.by_id[ids[0]].label == REGION:
                by_sound.setdefault(pinyin_key(form), set()).add(ids[0])
        return {k: tuple(sorted(v)) for k, v in by_sound.items() if len(v) == 1}
    return derived(store, "qa_names.short_sounds", build)


__all__ = ["fuzzy_hits", "unknown_names"]
