"""`kg build --jobs`: worker processes give the same graph as one process;
the ordered, bounded task window; `kg --help` without spaCy."""
import json
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg import parallel
from kg.actors import ActorDictionary
from kg.cli import cli

REPO = Path(__file__).resolve().parents[1]
#: Every build in a subprocess ends within this many seconds, or the test fails.
BUILD_TIMEOUT = 300


def small_corpus(path, count, seed=0, first=0):
    """A .jsonl corpus of `count` short documents (three paragraphs of the seed
    articles each, drawn with `seed`), ids doc-<first>... ; returns `path`."""
    paragraphs = [part.strip() for seed_file in sorted((REPO / "seeds").glob("*.txt"))
                  for part in seed_file.read_text(encoding="utf-8").split("\n\n") if len(part.split()) >= 20]
    draw = random.Random(seed)
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(first, first + count):
            text = "\n\n".join(draw.sample(paragraphs, 3))
            stream.write(json.dumps({"id": f"doc-{number:03d}", "text": text}) + "\n")
    return path


def run_kg(*args, cwd=REPO, timeout=BUILD_TIMEOUT):
    """`kg ARGS` in a fresh interpreter (as a user runs it), bounded in time."""
    command = [sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_two_worker_processes_build_the_same_graph_as_one(tmp_path):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 2 * parallel.MIN_DOCUMENTS_PER_WORKER + 4)
    outputs = {}
    for jobs in (1, 2):
        output = tmp_path / f"jobs{jobs}.ttl"
        result = run_kg("build", corpus, "-o", output, "--jobs", jobs, "--no-cache")
        assert result.returncode == 0, result.stderr
        expected = "2 processes" if jobs == 2 else "in process"
        assert f"parsed      24 of 24 documents (workers: {expected})" in result.stdout
        outputs[jobs] = output.read_bytes()
    assert outputs[1] == outputs[2]
    assert b"kg:Assertion" in outputs[1]


def test_a_pool_worker_multiplies_matrices_on_one_thread():
    # Every worker already has its core: a BLAS thread per core in each made --jobs slower.
    from concurrent.futures import ProcessPoolExecutor

    from threadpoolctl import threadpool_info

    with ProcessPoolExecutor(1, mp_context=parallel._context(), initializer=parallel._init_pool_worker,
                             initargs=(None,)) as pool:
        libraries = pool.submit(threadpool_info).result(timeout=60)
    blas = [library for library in libraries if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas)


def test_the_pool_is_used_only_where_it_pays():
    dictionary = ActorDictionary.load()
    few = parallel.make_runner(dictionary, parallel.MIN_DOCUMENTS_PER_WORKER, jobs=2)
    assert isinstance(few, parallel.LocalRunner)
    assert isinstance(parallel.make_runner(dictionary, 1000, jobs=1), parallel.LocalRunner)
    assert isinstance(parallel.make_runner(dictionary, 1000, jobs=4, nlp=object()), parallel.LocalRunner)
    pool = parallel.make_runner(dictionary, 3 * parallel.MIN_DOCUMENTS_PER_WORKER, jobs=8)
    try:
        assert isinstance(pool, parallel.PoolRunner) and pool.workers == 3
    finally:
        pool.close()


def test_results_come_back_in_order_with_a_bounded_window():
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def work(chunk):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.02 * (5 - chunk[0] % 5))  # later chunks finish first
        with lock:
            in_flight[0] -= 1
        return [item * 10 for item in chunk]

    with ThreadPoolExecutor(8) as pool:
        results = list(parallel._in_order(lambda chunk: pool.submit(work, chunk),
                                          parallel._chunks(range(40), 3), window=4))
    assert results == [item * 10 for item in range(40)]
    assert most[0] <= 4


def test_a_failing_chunk_stops_the_stream_and_cancels_the_rest():
    submitted = []

    def work(chunk):
        if chunk[0] == 3:
            raise RuntimeError("boom")
        return chunk

    with ThreadPoolExecutor(1) as pool:
        def submit(chunk):
            future = pool.submit(work, chunk)
            submitted.append(future)
            return future

        stream = parallel._in_order(submit, parallel._chunks(range(30), 3), window=2)
        with pytest.raises(RuntimeError, match="boom"):
            list(stream)
    assert len(submitted) < 10  # the window kept the rest from being submitted


def test_a_worker_with_other_rules_refuses_to_extract():
    with pytest.raises(parallel.ClusterError, match="differ from the client.s"):
        parallel.extract_chunk([], "any-dictionary", "another-model-and-rules")


def test_option_conflicts_are_usage_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "seeds", "-o", str(tmp_path / "g.ttl"), "--jobs", "2",
                                 "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--jobs and --scheduler" in result.output
    result = runner.invoke(cli, ["build", "seeds", "-o", str(tmp_path / "g.ttl"), "--no-cache",
                                 "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 2 and "--cache-dir and --no-cache" in result.output
    result = runner.invoke(cli, ["build", "seeds", "-o", str(tmp_path / "g.ttl"), "--jobs", "0"])
    assert result.exit_code == 2
    assert not (tmp_path / "g.ttl").exists()


def test_default_jobs_are_the_cores_this_process_may_use():
    assert 1 <= parallel.default_jobs() <= (__import__("os").cpu_count() or 1)
    assert parallel.build_options("out/graph.ttl")["jobs"] == parallel.default_jobs()


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["query", "--help"]])
def test_help_does_not_import_spacy(args):
    script = ("import sys\nfrom kg.cli import cli\n"
              f"try:\n    cli.main({args!r}, prog_name='kg')\nexcept SystemExit:\n    pass\n"
              "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "NO-SPACY" in result.stderr, result.stderr
    assert "Usage:" in result.stdout


def test_the_command_list_imports_no_command_and_says_what_click_says():
    script = ("import sys\nfrom kg.cli import cli\n"
              "try:\n    cli.main(['--help'], prog_name='kg')\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'networkx', 'pyoxigraph', 'spacy')"
              " or m.startswith('kg.commands.')), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stderr.strip() == "[]", result.stderr
    from kg.cli import COMMANDS, cli

    listed = dict(line.split(None, 1) for line in result.stdout.split("Commands:")[1].strip().splitlines())
    assert list(listed) == list(COMMANDS)
    for name in COMMANDS:
        limit = click.HelpFormatter().width - 6 - max(map(len, COMMANDS))
        assert listed[name] == cli.get_command(None, name).get_short_help_str(limit)
