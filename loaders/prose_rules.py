"""Which sentences state a pairing, between which two parties, and how: the prose reader's rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from graph.model import ORGANIZATION, REGION
from loaders.base import Context
from loaders.prose_parties import Link, Parties, Party, find_parties
from loaders.prose_qualify import GOVERNMENT_AFTER, institution_after, qualify

# How two neighbouring parties are joined (the text between them, in match form).
_LIST = re.compile(r"、")
_AND = re.compile(r"和|及|以及")  # after a 、 list it ends the list (宁波、湖州和嘉兴)
# Adverbs that may stand before 与 or before the verb: 宁波市继续与丽水市结对, A与B共同结对帮扶C.
_ADVERB = r"(?:继续|仍然|仍|也|还|已经|已|正式|首次|再次|长期|一直|率先|共同|一起|一道|联合|合力|协同|均|都)?"
_CONJ = re.compile(r"(?:分别)?(?:[两二三四五六七八九十\d]+个?(?:市|县|区|地|县\(市、区\)|县市区|家|所))?"
                   r"(?:政府|人民政府|县政府|市政府)?" + _ADVERB + r"(?:与|和|同|跟)")
_DASH = re.compile(r"[—－\-–~～·・•]{0,2}")  # 余杭—柯城, 镇海·龙游, and 鄞州衢江山海协作产业园 (no mark)
# When or in what framework, before the verb: 西湖区此前在东西部扶贫协作中结对帮扶…县.
_SETTING = (r"(?:此前|以前|过去|早年|近年来|多年来|\d{4}年(?:以来|起|开始)?)?"
            r"(?:在[^，,。；、与和同跟()（）]{1,14}?(?:中|里|期间|框架下|机制下|工作中))?")
_VERB = re.compile(r"[，,]?" + _SETTING + _ADVERB + r"(?:[^，,。；、与和同跟()（）:：《》“”\"]{0,6}?)"
                   r"(?P<verb>结对帮扶|结对支援|结对共建|对口支援|对口帮扶|对口协作|对口合作|"
                   r"帮扶|支援|援建|援助|支持|助力|结对|牵手|携手)(?:了|的|起)?")
# 柯城区的结对地区余杭区, 龙泉市另一结对方萧山区, 文成县的经济强县结对方瑞安市: the tier a partner belongs to may
# stand before 结对 (经济强县, 省属国企 …, the 1对4 tiers).
_TIER = r"(?:经济强县|强县|省属国企|国企|社会力量|省级部门)?"
_POSS = re.compile(r"(?:的另一|的|另一)(?:山海协作)?" + _TIER + r"(?:结对|协作|帮扶|对口)(?:帮扶|支援)?"
                   r"(?:地区|县|县\(市、区\)|县市区|市|区|单位|对象|伙伴|城市|方)?(?:是|为|:|，|,)?")
# A party introduced as a pairing partner (另一结对方拱墅区…，与常山县签订…协议): the role says the pairing,
# so a signed agreement or 合作 with the mountain county later in the clause ties the two.
_ROLE_BEFORE = re.compile(r"(?:另一|的)?(?:山海协作)?" + _TIER + r"结对(?:方|县|区|地区|城市|单位|伙伴)$")
_ROLE_CUE = re.compile(r"签订|签署|签约|协议|合作|结对|协作|共建|帮扶")
# A sentence about another programme (援疆, 东西部协作 …) without 山海协作: its Zhejiang pairs are no 山海协作 link.
_OTHER_PROGRAMME = re.compile(r"东西部(?:扶贫)?协作|东西协作|对口支援|对口合作|援疆|援藏|援青|援川|援黔")
_GIVE = re.compile(r"[^，,。；、与和同跟]{0,4}?(?:向|为|给|对|投入|拨付|下达|捐赠|捐助)给?")
_TOWARD_SUPPORT = re.compile(r"^(?:进行|开展|实施|展开)?(?:山海协作)?(?:结对帮扶|对口帮扶|对口支援|帮扶|援建|支援)")
_GIVE_VERB = re.compile(r"投入|拨付|下达|捐赠|捐助|提供|送来|送去|发放|兑现|分红|返利")
_MONEY = re.compile(r"资金|援建|捐赠|捐助|\d+(?:\.\d+)?(?:万|亿)元")
_IS = re.compile(r"是|为|系")  # 鄞州区是衢江区的结对县
# 瓯海区结对帮扶的是永嘉县, 南湖区结对的山区县为遂昌县: the party after 是/为 is the one supported.
_PAIRED_IS = re.compile(r"(?:结对帮扶|结对支援|对口帮扶|对口支援|结对|帮扶|支援)的"
                        r"(?:山区县|山区海岛县|县|区|地区|对象|县（市、区）)?(?:是|为)")
# Sending people is support (温医大附一院向泰顺县人民医院派驻专家团队).
_SEND_PEOPLE = re.compile(r"(?:^[^，,。；]{0,8}?)?(?:派驻|选派|派出|派遣|下派|输送)[^，,。；]{0,6}?"
                          r"(?:专家|医生|医疗|教师|骨干|干部|人才|团队)")
_PAIR_LIST_AFTER = re.compile(r"^(?:两地|两县|两区|两市|双方)?的?(?:山海协作|结对|协作|合作)")
_SYMMETRIC = {"结对", "结对共建", "牵手", "携手"}  # verbs whose subject may be either side
# 助力 is any help (a fair, a policy, a company): a pairing only where the sentence speaks of the programme.
_CONTEXT_VERBS = {"助力"}
_PROGRAMME_CONTEXT = re.compile(r"山海协作|结对|飞地|帮扶|援建")
# Too common for regions and departments ("省经信厅…支持丽水…" is policy): read for institutions only.
_ORG_ONLY_VERBS = {"支持", "援助"}
INSTITUTION_KINDS = {"hospital", "university", "school", "research", "central_soe", "soe", "enterprise", "bank"}

# What follows the second party.
# 结成 (…专科联盟, …医联体): institutions bind themselves as partners.
_CUE = re.compile(r"结对|协作|合作|共建|牵手|携手|帮扶|支援|援建|对口|飞地|结成|结为|"
                  r"组建[^，,。；]{0,10}?(?:联盟|共同体|医联体|医共体|教共体|联合体)")
# Between two regions 合作 alone is any cooperation (温州与丽水合作…): a pairing needs one of these.
_CUE_REGIONS = re.compile(r"结对|协作|共建|牵手|携手|帮扶|支援|援建|对口|飞地|结成对子|结为|"
                          r"组建[^，,。；]{0,10}?(?:联盟|共同体|医联体|医共体|教共体|联合体)")
_GEO_ANY = re.compile(r"铁路|高铁|高速|公路|国道|省道|航线|轨道交通|城际|隧道|大桥|管道|交界|接壤|毗邻|相邻")
# 余杭区党政代表团赴柯城区考察山海协作: a visit about the pairing; 在余杭区的帮扶下，柯城区…
_VISIT = re.compile(r"[^，,。；、与和同跟]{0,8}?(?:赴|到|来到|走进|前往)")
_VISIT_CUE = re.compile(r"山海协作|结对|对口|帮扶")
# 宁海县文旅局应邀赴三门县介绍经验: a bureau, a reporter or a firm of the place travels, not the place's delegation.
_NOT_THE_PLACE = re.compile(r"局|委|办|厅|中心|记者|媒体|报社|公司|企业|协会|医院|学校|银行")
# …the adverbs news put before the help (在瑞安市的倾力帮扶下, 在桐乡市和上城区的共同帮扶下).
_HELP = re.compile(r"(?:两地|双方)?的?"
                   r"(?:倾力|大力|全力|鼎力|共同|积极|精准|持续|无私|有力|悉心|真情|对口|结对|山海协作){0,2}"
                   r"(?:帮扶|帮助|支持|援助|支援)下[，,]?")
# 受新昌县帮扶，衢江区…: the party after 受 supports the one the next clause is about.
_BY_HELP = re.compile(r"(?:的)?(?:大力|倾力|全力|鼎力|结对|对口)?(?:帮扶|支持|援助|支援)[，,]")
_BY_BEFORE = re.compile(r"(?:^|[，,。；;])\s*(?:[^，,。；;]{0,6}?)(?:受|受益于|得益于|承蒙)$")
# The recipient receives the other's support: 常山县还迎来了拱墅区的帮扶, 文成得到瑞安市的结对支援.
_RECEIVE = re.compile(r"[^，,。；、与和同跟]{0,4}?(?:迎来|得到|获得|接受|受到|收到)了?")
_RECEIVED = re.compile(r"^的?(?:山海协作)?(?:结对|对口)?(?:帮扶|支援|支持|援助|帮助|援建)")  # 获得北仑区援建资金
_GEO_AFTER = re.compile(r"^(?:[一-龥]{0,2})(?:铁路|高铁|高速|公路|国道|省道|线|航线|轨道|城际|通道|大道|隧道|大桥|管道|"
                        r"客运|专线|动车|快速路|一带|沿线|之间|交界|方向)")
_PARK_AFTER = re.compile(r"^(?:两地)?(?:山海协作)?[^，。；]{0,6}?"
                         r"(?P<what>飞地|产业园|园区|产业平台|结对|协作|合作|携手|牵手|帮扶)")
_FUND_VERB = re.compile(r"(?:提供|拨付|下达|安排|投入|捐赠|捐助|落实|援助)[^，。；]{0,20}?(?:资金|援建|帮扶|捐赠|捐助)")
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")

# What makes a statement no fact: negation, intention, a question or condition.
NEG = re.compile(r"尚未|暂未|并未|还未|未能|没有|未曾|不再|解除|终止|取消|并非|不是|未(?=与|同|和|结对|签|开展|建立)")
INTENT = re.compile(r"拟|计划|将要|将会|将于|即将|准备|打算|有望|意向|争取|力争|谋划|筹划|有意|希望|探讨|洽谈|商谈|"
                    r"接洽|"
                     r"磋商|探索|是否|能否|可否|如果|若|(?<![主重需])要(?=与|和|同|结对|签|开展|建立|共建|携手|牵手)|"
                     r"将(?!近|军|领|士)")  # 将 as "will" (将向…提供, 将与…结对); 将近 is "nearly"

@dataclass
class Reading:
    links: list[Link] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why a sentence with two parties and a cue gave none
    parties: Parties = field(default_factory=Parties)


def read_sentence(ctx: Context, text: str, stops: dict[str, list[str]], *, orgs_only: bool = False,
                  aliases: dict[str, str] | None = None, about_programme: bool = False) -> Reading:
    """Links one sentence states. `orgs_only`: only links with an organisation on one side (for loaders
    that read the region pairings of the same text by their own rules). `about_programme`: the whole
    sentence around this clause speaks of the programme, so 助力 between two places is the programme's
    help even in a clause that does not say so (…共建科创飞地；嘉兴市秀洲区助力龙泉市发展汽车空调产业)."""
    out = Reading(parties=find_parties(ctx, text, stops, aliases))
    ps = out.parties.items
    if len(ps) < 2 or not (_CUE.search(text) or _FUND_VERB.search(text) or "支持" in text
                           or _SEND_PEOPLE.search(text) or "帮" in text
                           or (about_programme and any(v in text for v in _CONTEXT_VERBS))
                           or (_GIVE_VERB.search(text) and _MONEY.search(text))):
        return out
    kinds = [_gap_kind(text[_end(text, a):b.start], a, b, text, about_programme) for a, b in pairwise(ps)]
    for k in range(1, len(kinds)):
        if kinds[k - 1] == "list" and _AND.fullmatch(text[_end(text, ps[k]):ps[k + 1].start]):
            kinds[k] = "list"
    for k in range(len(kinds)):  # 常山、慈溪两地山海协作: a list of exactly two, then the pairing word
        lone = (k == 0 or kinds[k - 1] != "list") and (k + 1 == len(kinds) or kinds[k + 1] != "list")
        after = _PAIR_LIST_AFTER.match(text[_end(text, ps[k + 1]):])
        # …unless a party follows in the clause: 北仑区、吴兴区结对帮扶云和县 and 海宁市、永康市两地结对帮扶武义县
        # list two supporters of the third.
        third = k + 2 < len(ps) and ps[k + 2].start < clause_end(text, _end(text, ps[k + 1]))
        if kinds[k] == "list" and lone and after and not third:
            kinds[k] = "pairlist"
    for k in range(len(kinds)):  # 泰顺县人民医院 鹿城—泰顺…: an institution and a place side by side are no pair
        if kinds[k] == "dash" and _end(text, ps[k]) == ps[k + 1].start and _end(text, ps[k]) != ps[k].end:
            kinds[k] = "other"
    for k in range(len(kinds)):  # 结对帮扶柯城区的余杭区: the party after 的 does what the verb before says
        lone = k == 0 or kinds[k - 1] == "other"
        if kinds[k] == "other" and lone and text[_end(text, ps[k]):ps[k + 1].start] == "的":
            before = _VERB_BEFORE.search(text, clause_start(text, ps[k].start), ps[k].start)
            if before is not None:
                kinds[k] = "rel"
    for k, kind in enumerate(kinds):
        if kind in ("list", "other"):
            continue
        left, right = _side(ps, kinds, k, -1), _side(ps, kinds, k, +1)
        window_end = clause_end(text, ps[right[-1]].end)
        tail = text[ps[right[-1]].end:window_end]
        if kind == "conj" and not _conj_cue(text, ps, kinds, right[-1], window_end,
                                            {ps[i].id for i in left + right}) \
                and not (_ROLE_BEFORE.search(text, 0, ps[left[0]].start)
                         and _ROLE_CUE.search(text, ps[right[-1]].end, window_end)):
            continue
        gap = text[_end(text, ps[k]):ps[k + 1].start]
        if kind == "dash":  # 龙湾—苍南、瓯海—永嘉山海协作产业园: a list of dash pairs shares what follows the last
            last = right[-1]
            while last + 2 < len(ps) and kinds[last] == "list" and kinds[last + 1] == "dash":
                last += 2
            tail = text[ps[last].end:clause_end(text, ps[last].end)]
        if kind == "dash" and (_GEO_AFTER.search(tail) or not _PARK_AFTER.search(tail)):
            if gap:  # two names side by side (a table flattened) are no statement at all
                out.skipped.append("a dash between two places that names a road, line or nothing paired")
            continue
        if kind == "give" and _TOWARD_SUPPORT.match(tail):
            kind = "toward"  # 余杭区对柯城区开展结对帮扶
        elif kind == "give" and not (_FUND_VERB.search(tail) or _SEND_PEOPLE.match(tail)
                                     or (_GIVE_VERB.search(gap + tail) and _MONEY.search(tail))):
            continue
        if kind == "is" and not _POSS.match(tail):
            continue
        if kind == "visit" and not _VISIT_CUE.search(tail):
            continue
        if kind == "receive" and not _RECEIVED.match(tail):
            continue
        clause = text[clause_start(text, ps[left[0]].start):window_end]
        if kind in ("conj", "visit") and _GEO_ANY.search(clause):
            out.skipped.append("two places joined by a road, line or border, not a pairing")
            continue
        if NEG.search(clause) or INTENT.search(clause):
            out.skipped.append("negated or intended, not a fact")
            continue
        if _OTHER_PROGRAMME.search(text) and "山海协作" not in text \
                and not any(ps[i].outside for i in left + right):
            out.skipped.append("a sentence about another programme (东西部协作, 对口支援 …), not 山海协作")
            continue
        if len(left) > 1 and len(right) > 1:
            if "分别" in text[_end(text, ps[k]):ps[k + 1].start] and len(left) == len(right):
                pairs = list(zip(left, right, strict=True))
            else:
                out.skipped.append("a group statement: several parties on each side, no pair named")
                continue
        elif re.match(r"^(?:[三四五六七八九十]|\d)[十\d]*个?(?:县|区|乡镇|地)", tail):  # 两地 is the pair itself
            out.skipped.append("a group statement: the recipient stands for several counties")
            continue
        else:
            pairs = [(a, b) for a in left for b in right]
        verb = _VERB.fullmatch(text[_end(text, ps[k]):ps[k + 1].start]) if kind == "verb" else None
        if kind == "rel":
            verb = _VERB_BEFORE.search(text, clause_start(text, ps[k].start), ps[k].start)
            pairs = [(b, a) for a, b in pairs]  # the supporter stands after 的
        for a, b in pairs:
            link = _direct(ps[a], ps[b], verb.group("verb") if verb else None)
            if link is None or (orgs_only and ORGANIZATION not in (link.supporter.label, link.recipient.label)):
                continue
            qualify(text, link, "dash" if kind == "pairlist" else kind, clause, tail, ps)
            # The fields the clause stating the link names (医疗合作协议, 科创飞地): its own words only, so a
            # sentence listing several pairs gives each the field of its own clause.
            # Keywords inside a department's or place's name (省农业农村厅) say who, not which field: those names
            # are blanked first. An institution's (海宁市高级中学, 景宁民族医院) says the field of its pairing.
            cut = clause_start(text, ps[left[0]].start)
            unnamed = list(clause)
            for q in ps:
                if q.label == ORGANIZATION and q.kind in INSTITUTION_KINDS:
                    continue
                for i in range(max(q.start, cut), min(q.end, cut + len(clause))):  # 景宁民族医院: 景宁 only
                    unnamed[i - cut] = " "
            fields = ctx.domains_in("".join(unnamed))
            if fields and "domains" not in link.props:
                link.props["domains"] = fields
            out.links.append(link)
    return out


def _end(text: str, p: Party) -> int:
    """Where a party's name ends, with the institution or government written after a region
    (泰顺中学、平湖中学: the list joins two schools, not 泰顺 and 中学)."""
    if p.label != REGION:
        return p.end
    m = institution_after().match(text[p.end:]) or GOVERNMENT_AFTER.match(text[p.end:])
    return p.end + m.end() if m else p.end


# A verb of support right before a party, then 的 and another party: 结对帮扶柯城区的余杭区.
_VERB_BEFORE = re.compile(r"(?P<verb>结对帮扶|结对支援|对口支援|对口帮扶|帮扶|支援|援建)(?:了)?$")
# The subject goes on after a clause: 海宁市还承担东西部协作任务，与…九寨沟县开展结对帮扶.
_CONJ_AFTER_CLAUSE = re.compile(r"[^，,。；;：:、]{0,24}[，,]" + _ADVERB + r"(?:与|同|跟)")


def _gap_kind(gap: str, a: Party, b: Party, sentence: str, about_programme: bool = False) -> str:
    if _DASH.fullmatch(gap):
        return "dash"
    if _LIST.fullmatch(gap):
        return "list"
    if _CONJ.fullmatch(gap) or _CONJ_AFTER_CLAUSE.fullmatch(gap):
        return "conj"
    if _POSS.fullmatch(gap):
        return "poss"
    m = _VERB.fullmatch(gap)  # before the money verbs: 结对 ends in 对, 对口 starts with it
    if m and m.group("verb") in _CONTEXT_VERBS and not _PROGRAMME_CONTEXT.search(sentence) \
            and not (about_programme and a.label == REGION and b.label == REGION):
        m = None
    if m and (m.group("verb") not in _ORG_ONLY_VERBS or a.kind in INSTITUTION_KINDS):
        if gap.startswith(("，", ",")) and a.label != ORGANIZATION:
            return "other"  # only an organisation's own clause may go on after a comma (温州大学，支持永嘉)
        return "verb"
    if _PAIRED_IS.fullmatch(gap) or gap == "帮":  # 瓯海帮永嘉: the everyday verb, nothing between
        return "verb"
    if _BY_HELP.fullmatch(gap) and _BY_BEFORE.search(sentence[:a.start]):
        return "help"
    if _GIVE.fullmatch(gap):
        return "give"
    if _IS.fullmatch(gap):
        return "is"
    if _HELP.fullmatch(gap):
        return "help"
    if _RECEIVE.fullmatch(gap):
        return "receive"
    if _VISIT.fullmatch(gap) and not _NOT_THE_PLACE.search(gap):
        return "visit"
    return "other"


def _side(ps: list[Party], kinds: list[str], k: int, step: int) -> list[int]:
    """The parties on one side of connection k: a 、 list, or parties of the same side joined by 与/和
    (余姚市与南浔区、安吉县共同结对帮扶松阳县), unless a member belongs to another pair."""
    i = k if step < 0 else k + 1
    members = [i]
    while True:
        g = i - 1 if step < 0 else i  # the gap on the far side of party i
        if not 0 <= g < len(kinds) or not _joins(ps, kinds, g):
            break
        nxt = i + step
        beyond = nxt - 1 if step < 0 else nxt
        if 0 <= beyond < len(kinds) and kinds[beyond] not in ("list", "other") and not _joins(ps, kinds, beyond):
            break  # A与B、C与D: C is the left of another pair, not a second B
        members.append(nxt)
        i = nxt
    return sorted(members)


def _joins(ps: list[Party], kinds: list[str], g: int) -> bool:
    """Gap g joins its two parties into one side: a 、 list, or 与/和 between two parties of the same
    side (two supporters: A与B共同帮扶C; 宁波与丽水结对 joins a supporter and a recipient: a pair)."""
    a, b = ps[g], ps[g + 1]
    return kinds[g] == "list" or (kinds[g] == "conj" and a.side == b.side and a.outside == b.outside
                                  and a.label == b.label)


def _conj_cue(text: str, ps: list[Party], kinds: list[str], last: int, end: int, pair: set[str]) -> bool:
    """A pairing cue later in the clause, with only further pairs of a list (A与B、C与D结对) or the
    same two parties again (…在柯城签订…) before it."""
    regions = all(p.label == REGION for p in ps if p.id in pair)
    m = (_CUE_REGIONS if regions else _CUE).search(text, ps[last].end, end)
    if m is None:
        return False
    i = last + 1
    while i < len(ps) and ps[i].start < m.start():
        if kinds[i - 1] == "other" and ps[i].id not in pair:
            return False
        i += 1
    return True


def clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def _direct(a: Party, b: Party, verb: str | None) -> Link | None:
    """Supporter → recipient: a Zhejiang party supports one outside Zhejiang; otherwise the developed
    party supports the mountain county (or its institution). Any other combination is no link."""
    if a.outside or b.outside:
        inside = [p for p in (a, b) if not p.outside]
        outside = [p for p in (a, b) if p.outside]
        if len(inside) != 1 or outside[0].label != REGION:
            return None
        sup, rec = inside[0], outside[0]
    else:
        if {a.side, b.side} != {"supporter", "recipient"} or "province" in (a.level, b.level):
            return None  # 浙江丽水山海协作: the province is where, not who
        sup, rec = (a, b) if a.side == "supporter" else (b, a)
    if verb and verb not in _SYMMETRIC and sup is not a:
        return None  # "衢江援建鄞州" reads against the direction the flags give: not understood
    if rec.label == ORGANIZATION and rec.region is None:
        return None
    return Link(sup, rec, "statement")




# Quoted speech naming "our" partners, then who spoke: “余杭、临平是我们的结对区，…”柯城区…负责人…说。
# 我们 is the speaker's place: the first party of the attribution sentence, which must start with it.
_OUR_PARTNERS = re.compile(r"(?:是|为|都是)(?:我们|咱们|我县|我区|我市)的(?:山海协作)?" + _TIER
                           + r"(?:结对|帮扶)(?:区|县|市|地区|城市|方|单位|伙伴|兄弟)")
_SAID = re.compile(r"^[^，,。；“”\"]{0,30}?(?:说|表示|介绍|坦言|感慨)[。！!]?$")


def quoted_partners(ctx: Context, quoted: str, attribution: str, stops: dict[str, list[str]],
                    aliases: dict[str, str] | None = None) -> list[Link]:
    """Links of a quote that calls the parties listed before 是我们的结对区 the speaker's partners; the
    speaker's place is the party the next sentence (…负责人…说) starts with. Nothing else is read here."""
    m = _OUR_PARTNERS.search(quoted)
    if m is None or "“" not in quoted[:m.start()] or not _SAID.match(attribution):
        return []
    speakers = find_parties(ctx, attribution, stops, aliases).items
    if not speakers or speakers[0].start != 0 or speakers[0].label != REGION:
        return []
    clause = quoted[clause_start(quoted, m.start()):m.end()]
    if NEG.search(clause) or INTENT.search(clause):
        return []
    named = [p for p in find_parties(ctx, quoted, stops, aliases).items if p.end <= m.start()]
    listed: list[Party] = []
    for p in reversed(named):  # the 、/和 list right before 是
        gap = quoted[p.end:listed[0].start if listed else m.start()]
        if gap and not (_LIST.fullmatch(gap) or _AND.fullmatch(gap)):
            break
        listed.insert(0, p)
    out = []
    for p in listed:
        link = _direct(p, speakers[0], None)
        if link is None:
            continue
        link.props.update({"level": "organization" if link.supporter.label == ORGANIZATION
                           else link.supporter.level, "programme": "shanhai"})
        if "结对" in m.group(0) and link.supporter.level == link.recipient.level == "county":
            link.mechanism = "county_pairing"
        out.append(link)
    return out

__all__ = ["INSTITUTION_KINDS", "INTENT", "NEG", "Reading", "clause_end", "clause_start", "quoted_partners",
           "read_sentence"]
