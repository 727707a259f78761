"""HTML of the pages: pyvis turns a bounded selection into vis-network data, Jinja lays out the page.

pyvis only renders `templates/pyvis_network.html` (the graph as a JSON data block) through
`generate_html()`; it never writes files, so no `lib/` appears in the working directory, and its
template's CDN links are never used. The page itself loads vis-network from /static/vendor.
"""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from api.graphview import GraphView
from api.pages import clusters, links
from api.pages.select import Selection
from api.pages.style import edge_style, node_label, node_style, type_legend
from api.state import TEMPLATES_DIR
from graph.model import DOMAIN, Node, Relation

VIS_VERSION = "9.1.2"
VIS_JS = f"/static/vendor/vis-network-{VIS_VERSION}/vis-network.min.js"
VIS_CSS = f"/static/vendor/vis-network-{VIS_VERSION}/vis-network.css"

# Pages run no inline script and load nothing from elsewhere: the data blocks are JSON (not run),
# and everything executable comes from this server. A name carrying <script> stays text.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def script_json(value: Any) -> Markup:
    """JSON safe inside a <script> element: `<`, `>` and `&` become \\u escapes, so a `</script>` in a
    name cannot close the element; Chinese stays as is (readable in the page source)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def script_json_text(value: str) -> Markup:
    """A JSON text (pyvis hands its options over serialised) made script-safe the same way."""
    return script_json(json.loads(value))


ENV = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)
ENV.filters["script_json"] = script_json
ENV.filters["script_json_text"] = script_json_text
links.install(ENV)


def physics_options(node_count: int, layered: bool = False) -> dict[str, Any]:
    """Physics that settles: a fixed number of stabilisation iterations, then the page turns it off
    (viz.js on 'stabilizationIterationsDone'); a fixed seed draws the same layout every time.
    `layered`: supporters → focus → the rest in columns (vis-network's hierarchical layout)."""
    iterations = 600 if node_count <= 150 else 300
    if layered:
        return {
            "autoResize": True,
            "layout": {"hierarchical": {"enabled": True, "direction": "LR", "levelSeparation": 260,
                                        "nodeSpacing": 60, "sortMethod": "directed"}},
            "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, 'Noto Sans CJK SC', sans-serif"}},
            "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                      "color": {"inherit": False}, "selectionWidth": 2, "hoverWidth": 1.5},
            "interaction": {"hover": True, "tooltipDelay": 200},
            "physics": {"enabled": True, "solver": "hierarchicalRepulsion",
                        "hierarchicalRepulsion": {"nodeDistance": 90, "avoidOverlap": 0.6},
                        "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True},
                        "minVelocity": 1.0},
        }
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 120},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, 'Noto Sans CJK SC', sans-serif"}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"inherit": False}, "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": node_count > 200},
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.01, "springLength": 110,
                                 "springConstant": 0.08, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        },
    }


def network_html(view: GraphView, sel: Selection, layered: bool = False) -> str:
    """The selection as pyvis nodes and edges (a bounded copy: the store's records are not touched)."""
    # Imported here: pyvis pulls in IPython, half a second the server need not spend at start-up.
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="remote")
    net.set_template_dir(str(TEMPLATES_DIR) + "/", "pyvis_network.html")
    net.templateEnv = ENV  # our autoescaping environment with the script-safe JSON filter
    focus_id = sel.focus.id if sel.focus else None
    members, _ = clusters.cluster_plan(view, sel)
    level = clusters.levels(sel) if layered else {}
    for n in sel.nodes:
        data = _node_data(view, n, n.id == focus_id, sel.distance.get(n.id))
        if not clusters.shows_label(n, sel.focus):
            # Labels for regions and organisations only; "all labels" in the page brings the rest back.
            data["fullLabel"], data["label"] = data["label"], " "
        if n.id in members:
            data["clusterField"] = members[n.id]
        if n.id in level:
            data["level"] = level[n.id]
        net.add_node(n.id, **data)
    parallel: dict[tuple[str, str], int] = {}
    for r in sel.relations:
        pair = (min(r.source, r.target), max(r.source, r.target))
        k = parallel.get(pair, 0)
        parallel[pair] = k + 1
        net.add_edge(r.source, r.target, **_edge_data(view, r, k))
    net.options = physics_options(len(sel.nodes), layered)
    html: str = net.generate_html()
    return html


def _node_data(view: GraphView, n: Node, focus: bool, distance: int | None) -> dict[str, Any]:
    facts = {k: v for k, v in n.props.items() if k not in ("section_words", "en_words")}
    return {
        **node_style(n, focus),
        "label": node_label(n.name),
        "title": f"{n.name}\n{n.label}" + (f" · {n.props['kind']}" if n.props.get("kind") else ""),
        "name": n.name, "type": n.label, "facts": facts,
        "evidence": [e.to_dict() for e in n.evidence],
        "degree": view.degree(n.id), "distance": distance,
    }


def _edge_data(view: GraphView, r: Relation, parallel_index: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        **edge_style(r),
        "id": r.id, "type": r.type, "props": r.props,
        "domains": view.edge_domains(r), "rounds": list(r.props.get("rounds", [])),
        "evidence": [e.to_dict() for e in r.evidence],
        "title": r.type + (f" · {r.props['mechanism']}" if r.props.get("mechanism") else ""),
    }
    if parallel_index:
        # Several facts between the same two nodes: bend all but the first so each stays clickable.
        data["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * parallel_index}
    return data


def page_data(view: GraphView, sel: Selection, mode: str, layout: str = "force") -> dict[str, Any]:
    """What the page script needs besides the graph: filters' choices, document titles, the focus."""
    drawn_domains = {d for r in sel.relations for d in view.edge_domains(r)}
    domains = [{"id": n.id, "name": n.name, "en": n.props.get("en_label", "")}
               for n in sorted(view.nodes.values(), key=lambda n: n.id)
               if n.label == DOMAIN and n.id in drawn_domains]
    used_docs = {e.document for r in sel.relations for e in r.evidence} | {e.document for n in sel.nodes
                                                                          for e in n.evidence}
    documents = {k: v for k, v in view.documents().items() if k in used_docs}
    drawn_rounds = {x for r in sel.relations for x in r.props.get("rounds", [])}
    return {
        "mode": mode,
        "layout": layout,
        "clusters": clusters.cluster_plan(view, sel)[1],
        "focus": sel.focus.id if sel.focus else None,
        "depth": sel.depth,
        "domains": domains,
        "rounds": [x for x in view.rounds() if x in drawn_rounds],
        "types": type_legend(),
        "documents": documents,
        "shown": len(sel.nodes),
        "total": sel.total_nodes,
        "truncated": sel.truncated,
        "edges": len(sel.relations),
    }


def render_viz(view: GraphView, sel: Selection, mode: str, title: str, round_names: dict[str, str],
               limit: int, layout: str = "force") -> str:
    data = page_data(view, sel, mode, layout)
    return ENV.get_template("viz.html").render(
        title=title, page=data, network=Markup(network_html(view, sel, layout == "layered")), focus=sel.focus,
        depth=sel.depth, layout=layout,
        vis_js=VIS_JS, vis_css=VIS_CSS, round_names=round_names, limit=limit,
    )


def render_landing(context: dict[str, Any]) -> str:
    return ENV.get_template("index.html").render(**context)


def render_page(template: str, **context: Any) -> str:
    """A page of the dossier family (region, organisation, document, map, coverage)."""
    return ENV.get_template(template).render(**context)
