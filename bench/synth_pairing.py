"""A synthetic pairing guidance with its 结对安排表, mangled the way the 2021 annex came out of extraction."""

from __future__ import annotations

import random

from bench.synth_text import paragraph
from bench.synth_world import County, World

HEADER_CITY = "序号\t受援地\t支援地"
HEADER_COUNTY = "序号\t受援地\t\t支援地"
MAX_SUPPORTERS = 3


def assign(world: World, rng: random.Random) -> list[tuple[County, list[County]]]:
    """Every 经济强县 supports exactly one mountain county; every mountain county gets 1–3 of them.

    A mountain county of a city that pairs inside itself gets a supporter from its own city first.
    """
    recipients = list(world.mountain)
    out: dict[str, list[County]] = {r.name: [] for r in recipients}
    free = list(world.strong)
    rng.shuffle(free)
    internal = {c.name for c in world.internal_cities}
    for r in recipients:
        if r.city in internal:
            own = next(s for s in free if s.city == r.city)
            free.remove(own)
            out[r.name].append(own)
    for r in recipients:
        if not out[r.name]:
            out[r.name].append(free.pop())
    while free:
        r = rng.choice([r for r in recipients if len(out[r.name]) < MAX_SUPPORTERS])
        out[r.name].append(free.pop())
    return [(r, out[r.name]) for r in recipients]


def county_rows(world: World, rng: random.Random, pairs: list[tuple[County, list[County]]]) -> list[str]:
    """The county table's lines, with the real annex's quirks chosen at random per recipient:

    numbers missing, cells shifted one column left, a supporter alone on a row in the 受援地 column
    (象山县 / 杭州市滨江区 in the original), and the header repeated after a page break.
    """
    lines = [HEADER_COUNTY]
    last_city = ""
    for number, (rec, sups) in enumerate(pairs, start=1):
        first_of_city = rec.city != last_city
        last_city = rec.city
        style = "canonical" if first_of_city else rng.choice(("canonical", "canonical", "shifted", "no_number"))
        first, rest = sups[0].table_name(), [s.table_name() for s in sups[1:]]
        if style == "canonical":
            lines.append(f"{number}\t{rec.city if first_of_city else ''}\t{rec.name}\t{first}")
            cont = "\t\t\t{}"
        elif style == "shifted":
            lines.append(f"{number}\t{rec.name}\t{first}\t")
            cont = "\t\t{}\t"
        else:
            lines.append(f"{rec.name}\t\t{first}\t")
            cont = "\t\t{}\t"
        for name in rest:
            lines.append(f"\t{name}\t\t" if rng.random() < 0.08 else cont.format(name))
        if rng.random() < 0.12:  # a page break: the header comes again
            lines += ["", HEADER_COUNTY]
    return lines


def render(world: World, rng: random.Random, issuer_no: int) -> tuple[str, list[tuple[County, list[County]]]]:
    pairs = assign(world, rng)
    head = [
        "", "", "浙江省山海协作工程领导小组办公室文件", "", f"浙山海办〔2031〕{issuer_no}号", "",
        "关于进一步加强山海协作结对帮扶工作的指导意见", "", "一、总体要求", "",
    ]
    body: list[str] = []
    for numeral in "一二三四五六七八九十":
        body += [f"（{numeral}）{paragraph(rng, rng.randint(3, 6))}", ""]
    city_table = [HEADER_CITY]
    for i, (rec, sups) in enumerate(world.city_pairs, start=1):
        city_table.append(f"{i}\t{rec.name}\t{'、'.join(s.name for s in sups)}")
    internal = "、".join(c.name for c in world.internal_cities)
    city_table.append(f"{len(world.city_pairs) + 1}\t内对关系：{internal}\t")
    lines = head + body + [
        "附件：有关市、县（市、区）山海协作结对安排表", "", "附件", "",
        "有关市、县（市、区）山海协作结对安排表", "", "一、市结对安排关系", "", *city_table, "",
        "二、经济强县与山区 26 县结对关系", "", *county_rows(world, rng, pairs), "",
    ]
    return "\n".join(lines), pairs


__all__ = ["assign", "county_rows", "render"]
