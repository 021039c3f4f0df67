#!/usr/bin/env python3
"""Benchmark actor-kg end to end, as a user runs it: whole `kg` processes.

    python benchmarks/bench.py                      # 50, 500 and 2,000 documents (about 15 min on 2 cores)
    python benchmarks/bench.py --sizes 50           # a quick check (under a minute)
    python benchmarks/bench.py --million            # also a graph of about 1M triples
    make bench BENCH_ARGS="--sizes 50,500"

It generates corpora from the seed articles in seeds/ (each document a seed
article with its paragraphs shuffled, from a fixed random seed, so every run
reads the same text), then measures for each size:

* `kg build` at --jobs 1 and at --jobs N (N: the machine's cores), without the
  cache: documents/s and words/s;
* on the largest corpus, an incremental rebuild after adding 10 documents,
  against the full build that filled the cache;
* on the largest graph, cold `kg query --named backers`, `kg actors`,
  `kg show`, `kg export`, `kg validate` (each a new process; median of
  --repeat runs), and `kg --help`;
* the same reading commands on the Oxigraph store of that graph;
* with --million, the same reading commands on a graph of about 1M triples,
  made by copying the largest graph's documents, assertions and statements
  under new IRIs; and, where pyoxigraph is installed, the backers query in
  plain pyoxigraph as the reference for the limit.

Wall time, CPU time (user + system, worker processes included) and peak
memory: the largest resident set of one process (wait4), and, where psutil is
installed, the peak sum over the process and its workers, sampled every 0.1 s.
Work files go to out/bench/ (--work); the table is printed and saved with the
raw figures in out/bench/results.json. No timing is asserted anywhere: this is
a measurement, not a test.
"""
import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DEFAULT_SIZES = (50, 500, 2000)
EXTRA_DOCUMENTS = 10
ACTOR = "PMF"
MILLION = 1_000_000


# --- the machine ------------------------------------------------------------------

def machine():
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load unknown"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"cpu": model, "cores": os.cpu_count(), "usable_cores": usable, "load": load,
            "python": platform.python_version(), "system": f"{platform.system()} {platform.release()}",
            "commit": commit or "unknown"}


# --- corpora -----------------------------------------------------------------------

def seed_articles():
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
        articles.append([part for part in paragraphs if part])
    if not articles:
        sys.exit(f"no seed articles in {SEEDS}")
    return articles


