"""A synthetic county action plan (2025–2027): "1对4" paragraphs, field paragraphs and the three annex tables.

The layout follows the real Yongjia plan: a body of 一、/（一）/1. headings whose paragraphs end with
responsibility notes （县发改局、…）, 表1 (targets), 附件1 (major projects) and 附件2 (key measures with
帮扶单位 and 责任部门) in the tab-led cell layout, and a footnote line after the last table.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.synth_cells import cell_table
from bench.synth_text import paragraph
from bench.synth_world import County, Org, World

TARGETS = (("产业合作项目数", "个"), ("产业合作项目到位资金", "亿元"), ("消费帮扶金额", "万元"),
           ("援建资金额", "万元"), ("教育帮扶活动数", "次"), ("医疗交流活动数", "次"),
           ("劳动力培训", "人/次"), ("文化走亲活动数", "次"), ("高层互访数", "次"))
INDUSTRIES = ("阀门", "新材料", "电子科技", "智能装备", "生物医药", "文化旅游", "食品", "新能源")
SECTIONS = ("一、产业合作领域", "二、科技合作领域", "三、发展轴建设领域", "四、帮扶增收领域",
            "五、服务惠民领域", "六、其他合作领域")
# Measures per section of 附件2, with their titles (the title decides the field).
MEASURES = {
    0: ("围绕“一县一业”，强化产业项目协作招引", "优化升级“发展飞地”建设"),
    1: ("加强科技创新协作平台建设", "开展产业技术协作", "推动科技成果转化"),
    2: ("强化提升县城承载力，做强中心镇纽带作用", "强化重点村片区组团发展"),
    3: ("加强特色农业帮扶", "建设农业产业生态园区平台", "提升农业种植水平", "推动农产品冷链物流建设",
        "推动“土特产富”全链发展，共建农业平台与品牌", "强化消费帮扶支持", "深化推进农文旅融合",
        "推进就业协作帮扶"),
    4: ("构建全学段跨区域教育协作体系", "加强山区教师培养与教育资源共享", "推动山海协作教育高水平数字化发展",
        "深化紧密型医共体与“山海”提升工程", "共推“一老一小”友好服务", "深化慈善帮扶与社会救助"),
    5: ("开展环保技术服务", "推进自然资源重点项目", "加强干部人才互派与宣传推广"),
}
EXTRA_TITLES = ("深化产业链协同招商", "推动平台共建共享", "加强创新资源导入", "推进城乡融合发展", "促进农民持续增收",
                "提升公共服务水平", "健全人才交流机制", "强化要素保障支撑")
RESPONSIBLE = ("县发改局、县经信局、县投资促进服务中心、县商务局", "县科技局、县经信局", "县农业农村局、县资规局",
               "县教育局", "县卫生健康局", "县民政局、县卫生健康局、县教育局", "县人社局、县农业农村局",
               "县住建局、县交通局、县发改局", "县委组织部、县人社局、县科技局")


@dataclass
class Partners:
    """Everyone one plan names, made up for it (social forces, firms) or taken from the world."""

    subject: County
    strong: County
    soe: Org
    soe2: Org
    leaders: list[str]
    hospital: Org
    city_hospital: Org
    schools: list[Org]
    university: Org
    lab: Org
    bank: Org
    association: Org
    bureau: Org
    owners: list[Org]


def partners(world: World, rng: random.Random, subject: County, strong: County) -> Partners:
    new = world.new_org
    soe, soe2 = rng.sample(world.soes, 2)
    schools = [world.add_org(Org(f"{rng.choice(world.strong).name}高级中学", "school")),
               new("school", "{s}中学")]
    world.add_org(Org(f"{subject.name}第二高级中学", "school", region=subject.name))
    return Partners(
        subject, strong, soe, soe2, rng.sample(world.provincial_departments, 3),
        new("hospital", "{s}医科大学附属第二医院", "{s}医大二院"),
        world.add_org(Org(f"{subject.city}中心医院", "hospital", region=subject.city)),
        schools, new("university", "浙江{s}大学"), new("research", "{s}实验室"),
        new("bank", "{s}银行" + rng.choice(world.cities).name[:-1] + "分行"),
        new("association", "浙江省{s}运动协会", "省{s}运动协会"), new("department", "浙江{s}地质局"),
        [new("enterprise", "浙江{s}" + rng.choice(INDUSTRIES) + "有限公司", region=subject.name)
         for _ in range(10)],
    )


def _short(org: Org) -> str:
    return org.aliases[0] if org.aliases else org.name


def extra(rng: random.Random, p: Partners, first: int, count: int) -> list[str]:
    """More numbered field paragraphs (the real plan has about twenty), some naming a partner."""
    named = [p.strong.name, _short(p.soe), _short(p.soe2), p.university.name, p.lab.name, p.bank.name]
    out = []
    for i in range(first, first + count):
        partner = f"加强与{rng.choice(named)}的合作对接。" if rng.random() < 0.5 else ""
        note = "、".join(rng.sample(RESPONSIBLE, 2))
        out += [f"{i}.{rng.choice(EXTRA_TITLES)}", "", f"{partner}{paragraph(rng, rng.randint(3, 5))}（{note}）", ""]
    return out


def body(rng: random.Random, p: Partners) -> list[str]:
    s, k, soe = p.subject, p.strong, _short(p.soe)
    out = [f" 为深入贯彻落实省委、省政府关于持续深化打造山海协作升级版的部署，加快推进{s.name}经济高质量发展，"
           "特制定本行动计划。", "", "一、背景意义", "", paragraph(rng, 6), "", paragraph(rng, 5),
           "二、现实基础", "", f"{s.name}紧扣省委、省政府部署，2018年以来，着力加强与{k.name}山海结对，取得显著成效。",
           "", "（一）成效总结", ""]
    for i, title in enumerate(("区域综合发展能级实现跨越跃升", "山海产业协作体系全面提档升级",
                               "重大协作项目转化落地攻坚突破", "基本民生共建共享水平显著提升"), start=1):
        out += [f"{i}.{title}", "", paragraph(rng, 5), ""]
    out += ["三、总体要求", "（一）指导思想", "", paragraph(rng, 4), "", "（二）基本原则", "",
            f"——坚持系统推进、县域联动。推动{s.short}与{k.name}、{soe}等国资国企形成合力，实现整体协调和高效运作。",
            "", "（三）行动目标", "", paragraph(rng, 4), "表1 山海协作结对帮扶三年行动计划目标表"]
    out += [*targets_table(rng), "", "四、七大行动", "", "（一）实施结对机制优化行动", ""]
    out += [
        "推动山海协作结对机制由原来“1对1”（与经济强县结对）迭代为“1对4”（新增与省领导、国企、社会组织结对），"
        "加大帮扶力度、拓宽服务半径。（县发改局、相关单位）",
        "1.建立与省领导“1对1”常态化联系机制", "",
        f"依托省领导联系点，加强与{'、'.join(p.leaders)}等省级部门的联系，{paragraph(rng, 2)}（县发改局、相关单位）",
        "2.强化与经济强县“1对1”紧密合作", "",
        f"按照“强弱互补、合作共赢”的原则，构建{s.short}与{k.name}的紧密型合作机制，每年召开联席会议1次以上。"
        "（县发改局、相关单位）",
        "3.用好国有企业“1对1”结对帮扶力量", "",
        f"充分发挥{soe}等国有平台资源整合优势，支持围绕主导产业组建产业基金，助力{s.short}推进产业转型升级。"
        "（县发改局）",
        "4.发挥社会力量“1对1”结对帮扶作用", "",
        f"深化教育、卫生、科技、文化等社会领域合作，强化高校、医院、科研院所等社会团体与{s.name}结对。"
        "（县发改局、县教育局、县卫健局、县文广旅局）",
        "（二）实施产业链群协同行动", "", "1.聚力打造“一县一业”", "",
        f"{paragraph(rng, 4)}（县经信局、县发改局、县科技局）", "2.深化开展产业项目合作", "",
        f"实施做大产业扩大税源行动。加强与{k.name}、{soe}等国资国企合作，聚焦产业发展补短板。{paragraph(rng, 3)}"
        "（县经信局、县投资促进服务中心、县商务局）", "", *extra(rng, p, 3, 1),
        "（三）实施科技合作赋能行动", "", "1.推进科创平台协作体系建设", "",
        f"加强与{k.name}、{soe}等国资国企科创资源互补联动。依托{p.lab.name}人才和平台优势，推动科技成果转化。"
        f"{paragraph(rng, 2)}（县科技局、县经信局）", "", *extra(rng, p, 2, 1),
        "（四）实施县发展轴提质行动", "", "1.做强中心镇桥梁纽带", "",
        f"落实{p.leaders[0]}、{soe}、{_short(p.soe2)}“一联一”支持，加强结对协作助推中心镇建设。{paragraph(rng, 2)}"
        "（县发改局、县交通局）", *extra(rng, p, 2, 2),
        "（五）实施结对帮扶增收行动", "", "1.加强特色农业领域帮扶", "",
        f"联合{p.university.name}开展特色农业课题，共建成果转化中心。借助{p.bureau.name}优势资源，推动农产品冷链物流建设。"
        "（县农业农村局、县资规局）",
        "2.强化消费帮扶支持",
        f"健全“千企结千村”机制，依托{p.bank.name}、{_short(p.association)}等结对方优质载体，拓展销售渠道。"
        f"{paragraph(rng, 2)}（县农业农村局、县商务局、县财政局）", "", *extra(rng, p, 3, 3),
        "（六）实施社会服务惠民行动", "", f"1.打响“学在{s.short}”品牌", "",
        f"联合发达县区共建教育发展联盟。做好{s.name}第二高级中学与{p.schools[0].name}、{s.short}中学与{p.schools[1].name}"
        "结对，定期开展联合教研、线上集体备课等活动。深化“互联网+山海教育”平台开发，扩大跨区域教共体覆盖面。（县教育局）",
        f"2.持续推进健康{s.short}建设", "",
        f"深化紧密型县域医共体建设，持续深入实施医疗卫生“山海”提升工程。依托{_short(p.hospital)}，推进名医工作站建设。"
        f"对接{k.name}和{_short(p.hospital)}，开展偏远山区爱心义诊活动。联动结对经济强县、省属国企和{p.city_hospital.name}"
        "等社会资源，共建提升“山海”巡回诊疗网络，推动医疗人才双向流动。（县卫生健康局）", *extra(rng, p, 3, 2),
        "（七）实施政策要素支撑行动", "", "1.发挥援建资金作用", "", f"{paragraph(rng, 4)}（县发改局）", "",
        *extra(rng, p, 2, 3),
        "五、保障措施", "", "（一）加强组织领导", "", paragraph(rng, 4), "",
        "（二）落实主体责任", "", f"建立紧密型合作机制，与{k.name}、{soe}等国资国企开展高层互访不少于1次。", "",
        "附件1：山海协作重大项目清单（2025-2027年）", "",
    ]
    return out


def targets_table(rng: random.Random) -> list[str]:
    header = ("序号", "指标名称", "单位", "2024年\n\n实际值",
              *(f"{y}年\n\n目标值" for y in (2025, 2026, 2027)))
    rows = []
    for i, (name, unit) in enumerate(TARGETS, start=1):
        base = rng.choice((1, 10, 15, 500, 2500))
        rows.append((str(i), name, unit, *(str(base + rng.randint(0, 3) * base // 10) for _ in range(4))))
    return cell_table(header, rows)


def projects_table(rng: random.Random, p: Partners) -> list[str]:
    header = ("序号", "项目名称", "项目代码", "建设性质", "项目所属领域", "建设周期", "建设内容及规模",
              "总投资\n\n（亿元）", "责任单位")
    rows = []
    for i, owner in enumerate(p.owners, start=1):
        start = rng.choice((2023, 2024, 2025))
        rows.append((str(i), f"{owner.name}年产{rng.randint(2, 90) * 1000}吨产品建设项目",
                     "".join(str(rng.randint(0, 9)) for _ in range(20)), "新建" if start == 2025 else "续建",
                     "产业类", f"{start}-{start + 2}",
                     f"项目总用地面积{rng.randint(5000, 30000)}平方米。{paragraph(rng, 1)}",
                     f"{rng.uniform(1, 9):.4f}", owner.name))
    return cell_table(header, rows)


def measures_table(rng: random.Random, p: Partners) -> list[str]:
    k, soe = p.strong.name, _short(p.soe)
    supporters = [f"{k}、{soe}等", "结对科研机构等", p.lab.name, f"{k}、{p.leaders[0]}、{soe}、{_short(p.soe2)}",
                  p.university.name, p.bureau.name, f"{p.bank.name}、{_short(p.association)}、{soe}",
                  f"{p.schools[0].name}、{p.schools[1].name}", f"{_short(p.hospital)}、{k}、{p.city_hospital.name}",
                  k, f"{p.leaders[1]}、{soe}、{k}\n\n、{_short(p.association)}", p.bank.name]
    header = ("序号", "重点举措", "到2027年预期目标\n\n（定性+定量）", "2025年重点工作任务", "2026-2027年重点工作计划",
              "帮扶单位", "责任部门")
    rows: list[tuple[str, ...] | str] = []
    for sec, titles in MEASURES.items():
        rows.append(SECTIONS[sec])
        for i, title in enumerate(titles, start=1):
            sup = supporters[(sec * 3 + i) % len(supporters)]
            if "医" in title:
                sup = f"{_short(p.hospital)}、{k}、{p.city_hospital.name}"
            rows.append((str(i), title, paragraph(rng, 1), f"1.{paragraph(rng, 1)}\n\n2.{paragraph(rng, 1)}",
                         f"1.{paragraph(rng, 1)}\n2.{paragraph(rng, 1)}", sup, rng.choice(RESPONSIBLE)))
    return cell_table(header, rows)


def render(world: World, rng: random.Random, subject: County, strong: County) -> str:
    p = partners(world, rng, subject, strong)
    world.departments(subject)
    lines = body(rng, p) + projects_table(rng, p) + ["", "附件2：山海协作重点举措清单（2025-2027年）", ""]
    lines += measures_table(rng, p)
    lines += ["", "\ufffd 2024年产业合作项目到位资金包含2个大项目在内；剩余为其他到位资金组成。", "", ""]
    return "\n".join(lines)


__all__ = ["Partners", "partners", "render"]
