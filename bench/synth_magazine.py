"""A synthetic magazine issue in narrow columns: pairing stories (结对, 飞地, 援建资金) among unrelated articles.

The planted sentences copy the wording of the real 《今日浙江》 issue ("常山、慈溪结对10年来",
"这里正是常山县与慈溪市山海协作的'产业飞地'", "获得慈溪市10万元山海协作援建资金" …); the
unrelated articles (vaccination, tree planting) name places next to each other without any pairing
word, so they must yield nothing. Lines wrap every ~15 characters with a blank line after each.
"""

from __future__ import annotations

import random

from bench.synth_text import paragraph, wrap_columns
from bench.synth_world import County, World

REPORTERS = ("王明", "李华", "张伟", "刘芳", "陈静", "杨敏", "赵强", "黄磊", "周军", "吴丽")
STORY_SENTENCES = (
    "{r}、{s}结对10年来，共同念好“山海经”、奏好“协作曲”，山海协作取得丰硕成果。",
    "发展致富产业的钱从哪来？村里的资金，来自于近400公里外的高新区产业园，这里正是{R}与{S}山海协作的“产业飞地”。",
    "去年底，村里拿到了“产业飞地”第一笔约3万元的分红，同时还获得{S}{amount}万元山海协作援建资金，搭建销售平台。",
    "自从筹资入股{r}—{s}山海协作“消薄飞地”后，村干部做民生实事的劲头更足了。",
    "在全省“山海协作”工程会议上，{R}被纳入首批示范区单位之一，拉开了与{S}山海协作的大幕。",
    "得知村民面临的难题，2019年，{S}提供山海协作援建资金{amount}万元，帮助{R}建造厂房及体验馆。",
)
STRONG_COUNT = "立足发挥“山”“海”比较优势，全省50个经济强县结对帮扶山区26县，进一步强化陆海统筹、山海互济。"
TARGET_CHARS = 80_000  # prose of the real issue, without its wraps and blank lines


def story(rng: random.Random, rec: County, sup: County) -> str:
    picked = rng.sample(STORY_SENTENCES, 4)
    body = []
    for s in picked:
        body.append(s.format(r=rec.short, s=sup.short, R=rec.name, S=sup.name, amount=rng.choice((10, 30, 50, 80))))
        body.append(paragraph(rng, rng.randint(2, 5)))
    return f"风从“海”上来——山海协作场景扫描■{rng.choice(REPORTERS)}" + "".join(body)


def unrelated(rng: random.Random, world: World) -> str:
    a, b = rng.choice(world.mountain), rng.choice(world.strong)
    kind = rng.choice((
        f"数字化赋能高效疫苗接种■{rng.choice(REPORTERS)}疫苗接种是预防控制疫情最有力的举措。截至8月27日，"
        f"{b.name}、{a.name}已累计完成全程接种。",
        f"“一村万树”种出“绿富美”■{rng.choice(REPORTERS)}今年是全民义务植树活动开展40周年。"
        f"{b.name}的志愿者来到{a.name}，种下一片纪念林。",
    ))
    return kind + paragraph(rng, rng.randint(8, 20))


def render(world: World, rng: random.Random, pairs: list[tuple[County, list[County]]]) -> str:
    articles = [f"推动山区跨越式高质量发展■{rng.choice(REPORTERS)}{paragraph(rng, 10)}{STRONG_COUNT}"]
    for rec, sups in rng.sample(pairs, 6):
        articles.append(story(rng, rec, sups[0]))
    while sum(map(len, articles)) < TARGET_CHARS:
        articles.append(unrelated(rng, world) if rng.random() < 0.2 else
                        f"山区发展观察■{rng.choice(REPORTERS)}{paragraph(rng, rng.randint(10, 30))}")
    head = articles[:1]
    rest = articles[1:]
    rng.shuffle(rest)
    lines: list[str] = []
    for line in wrap_columns("".join(head + rest), rng):
        lines += [line, ""]
    return "\n".join(lines)


__all__ = ["render"]
