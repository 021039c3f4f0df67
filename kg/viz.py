"""The interactive graph page: one self-contained HTML file that works offline.

pyvis holds the nodes, edges and physics options; the page itself is our
template (kg/static/graph.html), because pyvis's own templates link
Bootstrap and vis-network from CDNs even in "in_line" mode. vis-network's
JavaScript and CSS are read from the installed pyvis package and inlined, so
the file fetches nothing when opened.

The page carries two JSON blocks. The first holds what is drawn: actors,
edges, their counts and the layout options. The second is the evidence table:
every sentence, quote and document once (a string table; a wire story
reprinted in fifty papers is stored once), and per edge and per speaker only
rows of numbers pointing into it. The page parses that table only when a
relation or an actor's statements are first asked for, so a page of thousands
of documents opens as fast as a small one.

Document text (names, evidence, quotes, titles) is untrusted: the graph data
travels as JSON in non-executed <script type="application/json"> elements with
'<', '>' and '&' escaped, the page script puts it into the DOM with
textContent only (or paints it on the canvas), and a Content-Security-Policy
lets no other script run and nothing be fetched."""
import base64
import hashlib
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib.namespace import DCTERMS

from .graphio import actor_names, actor_nodes
from .namespaces import RELATIONS
from .subgraph import (
    actor_class, class_ancestors, document_identifier, document_title, quotes, relation_edges,
)

STATIC = Path(__file__).with_name("static")

