"""Speed, size and load time of the shipped English pipeline (not a unit test).

    .venv/bin/python training/benchmark.py            # or: make benchmark
    .venv/bin/python training/benchmark.py --model DIR --tokens 50000

Runs single-threaded (OMP/BLAS thread counts set to 1 before numpy is
imported) on the project's seed articles (seeds/*.txt) repeated to about
--tokens tokens, with the full pipeline of kg.nlp.load_pipeline().  Speed per
core is tokens per second of the process's CPU time (wall-clock speed is
printed as well: on a busy machine it is lower).
Targets: >= 8,000 tokens/s per core, <= 40 MB on disk, load <= 1 s.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TARGET_SPEED = 8000
TARGET_MB = 40
TARGET_LOAD_S = 1.0

# Load time is measured in a fresh interpreter: import spaCy first (not part
# of the model's load time, reported apart), then build the pipeline.
_LOAD_SNIPPET = """
import time, sys
t0 = time.perf_counter()
import spacy, kg.nlp
t1 = time.perf_counter()
nlp = kg.nlp.load_pipeline(kg.nlp.Path(sys.argv[1]) if sys.argv[1] else None)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def blas_name() -> str:
    """The BLAS library numpy was built with (it multiplies the pipeline's matrices)."""
    import numpy

    blas = numpy.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
    return f"numpy {numpy.__version__} with {blas.get('name', 'unknown BLAS')} {blas.get('version', '')}".strip()


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure_load(model: Path | None, runs: int) -> tuple[float, float]:
    """Best-of-``runs`` (import seconds, load seconds) in fresh processes."""
    best_import, best_load = float("inf"), float("inf")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SNIPPET, str(model or "")],
            check=True, capture_output=True, text=True, env=env,
        ).stdout.split()
        best_import = min(best_import, float(out[0]))
        best_load = min(best_load, float(out[1]))
    return best_import, best_load


def news_texts(n_tokens: int, nlp) -> tuple[list[str], int]:
    """Seed articles repeated until about ``n_tokens`` tokens."""
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    if not seeds:
        sys.exit("error: no seeds/*.txt to benchmark on")
    base = [p.read_text(encoding="utf-8") for p in seeds]
    sizes = [len(nlp.make_doc(t)) for t in base]
    texts, total = [], 0
    while total < n_tokens:
        for text, size in zip(base, sizes):
            texts.append(text)
            total += size
    return texts, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None,
                        help="pipeline directory (default: kg/model via kg.nlp.load_pipeline)")
    parser.add_argument("--tokens", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the text")
    parser.add_argument("--load-runs", type=int, default=3)
    args = parser.parse_args(argv)

    import spacy

    from kg import nlp as kg_nlp

    model_dir = args.model or kg_nlp.MODEL_DIR
    cmd = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    print(f"command:  {cmd}")
    print(f"machine:  {cpu_model()}, {os.cpu_count()} cores; run on 1 thread")
    print(f"software: Python {platform.python_version()}, spaCy {spacy.__version__}, "
          f"matrix products by {blas_name()}")
    print(f"model:    {model_dir}")

    size_mb = dir_size(model_dir) / 1e6
    imp, load = measure_load(args.model, args.load_runs)

    nlp = kg_nlp.load_pipeline(args.model)
    texts, n_tokens = news_texts(args.tokens, nlp)
    list(nlp.pipe(texts[:5]))  # warm up
    # Per-core speed from the process's CPU time (one thread), so that other
    # work on the machine does not count against it; wall-clock speed too.
    # Best of --repeat passes, as timeit does: the least disturbed one.
    runs = []
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        n_out = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    seconds, wall = min(runs)
    speed = n_out / seconds
    median = n_out / sorted(r[0] for r in runs)[len(runs) // 2]

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    print(f"speed:    {speed:,.0f} tokens/s per core ({n_out:,} tokens of "
          f"{len(texts)} seed articles in {seconds:.1f} s of CPU time, best of "
          f"{args.repeat}; median {median:,.0f}; {n_out / wall:,.0f} tokens/s wall clock)  "
          f"[target >= {TARGET_SPEED:,}: {verdict(speed >= TARGET_SPEED)}]")
    print(f"size:     {size_mb:.1f} MB on disk  "
          f"[target <= {TARGET_MB} MB: {verdict(size_mb <= TARGET_MB)}]")
    print(f"load:     {load:.2f} s (best of {args.load_runs} fresh processes; "
          f"`import spacy, kg.nlp` takes another {imp:.2f} s)  "
          f"[target <= {TARGET_LOAD_S:.0f} s: {verdict(load <= TARGET_LOAD_S)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
