"""`kg query` and kg.query: SPARQL forms and output formats, refusals and
errors, named queries, on a hand-written contract graph and on the seed graph."""
import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from kg.cli import cli
from kg.graphio import load_graph
from kg.namespaces import KG, KGR, PREFIXES
from kg.query import list_named_queries, run_named_query, run_query

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"
SEEDS = Path(__file__).parent.parent / "seeds"
PMF = KGR["actor/pmf"]
IRAN = KGR["actor/iran"]


def kg(*args, stdin=None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], input=stdin)


def query(sparql, *options, graph=FIXTURE):
    result = kg("query", graph, sparql, *options)
    assert result.exit_code == 0, result.output
    return result.stdout


def named(name, *params, fmt="csv", graph=FIXTURE):
    options = [option for param in params for option in ("--param", param)]
    result = kg("query", graph, "--named", name, *options, "--format", fmt)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout))) if fmt == "csv" else result.stdout


def assert_one_line_error(result, message):
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output == f"Error: {message}\n"


BACKERS_OF_PMF = "SELECT ?backer ?name WHERE { ?backer kg:backs kgr:actor\\/pmf ; skos:prefLabel ?name }"


# --- SELECT in every format ---------------------------------------------------------

def test_select_table_aligns_columns_with_prefixed_names_and_plain_literals():
    lines = query(BACKERS_OF_PMF).splitlines()
    assert lines[0].split() == ["backer", "name"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split() == ["kgr:actor/iran", "Iran"]
    assert lines[0].index("name") == lines[2].index("Iran")


def test_select_csv_has_full_iris_and_lexical_forms():
    rows = list(csv.reader(io.StringIO(query(BACKERS_OF_PMF, "--format", "csv"))))
    assert rows == [["backer", "name"], [str(IRAN), "Iran"]]


def test_select_tsv_writes_terms_in_turtle_syntax():
    out = query(BACKERS_OF_PMF, "--format", "tsv")
    assert out == f'?backer\t?name\n<{IRAN}>\t"Iran"@en\n'


def test_select_json_is_the_sparql_results_format():
    document = json.loads(query(BACKERS_OF_PMF, "--format", "json"))
    assert document["head"] == {"vars": ["backer", "name"]}
    assert document["results"]["bindings"] == [{
        "backer": {"type": "uri", "value": str(IRAN)},
        "name": {"type": "literal", "value": "Iran", "xml:lang": "en"},
    }]


def test_json_leaves_unbound_cells_out_and_types_numbers():
    sparql = ("SELECT ?evidence ?confidence ?missing WHERE { ?a rdf:subject kgr:actor\\/pmf ; "
              "kg:evidence ?evidence ; kg:confidence ?confidence }")
    [binding] = json.loads(query(sparql, "--format", "json"))["results"]["bindings"]
    assert set(binding) == {"evidence", "confidence"}
    assert binding["confidence"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"


def test_select_refuses_rdf_formats():
    result = kg("query", FIXTURE, BACKERS_OF_PMF, "--format", "turtle")
    assert_one_line_error(result, "the turtle format is for CONSTRUCT and DESCRIBE results; "
                                  "write a SELECT result as table, csv, tsv, json")


# --- ASK, CONSTRUCT, DESCRIBE ---------------------------------------------------------

@pytest.mark.parametrize("fmt, expected", [("table", "true\n"), ("tsv", "boolean\ntrue\n")])
def test_ask_in_table_and_tsv(fmt, expected):
    assert query("ASK { kgr:actor\\/iran kg:backs kgr:actor\\/pmf }", "--format", fmt) == expected


def test_ask_csv():
    out = query("ASK { kgr:actor\\/iran kg:backs kgr:actor\\/pmf }", "--format", "csv")
    assert list(csv.reader(io.StringIO(out))) == [["boolean"], ["true"]]


def test_ask_json_and_a_false_answer():
    assert json.loads(query("ASK { kgr:actor\\/pmf kg:backs kgr:actor\\/iran }", "--format", "json")) == {
        "head": {}, "boolean": False}


CONSTRUCT_BACKING = "CONSTRUCT { ?b kg:backs ?a } WHERE { ?b kg:backs ?a }"
BACKING_EDGES = {
    (IRAN, KG.backs, PMF),
    (KGR["actor/pmf"], KG.backs, KGR["actor/isf"]),
    (KGR["actor/united-states"], KG.backs, KGR["actor/peshmerga"]),
}


@pytest.mark.parametrize("fmt, parser", [(None, "turtle"), ("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_construct_writes_rdf(fmt, parser):
    out = query(CONSTRUCT_BACKING, *(["--format", fmt] if fmt else []))
    assert set(Graph().parse(data=out, format=parser)) == BACKING_EDGES


def test_construct_turtle_uses_the_contract_prefixes():
    assert "@prefix kg: <https://w3id.org/actor-kg/ontology#> ." in query(CONSTRUCT_BACKING)


def test_construct_in_tabular_formats_lists_sorted_triples():
    rows = list(csv.reader(io.StringIO(query(CONSTRUCT_BACKING, "--format", "csv"))))
    assert rows[0] == ["subject", "predicate", "object"]
    assert rows[1:] == sorted([[str(term) for term in triple] for triple in BACKING_EDGES])
    table = query(CONSTRUCT_BACKING, "--format", "table").splitlines()
    assert table[2].split() == ["kgr:actor/iran", "kg:backs", "kgr:actor/pmf"]
    document = json.loads(query(CONSTRUCT_BACKING, "--format", "json"))
    assert document["head"]["vars"] == ["subject", "predicate", "object"]
    assert len(document["results"]["bindings"]) == 3


def test_describe_gives_the_actors_triples():
    described = Graph().parse(data=query("DESCRIBE kgr:actor\\/pmf"), format="turtle")
    assert (PMF, SKOS.altLabel, Literal("Hashd al-Shaabi", lang="en")) in described
    nt = query("DESCRIBE kgr:actor\\/pmf", "--format", "nt")
    assert f'<{PMF}> <{SKOS.prefLabel}> "Popular Mobilization Forces"@en .' in nt.splitlines()


# --- the query's environment ---------------------------------------------------------------

def test_every_contract_prefix_is_pre_bound():
    terms = "kg:backs kgr:x prov:wasDerivedFrom skos:prefLabel rdfs:label rdf:type owl:sameAs " \
            "dcterms:title xsd:date schema:Person wd:Q794"
    rows = list(csv.reader(io.StringIO(query(f"SELECT ?term WHERE {{ VALUES ?term {{ {terms} }} }}",
                                             "--format", "csv"))))
    expected = [str(PREFIXES[term.split(":")[0]]) + term.split(":")[1] for term in terms.split()]
    assert sorted(row[0] for row in rows[1:]) == sorted(expected)


def test_escaped_slash_in_a_prefixed_name_is_the_slash():
    # rdflib alone would keep the backslash in the IRI (rdflib#1871) and answer false.
    assert query("ASK { kgr:actor\\/iran kg:backs kgr:actor\\/pmf }") == "true\n"


def test_sub_properties_are_folded_into_their_core_relation_unless_raw():
    sparql = "SELECT ?x WHERE { ?x kg:opposes kgr:actor\\/peshmerga }"
    assert query(sparql, "--format", "csv").splitlines() == ["x", str(KGR["actor/isf"])]
    assert query(sparql, "--format", "csv", "--raw").splitlines() == ["x"]


def test_query_from_a_file_and_from_stdin(tmp_path):
    path = tmp_path / "backers.rq"
    path.write_text(BACKERS_OF_PMF + "\n", encoding="utf-8")
    from_file = kg("query", FIXTURE, "-f", path, "--format", "csv")
    from_stdin = kg("query", FIXTURE, "-f", "-", "--format", "csv", stdin=BACKERS_OF_PMF)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout == query(BACKERS_OF_PMF, "--format", "csv")


# --- refusals and errors ----------------------------------------------------------------------

@pytest.mark.parametrize("update", [
    "INSERT DATA { kgr:actor\\/iran kg:backs kgr:actor\\/krg }",
    "DELETE DATA { kgr:actor\\/iran kg:backs kgr:actor\\/pmf }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s kg:backs ?o } INSERT { ?o kg:backs ?s } WHERE { ?s kg:backs ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <file:///etc/hostname>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "COPY DEFAULT TO <urn:g>",
    "PREFIX ex: <urn:ex:>\nINSERT DATA { ex:a ex:b ex:c } ;\nCLEAR DEFAULT",
])
def test_updates_are_refused_and_the_graph_file_is_untouched(update):
    before = FIXTURE.read_bytes()
    result = kg("query", FIXTURE, update)
    assert_one_line_error(result, "SPARQL UPDATE is not allowed: kg query is read-only")
    assert FIXTURE.read_bytes() == before


def test_library_refuses_update_with_query_error():
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="read-only"):
        run_query(Graph(), "CLEAR ALL")


def test_syntax_error_gives_line_and_column_on_one_line():
    result = kg("query", FIXTURE, "SELECT ?a\nWHERE {\n  ?a kg:backs\n}")
    assert result.exit_code == 1
    assert re.fullmatch(r"Error: SPARQL syntax error at line 3, column 3: .* near '\?a kg:backs }'\n",
                        result.output), result.output


@pytest.mark.parametrize("sparql, position", [
    ("SELEC * WHERE { ?s ?p ?o }", "line 1, column 1: expected SELECT, CONSTRUCT, DESCRIBE or ASK"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", "line 1, column 29: unexpected text after the end of the query"),
    ("", "line 1, column 1: expected SELECT, CONSTRUCT, DESCRIBE or ASK (at the end of the query)"),
])
def test_syntax_errors_name_the_position(sparql, position):
    result = kg("query", FIXTURE, sparql)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: SPARQL syntax error at {position}")
    assert result.output.count("\n") == 1


def test_unknown_prefix_lists_the_pre_bound_ones():
    result = kg("query", FIXTURE, "SELECT * WHERE { ?s nope:name ?o }")
    assert_one_line_error(result, "unknown prefix nope: in the query; declare it with PREFIX or use a "
                                  "pre-bound one: kg, kgr, prov, skos, rdfs, rdf, owl, dcterms, xsd, schema, wd")


@pytest.mark.parametrize("sparql", [
    "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://localhost:1/sparql> { ?s ?p ?o } }",
])
def test_from_and_service_are_refused(sparql):
    assert_one_line_error(kg("query", FIXTURE, sparql),
                          "FROM and SERVICE are not allowed: kg query reads only the graph file")


def test_missing_graph_file(tmp_path):
    missing = tmp_path / "nope.ttl"
    assert_one_line_error(kg("query", missing, "ASK {}"), f"graph file not found: {missing}")


def test_graph_file_that_is_not_rdf(tmp_path):
    path = tmp_path / "notes.ttl"
    path.write_text("Iran backs the PMF, says the article.\n", encoding="utf-8")
    result = kg("query", path, "ASK {}")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot parse {path} as RDF")
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("args, message", [
    ([FIXTURE], "give exactly one query"),
    ([FIXTURE, "ASK {}", "--named", "backers"], "give exactly one query"),
    ([FIXTURE, "ASK {}", "--param", "actor=PMF"], "--param goes with --named"),
    ([FIXTURE, "--named", "backers", "--raw", "-p", "actor=PMF"], "--raw goes with a SPARQL query"),
    ([FIXTURE, "--named", "backers", "--param", "PMF"], "'PMF' is not KEY=VALUE"),
    ([], "missing argument GRAPH"),
])
def test_usage_errors(args, message):
    result = kg("query", *args)
    assert result.exit_code == 2
    assert message in result.output


# --- named queries ----------------------------------------------------------------------------

def test_named_query_answers_the_same_for_every_alias():
    answers = [named("backers", f"actor={alias}", fmt="table")
               for alias in ("Hashd al-Shaabi", "PMF", "Hashd al-Shabi", "popular mobilization forces", str(PMF))]
    assert all(answer == answers[0] for answer in answers)


def test_backers_lists_each_evidence_sentence_with_its_document():
    rows = named("backers", "actor=PMF")
    assert [(row["backer_name"], row["relation"], row["document"]) for row in rows] == [
        ("Iran", str(KG.backs), "000_a5b7b3bba9f787a8"),
        ("Iran", str(KG.funds), "001_141b8c43e20b0c7f"),
    ]
    assert rows[0]["evidence"] == "The largely Shia Muslim PMF is directly supported by the Iranian government."
    assert rows[0]["title"] == "Two US partners fighting ISIS are now fighting each other"


def test_opponents_has_a_direction_column():
    rows = named("opponents", "actor=KRG")
    assert [(row["direction"], row["other_name"]) for row in rows] == [("opposed by", "Iran"), ("opposed by", "Turkey")]
    [row] = named("opponents", "actor=Iraqi forces")
    assert (row["direction"], row["other_name"], row["relation"]) == ("opposes", "Peshmerga", str(KG.attacks))


def test_commanders_follows_commands_and_part_of_upwards():
    rows = named("commanders", "actor=ERD")
    assert [(row["level"], row["superior_name"], row["link"], row["subordinate_name"]) for row in rows] == [
        ("1", "Iraqi Federal Police", "has part", "Emergency Response Division"),
        ("2", "Iraqi Security Forces", "has part", "Iraqi Federal Police"),
        ("2", "Shakir Jawdat", "commands", "Iraqi Federal Police"),  # written as kg:leads
        ("3", "Haider al-Abadi", "commands", "Iraqi Security Forces"),
    ]


def test_subordinates_follows_commands_and_part_of_downwards():
    rows = named("subordinates", "actor=al-Abadi")
    assert [(row["level"], row["superior_name"], row["link"], row["subordinate_name"]) for row in rows] == [
        ("1", "Haider al-Abadi", "commands", "Iraqi Security Forces"),
        ("2", "Iraqi Security Forces", "has part", "Iraqi Federal Police"),
        ("3", "Iraqi Federal Police", "has part", "Emergency Response Division"),
    ]


def test_statements_gives_text_type_mentions_and_document():
    [row] = named("statements", "actor=Nauert")
    assert row["text"].startswith("We are monitoring the situation closely")
    assert (row["type"], row["mentions"], row["document"]) == (
        "direct", "Kurdistan Regional Government; United States", "003_6886fd7338ab384a")


def test_tsv_escapes_line_breaks_in_literals():
    out = named("statements", "actor=Abadi", fmt="tsv")
    assert out.splitlines()[1].split("\t")[1] == '"the operation was necessary\\nto preserve Iraq\'s unity"'


def test_evidence_for_an_edge_includes_sub_property_sentences():
    rows = named("evidence", "subject=Iran", "relation=backs", "object=Hashd al-Shaabi")
    assert [(row["predicate"], row["document"], row["start"], row["end"]) for row in rows] == [
        (str(KG.backs), "000_a5b7b3bba9f787a8", "2411", "2485"),
        (str(KG.funds), "001_141b8c43e20b0c7f", "512", "578"),
    ]
    only_funding = named("evidence", "subject=Tehran", "relation=kg:funds", "object=PMF")
    assert [row["method"] for row in only_funding] == ["compound-backed"]


def test_members_lists_members_and_parts():
    assert [(row["member_name"], row["relation"]) for row in named("members", "actor=ISF")] == [
        ("Iraqi Federal Police", str(KG.partOf))]
    assert [(row["member_name"], row["relation"]) for row in named("members", "actor=State Department")] == [
        ("Heather Nauert", str(KG.memberOf))]


def test_every_named_query_answers_its_own_example():
    for named_query in list_named_queries():
        assert named_query.description and named_query.params, named_query.name
        params = {}
        for param in named_query.params:
            assert f"?{param.name}" in named_query.sparql, (named_query.name, param.name)
            params[param.name] = re.search(r"e\.g\. (.+)$", param.description).group(1)
        result = run_named_query(load_graph(FIXTURE), named_query.name, params)
        assert result.rows, (named_query.name, params)


def test_list_shows_every_named_query_with_its_params():
    result = kg("query", "--list")
    assert result.exit_code == 0
    for named_query in list_named_queries():
        assert re.search(rf"^{named_query.name}$", result.stdout, re.MULTILINE)
    assert "  --param relation=...  backs, opposes" in result.stdout
    listing = json.loads(kg("query", "--list", "--format", "json").stdout)
    assert [entry["name"] for entry in listing] == [
        "backers", "commanders", "evidence", "members", "opponents", "statements", "subordinates"]
    assert [param["name"] for param in listing[2]["params"]] == ["subject", "relation", "object"]


@pytest.mark.parametrize("args, message", [
    (["--named", "backrs"], "no named query 'backrs'; available: backers, commanders, evidence, members, "
                            "opponents, statements, subordinates"),
    (["--named", "backers"], "named query 'backers' needs the parameter actor (actor): "
                             "the actor that is backed, by any of its names, e.g. PMF"),
    (["--named", "backers", "-p", "actor=PMF", "-p", "side=left"],
     "named query 'backers' has no parameter 'side'; it takes: actor"),
    (["--named", "backers", "-p", "actor=Hashd al-Shabbi"],
     "no actor named 'Hashd al-Shabbi' in the graph; closest: Popular Mobilization Forces, Haider al-Abadi"),
    (["--named", "evidence", "-p", "subject=Iran", "-p", "relation=bakcs", "-p", "object=PMF"],
     "unknown relation 'bakcs'; choose from arms, attacks, backs, commands, funds, leads, memberOf, "
     "opposes, partOf, trains"),
])
def test_named_query_errors(args, message):
    assert_one_line_error(kg("query", FIXTURE, *args), message)


def test_param_values_are_bound_not_spliced_into_sparql():
    injection = 'PMF" } ; CLEAR ALL ; SELECT * WHERE { "'
    result = kg("query", FIXTURE, "--named", "backers", "-p", f"actor={injection}")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: no actor named {injection!r} in the graph")


# --- the seed graph, built once per session ---------------------------------------------------------

@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory):
    if cli.get_command(None, "build") is None:
        pytest.skip("kg build is not available yet")
    from kg.nlp import MODEL_DIR

    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip(f"no English model at {MODEL_DIR} yet (make model)")
    path = tmp_path_factory.mktemp("seed-graph") / "graph.ttl"
    result = kg("build", SEEDS, "-o", path)
    assert result.exit_code == 0, result.output
    return path


def test_seed_graph_iran_is_among_the_pmf_backers(seed_graph):
    for alias in ("PMF", "Hashd al-Shaabi"):
        assert "Iran" in {row["backer_name"] for row in named("backers", f"actor={alias}", graph=seed_graph)}


def test_seed_graph_abadi_commands_the_iraqi_security_forces(seed_graph):
    rows = named("commanders", "actor=Iraqi Security Forces", graph=seed_graph)
    assert ("Haider al-Abadi", "commands") in {(row["superior_name"], row["link"]) for row in rows}


def test_seed_graph_evidence_comes_from_seed_documents(seed_graph):
    rows = named("evidence", "subject=Iran", "relation=backs", "object=PMF", graph=seed_graph)
    seed_ids = {path.stem for path in SEEDS.glob("*.txt")}
    assert rows and {row["document"] for row in rows} <= seed_ids
