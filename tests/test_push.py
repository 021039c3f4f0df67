"""`kg push` into a running `oxigraph serve` (the real server, on 127.0.0.1,
started by the tests and stopped after), checked by querying that server;
the refusals of a read-only server and of a body it cannot parse leave the
earlier graph as it was; `kg query --endpoint`."""
import csv
import http.server
import io
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.endpoint import auth_headers
from kg.graphio import load_graph
from kg.namespaces import KG, KGR, RDFS
from kg.store import open_graph, write_store

from .test_serve import FIXTURE, oxigraph_server, running, sparql

ALICE, BOB = "urn:team:alice", "urn:team:bob"


def kg(*args, env=None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], env={"no_proxy": "127.0.0.1,localhost", **(env or {})})


def one_error_line(result, *fragments):
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1, result.output
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def count(port, graph):
    answer = sparql(port, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(answer["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def server(tmp_path):
    """A read-write Oxigraph server on an on-disk database: (port, location)."""
    location = tmp_path / "shared"
    with running(oxigraph_server(location)) as (_process, port):
        yield port, location


@pytest.fixture(scope="module")
def other_graph(tmp_path_factory):
    """The fixture graph less Iran's relations to the PMF: a second analyst's build."""
    graph = load_graph(FIXTURE)
    for triple in list(graph.triples((None, None, None))):
        if str(triple[0]).endswith("actor/iran") and str(triple[2]).endswith("actor/pmf"):
            graph.remove(triple)
    path = tmp_path_factory.mktemp("bob") / "graph.nt"
    path.write_bytes(graph.serialize(format="nt").encode("utf-8"))
    return path


def test_push_a_file_then_query_the_server(server):
    port, _location = server
    result = kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}/store", "--graph", ALICE)
    assert result.exit_code == 0, result.output
    assert f"pushed {len(load_graph(FIXTURE)):,} triples to <{ALICE}> (created)" in result.output
    assert count(port, ALICE) == len(load_graph(FIXTURE))
    assert count(port, ALICE + "/implied") > 0
    # The named queries answer on the server as on the file (no decimals here,
    # which a store may write in its own canonical form).
    for named, param in (("commanders", "actor=ERD"), ("statements", "actor=Nauert"), ("members", "actor=ISF")):
        remote = kg("query", "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE, "--named", named,
                    "-p", param, "--format", "csv")
        local = kg("query", FIXTURE, "--named", named, "-p", param, "--format", "csv")
        assert remote.exit_code == 0, remote.output
        assert remote.output == local.output


def test_the_default_graph_iri_comes_from_the_build(server, tmp_path):
    port, _location = server
    store = tmp_path / "store"
    write_store(load_graph(FIXTURE), store)
    from_store = kg("push", store, "--endpoint", f"http://127.0.0.1:{port}")
    assert from_store.exit_code == 0, from_store.output
    iri = open_graph(store).description["graph"]
    assert iri.startswith("https://w3id.org/actor-kg/id/graph/") and f"<{iri}>" in from_store.output
    # The same build from its file goes to the same graph: already there.
    again = kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}")
    one_error_line(again, f"the graph <{iri}> already exists", "--replace")
    assert count(port, iri) == len(load_graph(FIXTURE))


def test_two_analysts_push_to_one_store(server, other_graph):
    port, _location = server
    url = f"http://127.0.0.1:{port}/store"
    assert kg("push", FIXTURE, "--endpoint", url, "--graph", ALICE).exit_code == 0
    assert kg("push", other_graph, "--endpoint", url, "--graph", BOB).exit_code == 0
    assert count(port, ALICE) == len(load_graph(FIXTURE))
    assert count(port, BOB) == len(load_graph(other_graph))

    def backers(*graph):
        result = kg("query", "--endpoint", f"http://127.0.0.1:{port}/query", *graph,
                    "SELECT DISTINCT ?b WHERE { ?b kg:backs kgr:actor\\/pmf }", "--format", "csv")
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[1:]

    assert backers("--graph", ALICE) == ["https://w3id.org/actor-kg/id/actor/iran"]
    assert backers("--graph", BOB) == []
    assert backers() == ["https://w3id.org/actor-kg/id/actor/iran"]  # the server's union of both


def test_replace_swaps_the_graph_whole(server, other_graph):
    port, _location = server
    url = f"http://127.0.0.1:{port}"
    assert kg("push", FIXTURE, "--endpoint", url, "--graph", ALICE).exit_code == 0
    one_error_line(kg("push", other_graph, "--endpoint", url, "--graph", ALICE), "already exists")
    assert count(port, ALICE) == len(load_graph(FIXTURE))
    result = kg("push", other_graph, "--endpoint", url, "--graph", ALICE, "--replace")
    assert result.exit_code == 0, result.output
    assert "(replaced)" in result.output
    assert count(port, ALICE) == len(load_graph(other_graph))


def test_a_body_the_server_refuses_leaves_the_earlier_graph(server, monkeypatch):
    port, _location = server
    url = f"http://127.0.0.1:{port}/store"
    assert kg("push", FIXTURE, "--endpoint", url, "--graph", ALICE).exit_code == 0
    implied_before = count(port, ALICE + "/implied")
    good = FIXTURE.read_bytes()
    # Half a graph, then a syntax error: the server must not keep the half.
    monkeypatch.setattr("kg.push._data", lambda source, store: (good + b"\n<urn:a> <urn:b> .\n", "text/turtle"))
    result = kg("push", FIXTURE, "--endpoint", url, "--graph", ALICE, "--replace")
    line = one_error_line(result, "the push failed", "HTTP 400")
    assert len(line) < 500
    assert count(port, ALICE) == len(load_graph(FIXTURE))
    assert count(port, ALICE + "/implied") == implied_before


def test_a_read_only_server_refuses_and_keeps_its_graph(tmp_path, other_graph):
    location = tmp_path / "shared"
    with running(oxigraph_server(location)) as (_process, port):
        assert kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE).exit_code == 0
    with running(oxigraph_server(location, read_only=True)) as (_process, port):
        result = kg("push", other_graph, "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE, "--replace")
        one_error_line(result, "failed", "HTTP 403")
        assert count(port, ALICE) == len(load_graph(FIXTURE))
        # Queries still work there.
        answer = kg("query", "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE,
                    "ASK { kgr:actor\\/iran kg:backs kgr:actor\\/pmf }")
        assert answer.output == "true\n"


def test_an_unreachable_store_is_one_line(tmp_path):
    from .test_serve import free_port

    port = free_port()
    one_error_line(kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}"),
                   f"cannot reach http://127.0.0.1:{port}/store")
    one_error_line(kg("query", "--endpoint", f"http://127.0.0.1:{port}", "ASK {}"),
                   f"cannot reach http://127.0.0.1:{port}/query")


