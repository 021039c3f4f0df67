"""Issue 10, as a user (or an attacker) meets it: every case through the CLI on
real files. Outputs never replace devices, pipes or links and never lose an
earlier file; graphs are read offline; text from documents stays data in CSV,
XML and the terminal; bad input is one `Error:` line, never a traceback."""
import csv
import http.server
import io
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from kg.cli import cli
from kg.namespaces import KG

HOSTILE = Path(__file__).parent / "fixtures" / "hardening" / "hostile.ttl"
SENTENCE = "The Badr Organization is funded by Iran.\n"
EARLIER = "# an earlier graph\n"
KG_COMMAND = [sys.executable, "-c", "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"]


def kg(*args, **kwargs):
    return CliRunner().invoke(cli, [str(arg) for arg in args], **kwargs)


def one_error_line(result, *fragments):
    """The result is exit 1 with exactly one line, `Error: ...`, containing
    every fragment, and no traceback."""
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output and "bug in kg" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def hidden_files(folder):
    """Temporary files of outputs (.graph.ttl.*) left in `folder`."""
    return sorted(path.name for path in Path(folder).iterdir()
                  if path.name.startswith(".") and any(path.name.startswith(f".{sibling.name}.")
                                                       for sibling in Path(folder).iterdir()))


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("graph")
    (folder / "one.txt").write_text(SENTENCE, encoding="utf-8")
    result = kg("build", folder / "one.txt", "-o", folder / "graph.ttl", "-q")
    assert result.exit_code == 0, result.output
    return folder / "graph.ttl"


# --- outputs ---------------------------------------------------------------------

def test_a_symlink_output_is_followed_to_its_target(tmp_path, corpus):
    target = tmp_path / "real" / "graph.ttl"
    target.parent.mkdir()
    target.write_text(EARLIER)
    link = tmp_path / "graph.ttl"
    link.symlink_to(target)
    result = kg("build", corpus, "-o", link, "-q")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert "kg:backs" in target.read_text() or "backs" in target.read_text()
    assert hidden_files(tmp_path) == [] and hidden_files(target.parent) == []


def kg_to_fifo(fifo, *args):
    """Run kg with `-o fifo` while another thread reads the FIFO: (result, bytes read)."""
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = kg(*args, "-o", fifo)
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    return received[0]


def test_a_fifo_output_is_written_in_place(tmp_path, corpus):
    received = kg_to_fifo(tmp_path / "graph.fifo", "build", corpus, "-q")
    assert len(Graph().parse(data=received.decode(), format="turtle")) > 5


