"""`kg build` end to end on the seed corpus, and its behaviour on bad input."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from kg.cli import cli
from kg.namespaces import KG, KGR


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    """The seed graph, built twice (for the determinism check)."""
    folder = tmp_path_factory.mktemp("build")
    runner = CliRunner()
    results = [runner.invoke(cli, ["build", "seeds", "--no-cache", "-o", str(folder / f"graph{n}.ttl")]) for n in (1, 2)]
    return folder, results


def test_build_writes_graph_and_summary(seed_build):
    folder, (result, _) = seed_build
    assert result.exit_code == 0, result.output
    assert "documents   5" in result.output
    assert "relations" in result.output and "statements" in result.output
    graph = Graph().parse(folder / "graph1.ttl")
    assert len(set(graph.subjects(RDF.type, KG.Document))) == 5
    assert len(set(graph.subjects(RDF.type, KG.Assertion))) > 10


def test_two_builds_are_byte_identical(seed_build):
    folder, _ = seed_build
    assert (folder / "graph1.ttl").read_bytes() == (folder / "graph2.ttl").read_bytes()


def test_seed_graph_conforms_to_the_shapes(seed_build):
    folder, _ = seed_build
    result = CliRunner().invoke(cli, ["validate", str(folder / "graph1.ttl")])
    assert result.exit_code == 0, result.output


def test_every_alias_spelling_reaches_one_node(seed_build):
    folder, _ = seed_build
    graph = Graph().parse(folder / "graph1.ttl")
    pmf = KGR["actor/pmf"]
    labels = {str(label) for label in graph.objects(pmf, SKOS.altLabel)}
    assert {"Hashd al-Shaabi", "Hashd al-Shabi", "PMF"} <= labels
    named_like_pmf = {s for s, o in graph.subject_objects(SKOS.prefLabel) if "Hashd" in str(o) or "Mobili" in str(o)}
    assert named_like_pmf == {pmf}


def test_evidence_offsets_point_into_the_documents(seed_build):
    folder, _ = seed_build
    graph = Graph().parse(folder / "graph1.ttl")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in Path("seeds").glob("*.txt")}
    for node in graph.subjects(RDF.type, KG.Assertion):
        doc_id = str(graph.value(graph.value(node, PROV.wasDerivedFrom), DCTERMS.identifier))
        start, end = int(graph.value(node, KG.charStart)), int(graph.value(node, KG.charEnd))
        assert texts[doc_id][start:end] == str(graph.value(node, KG.evidence))


@pytest.mark.parametrize("fmt, rdflib_format", [("nt", "nt"), ("jsonld", "json-ld"), ("trig", "trig")])
def test_other_formats_parse_back(tmp_path, fmt, rdflib_format):
    corpus = tmp_path / "one.txt"
    corpus.write_text("The Badr Organization is funded by Iran.\n", encoding="utf-8")
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--format", fmt, "-q"])
    assert result.exit_code == 0, result.output
    dataset = Dataset()
    dataset.parse(out, format=rdflib_format)
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert (KGR["actor/iran"], KG.backs, KGR["actor/badr-organization"]) in triples


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "bad.yaml").write_text("actors:\n  - id: x\n    name: X\n    class: Wizard\n", encoding="utf-8")
    return {
        "empty file": [str(tmp_path / "empty.txt")],
        "binary file": [str(tmp_path / "binary.txt")],
        "non-UTF-8 file": [str(tmp_path / "latin.txt")],
        "missing path": [str(tmp_path / "missing.txt")],
        "malformed actor file": ["seeds", "--actors", str(tmp_path / "bad.yaml")],
    }


@pytest.mark.parametrize("case", ["empty file", "binary file", "non-UTF-8 file", "missing path", "malformed actor file"])
def test_bad_input_is_one_line_error_and_keeps_earlier_output(tmp_path, case):
    out = tmp_path / "out" / "graph.ttl"
    out.parent.mkdir()
    out.write_text("# an earlier graph\n", encoding="utf-8")
    args = _bad_inputs(tmp_path)[case]
    result = CliRunner().invoke(cli, ["build", *args, "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("Error:"), result.output
    if case == "malformed actor file":
        assert "bad.yaml:4" in errors[0]
    assert out.read_text(encoding="utf-8") == "# an earlier graph\n"


def test_build_help_shows_an_example():
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0 and "kg build -o out/graph.ttl" in result.output


def test_build_graph_script_writes_out(tmp_path):
    project = tmp_path / "project"
    shutil.copytree("seeds", project / "seeds")
    result = subprocess.run([sys.executable, os.path.abspath("build_graph.py"), "--quiet"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "graph.ttl").stat().st_size > 1000
    assert (project / "out" / "graph.html").is_file()
    # --quiet prints nothing at all, on either stream.
    assert (result.stdout, result.stderr) == ("", "")
