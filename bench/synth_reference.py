"""The reference directory of a synthetic corpus: the real reference data plus the made-up world."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from bench.synth_names import pinyin_of
from bench.synth_world import ECO, LEAP, World
from graph.reference import REFERENCE_DIR

ROUND = "2021-provincial"


def write_reference(world: World, out: Path, source: Path = REFERENCE_DIR) -> Path:
    """Copy the real reference data into `out` and add the world's regions and organisations.

    The real counties lose their mountain flag: the build checks "every mountain county has a
    supporter", and a synthetic corpus pairs only the made-up mountain counties. The checks in
    overrides.yaml keep the real keys with the counts this world was generated with.
    """
    out.mkdir(parents=True, exist_ok=True)
    for name in ("domains.yaml", "rounds.yaml"):
        shutil.copyfile(source / name, out / name)
    regions = _load(source / "regions.yaml")
    for city in regions["cities"]:
        for county in city["counties"]:
            county.pop("mountain", None)
    for city in world.cities:
        regions["cities"].append({
            "name": city.name, "pinyin": pinyin_of(city.stem), "short": [city.stem],
            "counties": [{"name": c.name, "pinyin": pinyin_of(c.stem), "short": [c.stem],
                          **({"mountain": True} if c.mountain else {})} for c in city.counties],
        })
    _dump(out / "regions.yaml", regions)
    orgs = (_load(source / "organizations.yaml") or []) + [o.to_yaml() for o in world.orgs]
    _dump(out / "organizations.yaml", orgs)
    overrides = _load(source / "overrides.yaml") or {}
    overrides["checks"] = expected_checks(world)
    _dump(out / "overrides.yaml", overrides)
    return out


def expected_checks(world: World) -> list[dict[str, Any]]:
    leap = sum(1 for c in world.mountain if c.category == LEAP)
    eco = sum(1 for c in world.mountain if c.category == ECO)
    why = "synthetic corpus (bench/synth.py): counts of the generated world"
    return [
        {"id": "mountain_counties", "reason": why, "round": ROUND,
         "distinct_county_pairing_recipients": len(world.mountain)},
        {"id": "strong_counties", "reason": why, "round": ROUND,
         "distinct_county_pairing_supporters": len(world.strong)},
        {"id": "every_mountain_county_supported", "reason": why, "round": ROUND,
         "every_mountain_county_has_supporter": True},
        {"id": "categories", "reason": why, "category_counts": {LEAP: leap, ECO: eco}},
    ]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


__all__ = ["ROUND", "expected_checks", "write_reference"]
