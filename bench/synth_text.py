"""Filler prose for synthetic documents: policy clauses with no names in them, and the magazine's wrap."""

from __future__ import annotations

import random

from bench.synth_names import NAME_CHARS

# Clauses of the kind the real documents are made of. They name nobody, so whatever a loader finds in
# a synthetic document comes from the sentences the generators plant on purpose.
CLAUSES = (
    "坚持生态优先、绿色发展", "推动产业链上下游整合", "完善利益联结机制", "强化要素保障",
    "提升公共服务均等化水平", "深化数字化改革", "推进城乡融合发展", "加快传统产业转型升级",
    "培育壮大新兴产业", "健全常态化对接机制", "拓宽群众增收渠道", "做强高效生态农业",
    "推动农旅融合发展", "加强人才引育", "优化营商环境", "提高资金使用效率", "强化过程管理",
    "建立长效合作机制", "扩大有效投资", "提升县城综合承载能力", "推进基础设施互联互通",
    "深化放管服改革", "打造特色生态产业平台", "推进共同富裕先行示范", "实施乡村振兴战略",
    "加强生态环境保护", "完善考核评价体系", "健全工作推进机制", "形成比学赶超的良好氛围",
    "推动优质资源共享", "提升治理能力现代化水平", "强化统筹协调", "落实主体责任",
    "开展常态化督查评估", "总结推广成功经验做法", "打造一批标志性成果", "推进项目谋划招引",
    "强化用地用能保障", "提升发展质量和效益", "缩小城乡居民收入差距", "发展壮大村级集体经济",
    "引导社会资本参与投资", "推动政策制度集成", "构建协同高效的工作体系", "擦亮区域公用品牌",
)
OPENERS = ("按照整体部署", "围绕发展目标", "近年来", "下一步", "与此同时", "在此基础上", "聚焦重点领域")
NUMBERS = ("1", "2", "3", "5", "10", "12", "20", "30", "50", "100")
UNITS = ("个", "亿元", "万元", "家", "人次", "平方公里", "亩")


def clause(rng: random.Random) -> str:
    return rng.choice(CLAUSES)


def sentence(rng: random.Random, clauses: int | None = None, figure: bool = False) -> str:
    n = clauses or rng.randint(2, 4)
    parts = [rng.choice(OPENERS)] if rng.random() < 0.3 else []
    parts += [clause(rng) for _ in range(n)]
    if figure:
        parts.append(f"每年新增{rng.choice(NUMBERS)}{rng.choice(UNITS)}以上")
    return "，".join(parts) + "。"


def paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(sentence(rng, figure=rng.random() < 0.3) for _ in range(sentences))


def wrap_columns(text: str, rng: random.Random, width: int = 15) -> list[str]:
    """Narrow magazine columns: lines of about `width` characters, as the extraction left them."""
    out: list[str] = []
    i = 0
    while i < len(text):
        step = max(4, width + rng.choice((-2, -1, 0, 0, 0, 1, 1, 2)))
        out.append(text[i:i + step])
        i += step
    return out


def check_vocabulary() -> None:
    """The made-up names' characters must never occur in the filler (else names would appear by chance)."""
    vocab = set("".join(CLAUSES + OPENERS + NUMBERS + UNITS))
    clash = vocab & set(NAME_CHARS)
    if clash:
        raise AssertionError(f"filler vocabulary uses name characters: {sorted(clash)}")


__all__ = ["check_vocabulary", "clause", "paragraph", "sentence", "wrap_columns"]
