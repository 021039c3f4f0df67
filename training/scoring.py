"""NER scores over PER, ORG and LOC only, for a pipeline that also predicts NORP.

Model v3 learns UNER's old OTH tags (demonyms, religions, groups: "Iraqi",
"Shiite", "the Arabs") as a label of their own, NORP, so that they stop being
guessed as LOC or ORG. UNER's release has no such label (dev and test carry
none), so NORP is left out of every NER score: predicted and gold NORP spans
become "outside" before spaCy's scorer compares the rest.

* ``kg.ner_scorer.v1`` (registered scorer, for the training config): the dev
  scores that pick ``model-best``;
* ``without_labels`` (used by training/evaluate.py on the test sets).

The packaged pipeline goes back to ``spacy.ner_scorer.v1`` (training/train.py),
so that loading it never needs this module.
"""

from __future__ import annotations

from spacy.scorer import get_ner_prf
from spacy.training import Example
from spacy.util import registry

IGNORED_LABELS = ("NORP",)


def drop_label_spans(doc, labels) -> int:
    """Set the entity spans of ``labels`` in ``doc`` to outside (other spans and
    missing annotation untouched); returns how many were dropped."""
    dropped = [ent for ent in doc.ents if ent.label_ in labels]
    if dropped:
        kept = [ent for ent in doc.ents if ent.label_ not in labels]
        doc.set_ents(kept, outside=dropped, default="unmodified")
    return len(dropped)


def without_labels(examples, labels=IGNORED_LABELS) -> tuple[list, int]:
    """Copies of ``examples`` without entity spans of ``labels`` on either side,
    and the number of predicted spans dropped (the examples are not modified)."""
    out, n_predicted = [], 0
    for eg in examples:
        predicted, reference = eg.predicted.copy(), eg.reference.copy()
        n_predicted += drop_label_spans(predicted, labels)
        drop_label_spans(reference, labels)
        out.append(Example(predicted, reference))
    return out, n_predicted


def ner_scores(examples, ignore=IGNORED_LABELS, **kwargs) -> dict:
    """spaCy's NER precision, recall and F (micro and per label) without the
    labels of ``ignore``. (The pipe passes its own ``labels`` in ``kwargs``.)"""
    kept, _ = without_labels(examples, ignore)
    return get_ner_prf(kept, **kwargs)


@registry.scorers("kg.ner_scorer.v1")
def make_ner_scorer(ignore_labels: list[str] = list(IGNORED_LABELS)):
    def score(examples, **kwargs):
        return ner_scores(examples, ignore=tuple(ignore_labels), **kwargs)

    return score
