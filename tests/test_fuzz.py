"""Fuzzing `kg build`: random bytes, random Unicode (as text, UTF-16 and
.jsonl records, lone surrogates included) and random HTML must give a graph
or one `Error:` line, never a traceback.

Hypothesis drives the inputs, derandomized so that CI sees the same examples
every run (KG_FUZZ_RANDOM=1 explores new ones); a few seconds in all, since
the parser loads once for the whole module and a small build takes ~20 ms."""
import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.cli import cli

FUZZ = settings(
    max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    derandomize=os.environ.get("KG_FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
SENTENCES = ("Iran backs the PMF.", "The Badr Organization is funded by Iran.", "Abadi said \"we will stay\".",
             "Kurdish forces clashed with the Iraqi army near Kirkuk.")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder for the examples, after one build that loads the parser."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "warm.txt").write_text(SENTENCES[0], encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(folder / "warm.txt"), "-o", str(folder / "warm.ttl"), "-q"])
    assert result.exit_code == 0, result.output
    return folder


def build_gives_graph_or_one_error(workspace, name, data):
    folder = Path(tempfile.mkdtemp(dir=workspace))
    source = folder / name
    source.write_bytes(data)
    out = folder / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(out), "-q"])
    if result.exit_code == 0:
        assert len(Graph().parse(out, format="turtle")) > 0
        return
    lines = result.output.splitlines()
    assert isinstance(result.exception, SystemExit), (data, result.exception)
    assert result.exit_code == 1, (data, result.output)
    assert len(lines) == 1 and lines[0].startswith("Error: "), (data, result.output)
    assert "bug in kg" not in lines[0], (data, lines[0])
    assert not out.exists()


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(workspace, data, suffix):
    build_gives_graph_or_one_error(workspace, "random" + suffix, data)


@FUZZ
@given(text=st.lists(st.one_of(st.text(max_size=80), st.sampled_from(SENTENCES)), max_size=8).map(" ".join),
       suffix=st.sampled_from((".txt", ".md")), encoding=st.sampled_from(("utf-8", "utf-8-sig", "utf-16")))
def test_random_unicode_text(workspace, text, suffix, encoding):
    build_gives_graph_or_one_error(workspace, "random" + suffix, text.encode(encoding))


#: Any code point, lone surrogates too: JSON spells them \ud800.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=40)
ODD_VALUE = st.one_of(st.integers(), st.none(), st.lists(st.integers(), max_size=2), st.booleans(), st.just(""))
RECORD_TEXT = st.one_of(
    st.tuples(st.sampled_from(SENTENCES), ANY_TEXT, st.sampled_from(SENTENCES)).map(" ".join), ANY_TEXT, ODD_VALUE)
RECORD = st.fixed_dictionaries(
    {"id": st.one_of(ANY_TEXT, ODD_VALUE), "text": RECORD_TEXT},
    optional={"title": st.one_of(ANY_TEXT, ODD_VALUE), "url": st.one_of(ANY_TEXT, ODD_VALUE),
              "date": st.one_of(ANY_TEXT, ODD_VALUE)})


@FUZZ
@given(records=st.lists(st.one_of(RECORD, RECORD, ODD_VALUE, ANY_TEXT), min_size=1, max_size=5))
def test_random_jsonl_records(workspace, records):
    lines = "\n".join(json.dumps(record) for record in records)
    build_gives_graph_or_one_error(workspace, "feed.jsonl", lines.encode("utf-8"))


MARKUP = st.sampled_from((
    "<!DOCTYPE html>", "<html>", "</html>", "<head>", "</head>", "<title>", "</title>", "<body>", "</body>",
    "<p>", "</p>", "<div class='a\"b'>", "</div>", "<br/>", "<script>", "</script>", "<style>", "</style>",
    "<svg>", "</svg>", "<iframe>", "<template>", "<!--", "-->", "<![CDATA[", "]]>", "<![if !IE]>", "<![endif]>",
    "<!", "<![foo[", "<![ ", "<!-", "<?xml version='1.0'?>", "<", ">", "</", "&amp;", "&#x1F600;", "&#xD800;", "&#0;", "&#1114112;",
    "&bogus;", "&", "<meta charset=utf-8>", "<p title=>", "<a href=javascript:alert(1)>", "<h1>", "</h1>",
))


@FUZZ
@given(parts=st.lists(st.one_of(MARKUP, st.text(max_size=30), st.sampled_from(SENTENCES)), max_size=25))
def test_random_html(workspace, parts):
    build_gives_graph_or_one_error(workspace, "page.html", "".join(parts).encode("utf-8", "surrogatepass"))
