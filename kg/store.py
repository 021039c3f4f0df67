"""Actor graphs in Oxigraph (pyoxigraph): the store every reading command and
every SPARQL query runs on.

A GraphStore holds a build's triples in the store's default graph, exactly as
the RDF file has them, and in two named graphs what `kg query` sees beyond
them: ONTOLOGY, the shipped ontology, and IMPLIED, for each triple of a
sub-property of a core relation (kg:attacks, kg:funds), the core triple it
implies (kg:opposes, kg:backs). A query sees all three (`folded`) or the
default graph alone (`--raw`); validation sees the default graph and
ONTOLOGY. Neither named graph repeats a triple of the default graph, so that
the union has no duplicates.

Where it comes from:

* an RDF file (Turtle, N-Triples, TriG, JSON-LD): parsed into an in-memory
  store (`open_graph(path)`), offline: a JSON-LD context given as a link is
  refused, owl:imports are data;
* a store directory written by `kg build --store DIR` (`write_store`): opened
  read-only, at once. DIR holds the Oxigraph database in DIR/oxigraph/ (what
  `oxigraph serve-read-only --location DIR/oxigraph` reads) and kg's
  description of it in DIR/kg-store.json.

Oxigraph stores some literals in a canonical form ("0.80"^^xsd:decimal as
"0.8", "7"^^xsd:nonNegativeInteger as "7"^^xsd:integer). So that every output
stays what the graph file says, a GraphStore keeps the original of each such
literal (read from the file, or from kg-store.json) and gives it back wherever
a literal of the data comes out. A literal computed by a query (COUNT, BIND)
is left as Oxigraph computed it."""
import functools
import json
import os
import re
import shutil
import tempfile
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .errors import GraphError
from .namespaces import KG, PREFIXES, RELATIONS, bind_prefixes

GRAPH_IRI = "https://w3id.org/actor-kg/id/graph/"
#: The named graph of the implied core-relation triples.
IMPLIED = ox.NamedNode(GRAPH_IRI + "implied")
#: The named graph of the shipped ontology.
ONTOLOGY = ox.NamedNode(GRAPH_IRI + "ontology")
#: What a query sees besides the default graph.
BEYOND = (ONTOLOGY, IMPLIED)
#: kg's description of a store directory, beside the database.
STORE_FILE = "kg-store.json"
DATABASE_DIR = "oxigraph"
STORE_FORMAT = 1

XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = XSD + "string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
               "json-ld": ox.RdfFormat.JSON_LD}
_SUBPROPERTY = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
#: The prefixes of the contract, for every query.
QUERY_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


# --- terms -----------------------------------------------------------------------

def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(term)) or "b")
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def oxigraph_triples(graph):
    """The triples of an rdflib Graph (or kg.graph.Triples) as pyoxigraph
    Triples, each once. A build names the same actors, documents and
    properties thousands of times: each term is converted once."""
    convert = functools.lru_cache(maxsize=None)(to_ox)
    return list(dict.fromkeys(ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in graph))


