"""`kg validate` and kg.validate: a contract graph passes, each kind of broken
graph fails with a line naming the node, the property and the rule."""
import json
from decimal import Decimal

import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.cli import cli
from kg.namespaces import KG, KGR
from kg.validate import ontology_graph, read_results, shapes_graph, validate_graph

# A small graph written to the contract (CONTRACT.md). Turtle has no prefixed
# names with a slash, so each kind of resource gets its own prefix.
CONFORMING = """
@prefix kg: <https://w3id.org/actor-kg/ontology#> .
@prefix actor: <https://w3id.org/actor-kg/id/actor/> .
@prefix doc: <https://w3id.org/actor-kg/id/doc/> .
@prefix assertion: <https://w3id.org/actor-kg/id/assertion/> .
@prefix statement: <https://w3id.org/actor-kg/id/statement/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

doc:000_a5b7b3bba9f787a8 a kg:Document ;
    dcterms:identifier "000_a5b7b3bba9f787a8" ;
    dcterms:title "Iraqi forces take Kirkuk" ;
    dcterms:source <https://example.org/news/kirkuk> ;
    dcterms:date "2017-10-16"^^xsd:date .

actor:iran a kg:State ;
    skos:prefLabel "Iran"@en ; rdfs:label "Iran"@en ;
    owl:sameAs <http://www.wikidata.org/entity/Q794> .
actor:pmf a kg:Militia ;
    skos:prefLabel "Popular Mobilization Forces"@en ; rdfs:label "Popular Mobilization Forces"@en ;
    skos:altLabel "PMF"@en, "Hashd al-Shaabi"@en .
actor:heather-nauert a kg:Person ;
    skos:prefLabel "Heather Nauert"@en ; rdfs:label "Heather Nauert"@en .
actor:state-department a kg:GovernmentAgency ;
    skos:prefLabel "U.S. State Department" ; rdfs:label "U.S. State Department" .

actor:iran kg:backs actor:pmf .
assertion:3f9a a kg:Assertion ;
    rdf:subject actor:iran ; rdf:predicate kg:backs ; rdf:object actor:pmf ;
    kg:evidence "The largely Shia Muslim PMF is directly supported by the Iranian government." ;
    prov:wasDerivedFrom doc:000_a5b7b3bba9f787a8 ;
    kg:charStart 2411 ; kg:charEnd 2485 ;
    kg:confidence 0.9 ;
    kg:method "passive-agent" .

actor:heather-nauert kg:memberOf actor:state-department .
assertion:77c2 a kg:Assertion ;
    rdf:subject actor:heather-nauert ; rdf:predicate kg:memberOf ; rdf:object actor:state-department ;
    kg:evidence "State Department spokeswoman Heather Nauert said the United States was concerned." ;
    prov:wasDerivedFrom doc:000_a5b7b3bba9f787a8 ;
    kg:charStart 3050 ; kg:charEnd 3132 ;
    kg:confidence 0.8 ;
    kg:method "title-apposition" .

actor:heather-nauert kg:states statement:7c1e .
statement:7c1e a kg:Statement ;
    kg:text "We are monitoring the situation closely" ;
    kg:quoteType "direct" ;
    kg:mentions actor:pmf ;
    kg:evidence "\\"We are monitoring the situation closely,\\" Nauert said." ;
    prov:wasDerivedFrom doc:000_a5b7b3bba9f787a8 ;
    kg:charStart 3133 ; kg:charEnd 3188 .
"""

IRAN, PMF, NAUERT = KGR["actor/iran"], KGR["actor/pmf"], KGR["actor/heather-nauert"]
BACKS_ASSERTION, STATEMENT = KGR["assertion/3f9a"], KGR["statement/7c1e"]
DOCUMENT = KGR["doc/000_a5b7b3bba9f787a8"]


def conforming_graph():
    return Graph().parse(data=CONFORMING, format="turtle")


