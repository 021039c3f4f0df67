"""Extraction on every core, or on a Dask cluster, with the result cache.

`extract_results(documents, dictionary, ...)` yields one DocumentResult per
document, in document order, whichever way they were computed:

* from the cache (kg.cache), when an entry for the document and the current
  model, rules and dictionary exists;
* in this process (`jobs=1`, a custom `nlp`, or a single document to parse);
* in a pool of `jobs` worker processes on this machine;
* on a dask.distributed cluster (`scheduler="tcp://host:8786"`).

The pool and the cluster share one small interface (`results(documents)`,
`close()`) and one task function, `extract_chunk`: each worker process loads
the model once (a per-process cached Extractor) and extracts chunks of
consecutive documents. At most a few chunks per worker are in flight, and
results are taken in submission order, so memory stays bounded by that window
plus the results themselves, and merging them in document order gives the same
Extraction, and the same graph bytes, as a build in one process.
"""
import multiprocessing
import os
import signal
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from threadpoolctl import threadpool_limits

from .cache import ResultCache, code_fingerprint, dictionary_fingerprint
from .errors import KGError
from .results import DocumentFailure

#: Documents per task: at most this many for a local pool (small, for an even
#: load), and for a Dask cluster, whose tasks cost more to schedule.
POOL_CHUNK = 8
DASK_CHUNK = 32
#: Chunks in flight per worker (or per Dask worker thread).
WINDOW_PER_WORKER = 3
#: A worker process costs about 0.8 CPU s to start (spaCy, the model): the
#: parsing of ten documents. Fewer documents per worker are parsed here.
MIN_DOCUMENTS_PER_WORKER = 10
#: Seconds to wait for a Dask scheduler, and for its first worker.
DASK_TIMEOUT = 30


class ClusterError(KGError):
    """A Dask scheduler that cannot be reached, or workers that cannot run
    this build (another actor-kg model or rules)."""


def default_jobs():
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class ExtractionStats:
    """How a build got its results."""

    documents: int = 0
    cached: int = 0
    extracted: int = 0
    #: "in process", "2 processes" or "dask tcp://...".
    runner: str = "in process"
    cache_dir: str | None = None
    #: Why the cache could not be written, if it could not.
    cache_error: str | None = None
    #: Documents whose extraction failed (left out of the graph).
    failed: int = 0


def extract_results(documents, dictionary, progress=None, nlp=None, jobs=1, scheduler=None, cache=None,
                    stats=None, on_failure=None):
    """A DocumentResult for each of `documents` (a list), in order, or a
    DocumentFailure for a document whose extraction failed.

    `cache` is a ResultCache, a folder for one, or None; `jobs` worker
    processes extract what the cache lacks (`jobs=1`: this process), or the
    Dask cluster at `scheduler` does. `nlp` (a custom pipeline) means this
    process and no cache. `progress(document)` is called after each
    document, in order; `on_failure(document, failure)` after a failed one
    (it may raise to stop); `stats`, an ExtractionStats, is filled in."""
    stats = stats if stats is not None else ExtractionStats()
    if nlp is not None and (cache is not None or scheduler or jobs > 1):
        raise ValueError("a custom nlp pipeline runs in this process only and cannot use the cache")
    if cache is not None and not isinstance(cache, ResultCache):
        cache = ResultCache.for_dictionary(cache, dictionary)
    return _results(list(documents), dictionary, progress, nlp, jobs, scheduler, cache, stats, on_failure)


def _results(documents, dictionary, progress, nlp, jobs, scheduler, cache, stats, on_failure):
    cached = [cache.get(document) if cache else None for document in documents]
    missing = [document for document, result in zip(documents, cached) if result is None]
    stats.documents, stats.cached, stats.extracted = len(documents), len(documents) - len(missing), len(missing)
    stats.cache_dir = str(cache.directory) if cache else None
    runner = make_runner(dictionary, len(missing), jobs=jobs, scheduler=scheduler, nlp=nlp) if missing else None
    stats.runner = runner.name if runner else "none (all cached)"
    finished = False
    try:
        computed = iter(runner.results(missing)) if runner else iter(())
        for document, result in zip(documents, cached):
            if result is None:
                result = next(computed)
                if isinstance(result, DocumentFailure):
                    stats.failed += 1
                    if on_failure is not None:
                        on_failure(document, result)
                elif cache:
                    cache.put(document, result)
            if progress is not None:
                progress(document)
            yield result
        finished = True
    finally:
        if runner:
            runner.close(finished)
        if cache:
            stats.cache_error = cache.write_error


