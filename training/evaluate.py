"""Evaluate an English pipeline on EWT and GUM with spaCy's scorer.

    .venv/bin/python training/evaluate.py --data ../shared/data --model training/output/model-v2
    .venv/bin/python training/evaluate.py --data ../shared/data --split dev --limit 20
    .venv/bin/python training/evaluate.py --data ../shared/data --json

``--data`` is the folder with ud-english-ewt, ud-english-gum and
uner-english-ewt (see training/corpus.py). Evaluation sets of the split:

* ``EWT``       UD English EWT, with the UNER EWT entities (PER, ORG, LOC);
* ``GUM``       all GUM documents of the split (openly licensed genres), with
                GUM's named mentions (training/corpus.py) as entities;
* ``GUM news``  the news documents of the same split alone.

Each set is built on the fly as for training (documents of 10 sentences; GUM
documents are not merged), read back with spaCy's corpus reader (raw text
re-tokenized by the pipeline, gold annotation aligned to it) and scored with
``Language.evaluate``, as ``spacy evaluate`` does. spaCy's scorer leaves
punctuation out of UAS and LAS. ``--gold-tokens`` gives the pipeline the gold
words instead of raw text (no tokenization errors; sentences still its own).
NER is scored over PER, ORG and LOC only: NORP spans (model v3 learns UNER's
old OTH tags as NORP; UNER's release has none) are dropped from the predicted
and the gold documents before scoring, and the number of predicted ones is
reported (training/scoring.py). Without ``--model`` the shipped ``kg/model``
is evaluated; any directory gets the news tokenizer and the sentence
components of ``kg.nlp.add_news_components`` except ``prose_sentences`` (see
``load_model``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _path in (REPO, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import corpus  # noqa: E402  (training/corpus.py)
import scoring  # noqa: E402  (training/scoring.py; registers kg.ner_scorer.v1)

SPLITS = corpus.SPLITS
SETS = ("ewt", "gum", "gum-news")
SET_NAMES = {"ewt": "EWT", "gum": "GUM", "gum-news": "GUM news"}
DEFAULT_DATA = REPO.parent / "shared" / "data"

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
    ("NER P", "ents_p"),
    ("NER R", "ents_r"),
    ("NER F", "ents_f"),
)


def load_model(model_dir: Path | None):
    """kg/model (by default) or another trained directory, with the news
    tokenizer and sentence components of kg.nlp.add_news_components but
    ``prose_sentences``: the test documents join their sentences with spaces,
    so a headline or list item that ends on a bare word has lost the line
    break that component relies on, and would be glued to the next sentence."""
    import spacy

    from kg import nlp as kg_nlp

    nlp = kg_nlp.add_news_components(spacy.load(model_dir or kg_nlp.MODEL_DIR))
    nlp.remove_pipe("prose_sentences")
    return nlp


def gold_docs(data: Path, name: str, split: str, vocab, limit: int = 0) -> list:
    """The gold documents of one evaluation set (first ``limit`` documents if > 0)."""
    if name == "ewt":
        docs = corpus.group_docs(corpus.ewt_sentence_docs(data, split, vocab, Counter()))
    else:
        docs = corpus.gum_docs(data, split, vocab, Counter(),
                               genre="news" if name == "gum-news" else None)
    return docs[:limit] if limit else docs


def with_gold_tokens(nlp, examples: list) -> list:
    """The examples with the gold words (and spaces) as the pipeline's input."""
    from spacy.tokens import Doc
    from spacy.training import Example

    return [Example(Doc(nlp.vocab, words=[t.text for t in eg.reference],
                        spaces=[bool(t.whitespace_) for t in eg.reference]), eg.reference)
            for eg in examples]


def score_examples(nlp, examples: list) -> dict:
    """What ``nlp.evaluate`` does (run the pipeline on the predicted side, spaCy's
    Scorer), with NER scored without NORP; ``ignored_ents`` counts the predicted
    NORP spans left out."""
    from spacy.scorer import Scorer

    for eg, doc in zip(examples, nlp.pipe(eg.predicted for eg in examples)):
        eg.predicted = doc
    scores = Scorer(nlp).score(examples)
    kept, scores["ignored_ents"] = scoring.without_labels(examples)
    scores.update(scoring.get_ner_prf(kept))
    return scores