def plain_term(term):
    """A pyoxigraph term as an rdflib term, as it is (no original restored)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if kind is ox.BlankNode:
        return BNode(term.value)
    if kind is ox.DefaultGraph:
        return None
    raise GraphError(f"kg reads RDF 1.1 graphs; it cannot handle the term {term}")


def number(term, kind):
    """A literal's value as `kind` (int or float), or None: what rdflib's
    toPython gives for the numbers of the contract."""
    if term is None or type(term) is not ox.Literal:
        return None
    try:
        return kind(Decimal(term.value.strip()))
    except (InvalidOperation, ValueError, OverflowError):
        return None


# --- originals of the literals Oxigraph rewrites ------------------------------------

def _rewritable(literal):
    datatype = literal.datatype.value
    return datatype.startswith(XSD) and datatype != _XSD_STRING


def canonical_forms(literals):
    """literal -> the form Oxigraph stores it in, for each of `literals`."""
    literals = list(literals)
    scratch = ox.Store()
    predicate = ox.NamedNode("urn:kg:value")
    scratch.extend(ox.Quad(ox.NamedNode(f"urn:kg:literal:{index}"), predicate, literal)
                   for index, literal in enumerate(literals))
    return {literals[int(quad.subject.value.rsplit(":", 1)[1])]: quad.object for quad in scratch}


def originals_of(literals):
    """Stored form -> original, for the literals that Oxigraph rewrites, where
    one original alone has that stored form."""
    found = {}
    for literal, stored in canonical_forms(literals).items():
        found.setdefault(stored, set()).add(literal)
    return {stored: next(iter(sources)) for stored, sources in found.items()
            if len(sources) == 1 and next(iter(sources)) != stored}


class _Scan:
    """The typed literals and the prefixes of a file, read in a background
    thread while the store loads it; `result()` waits for it."""

    def __init__(self, read):
        self._read = read
        self._value = self._error = None
        self._thread = threading.Thread(target=self._run, name="kg-literal-scan", daemon=True)
        self._thread.start()

    def _run(self):
        try:
            self._value = self._read()
        except BaseException as error:  # reported by result(), in the caller's thread
            self._error = error

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _scan_parser(parser):
    literals, kind = set(), ox.Literal
    for quad in parser:
        value = quad.object
        if type(value) is kind and _rewritable(value):
            literals.add(value)
    return originals_of(literals), dict(getattr(parser, "prefixes", {}) or {})


_XSD_TYPED = b'"^^<' + XSD.encode("ascii")


def _scan_ntriples(path):
    """_scan_parser for an N-Triples file, faster: only the lines with an XSD
    typed literal are parsed. A line's first quote opens its object, since
    neither a subject nor a predicate can hold one."""
    objects = set()
    with open(path, "rb") as stream:
        for line in stream:
            if _XSD_TYPED in line:
                objects.add(line[line.index(b'"'):].strip())
    document = b"".join(b"<urn:kg:s> <urn:kg:p> " + (obj if obj.endswith(b".") else obj + b" .") + b"\n"
                        for obj in sorted(objects))
    literals = {quad.object for quad in ox.parse(document, ox.RdfFormat.N_TRIPLES)}
    return originals_of(literal for literal in literals if type(literal) is ox.Literal and _rewritable(literal)), {}


# --- the store --------------------------------------------------------------------

class GraphStore:
    """An actor graph in Oxigraph, with the parts of rdflib's Graph API that
    kg's reading code uses (triples, value, objects, subjects, ...), in rdflib
    terms, over the default graph (the build's triples)."""

    def __init__(self, store, *, originals=None, prefixes=None, source=None, description=None):
        self.store = store
        self.source = source
        self.description = description or {}
        self._originals = originals if originals is not None else {}
        self._prefixes = prefixes if prefixes is not None else {}
        self._length = None
        self._graph_name = ox.DefaultGraph()

    def folded(self):
        """The same store, read with ONTOLOGY and IMPLIED: its reading API then
        sees the ontology and the implied core triples too (as queries do unless --raw)."""
        view = object.__new__(GraphStore)
        view.__dict__.update(self.__dict__)
        view._graph_name = None
        return view

    # The originals may still be read in the background (a file just loaded).
    @property
    def originals(self):
        if isinstance(self._originals, _Scan):
            self._originals, prefixes = self._originals.result()
            self._prefixes = {**prefixes, **(self._prefixes if isinstance(self._prefixes, dict) else {})}
        return self._originals

    def term(self, term):
        """A pyoxigraph term of the data as rdflib term, with its original form."""
        if type(term) is ox.Literal:
            term = self.originals.get(term, term) if _rewritable(term) else term
        return plain_term(term)

    def data_term(self, term):
        """An rdflib term as the store holds it (its stored form)."""
        value = to_ox(term)
        if type(value) is ox.Literal and _rewritable(value):
            return canonical_forms([value])[value]
        return value

    # --- rdflib's Graph API, over the default graph -----------------------------
    def _quads(self, subject=None, predicate=None, object_=None):
        def convert(term):
            return None if term is None else self.data_term(term)
        return self.store.quads_for_pattern(convert(subject), convert(predicate), convert(object_),
                                            self._graph_name)

    def triples(self, pattern):
        subject, predicate, object_ = pattern
        term = self.term
        for quad in self._quads(subject, predicate, object_):
            yield term(quad.subject), term(quad.predicate), term(quad.object)

    def __iter__(self):
        return self.triples((None, None, None))

    def __contains__(self, triple):
        return next(iter(self._quads(*triple)), None) is not None

    def __len__(self):
        if self._length is None:
            [row] = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=ox.DefaultGraph())
            self._length = int(row["n"].value)
        return self._length

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):  # noqa: A002 (rdflib's names)
        if subject is None:
            found = next(iter(self._quads(None, predicate, object)), None)
            return self.term(found.subject) if found is not None else default
        if predicate is None:
            found = next(iter(self._quads(subject, None, object)), None)
            return self.term(found.predicate) if found is not None else default
        found = next(iter(self._quads(subject, predicate, None)), None)
        return self.term(found.object) if found is not None else default

    def objects(self, subject=None, predicate=None):
        for quad in self._quads(subject, predicate, None):
            yield self.term(quad.object)

    def subjects(self, predicate=None, object=None):  # noqa: A002
        for quad in self._quads(None, predicate, object):
            yield self.term(quad.subject)

    def predicates(self, subject=None, object=None):  # noqa: A002
        for quad in self._quads(subject, None, object):
            yield self.term(quad.predicate)

    def subject_objects(self, predicate=None):
        for quad in self._quads(None, predicate, None):
            yield self.term(quad.subject), self.term(quad.object)

    def predicate_objects(self, subject=None):
        for quad in self._quads(subject, None, None):
            yield self.term(quad.predicate), self.term(quad.object)

    def subject_predicates(self, object=None):  # noqa: A002
        for quad in self._quads(None, None, object):
            yield self.term(quad.subject), self.term(quad.predicate)

    def transitive_subjects(self, predicate, object):  # noqa: A002
        seen, todo = set(), [object]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node
            todo.extend(self.subjects(predicate, node))

    def namespaces(self):
        self.originals  # noqa: B018 (a file's prefixes come with its literals)
        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        for prefix, namespace in (self._prefixes or {}).items():
            prefixes.setdefault(prefix, namespace)
        return sorted((prefix, URIRef(namespace)) for prefix, namespace in prefixes.items())

    # --- SPARQL ------------------------------------------------------------------
    def select(self, sparql, folded=False, **substitutions):
        """The solutions of a SELECT query of kg's own (pyoxigraph terms)."""
        return self.store.query(sparql, prefixes=QUERY_PREFIXES, default_graph=self.default_graph(folded),
                                substitutions={ox.Variable(name): self.data_term(value) if not isinstance(
                                    value, (ox.NamedNode, ox.BlankNode, ox.Literal)) else value
                                    for name, value in substitutions.items()})

    @staticmethod
    def default_graph(folded):
        return [ox.DefaultGraph(), *BEYOND] if folded else ox.DefaultGraph()

    def to_rdflib(self):
        """The default graph as an rdflib Graph (literals in their original form)."""
        graph = bind_prefixes(Graph())
        for prefix, namespace in self.namespaces():
            graph.bind(prefix, namespace, override=False)
        add, term = graph.add, self.term
        for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            add((term(quad.subject), term(quad.predicate), term(quad.object)))
        return graph


