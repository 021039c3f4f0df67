"""Subgraph selection (kg.subgraph) and every export format (kg.export,
`kg export`): each one reads back to what was selected."""
import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS

from kg.cli import cli
from kg.errors import KGError, UnknownActorError
from kg.export import CSV_HEADER, to_networkx
from kg.graphio import actor_nodes, load_graph
from kg.namespaces import KG, KGR, bind_prefixes
from kg.subgraph import relation_edges, select_subgraph

FIXTURE = Path(__file__).parent / "fixtures" / "viz" / "graph.ttl"
ROOT = Path(__file__).resolve().parents[1]
DOC0, DOC1 = "000_a5b7b3bba9f787a8", "001_141b8c43e20b0c7f"


def slugs(nodes):
    return sorted(str(node).rsplit("/", 1)[-1] for node in nodes)


def edge_keys(graph):
    return {(str(e.source), e.relation, str(e.target)) for e in relation_edges(graph)}


def assertion_count(graph):
    return len(set(graph.subjects(RDF.type, KG.Assertion)))


def run(*arguments):
    return CliRunner().invoke(cli, ["export", str(FIXTURE), *arguments])


@pytest.fixture(scope="module")
def graph():
    return load_graph(FIXTURE)


# --- selection ------------------------------------------------------------------

def test_ego_network_by_alias_one_and_two_hops(graph):
    one = select_subgraph(graph, actor="Hashd al-Shaabi", hops=1)
    assert slugs(actor_nodes(one)) == ["iran", "islamic-state", "peshmerga", "pmf", "quds-force"]
    two = select_subgraph(graph, actor="pmf", hops=2)
    assert slugs(actor_nodes(two)) == ["iran", "islamic-state", "peshmerga", "pmf", "qassem-soleimani", "quds-force"]
    # Induced subgraph: the edge between two neighbours comes along.
    assert (f"{KGR}actor/islamic-state", "opposes", f"{KGR}actor/peshmerga") in edge_keys(one)
    assert slugs(actor_nodes(select_subgraph(graph, actor="PMF", hops=0))) == ["pmf"]


def test_selection_keeps_labels_assertions_statements_and_documents(graph):
    selection = select_subgraph(graph, actor="Heather Nauert", hops=1)
    nauert = KGR["actor/heather-nauert"]
    assert (nauert, SKOS.prefLabel, Literal("Heather Nauert", lang="en")) in selection
    assert (nauert, RDF.type, KG.Person) in selection
    assert (nauert, KG.memberOf, KGR["actor/us-state-department"]) in selection
    assert (nauert, KG.states, KGR["statement/s01"]) in selection
    assert (KGR["statement/s01"], KG.quoteType, Literal("direct")) in selection
    assert (KGR["assertion/a11"], PROV.wasDerivedFrom, KGR[f"doc/{DOC1}"]) in selection
    assert set(selection.subjects(RDF.type, KG.Document)) == {KGR[f"doc/{DOC1}"]}
    # Nothing about actors outside the selection.
    assert not set(selection.predicate_objects(KGR["actor/pmf"]))


def test_relation_filter(graph):
    selection = select_subgraph(graph, actor="PMF", relations=("backs",))
    assert slugs(actor_nodes(selection)) == ["iran", "peshmerga", "pmf", "quds-force"]
    assert {relation for _, relation, _ in edge_keys(selection)} == {"backs"}
    assert assertion_count(selection) == 4
    opposes = select_subgraph(graph, relations=("opposes",))
    assert {relation for _, relation, _ in edge_keys(opposes)} == {"opposes"}
    # kg:attacks is a sub-property of kg:opposes: it counts as opposes.
    assert (KGR["actor/islamic-state"], KG.attacks, KGR["actor/peshmerga"]) in opposes


def test_document_filter(graph):
    selection = select_subgraph(graph, actor="PMF", document=DOC0)
    assert slugs(actor_nodes(selection)) == ["iran", "islamic-state", "pmf", "quds-force"]
    assert set(selection.objects(None, PROV.wasDerivedFrom)) == {KGR[f"doc/{DOC0}"]}
    # Without an actor: the actors the document's items involve.
    whole_doc = select_subgraph(graph, document="001")
    assert "heather-nauert" in slugs(actor_nodes(whole_doc))
    assert "qassem-soleimani" not in slugs(actor_nodes(whole_doc))
    assert set(whole_doc.objects(None, PROV.wasDerivedFrom)) == {KGR[f"doc/{DOC1}"]}