def evaluate_set(nlp, data: Path, name: str, split: str = "test", limit: int = 0,
                 gold_tokens: bool = False) -> dict:
    """spaCy's scores of ``nlp`` on one evaluation set, plus sizes and seconds."""
    from spacy.tokens import DocBin
    from spacy.training import Corpus

    docs = gold_docs(data, name, split, nlp.vocab, limit)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        path = Path(tmp) / f"{name}-{split}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(path)
        examples = list(Corpus(path, gold_preproc=False)(nlp))
    if gold_tokens:
        examples = with_gold_tokens(nlp, examples)
    start = time.perf_counter()
    scores = score_examples(nlp, examples)
    scores["seconds"] = time.perf_counter() - start
    scores["sentences"] = sum(len(list(eg.reference.sents)) for eg in examples)
    scores["words"] = sum(len(eg.reference) for eg in examples)
    scores["entities"] = sum(1 for eg in examples for ent in eg.reference.ents
                             if ent.label_ not in scoring.IGNORED_LABELS)
    return scores


def evaluate_all(data: Path, split: str = "test", model_dir: Path | None = None,
                 sets=SETS, limit: int = 0, gold_tokens: bool = False) -> dict:
    nlp = load_model(model_dir)
    return {name: evaluate_set(nlp, data, name, split, limit, gold_tokens) for name in sets}


def summary(scores: dict) -> dict:
    """The reported figures of one set's scores (percentages; NER per label)."""
    out = {label: round(scores[key] * 100, 2) for label, key in METRICS
           if scores.get(key) is not None}
    per_type = scores.get("ents_per_type") or {}
    out["NER per label"] = {label: {k.upper(): round(v * 100, 2) for k, v in prf.items()}
                            for label, prf in sorted(per_type.items())}
    for key in ("sentences", "words", "entities", "ignored_ents"):
        out[key] = scores[key]
    return out


def format_table(results: dict) -> str:
    names = list(results)
    head = f"{'':<10}" + "".join(f"{SET_NAMES.get(n, n):>16}" for n in names)
    lines = [head]
    for label, key in METRICS:
        values = [results[n].get(key) for n in names]
        if any(v is not None for v in values):
            lines.append(f"{label:<10}" + "".join(
                f"{v * 100:>16.2f}" if v is not None else f"{'-':>16}" for v in values))
    labels = sorted({lab for n in names for lab in (results[n].get("ents_per_type") or {})})
    for lab in labels:
        lines.append(f"{lab + ' P/R/F':<10}" + "".join(
            "{:>16}".format("/".join(f"{results[n]['ents_per_type'][lab][k] * 100:.1f}"
                                     for k in "prf")
                            if lab in (results[n].get("ents_per_type") or {}) else "-")
            for n in names))
    lines.append(f"{'sentences':<10}" + "".join(f"{results[n]['sentences']:>16}" for n in names))
    lines.append(f"{'words':<10}" + "".join(f"{results[n]['words']:>16}" for n in names))
    lines.append(f"{'entities':<10}" + "".join(f"{results[n]['entities']:>16}" for n in names))
    lines.append(f"{'NORP pred':<10}" + "".join(f"{results[n]['ignored_ents']:>16}"
                                                for n in names) + "  (not scored)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with ud-english-ewt, ud-english-gum, uner-english-ewt "
                             "(default: ../shared/data)")
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--sets", default=",".join(SETS),
                        help=f"comma-separated evaluation sets (default: {','.join(SETS)})")
    parser.add_argument("--limit", type=int, default=0,
                        help="only the first N documents of each set (0: all)")
    parser.add_argument("--model", type=Path, default=None,
                        help="pipeline directory (default: the shipped kg/model)")
    parser.add_argument("--gold-tokens", action="store_true",
                        help="give the pipeline the gold words instead of raw text")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)

    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        print(f"error: unknown set {unknown[0]!r} (choose from {', '.join(SETS)})",
              file=sys.stderr)
        return 1
    missing = corpus.missing_inputs(args.data)
    if missing:
        print(f"error: {missing[0]} not found (--data must hold {corpus.EWT_DIR}, "
              f"{corpus.GUM_DIR} and {corpus.UNER_DIR})", file=sys.stderr)
        return 1
    if args.model is not None and not (args.model / "config.cfg").is_file():
        print(f"error: no spaCy pipeline at {args.model}", file=sys.stderr)
        return 1
    try:
        results = evaluate_all(args.data, args.split, args.model, sets, args.limit,
                               args.gold_tokens)
    except Exception as exc:  # KGError from a missing model, unreadable data
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({SET_NAMES[n]: summary(s) for n, s in results.items()}, indent=2))
        return 0
    tokens = "gold tokens" if args.gold_tokens else "raw text"
    print(f"{args.model or 'kg/model'} on the {args.split} split ({args.data}; {tokens})")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
