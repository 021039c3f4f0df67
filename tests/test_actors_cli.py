"""`kg actors` and `kg show` on a hand-written contract graph."""
import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"


def kg(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def output_of(*args):
    result = kg(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def actors_by_id(*options):
    rows = csv.DictReader(io.StringIO(output_of("actors", FIXTURE, "--format", "csv", *options)))
    return {row["id"]: row for row in rows}


# --- kg actors ----------------------------------------------------------------------------

def test_actors_lists_class_names_aliases_degree_and_statements():
    actors = actors_by_id()
    assert len(actors) == 13
    assert actors["pmf"] == {
        "id": "pmf", "class": "Militia", "name": "Popular Mobilization Forces",
        "aliases": "Hashd al-Shaabi; Hashd al-Shabi; PMF", "degree": "2", "statements": "0",
    }
    # backed by the PMF, attacks the Peshmerga, commanded by al-Abadi, has the Federal Police as a part
    assert actors["isf"]["degree"] == "4"
    # kg:backs and kg:funds to the PMF are one backing edge, plus opposing the KRG
    assert actors["iran"]["degree"] == "2"
    assert (actors["heather-nauert"]["class"], actors["heather-nauert"]["statements"]) == ("Person", "1")


def test_actors_table_is_aligned():
    lines = output_of("actors", FIXTURE).splitlines()
    header, pmf = lines[0], next(line for line in lines if line.startswith("pmf "))
    assert header.split() == ["id", "class", "name", "aliases", "degree", "statements"]
    assert pmf.index("Popular Mobilization Forces") == header.index("name")
    assert pmf.index("Hashd al-Shaabi; Hashd al-Shabi; PMF") == header.index("aliases")


def test_actors_json_has_alias_lists_and_iris():
    records = json.loads(output_of("actors", FIXTURE, "--format", "json"))
    pmf = next(record for record in records if record["id"] == "pmf")
    assert pmf["aliases"] == ["Hashd al-Shaabi", "Hashd al-Shabi", "PMF"]
    assert pmf["iri"] == "https://w3id.org/actor-kg/id/actor/pmf"


def test_actors_tsv():
    lines = output_of("actors", FIXTURE, "--format", "tsv", "--sort", "name").splitlines()
    assert lines[0] == "id\tclass\tname\taliases\tdegree\tstatements"
    assert lines[1] == "erd\tArmedForce\tEmergency Response Division\tERD\t1\t0"


def test_actors_table_cuts_a_long_alias_list_that_csv_gives_whole(tmp_path):
    aliases = [f"Brigade name variant {number}" for number in range(10)]
    alt_labels = ", ".join(f'"{alias}"' for alias in aliases)
    graph = tmp_path / "graph.ttl"
    graph.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/actor-kg/id/actor/brigade> a <https://w3id.org/actor-kg/ontology#Militia> ;\n"
        '  skos:prefLabel "Brigade" ;\n'
        f"  skos:altLabel {alt_labels} .\n",
        encoding="utf-8")
    [row] = output_of("actors", graph).splitlines()[2:]
    assert "Brigade name variant 0; Brigade name variant 1 (+8 more)" in row
    [record] = csv.DictReader(io.StringIO(output_of("actors", graph, "--format", "csv")))
    assert record["aliases"] == "; ".join(aliases)


def test_actors_sorted_by_degree_then_by_name():
    by_degree = list(csv.DictReader(io.StringIO(output_of("actors", FIXTURE, "--format", "csv"))))
    assert [row["id"] for row in by_degree[:2]] == ["isf", "federal-police"]
    degrees = [int(row["degree"]) for row in by_degree]
    assert degrees == sorted(degrees, reverse=True)
    by_name = list(csv.DictReader(io.StringIO(output_of("actors", FIXTURE, "--format", "csv", "--sort", "name"))))
    assert [row["name"].lower() for row in by_name] == sorted(row["name"].lower() for row in by_name)


def test_actors_class_filter_includes_subclasses():
    assert list(actors_by_id("--class", "militia")) == ["pmf"]
    organizations = actors_by_id("--class", "Organization")
    assert {"pmf", "isf", "krg", "us-state-department"} <= set(organizations)
    assert not {"iran", "heather-nauert"} & set(organizations)


def test_actors_unknown_class_lists_the_classes():
    result = kg("actors", FIXTURE, "--class", "Militai")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown actor class 'Militai'; choose from ArmedForce, Coalition,")
    assert "Militia" in result.output and result.output.count("\n") == 1


# --- kg show --------------------------------------------------------------------------------

def test_show_gives_names_class_relations_with_evidence_and_documents():
    out = output_of("show", FIXTURE, "Hashd al-Shaabi")
    assert out.startswith("Popular Mobilization Forces\n  id:       kgr:actor/pmf\n  class:    Militia\n"
                          "  aliases:  Hashd al-Shaabi, Hashd al-Shabi, PMF\n")
    assert ("← backed by (1)\n"
            "  Iran  [kgr:actor/iran]\n"
            "    \"The largely Shia Muslim PMF is directly supported by the Iranian government.\"\n"
            "      000_a5b7b3bba9f787a8: Two US partners fighting ISIS are now fighting each other"
            "  (kg:backs, confidence 0.9, passive-agent)\n"
            "    \"The town is held by powerful militias funded and supplied by Iran.\"\n"
            "      001_141b8c43e20b0c7f: Kurdish and Iraqi forces clash for the rest of Kirkuk district"
            "  (kg:funds, confidence 0.85, compound-backed)\n") in out
    assert "→ backs (1)\n  Iraqi Security Forces  [kgr:actor/isf]\n" in out
    assert out.index("→ backs") < out.index("← backed by")


def test_show_is_the_same_for_every_alias():
    outputs = {output_of("show", FIXTURE, name) for name in ("PMF", "Hashd al-Shabi", "the PMF", "pmf")}
    assert len(outputs) == 1


def test_show_wikidata_and_directions_of_several_relations():
    out = output_of("show", FIXTURE, "Tehran")
    assert "  wikidata: Q794\n" in out
    assert "→ backs (1)\n  Popular Mobilization Forces" in out
    assert "→ opposes (1)\n  Kurdistan Regional Government" in out
    chain = output_of("show", FIXTURE, "Federal Police")
    for heading in ("→ part of (1)", "← commanded by (1)", "← has part (1)"):
        assert heading in chain


def test_show_lists_statements_with_type_mentions_and_document():
    out = output_of("show", FIXTURE, "Nauert")
    assert out.endswith(
        "Statements (1)\n"
        "  \"We are monitoring the situation closely and call on all parties to cease all violence.\""
        "  (direct; mentions Kurdistan Regional Government, United States)\n"
        "      003_6886fd7338ab384a: Iraqi forces clash with Kurdish troops near strategic border with Syria\n")


def test_show_puts_a_statement_with_a_line_break_on_one_line():
    assert ("  \"the operation was necessary to preserve Iraq's unity\"  (indirect; mentions Kurdistan Regional "
            "Government)\n") in output_of("show", FIXTURE, "Abadi")


def test_show_json():
    profile = json.loads(output_of("show", FIXTURE, "PMF", "--format", "json"))
    assert (profile["name"], profile["class"], profile["iri"]) == (
        "Popular Mobilization Forces", "Militia", "https://w3id.org/actor-kg/id/actor/pmf")
    backed_by = next(group for group in profile["relations"] if (group["relation"], group["direction"]) == ("backs", "in"))
    [iran] = backed_by["edges"]
    assert iran["properties"] == ["kg:backs", "kg:funds"]
    assert [(e["document"], e["start"], e["end"], e["confidence"]) for e in iran["evidence"]] == [
        ("000_a5b7b3bba9f787a8", 2411, 2485, 0.9), ("001_141b8c43e20b0c7f", 512, 578, 0.85)]
    assert profile["statements"] == []


def test_show_unknown_actor_lists_the_closest_names():
    result = kg("show", FIXTURE, "Irann")
    assert result.exit_code == 1
    assert result.output == "Error: no actor named 'Irann' in the graph; closest: Iran\n"


# --- unreadable graphs -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["actors"], ["show", "PMF"]])
def test_missing_graph_file(tmp_path, args):
    missing = tmp_path / "graph.ttl"
    result = kg(args[0], missing, *args[1:])
    assert result.exit_code == 1
    assert result.output == f"Error: graph file not found: {missing}\n"


@pytest.mark.parametrize("args", [["actors"], ["show", "PMF"]])
def test_graph_file_that_is_not_rdf(tmp_path, args):
    path = tmp_path / "graph.ttl"
    path.write_text("<html><body>not a graph</body></html>\n", encoding="utf-8")
    result = kg(args[0], path, *args[1:])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot parse {path} as RDF")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
