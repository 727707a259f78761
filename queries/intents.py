"""The kinds of question answered, as data: required slots, cue words (Chinese and English), the named query."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from graph.model import Node
from graph.store import GraphStore
from queries.qa_roles import is_recipient
from queries.qa_scope import scoped_question
from queries.qa_slots import FILTERS, Slots

# 联系 before whom (联系哪个县, 联系的县): a leader's or department's contact point; "有什么联系" is a connection.
SUPPORT = (r"联系(?=哪|什么地|什么县|的(?:县|地|区|市))|"
           r"帮扶|支援|支持|援助|援建|帮助|助力|扶持|对口|挂钩|结对|牵手|携手|配对|协作|合作|共建|对接|"
           r"受援|(?<!沿)[山海]方(?!面)|"  # 受援地; 海方 / 山方, the two sides of a pairing
           r"在帮|帮忙|帮(?=[的了过着哪谁什不没\s]|[？?。，,！!]|$)|是一对|结对子|"
           r"\b(support\w*|help\w*|assist\w*|aid\w*|back(s|ed|ing)?|pair\w*|partner\w*|twin\w*|"
           r"match(ed)?|cooperat\w*|work(s|ed)? with|built|build)\b")
# "1对4" / 一对四 names the county's formal partners (经济强县, 省属国企, 省领导联系 and 社会力量 pairings).
PAIR = r"结对|配对|牵手|携手|是一对|结对子|[1一]\s*对\s*[14一四]|1\s*\+\s*4|\b(pair\w*|partner\w*|twin\w*|matched)\b"
# Taking part in a county's measures or projects: with two parties, the graph's roles say who the partner is.
PARTICIPATE = r"参与|参加|加入|承担|\b(take|takes|took|taking) part\b|\binvolv\w*|\bparticipat\w*|\bcontribut\w*"
WHO = r"谁|哪|什么|几|多少|\b(who|whom|which|what|list|name|show|how many|tell me)\b"
YESNO = (r"吗|是否|是不是|有没有|么[?？]?$|([\u4e00-\u9fff])[不没]\1|^(does|do|did|is|are|was|were|has|have)\b")
# 哪几个 asks which ones, not how many.
COUNT = r"(?<!哪)几个|(?<!哪)几家|(?<!哪)几所|多少|数量|总数|一共|共有|\b(how many|number of|count)\b"
RANK = r"最多|最少|最大|最广|排名|排第一|\b(most|fewest|least|largest|top)\b"
CHANGE = (r"变化|调整|变动|区别|不同|新增|取消|增加|减少|有没有换|换没换|换了|更换|换成|改为|变了|"
          r"\b(chang\w*|differ\w*|added|dropped|removed|new pairings?)\b")
PATH = r"关系|联系|关联|连接|相连|怎么连|什么关系|\b(connect\w*|relat\w*|links?|linked|path)\b"
GAP = r"没有|缺少|缺乏|尚无|空白|\b(no|without|lack\w*|missing|gaps?)\b"
COMMON = r"共同|一起|都帮扶|都支援|都结对|同时|既.{1,12}又|\b(both|jointly|together|in common|common|shared?)\b"
# 负责帮扶 is a way of supporting, not of being the responsible department; 落在…头上 says whose task it is.
UNIT_ROLE = (r"责任单位|责任部门|牵头单位|牵头部门|主管部门|\bresponsible\s+(departments?|units?|agenc(y|ies))\b|"
             r"\bwhich\s+departments?\b.*\bresponsible\b")
RESPONSIBLE = (r"负责(?!帮扶|支援|对接|结对)|责任|牵头|主管|承办|落实|落在.{0,16}头上|"
               r"\b(responsible|in charge|lead\w*|carr(y|ies) out)\b")
MEASURE = r"举措|措施|任务|\b(measures?|tasks?|actions?|policies|policy)\b"
# 山海协作工程 is the programme's own name, not a project.
PROJECT = r"项目|(?<!协作)工程|\b(projects?)\b"
PARK = r"产业园|园区|合作园|\b(parks?)\b"
CATEGORY = r"哪一类|哪类|什么类|哪种类型|类别|类型|分类|\b(category|categories|class|classified|type)\b"
WHERE = r"在哪|哪里|什么地方|位于|\bwhere\b|\blocated\b"
# Where an enclave or park is (its site, core area) or what it is called (its platform).
SITE_ASK = (r"在哪|哪里|什么地方|何处|何地|什么位置|位于|核心区|选址|建在|布局在|落户在|"
            r"哪(?:个|一个|座)[\u4e00-\u9fff]{0,3}?(园区?|新区|开发区|平台|基地|小镇|岛)|"
            r"\bwhere\b|\blocated\b|\bsites?\b|\blocation\b")
NAME_ASK = r"叫什么|什么名字|名字|名称|\bcalled\b|\bnamed?\b|\bnames\b"
PLATFORM = r"飞地|科创园|产业园|合作园|园区|\benclaves?\b|\bparks?\b"
# "With whom / for whom" is who built it (the enclaves and parks intents), not where it is.
PARTNER_ASK = (r"和哪|与哪|同哪|跟哪|和谁|与谁|谁|哪个区|哪个县|哪个市|哪些县|哪些区|为谁|给谁|\bwho\b|\bwhom\b|"
               r"\bfor (which|whom)\b|\bwhich (count|district|cit)")
FIELDS = (r"哪些领域|哪个领域|什么领域|哪些方面|什么方面|哪方面|(合作|帮扶|协作|支援)领域|"
          r"\b(which|what) (fields?|areas?|sectors?)\b")
CITY_OF = r"(属于|在|位于)哪个(设区市|地级市|市)|\b(which|what) city is\b|\bin which city\b|\bwhich city does\b"
INDUSTRY = (r"一县一业|主导产业|特色产业|支柱产业|首位产业|\b((leading|signature|flagship|main|key|pillar|dominant) "
            r"industr\w*|industry|industries|one county,? one industry)\b")
CLASSIC = r"历史经典产业|经典产业|\bclassic(al)? industr\w*|\bhistoric(al)? (classic )?industr\w*"
# An industry the question states (一县一业是茶叶): a condition on the counties, which `industry_counties` answers
# when the graph knows that industry; when it does not, the question is no request for every industry.
INDUSTRY_IS = (r"(一县一业|主导产业|特色产业|支柱产业|首位产业)[”\"」』]?\s*(是|为|属于|包括|涉及|有)"
               r"(?!什么|哪|啥|几|多少|\s*[？?]|$)|"
               r"\bindustr(y|ies) (is|are|includes?)\b(?!\s*(what|which))")
# …or the search-box shape that ends on the group asked for, with no question word (台州的山区县, 丽水山区县名单).
MEMBERS = (r"哪些|哪几|有几|几个|多少|包括|包含|名单|列出|有什么|是哪|\b(which|what|list|name|how many|include)\b|"
           r"(山区县|山区\s*(26|二十六)\s*个?县|\bmountain counties)\s*[？?。.]?\s*$|^\s*mountain counties (of|in)\b")
UNITS = r"县|区|市|地方|\b(count(y|ies)|districts?|places?|cities)\b"
SUPPORT_UNITS = (r"帮扶单位|支持单位|支援单位|帮扶方|支援方|由谁|哪些单位|哪个单位|哪家单位|"
                 r"谁(来|在|会|去)?(帮扶|支持|支援|参与|援助|助力|扶持|帮)|"
                 r"(哪|什么)(个|些|家|所|几个|几家)?(省级|市级|县级|省属)?(部门|单位|机构|企业|国企|医院|学校|高校|院校|"
                 r"集团|组织|协会|社会力量)[^，,。？?]{0,4}?(帮扶|支援|支持|援助|助力|扶持)|(依托|借助)(哪|什么|谁)|"
                 r"(和|与|跟)(哪|什么)(个|些|家|所)?(实验室|研究院|研究所|科研院所|高校|大学|医院|学校|银行|企业|国企|集团|"
                 r"协会)|"
                 r"\b(who (supports|helps|backs)|supporting units?|supporters|partners)\b")
LOCATED_SUPPORTERS = r"哪些地方|哪些县|哪些区|哪几个|哪个区|哪个县|\b(which (places|districts|counties|cities))\b"


@dataclass(frozen=True)
class Intent:
    name: str
    query: str  # the named query it runs
    needs: tuple[str, ...]  # slots that must be filled
    cues: tuple[str, ...] = ()  # every one of these patterns must occur in the question
    blocks: str = ""  # a pattern that rules the intent out
    accepts: frozenset[str] = frozenset()  # filters (queries.qa_slots.FILTERS) it applies
    priority: int = 0
    describes: str = ""  # what it answers, for the refusal's list


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


INTENTS: tuple[Intent, ...] = (
    Intent("rounds_diff", "rounds_diff", ("two_rounds",), (CHANGE,), accepts=_f("rounds", "mechanism"), priority=90,
           describes="what changed in the pairings between two rounds"),
    Intent("path", "path", ("two_parties",), (PATH,), blocks=COMMON, priority=85,
           describes="how two places or organisations are connected"),
    Intent("yes_no", "supporters_of", ("supporter", "recipient"), (SUPPORT, YESNO), blocks=r"\bwho\b|谁|哪",
           accepts=_f("domain", "rounds", "mechanism"), priority=86,
           describes="whether one party supports another (瓯海区帮扶永嘉吗)"),
    Intent("common_recipients", "supported_by", ("two_supporters",), (SUPPORT, COMMON), accepts=_f("domain", "rounds"),
           priority=80, describes="whom two parties support in common"),
    Intent("common_supporters", "supporters_of", ("two_recipients",), (SUPPORT, COMMON),
           accepts=_f("domain", "rounds", "kind"), priority=79, describes="who supports two regions in common"),
    # The quoted title holds field and kind words of its own (推进就业协作帮扶, “发展飞地”建设): all accepted.
    # "永嘉县教育局负责哪些举措": the measures an organisation named is responsible for (no measure quoted).
    Intent("unit_measures", "measures", ("organization", "no_topic"), (MEASURE, RESPONSIBLE),
           accepts=_f("domain", "rounds", "kind"), priority=69,
           describes="the measures a department is responsible for (责任部门)"),
    Intent("measure_responsible", "measures", ("topic",), (RESPONSIBLE,), accepts=_f(*FILTERS), priority=68,
           describes="which department is responsible for a measure (责任部门)"),
    # No measure named, a field is (永嘉医疗卫生方面的举措由哪个部门负责): the units responsible for its measures.
    Intent("field_responsible", "measures", ("no_topic", "field", "no_organization"),
           (RESPONSIBLE, MEASURE + r"|领域|方面|工作|\b(fields?|areas?|work)\b"),
           blocks=SUPPORT, accepts=_f("domain", "rounds", "kind"), priority=66,
           describes="which departments are responsible for a place's measures in a field (责任部门)"),
    Intent("measure_supporters", "measures", ("topic",), (SUPPORT_UNITS,), blocks=RESPONSIBLE,
           accepts=_f(*FILTERS), priority=67, describes="who supports a measure (帮扶单位)"),
    Intent("project_parties", "projects", ("named_project",), (WHO + "|" + RESPONSIBLE + "|共建|建设|业主|owner",),
           accepts=_f(*FILTERS), priority=78, describes="who owns or co-builds a named project or park"),
    Intent("rank_projects", "projects", (), (RANK + "|最大|最小|最高|最低|largest|smallest|highest|lowest",
                                              PROJECT + "|" + PARK),
           accepts=_f("domain", "status", "rounds", "project_kind"),
           priority=75, describes="the largest or smallest project or park by investment or area"),
    Intent("support_fields", "supporters_of", ("recipient",), (FIELDS,),
           blocks=MEASURE + "|" + PROJECT + "|" + SUPPORT_UNITS,
           accepts=_f("rounds", "mechanism"),
           priority=77, describes="in which fields a region is supported (by a given party)"),
    Intent("city_of", "region_profile", ("county",), (CITY_OF,), blocks=SUPPORT, priority=76,
           describes="the city a county belongs to"),
    Intent("rank_recipients", "supporters_of", (), (RANK,), blocks=r"帮扶的县|支援的县|most counties|几个县",
           priority=74, accepts=_f("domain"), describes="which county has the most supporters"),
    Intent("rank_supporters", "supported_by", (), (RANK, r"帮扶的县|支援的县|结对的县|counties|县最多"), priority=73,
           accepts=_f("domain"), describes="which supporter supports the most counties"),
    # 产业 / industry in these questions names the answer, not a field filter.
    Intent("industry_counties", "region_profile", ("industry",), (), blocks=SUPPORT,
           accepts=_f("industry", "category", "domain"),
           priority=72, describes="which county has a given 一县一业 industry"),
    Intent("industry", "region_profile", ("county",), (INDUSTRY,), blocks=SUPPORT + "|" + PROJECT, priority=71,
           accepts=_f("domain"),
           describes="the 一县一业 industry of a county"),
    # 历史经典产业 (P26: 龙泉青瓷宝剑、龙游宣纸、磐安五味 …): a county's, or every county's.
    Intent("classic_industry", "region_profile", ("county",), (CLASSIC,), blocks=SUPPORT + "|" + PROJECT,
           accepts=_f("domain"), priority=72, describes="the 历史经典产业 (historic classic industry) of a county"),
    Intent("classic_industries", "region_profile", ("no_county", "no_supporter", "many"), (CLASSIC,),
           blocks=SUPPORT + "|" + PROJECT + "|" + UNIT_ROLE + r"|部门|牵头|负责", accepts=_f("category", "domain"),
           priority=72,
           describes="every county's 历史经典产业 (of a city or category)"),
    # Every county's 一县一业 at once, or a city's or category's (一县一业有哪些, 丽水各县的主导产业).
    # Not a measure's units (改造升级山区传统制造业（做强一县一业）的牵头单位): that is measure_responsible's question.
    Intent("industries", "region_profile", ("no_county", "no_industry", "no_supporter", "many"),
           (INDUSTRY,), blocks=SUPPORT + "|" + PROJECT + "|" + INDUSTRY_IS + "|" + UNIT_ROLE + r"|部门|牵头|负责",
           accepts=_f("category", "domain"), priority=71,
           describes="every county's 一县一业 industry (of a city or category)"),
    Intent("category", "region_profile", ("county",), (CATEGORY + "|还是",), blocks=r"几个|how many", priority=70,
           accepts=_f("category"),
           describes="the category of a mountain county (跨越发展类 / 生态发展类)"),
    # Above `category` (whose cue "classified" a yes/no question may hold too): a category named and asked
    # yes or no is the check (Is Taishun classified as an ecological-development county?).
    Intent("category_check", "region_profile", ("county", "category"), (YESNO,), accepts=_f("category"),
           priority=71, describes="whether a county is in a category (泰顺是生态发展类吗)"),
    Intent("category_members", "region_profile", ("category", "no_supporter", "no_county"), (), blocks=SUPPORT,
           accepts=_f("category"), priority=69, describes="the counties of a category"),
    Intent("coverage_gaps", "coverage", ("group_or_none",), (GAP,), accepts=_f("domain"), priority=66,
           describes="which mountain counties lack a supporter in a field"),
    # A city's places or organisations of a kind on one side (温州哪两个区在帮永嘉, 丽水哪些县结对了宁波的区).
    Intent("scoped_support", "supporters_of", ("scoped",), (SUPPORT + "|" + SUPPORT_UNITS,), blocks=YESNO,
           accepts=_f("domain", "rounds", "mechanism", "kind"), priority=65,
           describes="which places of a city (its districts, counties) or its organisations support a party"),
    Intent("supporters_in_city", "supported_by", ("city", "group"), (SUPPORT, LOCATED_SUPPORTERS),
           accepts=_f("rounds", "mechanism"), priority=64,
           describes="which places of a city support mountain counties"),
    # Where an enclave or park is, or its name: its site or platform (queries/qa_answers_sites.py).
    Intent("sites", "projects", (), (SITE_ASK + "|" + NAME_ASK, PLATFORM),
           blocks=PARTNER_ASK + "|" + MEASURE + "|" + RANK,  # the largest park is rank_projects'
           accepts=_f("project_kind", "mechanism", "rounds", "domain", "kind"), priority=83,
           describes="where an enclave (飞地) or co-built park is, and what it is called"),
    # Who built an enclave with X (the site is the "sites" intent's).
    # 责任单位/牵头单位 of 飞地 work are a measure's departments, never the places that built enclaves.
    Intent("enclaves", "supporters_of", (), (r"飞地|\benclaves?\b",), blocks=MEASURE + "|" + UNIT_ROLE,
           accepts=_f("project_kind", "rounds"), priority=63, describes="enclaves (飞地) and who built them for whom"),
    Intent("parks", "projects", (), (PARK,), blocks=r"飞地|enclave|" + UNIT_ROLE,
           accepts=_f("project_kind", "rounds", "domain"),
           priority=62, describes="industrial parks and who co-built them"),
    # The place word may be the group's own (山区26县中属于衢州的有哪些: the group, blanked as a name, says 县).
    Intent("city_members", "region_profile", ("city", "units_or_group"), (MEMBERS,), blocks=SUPPORT,
           accepts=_f("category"), priority=61, describes="the (mountain) counties of a city"),
    Intent("group_members", "coverage", ("group", "no_parties"), (MEMBERS + "|" + COUNT,), blocks=SUPPORT + "|" + GAP,
           accepts=_f("category"), priority=60, describes="the 26 mountain counties"),
    # "Who owns X" with no project named is not a list of projects.
    # "谁负责X项目" asks for a project's parties; "X负责哪个项目" (an owner's projects) is this intent.
    Intent("projects", "projects", (), (PROJECT,),
           blocks=MEASURE + r"|谁|\bwho\b|\bowns?\b|责任单位|业主|"
                  r"负责(?![^，,。？?]{0,4}?(哪|什么|的)[^，,。？?]{0,12}项目)",
           accepts=_f("domain", "status", "rounds", "project_kind", "kind"), priority=55,
           describes="projects, by place, field, status 新建/续建, year or owner"),
    Intent("measures", "measures", (), (MEASURE,), blocks=RESPONSIBLE + r"|谁|\bwho\b",
           accepts=_f("domain", "rounds", "project_kind"), priority=54,
           describes="measures, by place, field, year or supporter"),
    # Only with a level or round named (市级结对, 2021年): "which pairings" alone is not asked this way.
    Intent("pairings", "pairings", ("no_parties", "no_group", "level_or_round"),
           (r"结对关系|结对情况|结对安排|结对|\bpairings?\b|\bpairs\b", MEMBERS + "|关系"),
           accepts=_f("mechanism", "rounds"), priority=52, describes="the pairings at a level and round (市级结对)"),
    # "永嘉有没有银行帮扶": whether any supporter of a kind, field or tier is stated — the supporters_of answer,
    # read as yes or no. Only with such a filter: "永嘉有没有人帮扶" is not asked this way.
    Intent("any_supporter", "supporters_of", ("recipient", "filtered"), (SUPPORT, YESNO), blocks=r"\bwho\b|谁|哪",
           accepts=_f("domain", "rounds", "mechanism", "kind"), priority=48,
           describes="whether any supporter of a kind, field or tier supports a region (永嘉有没有银行帮扶)"),
    Intent("supported_by", "supported_by", ("supporter",), (SUPPORT + "|" + SUPPORT_UNITS,), blocks=YESNO,
           accepts=_f("domain", "rounds", "mechanism", "kind"), priority=50,
           describes="whom an organisation or region supports"),
    Intent("supporters_of", "supporters_of", ("recipient",), (SUPPORT + "|" + SUPPORT_UNITS,), blocks=YESNO,
           accepts=_f("domain", "rounds", "mechanism", "kind"), priority=49,
           describes="who supports a region, by field, kind, mechanism or round"),
)


def _has(pattern: str, text: str) -> bool:
    return bool(pattern) and _compiled(pattern).search(text) is not None


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    # Every question tests the same few hundred cue patterns: compiled once, not looked up in re's cache.
    return re.compile(pattern, re.I)


_REVERSE = re.compile(r"帮扶对象|受援|山方|帮扶的(县|地|区|市)|支援的(县|地|区|市)|结对的(县|地|区|市)|对口的|"
                      r"\bbeneficiar\w*|\bsupported (regions|counties|places)\b", re.I)


_ASKS_SUPPORTER = re.compile(r"由谁|被谁|受谁|谁(来|在|会|去|负责)?(帮扶|支援|支持|援助|结对|帮)|由哪|被哪|"
                             r"\bwho\s+(supports|helps|backs|assists|aids|is paired with|pairs with)\b|"
                             r"\b(supported|helped|backed|assisted|aided) by\b", re.I)


def supporter(store: GraphStore, s: Slots) -> list[Node]:
    """The parties asked about as supporters: written so, or (with a pairing verb) not a recipient in the graph."""
    parties = s.parties
    if s.active and len(s.active) == len(parties) == 2 and _has(PAIR, s.plain):
        # "瑞安和文成结对了吗": 和 joins both to the symmetric verb; the graph's roles say which is supported.
        roles = [is_recipient(store, p) for p in parties]
        if roles.count(True) == 1:
            return [p for p, r in zip(parties, roles, strict=True) if not r]
    if s.active:
        return s.active
    if len(parties) == 1 and (_has(PAIR + "|" + SUPPORT, s.plain) or _REVERSE.search(s.plain)):
        p = parties[0]
        if _REVERSE.search(s.plain) and not _ASKS_SUPPORTER.search(s.plain):
            return [p]  # "X的受援地" names X as the supporter; "X作为受援地，由哪些城市结对帮扶" does not
        # "龙港市由谁帮扶", "who supports X": the supporter is what is asked, so the one party named is the
        # supported side, even one the graph has no supporter for (then the answer says so).
        if not is_recipient(store, p) and not _ASKS_SUPPORTER.search(s.plain):
            return [p]
    if len(parties) >= 2 and _has(PAIR + "|" + SUPPORT + "|" + PARTICIPATE, s.plain):
        # Two parties and no word order to go by (永嘉和瓯海是结对关系吗): the graph's roles decide.
        roles = [is_recipient(store, p) for p in parties]
        if roles.count(True) == 1:
            return [p for p, r in zip(parties, roles, strict=True) if not r]
    return []


def recipient(store: GraphStore, s: Slots) -> list[Node]:
    act = {n.id for n in supporter(store, s)}
    return [n for n in s.regions if n.id not in act]


NEEDS: dict[str, Callable[[GraphStore, Slots], bool]] = {
    "two_rounds": lambda st, s: len(s.rounds) >= 2,
    "two_parties": lambda st, s: len(s.parties) >= 2,
    "supporter": lambda st, s: bool(supporter(st, s)),
    # The 26 counties as one recipient ("谁帮扶山区26县"), unless they are what is asked for ("哪个山区县").
    "recipient": lambda st, s: bool(recipient(st, s)) or (s.group and not s.parties and not _has(
        r"(哪个|哪些|哪几个|\bwhich|\bwhat)\s*(mountain|山区)", s.plain)),
    "two_supporters": lambda st, s: len(supporter(st, s)) >= 2,
    "two_recipients": lambda st, s: len(recipient(st, s)) >= 2 and not supporter(st, s),
    "topic": lambda st, s: bool(s.topic),
    "no_topic": lambda st, s: not s.topic,
    "organization": lambda st, s: any(n.label == "Organization" for n in s.parties),
    "named_project": lambda st, s: bool(s.projects),
    "no_region": lambda st, s: not s.regions,
    "industry": lambda st, s: s.industry is not None,
    "no_industry": lambda st, s: s.industry is None,
    # Several counties asked at once: a list word, or a city, group or category that holds them.
    "many": lambda st, s: bool(s.group or s.category or any(n.props.get("level") == "city" for n in s.regions)
                               or _has(MEMBERS + r"|各县|每个县|各地|分别|都是什么|\b(all|each|every|counties)\b",
                                       s.plain)),
    "county": lambda st, s: any(n.props.get("level") == "county" for n in s.regions),
    "no_county": lambda st, s: not any(n.props.get("level") == "county" for n in s.regions),
    "category": lambda st, s: s.category is not None,
    "no_supporter": lambda st, s: not s.active,
    "group_or_none": lambda st, s: s.group or not s.parties,
    "city": lambda st, s: any(n.props.get("level") == "city" for n in s.regions),
    "group": lambda st, s: s.group,
    "scoped": lambda st, s: scoped_question(s),
    "filtered": lambda st, s: bool(s.kind or s.domain or s.mechanism),
    "field": lambda st, s: s.domain is not None,
    "units_or_group": lambda st, s: s.group or _has(UNITS, s.plain),
    "no_organization": lambda st, s: not any(n.label == "Organization" for n in s.parties),
    "no_parties": lambda st, s: not s.parties,
    "no_group": lambda st, s: not s.group,
    "level_or_round": lambda st, s: bool(s.mechanism or s.rounds or _has(
        r"市级|县级|\bcity[- ]level\b|\bcounty[- ]level\b", s.plain)),
}


def candidates(store: GraphStore, s: Slots) -> list[Intent]:
    """Intents whose slots are filled and cues present, best first."""
    # A mechanism named (省领导联系, 经济强县) is itself a word of support.
    text = s.plain + (" 帮扶" if s.mechanism else "")
    # The intents share cue patterns (the support words in nine): each is searched once.
    seen: dict[str, bool] = {"": False}

    def has(pattern: str) -> bool:
        found = seen.get(pattern)
        if found is None:
            found = seen[pattern] = _compiled(pattern).search(text) is not None
        return found

    # Cue words first: they are one regex each, while a slot test may look parties up in the graph.
    # Plain loops: this runs for every question, and generator expressions cost more than the searches.
    out = []
    for i in INTENTS:
        for c in i.cues:
            if not has(c):
                break
        else:
            if has(i.blocks):
                continue
            for n in i.needs:
                if not NEEDS[n](store, s):
                    break
            else:
                out.append(i)
    return sorted(out, key=lambda i: -i.priority)


__all__ = ["COUNT", "INTENTS", "PAIR", "Intent", "candidates", "recipient", "supporter"]
