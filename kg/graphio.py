"""Reading, writing and looking up actors in built graph files."""
import difflib
import re
import unicodedata
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .errors import GraphError, UnknownActorError
from .fileio import atomic_write
from .namespaces import KG, bind_prefixes

#: --format name -> rdflib serializer name, for every RDF format the CLI writes.
RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig"}


def load_graph(path):
    """Parse a graph file (format from its suffix); GraphError if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"graph file not found: {path}")
    graph = bind_prefixes(Graph())
    try:
        if path.suffix == ".trig":
            from rdflib import Dataset
            dataset = Dataset()
            dataset.parse(path, format="trig")
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph.parse(path, format=SUFFIX_FORMATS.get(path.suffix, "turtle"))
    except Exception as error:  # rdflib raises many parser-specific types
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GraphError(f"cannot parse {path} as RDF: {message}") from None
    return graph


def serialize_graph(graph, fmt="turtle"):
    """Serialise deterministically: the same triples give the same bytes."""
    if fmt not in RDF_FORMATS:
        raise GraphError(f"unknown RDF format {fmt!r}; choose from {', '.join(RDF_FORMATS)}")
    name = RDF_FORMATS[fmt]
    if name == "nt":
        lines = graph.serialize(format="nt").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if name == "json-ld":
        return _sorted_jsonld(graph)
    if name == "trig":
        from rdflib import Dataset
        dataset = Dataset()
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace, override=True, replace=True)
        named = dataset.graph(URIRef("https://w3id.org/actor-kg/id/graph"))
        for triple in graph:
            named.add(triple)
        return dataset.serialize(format="trig").encode("utf-8")
    return graph.serialize(format="turtle").encode("utf-8")


def _sorted_jsonld(graph):
    import json

    document = json.loads(graph.serialize(format="json-ld"))
    nodes = document if isinstance(document, list) else document.get("@graph", [document])
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(values, key=lambda value: json.dumps(value, sort_keys=True))
    nodes = sorted(nodes, key=lambda node: node.get("@id", ""))
    return (json.dumps(nodes, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def write_graph(graph, path, fmt="turtle"):
    """Serialise and write atomically; an earlier file survives any failure."""
    return atomic_write(path, serialize_graph(graph, fmt))


def name_key(name):
    """A spelling-insensitive key: case, 'the', dots, quotes and dashes ignored."""
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"'s$", "", text)
    text = text.replace(".", "")
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def actor_nodes(graph):
    """Every actor node in the graph: subjects with a skos:prefLabel and a class."""
    return sorted(set(graph.subjects(SKOS.prefLabel, None)) - set(graph.subjects(RDF.type, KG.Document)))


def actor_names(graph, node):
    """Preferred label first, then alternative labels, as strings."""
    pref = [str(label) for label in graph.objects(node, SKOS.prefLabel)]
    alts = sorted(str(label) for label in graph.objects(node, SKOS.altLabel))
    return pref + [alt for alt in alts if alt not in pref]


def preferred_label(graph, node):
    label = graph.value(node, SKOS.prefLabel) or graph.value(node, RDFS.label)
    return str(label) if label is not None else str(node).rsplit("/", 1)[-1]


def find_actor(graph, name):
    """The actor node any of whose names matches `name` (or its IRI / slug).
    UnknownActorError, listing the closest names, when nothing matches."""
    wanted = name_key(name)
    index = {}
    for node in actor_nodes(graph):
        index.setdefault(name_key(str(node).rsplit("/", 1)[-1].replace("-", " ")), node)
        for label in actor_names(graph, node):
            index.setdefault(name_key(label), node)
    if str(name) in {str(node) for node in index.values()}:
        return URIRef(str(name))
    if wanted in index:
        return index[wanted]
    close = difflib.get_close_matches(wanted, list(index), n=5, cutoff=0.5)
    names = []
    for key in close:
        label = preferred_label(graph, index[key])
        if label not in names:
            names.append(label)
    hint = f"; closest: {', '.join(names)}" if names else ""
    raise UnknownActorError(f"no actor named {name!r} in the graph{hint}")