def make_runner(dictionary, count, jobs=1, scheduler=None, nlp=None):
    """The runner for `count` documents: Dask, a process pool, or this process."""
    if scheduler:
        return DaskRunner(scheduler, dictionary)
    workers = min(jobs, count // MIN_DOCUMENTS_PER_WORKER)
    if nlp is not None or workers <= 1:
        return LocalRunner(dictionary, nlp)
    chunk = max(1, min(POOL_CHUNK, count // (workers * WINDOW_PER_WORKER * 2)))
    return PoolRunner(dictionary, workers, chunk)


def _chunks(items, size):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_order(submit, chunks, window):
    """Submit chunks with at most `window` in flight; yield their results in
    submission order. Pending tasks are cancelled if the consumer stops."""
    pending = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


class LocalRunner:
    """Extraction in this process."""

    name = "in process"

    def __init__(self, dictionary, nlp=None):
        self.dictionary, self.nlp = dictionary, nlp

    def results(self, documents):
        from .extract import Extractor
        return Extractor(self.dictionary, nlp=self.nlp).results(documents)

    def close(self, finished=True):
        pass


class PoolRunner:
    """Extraction in `workers` processes of this machine."""

    def __init__(self, dictionary, workers, chunk=POOL_CHUNK):
        self.name = f"{workers} processes"
        self.workers, self.chunk = workers, chunk
        self.key, self.code = dictionary_fingerprint(dictionary), code_fingerprint()
        self.pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_pool_worker,
                                        initargs=(dictionary,))

    def results(self, documents):
        def submit(chunk):
            return self.pool.submit(extract_chunk, chunk, self.key, self.code)

        return _in_order(submit, _chunks(documents, self.chunk), self.workers * WINDOW_PER_WORKER)

    def close(self, finished=True):
        """Stop the workers: after a failure or an interruption (Ctrl-C,
        SIGTERM) at once, without waiting for the chunks they are parsing."""
        if not finished:
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner:
    """Extraction on the dask.distributed cluster whose scheduler is at `address`."""

    def __init__(self, address, dictionary, chunk=DASK_CHUNK, timeout=DASK_TIMEOUT):
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("--scheduler needs dask.distributed: pip install 'actor-kg[cluster]'") from None
        self.name, self.chunk = f"dask {address}", chunk
        self.key, self.code = dictionary_fingerprint(dictionary), code_fingerprint()
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
            threads = sum(self.client.nthreads().values())
            self.window = max(2, threads * WINDOW_PER_WORKER)
            # Sent once to every worker, not with every task.
            self.dictionary = self.client.scatter(dictionary, broadcast=True, hash=False)
        except (OSError, TimeoutError) as error:
            self.client.close()
            raise ClusterError(f"the Dask cluster at {address} has no worker ready: {error}") from None

    def results(self, documents):
        def submit(chunk):
            return self.client.submit(extract_chunk, chunk, self.key, self.code, self.dictionary, pure=False)

        return _in_order(submit, _chunks(documents, self.chunk), self.window)

    def close(self, finished=True):
        self.client.close()


def _context():
    """spawn: each worker starts as a clean interpreter (never a fork of a parent
    that runs threads), imports kg afresh, so that it runs the code on disk that
    the cache's fingerprint hashes, and is this process's own child (its CPU
    time and memory count in this process's resource usage)."""
    return multiprocessing.get_context("spawn")


# --- in the worker processes ------------------------------------------------------

#: This process's Extractor, the fingerprint of its dictionary, and how many
#: times one was made (the model loads once: the pipeline is cached).
_worker = {"key": None, "extractor": None, "dictionary": None, "loads": 0}
_lock = threading.Lock()


def _init_pool_worker(dictionary):
    # Ctrl-C goes to the whole process group: the parent alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The workers already use every core: numpy's OpenBLAS starting a thread
    # per core in each of them made `--jobs 2` three times slower. The limit
    # applies to the libraries loaded at the call, hence numpy's import first.
    import numpy  # noqa: F401
    threadpool_limits(limits=1, user_api="blas")
    # The model loads with the first chunk, so that its errors reach the parent.
    _worker["dictionary"] = dictionary


def _extractor(key, code, dictionary):
    """This process's Extractor for the dictionary `key`, made once."""
    if code != code_fingerprint():
        raise ClusterError("a worker's actor-kg model or extraction rules differ from the client's: install the "
                           "same actor-kg everywhere, and restart long-running workers after changing it")
    if _worker["key"] != key:
        from .extract import Extractor
        dictionary = dictionary if dictionary is not None else _worker["dictionary"]
        _worker["extractor"], _worker["key"] = Extractor(dictionary), key
        _worker["loads"] += 1
    return _worker["extractor"]


def extract_chunk(documents, key, code, dictionary=None):
    """The DocumentResults of consecutive documents, in a worker process.
    `key` is the dictionary's fingerprint, `code` the model's and rules'."""
    with _lock:  # one extraction at a time per process (Dask workers may run threads)
        extractor = _extractor(key, code, dictionary)
        results = []
        for document in documents:
            try:
                results.extend(extractor.results([document]))
            except Exception as error:  # noqa: BLE001 (the parse itself failed on this document)
                results.append(DocumentFailure.of(document, error))
        return results



def build_options(output, jobs=None, scheduler=None, cache_dir=None, no_cache=False):
    """build_documents' `jobs`, `scheduler` and `cache` for `kg build`'s
    options: jobs default to the machine's cores, the cache to .kg-cache/
    beside the output (kg.cache.default_cache_dir), none with `no_cache`."""
    import click

    from .cache import default_cache_dir

    if scheduler and jobs is not None:
        raise click.UsageError("--jobs and --scheduler exclude each other: the cluster's workers do the parsing")
    if no_cache and cache_dir is not None:
        raise click.UsageError("--cache-dir and --no-cache exclude each other")
    cache = None if no_cache else (cache_dir if cache_dir is not None else default_cache_dir(output))
    return {"jobs": jobs or default_jobs(), "scheduler": scheduler, "cache": cache}


def describe(stats):
    """One summary line: how many documents were parsed, and where."""
    where = stats.runner if stats.extracted else "none"
    line = f"parsed      {stats.extracted} of {stats.documents} documents (workers: {where})"
    if stats.cache_dir is not None:
        line += f", {stats.cached} from the cache {stats.cache_dir}"
    return line