@pytest.mark.parametrize("sparql_text, message", [
    ("CLEAR ALL", "SPARQL UPDATE is not allowed: kg query is read-only"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL UPDATE is not allowed"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "FROM and SERVICE are not allowed"),
    ("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", "FROM and SERVICE are not allowed"),
    ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "GRAPH is not supported"),
])
def test_endpoint_queries_have_the_same_refusals(sparql_text, message):
    # Refused before any request: the endpoint is never reached.
    one_error_line(kg("query", "--endpoint", "http://127.0.0.1:1/query", sparql_text), message)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "turtle"])
def test_endpoint_queries_have_the_same_formats(server, fmt):
    port, _location = server
    assert kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE).exit_code == 0
    query = ("CONSTRUCT { ?b kg:backs ?a } WHERE { ?b kg:backs ?a }" if fmt == "turtle"
             else "SELECT ?b ?name WHERE { ?b kg:backs kgr:actor\\/pmf ; skos:prefLabel ?name }")
    remote = kg("query", "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE, query, "--format", fmt)
    local = kg("query", FIXTURE, query, "--format", fmt)
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output


def test_raw_on_an_endpoint_needs_a_graph():
    result = kg("query", "--endpoint", "http://127.0.0.1:1", "ASK {}", "--raw")
    assert result.exit_code == 2 and "--raw with --endpoint needs --graph" in result.output


# --- credentials ----------------------------------------------------------------------

def test_credentials_come_from_the_environment_only():
    assert auth_headers({"KG_ENDPOINT_TOKEN": "s3cret"}) == {"Authorization": "Bearer s3cret"}
    assert auth_headers({"KG_ENDPOINT_USER": "ann", "KG_ENDPOINT_PASSWORD": "pw"}) == {
        "Authorization": "Basic YW5uOnB3"}
    assert auth_headers({}) == {}
    for command in ("push", "query"):
        help_text = kg(command, "--help").output
        assert "--token" not in help_text and "--password" not in help_text
        assert "KG_ENDPOINT_TOKEN" in help_text


class _Guarded(http.server.BaseHTTPRequestHandler):
    """A store behind a token: 401 without `Bearer right`, else a Graph
    Store that has no graph yet and accepts PUTs."""

    seen = []

    def _allowed(self):
        self.seen.append((self.command, self.headers.get("Authorization")))
        if self.headers.get("Authorization") != "Bearer right":
            body = b"401 Unauthorized: a valid token is required\n"
            self.send_response(401)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return False
        return True

    def do_HEAD(self):  # noqa: N802 (the http.server API)
        if self._allowed():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    do_GET = do_HEAD  # noqa: N815

    def do_PUT(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self._allowed():
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def guarded():
    """The guarded store on 127.0.0.1: (its URL, the requests it saw)."""
    _Guarded.seen = []
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Guarded) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/store", _Guarded.seen
        finally:
            httpd.shutdown()


def test_wrong_credentials_are_reported_in_one_line(guarded):
    url, seen = guarded
    result = kg("push", FIXTURE, "--endpoint", url, "--graph", ALICE, env={"KG_ENDPOINT_TOKEN": "wrong"})
    one_error_line(result, "answered HTTP 401: 401 Unauthorized: a valid token is required")
    assert seen == [("HEAD", "Bearer wrong"), ("GET", "Bearer wrong")]
    result = kg("push", FIXTURE, "--endpoint", url, "--graph", ALICE, env={"KG_ENDPOINT_TOKEN": "right"})
    assert result.exit_code == 0, result.output
    assert {header for _method, header in seen[2:]} == {"Bearer right"}
    assert [method for method, _header in seen[2:]] == ["HEAD", "GET", "PUT", "PUT"]


def test_csv_of_an_endpoint_query_reads_back(server):
    port, _location = server
    assert kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE).exit_code == 0
    result = kg("query", "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE, "--named", "backers",
                "-p", "actor=Hashd al-Shaabi", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(row["backer_name"], row["document"]) for row in rows] == [
        ("Iran", "000_a5b7b3bba9f787a8"), ("Iran", "001_141b8c43e20b0c7f")]
    assert Path(FIXTURE).is_file()


