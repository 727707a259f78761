"""Colours and shapes by node type and relationship type, and the legend that explains them."""

from __future__ import annotations

from typing import Any

from graph.model import (
    BENEFITS,
    DOCUMENT,
    DOMAIN,
    FOR,
    IN_DOMAIN,
    INDICATOR,
    LOCATED_IN,
    MEASURE,
    MEMBER_OF,
    MENTIONS,
    ORGANIZATION,
    OWNS,
    PART_OF,
    PROJECT,
    REGION,
    RESPONSIBLE_FOR,
    SUPPORTS,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Node,
    Relation,
)

MOUNTAIN = "MountainCounty"  # legend entry only: a Region with mountain=true

# (type, legend label, colour, vis shape); colour-blind-safe Tableau 10 hues, shapes differ too.
NODE_TYPES: list[tuple[str, str, str, str]] = [
    (MOUNTAIN, "山区县 mountain county", "#59a14f", "triangle"),
    (REGION, "地区 region", "#4e79a7", "dot"),
    (ORGANIZATION, "单位 organisation", "#f28e2b", "square"),
    (PROJECT, "项目 project", "#b07aa1", "diamond"),
    (MEASURE, "举措 measure", "#e15759", "triangleDown"),
    (DOMAIN, "领域 field", "#edc948", "star"),
    (INDICATOR, "指标 indicator", "#76b7b2", "hexagon"),
    (DOCUMENT, "文件 document", "#9c755f", "ellipse"),
]
_BY_TYPE = {t: (colour, shape) for t, _, colour, shape in NODE_TYPES}

EDGE_COLOURS = {
    SUPPORTS: "#2f6f3e", SUPPORTS_MEASURE: "#e15759", SUPPORTS_PROJECT: "#b07aa1", RESPONSIBLE_FOR: "#f28e2b",
    FOR: "#e8a0a1", BENEFITS: "#c9a2c0", LOCATED_IN: "#c9a2c0", OWNS: "#f6b26b", IN_DOMAIN: "#d8c368",
    PART_OF: "#b8c4d6", MEMBER_OF: "#b8c4d6", MENTIONS: "#cccccc",
}
_THIN_DASHED = {PART_OF, MEMBER_OF, MENTIONS}
LABEL_MAX = 16


def legend_type(n: Node) -> str:
    return MOUNTAIN if n.label == REGION and n.props.get("mountain") else n.label


def node_style(n: Node, focus: bool) -> dict[str, Any]:
    colour, shape = _BY_TYPE.get(legend_type(n), ("#bab0ac", "dot"))
    size = 26 if focus else 18 if n.label in (REGION, ORGANIZATION) else 14
    style: dict[str, Any] = {"color": colour, "shape": shape, "size": size, "legend": legend_type(n)}
    if focus:
        style["borderWidth"] = 4
        style["color"] = {"background": colour, "border": "#222222"}
        style["font"] = {"size": 18, "bold": True}
    return style


def node_label(name: str) -> str:
    """Long measure and project titles are shortened on the canvas; the panel shows them whole."""
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1] + "…"


def edge_style(r: Relation) -> dict[str, Any]:
    style: dict[str, Any] = {"color": EDGE_COLOURS.get(r.type, "#999999"),
                             "width": 3 if r.type == SUPPORTS else 1.2}
    if r.type in _THIN_DASHED:
        style["dashes"] = True
        style["width"] = 1
    return style


def type_legend() -> list[dict[str, str]]:
    return [{"type": t, "label": label, "color": colour, "shape": shape} for t, label, colour, shape in NODE_TYPES]


def edge_legend() -> list[dict[str, str]]:
    return [{"type": t, "color": c} for t, c in EDGE_COLOURS.items()]
