"""The Oxigraph store (kg/store.py, kg build --store): every reading command
answers the same, byte for byte, from a graph file and from its store; the
literals Oxigraph rewrites come out as the file wrote them; a store is
written beside and renamed into place."""
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg.cli import cli
from kg.graphio import load_graph
from kg.namespaces import KG, KGR
from kg.store import BEYOND, STORE_FILE, GraphStore, build_graph_iri, open_graph, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"
HOSTILE = Path(__file__).parent / "fixtures" / "hardening" / "hostile.ttl"
SENTENCE = "The Badr Organization is funded by Iran.\n"


def kg(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Graph file -> its store directory, for the fixture and the hostile graph."""
    folder = tmp_path_factory.mktemp("stores")
    made = {}
    for graph in (FIXTURE, HOSTILE):
        made[graph] = folder / graph.stem
        write_store(load_graph(graph), made[graph])
    return made


READING = [
    ["query", "--named", "backers", "-p", "actor=PMF", "--format", "tsv"],
    ["query", "--named", "evidence", "-p", "subject=Iran", "-p", "relation=backs", "-p", "object=PMF",
     "--format", "json"],
    ["query", "--named", "commanders", "-p", "actor=ERD", "--format", "tsv"],
    ["query", "--named", "statements", "-p", "actor=Nauert", "--format", "tsv"],
    ["query", "DESCRIBE kgr:actor\\/pmf", "--format", "nt"],
    ["query", "CONSTRUCT { ?a ?p ?o } WHERE { ?a a kg:Assertion ; ?p ?o }", "--format", "nt"],
    ["query", "SELECT ?x WHERE { ?x kg:opposes kgr:actor\\/peshmerga }", "--raw", "--format", "csv"],
    ["actors", "--format", "json"],
    ["actors"],
    ["show", "PMF", "--format", "json"],
    ["show", "Iran"],
    ["export", "--format", "csv"],
    ["export", "--format", "ttl"],
    ["export", "--actor", "PMF", "--hops", "1", "--format", "nt"],
    ["export", "--actor", "PMF", "--format", "graphml"],
    ["validate", "--format", "json"],
]


@pytest.mark.parametrize("args", READING, ids=lambda args: " ".join(args[:3]))
def test_a_store_answers_as_its_file(stores, args):
    from_file = kg(args[0], FIXTURE, *args[1:])
    from_store = kg(args[0], stores[FIXTURE], *args[1:])
    assert from_file.exit_code == (1 if args[0] == "validate" else 0), from_file.output
    assert from_store.exit_code == from_file.exit_code, from_store.output
    assert from_store.output == from_file.output


def test_viz_of_a_store_is_the_page_of_its_file(stores, tmp_path):
    assert kg("viz", FIXTURE, "-o", tmp_path / "file.html", "--title", "t", "-q").exit_code == 0
    assert kg("viz", stores[FIXTURE], "-o", tmp_path / "store.html", "--title", "t", "-q").exit_code == 0
    assert (tmp_path / "file.html").read_bytes() == (tmp_path / "store.html").read_bytes()


@pytest.mark.parametrize("args", [["show", "Iran"], ["actors", "--format", "csv"],
                                  ["query", "SELECT ?e WHERE { ?s kg:evidence ?e }", "--format", "json"]])
def test_hostile_text_reads_the_same_from_a_store(stores, args):
    assert kg(args[0], stores[HOSTILE], *args[1:]).output == kg(args[0], HOSTILE, *args[1:]).output


#: Literals that Oxigraph stores in another form: 0.80 as 0.8, a
#: nonNegativeInteger as an xsd:integer, 1e3 as 1000.
REWRITTEN = """@prefix kg: <https://w3id.org/actor-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/actor-kg/id/assertion/a> a kg:Assertion ; kg:confidence 0.80 ;
    kg:charStart "7"^^xsd:nonNegativeInteger ; kg:charEnd 1e3 .
"""


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory):
    """The graph as Turtle, as a store, and as N-Triples (read by its own scan)."""
    path = tmp_path_factory.mktemp("rewritten") / "graph.ttl"
    path.write_text(REWRITTEN, encoding="utf-8")
    write_store(load_graph(path), path.with_name("store"))
    ntriples = path.with_suffix(".nt")
    ntriples.write_bytes(load_graph(path).serialize(format="nt", encoding="utf-8"))
    return path, path.with_name("store"), ntriples


@pytest.mark.parametrize("which", [0, 1, 2], ids=["file", "store", "ntriples"])
def test_rewritten_literals_come_back_in_their_original_form(rewritten, which):
    graph = open_graph(rewritten[which])
    assert set(graph.objects(None, KG.confidence)) == {Literal("0.80", datatype=XSD.decimal)}
    assert set(graph.objects(None, KG.charStart)) == {Literal("7", datatype=XSD.nonNegativeInteger)}
    assert set(graph.objects(None, KG.charEnd)) == {Literal("1e3", datatype=XSD.double)}
    tsv = kg("query", rewritten[which], "SELECT ?c ?s WHERE { ?a kg:confidence ?c ; kg:charStart ?s }",
             "--format", "tsv").output
    assert tsv.splitlines()[1] == f'"0.80"^^<{XSD.decimal}>\t"7"^^<{XSD.nonNegativeInteger}>'
    nt = kg("query", rewritten[which], "CONSTRUCT WHERE { ?a kg:confidence ?c }", "--format", "nt").output
    assert '"0.80"^^<http://www.w3.org/2001/XMLSchema#decimal>' in nt
    exported = kg("export", rewritten[which], "--format", "ttl").output
    assert Graph().parse(data=exported, format="turtle") == load_graph(rewritten[0]) or \
        set(Graph().parse(data=exported, format="turtle")) == set(load_graph(rewritten[0]))


@pytest.mark.parametrize("which", [0, 1, 2], ids=["file", "store", "ntriples"])
def test_computed_values_are_not_taken_for_data(rewritten, which):
    # 7 + 0 and COUNT are xsd:integer, though the data has a nonNegativeInteger 7.
    out = kg("query", rewritten[which], "SELECT (?s + 0 AS ?sum) ?s (COUNT(*) AS ?n) WHERE "
             "{ ?a kg:charStart ?s } GROUP BY ?s", "--format", "tsv").output
    assert out.splitlines()[1] == f'"7"^^<{XSD.integer}>\t"7"^^<{XSD.nonNegativeInteger}>\t"1"^^<{XSD.integer}>'


def test_the_implied_graph_holds_ontology_and_core_relations_only(stores):
    graph = open_graph(stores[FIXTURE])
    implied = [q for name in BEYOND for q in graph.store.quads_for_pattern(None, None, None, name)]
    assert implied
    data = load_graph(FIXTURE)
    assert not any((graph.term(q.subject), graph.term(q.predicate), graph.term(q.object)) in data for q in implied)
    assert len(graph) == len(data)
    folded = graph.folded()
    assert (KGR["actor/isf"], KG.opposes, KGR["actor/peshmerga"]) in folded
    assert (KGR["actor/isf"], KG.opposes, KGR["actor/peshmerga"]) not in graph


def test_the_store_describes_the_build(stores):
    described = json.loads((stores[FIXTURE] / STORE_FILE).read_text())
    assert described["triples"] == len(load_graph(FIXTURE))
    assert described["graph"] == build_graph_iri(open_graph(FIXTURE))
    assert described["originals"] == []  # the fixture writes every number in canonical form


def test_a_directory_that_is_not_a_store_is_one_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    result = kg("actors", tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path} is a directory but not a kg store (no {STORE_FILE}; "
                             f"write one with kg build --store DIR)\n")


def test_a_runaway_query_on_a_store_stops_at_the_timeout(tmp_path):
    path = tmp_path / "big.nt"
    path.write_text("".join(f"<urn:s{n}> <urn:p> <urn:o{n}> .\n" for n in range(3000)))
    write_store(load_graph(path), tmp_path / "store")
    started = time.monotonic()
    # An aggregate: the store computes it without returning to Python.
    result = kg("query", tmp_path / "store", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                "--timeout", "1")
    assert result.exit_code == 1 and "stopped after 1 s" in result.output
    assert time.monotonic() - started < 30


def test_library_calls_take_a_store_or_an_rdflib_graph(stores):
    from kg.query import run_named_query

    store = open_graph(stores[FIXTURE])
    assert isinstance(store, GraphStore)
    from_store = run_named_query(store, "backers", {"actor": "PMF"})
    from_graph = run_named_query(load_graph(FIXTURE), "backers", {"actor": "PMF"})
    assert from_store == from_graph
    assert Literal("0.85", datatype=XSD.decimal) in {row[-1] for row in from_store.rows}


# --- kg build --store --------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "one.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    return path


def test_build_writes_a_store_beside_the_file(tmp_path, corpus):
    result = kg("build", corpus, "-o", tmp_path / "graph.ttl", "--store", tmp_path / "store", "-q")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "graph.ttl")
    assert len(open_graph(tmp_path / "store")) == len(graph)
    assert kg("actors", tmp_path / "store").output == kg("actors", tmp_path / "graph.ttl").output


def test_build_with_store_alone_writes_no_file_and_replaces_an_earlier_store(tmp_path, corpus, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "store"
    result = kg("build", corpus, "--store", store)
    assert result.exit_code == 0, result.output
    assert f"store       {store} (" in result.output
    assert not (tmp_path / "out").exists()
    first = json.loads((store / STORE_FILE).read_text())
    again = kg("build", corpus, "--store", store, "-q")
    assert again.exit_code == 0, again.output
    assert json.loads((store / STORE_FILE).read_text()) == first
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".store")) == []


def test_build_refuses_a_directory_of_other_files_before_extraction(tmp_path, corpus, monkeypatch):
    def extraction_started(*args, **kwargs):
        raise AssertionError("the store was not checked before extraction")

    monkeypatch.setattr("kg.commands.build.build_documents", extraction_started)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me\n")
    result = kg("build", corpus, "--store", tmp_path / "mine")
    assert result.exit_code == 1
    assert "is not a kg store" in result.output
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me\n"
