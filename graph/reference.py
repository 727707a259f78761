"""Curated reference data under data/reference/: regions, organisations, domains, rounds, overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import DOMAIN, ORGANIZATION, REGION, make_id

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SOURCES_DIR = DATA_DIR / "sources"
BUILD_DIR = DATA_DIR / "build"


@dataclass
class Entry:
    """One resolvable entity of the reference data."""

    id: str
    label: str
    name: str
    props: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)  # every other surface form, incl. short names
    pinyin: str | None = None
    en: list[str] = field(default_factory=list)


@dataclass
class Reference:
    regions: list[Entry]
    organizations: list[Entry]
    domains: list[Entry]
    rounds: list[dict[str, Any]]
    overrides: dict[str, Any]
    province_abbr: str = ""  # 浙: the one-character form organisation abbreviations use (浙交投)
    # Table header vocabulary (headers.yaml): column roles, table kinds, investment units.
    headers: dict[str, Any] = field(default_factory=dict)

    def round_order(self) -> dict[str, int]:
        return {r["id"]: i for i, r in enumerate(self.rounds)}


# libyaml's loader is ~10× faster than the pure-Python one; reference data dominated build time.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # a safe loader (CSafeLoader/SafeLoader)


def _region_entries(data: dict[str, Any]) -> list[Entry]:
    prov = data["province"]
    province = Entry(
        make_id(REGION, prov["name"]), REGION, prov["name"],
        {"level": "province"}, list(prov.get("short", [])) + list(prov.get("aliases", [])),
        prov.get("pinyin"), [prov["en"]] if prov.get("en") else [],
    )
    out = [province]
    for group in data.get("groups", []):
        out.append(Entry(
            make_id(REGION, group["name"]), REGION, group["name"], {"level": "group"},
            list(group.get("aliases", [])), group.get("pinyin"), [group["en"]] if group.get("en") else [],
        ))
    for city in data["cities"]:
        c = Entry(
            make_id(REGION, city["name"]), REGION, city["name"],
            {"level": "city", "province": province.name, "parent": province.id},
            list(city.get("short", [])) + list(city.get("aliases", [])), city.get("pinyin"),
            [f"{city['pinyin']} City"],
        )
        out.append(c)
        for county in city["counties"]:
            name = county["name"]
            # The pairing table writes supporters as 杭州市余杭区; the magazine as 杭州余杭.
            prefixed = [city["name"] + name] + [s + name for s in city.get("short", [])[:1]]
            out.append(Entry(
                make_id(REGION, name), REGION, name,
                {"level": "county", "city": city["name"], "parent": c.id,
                 "mountain": bool(county.get("mountain", False))},
                list(county.get("short", [])) + list(county.get("aliases", [])) + prefixed,
                county.get("pinyin"),
                [f"{county['pinyin']} County", f"{county['pinyin']} District"],
            ))
    out += _outside_entries(data.get("outside_province") or [])
    return out


def _outside_entries(provinces: list[dict[str, Any]]) -> list[Entry]:
    """Provinces and counties outside Zhejiang (东西部协作 …): regions marked `outside_province`."""
    out = []
    for prov in provinces:
        p = Entry(make_id(REGION, prov["name"]), REGION, prov["name"],
                  {"level": "province", "outside_province": True},
                  list(prov.get("short", [])) + list(prov.get("aliases", [])), prov.get("pinyin"),
                  [f"{prov['pinyin']} Province"] if prov.get("pinyin") else [])
        out.append(p)
        for county in prov.get("counties", []):
            out.append(Entry(
                make_id(REGION, county["name"]), REGION, county["name"],
                {"level": "county", "province": prov["name"], "parent": p.id, "outside_province": True},
                list(county.get("short", [])) + list(county.get("aliases", [])), county.get("pinyin"),
                [f"{county['pinyin']} County"] if county.get("pinyin") else []))
    return out


def _org_entries(data: list[dict[str, Any]]) -> list[Entry]:
    out = []
    for org in data or []:
        props = {k: org[k] for k in ("kind", "level", "region") if org.get(k)}
        out.append(Entry(
            make_id(ORGANIZATION, org["name"]), ORGANIZATION, org["name"], props,
            list(org.get("aliases") or []), None, [org["en"]] if org.get("en") else [],
        ))
    return out


def _domain_entries(data: list[dict[str, Any]]) -> list[Entry]:
    out = []
    for d in data:
        props = {"key": d["id"], "zh": d["zh"], "en_label": d["en_label"],
                 "keywords": list(d.get("keywords", [])), "section_words": list(d.get("section_words", []))}
        out.append(Entry(f"domain:{d['id']}", DOMAIN, d["zh"], props, [], None, list(d.get("en", []))))
    return out


def load_reference(directory: Path = REFERENCE_DIR) -> Reference:
    orgs_path = directory / "organizations.yaml"
    overrides_path = directory / "overrides.yaml"
    regions = _read_yaml(directory / "regions.yaml")
    return Reference(
        regions=_region_entries(regions),
        organizations=_org_entries(_read_yaml(orgs_path) if orgs_path.exists() else []),
        domains=_domain_entries(_read_yaml(directory / "domains.yaml")),
        rounds=_read_yaml(directory / "rounds.yaml"),
        overrides=(_read_yaml(overrides_path) or {}) if overrides_path.exists() else {},
        province_abbr=str(regions["province"].get("abbr") or ""),
        headers=load_headers(directory),
    )


@lru_cache(maxsize=4)  # detect() runs on every document and has no Context to carry it
def load_headers(directory: Path = REFERENCE_DIR) -> dict[str, Any]:
    """The table header vocabulary of headers.yaml (empty when the file is absent)."""
    path = directory / "headers.yaml"
    return (_read_yaml(path) or {}) if path.exists() else {}


def load_sources_meta(directory: Path = SOURCES_DIR) -> dict[str, dict[str, Any]]:
    path = directory / "sources.yaml"
    return (_read_yaml(path) or {}) if path.exists() else {}
