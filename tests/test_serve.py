"""`kg serve`: Oxigraph's read-only server on 127.0.0.1, started by the test
and stopped after, answered by SPARQLWrapper. Also the helpers the push tests
share: a free port, a server process waited for with bounded retries."""
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph

from kg.graphio import load_graph
from kg.serve import bind_address, is_loopback, oxigraph_binary, query_url
from kg.store import write_store

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"
KG_COMMAND = [sys.executable, "-c", "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"]
#: Seconds a server may take to answer its first request.
START_TIMEOUT = 60
#: Starts tried, each on a new free port, before a test gives up.
START_TRIES = 3

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url):
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_until_up(process, url, timeout=START_TIMEOUT):
    """True once `url` answers; False if the process ended or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if _answers(url):
            return True
        time.sleep(0.2)
    return False


def stop(process, signum=signal.SIGINT):
    if process.poll() is None:
        process.send_signal(signum)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)


@contextlib.contextmanager
def running(command_for_port, stderr=subprocess.PIPE):
    """A server process started on a free port of 127.0.0.1 (up to
    START_TRIES ports), yielded as (process, port), stopped afterwards."""
    for _attempt in range(START_TRIES):
        port = free_port()
        process = subprocess.Popen(command_for_port(port), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=stderr, env={**os.environ, "no_proxy": "127.0.0.1,localhost"})
        if wait_until_up(process, f"http://127.0.0.1:{port}/query"):
            try:
                yield process, port
            finally:
                stop(process)
            return
        stop(process)
    pytest.fail(f"no server answered on 127.0.0.1 after {START_TRIES} tries")


def oxigraph_server(location, read_only=False, union=True):
    """The command of Oxigraph's own server on `location`, for running()."""
    mode = "serve-read-only" if read_only else "serve"
    return lambda port: [oxigraph_binary(), mode, "--location", str(location), "--bind", f"127.0.0.1:{port}",
                         *(["--union-default-graph"] if union else [])]


def kg_serve(graph):
    return lambda port: [*KG_COMMAND, "serve", str(graph), "--port", str(port)]


def sparql(port, query, fmt="json"):
    client = SPARQLWrapper.SPARQLWrapper(f"http://127.0.0.1:{port}/query")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.queryAndConvert()


BACKERS = ("PREFIX kg: <https://w3id.org/actor-kg/ontology#> SELECT ?backer WHERE "
           "{ ?backer kg:backs <https://w3id.org/actor-kg/id/actor/pmf> } ORDER BY ?backer")


def test_serve_answers_sparqlwrapper_with_the_folded_graph(tmp_path):
    with running(kg_serve(FIXTURE)) as (process, port):
        answer = sparql(port, BACKERS)
        # kg:funds is also kg:backs, as in kg query.
        assert [row["backer"]["value"] for row in answer["results"]["bindings"]] == [
            "https://w3id.org/actor-kg/id/actor/iran"]
        assert sparql(port, "ASK { ?s ?p ?o }")["boolean"] is True
        count = sparql(port, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(count["results"]["bindings"][0]["n"]["value"]) > len(load_graph(FIXTURE))
        turtle = sparql(port, "CONSTRUCT { ?b <urn:backs> ?a } WHERE { ?b "
                              "<https://w3id.org/actor-kg/ontology#backs> ?a }", fmt="turtle")
        assert len(Graph().parse(data=turtle, format="turtle")) == 3
    announcement = process.stderr.read().decode()
    assert f"read-only at http://127.0.0.1:{port}/query" in announcement
    assert "loopback only" in announcement and "UPDATE refused" in announcement


def test_serve_refuses_update_and_graph_store_writes(tmp_path):
    with running(kg_serve(FIXTURE)) as (_process, port):
        client = SPARQLWrapper.SPARQLWrapper(f"http://127.0.0.1:{port}/query",
                                             updateEndpoint=f"http://127.0.0.1:{port}/update")
        client.setMethod(SPARQLWrapper.POST)
        client.setQuery("CLEAR ALL")
        with pytest.raises(Exception) as refused:
            client.query()
        assert "403" in str(refused.value) or "Forbidden" in str(refused.value) or "Unauthorized" in str(
            refused.value)
        put = urllib.request.Request(f"http://127.0.0.1:{port}/store?graph=urn:x", data=b"<urn:a> <urn:b> <urn:c> .",
                                     method="PUT", headers={"Content-Type": "application/n-triples"})
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(put, timeout=10)
        assert error.value.code == 403
        assert sparql(port, "ASK { ?s ?p ?o }")["boolean"] is True


def test_serve_a_store_directory_and_stop_cleanly(tmp_path):
    store = tmp_path / "store"
    write_store(load_graph(FIXTURE), store)
    before = sorted(path.name for path in store.rglob("*"))
    with running(kg_serve(store)) as (process, port):
        answer = sparql(port, BACKERS)
        assert len(answer["results"]["bindings"]) == 1
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    assert (store / "kg-store.json").is_file()
    assert json.loads((store / "kg-store.json").read_text())["triples"] == len(load_graph(FIXTURE))
    assert {"kg-store.json", "oxigraph"} <= set(before)


def test_serve_a_file_leaves_no_temporary_store(tmp_path):
    before = set(Path(os.environ.get("TMPDIR", "/tmp")).glob("kg-serve-*"))
    with running(kg_serve(FIXTURE)) as (_process, port):
        assert sparql(port, "ASK { ?s ?p ?o }")["boolean"] is True
    assert set(Path(os.environ.get("TMPDIR", "/tmp")).glob("kg-serve-*")) <= before


def test_serve_errors_are_one_line(tmp_path):
    run = subprocess.run([*KG_COMMAND, "serve", str(tmp_path / "missing.ttl"), "--port", str(free_port())],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr.strip() == f"Error: graph file not found: {tmp_path / 'missing.ttl'}"


def test_loopback_and_bind_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
    assert bind_address("::1", 7878) == "[::1]:7878"
    assert query_url("127.0.0.1", 7878) == "http://127.0.0.1:7878/query"
