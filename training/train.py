"""Train the English pipeline (tagger, morphologizer, lemmatizer, parser, NER).

    .venv/bin/python training/train.py --data ../shared/data      # model v8f, the shipped one (make model)
    .venv/bin/python training/train.py --data ../shared/data --config training/model-v3.cfg \
        --output training/output/v3 --target training/output/model-v3 --version 3.0.0

``--data`` is the folder with ud-english-ewt, ud-english-gum and
uner-english-ewt. Steps:
  1. build the training sets in training/corpus/ (training/corpus.py): EWT
     train + GUM train with UNER EWT entities and GUM named mentions, EWT dev
     + GUM dev, and the test sets (documents of 10 sentences);
  2. train with --config (default training/model-v8f.cfg) into --output
     (model-best, model-last);
  3. package model-best into --target (default training/output/model-v8f) with
     the news tokenizer rules of kg/nlp.py and the feature tables in the tok2vec
     layer, leaving out what is not needed at run time;
  4. evaluate the package on EWT test, GUM test and GUM test news and record
     the scores in its meta.json.

--package-only skips steps 1-2 and packages an existing <output>/model-best.
"""

from __future__ import annotations

import os

# One thread (a shared 2-core machine): set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (training/corpus.py)
import evaluate as kg_eval  # noqa: E402  (training/evaluate.py)
import augment  # noqa: E402,F401  registers kg.mention_swap_augmenter.v1 (model-v4-swap.cfg), kg.unmarked_boundary_augmenter.v1 (model-v5.cfg)
import scoring  # noqa: E402,F401  registers kg.ner_scorer.v1 (model-v3.cfg)
import clusters  # noqa: E402  (training/clusters.py) registers kg.word_cluster_lookups.v1 (model-v7.cfg)
import gazetteer  # noqa: E402  (training/gazetteer.py) registers kg.name_lexicon_lookups.v1 (model-v8g.cfg)
import org_lexicon  # noqa: E402  (training/org_lexicon.py) registers kg.org_lexicon_lookups.v1 (model-v10n.cfg)
import raw_text  # noqa: E402  (training/raw_text.py) registers kg.pretrained_embed.v1 (model-v10p.cfg)

CONFIG = HERE / "model-v8f.cfg"
CORPUS = HERE / "corpus"
TARGET = HERE / "output" / "model-v8f"
MAX_MODEL_BYTES = 40 * 1000 * 1000
MODEL_NAME = "en_kg_news"
MODEL_VERSION = "8.2.1"


def say(message: str) -> None:
    print(f"[train] {message}", flush=True)


def source_commit(data_dir: Path) -> str:
    path = data_dir / "SOURCE_COMMIT"
    return path.read_text(encoding="utf-8").split()[0] if path.is_file() else "unknown"


def train(paths: dict, output: Path, max_steps: int | None, config: Path = CONFIG) -> Path:
    from spacy.cli.train import train as spacy_train

    import kg.nlp  # noqa: F401  registers the kg.news_tokenizer.v1 callback

    overrides = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"])}
    if max_steps:
        overrides["training.max_steps"] = max_steps
        overrides["training.patience"] = max_steps
    config_text = config.read_text(encoding="utf-8")
    if clusters.USED_BY in config_text or gazetteer.USED_BY in config_text:
        overrides["paths.clusters"] = str(clusters.build())
    if gazetteer.USED_BY in config_text:
        overrides["paths.gazetteer"] = str(gazetteer.build())
    if "paths.frequencies" in config_text:
        overrides["paths.frequencies"] = str(clusters.build_frequencies())
    if org_lexicon.USED_BY in config_text:
        overrides["paths.org_lexicon"] = str(org_lexicon.build())
    if raw_text.USED_BY in config_text:
        if not raw_text.PRETRAINED.is_file():
            raise SystemExit(f"error: {raw_text.PRETRAINED} not found: run `spacy pretrain` first "
                             "(training/README.md, model v10 candidates)")
        overrides["paths.pretrained"] = str(raw_text.PRETRAINED)
    say(f"training {config.name} -> {output} "
        f"(max_steps {max_steps or 'from config'}); this takes about 1-2 h on one core")
    start = time.time()
    spacy_train(config, output, overrides=overrides, use_gpu=-1)
    say(f"training done in {(time.time() - start) / 60:.0f} min")
    return output / "model-best"