def edited(*, remove=(), add=()):
    graph = conforming_graph()
    for triple in remove:
        graph.remove(triple)
    for triple in add:
        graph.add(triple)
    return graph


def kg_validate(tmp_path, graph, *options):
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    return CliRunner().invoke(cli, ["validate", str(path), *options])


def test_a_contract_graph_conforms(tmp_path):
    result = kg_validate(tmp_path, conforming_graph())
    assert result.exit_code == 0, result.output
    assert result.output == f"conforms: 0 violations, 0 warnings in {len(conforming_graph())} triples\n"


def test_the_datatypes_a_builder_writes_from_python_conform():
    # Imported here: pytest's collection warns on XSD as a module global.
    from rdflib.namespace import XSD

    # Literal(int, datatype=xsd:nonNegativeInteger) and Literal(float) -> xsd:double
    graph = edited(
        remove=[(BACKS_ASSERTION, KG.charStart, None), (BACKS_ASSERTION, KG.confidence, None)],
        add=[(BACKS_ASSERTION, KG.charStart, Literal(2411, datatype=XSD.nonNegativeInteger)),
             (BACKS_ASSERTION, KG.confidence, Literal(0.9))],
    )
    assert validate_graph(graph).violations == []


def test_a_specific_relation_conforms_as_its_core_relation():
    graph = edited(
        remove=[(IRAN, KG.backs, PMF), (BACKS_ASSERTION, RDF.predicate, KG.backs)],
        add=[(IRAN, KG.funds, PMF), (BACKS_ASSERTION, RDF.predicate, KG.funds)],
    )
    assert validate_graph(graph).violations == []


