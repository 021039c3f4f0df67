"""The actor view of a graph (relation edges with their evidence, actor classes,
statements) and the selection of subgraphs from it: an actor's ego network,
some relation types, one document's items.

The viewer and every export read the graph through these functions, so a page,
a GraphML file and a CSV made from the same selection show the same edges."""
import difflib
import functools
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from .errors import KGError
from .graphio import actor_nodes, find_actor
from .namespaces import KG, RELATIONS, bind_prefixes

#: Classes too general to name an actor by when it has a more specific one:
#: an actor typed both kg:Militia and kg:Organization is shown as a Militia.
_GENERAL_CLASSES = ("Actor", "Organization")


@dataclass(frozen=True)
class Evidence:
    """One kg:Assertion: a sentence of a document supporting a relation."""

    assertion: URIRef
    predicate: URIRef | None
    text: str
    document: URIRef | None
    start: int | None
    end: int | None
    confidence: float | None
    method: str | None


@dataclass(frozen=True)
class RelationEdge:
    """All support for `source relation target`, relation being one of the
    five contract relations (a sub-property counts as its core relation)."""

    source: URIRef
    relation: str
    target: URIRef
    predicates: tuple  # the direct triples' predicates; empty if only asserted
    evidence: tuple  # Evidence, ordered by document and position

    @property
    def documents(self):
        return tuple(sorted({e.document for e in self.evidence if e.document is not None}))


@dataclass(frozen=True)
class Quote:
    """A kg:Statement together with one actor that states it."""

    speaker: URIRef
    statement: URIRef
    text: str
    quote_type: str
    document: URIRef | None
    mentions: tuple


@functools.lru_cache(maxsize=1)
def _ontology():
    # Built graphs use kg:attacks, kg:funds ... without declaring them; the
    # shipped ontology says which core relation and class each one falls under.
    ontology = Graph()
    path = Path(__file__).with_name("data") / "ontology.ttl"
    if path.is_file():
        ontology.parse(path, format="turtle")
    return ontology


def _ancestors(graph, predicate):
    """term -> every term above it by `predicate`, in the graph or the ontology."""
    parents = {}
    for source in (graph, _ontology()):
        for sub, sup in source.subject_objects(predicate):
            parents.setdefault(sub, set()).add(sup)
    closure = {}
    for term in parents:
        seen, todo = set(), list(parents[term])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        closure[term] = seen
    return closure


def relation_properties(graph):
    """Predicate -> core relation name, for the five contract relations and
    every property declared (transitively) a sub-property of one."""
    core = {KG[name]: name for name in RELATIONS}
    found = dict(core)
    for term, ancestors in _ancestors(graph, RDFS.subPropertyOf).items():
        names = sorted(core[a] for a in ancestors if a in core)
        if term not in found and names:
            found[term] = names[0]
    return found


def class_ancestors(graph):
    """kg: class -> its kg: superclasses, for actor_class."""
    return _ancestors(graph, RDFS.subClassOf)


def actor_class(graph, node, ancestors=None):
    """The actor's most specific kg: class name ('Actor' when it has none).
    `ancestors` (from class_ancestors) saves recomputing it per actor."""
    kg = str(KG)
    ancestors = class_ancestors(graph) if ancestors is None else ancestors
    names = {str(cls)[len(kg):] for cls in graph.objects(node, RDF.type) if str(cls).startswith(kg)}
    superclasses = {
        str(sup)[len(kg):] for name in names for sup in ancestors.get(KG[name], ()) if str(sup).startswith(kg)
    }
    specific = sorted(names - superclasses - set(_GENERAL_CLASSES))
    if specific:
        return specific[0]
    return "Organization" if "Organization" in names else "Actor"


def _number(value, kind):
    if value is None:
        return None
    try:
        return kind(value.toPython() if isinstance(value, Literal) else value)
    except (TypeError, ValueError):
        return None


def relation_edges(graph, actor=None):
    """Every relation between two actors, one RelationEdge per (source,
    relation, target), from the direct triples and the kg:Assertions alike;
    with `actor`, only the edges to or from that node."""
    actors = set(actor_nodes(graph))
    properties = relation_properties(graph)
    predicates, evidence = {}, {}
    for predicate, relation in properties.items():
        for source, target in graph.subject_objects(predicate):
            if source in actors and target in actors and (actor is None or actor in (source, target)):
                predicates.setdefault((source, relation, target), set()).add(predicate)
    for assertion, source, predicate, target, item in _assertions(graph, actor):
        relation = properties.get(predicate)
        if relation is None or source not in actors or target not in actors:
            continue
        if actor is not None and actor not in (source, target):
            continue
        evidence.setdefault((source, relation, target), []).append(item)
    edges = []
    for key in sorted(set(predicates) | set(evidence)):
        items = sorted(evidence.get(key, ()), key=lambda e: (
            str(e.document or ""), e.start if e.start is not None else -1, str(e.assertion)))
        edges.append(RelationEdge(key[0], key[1], key[2], tuple(sorted(predicates.get(key, ()))), tuple(items)))
    return edges


