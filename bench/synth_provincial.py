"""A synthetic provincial plan for the mountain counties: categories, 一县一业, indicator table, noted measures."""

from __future__ import annotations

import random

from bench.synth_cells import cell_table
from bench.synth_text import clause, paragraph
from bench.synth_world import ECO, LEAP, World

INDICATORS = ("人均GDP（元）", "一般公共预算收入（亿元）", "城镇居民人均可支配收入（元）",
              "农村居民人均可支配收入（元）", "新增规上工业企业数量（家）", "规上工业增加值（亿元）",
              "旅游业增加值（亿元）", "农林牧渔业增加值（亿元）", "网络零售总额（亿元）",
              "地表水达到或优于III类水质比例（%）")
INDUSTRIES = ("泵阀", "五金制品", "特种纸", "木艺", "汽车零部件", "医药", "汽车空调", "文体用品", "机械装备",
              "金属制品", "不锈钢管", "水饮料")
SECTIONS = (
    ("二、实施做大产业扩大税源行动", ("（一）推动山区生态产业高质量发展", "（二）提高山区产业平台能级",
                                  "（三）支持重大产业项目向山区转移")),
    ("三、实施提升居民收入富民行动", ("（一）提升生态农业富民", "（二）强化生态旅游富民", "（三）支持山区就业创业",
                                  "（四）提高山区公共服务共享水平")),
    ("四、强化数字改革赋能，健全绿色发展体制机制", ()),
    ("五、加快山区新型城镇化建设，着力补齐基础设施短板", ()),
    ("六、强化政策支持", ()),
    ("七、强化保障措施", ()),
)
ITEM_TITLES = ("改造升级山区传统制造业", "挖掘提升历史经典产业", "培育壮大山区新兴产业", "优化布局绿色能源产业",
               "特色发展山区生态农业", "做强山区特色旅游产业", "拓宽就业创业渠道", "构建符合山区需求的教育体系",
               "优化符合山区特点的医疗卫生服务体系", "完善适应山区特点的社会保障体系")


def _units(world: World, rng: random.Random) -> str:
    return "、".join(rng.sample(world.provincial_departments, rng.randint(1, 4)))


def _clauses(world: World, rng: random.Random, n: int, first: bool = False) -> str:
    """Clauses each ending with a （责任单位：…） note; some name mountain counties by short name."""
    out = []
    for i in range(n):
        named = ""
        if rng.random() < 0.35:
            named = "支持" + "、".join(c.short for c in rng.sample(world.mountain, 3)) + "等地" + clause(rng) + "，"
        remark = "，列第一位的为牵头单位，下同" if first and i == 0 else ""
        out.append(f"{named}{paragraph(rng, rng.randint(1, 2))}（责任单位：{_units(world, rng)}{remark}）")
    return "".join(out)


def indicator_table(rng: random.Random) -> list[str]:
    header = ("序号", "指标", "类别", "2020年", "2025年", "年均\n增速", "属性")
    rows: list[tuple[str, ...]] = []
    for i, name in enumerate(INDICATORS, start=1):
        for j, cat in enumerate((LEAP, ECO)):
            base = rng.randint(100, 90000)
            rows.append((str(i) if j == 0 else "", name if j == 0 else "", cat, str(base),
                         str(int(base * 1.4)), f"{rng.uniform(2, 12):.1f}%", "预期性"))
    return cell_table(header, rows)


def render(world: World, rng: random.Random) -> str:
    leap = [c for c in world.mountain if c.category == LEAP]
    eco = [c for c in world.mountain if c.category == ECO]
    industries = "、".join(f"{c.short}{rng.choice(INDUSTRIES)}" for c in rng.sample(world.mountain, 12))
    lines = [
        "", "浙江省山区26县跨越式高质量发展", "实施方案（2021-2025年）", "（征求意见稿）", "",
        paragraph(rng, 4), "一、总体要求和主要目标",
        f"（一）总体要求。{paragraph(rng, 6)}", f"（二）主要目标。{paragraph(rng, 6)}",
        "同时，综合考虑资源禀赋、产业基础、生态功能等因素，将山区26县分为跨越发展类和生态发展类两大类型，分类明确目标导向。"
        f"其中跨越发展类包括{'、'.join(c.name for c in leap)}等{len(leap)}个县（市、区）；"
        f"生态发展类主要包括{'、'.join(c.name for c in eco)}等{len(eco)}个县（市）。",
        "", "—  2  —", "", "—  1  —", "“十四五”时期山区26县分类指标", *indicator_table(rng), "",
    ]
    first = True
    for section, subs in SECTIONS:
        lines.append(section)
        for sub in subs or ("",):
            if sub:
                lines.append(sub)
            for i in range(1, rng.randint(3, 5) + 1):
                title = rng.choice(ITEM_TITLES)
                text = _clauses(world, rng, rng.randint(2, 4), first)
                if first:
                    text = f"围绕做强“一县一业”，重点支持{industries}等打造百亿级特色优势产业规模。" + text
                    first = False
                lines.append(f"{i}. {title}。{text}")
            if not sub:
                break
    return "\n".join(lines) + "\n"


__all__ = ["render"]