BROKEN = {
    "assertion without evidence": (
        dict(remove=[(BACKS_ASSERTION, KG.evidence, None)]),
        "Violation: kgr:assertion/3f9a kg:evidence: needs at least one kg:evidence",
    ),
    "assertion with blank evidence": (
        dict(remove=[(BACKS_ASSERTION, KG.evidence, None)], add=[(BACKS_ASSERTION, KG.evidence, Literal("  "))]),
        'Violation: kgr:assertion/3f9a kg:evidence: needs at least one kg:evidence, the supporting sentence as a non-empty string (value: "  ")',
    ),
    "charStart after charEnd": (
        dict(remove=[(BACKS_ASSERTION, KG.charStart, None)], add=[(BACKS_ASSERTION, KG.charStart, Literal(2500))]),
        "Violation: kgr:assertion/3f9a kg:charStart: kg:charStart must be less than kg:charEnd (the evidence span is empty or reversed) (value: 2500)",
    ),
    "negative offset": (
        dict(remove=[(BACKS_ASSERTION, KG.charStart, None)], add=[(BACKS_ASSERTION, KG.charStart, Literal(-3))]),
        "Violation: kgr:assertion/3f9a kg:charStart: needs exactly one kg:charStart, an integer >= 0 (value: -3)",
    ),
    "actor without prefLabel": (
        dict(remove=[(PMF, SKOS.prefLabel, None)]),
        "Violation: kgr:actor/pmf skos:prefLabel: an actor needs exactly one skos:prefLabel, a non-empty string",
    ),
    "actor with two prefLabels": (
        dict(add=[(PMF, SKOS.prefLabel, Literal("PMF", lang="en"))]),
        "Violation: kgr:actor/pmf skos:prefLabel: an actor needs exactly one skos:prefLabel, a non-empty string",
    ),
    "actor without rdfs:label": (
        dict(remove=[(IRAN, RDFS.label, None)]),
        "Violation: kgr:actor/iran rdfs:label: an actor needs an rdfs:label, a non-empty string",
    ),
    "statement without speaker": (
        dict(remove=[(NAUERT, KG.states, STATEMENT)]),
        "Violation: kgr:statement/7c1e ^kg:states: a statement needs a speaker: an actor that kg:states it",
    ),
    "statement with another quote type": (
        dict(remove=[(STATEMENT, KG.quoteType, None)], add=[(STATEMENT, KG.quoteType, Literal("paraphrase"))]),
        'Violation: kgr:statement/7c1e kg:quoteType: a statement needs exactly one kg:quoteType, "direct" or "indirect" (value: "paraphrase")',
    ),
    "statement mentioning a non-actor": (
        dict(add=[(STATEMENT, KG.mentions, KGR["actor/nobody"])]),
        "Violation: kgr:actor/nobody: kg:mentions must point to an actor",
    ),
    "statement whose speaker is no actor": (
        dict(remove=[(NAUERT, KG.states, STATEMENT)], add=[(DOCUMENT, KG.states, STATEMENT)]),
        "Violation: kgr:doc/000_a5b7b3bba9f787a8: the subject of kg:states must be an actor",
    ),
    "assertion whose direct triple is missing": (
        dict(remove=[(IRAN, KG.backs, PMF)]),
        "Violation: kgr:assertion/3f9a: the direct triple (rdf:subject rdf:predicate rdf:object) of this assertion is missing from the graph (value: kg:backs)",
    ),
    "confidence above 1": (
        dict(remove=[(BACKS_ASSERTION, KG.confidence, None)],
             add=[(BACKS_ASSERTION, KG.confidence, Literal(Decimal("1.7")))]),
        "Violation: kgr:assertion/3f9a kg:confidence: kg:confidence must be a single number from 0 to 1 (value: 1.7)",
    ),
    "assertion without confidence": (
        dict(remove=[(BACKS_ASSERTION, KG.confidence, None)]),
        "Violation: kgr:assertion/3f9a kg:confidence: an assertion needs a kg:confidence",
    ),
    "predicate that is no relation": (
        dict(remove=[(BACKS_ASSERTION, RDF.predicate, None), (IRAN, KG.backs, PMF)],
             add=[(BACKS_ASSERTION, RDF.predicate, RDFS.seeAlso), (IRAN, RDFS.seeAlso, PMF)]),
        "Violation: kgr:assertion/3f9a rdf:predicate: rdf:predicate must be kg:backs, kg:opposes, kg:commands, kg:memberOf, kg:partOf or an rdfs:subPropertyOf one of them (value: rdfs:seeAlso)",
    ),
    "assertion from no document": (
        dict(remove=[(BACKS_ASSERTION, PROV.wasDerivedFrom, None)]),
        "Violation: kgr:assertion/3f9a prov:wasDerivedFrom: needs exactly one prov:wasDerivedFrom, a kg:Document",
    ),
    "document without identifier": (
        dict(remove=[(DOCUMENT, DCTERMS.identifier, None)]),
        "Violation: kgr:doc/000_a5b7b3bba9f787a8 dcterms:identifier: a document needs exactly one dcterms:identifier, a non-empty string",
    ),
    "a person who is also an organisation": (
        dict(add=[(NAUERT, RDF.type, KG.MediaOrganization)]),
        "Violation: kgr:actor/heather-nauert: a kg:Person cannot also be a kg:Organization or a kg:State",
    ),
}


@pytest.mark.parametrize("edit, line", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_graph_fails_with_one_line_naming_the_problem(tmp_path, edit, line):
    result = kg_validate(tmp_path, edited(**edit))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(line), result.output
    assert lines[1].startswith("does not conform: 1 violation, 0 warnings in "), result.output
    assert len(lines) == 2


def test_documents_sharing_an_identifier_are_both_reported(tmp_path):
    copy = KGR["doc/copy"]
    graph = edited(add=[(copy, RDF.type, KG.Document), (copy, DCTERMS.identifier, Literal("000_a5b7b3bba9f787a8"))])
    result = kg_validate(tmp_path, graph)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"Violation: {name} dcterms:identifier: another kg:Document has the same dcterms:identifier "
        '(value: "000_a5b7b3bba9f787a8")'
        for name in ("kgr:doc/000_a5b7b3bba9f787a8", "kgr:doc/copy")
    ]


