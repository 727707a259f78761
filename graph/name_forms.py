"""What the name index knows of each entity, and the forms it derives: region suffixes, abbreviations."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

from graph.fold import CJK_SUFFIXES, SUFFIX_WORDS, fold_name, latin_key
from graph.model import ORGANIZATION, REGION

_NUMERALS = "一二三四五六七八九十"
# Legal-form words a company name may carry; people drop them (罗浮阀门集团有限公司 → 罗浮阀门集团).
_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司)(?=$|.{2,4}(?:分行|分公司|支行)$)")
_HOSPITAL = re.compile(rf"^(?P<parent>.+?)附属第(?P<n>[{_NUMERALS}])医院$")


@dataclass(frozen=True)
class Named:
    """One entity the index can name: its id, label and every surface form the data lists."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    latin: tuple[str, ...] = ()  # pinyin and English names
    level: str | None = None  # regions: province / group / city / county
    city: str | None = None  # counties: the name of their city


@dataclass(frozen=True)
class NameRules:
    """Settings of the derived forms, read from data/reference (see `graph.reference`)."""

    province_abbr: str = ""  # 浙: the one-character abbreviation organisation names use (浙交投)
    # 浙江省: the province organisation names are stripped of (浙江省X → 省X). Regions outside it
    # (四川省 … for 东西部协作) are provinces too, so the home one is named, not guessed.
    home_province: str = ""
    stop_contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 江山 → (江山如画, …)


def region_forms(r: Named, cities: dict[str, Named]) -> set[str]:
    """Compound forms of a county with its city: 温州瓯海, 温州市瓯海, 温州瓯海区 (listed ones aside).

    Only listed short forms are used: a county whose short form is withheld (西湖区: 西湖 is the lake)
    gets no compound without its suffix either."""
    city = cities.get(r.city or "")
    if r.level != "county" or city is None:
        return set()
    county_forms = [f for f in (r.name, *r.aliases) if f.endswith(CJK_SUFFIXES) or len(f) == 2]
    county_forms = [f for f in county_forms if not f.startswith(city.name[:2])]
    city_forms = [city.name, *(a for a in city.aliases if len(a) >= 2)]
    return {c + f for c in city_forms for f in county_forms}


def region_latin(r: Named, cities: dict[str, Named]) -> set[str]:
    """Latin keys of a region: its pinyin with and without the suffix word (Kaihua, kaihuaxian …),
    also after its city's (Wenzhou Ouhai). Pinyin the data lacks is generated from the name."""
    suffix = r.name[-1] if r.name.endswith(CJK_SUFFIXES) else ""
    keys = {latin_key(s) for s in r.latin if latin_key(s)}
    if not keys:
        keys = {latin_key("".join(lazy_pinyin(r.name[:-1] if suffix else r.name)))}
    for stem in list(keys):
        for word in SUFFIX_WORDS.get(suffix, ()):
            keys.add(stem + word)
    city = cities.get(r.city or "")
    if r.level == "county" and city is not None:
        keys |= {c + k for c in region_latin(city, {}) for k in list(keys)}
    return keys


def _province_strip(name: str, province: Named | None) -> list[str]:
    """浙江省X → 省X, 浙江X; 中共浙江省委X → 省委X, 浙江省委X."""
    if province is None:
        return []
    full = province.name
    shorts = [a for a in province.aliases if full.startswith(a) and a != full]
    out: list[str] = []
    for head in (f"中共{full}委", f"{full}委"):
        if name.startswith(head):
            out += [full[-1] + "委" + name[len(head):], *(s + full[-1] + "委" + name[len(head):] for s in shorts)]
    if name.startswith(full):
        rest = name[len(full):]
        out += [full[-1] + rest, *(s + rest for s in shorts)]
    return out


def _initials(words: str) -> str | None:
    """交通投资 → 交投: the first character of each two-character word (only for even lengths ≥ 4)."""
    if len(words) < 4 or len(words) % 2:
        return None
    return words[::2]


def org_forms(o: Named, province: Named | None, rules: NameRules, listed: dict[str, set[str]]) -> set[str]:
    """Abbreviations generated from an organisation's name (never from a hand list), ≥ 3 characters."""
    return {f for f in _abbreviations(o.name, province, rules, listed) if len(f) >= 3 and f != o.name}


def _abbreviations(name: str, province: Named | None, rules: NameRules, listed: dict[str, set[str]]
                   ) -> set[str]:
    """Every form derived from `name`; `listed` gives the listed forms of a listed form's entity."""
    bases = {name}
    bare = _LEGAL_FORM.sub("", name)
    bare = re.sub(r"集团有限公司$", "集团", bare)
    if len(bare) >= 4:
        bases.add(bare)
    out: set[str] = bases - {name}
    for b in list(bases):
        out |= set(_province_strip(b, province))
    bases |= out
    p = rules.province_abbr
    for b in list(bases):
        short = province.aliases[0] if province and province.aliases else ""
        rest = b[len(province.name):] if province and b.startswith(province.name) else (
            b[len(short):] if short and b.startswith(short) else None)
        if p and rest:
            m = re.fullmatch(r"(.+)(集团|大学)", rest)
            if m and m.group(2) == "集团":
                out |= {p + m.group(1), *((p + i) for i in [_initials(m.group(1))] if i)}
            elif m:
                out |= {p + m.group(1) + "大", p + m.group(1)}
            elif rest == "大学":
                out.add(p + "大")
        # 中国X银行浙江省分行 → 中国X银行, X银行; 中国X银行 → X银行
        if province and b.endswith(province.name + "分行"):
            head = b[: -len(province.name + "分行")]
            out |= {head, head.removeprefix("中国")}
        elif b.startswith("中国") and b.endswith("银行"):
            out.add(b.removeprefix("中国"))
    hospital = _HOSPITAL.match(fold_name(name))
    if hospital:
        parent, n = hospital.group("parent"), hospital.group("n")
        parents = {parent, parent.removesuffix("医学院")}
        # The parent's own listed forms (浙中医大 for 浙江中医药大学) and its generated ones.
        for q in list(parents):
            parents |= listed.get(q, set())
            parents |= _abbreviations(q, province, rules, {})
        for q in parents:
            out |= {q + "附" + n + "院", q + "附属" + n + "院", q + n + "院"}
    return out


def derived_forms(records: list[Named], rules: NameRules) -> dict[str, str]:
    """Generated form → id, for every entity. A form two entities generate is dropped for both; a form
    that is already a listed name or alias of anything is left to the listed one."""
    listed: dict[str, str] = {}
    forms_of: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for s in (r.name, *r.aliases):
            listed.setdefault(fold_name(s), r.id)
            forms_of[r.id].add(fold_name(s))
    siblings = {f: forms_of[i] for f, i in listed.items()}  # a listed form → all forms of its entity
    province = next((r for r in records if r.label == REGION and r.level == "province"
                     and (not rules.home_province or r.name == rules.home_province)), None)
    cities = {r.name: r for r in records if r.label == REGION and r.level == "city"}
    claims: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.label == REGION:
            forms = region_forms(r, cities)
        elif r.label == ORGANIZATION:
            forms = org_forms(r, province, rules, siblings)
        else:
            continue
        for f in forms:
            claims[fold_name(f)].add(r.id)
    return {f: next(iter(ids)) for f, ids in claims.items() if len(ids) == 1 and f not in listed}


__all__ = ["NameRules", "Named", "derived_forms", "org_forms", "region_forms", "region_latin"]