# --- opening and writing -----------------------------------------------------------

def is_store(path):
    return Path(path).is_dir() and (Path(path) / STORE_FILE).is_file()


def open_graph(path):
    """The GraphStore of a graph file (parsed into memory, offline) or of a
    store directory (opened read-only); GraphError if neither."""
    path = Path(path)
    if path.is_dir():
        return open_store(path)
    if not path.is_file():
        raise GraphError(f"graph file not found: {path}")
    return load_file(path)


def load_file(path):
    """Parse a graph file into an in-memory GraphStore with its ONTOLOGY and IMPLIED graphs."""
    from .graphio import SUFFIX_FORMATS, _local_jsonld, offline

    path = Path(path)
    fmt = SUFFIX_FORMATS.get(path.suffix.lower(), "turtle")
    store = ox.Store()
    base = path.absolute().as_uri()
    try:
        with offline():
            if fmt == "json-ld":
                # rdflib's parser, as before: JSON-LD is for exchange, not speed.
                from .graphio import load_graph

                graph = load_graph(path)
                store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
                scan = _Scan(lambda: (originals_of({to_ox(o) for o in graph.objects()
                                                    if isinstance(o, Literal) and o.datatype is not None}),
                                      {prefix: str(ns) for prefix, ns in graph.namespaces()}))
            elif fmt == "trig":
                quads = [ox.Quad(quad.subject, quad.predicate, quad.object)
                         for quad in ox.parse(path=path, format=ox.RdfFormat.TRIG, base_iri=base)]
                store.extend(quads)
                scan = _Scan(lambda: _scan_parser(ox.parse(path=path, format=ox.RdfFormat.TRIG, base_iri=base)))
            elif fmt == "nt":
                scan = _Scan(lambda: _scan_ntriples(path))
                _load(store, path, fmt, base)
            else:
                scan = _Scan(lambda: _scan_parser(ox.parse(path=path, format=_OX_FORMATS[fmt], base_iri=base)))
                _load(store, path, fmt, base)
    except GraphError:
        raise
    except (SyntaxError, ValueError, OSError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GraphError(f"cannot parse {path} as RDF: {message}") from None
    add_implied(store)
    return GraphStore(store, originals=scan, source=path)


def _load(store, path, fmt, base):
    # Into a store in memory, load() is faster than bulk_load() and takes a
    # third less memory (1.1M triples: 2.2 s and 388 MiB against 2.4 s and 553 MiB).
    store.load(path=path, format=_OX_FORMATS[fmt], base_iri=base)


def from_rdflib(graph):
    """An in-memory GraphStore of an rdflib Graph or kg.graph.Triples."""
    if isinstance(graph, GraphStore):
        return graph
    store = ox.Store()
    triples = oxigraph_triples(graph)
    store.extend(ox.Quad(triple.subject, triple.predicate, triple.object) for triple in triples)
    literals = {triple.object for triple in triples
                if type(triple.object) is ox.Literal and _rewritable(triple.object)}
    add_implied(store)
    return GraphStore(store, originals=originals_of(literals),
                      prefixes={prefix: str(namespace) for prefix, namespace in graph.namespaces()})


def open_store(path):
    """A store directory written by write_store, opened read-only."""
    path = Path(path)
    described = path / STORE_FILE
    if not described.is_file():
        raise GraphError(f"{path} is a directory but not a kg store (no {STORE_FILE}; "
                         f"write one with kg build --store DIR)")
    try:
        description = json.loads(described.read_text(encoding="utf-8"))
        if description.get("format") != STORE_FORMAT:
            raise GraphError(f"{path}: store format {description.get('format')!r}, this kg reads "
                             f"{STORE_FORMAT}; build it again")
        originals = {_stored_literal(stored): _stored_literal(original)
                     for stored, original in description.get("originals", [])}
        store = ox.Store.read_only(str(path / DATABASE_DIR))
    except GraphError:
        raise
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise GraphError(f"cannot open the store {path}: {error}") from None
    return GraphStore(store, originals=originals, prefixes=description.get("prefixes", {}), source=path,
                      description=description)


def _stored_literal(pair):
    value, datatype = pair
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def add_implied(store):
    """Fill ONTOLOGY with the ontology's triples and IMPLIED with the core
    triple of each sub-property triple, where the default graph does not have
    them already."""
    from .validate import ONTOLOGY_FILE

    ontology = ox.parse(ONTOLOGY_FILE.read_text(encoding="utf-8"), ox.RdfFormat.TURTLE)
    store.extend(ox.Quad(quad.subject, quad.predicate, quad.object, ONTOLOGY) for quad in ontology
                 if next(iter(store.quads_for_pattern(quad.subject, quad.predicate, quad.object,
                                                      ox.DefaultGraph())), None) is None)
    for prop, core in implied_relations(store).items():
        store.update(f"INSERT {{ GRAPH <{IMPLIED.value}> {{ ?s <{core}> ?o }} }} "
                     f"WHERE {{ ?s <{prop}> ?o FILTER NOT EXISTS {{ ?s <{core}> ?o }} }}")


def implied_relations(store):
    """Sub-property IRI -> the core relation IRI it implies (the first core
    relation by name where it falls under several), over data and ontology."""
    cores = {str(KG[name]): name for name in RELATIONS}
    rows = store.query("SELECT DISTINCT ?p ?core WHERE { ?p rdfs:subPropertyOf+ ?core }",
                       prefixes=QUERY_PREFIXES, default_graph=[ox.DefaultGraph(), ONTOLOGY])
    found = {}
    for row in rows:
        prop, core = row["p"], row["core"]
        if type(prop) is ox.NamedNode and core.value in cores and prop.value not in cores:
            found.setdefault(prop.value, []).append(cores[core.value])
    return {prop: str(KG[sorted(names)[0]]) for prop, names in sorted(found.items())}


def check_store_directory(directory):
    """GraphError unless `directory` can take a store: new, empty, or a kg store."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise GraphError(f"--store {directory}: not a directory")
    if directory.is_dir() and not is_store(directory) and any(directory.iterdir()):
        raise GraphError(f"--store {directory}: the directory holds other files and is not a kg store; "
                         f"give a new or empty directory")
    return directory


def write_store(graph, directory):
    """Write the store directory `directory` of rdflib Graph `graph`. It is
    written beside and renamed into place, so an earlier store survives a
    failure. Returns the number of triples."""
    def fill(store):
        triples = oxigraph_triples(graph)
        literals = {triple.object for triple in triples
                    if type(triple.object) is ox.Literal and _rewritable(triple.object)}
        store.bulk_extend(ox.Quad(triple.subject, triple.predicate, triple.object) for triple in triples)
        del triples
        add_implied(store)
        return originals_of(literals), {prefix: str(namespace) for prefix, namespace in graph.namespaces()}

    return _write_directory(directory, fill)


def write_store_from(graph_store, directory):
    """Write the store directory `directory` of a GraphStore (as write_store)."""
    def fill(store):
        store.bulk_load(graph_store.store.dump(format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
        return graph_store.originals, {prefix: str(namespace) for prefix, namespace in graph_store.namespaces()}

    return _write_directory(directory, fill)


def _write_directory(directory, fill):
    directory = check_store_directory(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{directory.name}.kg-", dir=directory.parent))
    try:
        store = ox.Store(str(work / DATABASE_DIR))
        originals, prefixes = fill(store)
        store.flush()
        store.optimize()
        written = GraphStore(store)
        triples, iri = len(written), build_graph_iri(written)
        del store, written  # closes the database before it is renamed
        description = {
            "format": STORE_FORMAT,
            "triples": triples,
            "graph": iri,
            "prefixes": {prefix: namespace for prefix, namespace in sorted(prefixes.items()) if prefix},
            "originals": sorted([[stored.value, stored.datatype.value], [original.value, original.datatype.value]]
                                for stored, original in originals.items()),
        }
        (work / STORE_FILE).write_text(json.dumps(description, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        _replace_directory(work, directory)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return triples


def _replace_directory(new, directory):
    if not directory.exists():
        os.rename(new, directory)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{directory.name}.old-", dir=directory.parent))
    os.rmdir(old)
    os.rename(directory, old)
    try:
        os.rename(new, directory)
    except OSError:
        os.rename(old, directory)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_graph_iri(graph_store):
    """The named graph a build is pushed to by default:
    https://w3id.org/actor-kg/id/graph/<16 hex digits>, a hash of the build's
    triples (their sorted N-Triples lines as the store holds them), so the
    same build gets the same graph, from its file or its store, and different
    builds different ones."""
    import hashlib

    lines = sorted(line for line in store_ntriples(graph_store).splitlines() if line)
    return GRAPH_IRI + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def store_ntriples(graph_store):
    """The default graph's triples as N-Triples, as the store holds them."""
    return graph_store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
