"""`kg build`: extract a graph from a corpus."""
import sys
import threading
import time
from pathlib import Path

import click

from ..actors import ActorDictionary
from ..corpus import ON_ERROR, load_corpus
from ..escape import terminal_text
from ..fileio import check_output, write_output
from ..graphio import RDF_FORMATS, serialize_graph
from ..parallel import build_options, default_jobs, describe
from ..pipeline import DEFAULT_CORPUS, build_documents, summary

#: The graph file written when neither -o nor --store is given.
DEFAULT_OUTPUT = "out/graph.ttl"
#: Seconds between two progress lines when standard error is not a terminal.
PROGRESS_INTERVAL = 10.0


class ProgressLines:
    """Progress for a log or CI: every `interval` seconds, from a background
    thread so that the beat is steady even while one long document is parsed,
    a line `progress: 120/10000 documents, 3.1 documents/s, about 53m left`."""

    def __init__(self, total, interval, stream=None):
        self.total, self.interval, self.done = total, interval, 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="kg-progress", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def update(self, _document=None):
        self.done += 1

    def line(self):
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        left = f"about {_duration((self.total - self.done) / rate)} left" if rate > 0 else "time left unknown"
        return f"progress: {self.done}/{self.total} documents, {rate:.1f} documents/s, {left}"

    def _beat(self):
        while not self._stop.wait(self.interval):
            print(self.line(), file=self.stream, flush=True)


def _duration(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", metavar="FILE",
              help="Graph file to write ('-' for standard output; a device or FIFO is written in place).  "
                   f"[default: {DEFAULT_OUTPUT}; none with --store alone]")
@click.option("--store", "store_dir", type=click.Path(path_type=str), metavar="DIR",
              help="Also write an Oxigraph store in DIR (new, empty, or an earlier store, which is replaced): "
                   "every reading command opens it at once, and kg serve and kg push take it. Without -o, "
                   "only the store is written.")
@click.option("--push", "push_endpoint", metavar="URL",
              help="Also push the graph into the shared triple store at URL (Graph Store Protocol, as kg push; "
                   "credentials from KG_ENDPOINT_TOKEN or KG_ENDPOINT_USER/PASSWORD). Without -o or --store, "
                   "only the push is done.")
@click.option("--push-graph", "push_graph", metavar="IRI",
              help="The named graph to push to.  [default: the build's own, as kg push]")