def relation_keys(graph):
    """The (source, relation, target) of every relation edge, without their
    evidence: what counting an actor's relations needs."""
    from .store import GraphStore

    if not isinstance(graph, GraphStore):
        return [(edge.source, edge.relation, edge.target) for edge in relation_edges(graph)]
    actors = set(actor_nodes(graph))
    properties = relation_properties(graph)
    keys = set()
    for predicate, relation in properties.items():
        for source, target in graph.subject_objects(predicate):
            keys.add((source, relation, target))
    rows = graph.select("SELECT DISTINCT ?s ?p ?o WHERE { ?a rdf:type kg:Assertion ; rdf:subject ?s ; "
                        "rdf:predicate ?p ; rdf:object ?o }")
    term = graph.term
    for row in rows:
        relation = properties.get(term(row["p"]))
        if relation is not None:
            keys.add((term(row["s"]), relation, term(row["o"])))
    return sorted(key for key in keys if key[0] in actors and key[2] in actors)


#: An assertion's fields, as relation_edges reads them from a store.
_ASSERTIONS = """SELECT ?a ?s ?p ?o ?text ?doc ?start ?end ?confidence ?method WHERE {
  ?a rdf:type kg:Assertion .
  OPTIONAL { ?a rdf:subject ?s } OPTIONAL { ?a rdf:predicate ?p } OPTIONAL { ?a rdf:object ?o }
  OPTIONAL { ?a kg:evidence ?text } OPTIONAL { ?a prov:wasDerivedFrom ?doc }
  OPTIONAL { ?a kg:charStart ?start } OPTIONAL { ?a kg:charEnd ?end }
  OPTIONAL { ?a kg:confidence ?confidence } OPTIONAL { ?a kg:method ?method }
}"""


def _assertions(graph, actor=None):
    """(assertion, subject, predicate, object, Evidence) of every kg:Assertion;
    with `actor`, at least those whose subject or object it is."""
    from .store import GraphStore, number

    if not isinstance(graph, GraphStore):
        for assertion in graph.subjects(RDF.type, KG.Assertion):
            yield (assertion, graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate),
                   graph.value(assertion, RDF.object), Evidence(
                       assertion=assertion,
                       predicate=graph.value(assertion, RDF.predicate),
                       text=str(graph.value(assertion, KG.evidence) or ""),
                       document=graph.value(assertion, PROV.wasDerivedFrom),
                       start=_number(graph.value(assertion, KG.charStart), int),
                       end=_number(graph.value(assertion, KG.charEnd), int),
                       confidence=_number(graph.value(assertion, KG.confidence), float),
                       method=str(graph.value(assertion, KG.method) or "") or None,
                   ))
        return
    queries = [_ASSERTIONS] if actor is None else [
        _ASSERTIONS.replace("WHERE {", f"WHERE {{ ?a rdf:{end} <{actor}> .", 1) for end in ("subject", "object")]
    seen, term = set(), graph.term
    for query in queries:
        for row in graph.select(query):
            node = row["a"]
            if node in seen:  # a property given twice: the first value, as Graph.value takes one
                continue
            seen.add(node)
            assertion, predicate = term(node), _term_or_none(term, row["p"])
            text, document, method = row["text"], row["doc"], row["method"]
            yield (assertion, _term_or_none(term, row["s"]), predicate,
                   _term_or_none(term, row["o"]), Evidence(
                       assertion=assertion,
                       predicate=predicate,
                       text=text.value if text is not None and _truthy(text) else "",
                       document=term(document) if document is not None else None,
                       start=number(row["start"], int),
                       end=number(row["end"], int),
                       confidence=number(row["confidence"], float),
                       method=(method.value or None) if method is not None and _truthy(method) else None,
                   ))


def _term_or_none(term, value):
    return None if value is None else term(value)


def _truthy(value):
    """As rdflib's Literal is true: a non-empty lexical form, for strings."""
    return bool(getattr(value, "value", value))


