"""Initialize an untrained pipeline from a config, to benchmark its speed before training.

    .venv/bin/python training/speed_gate.py --config training/model-v3.cfg --out /tmp/gate-a \
        [--set components.tok2vec.model.encode.width=160 ...]
    .venv/bin/python training/benchmark.py --model /tmp/gate-a

Speed does not depend on the weights, only on the architecture and on the
label sets (the parser's and NER's output layers), so a pipeline initialized on
the first --docs training documents (enough to see nearly every label) runs
nearly as fast as the trained one. It is packaged as training/train.py packages
a trained one. Measured: an untrained v2 runs at about 0.9 times the speed of
the trained v2 (7,600 against 8,500 tokens/s; the untrained parser and
lemmatizer make other choices), so compare candidates with the untrained v2,
not with the trained figures. Needs training/corpus/ (training/corpus.py).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _path in (REPO, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import train  # noqa: E402  (training/train.py: packaging; registers kg.ner_scorer.v1)


def parse_value(text: str):
    """A --set value as JSON when it parses (numbers, lists), else the string."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def init_pipeline(config_path: Path, out: Path, corpus: Path, docs: int, sets: dict) -> Path:
    """The untrained pipeline, saved in ``out``."""
    from spacy.training.initialize import init_nlp
    from spacy.util import load_config

    import kg.nlp  # noqa: F401  registers the kg.news_tokenizer.v1 callback

    overrides = {"paths.train": str(corpus / "train.spacy"),
                 "paths.dev": str(corpus / "dev.spacy"),
                 "corpora.train.limit": docs, "corpora.dev.limit": 10, **sets}
    config = load_config(config_path, overrides=overrides, interpolate=False)
    nlp = init_nlp(config.interpolate(), use_gpu=-1)
    nlp.to_disk(out)
    print(f"initialized {config_path.name} {sets or ''} -> {out}", flush=True)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                        help="the data folder (only for the source commits in meta.json)")
    parser.add_argument("--docs", type=int, default=300,
                        help="training documents to initialize the label sets on")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="config override, e.g. components.tok2vec.model.encode.width=160")
    args = parser.parse_args(argv)
    sets = {k: parse_value(v) for k, v in (s.split("=", 1) for s in args.set)}
    untrained = init_pipeline(args.config, args.out.with_name(args.out.name + ".init"),
                              args.corpus, args.docs, sets)
    train.package(untrained, args.data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