NEWS = ("Iran backs the Popular Mobilization Forces. The Kurdistan Regional Government opposes the "
        "Popular Mobilization Forces.\n")


def test_build_pushes_straight_to_the_store(server, tmp_path, monkeypatch):
    port, _location = server
    corpus = tmp_path / "news.txt"
    corpus.write_text(NEWS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    pushed = kg("build", corpus, "--no-cache", "--push", f"http://127.0.0.1:{port}", "--push-graph", ALICE)
    assert pushed.exit_code == 0, pushed.output
    assert not Path("out").exists()  # the push alone: no graph file
    assert f"to <{ALICE}> (created)" in pushed.output
    built = kg("build", corpus, "--no-cache", "-o", "graph.nt", "--format", "nt")
    assert built.exit_code == 0, built.output
    assert count(port, ALICE) == len(load_graph(tmp_path / "graph.nt"))
    answer = sparql(port, f"SELECT ?b WHERE {{ GRAPH <{ALICE}> {{ ?b <{KG.backs}> ?pmf . ?pmf <{RDFS.label}> ?name }} "
                          f"FILTER(CONTAINS(?name, 'Popular Mobilization')) }}")
    assert [row["b"]["value"] for row in answer["results"]["bindings"]] == [str(KGR["actor/iran"])]
    # Without --push-graph the build lands in its own graph, the one kg push gives its file.
    assert kg("build", corpus, "--push", f"http://127.0.0.1:{port}").exit_code == 0
    one_error_line(kg("push", "graph.nt", "--endpoint", f"http://127.0.0.1:{port}"), "already exists")


def test_build_with_a_taken_graph_stops_before_extracting(server, tmp_path, monkeypatch):
    port, _location = server
    assert kg("push", FIXTURE, "--endpoint", f"http://127.0.0.1:{port}", "--graph", ALICE).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = kg("build", tmp_path / "missing.txt", "--push", f"http://127.0.0.1:{port}", "--push-graph", ALICE)
    one_error_line(result, f"the graph <{ALICE}> already exists", "--replace")
    assert not Path("out").exists() and not Path(".kg-cache").exists()
    assert count(port, ALICE) == len(load_graph(FIXTURE))


def test_build_push_options_need_push():
    result = kg("build", "--replace")
    assert result.exit_code == 2 and "--push-graph and --replace go with --push URL" in result.output