def quotes(graph, speaker=None):
    """Every (speaker, statement) pair, ordered by speaker, document, position;
    with `speaker`, that actor's only."""
    from .store import GraphStore

    if isinstance(graph, GraphStore):
        return _store_quotes(graph, speaker)
    found = []
    for who, statement in graph.subject_objects(KG.states):
        if speaker is not None and who != speaker:
            continue
        found.append(Quote(
            speaker=who,
            statement=statement,
            text=str(graph.value(statement, KG.text) or ""),
            quote_type=str(graph.value(statement, KG.quoteType) or ""),
            document=graph.value(statement, PROV.wasDerivedFrom),
            mentions=tuple(sorted(graph.objects(statement, KG.mentions))),
        ))
    return sorted(found, key=lambda q: (
        str(q.speaker), str(q.document or ""),
        _number(graph.value(q.statement, KG.charStart), int) or 0, str(q.statement)))


_QUOTES = """SELECT ?who ?st ?text ?type ?doc ?start WHERE {
  ?who kg:states ?st .
  OPTIONAL { ?st kg:text ?text } OPTIONAL { ?st kg:quoteType ?type }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc } OPTIONAL { ?st kg:charStart ?start }
}"""
_MENTIONS = "SELECT ?st ?m WHERE { ?who kg:states ?st . ?st kg:mentions ?m }"


def _store_quotes(graph, speaker):
    from .store import number

    bound = (lambda query: query.replace("WHERE {", f"WHERE {{ VALUES ?who {{ <{speaker}> }}", 1)) \
        if speaker is not None else (lambda query: query)
    term = graph.term
    mentions = {}
    for row in graph.select(bound(_MENTIONS)):
        mentions.setdefault(row["st"], set()).add(term(row["m"]))
    found, seen = [], set()
    for row in graph.select(bound(_QUOTES)):
        key = (row["who"], row["st"])
        if key in seen:
            continue
        seen.add(key)
        text, kind, document = row["text"], row["type"], row["doc"]
        quote = Quote(
            speaker=term(row["who"]),
            statement=term(row["st"]),
            text=text.value if text is not None and _truthy(text) else "",
            quote_type=kind.value if kind is not None and _truthy(kind) else "",
            document=term(document) if document is not None else None,
            mentions=tuple(sorted(mentions.get(row["st"], ()))),
        )
        found.append((quote, number(row["start"], int) or 0))
    found.sort(key=lambda item: (str(item[0].speaker), str(item[0].document or ""), item[1],
                                 str(item[0].statement)))
    return [quote for quote, _start in found]


def statement_counts(graph):
    """Speaker -> how many statements it makes."""
    from .store import GraphStore

    if not isinstance(graph, GraphStore):
        return Counter(quote.speaker for quote in quotes(graph))
    rows = graph.select("SELECT ?who (COUNT(?st) AS ?n) WHERE { ?who kg:states ?st } GROUP BY ?who")
    return Counter({graph.term(row["who"]): int(row["n"].value) for row in rows})


def document_identifier(graph, document):
    """The document's dcterms:identifier, else the last segment of its IRI."""
    identifier = graph.value(document, DCTERMS.identifier)
    return str(identifier) if identifier is not None else str(document).rsplit("/", 1)[-1]


def document_title(graph, document):
    title = graph.value(document, DCTERMS.title)
    return str(title) if title is not None else ""


def parse_relations(text):
    """'backs,opposes' -> ('backs', 'opposes'), case-insensitively; an unknown
    name is a one-line error listing the valid ones."""
    canonical = {name.lower(): name for name in RELATIONS}
    names = []
    for part in str(text).split(","):
        part = part.strip()
        if not part:
            continue
        if part.lower() not in canonical:
            raise KGError(f"unknown relation {part!r}; choose from {', '.join(RELATIONS)}")
        if canonical[part.lower()] not in names:
            names.append(canonical[part.lower()])
    if not names:
        raise KGError(f"no relation given; choose from {', '.join(RELATIONS)}")
    return tuple(names)


