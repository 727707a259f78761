"""The made-up province a synthetic corpus talks about: cities, counties, pairings and organisations.

Its shape copies the real one (11 cities, 90 county-level units, 26 mountain counties split 15 / 11,
50 经济强县, two recipient cities paired with developed cities, three cities that pair inside
themselves), so a 1× synthetic corpus yields about the record counts of the real five documents.
The regions stay the same at every scale — a province does not grow with its paperwork — while each
generated document brings its own organisations (project owners, hospitals, schools …).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.synth_names import StemPool
from graph.model import slug

LEAP, ECO = "跨越发展类", "生态发展类"

# (role, county-level units, of which mountain counties) per city, in the real province's proportions.
CITY_SPEC: tuple[tuple[str, int, int], ...] = (
    ("recipient", 6, 6), ("recipient", 9, 9),
    ("supporter", 13, 1), ("supporter", 10, 0), ("supporter", 7, 0), ("supporter", 5, 0),
    ("supporter", 6, 0), ("supporter", 4, 0),
    ("internal", 12, 5), ("internal", 9, 2), ("internal", 9, 3),
)
# City pairings: recipient city index -> supporter city indexes (CITY_SPEC positions).
CITY_PAIRS = {0: (2, 6), 1: (3, 5, 4)}
STRONG_COUNT = 50
LEAP_COUNT = 15

# Departments of a county: (name after the county's name, the short form plans write after 县).
COUNTY_DEPARTMENTS: tuple[tuple[str, str | None], ...] = (
    ("发展和改革局", "发改局"), ("经济和信息化局", "经信局"), ("科学技术局", "科技局"), ("教育局", None),
    ("卫生健康局", "卫健局"), ("文化和广电旅游体育局", "文广旅局"), ("投资促进服务中心", None),
    ("商务局", None), ("农业农村局", None), ("自然资源和规划局", "资规局"), ("住房和城乡建设局", "住建局"),
    ("交通运输局", "交通局"), ("人力资源和社会保障局", "人社局"), ("民政局", None), ("财政局", None),
    ("供销合作社联合社", "供销联社"), ("委组织部", None), ("金融工作服务中心", None),
)
CITY_DEPARTMENTS: tuple[tuple[str, str | None], ...] = (
    ("招商局", None), ("发展和改革委员会", "发改委"), ("财政局", None), ("农业局", None), ("旅游局", None),
    ("教育局", None), ("人力资源和社会保障局", "人力社保局"), ("卫生和计划生育委员会", "卫计委"),
    ("商务局", None), ("经济和信息化委员会", "经信委"), ("规划局", None), ("国土资源局", None),
)


@dataclass
class County:
    name: str
    stem: str
    city: str
    mountain: bool = False
    category: str | None = None

    @property
    def short(self) -> str:
        return self.stem

    def table_name(self) -> str:
        """How the pairing table writes a supporter: districts with their city (杭州市余杭区), others bare."""
        return self.city + self.name if self.name.endswith("区") else self.name


@dataclass
class City:
    name: str
    stem: str
    role: str
    counties: list[County] = field(default_factory=list)


@dataclass
class Org:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    region: str | None = None
    level: str | None = None

    def to_yaml(self) -> dict[str, object]:
        d: dict[str, object] = {"name": self.name, "kind": self.kind}
        for k in ("level", "region"):
            if getattr(self, k):
                d[k] = getattr(self, k)
        if self.aliases:
            d["aliases"] = list(self.aliases)
        return d


@dataclass
class World:
    rng: random.Random
    pool: StemPool
    cities: list[City]
    mountain: list[County]
    strong: list[County]
    provincial_departments: list[str]  # short names the real reference knows (省发展改革委 …)
    soes: list[Org] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    _org_names: set[str] = field(default_factory=set)

    def city(self, name: str) -> City:
        return next(c for c in self.cities if c.name == name)

    @property
    def city_pairs(self) -> list[tuple[City, list[City]]]:
        return [(self.cities[r], [self.cities[s] for s in sups]) for r, sups in CITY_PAIRS.items()]

    @property
    def internal_cities(self) -> list[City]:
        return [c for c in self.cities if c.role == "internal"]

    def add_org(self, org: Org) -> Org:
        if org.name not in self._org_names:
            self._org_names.add(org.name)
            self.orgs.append(org)
        return org

    def new_org(self, kind: str, make: str, alias: str | None = None, region: str | None = None) -> Org:
        """An organisation named from a fresh stem: `make` and `alias` are templates with {s}."""
        s = self.pool.stem()
        return self.add_org(Org(make.format(s=s), kind, [alias.format(s=s)] if alias else [], region))

    def departments(self, unit: County | City) -> dict[str, str]:
        """Relative name as documents write it (县发改局 / 市招商局) -> the department's full name."""
        table, prefix = (CITY_DEPARTMENTS, "市") if isinstance(unit, City) else (COUNTY_DEPARTMENTS, "县")
        out = {}
        for full, short in table:
            org = Org(unit.name + full, "department", [unit.name + short] if short else [], unit.name,
                      "city" if isinstance(unit, City) else "county")
            self.add_org(org)
            out[prefix + (short or full)] = org.name
        return out


def make_world(rng: random.Random, reference_dir: Path) -> World:
    taken = _real_slugs(reference_dir)
    pool = StemPool(rng, taken)
    cities: list[City] = []
    for role, n, n_mountain in CITY_SPEC:
        stem = pool.stem()
        city = City(stem + "市", stem, role)
        for i in range(n):
            cs = pool.stem()
            is_mountain = i < n_mountain
            if is_mountain and role == "recipient":
                suffix = "区" if i == 0 else ("市" if i == 1 else "县")
            elif is_mountain:
                suffix = "县"
            else:
                suffix = rng.choice("区区区市县")
            city.counties.append(County(cs + suffix, cs, city.name, is_mountain))
        cities.append(city)
    mountain = [c for city in cities for c in city.counties if c.mountain]
    for i, c in enumerate(rng.sample(mountain, len(mountain))):
        c.category = LEAP if i < LEAP_COUNT else ECO
    strong = [c for city in cities if city.role == "internal" for c in city.counties if not c.mountain]
    others = [c for city in cities if city.role == "supporter" for c in city.counties if not c.mountain]
    strong += rng.sample(others, STRONG_COUNT - len(strong))
    world = World(rng, pool, cities, mountain, strong, _provincial_departments(reference_dir))
    for _ in range(8):
        world.soes.append(world.new_org("soe", "浙江省{s}集团有限公司", "省{s}集团", "浙江省"))
    return world


def _real_slugs(reference_dir: Path) -> set[str]:
    regions = yaml.safe_load((reference_dir / "regions.yaml").read_text(encoding="utf-8"))
    names = [c["name"] for c in regions["cities"]] + [k["name"] for c in regions["cities"] for k in c["counties"]]
    return {slug(n) for n in names} | {slug(n[:-1]) for n in names}


def _provincial_departments(reference_dir: Path) -> list[str]:
    orgs = yaml.safe_load((reference_dir / "organizations.yaml").read_text(encoding="utf-8")) or []
    out = []
    for o in orgs:
        if o.get("kind") == "department" and o.get("level") == "province":
            short = next((a for a in o.get("aliases") or [] if a.startswith("省") and "（" not in a), None)
            if short:
                out.append(short)
    return out


__all__ = ["ECO", "LEAP", "City", "County", "Org", "World", "make_world"]
