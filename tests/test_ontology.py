"""ontology.ttl: the contract's classes and properties, documented and aligned."""
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.graphio import actor_nodes
from kg.namespaces import ACTOR_CLASSES, KG, RELATIONS
from kg.validate import ONTOLOGY_FILE, ontology_graph, shapes_graph

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY_IRI = "https://w3id.org/actor-kg/ontology"
ORGANIZATION_KINDS = (
    "Government", "GovernmentAgency", "ArmedForce", "Militia", "NonStateArmedGroup", "PoliticalParty",
    "InternationalOrganization", "Coalition", "MediaOrganization", "ThinkTank",
)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(REPO / "ontology.ttl", format="turtle")


def superclasses(graph, cls):
    return set(graph.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def kg_terms(graph):
    return {term for kind in TERM_TYPES for term in graph.subjects(RDF.type, kind) if term.startswith(KG)}


def test_the_packaged_ontology_is_the_repository_ontology():
    assert ONTOLOGY_FILE.read_bytes() == (REPO / "ontology.ttl").read_bytes()
    assert isomorphic(ontology_graph(), Graph().parse(REPO / "ontology.ttl"))


def test_header_has_title_description_and_version(ontology):
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert str(header) == ONTOLOGY_IRI
    for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, OWL.versionIRI):
        assert ontology.value(header, predicate), predicate


@pytest.mark.parametrize("name", ACTOR_CLASSES)
def test_every_actor_class_is_under_actor(ontology, name):
    assert (KG[name], RDF.type, OWL.Class) in ontology
    assert KG.Actor in superclasses(ontology, KG[name])


@pytest.mark.parametrize("name", ORGANIZATION_KINDS)
def test_organisation_kinds_are_organisations(ontology, name):
    assert KG.Organization in superclasses(ontology, KG[name])


def test_persons_and_states_are_not_organisations(ontology):
    assert KG.Organization not in superclasses(ontology, KG.Person)
    assert KG.Organization not in superclasses(ontology, KG.State)
    assert (KG.Person, OWL.disjointWith, KG.Organization) in ontology


def test_alignment_with_prov_and_rdf_reification(ontology):
    assert PROV.Agent in superclasses(ontology, KG.Actor)
    assert {RDF.Statement, PROV.Entity} <= superclasses(ontology, KG.Assertion)
    assert PROV.Entity in superclasses(ontology, KG.Document)
    assert PROV.Entity in superclasses(ontology, KG.Statement)
    # kg:Statement is something said, not a reified triple.
    assert RDF.Statement not in superclasses(ontology, KG.Statement)


def test_no_equivalence_is_claimed_with_outside_vocabularies(ontology):
    assert not list(ontology.triples((None, OWL.equivalentClass, None)))
    assert not list(ontology.triples((None, OWL.equivalentProperty, None)))


def test_every_term_has_an_english_label_and_comment(ontology):
    terms = kg_terms(ontology)
    assert len(terms) > 30
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            assert Literal in {type(value) for value in ontology.objects(term, predicate)}, (term, predicate)
            assert {value.language for value in ontology.objects(term, predicate)} == {"en"}, (term, predicate)


def test_every_kg_term_the_ontology_mentions_is_defined(ontology):
    mentioned = {
        node for triple in ontology for node in triple
        if isinstance(node, URIRef) and node.startswith(KG) and node != KG
    }
    assert mentioned <= kg_terms(ontology)


def test_the_ontology_has_no_actor_like_nodes(ontology):
    # Merged into a data graph (kg query, kg validate), a term with a
    # skos:prefLabel would be listed among the actors.
    assert not list(ontology.triples((None, SKOS.prefLabel, None)))
    assert actor_nodes(ontology) == []


@pytest.mark.parametrize("name, domain, range_", [
    ("backs", KG.Actor, KG.Actor),
    ("opposes", KG.Actor, KG.Actor),
    ("commands", KG.Actor, None),  # range: Organization or State, a union class
    ("memberOf", KG.Person, KG.Organization),
    ("partOf", KG.Organization, KG.Organization),
])
def test_relation_properties_with_domain_and_range(ontology, name, domain, range_):
    prop = KG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert ontology.value(prop, RDFS.domain) == domain
    assert ontology.value(prop, RDFS.range) is not None
    if range_ is not None:
        assert ontology.value(prop, RDFS.range) == range_


def test_commands_ranges_over_organisations_and_states(ontology):
    union = ontology.value(ontology.value(KG.commands, RDFS.range), OWL.unionOf)
    assert set(ontology.items(union)) == {KG.Organization, KG.State}


def test_specific_relations_fold_into_a_core_relation(ontology):
    expected = {"attacks": "opposes", "funds": "backs", "arms": "backs", "trains": "backs", "leads": "commands"}
    for name, core in expected.items():
        assert ontology.value(KG[name], RDFS.subPropertyOf) == KG[core]


def test_statement_properties(ontology):
    assert (ontology.value(KG.states, RDFS.domain), ontology.value(KG.states, RDFS.range)) == (KG.Actor, KG.Statement)
    assert (ontology.value(KG.mentions, RDFS.domain), ontology.value(KG.mentions, RDFS.range)) == (KG.Statement, KG.Actor)
    quote_types = ontology.value(ontology.value(KG.quoteType, RDFS.range), OWL.oneOf)
    assert {str(value) for value in ontology.items(quote_types)} == {"direct", "indirect"}
    for name in ("evidence", "charStart", "charEnd", "confidence", "method", "text", "quoteType"):
        assert (KG[name], RDF.type, OWL.DatatypeProperty) in ontology, name


def test_shapes_check_the_ends_of_every_relation_the_ontology_defines(ontology):
    # The shapes list the relation properties as targets (SHACL targets do not
    # follow rdfs:subPropertyOf), so a new sub-property must be added there too.
    relations = {
        prop for core in RELATIONS for prop in ontology.transitive_subjects(RDFS.subPropertyOf, KG[core])
    }
    shapes = shapes_graph()
    end_shape = next(shapes.subjects(SH.targetSubjectsOf, KG.backs))
    assert set(shapes.objects(end_shape, SH.targetSubjectsOf)) == relations
    assert set(shapes.objects(end_shape, SH.targetObjectsOf)) == relations