def test_no_criterion_is_the_whole_graph(graph):
    assert set(select_subgraph(graph)) == set(graph)


def test_unknown_names_list_close_ones(graph):
    with pytest.raises(UnknownActorError, match="closest: Popular Mobilization Forces"):
        select_subgraph(graph, actor="Hashd al-Shabaab")
    with pytest.raises(KGError, match="no document '999'"):
        select_subgraph(graph, document="999")
    with pytest.raises(KGError, match="ambiguous; matches 000_a5b7b3bba9f787a8, 001_141b8c43e20b0c7f"):
        select_subgraph(graph, document="00")


# --- formats ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_parse_back_to_the_selection(graph, tmp_path, fmt, parser):
    output = tmp_path / f"pmf.{fmt}"
    result = run("--actor", "PMF", "--hops", "2", "-o", str(output))
    assert result.exit_code == 0, result.output
    back = Graph().parse(output, format=parser)
    assert set(back) == set(select_subgraph(graph, actor="PMF", hops=2))


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_formats_read_back_with_attributes(graph, tmp_path, fmt, reader):
    output = tmp_path / f"pmf.{fmt}"
    result = run("--actor", "PMF", "-o", str(output))
    assert result.exit_code == 0, result.output
    back = reader(output)
    expected = to_networkx(select_subgraph(graph, actor="PMF"))
    assert set(back.nodes) == set(expected.nodes)
    pmf = f"{KGR}actor/pmf"
    assert back.nodes[pmf]["label"] == "Popular Mobilization Forces"
    assert back.nodes[pmf]["class"] == "Militia"
    assert back.nodes[pmf]["aliases"] == "Hashd al-Shaabi; Hashd al-Shabi; PMF"
    edges = {(u, data["relation"], v): data for u, v, data in back.edges(data=True)}
    assert set(edges) == {(u, key, v) for u, v, key in expected.edges(keys=True)}
    iran_backs = edges[(f"{KGR}actor/iran", "backs", pmf)]
    assert float(iran_backs["weight"]) == 2
    assert iran_backs["evidence"] == (
        "The largely Shia Muslim PMF is directly supported by the Iranian government. | "
        "members of a powerful Iran-backed Shiite militia entered.")
    assert iran_backs["documents"] == f"{DOC0}; {DOC1}"
    assert iran_backs["confidence"] == 0.9
    # Two relation types between one pair stay two edges.
    assert {r for u, r, v in edges if (u, v) == (pmf, f"{KGR}actor/peshmerga")} == {"backs", "opposes"}


def test_csv_one_row_per_assertion(graph, tmp_path):
    output = tmp_path / "pmf.csv"
    result = run("--actor", "PMF", "--hops", "2", "-o", str(output))
    assert result.exit_code == 0, result.output
    with output.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_HEADER
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert len(records) == assertion_count(select_subgraph(graph, actor="PMF", hops=2))
    first = records[0]
    assert first == {
        "source": f"{KGR}actor/iran", "source_label": "Iran", "relation": "backs",
        "target": f"{KGR}actor/pmf", "target_label": "Popular Mobilization Forces",
        "evidence": "The largely Shia Muslim PMF is directly supported by the Iranian government.",
        "document": DOC0, "confidence": "0.9",
    }


def test_csv_relation_without_assertion_gets_one_empty_row():
    result = run("--actor", "Federal Police", "--relations", "partOf", "-f", "csv")
    rows = [(r["source_label"], r["target_label"], r["evidence"], r["document"], r["confidence"])
            for r in csv.DictReader(io.StringIO(result.stdout))]
    assert rows == [
        ("Emergency Response Division", "Iraqi Federal Police",
         "ERD, an elite unit of the Iraqi Federal Police, entered the city.", DOC0, "0.9"),
        ("Iraqi Federal Police", "Iraqi government", "", "", ""),
    ]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(tmp_path):
    graph = bind_prefixes(Graph())
    a, b, item = KGR["actor/a"], KGR["actor/b"], KGR["assertion/x"]
    for node, name in ((a, "=cmd|' /C calc'!A0"), (b, "B")):
        graph.add((node, RDF.type, KG.Person))
        graph.add((node, SKOS.prefLabel, Literal(name)))
    graph.add((a, KG.opposes, b))
    for predicate, value in ((RDF.type, KG.Assertion), (RDF.subject, a), (RDF.predicate, KG.opposes),
                             (RDF.object, b), (KG.evidence, Literal('=HYPERLINK("http://x","y")'))):
        graph.add((item, predicate, value))
    path = tmp_path / "g.ttl"
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(path), "--format", "csv"])
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["source_label"] == "'=cmd|' /C calc'!A0"
    assert row["evidence"] == "'=HYPERLINK(\"http://x\",\"y\")"