def test_an_untyped_relation_end_is_reported_from_both_sides(tmp_path):
    result = kg_validate(tmp_path, edited(remove=[(IRAN, RDF.type, None)]))
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "Violation: kgr:actor/iran: both ends of a relation (kg:backs, kg:opposes, kg:commands, kg:memberOf, "
        "kg:partOf and their sub-properties) must be actors: IRIs typed with a subclass of kg:Actor",
        "Violation: kgr:assertion/3f9a rdf:subject: an assertion needs exactly one rdf:subject, an actor "
        "(typed with a subclass of kg:Actor) (value: kgr:actor/iran)",
    ]


def test_a_blank_node_actor_is_refused():
    anonymous = BNode()
    graph = edited(add=[(anonymous, RDF.type, KG.Person), (anonymous, SKOS.prefLabel, Literal("X")),
                        (anonymous, RDFS.label, Literal("X"))])
    [violation] = validate_graph(graph).violations
    assert violation.message == "actors, documents, assertions and statements must be IRIs, not blank nodes"


def test_warnings_are_reported_but_do_not_fail(tmp_path):
    # A relation without an assertion, from a state: no evidence, and
    # kg:memberOf's domain is kg:Person.
    result = kg_validate(tmp_path, edited(add=[(IRAN, KG.memberOf, KGR["actor/state-department"])]))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Warning: kgr:actor/iran: the subject of kg:memberOf should be a kg:Person (its rdfs:domain)",
        "Warning: kgr:actor/iran kg:memberOf: this relation has no kg:Assertion, so no evidence from a document "
        "(value: kgr:actor/state-department)",
        f"conforms: 0 violations, 2 warnings in {len(conforming_graph()) + 1} triples",
    ]


def related(subject, relation, obj):
    """The direct triple and an assertion (with the 3f9a sentence) for a new relation."""
    assertion = KGR["assertion/extra"]
    provenance = [(assertion, predicate, value) for _, predicate, value in conforming_graph().triples((BACKS_ASSERTION, None, None))
                  if predicate not in (RDF.subject, RDF.predicate, RDF.object)]
    return [(subject, relation, obj), (assertion, RDF.subject, subject), (assertion, RDF.predicate, relation),
            (assertion, RDF.object, obj), *provenance]


OUTSIDE_RANGE = {
    "a part of a state": (
        related(PMF, KG.partOf, IRAN),
        "the object of kg:memberOf and both ends of kg:partOf should be a kg:Organization (their rdfs:domain and rdfs:range)",
    ),
    "a militia commanding a person": (
        related(PMF, KG.commands, NAUERT),
        "the object of kg:commands and kg:leads should be a kg:Organization or a kg:State (their rdfs:range)",
    ),
    "a state leading a person": (
        related(IRAN, KG.leads, NAUERT),
        "the object of kg:commands and kg:leads should be a kg:Organization or a kg:State (their rdfs:range)",
    ),
}


@pytest.mark.parametrize("triples, message", OUTSIDE_RANGE.values(), ids=OUTSIDE_RANGE.keys())
def test_ends_outside_a_narrower_domain_or_range_are_warnings(triples, message):
    report = validate_graph(edited(add=triples))
    assert report.conforms
    assert [(violation.severity, violation.message) for violation in report.violations] == [("Warning", message)]


def test_json_report(tmp_path):
    result = kg_validate(tmp_path, edited(remove=[(PMF, SKOS.prefLabel, None)]), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "conforms": False,
        "triples": len(conforming_graph()) - 1,
        "violations": [{
            "severity": "Violation", "focus_node": "kgr:actor/pmf", "path": "skos:prefLabel",
            "message": "an actor needs exactly one skos:prefLabel, a non-empty string", "value": None,
        }],
    }


