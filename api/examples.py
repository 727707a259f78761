"""Response examples shown in OpenAPI (/docs); abridged from real answers of the built graph."""

from __future__ import annotations

from typing import Any

_EVIDENCE = {"document": "zj-2021-pairing-guidance", "locator": "county table/L118",
             "quote": "17\t温州市\t永嘉县\t温州市瓯海区"}
_SUPPORTER = {
    "id": "region:ouhaiqu", "name": "瓯海区", "type": "Region", "kind": "county", "domains": [],
    "supports": [{"via": "pairing", "relation": "SUPPORTS", "level": "county", "mechanism": "county_pairing",
                  "rounds": ["2021-provincial"], "domains": [], "evidence": [_EVIDENCE],
                  "measure": None, "project": None}],
}  # compact: the supporter-level union of its supports' evidence comes with evidence=full only
_YONGJIA = {"id": "region:yongjiaxian", "name": "永嘉县", "type": "Region",
            "props": {"level": "county", "city": "温州市", "mountain": True, "pinyin": "Yongjia",
                      "aliases": ["永嘉", "温州市永嘉县"]}, "evidence": []}

REGION_EXAMPLE: dict[str, Any] = {
    "query": "region_profile", "params": {"region": "region:yongjiaxian"},
    "region": {"id": "region:yongjiaxian", "name": "永嘉县", "type": "Region", "level": "county", "city": "温州市",
               "mountain": True},
    "category": {"value": "跨越发展类", "evidence": [{"document": "zj-26-counties-plan-2021-2025", "locator": "L10",
                                                 "quote": "其中跨越发展类包括永嘉县、平阳县、…等15个县（市、区）"}]},
    "industry": {"value": "泵阀", "evidence": [{"document": "zj-26-counties-plan-2021-2025", "locator": "L220",
                                              "quote": "…永嘉泵阀…"}]},
    "supporters": [{"mechanism": "county_pairing", "supporters": [
        {"id": "region:ouhaiqu", "name": "瓯海区", "type": "Region", "level": "county",
         "rounds": ["2018-wenzhou", "2021-provincial", "2025-2027"], "domains": [], "evidence": [_EVIDENCE]}]}],
    "projects": [], "measures": [], "indicators": [], "documents": [],
}
SUPPORTERS_EXAMPLE: dict[str, Any] = {
    "query": "supporters_of",
    "params": {"region": "region:yongjiaxian", "field": None, "round": "current"},
    "subject": {"id": "region:yongjiaxian", "name": "永嘉县", "type": "Region", "level": "county", "city": "温州市"},
    "items": [_SUPPORTER], "total": 1, "limit": 50, "next_cursor": None,
}
SUPPORTED_BY_EXAMPLE: dict[str, Any] = {
    "query": "supported_by",
    "params": {"supporter": "region:ouhaiqu", "field": None, "round": "all"},
    "subject": {"id": "region:ouhaiqu", "name": "瓯海区", "type": "Region", "level": "county"},
    "items": [{**_SUPPORTER, "id": "region:yongjiaxian", "name": "永嘉县"}],
    "total": 1, "limit": 50, "next_cursor": None,
}
NODE_EXAMPLE: dict[str, Any] = {
    **_YONGJIA,
    "relationships": [{"id": "rel:…", "type": "SUPPORTS", "source": "region:ouhaiqu", "target": "region:yongjiaxian",
                       "props": {"level": "county", "mechanism": "county_pairing", "rounds": ["2021-provincial"]},
                       "evidence": [_EVIDENCE], "domains": []}],
}
ASK_EXAMPLE: dict[str, Any] = {
    "question": "谁在医疗卫生方面帮扶永嘉县？",
    "interpretation": {"intent": "supporters_of", "entities": [{"id": "region:yongjiaxian", "name": "永嘉县",
                                                               "type": "Region", "surface": "永嘉县"}],
                       "domain": {"id": "domain:healthcare", "name": "医疗卫生", "type": "Domain"},
                       "kind": None, "round": None},
    "answers": [{"id": "org:…", "name": "…医院", "type": "Organization", "kind": "hospital",
                 "domains": ["domain:healthcare"], "supports": ["…"],
                 "evidence": [{"document": "yongjia-action-plan-2025-2027", "locator": "L…", "quote": "…"}]}],
    "query": "supporters_of",
    "params": {"region": "region:yongjiaxian", "field": "domain:healthcare", "round": "current"},
    "message": "1 answer(s) from supporters_of.",
}
HEALTH_EXAMPLE: dict[str, Any] = {"status": "ok", "store": {"kind": "memory", "reachable": True}}
STATS_EXAMPLE: dict[str, Any] = {
    "store": "memory", "nodes": {"Region": 103, "Organization": 127}, "relationships": {"SUPPORTS": 55},
    "node_total": 230, "relationship_total": 55, "relationships_without_evidence": 0,
    "rounds": ["2021-provincial"],
}


PAIRINGS_EXAMPLE: dict[str, Any] = {
    "query": "pairings", "params": {"level": "city", "round": "current"},
    "items": [{"recipient": {"id": "region:lishuishi", "name": "丽水市", "type": "Region", "level": "city"},
               "level": "city",
               "supporters": [{"id": "region:huzhoushi", "name": "湖州市", "type": "Region", "kind": None,
                               "mechanism": "city_pairing", "rounds": ["2021-provincial"],
                               "evidence": [{"document": "zj-2021-pairing-guidance", "locator": "city table/L72",
                                             "quote": "2\t丽水市\t宁波市、湖州市、嘉兴市"}]}]}],
    "total": 2, "limit": 50, "next_cursor": None,
}
PATH_EXAMPLE: dict[str, Any] = {
    "query": "path", "params": {"a": "org:zhejiangzhongyiyaodaxuefushudieryiyuan", "b": "region:ouhaiqu",
                                "max_hops": 4},
    "found": True, "hops": 2, "used_hubs": False,
    "steps": [{"from": {"id": "org:zhejiangzhongyiyaodaxuefushudieryiyuan", "name": "浙江中医药大学附属第二医院",
                        "type": "Organization", "kind": "hospital"},
               "type": "SUPPORTS", "direction": "forward",
               "to": {"id": "region:yongjiaxian", "name": "永嘉县", "type": "Region"},
               "relation": {"id": "rel:…", "mechanism": "named_support", "rounds": ["2025-2027"],
                            "domains": ["domain:healthcare"]},
               "evidence": [{"document": "yj-2025-2027-action-plan", "locator": "…(L240, sentence 2)",
                             "quote": "依托浙中医大二院，推进“一院一品”和名（中）医工作站建设，…"}]},
              "…"],
    "message": "",
}
SEARCH_EXAMPLE: dict[str, Any] = {
    "query": "search", "params": {"text": "yongjia", "limit": 200}, "matches": 29,
    "items": [{"id": "region:yongjiaxian", "name": "永嘉县", "type": "Region", "level": "county", "city": "温州市",
               "match": "exact", "matched": "Yongjia", "field": "pinyin"}],
    "total": 29, "limit": 50, "next_cursor": "…",
}


def example(value: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI `responses` entry carrying one JSON example."""
    return {"content": {"application/json": {"example": value}}}