def test_html_format_is_the_page_of_the_selection(tmp_path):
    output = tmp_path / "pmf.html"
    result = run("--actor", "PMF", "--relations", "backs", "-o", str(output))
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert "<title>graph.ttl: Popular Mobilization Forces and actors within 1 hop; backs</title>" in page
    assert "4 actors" in page and "Heather Nauert" not in page


def test_stdout_and_format_from_suffix(graph, tmp_path):
    result = run("--actor", "PMF", "--format", "nt")
    assert result.exit_code == 0
    assert set(Graph().parse(data=result.stdout, format="nt")) == set(select_subgraph(graph, actor="PMF"))
    assert run("--actor", "PMF", "-o", "-").stdout.startswith("@prefix")
    assert run("--actor", "PMF", "-o", str(tmp_path / "x.gexf")).exit_code == 0
    assert (tmp_path / "x.gexf").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "graphml", "gexf", "csv", "html"])
def test_every_format_is_deterministic(fmt):
    first, second = run("--actor", "PMF", "--format", fmt), run("--actor", "PMF", "--format", fmt)
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes


# --- errors ----------------------------------------------------------------------

@pytest.mark.parametrize("arguments,message", [
    (["--actor", "Hashd al-Shabaab"],
     "Error: no actor named 'Hashd al-Shabaab' in the graph; closest: Popular Mobilization Forces"),
    (["--actor", "PMF", "--relations", "backs,funds"],
     "Error: unknown relation 'funds'; choose from backs, opposes, commands, memberOf, partOf"),
    (["--format", "pdf"], "Error: unknown format 'pdf'; choose from ttl, nt, jsonld, graphml, gexf, csv, html"),
    (["-o", "out.xlsx"], "Error: cannot tell the format from 'out.xlsx'; give --format"),
    (["--hops", "2"], "Error: --hops needs --actor"),
    (["--actor", "PMF", "--hops", "-1"], "Error: --hops must be 0 or more, not -1"),
    (["--doc", "999"], "Error: no document '999' in the graph"),
])
def test_errors_are_one_line(arguments, message):
    result = run(*arguments)
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_failed_export_keeps_the_earlier_file(tmp_path):
    output = tmp_path / "pmf.graphml"
    output.write_text("earlier export", encoding="utf-8")
    assert run("--actor", "nobody at all", "-o", str(output)).exit_code == 1
    assert output.read_text(encoding="utf-8") == "earlier export"


def test_help_shows_examples():
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert "Example:\n    kg export out/graph.ttl --actor \"Hashd al-Shaabi\" --hops 2 -o pmf.graphml\n" in result.output


# --- the seed corpus -------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    from kg.nlp import MODEL_DIR

    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("kg/model not built yet (make model): seed-graph export tests skipped")
    path = tmp_path_factory.mktemp("seed") / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "-o", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_seed_graph_exports_in_every_format(seed_graph, tmp_path):
    graph = load_graph(seed_graph)
    edges = relation_edges(graph)
    assert edges, "the seed graph has relations"
    busiest = max(actor_nodes(graph), key=lambda node: sum(node in (e.source, e.target) for e in edges))
    for fmt in ("ttl", "graphml", "gexf", "csv", "html"):
        output = tmp_path / f"seed.{fmt}"
        result = CliRunner().invoke(cli, ["export", str(seed_graph), "--actor", str(busiest), "--hops", "2",
                                          "-o", str(output)])
        assert result.exit_code == 0, result.output
    back = nx.read_graphml(tmp_path / "seed.graphml")
    assert set(back.nodes) == set(to_networkx(select_subgraph(graph, actor=str(busiest), hops=2)).nodes)
    result = CliRunner().invoke(cli, ["viz", str(seed_graph), "-o", str(tmp_path / "seed-page.html")])
    assert result.exit_code == 0, result.output