def package(best: Path, data_dir: Path, target: Path, version: str = MODEL_VERSION) -> None:
    """Copy ``best`` to ``target`` with the news tokenizer and clean metadata."""
    import spacy
    from spacy.util import load_config

    from kg.nlp import customize_tokenizer
    from kg.word_clusters import FREQUENCY_TABLE, GAZETTEER_TABLE, ORG_TABLE, feature_tables, pack_tables

    nlp = spacy.load(best)
    customize_tokenizer(nlp)
    tables = feature_tables(nlp)
    meta = nlp.meta
    ner_labels = ", ".join(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else ""
    meta.update({
        "name": MODEL_NAME.split("_", 1)[1],
        "lang": "en",
        "version": version,
        "description": (
            "English tagger (XPOS), morphologizer (UPOS, features), lemmatizer, "
            f"dependency parser and named-entity recognizer ({ner_labels}) for "
            "actor-kg, trained on UD English EWT and the openly licensed part of UD "
            "English GUM, with Universal NER EWT entities and GUM named mentions, "
            "with a news tokenizer. Derived from CC BY-SA 4.0 data: shared under "
            "CC BY-SA 4.0."
        ),
        "license": "CC BY-SA 4.0",
        "author": "actor-kg",
        "sources": [{
            "name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "commit": source_commit(data_dir / corpus.EWT_DIR),
            "author": "Silveira et al. 2014; Stanford University",
        }, {
            "name": "UD English GUM, openly licensed genres (news, interview, bio, "
                    "voyage, textbook, vlog, speech, conversation)",
            "url": "https://github.com/UniversalDependencies/UD_English-GUM",
            "license": "CC BY 4.0 (texts: Wikinews, Wikipedia, Wikivoyage, OpenStax, "
                       "CC vlogs, public-domain speeches, Santa Barbara Corpus)",
            "commit": source_commit(data_dir / corpus.GUM_DIR),
            "author": "Zeldes 2017",
        }, {
            "name": "Universal NER, English EWT (UNER_English-EWT)",
            "url": "https://github.com/UniversalNER/UNER_English-EWT",
            "license": "CC BY-SA 4.0",
            "commit": source_commit(data_dir / corpus.UNER_DIR),
            "author": "Mayhew et al. 2024",
        }] + [source for table, sources in ((clusters.TABLE, clusters.SOURCES), (GAZETTEER_TABLE, gazetteer.SOURCES),
                                            (FREQUENCY_TABLE, clusters.FREQUENCY_SOURCES),
                                            (ORG_TABLE, org_lexicon.SOURCES))
              if table in tables for source in sources],
    })
    meta.pop("performance", None)  # dev scores of the training run; test scores follow
    # The feature tables load as arrays with the tok2vec weights, not entry by entry with the vocab.
    pack_tables(nlp)
    tmp = target.with_name(target.name + ".new")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    # Nothing at run time reads the training paths; do not ship local paths.
    config = load_config(tmp / "config.cfg", interpolate=False)
    for key in ("train", "dev", "clusters", "gazetteer", "frequencies", "org_lexicon", "sourced", "pretrained"):
        if key in config["paths"]:
            config["paths"][key] = None
    # The training-time NER scorer (PER/ORG/LOC only) lives in training/scoring.py;
    # the shipped pipeline must load without it.
    if "ner" in config["components"]:
        config["components"]["ner"]["scorer"] = {"@scorers": "spacy.ner_scorer.v1"}
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


def record_scores(target: Path, results: dict) -> None:
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {kg_eval.SET_NAMES[name] + " test": kg_eval.summary(scores)
                           for name, scores in results.items()}
    meta["performance_note"] = (
        "training/evaluate.py: spaCy scorer on raw text (punctuation excluded from "
        "UAS/LAS); EWT test with UNER entities, GUM test (openly licensed genres) "
        "with its named mentions, GUM test news documents alone")
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=kg_eval.DEFAULT_DATA,
                        help="folder with ud-english-ewt, ud-english-gum and "
                             "uner-english-ewt (default: ../shared/data)")
    parser.add_argument("--output", type=Path, default=HERE / "output" / "v8f",
                        help="training output directory (default: training/output/v8f)")
    parser.add_argument("--config", type=Path, default=CONFIG,
                        help="training config (default: training/model-v8f.cfg)")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="where the built .spacy files go (default: training/corpus)")
    parser.add_argument("--max-steps", type=int, default=None,
                        help="override training.max_steps of the config")
    parser.add_argument("--package-only", action="store_true",
                        help="skip building and training; package <output>/model-best")
    parser.add_argument("--version", default=MODEL_VERSION,
                        help=f"model version in meta.json (default: {MODEL_VERSION})")
    parser.add_argument("--target", type=Path, default=TARGET,
                        help="where the packaged pipeline goes (default: "
                             "training/output/model-v8f; kg/model is swapped in by hand)")
    args = parser.parse_args(argv)

    missing = corpus.missing_inputs(args.data)
    if missing:
        print(f"error: {missing[0]} not found: --data must be the folder with "
              f"{corpus.EWT_DIR}, {corpus.GUM_DIR} and {corpus.UNER_DIR}", file=sys.stderr)
        return 1

    if args.package_only:
        best = args.output / "model-best"
        if not (best / "config.cfg").is_file():
            print(f"error: no trained pipeline at {best}", file=sys.stderr)
            return 1
    else:
        say(f"data: {args.data} (EWT {source_commit(args.data / corpus.EWT_DIR)[:12]}, "
            f"GUM {source_commit(args.data / corpus.GUM_DIR)[:12]}, "
            f"UNER {source_commit(args.data / corpus.UNER_DIR)[:12]})")
        paths = corpus.build(args.data, args.corpus)
        best = train(paths, args.output, args.max_steps, args.config)

    package(best, args.data, args.target, args.version)
    say(f"evaluating {args.target} on EWT test, GUM test and GUM test news ...")
    results = kg_eval.evaluate_all(args.data, "test", model_dir=args.target)
    record_scores(args.target, results)
    print(kg_eval.format_table(results), flush=True)
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
