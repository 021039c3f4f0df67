"""Reading, writing and looking up actors in built graph files.

Reading is offline and local: nothing a graph file names is fetched. A JSON-LD
@context (or @import) given as a link is refused with a one-line error before
parsing, and while a graph is parsed, validated or queried (`offline()`) any
attempt to open a URL or a network connection fails instead of going out.
owl:imports are data, never followed."""
import contextlib
import difflib
import json
import re
import sys
import threading
import unicodedata
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .errors import GraphError, UnknownActorError
from .fileio import atomic_write
from .namespaces import KG, PREFIXES, bind_prefixes

#: --format name -> rdflib serializer name, for every RDF format the CLI writes.
RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig"}


#: Audit events (PEP 578) of opening a URL or a connection, refused offline.
_NETWORK_EVENTS = frozenset({
    "urllib.Request", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
    "socket.gethostbyname_ex", "socket.gethostbyaddr", "http.client.connect", "ftplib.connect",
})
_offline = threading.local()
_hook_lock = threading.Lock()
_hook_installed = False


class NetworkRefused(GraphError):
    """Something tried to reach the network while kg reads a graph offline."""


def _audit(event, args):
    if event in _NETWORK_EVENTS and getattr(_offline, "depth", 0):
        target = args[1] if event == "urllib.Request" and len(args) > 1 else (args[1:2] or args[:1])
        raise NetworkRefused(f"kg reads graphs offline and fetched nothing ({event} {target!r} refused)")


@contextlib.contextmanager
def offline():
    """No URL is opened and no connection made in this thread inside the block:
    it raises NetworkRefused instead (an audit hook, installed once)."""
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True
    _offline.depth = getattr(_offline, "depth", 0) + 1
    try:
        yield
    finally:
        _offline.depth -= 1


def load_graph(path):
    """Parse a graph file (format from its suffix), offline; GraphError if
    unreadable, or if it needs a remote JSON-LD context."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"graph file not found: {path}")
    graph = bind_prefixes(Graph())
    fmt = SUFFIX_FORMATS.get(path.suffix.lower(), "turtle")
    try:
        with offline():
            if fmt == "trig":
                from rdflib import Dataset
                dataset = Dataset()
                dataset.parse(path, format="trig")
                for s, p, o, _ in dataset.quads((None, None, None, None)):
                    graph.add((s, p, o))
            elif fmt == "json-ld":
                graph.parse(data=_local_jsonld(path), format="json-ld")
            else:
                graph.parse(path, format=fmt)
    except GraphError:
        raise
    except Exception as error:  # rdflib raises many parser-specific types
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GraphError(f"cannot parse {path} as RDF: {message}") from None
    return graph


def _local_jsonld(path):
    """The JSON-LD text of `path`, after checking that it needs nothing from
    elsewhere: GraphError for an @context or @import given as a link."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        document = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise GraphError(f"cannot parse {path} as JSON-LD: {error}") from None
    link = _context_link(document)
    if link is not None:
        raise GraphError(f"{path}: the JSON-LD context {link!r} is a link, and kg reads graphs offline: "
                         f"put the context in the file")
    return text


def _context_link(node):
    """The first @context or @import in a JSON-LD document that is a link, or None."""
    todo = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                if key == "@import" and isinstance(value, str):
                    return value
                todo.append(value)
    return None


#: Characters written as \\uXXXX escapes in Turtle, N-Triples and TriG: controls
#: other than tab and line breaks, C1 controls, line/paragraph separators and
#: bidirectional overrides. The same data, but a graph file shown in a
#: terminal or an editor cannot act on it or hide text.
_RDF_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                          "\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_rdf_text(text):
    text = _SURROGATE.sub("\ufffd", text)  # UTF-8 cannot store a lone surrogate
    return _RDF_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04X}", text)


def serialize_graph(graph, fmt="turtle"):
    """Serialise an rdflib Graph (or kg.graph.Triples) deterministically: the
    same triples give the same bytes."""
    if fmt not in RDF_FORMATS:
        raise GraphError(f"unknown RDF format {fmt!r}; choose from {', '.join(RDF_FORMATS)}")
    try:
        return _serialize(graph, RDF_FORMATS[fmt])
    except (UnicodeEncodeError, ValueError):  # ValueError: Oxigraph's refusal of a lone surrogate
        pass
    try:
        return _serialize(_without_surrogates(graph), RDF_FORMATS[fmt])
    except ValueError as error:  # an IRI that RDF cannot write, from a library caller's graph
        raise GraphError(f"cannot write the graph as {fmt}: {error}") from None


def _without_surrogates(graph):
    """A copy of `graph` whose literals and IRIs have U+FFFD for lone surrogates."""
    def clean(term):
        if isinstance(term, Literal) and _SURROGATE.search(str(term)):
            return Literal(_SURROGATE.sub("\ufffd", str(term)), lang=term.language, datatype=term.datatype)
        if isinstance(term, URIRef) and _SURROGATE.search(str(term)):
            return URIRef(_SURROGATE.sub("\ufffd", str(term)))
        return term

    copy = bind_prefixes(Graph())
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        copy.add(tuple(clean(term) for term in triple))
    return copy


def _serialize(graph, name):
    if name in ("turtle", "nt"):
        return _escape_rdf_text(_oxigraph_serialize(graph, name).decode("utf-8")).encode("utf-8")
    if not isinstance(graph, Graph):
        graph = graph.to_graph()  # kg.graph.Triples: rdflib writes these formats
    if name == "json-ld":
        return _sorted_jsonld(graph)
    from rdflib import Dataset
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True, replace=True)
    named = dataset.graph(URIRef("https://w3id.org/actor-kg/id/graph"))
    for triple in graph:
        named.add(triple)
    return _escape_rdf_text(dataset.serialize(format="trig")).encode("utf-8")


#: Prefixes a Turtle file declares: the contract's, except kgr:, whose local
#: names have slashes (actor/pmf) that Turtle writes only escaped (kgr:actor\/pmf).
TURTLE_PREFIXES = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items()) if prefix != "kgr"}


def _oxigraph_serialize(graph, name):
    """Turtle or N-Triples of `graph` by Oxigraph's writer (rdflib's takes
    minutes on a large build), triples in sorted order: a subject's triples
    together, the same triples the same bytes."""
    import pyoxigraph as ox

    from .store import oxigraph_triples

    triples = oxigraph_triples(graph)
    triples.sort(key=lambda triple: (str(triple.subject), str(triple.predicate), str(triple.object)))
    if name == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    # Oxigraph writes its @prefix lines in an order of its own: ours are sorted.
    start = 0
    while body.startswith(b"@prefix ", start):
        start = body.index(b"\n", start) + 1
    header = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in TURTLE_PREFIXES.items())
    return header.encode("ascii") + b"\n" + body[start:]


def _sorted_jsonld(graph):
    from .escape import json_text

    document = json.loads(graph.serialize(format="json-ld"))
    nodes = document if isinstance(document, list) else document.get("@graph", [document])
    for node in nodes:
        for key, values in node.items():
            if isinstance(values, list):
                node[key] = sorted(values, key=lambda value: json.dumps(value, sort_keys=True))
    nodes = sorted(nodes, key=lambda node: node.get("@id", ""))
    encoded = json_text(nodes, indent=2, sort_keys=True)
    return (_SURROGATE.sub("\ufffd", encoded) + "\n").encode("utf-8")


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