def _device(folder, name, minor):
    """A private copy of /dev/null (minor 3) or /dev/full (minor 7)."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        with open(path, "wb") as probe:
            probe.write(b"")
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return path


def test_a_full_device_is_an_error_and_stays_a_device(tmp_path, corpus):
    full = _device(tmp_path, "full", 7)
    one_error_line(kg("build", corpus, "-o", full, "-q"), "No space left on device")
    assert stat.S_ISCHR(os.stat(full).st_mode)
    assert hidden_files(tmp_path) == []


def test_a_null_device_takes_the_graph_and_stays_a_device(tmp_path, corpus):
    null = _device(tmp_path, "null", 3)
    result = kg("build", corpus, "-o", null, "-q")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(null).st_mode)


@pytest.mark.parametrize("output", [
    "-",
    # /dev/stdout is a link to /proc/self/fd/1; the test makes its own, since a
    # regression run as root would replace the machine's /dev/stdout by a file.
    "stdout-link",
    pytest.param("/dev/stdout", marks=pytest.mark.skipif(os.geteuid() == 0, reason="would risk /dev/stdout")),
])
def test_standard_output_gets_the_graph_and_the_summary_goes_to_stderr(tmp_path, corpus, output):
    if output == "stdout-link":
        output = tmp_path / "stdout"
        output.symlink_to("/proc/self/fd/1")
    devices = set(os.listdir("/dev"))
    run = subprocess.run([*KG_COMMAND, "build", str(corpus), "-o", str(output)], capture_output=True,
                         timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode()
    assert set(os.listdir("/dev")) == devices  # nothing written beside the device
    graph = Graph().parse(data=run.stdout.decode(), format="turtle")
    assert (None, KG.backs, None) in graph
    assert b"documents   1" in run.stderr
    assert not isinstance(output, Path) or output.is_symlink()


def test_export_and_viz_write_to_a_fifo_too(tmp_path, small_graph):
    edges = kg_to_fifo(tmp_path / "edges.fifo", "export", small_graph, "--format", "csv")
    assert edges.startswith(b"source,source_label,relation")
    page = kg_to_fifo(tmp_path / "page.fifo", "viz", small_graph, "-q")
    assert b"<html" in page.lower()


def _refuse_extraction(monkeypatch):
    def extraction_started(*args, **kwargs):
        raise AssertionError("the output path was not checked before extraction")

    monkeypatch.setattr("kg.commands.build.build_documents", extraction_started)


def test_an_output_directory_is_refused_before_extraction(tmp_path, corpus, monkeypatch):
    _refuse_extraction(monkeypatch)
    one_error_line(kg("build", corpus, "-o", tmp_path), "is a directory")


def test_an_output_under_a_file_is_refused_before_extraction(tmp_path, corpus, monkeypatch):
    _refuse_extraction(monkeypatch)
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n")
    one_error_line(kg("build", corpus, "-o", blocker / "out" / "graph.ttl"), "Not a directory")
    assert blocker.read_text() == "not a folder\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_an_unwritable_folder_is_refused_before_extraction(tmp_path, corpus, monkeypatch):
    _refuse_extraction(monkeypatch)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        one_error_line(kg("build", corpus, "-o", locked / "graph.ttl"), "ermission denied")
    finally:
        locked.chmod(0o700)


def test_viz_and_export_check_the_output_before_reading(tmp_path):
    one_error_line(kg("viz", HOSTILE, "-o", tmp_path), "is a directory")
    blocker = tmp_path / "x.csv"
    blocker.write_text("a file\n")
    one_error_line(kg("export", HOSTILE, "-o", blocker / "y.csv"), "Not a directory")
    one_error_line(kg("export", tmp_path / "missing.ttl", "-f", "csv", "-o", tmp_path), "is a directory")


def test_a_failed_write_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path, corpus, monkeypatch):
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER)

    def disk_full(out_file, payload):
        out_file.write(payload[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.fileio._write_all", disk_full)
    one_error_line(kg("build", corpus, "-o", out), "No space left on device")
    assert out.read_text() == EARLIER
    assert hidden_files(tmp_path) == []


#: Runs `kg` with the write paused half-way, announcing it on stderr.
PAUSED_WRITE = """
import sys, time
import kg.fileio
def paused(out, payload):
    out.write(payload[:100]); out.flush()
    print("WRITING", file=sys.stderr, flush=True)
    time.sleep(120)