def test_violations_come_in_a_stable_order():
    graph = edited(remove=[(PMF, SKOS.prefLabel, None), (IRAN, RDFS.label, None), (BACKS_ASSERTION, KG.evidence, None),
                           (STATEMENT, KG.text, None)])
    first, second = validate_graph(graph), validate_graph(graph)
    assert first == second
    assert [violation.focus_node for violation in first.violations] == [
        "kgr:actor/iran", "kgr:actor/pmf", "kgr:assertion/3f9a", "kgr:statement/7c1e",
    ]


def test_validation_leaves_the_graph_unchanged():
    graph = edited(remove=[(IRAN, KG.backs, PMF)])
    before = set(graph)
    validate_graph(graph)
    assert set(graph) == before


def test_whole_graph_sparql_runs_find_what_pyshacl_finds_per_node():
    # validate_graph runs the shapes' SPARQL constraints itself, once per
    # constraint; pyshacl with the full shapes runs them once per focus node.
    graph = edited(
        remove=[(IRAN, KG.backs, PMF), (BACKS_ASSERTION, RDF.predicate, None)],
        add=[(BACKS_ASSERTION, RDF.predicate, KG.backs), (BACKS_ASSERTION, RDF.predicate, RDFS.seeAlso),
             (PMF, KG.opposes, IRAN), (KGR["doc/copy"], RDF.type, KG.Document),
             (KGR["doc/copy"], DCTERMS.identifier, Literal("000_a5b7b3bba9f787a8"))],
    )
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                     inference="none", allow_warnings=True)
    by_pyshacl = set(read_results(results))
    assert len(by_pyshacl) >= 6
    assert set(validate_graph(graph).violations) == by_pyshacl


def test_help_shows_examples_unwrapped():
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0
    assert "\n    kg validate out/graph.ttl --format json\n" in result.output


def test_a_missing_file_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 1
    assert result.output == f"Error: graph file not found: {tmp_path / 'missing.ttl'}\n"


def test_a_file_that_is_not_rdf_is_a_one_line_error(tmp_path):
    path = tmp_path / "notes.ttl"
    path.write_text("These are notes, not Turtle.\n")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot parse {path} as RDF")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


# --- the same rules over the Oxigraph store (kg.shacl) -------------------------------------

STORE_CASES = {**{name: edit for name, (edit, _line) in BROKEN.items()},
               "conforming": {},
               "commands of a person": dict(add=[(PMF, KG.commands, IRAN)]),
               "member of a state": dict(add=[(NAUERT, KG.memberOf, IRAN)]),
               "relation to no actor": dict(add=[(IRAN, KG.backs, KGR["actor/ghost"])]),
               "confidence as text": dict(add=[(BACKS_ASSERTION, KG.confidence, Literal("high"))]),
               "empty method": dict(add=[(BACKS_ASSERTION, KG.method, Literal(""))]),
               "offset as text": dict(add=[(BACKS_ASSERTION, KG.charEnd, Literal("x"))]),
               "blank alias": dict(add=[(PMF, SKOS.altLabel, Literal(" "))]),
               "blank node actor": dict(add=[(BNode(), RDF.type, KG.Militia)])}


@pytest.mark.parametrize("edit", STORE_CASES.values(), ids=STORE_CASES.keys())
def test_a_store_is_validated_as_pyshacl_validates_its_graph(edit):
    from kg.store import from_rdflib

    graph = edited(**edit)
    assert validate_graph(from_rdflib(graph)) == validate_graph(graph)


def test_a_store_keeps_the_standing_facts_exemption():
    from kg.store import from_rdflib

    graph = edited(add=[(IRAN, KG.opposes, PMF)])
    unevidenced = validate_graph(from_rdflib(graph))
    assert [v.message for v in unevidenced.violations] == [
        "this relation has no kg:Assertion, so no evidence from a document"]
    facts = frozenset({(IRAN, KG.opposes, PMF)})
    assert validate_graph(from_rdflib(graph), facts=facts).violations == []
    assert validate_graph(graph, facts=facts).violations == []
