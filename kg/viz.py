"""The interactive graph page: one self-contained HTML file that works offline.

pyvis holds the nodes, edges and physics options; the page itself is our
template (kg/static/graph.html), because pyvis's own templates link
Bootstrap and vis-network from CDNs even in "in_line" mode. vis-network's
JavaScript and CSS are read from the installed pyvis package and inlined, so
the file fetches nothing when opened.

Document text (names, evidence, quotes, titles) is untrusted: the graph data
travels as JSON in a non-executed <script type="application/json"> with
'<', '>' and '&' escaped, the page script puts it into the DOM with
textContent only, and a Content-Security-Policy lets no other script run."""
import base64
import hashlib
import json
import math
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network
from rdflib.namespace import DCTERMS

from .graphio import actor_names, actor_nodes
from .namespaces import RELATIONS
from .subgraph import (
    actor_class, class_ancestors, document_identifier, document_title, quotes, relation_edges,
)

STATIC = Path(__file__).with_name("static")
#: vis-network as vendored by pyvis 0.3.x.
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

#: Actor class -> (fill colour, vis-network shape). Shapes with the label
#: underneath, so that size can show degree; related classes share a shape.
CLASS_STYLES = {
    "Person": ("#4e79a7", "dot"),
    "State": ("#59a14f", "square"),
    "Government": ("#8cd17d", "square"),
    "GovernmentAgency": ("#b6992d", "hexagon"),
    "ArmedForce": ("#e15759", "triangle"),
    "Militia": ("#f28e2b", "triangleDown"),
    "NonStateArmedGroup": ("#ff9d9a", "triangleDown"),
    "PoliticalParty": ("#b07aa1", "diamond"),
    "InternationalOrganization": ("#76b7b2", "star"),
    "Coalition": ("#499894", "star"),
    "MediaOrganization": ("#9d7660", "hexagon"),
    "ThinkTank": ("#d4a6c8", "diamond"),
    "Organization": ("#79706e", "hexagon"),
    "Actor": ("#bab0ac", "dot"),
}

RELATION_COLORS = {
    "backs": "#2e7d32",
    "opposes": "#c62828",
    "commands": "#6a1b9a",
    "memberOf": "#1565c0",
    "partOf": "#ef6c00",
}

#: The legend's drawing of each shape, in a 16x16 box (constant markup).
SHAPE_SYMBOLS = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1.5 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14.5"/>',
    "hexagon": '<polygon points="4,2 12,2 15.5,8 12,14 4,14 0.5,8"/>',
    "star": '<polygon points="8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6"/>',
}

#: The layout is seeded so the same graph is drawn the same way every time.
LAYOUT_SEED = 7


def _node_size(degree):
    return round(12 + 6 * math.sqrt(degree), 2)


def _edge_width(sentences):
    return round(1.5 + min(4.0, 1.3 * math.log1p(sentences)), 2)