@click.option("--replace", is_flag=True, help="With --push: replace the named graph if the server has it.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(path_type=str),
              help="Your own actor dictionary (YAML), merged over the built-in one. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(sorted(RDF_FORMATS)), default="turtle", show_default=True,
              help="RDF serialisation of the output.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help=f"Worker processes that parse (1: this process only).  [default: the machine's cores, "
                   f"{default_jobs()} here]")
@click.option("--scheduler", metavar="ADDRESS",
              help="Parse on the dask.distributed cluster whose scheduler is at ADDRESS (tcp://host:8786); "
                   "needs actor-kg[cluster] on this machine and the workers.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str), metavar="DIR",
              help="Where each document's extraction result is kept, so that a rebuild parses only new or "
                   "changed documents.  [default: .kg-cache/ beside the output; ./.kg-cache/ with -o -]")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache: parse every document.")
@click.option("--on-error", type=click.Choice(ON_ERROR),
              help="A bad file or .jsonl line, or a document whose extraction fails: report it and go on "
                   "(skip), or stop (fail).  "
                   "[default: skip when a PATH is a directory, else fail]")
@click.option("--progress-interval", type=click.FloatRange(min=0.01), default=PROGRESS_INTERVAL, show_default=True,
              metavar="SECONDS", help="Without a terminal: seconds between two progress lines on standard error.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary (skipped files are still reported).")
def command(paths, output, actor_files, fmt, on_error, progress_interval, quiet, jobs, scheduler, cache_dir,
            no_cache, store_dir, push_endpoint, push_graph, replace):
    """Build the actor graph of PATHS (files or directories of .txt, .md,
    .html, .jsonl; default: seeds/).

    A bad file or .jsonl line (empty, binary, not UTF-8 or UTF-16, invalid
    JSON), or a document whose extraction fails, is reported as
    FILE[:LINE]: reason. Under --on-error skip it is left out and counted in
    the summary; under fail it stops the build. The output is written only
    when the build succeeds, so an earlier graph survives.

    \b
    Examples:
      kg build -o out/graph.ttl
      kg build reports/ extra.jsonl --actors mine.yaml --format nt -o out/graph.nt
      kg build archive/ --on-error fail -o - | gzip > graph.ttl.gz
      kg build archive/ --store out/store                 # only the store
      kg build archive/ -o out/graph.ttl --store out/store
      kg build archive/ --push http://kg.example:7878 --push-graph urn:team:alice --replace
    """
    from ..store import check_store_directory

    paths = paths or (DEFAULT_CORPUS,)
    if (push_graph or replace) and push_endpoint is None:
        raise click.UsageError("--push-graph and --replace go with --push URL")
    if output is None and store_dir is None and push_endpoint is None:
        output = DEFAULT_OUTPUT
    # Input and output errors surface before the model loads.
    target = check_output(output) if output is not None else None
    if store_dir is not None:
        check_store_directory(store_dir)
    if push_endpoint is not None:
        from ..push import check_target

        check_target(push_endpoint, push_graph, replace)
    # The default cache goes beside a file (or the store), never into /dev beside a device.
    beside = (output if target.mode == "atomic" else "-") if target is not None else (store_dir or "-")
    extraction = build_options(beside, jobs, scheduler, cache_dir, no_cache)
    if on_error is None:
        on_error = "skip" if any(Path(path).is_dir() for path in paths) else "fail"
    dictionary = ActorDictionary.load(tuple(actor_files))
    corpus = load_corpus(paths, on_error=on_error,
                         report=lambda problem: click.echo(f"skipped: {terminal_text(problem)}", err=True))
    documents = corpus.documents
    extraction["on_failure"] = _failure_policy(on_error)
    if quiet:
        build = build_documents(documents, dictionary, **extraction)
    elif sys.stderr.isatty():
        with click.progressbar(length=len(documents), label="Extracting", file=sys.stderr) as bar:
            build = build_documents(documents, dictionary, progress=lambda _document: bar.update(1), **extraction)
    else:
        with ProgressLines(len(documents), progress_interval) as progress:
            build = build_documents(documents, dictionary, progress=progress.update, **extraction)
    written = write_output(output, serialize_graph(build.triples, fmt)) if output is not None else None
    if store_dir is not None:
        from ..store import write_store

        stored = write_store(build.triples, store_dir)
    pushed = _push(build.triples, store_dir, push_endpoint, push_graph, replace) if push_endpoint else None
    if not quiet:
        to_stderr = written is not None and (written.is_stdout or target.mode == "direct")
        click.echo(summary(build.extraction), err=to_stderr)
        if corpus.skipped:
            click.echo(f"skipped     {len(corpus.skipped)} bad file{'s' * (len(corpus.skipped) != 1)} or "
                       f"line{'s' * (len(corpus.skipped) != 1)} (listed above)", err=to_stderr)
        if build.stats.failed:
            click.echo(f"skipped     {build.stats.failed} document{'s' * (build.stats.failed != 1)} whose "
                       f"extraction failed (listed above)", err=to_stderr)
        if output is not None and not to_stderr:
            click.echo(f"graph       {terminal_text(output)} ({len(build.triples)} triples)")
        if store_dir is not None:
            click.echo(f"store       {terminal_text(store_dir)} ({stored} triples)", err=to_stderr)
        if pushed is not None:
            from ..push import describe as describe_push

            click.echo(terminal_text(describe_push(pushed)), err=to_stderr)
        click.echo(terminal_text(describe(build.stats)), err=to_stderr)
        if build.stats.cache_error:
            click.echo(f"warning: the cache could not be written: {terminal_text(build.stats.cache_error)}", err=True)


def _failure_policy(on_error):
    """build_documents' on_failure for --on-error: report a document whose
    extraction failed and go on (skip), or stop the build (fail)."""
    if on_error == "fail":
        return None

    def report(document, failure):
        from ..results import failure_message

        click.echo(f"skipped: {terminal_text(failure_message(document, failure))}", err=True)

    return report


def _push(graph, store_dir, endpoint, graph_iri, replace):
    """Push the build: from the store just written, else from memory."""
    from ..push import push
    from ..store import from_rdflib

    return push(store_dir if store_dir is not None else from_rdflib(graph), endpoint, graph=graph_iri,
                replace=replace)
