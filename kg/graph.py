"""Turn an Extraction into the contract's RDF graph (see the README's contract)."""
import functools
import hashlib
import re
from decimal import Decimal
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .namespaces import KG, KGR, PREFIXES, WD, bind_prefixes

LANG = "en"


# A build names the same actors and documents thousands of times; a
# namespace makes and checks a new URIRef at each call.
@functools.lru_cache(maxsize=4096)
def actor_iri(actor_id):
    return KGR[f"actor/{actor_id}"]


@functools.lru_cache(maxsize=4096)
def document_iri(doc_id):
    return KGR[f"doc/{quote(doc_id, safe='-_.~')}"]


def content_id(*parts):
    """A stable id from content, so the same input always gives the same IRI."""
    digest = hashlib.sha1("\x1f".join(str(part) for part in parts).encode("utf-8")).hexdigest()
    return digest[:16]


class Triples:
    """The triples of a build, each once, in the order they were made, with
    the contract's prefixes: what the writers of kg.graphio and kg.store
    read. Collecting them costs a third of filling an rdflib Graph, whose
    indexes a writer does not need; `to_graph()` makes that Graph."""

    def __init__(self):
        self._triples = {}

    def add(self, triple):
        self._triples[triple] = None

    def __iter__(self):
        return iter(self._triples)

    def __len__(self):
        return len(self._triples)

    @staticmethod
    def namespaces():
        return iter(PREFIXES.items())

    def to_graph(self):
        graph = bind_prefixes(Graph())
        for triple in self._triples:
            graph.add(triple)
        return graph


def build_graph(extraction):
    """The rdflib Graph of an Extraction (see build_triples)."""
    return build_triples(extraction).to_graph()


def build_triples(extraction):
    """The Triples of an Extraction: documents, actors, relations (direct
    triple + one kg:Assertion per sentence), statements and standing facts."""
    graph = Triples()
    for document in extraction.documents:
        _add_document(graph, document)
    for actor in extraction.actors.values():
        _add_actor(graph, actor)
    for relation in extraction.relations:
        _add_relation(graph, relation)
    for statement in extraction.statements:
        _add_statement(graph, statement)
    for subject, predicate, obj, _note in extraction.facts:
        if subject in extraction.actors and obj in extraction.actors:
            graph.add((actor_iri(subject), KG[predicate], actor_iri(obj)))
    return graph


def _add_document(graph, document):
    node = document_iri(document.id)
    graph.add((node, RDF.type, KG.Document))
    graph.add((node, DCTERMS.identifier, Literal(document.id)))
    if document.title:
        graph.add((node, DCTERMS.title, Literal(document.title)))
    if document.url and re.match(r"https?://\S+$", document.url):
        graph.add((node, DCTERMS.source, URIRef(document.url)))
    if document.date:
        is_day = re.fullmatch(r"\d{4}-\d{2}-\d{2}", document.date)
        graph.add((node, DCTERMS.date, Literal(document.date, datatype=XSD.date if is_day else None)))


def _add_actor(graph, actor):
    node = actor_iri(actor.id)
    graph.add((node, RDF.type, KG[actor.cls]))
    graph.add((node, SKOS.prefLabel, Literal(actor.name, lang=LANG)))
    graph.add((node, RDFS.label, Literal(actor.name, lang=LANG)))
    for alias in actor.aliases:
        if alias != actor.name:
            graph.add((node, SKOS.altLabel, Literal(alias, lang=LANG)))
    if actor.wikidata:
        graph.add((node, OWL.sameAs, WD[actor.wikidata]))
    if actor.description:
        graph.add((node, RDFS.comment, Literal(actor.description, lang=LANG)))


def _add_relation(graph, relation):
    subject, obj = actor_iri(relation.subject), actor_iri(relation.object)
    predicate = KG[relation.predicate]
    graph.add((subject, predicate, obj))
    node = KGR[f"assertion/{content_id(relation.doc_id, relation.subject, relation.predicate, relation.object, relation.start, relation.end)}"]
    graph.add((node, RDF.type, KG.Assertion))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    _add_provenance(graph, node, relation)
    graph.add((node, KG.method, Literal(relation.method)))


def _add_statement(graph, statement):
    node = KGR[f"statement/{content_id(statement.doc_id, statement.speaker, statement.start, statement.end, statement.text)}"]
    graph.add((actor_iri(statement.speaker), KG.states, node))
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, KG.text, Literal(statement.text)))
    graph.add((node, KG.quoteType, Literal(statement.quote_type)))
    for mentioned in statement.mentions:
        graph.add((node, KG.mentions, actor_iri(mentioned)))
    _add_provenance(graph, node, statement)
    graph.add((node, KG.method, Literal(statement.method)))


def _add_provenance(graph, node, item):
    graph.add((node, KG.evidence, Literal(item.evidence)))
    graph.add((node, PROV.wasDerivedFrom, document_iri(item.doc_id)))
    graph.add((node, KG.charStart, Literal(item.start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, KG.charEnd, Literal(item.end, datatype=XSD.nonNegativeInteger)))
    graph.add((node, KG.confidence, Literal(Decimal(f"{item.confidence:.2f}"), datatype=XSD.decimal)))
