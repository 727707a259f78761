"""Synthetic municipal opinions (实施意见): body with （责任单位：…）, the park investment table, the 责任分解表.

Both annexes are row tables (one line per row) as in the Wenzhou 2018 opinions: the park table has a
two-line header whose year groups span three columns each; the 责任分解表 continues a task over rows
with empty 序号/任务 cells and leaves 责任单位 empty when the row above applies, and repeats its header
after a page break.
"""

from __future__ import annotations

import random

from bench.synth_cells import row_table
from bench.synth_text import paragraph
from bench.synth_world import City, County, World

GENERIC = "结对县（市、区）党委和政府"
TASKS = ("推进产业项目合作", "建好山海协作发展新平台", "促进群众增收和社会事业合作")
GROUPS = [f"{y} 年度{kind} 投资计划 (万元)" for y in (2018, 2019, 2020) for kind in ("政府性", "招商")]
SUB = ("项目 数", "计划 总投资", "计划 完成数")


def pairs_for(world: World, rng: random.Random, city: City) -> list[tuple[County, County]]:
    """Each mountain county of the city with one of the city's own 经济强县 (市域内对)."""
    hosts = [c for c in city.counties if c.mountain]
    strong = {s.name for s in world.strong}
    partners = rng.sample([c for c in city.counties if c.name in strong], len(hosts))
    return list(zip(hosts, partners, strict=True))


def park_table(rng: random.Random, pairs: list[tuple[County, County]]) -> list[str]:
    header = ["序号", "产业园名称", "核心 园区 面积 (km ²)"] + [c for g in GROUPS for c in (g, "", "")]
    sub = ["", "", ""] + [s for _ in GROUPS for s in SUB]
    rows = []
    for i, (host, partner) in enumerate(pairs, start=1):
        figures = []
        for _ in GROUPS:
            total = rng.randint(5, 500) * 1000
            figures += [str(rng.randint(1, 16)), str(total), str(total // rng.randint(2, 20))]
        rows.append([str(i), f"{host.short} -{partner.short}", f"{rng.uniform(1, 5):.2f}", *figures])
    return row_table(header, rows, sub)


def task_table(world: World, rng: random.Random, city: City) -> list[str]:
    units = list(world.departments(city))
    header = ["序号", "任务", "事项", "责任单位"]
    lines = row_table(header, [])
    for t, task in enumerate(TASKS, start=1):
        for k in range(1, rng.randint(3, 7) + 1):
            text = f"{k}. {paragraph(rng, rng.randint(1, 3))}"
            who = "" if k > 1 and rng.random() < 0.4 else "、".join([*rng.sample(units, rng.randint(1, 4)), GENERIC])
            lines.append("\t".join([str(t), task, text, who] if k == 1 else ["", "", text, who]))
        lines += ["", *row_table(header, [])]
    return lines[:-2]


def render(world: World, rng: random.Random, year: int) -> tuple[str, list[tuple[County, County]]]:
    city = world.internal_cities[0]
    pairs = pairs_for(world, rng, city)
    units = list(world.departments(city))
    body = ["", "", f"{city.name}人民政府文件", "", f"{city.stem}政发〔{year}〕26号", "",
            f"{city.name}人民政府关于 打造山海协作工程升级版的实施意见", "",
            "各县（市、区）人民政府，市各有关单位：", "",
            paragraph(rng, 3), "", "一、指导思想", "", paragraph(rng, 3), "", "二、主要任务", ""]
    for numeral in "一二三":
        body += [f"（{numeral}）{paragraph(rng, 1)}", ""]
        for k in range(1, 4):
            who = "、".join(rng.sample(units, rng.randint(1, 4)))
            body += [f"{k}.{paragraph(rng, rng.randint(2, 4))}（责任单位：{who}，结对县〈市、区〉党委、政府）", ""]
    body += ["三、保障措施", "", paragraph(rng, 4), "", "附件：1.生态旅游文化产业园投资计划表", "2.责任分解表", "",
             f"{city.name}人民政府", "", f"{year}年12月7日", "", "附件 1", "",
             "2018-2020 年生态旅游文化产业园投资计划表", "", *park_table(rng, pairs), "", "附件 2", "",
             "打造山海协作工程升级版行动计划责任分解表", "", *task_table(world, rng, city), "",
             "抄送：市委、市人大常委会、市政协办公室。", ""]
    return "\n".join(body), pairs


__all__ = ["pairs_for", "render"]