def generated_text(articles, name, seed):
    """A seed article (chosen by the document's name) with its paragraphs shuffled."""
    draw = random.Random(f"{seed}:{name}")
    paragraphs = list(articles[draw.randrange(len(articles))])
    draw.shuffle(paragraphs)
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder, names, articles, seed):
    """Write the documents `names` into `folder` (kept if already there); the words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for name in names:
        text = generated_text(articles, name, seed)
        path = folder / f"{name}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def corpus(work, size, articles, seed, extra=0):
    folder = work / (f"corpus-{size}" + (f"-plus{extra}" if extra else ""))
    names = [f"bench-{number:05d}" for number in range(size)] + [f"extra-{number:03d}" for number in range(extra)]
    for stale in set(folder.glob("*.txt")) - {folder / f"{name}.txt" for name in names} if folder.exists() else ():
        stale.unlink()
    return folder, len(names), write_corpus(folder, names, articles, seed)


# --- measuring one command ---------------------------------------------------------

def _tree_rss(pid):
    """The summed resident set of process `pid` and its descendants (psutil), or None."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        process = psutil.Process(pid)
        processes = [process, *process.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0
    for member in processes:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(command, timeout, stdout=subprocess.DEVNULL):
    """Run `command`; wall s, CPU s (with its waited-for children), peak MiB of its
    largest process, peak MiB of the process tree (or None), exit status."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(map(str, command)), stdout=stdout, stderr=errors, cwd=REPO)
        peak_tree, next_sample = 0, started
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            now = time.perf_counter()
            if pid:
                break
            if now - started > timeout:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                raise TimeoutError(f"{' '.join(map(str, command))} took longer than {timeout} s")
            if now >= next_sample:
                peak_tree, next_sample = max(peak_tree, _tree_rss(process.pid) or 0), now + 0.1
            time.sleep(0.01)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read()[-4000:].decode("utf-8", "replace")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "tree_mib": peak_tree / 2**20 if peak_tree else None,
        "status": process.returncode,
        "stderr": stderr,
    }


def run(label, command, timeout, repeat=1, check=True, stdout=subprocess.DEVNULL):
    """Median figures of `repeat` runs of `command`."""
    runs = []
    for _ in range(repeat):
        result = measure(command, timeout, stdout=stdout)
        if check and result["status"] != 0:
            sys.exit(f"{label}: exit status {result['status']}\n{result['stderr']}")
        runs.append(result)
    figures = {key: statistics.median(r[key] for r in runs) for key in ("wall", "cpu", "peak_mib")}
    trees = [r["tree_mib"] for r in runs if r["tree_mib"] is not None]
    figures["tree_mib"] = statistics.median(trees) if trees else None
    figures.update(label=label, command=" ".join(map(str, command)), runs=len(runs), status=runs[-1]["status"])
    print(f"  {label}: {figures['wall']:.2f} s", file=sys.stderr, flush=True)
    return figures


# --- the ~1M-triple graph ---------------------------------------------------------

_COPIED = re.compile(r"<(https://w3id\.org/actor-kg/id/(?:doc|assertion|statement)/[^>]*)>")


def million_graph(ntriples, target, output):
    """A graph of about `target` triples: the documents, assertions and statements
    of `ntriples` copied under new IRIs (actors and their relations kept once)."""
    lines = ntriples.read_text(encoding="utf-8").splitlines()
    shared = [line for line in lines if line and not _COPIED.search(line)]
    copied = [line for line in lines if line and _COPIED.search(line)]
    copies = max(1, -(-(target - len(shared)) // max(1, len(copied))))
    with open(output, "w", encoding="utf-8") as stream:
        stream.write("\n".join(shared) + "\n")
        for number in range(copies):
            suffix = f"-c{number}"
            stream.write("\n".join(_COPIED.sub(lambda m: f"<{m.group(1)}{suffix}>", line) for line in copied))
            stream.write("\n")
    return len(shared) + copies * len(copied)


def oxigraph_reference(graph, timeout):
    """The backers query in plain pyoxigraph, in a fresh process: load s, query s, peak MiB."""
    script = r"""
import json, resource, sys, time
from pathlib import Path
import pyoxigraph
graph, ontology, query = sys.argv[1:4]
started = time.perf_counter()
store = pyoxigraph.Store()
fmt = pyoxigraph.RdfFormat.N_TRIPLES if graph.endswith(".nt") else pyoxigraph.RdfFormat.TURTLE
store.bulk_load(path=graph, format=fmt)
store.bulk_load(path=ontology, format=pyoxigraph.RdfFormat.TURTLE)
loaded = time.perf_counter()
rows = list(store.query(query))
done = time.perf_counter()
print(json.dumps({"load": loaded - started, "query": done - loaded, "rows": len(rows),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return None
    prefixes = "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in (
        ("kg", "https://w3id.org/actor-kg/ontology#"), ("kgr", "https://w3id.org/actor-kg/id/"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"), ("prov", "http://www.w3.org/ns/prov#"),
        ("dcterms", "http://purl.org/dc/terms/")))
    body = "\n".join(line for line in (REPO / "kg" / "queries" / "backers.rq").read_text().splitlines()
                     if not line.startswith("#"))
    query = f"{prefixes}\n" + body.replace("WHERE {", "WHERE {\n  VALUES ?actor { kgr:actor\\/pmf }", 1)
    result = subprocess.run([sys.executable, "-c", script, str(graph), str(REPO / "ontology.ttl"), query],
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:]}
    return json.loads(result.stdout)


# --- the table ---------------------------------------------------------------------

def mib(value):
    return "" if value is None else f"{value:,.0f}"


def table(info, command_line, builds, incremental, reads, reference):
    out = [
        f"actor-kg benchmark, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {info['commit']}",
        f"machine: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), {info['load']} at the start, "
        f"Python {info['python']}, {info['system']}",
        f"command: {command_line}",
        "",
        "| build | docs | words | jobs | wall s | CPU s | docs/s | words/s | peak MiB | all processes MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in builds:
        out.append(f"| full, no cache | {row['docs']:,} | {row['words']:,} | {row['jobs']} | {row['wall']:.1f} | "
                   f"{row['cpu']:.1f} | {row['docs'] / row['wall']:.1f} | {row['words'] / row['wall']:,.0f} | "
                   f"{mib(row['peak_mib'])} | {mib(row['tree_mib'])} |")
    by_size = {}
    for row in builds:
        by_size.setdefault(row["docs"], {})[row["jobs"]] = row["wall"]
    speedups = [f"{docs:,} docs: {walls[max(walls)] / walls[1]:.2f}x the wall time of --jobs 1"
                for docs, walls in sorted(by_size.items()) if 1 in walls and len(walls) > 1]
    if speedups:
        out += ["", "--jobs N against --jobs 1: " + "; ".join(speedups)]
    if incremental:
        full, again = incremental["full"], incremental["incremental"]
        out += ["", "| incremental | docs | jobs | wall s | CPU s | parsed | share of the full build |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| full build, filling the cache | {full['docs']:,} | {full['jobs']} | {full['wall']:.1f} | "
                f"{full['cpu']:.1f} | {full['docs']:,} | 100% |",
                f"| {EXTRA_DOCUMENTS} documents added | {again['docs']:,} | {again['jobs']} | {again['wall']:.1f} | "
                f"{again['cpu']:.1f} | {again['parsed']} | {100 * again['wall'] / full['wall']:.0f}% |"]
    for title, rows in reads:
        out += ["", f"| {title} | wall s | CPU s | peak MiB |", "| --- | ---: | ---: | ---: |"]
        out += [f"| `{row['label']}` | {row['wall']:.2f} | {row['cpu']:.2f} | {mib(row['peak_mib'])} |" for row in rows]
    if reference:
        out += ["", f"plain pyoxigraph, backers query on the {reference['graph']}: "
                    + (f"load {reference['load']:.2f} s, query {reference['query']:.3f} s, "
                       f"{reference['rows']} rows, peak {reference['peak_mib']:.0f} MiB"
                       if "load" in reference else f"failed: {reference.get('error')}")]
    return "\n".join(out)


# --- main --------------------------------------------------------------------------

def kg_command():
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="corpus sizes in documents, comma-separated (default: %(default)s)")
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    parser.add_argument("--jobs", type=int, default=cores, help="N for the --jobs N builds (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each reading command (median; default 3)")
    parser.add_argument("--build-repeat", type=int, default=1, help="runs of each build (median; default 1)")
    parser.add_argument("--million", action="store_true", help="also time the reading commands on ~1M triples")
    parser.add_argument("--triples", type=int, default=MILLION,
                        help="with --million: the size of that graph (default: %(default)s)")
    parser.add_argument("--no-incremental", action="store_true", help="skip the incremental rebuild")
    parser.add_argument("--seed", type=int, default=11, help="random seed of the corpora (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench", help="work folder (default: out/bench)")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds one command may take")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    info, kg = machine(), kg_command()
    command_line = " ".join(["python benchmarks/bench.py", *argv])
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    articles = seed_articles()
    jobs = sorted({1, args.jobs})
    print(f"benchmark on {info['cpu']}, {info['usable_cores']} usable cores; work files in {work}", file=sys.stderr)

    builds, graphs = [], {}
    for size in sizes:
        folder, docs, words = corpus(work, size, articles, args.seed)
        for n in jobs:
            output = work / f"graph-{size}-jobs{n}.ttl"
            figures = run(f"build {size} --jobs {n}",
                          [*kg, "build", folder, "-o", output, "--jobs", n, "--no-cache", "-q"],
                          args.timeout, args.build_repeat)
            builds.append({**figures, "docs": docs, "words": words, "jobs": n})
            graphs[size] = output
        if len(jobs) > 1 and (work / f"graph-{size}-jobs1.ttl").read_bytes() != graphs[size].read_bytes():
            sys.exit(f"the graphs of {size} documents at --jobs 1 and --jobs {args.jobs} differ")

    largest = sizes[-1]
    incremental = None
    if not args.no_incremental:
        cache = work / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        folder, docs, _ = corpus(work, largest, articles, args.seed)
        full = run(f"build {largest}, filling the cache",
                   [*kg, "build", folder, "-o", work / "incremental-full.ttl", "--jobs", args.jobs,
                    "--cache-dir", cache, "-q"], args.timeout)
        folder, docs_plus, _ = corpus(work, largest, articles, args.seed, extra=EXTRA_DOCUMENTS)
        output = work / "incremental.txt"
        with open(output, "wb") as stream:
            again = run(f"build {docs_plus}, {EXTRA_DOCUMENTS} added",
                        [*kg, "build", folder, "-o", work / "incremental.ttl", "--jobs", args.jobs,
                         "--cache-dir", cache], args.timeout, stdout=stream)
        parsed = re.search(r"parsed\s+(\d+) of", output.read_text(encoding="utf-8"))
        incremental = {"full": {**full, "docs": docs, "jobs": args.jobs},
                       "incremental": {**again, "docs": docs_plus, "jobs": args.jobs,
                                       "parsed": parsed.group(1) if parsed else "?"}}

    reads = [(f"graph of {largest:,} documents", reading_commands(kg, graphs[largest], work, args)),
             (f"store of {largest:,} documents", reading_commands(kg, store_of(graphs[largest], args), work, args))]
    reference = None
    if args.million:
        ntriples = work / f"graph-{largest}.nt"
        run("N-Triples of the largest graph", [*kg, "build", work / f"corpus-{largest}", "-o", ntriples, "--format",
                                               "nt", "--cache-dir", work / "cache", "-q"], args.timeout)
        big = work / f"graph-{args.triples}.nt"
        triples = million_graph(ntriples, args.triples, big)
        print(f"  {big}: {triples:,} triples", file=sys.stderr)
        reads.append((f"graph of {triples:,} triples", reading_commands(kg, big, work, args)))
        reads.append((f"store of {triples:,} triples", reading_commands(kg, store_of(big, args), work, args)))
        reference = oxigraph_reference(big, args.timeout)
        if reference is not None:
            reference["graph"] = f"{triples:,}-triple graph"
    elif (ref := oxigraph_reference(graphs[largest], args.timeout)) is not None:
        reference = {**ref, "graph": f"{largest:,}-document graph"}

    report = table(info, command_line, builds, incremental, reads, reference)
    print(report)
    (work / "results.json").write_text(json.dumps(
        {"machine": info, "command": command_line, "builds": builds, "incremental": incremental,
         "reads": reads, "reference": reference}, indent=2, default=str), encoding="utf-8")
    (work / "results.md").write_text(report + "\n", encoding="utf-8")
    return 0


def store_of(graph, args):
    """The Oxigraph store of a graph file (what `kg build --store` writes), beside it."""
    store = graph.with_suffix(".store")
    shutil.rmtree(store, ignore_errors=True)
    run(f"store of {graph.name}", [sys.executable, "-c", "import sys; from kg.store import open_graph, "
                                   "write_store_from; write_store_from(open_graph(sys.argv[1]), sys.argv[2])",
                                   graph, store], args.timeout)
    return store


def reading_commands(kg, graph, work, args):
    commands = [
        ("kg query --named backers", [*kg, "query", graph, "--named", "backers", "--param", f"actor={ACTOR}"]),
        ("kg actors", [*kg, "actors", graph]),
        ("kg show", [*kg, "show", graph, ACTOR]),
        ("kg export --format graphml", [*kg, "export", graph, "--actor", ACTOR, "--hops", "2", "--format", "graphml",
                                        "-o", work / "export.graphml"]),
        ("kg validate", [*kg, "validate", graph]),
        ("kg --help", [*kg, "--help"]),
    ]
    return [run(label, command, args.timeout, args.repeat, check=label != "kg validate")
            for label, command in commands]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
