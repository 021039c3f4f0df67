"""`kg build --scheduler`: extraction on a real dask.distributed LocalCluster
of two worker processes on 127.0.0.1, started here and closed after."""
import time

import pytest

from kg import parallel
from kg.actors import ActorDictionary
from kg.records import Document
from tests.test_parallel import run_kg, small_corpus

#: Seconds the cluster may take to start its two workers.
CLUSTER_TIMEOUT = 120


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, timeout=CLUSTER_TIMEOUT, silence_logs=True)
    try:
        yield local
    finally:
        local.close(timeout=60)


def test_a_cluster_build_equals_the_local_build(tmp_path, cluster):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 24)
    local = run_kg("build", corpus, "-o", tmp_path / "local.ttl", "--jobs", "1", "--no-cache")
    assert local.returncode == 0, local.stderr
    started = time.monotonic()
    remote = run_kg("build", corpus, "-o", tmp_path / "cluster.ttl", "--scheduler", cluster.scheduler_address,
                    "--cache-dir", tmp_path / "cache")
    assert remote.returncode == 0, remote.stderr
    assert f"parsed      24 of 24 documents (workers: dask {cluster.scheduler_address})" in remote.stdout
    assert (tmp_path / "cluster.ttl").read_bytes() == (tmp_path / "local.ttl").read_bytes()
    assert time.monotonic() - started < 300

    # A rebuild takes everything from the cache and leaves the cluster alone.
    again = run_kg("build", corpus, "-o", tmp_path / "again.ttl", "--scheduler", cluster.scheduler_address,
                   "--cache-dir", tmp_path / "cache")
    assert again.returncode == 0, again.stderr
    assert "parsed      0 of 24 documents (workers: none), 24 from the cache" in again.stdout
    assert (tmp_path / "again.ttl").read_bytes() == (tmp_path / "local.ttl").read_bytes()


def test_each_worker_loads_the_model_once(cluster):
    from distributed import Client

    documents = [Document(id=f"d{number}", text=f"Iran backs the Badr Organization ({number}).")
                 for number in range(8)]
    with Client(cluster.scheduler_address, set_as_default=False, timeout=30) as client:
        for _ in range(2):
            runner = parallel.DaskRunner(cluster.scheduler_address, ActorDictionary.load(), chunk=1)
            try:
                results = list(runner.results(documents))
            finally:
                runner.close()
            assert [result.doc_id for result in results] == [document.id for document in documents]
        loads = client.run(lambda: parallel._worker["loads"])
    assert len(loads) == 2 and set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1


def test_an_unreachable_scheduler_is_one_clear_error():
    started = time.monotonic()
    with pytest.raises(parallel.ClusterError, match="cannot reach the Dask scheduler"):
        parallel.DaskRunner("tcp://127.0.0.1:9", ActorDictionary.load(), timeout=2)
    assert time.monotonic() - started < 60

