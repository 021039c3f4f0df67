"""Exporting a graph or a selection of it for other tools: RDF (Turtle,
N-Triples, JSON-LD), Gephi and friends (GraphML, GEXF), spreadsheets and
pandas (CSV edge list) and the offline page (HTML).

Every format is produced from the same selected RDF graph (kg.subgraph), so a
GraphML edge's weight is the number of assertions the Turtle export holds for
it. Output is deterministic: the same selection gives the same bytes."""
import csv
import io

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .errors import KGError
from .escape import spreadsheet_cell, xml_text
from .graphio import actor_names, actor_nodes, preferred_label, serialize_graph
from .subgraph import actor_class, class_ancestors, document_identifier, relation_edges

CSV_HEADER = ("source", "source_label", "relation", "target", "target_label", "evidence", "document", "confidence")

#: What joins several values in one GraphML/GEXF attribute.
ALIAS_SEPARATOR = "; "
EVIDENCE_SEPARATOR = " | "


def to_networkx(graph):
    """The actors and relations of `graph` as a MultiDiGraph: node id = IRI,
    one edge per (source, relation, target) keyed by the relation, with the
    attributes Gephi shows (label, class, aliases; relation, weight = number
    of assertions, evidence, documents, confidence = the highest)."""
    network = nx.MultiDiGraph()
    ancestors = class_ancestors(graph)
    for node in actor_nodes(graph):
        names = actor_names(graph, node)
        network.add_node(str(node), label=names[0], **{"class": actor_class(graph, node, ancestors)},
                         aliases=ALIAS_SEPARATOR.join(names[1:]))
    for edge in relation_edges(graph):
        attributes = {
            "label": edge.relation,
            "relation": edge.relation,
            "weight": len(edge.evidence),
            "evidence": EVIDENCE_SEPARATOR.join(e.text for e in edge.evidence),
            "documents": ALIAS_SEPARATOR.join(document_identifier(graph, d) for d in edge.documents),
        }
        confidences = [e.confidence for e in edge.evidence if e.confidence is not None]
        if confidences:
            attributes["confidence"] = max(confidences)
        network.add_edge(str(edge.source), str(edge.target), key=edge.relation, **attributes)
    return network


def xml_safe(network):
    """A copy of `network` whose ids and string attributes hold only characters
    XML 1.0 allows (see kg.escape.xml_text): a document's control characters
    would otherwise make the GraphML or GEXF file unreadable."""
    def clean(attributes):
        return {key: xml_text(value) if isinstance(value, str) else value for key, value in attributes.items()}

    safe = nx.MultiDiGraph(**clean(network.graph))
    for node, attributes in network.nodes(data=True):
        safe.add_node(xml_text(node), **clean(attributes))
    for source, target, key, attributes in network.edges(keys=True, data=True):
        safe.add_edge(xml_text(source), xml_text(target), key=xml_text(key), **clean(attributes))
    return safe


def _graphml(graph):
    out = io.BytesIO()
    nx.write_graphml(xml_safe(to_networkx(graph)), out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def _gexf(graph):
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    # networkx stamps today's date into <meta>; without it, same graph -> same bytes.
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(xml_safe(to_networkx(graph)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: A document's text must not run as a spreadsheet formula (CSV injection):
#: such cells get a leading apostrophe, which spreadsheets hide.
_cell = spreadsheet_cell


def _csv(graph):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for edge in relation_edges(graph):
        source, target = preferred_label(graph, edge.source), preferred_label(graph, edge.target)
        # An edge known only from its direct triple still gets its row.
        for item in edge.evidence or (None,):
            writer.writerow((
                str(edge.source), _cell(source), edge.relation, str(edge.target), _cell(target),
                _cell(item.text) if item else "",
                _cell(document_identifier(graph, item.document)) if item and item.document is not None else "",
                "" if item is None or item.confidence is None else item.confidence,
            ))
    return out.getvalue()


def _html(graph, title):
    from .viz import render_html  # pyvis and jinja2 load only for this format

    return render_html(graph, title=title)


#: --format name -> file suffixes it is inferred from.
FORMATS = {
    "ttl": (".ttl",), "nt": (".nt",), "jsonld": (".jsonld", ".json"), "graphml": (".graphml",),
    "gexf": (".gexf",), "csv": (".csv",), "html": (".html", ".htm"),
}


def format_for(name=None, path=None):
    """The export format named `name`, else the one `path`'s suffix implies,
    else Turtle; an unknown name or suffix is a one-line error."""
    if name is not None:
        if name.lower() not in FORMATS:
            raise KGError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
        return name.lower()
    if path is None:
        return "ttl"
    suffix = path.suffix.lower()
    for fmt, suffixes in FORMATS.items():
        if suffix in suffixes:
            return fmt
    raise KGError(f"cannot tell the format from {path.name!r}; give --format ({', '.join(FORMATS)})")


def export(graph, fmt, title="Actor graph"):
    """`graph` (usually a selection) in format `fmt`, as bytes."""
    if fmt in ("ttl", "nt", "jsonld"):
        return serialize_graph(graph, fmt)
    if fmt == "graphml":
        return _graphml(graph)
    if fmt == "gexf":
        return _gexf(graph)
    if fmt == "csv":
        return _csv(graph).encode("utf-8")
    if fmt == "html":
        return _html(graph, title).encode("utf-8")
    raise KGError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