kg.fileio._write_all = paused
from kg.cli import main
sys.argv[0] = "kg"
main()
"""


def _paused_build(corpus, out):
    process = subprocess.Popen([sys.executable, "-c", PAUSED_WRITE, "build", str(corpus), "-o", str(out), "-q"],
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "WRITING" in line or not line:
            break
    assert process.poll() is None, "kg ended before writing"
    assert len(hidden_files(out.parent)) == 1  # the temporary file, being written
    return process


@pytest.mark.parametrize("signum, status, message", [
    (signal.SIGTERM, 128 + signal.SIGTERM, "Error: stopped by SIGTERM"),
    (signal.SIGINT, 1, "Aborted!"),
])
def test_a_signal_during_the_write_removes_the_temporary_file(tmp_path, corpus, signum, status, message):
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER)
    process = _paused_build(corpus, out)
    process.send_signal(signum)
    rest = process.stderr.read()
    assert process.wait(30) == status
    assert message in rest and "Traceback" not in rest
    assert out.read_text() == EARLIER
    assert hidden_files(tmp_path) == []


def test_a_temporary_file_left_by_sigkill_goes_at_the_next_write(tmp_path, corpus):
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER)
    process = _paused_build(corpus, out)
    process.kill()
    process.wait(30)
    assert out.read_text() == EARLIER
    assert len(hidden_files(tmp_path)) == 1
    result = kg("build", corpus, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert hidden_files(tmp_path) == []


# --- offline graph reading -----------------------------------------------------------

class _Recorder(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.requests.append(self.path)
        body = json.dumps({"@context": {"name": "http://www.w3.org/2004/02/skos/core#prefLabel"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.requests
    httpd.shutdown()
    httpd.server_close()


READING_COMMANDS = [
    ["query", "{graph}", "SELECT * WHERE { ?s ?p ?o }"],
    ["validate", "{graph}"],
    ["actors", "{graph}"],
    ["show", "{graph}", "Iran"],
    ["export", "{graph}", "--format", "csv"],
    ["viz", "{graph}", "-o", "{folder}/page.html"],
]


@pytest.mark.parametrize("context", ["link", "list", "import"])
@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda command: command[0])
def test_a_remote_jsonld_context_is_never_fetched(tmp_path, server, command, context):
    url, requests = server
    remote = f"{url}/context.jsonld"
    contexts = {"link": remote, "list": [remote, {"kg": "https://w3id.org/actor-kg/ontology#"}],
                "import": {"@version": 1.1, "@import": remote}}
    graph = tmp_path / "graph.jsonld"
    graph.write_text(json.dumps({"@context": contexts[context], "@id": "https://w3id.org/actor-kg/id/actor/iran",
                                 "name": "Iran"}))
    args = [arg.replace("{graph}", str(graph)).replace("{folder}", str(tmp_path)) for arg in command]
    one_error_line(kg(*args), "offline", remote)
    assert requests == []


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda command: command[0])
def test_owl_imports_are_data_never_followed(tmp_path, server, small_graph, command):
    url, requests = server
    graph = tmp_path / "graph.ttl"
    graph.write_text(small_graph.read_text() + f"\n<https://w3id.org/actor-kg/id/graph> "
                     f"<http://www.w3.org/2002/07/owl#imports> <{url}/more.ttl> .\n")
    args = [arg.replace("{graph}", str(graph)).replace("{folder}", str(tmp_path)) for arg in command]
    result = kg(*args)
    assert result.exit_code == 0, result.output
    assert requests == []


def test_nothing_reaches_the_network_while_reading_offline(server):
    from kg.graphio import NetworkRefused, offline

    url, requests = server
    with offline(), pytest.raises(NetworkRefused):
        urllib.request.urlopen(f"{url}/graph.ttl", timeout=5)
    assert requests == []


# --- text from documents is data ----------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/","click")'


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_actors_csv_and_tsv_cannot_run_formulas(fmt, delimiter):
    result = kg("actors", HOSTILE, "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output), delimiter=delimiter, quoting=csv.QUOTE_MINIMAL))
    cells = [cell.strip('"').replace('""', '"') for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_query_csv_and_tsv_cannot_run_formulas_and_keep_numbers(fmt):
    query = "SELECT ?text ?label (-5 AS ?n) WHERE { ?s kg:text ?text . ?a skos:prefLabel ?label }"
    result = kg("query", HOSTILE, query, "--format", fmt)
    assert result.exit_code == 0, result.output
    body = result.output.splitlines()[1:]
    assert body and all(not line.startswith(("=", "+", "@")) for line in body)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.output)))[1:]
        assert {row[0] for row in rows} == {"'+cmd|' /C calc'!A0 \x1b]8;;http://evil.example/\x07link"}
        assert "'" + FORMULA in {row[1] for row in rows}
        assert {row[2] for row in rows} == {"-5"}


def test_export_csv_cannot_run_formulas():
    result = kg("export", HOSTILE, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[1][4] == "'" + FORMULA


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_of_control_characters_read_back(tmp_path, fmt, read):
    out = tmp_path / f"graph.{fmt}"
    result = kg("export", HOSTILE, "-o", out)
    assert result.exit_code == 0, result.output
    network = read(out)
    evidence = [data["evidence"] for _, _, data in network.edges(data=True)]
    # ESC and backspace become U+FFFD, vertical tab and form feed spaces.
    assert evidence == ["Iran backs them\ufffd[2J\x9b2J \u202eevil\u202c\ufffd  ."]
    labels = {data["label"] for _, data in network.nodes(data=True)}
    assert FORMULA in labels


@pytest.mark.parametrize("args", [
    ["show", HOSTILE, "Iran"],
    ["show", HOSTILE, "@SUM(1+1)"],
    ["actors", HOSTILE],
    ["query", HOSTILE, "SELECT ?text WHERE { ?s kg:text|kg:evidence|dcterms:title ?text }"],
    ["export", HOSTILE, "--actor", "\x1b[2J"],
], ids=["show", "show-statement", "actors", "query", "error-message"])
def test_terminal_output_shows_control_characters_as_escapes(args):
    result = kg(*args)
    for raw in ("\x1b", "\x07", "\x08", "\x9b", "\u202e"):
        assert raw not in result.output, (raw, result.output)
    assert "\\x1b" in result.output


@pytest.mark.parametrize("args", [["show", HOSTILE, "Iran", "--format", "json"], ["actors", HOSTILE, "--format", "json"],
                                  ["query", HOSTILE, "SELECT ?e WHERE { ?s kg:evidence ?e }", "--format", "json"]])
def test_json_output_keeps_the_text_but_escapes_controls(args):
    result = kg(*args)
    assert result.exit_code == 0, result.output
    for raw in ("\x1b", "\x9b", "\u202e"):
        assert raw not in result.output
    assert any("\x1b[" in text for text in _strings(json.loads(result.output)))


def _strings(value):
    if isinstance(value, str):
        yield value
    for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        yield from _strings(item)


def test_a_lone_surrogate_in_jsonl_text_or_id_builds(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a\\ud800", "text": "The Badr Organization is funded by Iran.\\udc80"}\n'
                    '{"id": "b", "title": "\\udfff", "text": "Iran backs the PMF."}\n', encoding="utf-8")
    out = tmp_path / "graph.ttl"
    result = kg("build", feed, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    assert {str(o) for o in graph.objects(None, DCTERMS.identifier)} == {"a\ufffd", "b"}


# --- queries ------------------------------------------------------------------------------

def test_a_graph_query_is_refused_in_one_line(small_graph):
    one_error_line(kg("query", small_graph, "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }"), "GRAPH")


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.nt"
    path.write_text("".join(f"<urn:s{n}> <urn:p> <urn:o{n}> .\n" for n in range(3000)))
    return path


def test_a_runaway_query_stops_at_the_timeout(big_graph):
    started = time.monotonic()
    result = kg("query", big_graph, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--timeout", "1")
    one_error_line(result, "stopped after 1 s")
    assert time.monotonic() - started < 30


def test_the_query_timeout_has_a_default():
    result = kg("query", "--help")
    assert "--timeout SECONDS" in result.output and "default: 60" in result.output


# --- big and messy corpora ------------------------------------------------------------------

@pytest.fixture
def messy(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "2017").mkdir(parents=True)
    (folder / "2018").mkdir()
    (folder / "2017" / "report.txt").write_text("Iran backs the PMF.\n", encoding="utf-8")
    (folder / "2018" / "report.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text('{"id": "f1", "text": "Turkey opposes the PKK."}\n{not json\n'
                                       '{"id": "f2", "text": "The Kurds oppose Baghdad."}\n', encoding="utf-8")
    (folder / "page.html").write_text("<!DOCTYPE html><html><head><meta charset=utf-8><title>Kirkuk</title>"
                                      "<body><p>Iran funds the Badr Organization.</p>", encoding="utf-8")
    (folder / "wide.txt").write_bytes("The KRG opposes Baghdad.\n".encode("utf-16"))
    return folder


def test_a_messy_folder_builds_with_bad_items_skipped_and_counted(tmp_path, messy):
    out = tmp_path / "graph.ttl"
    result = kg("build", messy, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"skipped: {messy / 'empty.txt'}: file is empty" in result.output
    assert f"skipped: {messy / 'feed.jsonl'}:2: invalid JSON" in result.output
    assert "skipped     2 bad files or lines" in result.output
    graph = Graph().parse(out)
    ids = {str(o) for o in graph.objects(None, DCTERMS.identifier)}
    assert ids == {"2017/report", "2018/report", "f1", "f2", "page", "wide"}
    page = next(s for s, o in graph.subject_objects(DCTERMS.identifier) if str(o) == "page")
    assert str(graph.value(page, DCTERMS.title)) == "Kirkuk"
    assert len(set(graph.subjects(RDF.type, KG.Assertion))) >= 2
    # The same corpus gives the same ids, and the same bytes.
    again = tmp_path / "again.ttl"
    assert kg("build", messy, "-o", again, "-q").exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_on_error_fail_stops_at_the_first_bad_item_and_keeps_the_output(tmp_path, messy):
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER)
    one_error_line(kg("build", messy, "-o", out, "--on-error", "fail"), "empty.txt: file is empty")
    assert out.read_text() == EARLIER


def fail_on_2018(patch):
    """Make the extraction rules raise on one document, as a bug would."""
    from kg.extract import Extractor

    extract = Extractor.document_result

    def failing(self, document, doc):
        if document.id == "2018/report":
            raise IndexError("list index out of range")
        return extract(self, document, doc)

    patch.setattr(Extractor, "document_result", failing)


@pytest.fixture
def rules_fail_on_2018(monkeypatch):
    fail_on_2018(monkeypatch)


def test_a_document_whose_extraction_fails_is_reported_and_left_out(tmp_path, messy, rules_fail_on_2018):
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"
    result = kg("build", messy, "-o", out, "--jobs", "1", "--cache-dir", cache)
    assert result.exit_code == 0, result.output
    report = f"skipped: {messy / '2018' / 'report.txt'}: extraction failed: IndexError: list index out of range (at "
    assert report in result.output
    assert "skipped     1 document whose extraction failed" in result.output
    ids = {str(o) for o in Graph().parse(out).objects(None, DCTERMS.identifier)}
    assert "2018/report" not in ids and "2017/report" in ids


def test_a_failed_extraction_is_not_cached(tmp_path, messy, monkeypatch):
    out, cache = tmp_path / "graph.ttl", tmp_path / "cache"
    with monkeypatch.context() as patch:
        fail_on_2018(patch)
        assert kg("build", messy, "-o", out, "--jobs", "1", "--cache-dir", cache, "-q").exit_code == 0
    result = kg("build", messy, "-o", out, "--jobs", "1", "--cache-dir", cache)
    assert result.exit_code == 0, result.output
    assert "parsed      1 of 6 documents" in result.output
    assert "2018/report" in {str(o) for o in Graph().parse(out).objects(None, DCTERMS.identifier)}


def test_on_error_fail_stops_at_a_failed_extraction(tmp_path, messy, rules_fail_on_2018):
    (messy / "empty.txt").unlink()
    (messy / "feed.jsonl").unlink()
    out = tmp_path / "graph.ttl"
    out.write_text(EARLIER)
    one_error_line(kg("build", messy, "-o", out, "--jobs", "1", "--on-error", "fail", "--no-cache"),
                   "2018/report.txt: extraction failed: IndexError")
    assert out.read_text() == EARLIER


def test_a_worker_returns_the_failure_of_one_document_and_the_results_of_the_others(messy, rules_fail_on_2018):
    from kg.actors import ActorDictionary
    from kg.cache import code_fingerprint, dictionary_fingerprint
    from kg.corpus import load_corpus
    from kg.parallel import extract_chunk
    from kg.results import DocumentFailure, DocumentResult

    dictionary = ActorDictionary.load(())
    documents = load_corpus([messy], on_error="skip").documents
    results = extract_chunk(documents, dictionary_fingerprint(dictionary) + "-test", code_fingerprint(), dictionary)
    assert [type(result) for result in results] == [
        DocumentFailure if document.id == "2018/report" else DocumentResult for document in documents]


def test_a_bad_jsonl_line_can_be_skipped_in_a_named_file(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "f1", "text": "Iran backs the PMF."}\n[1, 2]\n{"id": 3, "text": 4}\n')
    result = kg("build", feed, "-o", tmp_path / "graph.ttl", "--on-error", "skip", "-q")
    assert result.exit_code == 0, result.output
    assert f"{feed}:2: a record is a JSON object" in result.output
    assert f"{feed}:3: a record needs a string 'id' and 'text'" in result.output
    one_error_line(kg("build", feed, "-o", tmp_path / "graph.ttl"), f"{feed}:2")


def test_a_folder_of_only_bad_files_is_one_error(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    result = kg("build", folder, "-o", tmp_path / "graph.ttl")
    assert result.output.splitlines()[-1] == f"Error: no readable documents in {folder} (2 skipped)"
    assert result.exit_code == 1


def test_utf16_without_a_byte_order_mark_gets_a_hint(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Iran backs the PMF.\n".encode("utf-16-le"))
    one_error_line(kg("build", path, "-o", tmp_path / "graph.ttl"), "UTF-16 without a byte-order mark")


def test_progress_lines_without_a_terminal(tmp_path, messy):
    result = kg("build", messy, "-o", tmp_path / "graph.ttl", "--progress-interval", "0.01")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("progress: ")]
    assert lines, result.output
    import re
    pattern = r"progress: \d+/6 documents, \d+\.\d documents/s, (about \w+ left|time left unknown)"
    assert all(re.fullmatch(pattern, line) for line in lines), lines


# --- consistency -------------------------------------------------------------------------------

def test_validate_does_not_warn_about_standing_facts(tmp_path):
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text("actors:\n  - id: kirkuk-brigade\n    name: Kirkuk Brigade\n    class: Militia\n"
                         "    facts:\n      - {partOf: pmf, source: \"our notes\"}\n", encoding="utf-8")
    corpus = tmp_path / "one.txt"
    corpus.write_text("The Kirkuk Brigade attacked the Peshmerga. The PMF denied it.\n", encoding="utf-8")
    out = tmp_path / "graph.ttl"
    assert kg("build", corpus, "--actors", yaml_file, "-o", out, "-q").exit_code == 0
    assert "kirkuk-brigade> <https://w3id.org/actor-kg/ontology#partOf>" in kg(
        "export", out, "--format", "nt").output
    # Without the dictionary it was built with, the fact is a relation with no evidence.
    plain = kg("validate", out)
    assert "Warning: kgr:actor/kirkuk-brigade kg:partOf: this relation has no kg:Assertion" in plain.output
    result = kg("validate", out, "--actors", yaml_file)
    assert result.exit_code == 0
    assert result.output.endswith(" 0 warnings in " + result.output.rsplit(" in ", 1)[1])
    assert "Warning" not in result.output


def test_a_document_over_a_million_characters_builds(tmp_path):
    # spaCy refuses texts over nlp.max_length (E088); kg splits them instead.
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE + "\n" + " " * 1_000_000 + "\n\nThe Kurds oppose Baghdad.\n", encoding="utf-8")
    out = tmp_path / "graph.ttl"
    result = kg("build", path, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert len(set(Graph().parse(out).subjects(RDF.type, KG.Assertion))) >= 1
