"""Train the shipped English pipeline (kg/model) from UD English EWT.

    .venv/bin/python training/train.py --data ../shared/data/ud-english-ewt
    make model

Steps:
  1. convert en_ewt-ud-{train,dev,test}.conllu to .spacy in training/corpus/
     (documents of 10 sentences, so that the parser learns sentence boundaries);
  2. train with training/news.cfg into --output (model-best, model-last);
  3. copy model-best into kg/model/ with the news tokenizer rules of kg/nlp.py,
     leaving out what is not needed at run time;
  4. evaluate kg/model on EWT test and record the scores in its meta.json.

--package-only skips steps 1-2 and ships an existing <output>/model-best.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import evaluate as ewt_eval  # noqa: E402  (training/evaluate.py)

CONFIG = HERE / "news.cfg"
CORPUS = HERE / "corpus"
SPLITS = ("train", "dev", "test")
MAX_MODEL_BYTES = 30 * 1024 * 1024
MODEL_NAME = "en_kg_news"
MODEL_VERSION = "1.0.0"


def say(message: str) -> None:
    print(f"[train] {message}", flush=True)


def source_commit(data_dir: Path) -> str:
    path = data_dir / "SOURCE_COMMIT"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else "unknown"


def convert(data_dir: Path, corpus_dir: Path) -> dict:
    """CoNLL-U -> .spacy for each split; returns {split: path}."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split in SPLITS:
        src = ewt_eval.conllu_path(data_dir, split)
        dest = corpus_dir / f"en_ewt-ud-{split}.spacy"
        docbin = ewt_eval.conllu_to_docbin(src)
        docbin.to_disk(dest)
        say(f"converted {src.name}: {len(docbin)} docs of "
            f"{ewt_eval.SENTS_PER_DOC} sentences -> {dest}")
        paths[split] = dest
    return paths


def train(paths: dict, output: Path, max_steps: int | None, config: Path = CONFIG) -> Path:
    from spacy.cli.train import train as spacy_train

    import kg.nlp  # noqa: F401  registers the kg.news_tokenizer.v1 callback

    overrides = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"])}
    if max_steps:
        overrides["training.max_steps"] = max_steps
        overrides["training.patience"] = max_steps
    say(f"training {config.name} -> {output} "
        f"(max_steps {max_steps or 'from config'}); this takes about 1-2 h on one core")
    start = time.time()
    spacy_train(config, output, overrides=overrides, use_gpu=-1)
    say(f"training done in {(time.time() - start) / 60:.0f} min")
    return output / "model-best"


def package(best: Path, data_dir: Path, target: Path) -> None:
    """Copy ``best`` to ``target`` with the news tokenizer and clean metadata."""
    import spacy
    from spacy.util import load_config

    from kg.nlp import customize_tokenizer

    nlp = spacy.load(best)
    customize_tokenizer(nlp)
    meta = nlp.meta
    meta.update({
        "name": MODEL_NAME.split("_", 1)[1],
        "lang": "en",
        "version": MODEL_VERSION,
        "description": (
            "English tagger (XPOS), morphologizer (UPOS, features), lemmatizer and "
            "dependency parser for actor-kg, trained on UD English EWT with a news "
            "tokenizer. Derived from CC BY-SA 4.0 data: shared under CC BY-SA 4.0."
        ),
        "license": "CC BY-SA 4.0",
        "author": "actor-kg",
        "sources": [{
            "name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "commit": source_commit(data_dir),
            "author": "Silveira et al. 2014; Stanford University",
        }],
    })
    meta.pop("performance", None)  # dev scores of the training run; test scores follow
    tmp = target.with_name(target.name + ".new")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    # Nothing at run time reads the training paths; do not ship local paths.
    config = load_config(tmp / "config.cfg", interpolate=False)
    for key in ("train", "dev"):
        config["paths"][key] = None
    config.to_disk(tmp / "config.cfg")
    # Empty word-vector and lookup tables are recreated at load time.
    vocab = tmp / "vocab"
    for name in ("lookups.bin",):
        path = vocab / name
        if path.is_file() and path.stat().st_size < 100:
            path.unlink()
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    say(f"shipped {best} -> {target} ({size / 1e6:.1f} MB)")
    if size > MAX_MODEL_BYTES:
        say(f"WARNING: the model is larger than {MAX_MODEL_BYTES / 1024 / 1024:.0f} MiB")


def record_scores(target: Path, scores: dict) -> None:
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {
        key: round(scores[key], 4)
        for _, key in ewt_eval.METRICS if scores.get(key) is not None
    }
    meta["performance_note"] = "UD English EWT test, spaCy scorer (punctuation excluded from UAS/LAS)"
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path,
                        help="UD English EWT directory with en_ewt-ud-{train,dev,test}.conllu")
    parser.add_argument("--output", type=Path, default=HERE / "output",
                        help="training output directory (default: training/output)")
    parser.add_argument("--config", type=Path, default=CONFIG,
                        help="training config (default: training/news.cfg, the shipped model's)")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="where the converted .spacy files go (default: training/corpus)")
    parser.add_argument("--max-steps", type=int, default=None,
                        help="override training.max_steps of news.cfg")
    parser.add_argument("--package-only", action="store_true",
                        help="skip conversion and training; ship <output>/model-best")
    parser.add_argument("--target", type=Path, default=REPO / "kg" / "model",
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    missing = [ewt_eval.conllu_path(args.data, s) for s in SPLITS
               if not ewt_eval.conllu_path(args.data, s).is_file()]
    if not args.data.is_dir() or missing:
        what = args.data if not args.data.is_dir() else missing[0]
        print(f"error: {what} not found: --data must be the UD English EWT directory "
              f"with en_ewt-ud-{{train,dev,test}}.conllu", file=sys.stderr)
        return 1

    if args.package_only:
        best = args.output / "model-best"
        if not (best / "config.cfg").is_file():
            print(f"error: no trained pipeline at {best}", file=sys.stderr)
            return 1
    else:
        say(f"data: {args.data} (UD English EWT, commit {source_commit(args.data)[:12]})")
        paths = convert(args.data, args.corpus)
        best = train(paths, args.output, args.max_steps, args.config)

    package(best, args.data, args.target)
    say(f"evaluating {args.target} on EWT test ...")
    scores = ewt_eval.evaluate_split(args.data, "test", model_dir=args.target)
    record_scores(args.target, scores)
    print(ewt_eval.format_scores(scores), flush=True)
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
