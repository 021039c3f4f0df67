"""Evaluate the shipped English pipeline on UD English EWT with spaCy's scorer.

    .venv/bin/python training/evaluate.py --data ../shared/data/ud-english-ewt
    .venv/bin/python training/evaluate.py --data DIR --split dev --limit 20
    .venv/bin/python training/evaluate.py --data DIR --model training/output/model-best

The CoNLL-U file of the split is converted on the fly to a temporary .spacy
file (documents of 10 sentences, as for training), read back with spaCy's
corpus reader (raw text re-tokenized by the pipeline, gold annotation aligned
to it) and scored with ``Language.evaluate``, as ``spacy evaluate`` does.
spaCy's scorer leaves punctuation out of UAS and LAS.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SPLITS = ("train", "dev", "test")
SENTS_PER_DOC = 10

# (label, spaCy score key), in print order.
METRICS = (
    ("tokens", "token_acc"),
    ("UPOS", "pos_acc"),
    ("XPOS", "tag_acc"),
    ("morph", "morph_acc"),
    ("lemma", "lemma_acc"),
    ("UAS", "dep_uas"),
    ("LAS", "dep_las"),
    ("sent P", "sents_p"),
    ("sent R", "sents_r"),
    ("sent F", "sents_f"),
)


def conllu_path(data_dir: Path, split: str) -> Path:
    return Path(data_dir) / f"en_ewt-ud-{split}.conllu"


def conllu_to_docbin(conllu: Path, limit: int = 0):
    """The CoNLL-U file as a DocBin of 10-sentence docs (first ``limit`` sentences if > 0)."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    text = conllu.read_text(encoding="utf-8")
    if limit:
        text = "\n\n".join(text.strip().split("\n\n")[:limit]) + "\n"
    docs = conllu_to_docs(text, n_sents=SENTS_PER_DOC, no_print=True)
    return DocBin(docs=docs, store_user_data=False)


def load_model(model_dir: Path | None):
    """kg/model through kg.nlp.load_pipeline, or another trained directory with the
    same news tokenizer and components (kg.nlp.add_news_components)."""
    import spacy

    from kg import nlp as kg_nlp

    if model_dir is None or Path(model_dir).resolve() == kg_nlp.MODEL_DIR.resolve():
        return kg_nlp.load_pipeline()
    return kg_nlp.add_news_components(spacy.load(model_dir))


def evaluate_split(data_dir: Path, split: str = "test", limit: int = 0,
                   model_dir: Path | None = None) -> dict:
    """spaCy's scores of the model on one EWT split, plus words/second."""
    from spacy.training import Corpus

    nlp = load_model(model_dir)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        path = Path(tmp) / f"{split}.spacy"
        conllu_to_docbin(conllu_path(data_dir, split), limit).to_disk(path)
        examples = list(Corpus(path, gold_preproc=False)(nlp))
    start = time.perf_counter()
    scores = nlp.evaluate(examples)
    scores["seconds"] = time.perf_counter() - start
    scores["sentences"] = sum(len(list(eg.reference.sents)) for eg in examples)
    scores["words"] = sum(len(eg.reference) for eg in examples)
    return scores


def format_scores(scores: dict) -> str:
    lines = []
    for label, key in METRICS:
        value = scores.get(key)
        if value is not None:
            lines.append(f"{label:<8} {value * 100:6.2f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path,
                        help="directory with en_ewt-ud-{train,dev,test}.conllu")
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--limit", type=int, default=0,
                        help="only the first N sentences (0: all)")
    parser.add_argument("--model", type=Path, default=None,
                        help="pipeline directory (default: the shipped kg/model)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)

    conllu = conllu_path(args.data, args.split)
    if not conllu.is_file():
        print(f"error: {conllu} not found (--data must hold the UD English EWT "
              f"CoNLL-U files)", file=sys.stderr)
        return 1
    if args.model is not None and not (args.model / "config.cfg").is_file():
        print(f"error: no spaCy pipeline at {args.model}", file=sys.stderr)
        return 1
    try:
        scores = evaluate_split(args.data, args.split, args.limit, args.model)
    except Exception as exc:  # KGError from a missing model, unreadable data
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        keep = {key: scores.get(key) for _, key in METRICS}
        keep.update({k: scores[k] for k in ("sentences", "words", "seconds")})
        print(json.dumps(keep, indent=2))
        return 0
    model = args.model or "kg/model"
    print(f"{model} on EWT {args.split} ({conllu}; {scores['sentences']} sentences, "
          f"{scores['words']} words, {scores['seconds']:.1f} s)")
    print(format_scores(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