def find_document(graph, name):
    """The kg:Document whose identifier, IRI or IRI slug is (or uniquely
    starts with) `name`."""
    index = {}
    for document in sorted(graph.subjects(RDF.type, KG.Document)):
        for key in (document_identifier(graph, document), str(document), str(document).rsplit("/", 1)[-1]):
            index.setdefault(key, document)
    if name in index:
        return index[name]
    # Seed ids are long ("001_141b8c43e20b0c7f"): a unique prefix will do.
    starting = {document for key, document in index.items() if key.startswith(name)}
    if len(starting) == 1:
        return starting.pop()
    if starting:
        ids = sorted(document_identifier(graph, document) for document in starting)
        raise KGError(f"document {name!r} is ambiguous; matches {', '.join(ids)}")
    close = difflib.get_close_matches(name, sorted({document_identifier(graph, d) for d in index.values()}), n=5, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise KGError(f"no document {name!r} in the graph{hint}")


def select_subgraph(graph, actor=None, hops=1, relations=None, document=None):
    """The part of `graph` an analyst asked for, as a new graph.

    actor: any name of the ego actor; its ego network is every actor within
    `hops` relations of it, ignoring direction. relations: the relation names
    to keep. document: a document id; only assertions and statements derived
    from it are kept (and, without an actor, only the actors they involve).
    Kept are the actors' own triples (labels, classes, identifiers), the
    relations among them with their assertions, the statements they make, and
    the documents those derive from. With no criterion the graph is returned
    whole."""
    if actor is None and relations is None and document is None:
        return graph
    wanted = set(relations or RELATIONS)
    source_doc = find_document(graph, document) if document is not None else None
    center = find_actor(graph, actor) if actor is not None else None

    edges = []
    for edge in relation_edges(graph):
        if edge.relation not in wanted:
            continue
        if source_doc is not None:
            support = tuple(e for e in edge.evidence if e.document == source_doc)
            if not support:
                continue
            edge = replace(edge, evidence=support)
        edges.append(edge)
    said = [q for q in quotes(graph) if source_doc is None or q.document == source_doc]

    if center is not None:
        import networkx as nx

        network = nx.Graph()
        network.add_nodes_from(actor_nodes(graph))
        network.add_edges_from((edge.source, edge.target) for edge in edges)
        keep = set(nx.ego_graph(network, center, radius=hops))
    elif source_doc is not None:
        keep = {edge.source for edge in edges} | {edge.target for edge in edges} | {q.speaker for q in said}
    else:
        keep = set(actor_nodes(graph))
    edges = [edge for edge in edges if edge.source in keep and edge.target in keep]
    said = [q for q in said if q.speaker in keep]
    return _materialise(graph, keep, edges, said)


def _materialise(graph, actors, edges, said):
    from .store import GraphStore

    if isinstance(graph, GraphStore):
        return _materialise_store(graph, actors, edges, said)
    out = bind_prefixes(Graph())
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=False)
    # An actor's own description, without its links to other resources: those
    # come back only through the kept edges and statements.
    links = set(relation_properties(graph)) | {KG.states}
    for node in actors:
        for predicate, value in graph.predicate_objects(node):
            if predicate not in links:
                out.add((node, predicate, value))
    documents = set()
    items = []
    for edge in edges:
        for predicate in edge.predicates:
            out.add((edge.source, predicate, edge.target))
        items.extend(e.assertion for e in edge.evidence)
    for quote in said:
        out.add((quote.speaker, KG.states, quote.statement))
        items.append(quote.statement)
    for item in items:
        for predicate, value in graph.predicate_objects(item):
            out.add((item, predicate, value))
        documents.update(graph.objects(item, PROV.wasDerivedFrom))
    for document in documents:
        for predicate, value in graph.predicate_objects(document):
            out.add((document, predicate, value))
    return out


def _materialise_store(graph, actors, edges, said):
    """_materialise for a GraphStore: the same triples, copied store to store
    (an in-memory GraphStore), without turning each term into rdflib's."""
    import pyoxigraph as ox

    from .store import GraphStore, add_implied, to_ox

    source, default = graph.store, ox.DefaultGraph()
    quads = []
    links = {to_ox(prop) for prop in relation_properties(graph)} | {to_ox(KG.states)}
    for node in actors:
        quads += [quad for quad in source.quads_for_pattern(to_ox(node), None, None, default)
                  if quad.predicate not in links]
    items = []
    for edge in edges:
        quads += [ox.Quad(to_ox(edge.source), to_ox(predicate), to_ox(edge.target)) for predicate in edge.predicates]
        items.extend(to_ox(e.assertion) for e in edge.evidence)
    states = to_ox(KG.states)
    for quote in said:
        quads.append(ox.Quad(to_ox(quote.speaker), states, to_ox(quote.statement)))
        items.append(to_ox(quote.statement))
    derived, documents = to_ox(PROV.wasDerivedFrom), set()
    for item in items:
        for quad in source.quads_for_pattern(item, None, None, default):
            quads.append(quad)
            if quad.predicate == derived:
                documents.add(quad.object)
    for document in documents:
        quads += source.quads_for_pattern(document, None, None, default)
    store = ox.Store()
    store.extend(quads)
    add_implied(store)
    return GraphStore(store, originals=graph.originals, prefixes=dict((p, str(n)) for p, n in graph.namespaces()))