#: Actor class -> (fill colour, vis-network shape). Shapes with the label
#: underneath, so that size can show degree; related classes share a shape,
#: and classes that share a shape get clearly different hues.
CLASS_STYLES = {
    "Person": ("#4e79a7", "dot"),
    "State": ("#59a14f", "square"),
    "Government": ("#f1ce63", "square"),
    "GovernmentAgency": ("#b6992d", "hexagon"),
    "ArmedForce": ("#e15759", "triangle"),
    "Militia": ("#f28e2b", "triangleDown"),
    "NonStateArmedGroup": ("#ff9d9a", "triangleDown"),
    "PoliticalParty": ("#b07aa1", "diamond"),
    "InternationalOrganization": ("#499894", "star"),
    "Coalition": ("#d37295", "star"),
    "MediaOrganization": ("#9d7660", "hexagon"),
    "ThinkTank": ("#a0cbe8", "diamond"),
    "Organization": ("#c9c3bf", "hexagon"),
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


@dataclass(frozen=True)
class RelationCounts:
    """How many relations a graph has, counted the one way the build summary
    and the page both use: an edge is one (source, relation, target) pair,
    whatever number of sentences states it."""

    edges: int  # every edge the page draws
    stated: int  # edges with at least one supporting sentence
    sentences: int  # distinct sentences supporting them
    standing: int  # edges with no sentence: standing facts from the actor dictionary
    by_relation: dict  # core relation name -> edges

    def describe(self):
        """'61 edges: 37 stated in 55 sentences, 24 standing facts from the
        actor dictionary', the words of `kg build`'s summary and of the page."""
        text = f"{_plural(self.edges, 'edge')}: {self.stated} stated in {_plural(self.sentences, 'sentence')}"
        if self.standing:
            text += f", {_plural(self.standing, 'standing fact')} from the actor dictionary"
        return text


def _plural(count, word):
    return f"{count} {word}" + ("" if count == 1 else "s")


def relation_counts(edges):
    """RelationCounts of `edges`: (relation, sentence keys) pairs, one per edge,
    where a sentence key identifies a sentence (document, offsets, text)."""
    by_relation = Counter()
    sentences, stated = set(), 0
    for relation, keys in edges:
        by_relation[relation] += 1
        keys = set(keys)
        stated += bool(keys)
        sentences |= keys
    total = sum(by_relation.values())
    return RelationCounts(edges=total, stated=stated, sentences=len(sentences), standing=total - stated,
                          by_relation={name: by_relation[name] for name in RELATIONS})


def graph_relation_counts(edges):
    """RelationCounts of subgraph.RelationEdge objects."""
    return relation_counts(
        (edge.relation, {(str(e.document or ""), e.start, e.end, e.text) for e in edge.evidence})
        for edge in edges)


def _node_size(degree):
    return round(10 + 5 * math.sqrt(degree), 2)


def _edge_width(sentences):
    return round(1.5 + min(4.0, 1.3 * math.log1p(sentences)), 2)


def _options(node_count):
    """vis-network options: physics for the initial layout only (the page
    turns it off once stabilised), hover tooltips, seeded layout. Labels are
    painted by the page itself (kg/static/graph.js), not by vis-network."""
    from pyvis.network import Network  # pyvis loads only to draw a page

    network = Network(directed=True)
    network.force_atlas_2based(gravity=-80, central_gravity=0.015, spring_length=140,
                               spring_strength=0.06, damping=0.5, overlap=0.6)
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
    options["nodes"] = {"borderWidth": 1, "color": {"border": "#333333"}}
    options["groups"] = {
        cls: {"shape": shape, "color": {"background": colour, "border": "#333333",
                                         "highlight": {"background": colour, "border": "#000000"},
                                         "hover": {"background": colour, "border": "#000000"}}}
        for cls, (colour, shape) in CLASS_STYLES.items()}
    return options


class _Strings:
    """A string table: each distinct string stored once, referred to by index."""

    def __init__(self):
        self.items, self._index = [], {}

    def __call__(self, text):
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def page_data(graph):
    """What the page draws and the evidence table it looks things up in, as
    JSON-ready values in a stable order: (data, evidence)."""
    from pyvis.network import Network  # pyvis loads only to draw a page

    ancestors = class_ancestors(graph)
    edges = relation_edges(graph)
    degree = Counter()
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    statements = quotes(graph)
    said = defaultdict(list)
    for quote in statements:
        said[quote.speaker].append(quote)

    network = Network(directed=True)
    node_info, class_count, node_index = {}, Counter(), {}
    for node in actor_nodes(graph):
        cls = actor_class(graph, node, ancestors)
        class_count[cls] += 1
        names = actor_names(graph, node)
        node_index[node] = len(node_index)
        network.add_node(str(node), label=names[0], group=cls if cls in CLASS_STYLES else "Actor",
                         size=_node_size(degree[node]))
        node_info[str(node)] = {"names": names, "cls": cls, "degree": degree[node],
                                "statements": len(said.get(node, ()))}
    vis_nodes = [{key: value for key, value in node.items() if key in ("id", "group", "size")}
                 for node in network.nodes]

    # Two or more relations between one pair get their own curves.
    pair_index = Counter()
    edge_info = {}
    for edge in edges:
        pair = tuple(sorted((str(edge.source), str(edge.target))))
        bend = pair_index[pair]
        pair_index[pair] += 1
        edge_id = f"{edge.source} {edge.relation} {edge.target}"
        network.add_edge(str(edge.source), str(edge.target), id=edge_id,
                         width=_edge_width(len(edge.evidence)), color=RELATION_COLORS[edge.relation],
                         smooth={"enabled": True, "type": "curvedCW", "roundness": round(0.12 + 0.2 * bend, 2)},
                         # Dashed: a relation stated without any sentence
                         # (background knowledge such as the actor dictionary).
                         dashes=not edge.evidence)
        edge_info[edge_id] = {
            "relation": edge.relation,
            "predicates": sorted(str(p).rsplit("#", 1)[-1] for p in edge.predicates
                                 if str(p).rsplit("#", 1)[-1] != edge.relation),
            "sentences": len(edge.evidence),
        }
    counts = graph_relation_counts(edges)
    data = {
        "nodes": vis_nodes,
        "edges": network.edges,
        "options": _options(len(vis_nodes)),
        "nodeInfo": node_info,
        "edgeInfo": edge_info,
        "counts": {"actors": len(vis_nodes), "edges": counts.edges, "stated": counts.stated,
                   "sentences": counts.sentences, "standing": counts.standing,
                   "text": counts.describe()},
        "legend": {
            "relations": [{"name": r, "color": RELATION_COLORS[r], "count": counts.by_relation[r]}
                          for r in RELATIONS],
            "classes": [{"name": cls, "color": CLASS_STYLES.get(cls, CLASS_STYLES["Actor"])[0],
                         "symbol": SHAPE_SYMBOLS[CLASS_STYLES.get(cls, CLASS_STYLES["Actor"])[1]],
                         "count": class_count[cls]} for cls in sorted(class_count)],
        },
    }
    return data, _evidence_table(graph, edges, said, node_index)


def _evidence_table(graph, edges, said, node_index):
    """Every sentence, quote and document once; per edge (in the page's edge
    order) rows [text, document, start, end, confidence, method], per speaker
    rows [text, quote type, document, [mentioned actor indices]]. Indices
    point into `strings` and `documents`; -1 and null stand for unknown."""
    strings, document_index, documents = _Strings(), {}, []

    def document(iri):
        if iri is None:
            return -1
        if iri not in document_index:
            document_index[iri] = len(documents)
            date = graph.value(iri, DCTERMS.date)
            documents.append([str(iri), document_identifier(graph, iri), document_title(graph, iri),
                              str(date) if date is not None else ""])
        return document_index[iri]

    edge_rows = [[[strings(e.text), document(e.document), e.start, e.end, e.confidence,
                   strings(e.method) if e.method else -1] for e in edge.evidence] for edge in edges]
    statement_rows = {
        str(speaker): [[strings(q.text), strings(q.quote_type), document(q.document),
                        [node_index[m] for m in q.mentions if m in node_index]] for q in spoken]
        for speaker, spoken in sorted(said.items())}
    return {"strings": strings.items, "documents": documents, "edges": edge_rows, "statements": statement_rows}


def script_json(value):
    """JSON safe inside an HTML <script> element: no '</script>', no '<!--'."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(script):
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(graph, title="Actor graph"):
    """The page for `graph` as a string; the same graph gives the same bytes."""
    import jinja2
    import pyvis
    from markupsafe import Markup

    vis_dir = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"  # as vendored by pyvis 0.3.x
    data, evidence = page_data(graph)
    legend = data.pop("legend")
    vis_js = (vis_dir / "vis-network.min.js").read_text(encoding="utf-8")
    page_js = (STATIC / "graph.js").read_text(encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(STATIC), autoescape=True,
                                     keep_trailing_newline=True)
    return environment.get_template("graph.html").render(
        title=title,
        version=metadata.version("actor-kg"),
        actor_count=len(data["nodes"]),
        counts=data["counts"],
        max_degree=max((info["degree"] for info in data["nodeInfo"].values()), default=0),
        relations=legend["relations"],
        classes=[dict(cls, symbol=Markup(cls["symbol"])) for cls in legend["classes"]],
        data=Markup(script_json(data)),
        evidence=Markup(script_json(evidence)),
        vis_css=Markup((vis_dir / "vis-network.css").read_text(encoding="utf-8")),
        page_css=Markup((STATIC / "graph.css").read_text(encoding="utf-8")),
        vis_js=Markup(vis_js),
        page_js=Markup(page_js),
        script_hashes=" ".join(_csp_hash(script) for script in (vis_js, page_js)),
    )
