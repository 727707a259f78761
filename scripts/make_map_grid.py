"""Regenerate data/reference/map_grid.yaml: a tile-grid cartogram of Zhejiang's 90 county-level units.

How it was made: each unit's seat is given below as a rough (longitude, latitude) to about 0.1°,
written by hand from general geographic knowledge (not surveyed, not from a licensed data set).
Seats are snapped to a grid of 0.27° × 0.25° cells; where several seats fall into one cell (the
city districts of Hangzhou, Ningbo, Wenzhou …), the later ones move to the nearest free cell,
densest cities first so their districts stay together. The result is approximate by design: it keeps
north/south/east/west relations and neighbourhoods, not areas or distances.

Run: .venv/bin/python scripts/make_map_grid.py > data/reference/map_grid.yaml
"""

from __future__ import annotations

import math

SEATS: dict[str, dict[str, tuple[float, float]]] = {
    "杭州市": {"上城区": (120.17, 30.25), "拱墅区": (120.14, 30.32), "西湖区": (120.10, 30.26),
            "滨江区": (120.21, 30.20), "萧山区": (120.26, 30.16), "余杭区": (119.98, 30.40),
            "临平区": (120.30, 30.42), "钱塘区": (120.49, 30.30), "富阳区": (119.96, 30.05),
            "临安区": (119.72, 30.23), "桐庐县": (119.69, 29.80), "淳安县": (119.04, 29.61),
            "建德市": (119.28, 29.47)},
    "宁波市": {"海曙区": (121.50, 29.87), "江北区": (121.55, 29.93), "北仑区": (121.84, 29.90),
            "镇海区": (121.71, 29.97), "鄞州区": (121.58, 29.82), "奉化区": (121.41, 29.66),
            "象山县": (121.87, 29.48), "宁海县": (121.43, 29.29), "余姚市": (121.15, 30.04),
            "慈溪市": (121.27, 30.17)},
    "温州市": {"鹿城区": (120.65, 28.02), "龙湾区": (120.83, 27.93), "瓯海区": (120.64, 27.97),
            "洞头区": (121.16, 27.84), "永嘉县": (120.69, 28.15), "平阳县": (120.56, 27.66),
            "苍南县": (120.43, 27.52), "龙港市": (120.55, 27.58), "文成县": (120.09, 27.79),
            "泰顺县": (119.72, 27.56), "瑞安市": (120.65, 27.78), "乐清市": (120.98, 28.13)},
    "嘉兴市": {"南湖区": (120.78, 30.75), "秀洲区": (120.71, 30.77), "嘉善县": (120.92, 30.84),
            "海盐县": (120.95, 30.53), "海宁市": (120.68, 30.51), "平湖市": (121.02, 30.70),
            "桐乡市": (120.57, 30.63)},
    "湖州市": {"吴兴区": (120.10, 30.87), "南浔区": (120.42, 30.88), "德清县": (119.97, 30.54),
            "长兴县": (119.91, 31.03), "安吉县": (119.68, 30.64)},
    "绍兴市": {"越城区": (120.58, 30.00), "柯桥区": (120.49, 30.08), "上虞区": (120.87, 30.03),
            "诸暨市": (120.24, 29.71), "嵊州市": (120.83, 29.59), "新昌县": (120.90, 29.50)},
    "金华市": {"婺城区": (119.65, 29.08), "金东区": (119.69, 29.10), "兰溪市": (119.46, 29.21),
            "东阳市": (120.24, 29.29), "义乌市": (120.08, 29.31), "永康市": (120.04, 28.89),
            "浦江县": (119.89, 29.45), "武义县": (119.82, 28.90), "磐安县": (120.45, 29.05)},
    "衢州市": {"柯城区": (118.87, 28.94), "衢江区": (118.96, 28.98), "常山县": (118.52, 28.90),
            "开化县": (118.41, 29.14), "龙游县": (119.17, 29.03), "江山市": (118.63, 28.74)},
    "舟山市": {"定海区": (122.10, 30.02), "普陀区": (122.30, 29.95), "岱山县": (122.20, 30.24),
            "嵊泗县": (122.45, 30.73)},
    "台州市": {"椒江区": (121.44, 28.67), "黄岩区": (121.26, 28.65), "路桥区": (121.37, 28.58),
            "临海市": (121.14, 28.86), "温岭市": (121.39, 28.37), "玉环市": (121.23, 28.14),
            "三门县": (121.38, 29.10), "天台县": (121.01, 29.14), "仙居县": (120.73, 28.85)},
    "丽水市": {"莲都区": (119.92, 28.45), "青田县": (120.29, 28.14), "缙云县": (120.09, 28.66),
            "遂昌县": (119.27, 28.59), "松阳县": (119.48, 28.45), "云和县": (119.57, 28.12),
            "庆元县": (119.06, 27.62), "景宁畲族自治县": (119.63, 27.97), "龙泉市": (119.14, 28.07)},
}
WEST, NORTH, CELL_X, CELL_Y = 118.3, 31.1, 0.27, 0.25


def assign() -> dict[str, tuple[int, int, str]]:
    taken: dict[tuple[int, int], str] = {}
    out: dict[str, tuple[int, int, str]] = {}
    cities = sorted(SEATS, key=lambda c: -len(SEATS[c]))
    for city in cities:
        for name, (lon, lat) in SEATS[city].items():
            x, y = (lon - WEST) / CELL_X, (NORTH - lat) / CELL_Y
            free = [(c, r) for c in range(-1, 18) for r in range(-1, 16) if (c, r) not in taken]
            cell = min(free, key=lambda cr: (math.hypot(cr[0] + 0.5 - x, cr[1] + 0.5 - y), cr))
            taken[cell] = name
            out[name] = (cell[0], cell[1], city)
    return out


def main() -> None:
    cells = assign()
    min_c = min(c for c, _, _ in cells.values())
    min_r = min(r for _, r, _ in cells.values())
    print("# A tile-grid cartogram of Zhejiang's 90 county-level units: one square cell per unit, placed")
    print("# to approximate geography (north: 湖州/嘉兴/杭州, east: 宁波/舟山, centre: 绍兴/金华, west: 衢州,")
    print("# south: 丽水/温州/台州). APPROXIMATE: made by scripts/make_map_grid.py from hand-written rough")
    print("# seat positions (±0.1°), snapped to 0.27° × 0.25° cells, crowded districts moved to the nearest")
    print("# free cell. It shows relative position and neighbourhood, not area, shape or distance.")
    print("# col grows eastwards, row southwards, both from 0.")
    print("units:")
    for city in SEATS:
        print(f"  {city}:")
        for name in SEATS[city]:
            c, r, _ = cells[name]
            print(f"    {name}: [{c - min_c}, {r - min_r}]")


if __name__ == "__main__":
    main()
