"""The Brown cluster table for `kg.ClusterHashEmbed.v1` (training/model-v7.cfg).

    .venv/bin/python training/clusters.py [--out training/corpus/clusters.json]

The table is `en_lexeme_cluster` of spaCy's `spacy-lookups-data` package
(PyPI, MIT licence). The wheel is fetched from PyPI with `pip download` into
training/cache/ and read as a zip, not installed: installed, the package would
also change every blank English pipeline's NORM table. Words without a cluster
(cluster 0, four in five of the table's words) are left out.

At initialisation, `[initialize.lookups]` (`kg.word_cluster_lookups.v1`) puts
the table into the vocab, which the packaged model keeps.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from spacy.lookups import Lookups
from spacy.util import registry

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
OUT = HERE / "corpus" / "clusters.json"
FREQUENCY_OUT = HERE / "corpus" / "frequencies.json"
PROBABILITY_MEMBER = "spacy_lookups_data/data/en_lexeme_prob.json.gz"
RAREST_LOG_PROBABILITY = -17.0  # about the 170,000 commonest word forms
PACKAGE = "spacy-lookups-data==1.0.5"
MEMBER = "spacy_lookups_data/data/en_lexeme_cluster.json.gz"
TABLE = "lexeme_cluster"
USED_BY = "kg.word_cluster_lookups.v1"
SOURCES = [{
    "name": "Brown word clusters (en_lexeme_cluster) of spacy-lookups-data 1.0.5",
    "url": "https://pypi.org/project/spacy-lookups-data/",
    "license": "MIT",
    "author": "Explosion AI",
}]


def write_table(out: Path, table: dict) -> Path:
    """A word table as JSON (the form every table builder here writes)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    return out


def read_table(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def wheel(cache: Path = CACHE) -> Path:
    found = sorted(cache.glob("spacy_lookups_data-1.0.5-*.whl"))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        PACKAGE, "-d", str(cache)], check=True)
        found = sorted(cache.glob("spacy_lookups_data-1.0.5-*.whl"))
    return found[0]


def build(out: Path = OUT, cache: Path = CACHE) -> Path:
    if out.is_file():
        return out
    with zipfile.ZipFile(wheel(cache)) as archive:
        clusters = json.loads(gzip.decompress(archive.read(MEMBER)))
    kept = {word: cluster for word, cluster in sorted(clusters.items()) if cluster}
    write_table(out, kept)
    return out


FREQUENCY_SOURCES = [{
    "name": "word probabilities (en_lexeme_prob) of spacy-lookups-data 1.0.5, binned",
    "url": "https://pypi.org/project/spacy-lookups-data/",
    "license": "MIT",
    "author": "Explosion AI",
}]


def build_frequencies(out: Path = FREQUENCY_OUT, cache: Path = CACHE) -> Path:
    """Word forms (case kept) to a frequency bin: half-units of negative log
    probability (1 the commonest), for the commonest forms only."""
    if out.is_file():
        return out
    with zipfile.ZipFile(wheel(cache)) as archive:
        probabilities = json.loads(gzip.decompress(archive.read(PROBABILITY_MEMBER)))
    bins = {word: max(1, round(-2 * log_p)) for word, log_p in sorted(probabilities.items())
            if log_p > RAREST_LOG_PROBABILITY}
    write_table(out, bins)
    return out


@registry.misc(USED_BY)
def word_cluster_lookups(path: str) -> Lookups:
    lookups = Lookups()
    lookups.add_table(TABLE, read_table(path))
    return lookups


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    path = build(args.out)
    print(f"{path}: {len(read_table(path)):,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