def _options(node_count):
    """vis-network options: physics for the initial layout only (the page
    turns it off once stabilised), hover tooltips, seeded layout."""
    network = Network(directed=True)
    network.force_atlas_2based(gravity=-70, central_gravity=0.012, spring_length=130,
                               spring_strength=0.06, damping=0.5, overlap=0.4)
    # Each iteration costs about O(n log n); large graphs get fewer so that
    # a laptop lays out 500 actors in seconds (vis stops earlier when calm).
    network.options.physics.stabilization.iterations = 1000 if node_count <= 200 else 400
    network.options.physics.stabilization.updateInterval = 25
    options = json.loads(network.options.to_json())
    options["physics"]["minVelocity"] = 1.5
    options["layout"] = {"randomSeed": LAYOUT_SEED,
                         # vis's initial Kamada-Kawai layout is quadratic and
                         # slow on large graphs; physics alone copes there.
                         "improvedLayout": node_count <= 150}
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                                   "keyboard": {"enabled": True, "bindToWindow": False}})
    options["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                        "selectionWidth": 2, "hoverWidth": 1.5}
    options["nodes"] = {"borderWidth": 1, "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "widthConstraint": {"maximum": 180}}
    return options


def page_data(graph):
    """Everything the page draws, as JSON-ready dicts in a stable order."""
    ancestors = class_ancestors(graph)
    edges = relation_edges(graph)
    degree = Counter()
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    statements = quotes(graph)
    said = defaultdict(list)
    for quote in statements:
        said[quote.speaker].append({
            "text": quote.text, "quoteType": quote.quote_type,
            "doc": str(quote.document) if quote.document is not None else None,
            "mentions": [str(m) for m in quote.mentions],
        })

    network = Network(directed=True)
    node_info, class_count = {}, Counter()
    for node in actor_nodes(graph):
        cls = actor_class(graph, node, ancestors)
        class_count[cls] += 1
        colour, shape = CLASS_STYLES.get(cls, CLASS_STYLES["Actor"])
        names = actor_names(graph, node)
        network.add_node(str(node), label=names[0], shape=shape, size=_node_size(degree[node]),
                         color={"background": colour, "border": "#333333",
                                "highlight": {"background": colour, "border": "#000000"},
                                "hover": {"background": colour, "border": "#000000"}})
        node_info[str(node)] = {"names": names, "cls": cls, "degree": degree[node],
                                "statements": said.get(node, [])}

    # Two or more relations between one pair get their own curves.
    pair_index = Counter()
    edge_info, relation_count, cited = {}, Counter(), set()
    for edge in edges:
        pair = tuple(sorted((str(edge.source), str(edge.target))))
        bend = pair_index[pair]
        pair_index[pair] += 1
        edge_id = f"{edge.source} {edge.relation} {edge.target}"
        colour = RELATION_COLORS[edge.relation]
        network.add_edge(str(edge.source), str(edge.target), id=edge_id,
                         width=_edge_width(len(edge.evidence)),
                         color={"color": colour, "highlight": colour, "hover": colour},
                         smooth={"enabled": True, "type": "curvedCW", "roundness": round(0.12 + 0.2 * bend, 2)},
                         # Dashed: a relation stated without any sentence
                         # (background knowledge such as the actor dictionary).
                         dashes=not edge.evidence)
        relation_count[edge.relation] += 1
        edge_info[edge_id] = {
            "relation": edge.relation,
            "predicates": sorted(str(p).rsplit("#", 1)[-1] for p in edge.predicates
                                 if str(p).rsplit("#", 1)[-1] != edge.relation),
            "evidence": [{"text": e.text, "doc": str(e.document) if e.document is not None else None,
                          "start": e.start, "end": e.end, "confidence": e.confidence, "method": e.method}
                         for e in edge.evidence],
        }
        cited.update(e.document for e in edge.evidence if e.document is not None)
    cited.update(q.document for q in statements if q.document is not None)

    documents = {}
    for document in sorted(cited):
        date = graph.value(document, DCTERMS.date)
        documents[str(document)] = {"id": document_identifier(graph, document),
                                    "title": document_title(graph, document),
                                    "date": str(date) if date is not None else ""}
    return {
        "nodes": network.nodes,
        "edges": network.edges,
        "options": _options(len(network.nodes)),
        "nodeInfo": node_info,
        "edgeInfo": edge_info,
        "documents": documents,
        "assertionCount": sum(len(edge.evidence) for edge in edges),
        "legend": {
            "relations": [{"name": r, "color": RELATION_COLORS[r], "count": relation_count[r]} for r in RELATIONS],
            "classes": [{"name": cls, "color": CLASS_STYLES.get(cls, CLASS_STYLES["Actor"])[0],
                         "symbol": SHAPE_SYMBOLS[CLASS_STYLES.get(cls, CLASS_STYLES["Actor"])[1]],
                         "count": class_count[cls]} for cls in sorted(class_count)],
        },
    }


def script_json(value):
    """JSON safe inside an HTML <script> element: no '</script>', no '<!--'."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(script):
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(graph, title="Actor graph"):
    """The page for `graph` as a string; the same graph gives the same bytes."""
    data = page_data(graph)
    legend = data.pop("legend")
    vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    page_js = (STATIC / "graph.js").read_text(encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(STATIC), autoescape=True,
                                     keep_trailing_newline=True)
    return environment.get_template("graph.html").render(
        title=title,
        version=metadata.version("actor-kg"),
        actor_count=len(data["nodes"]),
        relations=legend["relations"],
        classes=[dict(cls, symbol=Markup(cls["symbol"])) for cls in legend["classes"]],
        data=Markup(script_json(data)),
        vis_css=Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
        page_css=Markup((STATIC / "graph.css").read_text(encoding="utf-8")),
        vis_js=Markup(vis_js),
        page_js=Markup(page_js),
        script_hashes=" ".join(_csp_hash(script) for script in (vis_js, page_js)),
    )
