"""`kg push` and `kg query --endpoint` against Virtuoso 7 (Debian's
virtuoso-opensource), a real server started by the test on 127.0.0.1 and
stopped after. Not in CI, which has no Virtuoso: install it with
`apt-get install virtuoso-opensource-7-bin` and these tests run; without it
they are skipped."""
import shutil
import subprocess

import pytest

from kg.graphio import load_graph

from .test_push import ALICE, BOB, kg, one_error_line
from .test_serve import FIXTURE, START_TIMEOUT, START_TRIES, free_port, stop, wait_until_up

VIRTUOSO, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
pytestmark = pytest.mark.skipif(not (VIRTUOSO and ISQL), reason="Virtuoso 7 is not installed (virtuoso-t, isql-vt)")

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 5

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server whose anonymous Graph Store endpoint may write (the
    SPARQL user granted SPARQL_UPDATE, as its documentation says): its base URL."""
    for _attempt in range(START_TRIES):
        folder = tmp_path_factory.mktemp("virtuoso")
        sql_port, http_port = free_port(), free_port()
        (folder / "virtuoso.ini").write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
        process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                   cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{http_port}"
        if wait_until_up(process, f"{url}/sparql", timeout=START_TIMEOUT):
            subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
                           check=True, capture_output=True, timeout=60)
            try:
                yield url
            finally:
                stop(process)
            return
        stop(process)
    pytest.fail(f"Virtuoso did not answer on 127.0.0.1 after {START_TRIES} tries")


def count(url, graph):
    result = kg("query", "--endpoint", f"{url}/sparql", "--graph", graph, "--raw", "--format", "csv",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.exit_code == 0, result.output
    return int(result.output.splitlines()[1])


def test_push_then_named_queries_answer_as_locally(virtuoso):
    pushed = kg("push", FIXTURE, "--endpoint", f"{virtuoso}/sparql-graph-crud", "--graph", ALICE)
    assert pushed.exit_code == 0, pushed.output
    assert count(virtuoso, ALICE) == len(load_graph(FIXTURE))
    for named, param in (("commanders", "actor=ERD"), ("statements", "actor=Nauert"), ("members", "actor=ISF"),
                         ("opponents", "actor=PMF")):
        remote = kg("query", "--endpoint", f"{virtuoso}/sparql", "--graph", ALICE, "--named", named, "-p", param,
                    "--format", "csv")
        assert remote.exit_code == 0, remote.output
        assert remote.output == kg("query", FIXTURE, "--named", named, "-p", param, "--format", "csv").output


def test_a_taken_graph_is_kept_unless_replaced(virtuoso, tmp_path):
    url = f"{virtuoso}/sparql-graph-crud"
    assert kg("push", FIXTURE, "--endpoint", url, "--graph", BOB).exit_code == 0
    one_error_line(kg("push", FIXTURE, "--endpoint", url, "--graph", BOB), "already exists")
    smaller = tmp_path / "smaller.nt"
    graph = load_graph(FIXTURE)
    for triple in list(graph)[:10]:
        graph.remove(triple)
    smaller.write_text(graph.serialize(format="nt"), encoding="utf-8")
    replaced = kg("push", smaller, "--endpoint", url, "--graph", BOB, "--replace")
    assert replaced.exit_code == 0 and "(replaced)" in replaced.output, replaced.output
    assert count(virtuoso, BOB) == len(graph)


def test_digest_authentication_from_the_environment(virtuoso):
    url, graph = f"{virtuoso}/sparql-graph-crud-auth", "urn:team:carol"
    refused = kg("push", FIXTURE, "--endpoint", url, "--graph", graph,
                 env={"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": "wrong"})
    one_error_line(refused, "HTTP 401")
    assert count(virtuoso, graph) == 0
    pushed = kg("push", FIXTURE, "--endpoint", url, "--graph", graph,
                env={"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": "dba"})
    assert pushed.exit_code == 0, pushed.output
    assert count(virtuoso, graph) == len(load_graph(FIXTURE))
