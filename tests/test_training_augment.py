"""The mention-replacement augmenter of training/augment.py: swapped mentions keep
the sentence's tree, text and entity labels consistent, and mentions the tree
does not allow swapping are left alone."""
import random
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
import augment  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _doc(nlp, words, heads, deps, ents, tags=None):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents,
               tags=tags or ["NNP" if e != "O" else "XX" for e in ents])


def _sample(nlp):
    # "Officials in Mosul said Ali Hassan left ."  +  "He met the UN ."
    words = ["Officials", "in", "Mosul", "said", "Ali", "Hassan", "left", ".",
             "He", "met", "the", "UN", "."]
    heads = [3, 2, 0, 3, 6, 4, 3, 3, 9, 9, 11, 9, 9]
    deps = ["nsubj", "case", "nmod", "ROOT", "nsubj", "flat", "ccomp", "punct",
            "nsubj", "ROOT", "det", "obj", "punct"]
    ents = ["O", "O", "B-LOC", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-ORG", "O"]
    return _doc(nlp, words, heads, deps, ents)


def _mention(nlp, words, heads, deps, label):
    doc = _doc(nlp, words, heads, deps, [f"B-{label}"] + [f"I-{label}"] * (len(words) - 1))
    return augment.mention_of(doc.ents[0])


def test_swap_to_a_longer_mention_keeps_tree_and_labels(nlp):
    doc = _sample(nlp)
    bank = _mention(nlp, ["Bank", "of", "Baghdad"], [0, 2, 0], ["ROOT", "case", "nmod"], "ORG")
    kim = _mention(nlp, ["Kim"], [0], ["ROOT"], "PER")
    new = augment.swap_mentions(doc, {4: kim, 11: bank})
    assert new.text == doc.text.replace("Ali Hassan", "Kim").replace("UN", "Bank of Baghdad")
    assert [(e.text, e.label_) for e in new.ents] == [
        ("Mosul", "LOC"), ("Kim", "PER"), ("Bank of Baghdad", "ORG")]
    assert [s.text for s in new.sents] == ["Officials in Mosul said Kim left .",
                                           "He met the Bank of Baghdad ."]
    kim_token, bank_token = new[4], new[10]
    assert (kim_token.dep_, kim_token.head.text) == ("nsubj", "left")
    assert (bank_token.dep_, bank_token.head.text) == ("obj", "met")
    assert new[9].head.text == "Bank"            # "the" follows its noun to the new root
    assert (new[12].dep_, new[12].head.text) == ("nmod", "Bank")


def test_mention_with_outside_dependents_on_inner_words_is_not_swappable(nlp):
    # "Hassan" has a dependent outside the mention: swapping would orphan it.
    words = ["Ali", "Hassan", "'s", "men", "left"]
    doc = _doc(nlp, words, [1, 3, 1, 4, 4], ["compound", "nmod:poss", "case", "nsubj", "ROOT"],
               ["B-PER", "I-PER", "O", "O", "O"])
    assert augment.mention_root(doc.ents[0]) == 1
    doc2 = _doc(nlp, ["Ali", "Hassan", "said"], [2, 0, 2], ["nsubj", "flat", "ROOT"],
                ["B-PER", "I-PER", "O"])
    assert augment.mention_root(doc2.ents[0]) == 0
    split = _doc(nlp, ["Ali", "Hassan", "said"], [2, 2, 2], ["nsubj", "nsubj", "ROOT"],
                 ["B-PER", "I-PER", "O"])
    assert augment.mention_root(split.ents[0]) is None


def test_augmenter_draws_same_label_mentions_from_the_training_set(nlp, tmp_path):
    bin_path = tmp_path / "train.spacy"
    DocBin(docs=[_sample(nlp)], store_user_data=False).to_disk(bin_path)
    augmenter = augment.create_mention_swap_augmenter(
        str(bin_path), ["PER", "ORG", "LOC"], level=1.0, mention_level=1.0)
    random.seed(0)
    doc = _sample(nlp)
    [example] = list(augmenter(nlp, Example(nlp.make_doc(doc.text), doc)))
    labels = [e.label_ for e in example.reference.ents]
    assert labels == ["LOC", "PER", "ORG"]
    assert example.predicted.text == example.reference.text
    # one mention per label in the set: each swap brings the same label's only mention
    assert [e.text for e in example.reference.ents] == ["Mosul", "Ali Hassan", "UN"]


def _two_sentences(nlp):
    # "We liked it . Staff were kind !"  (two sentences, marks as leaves of the roots)
    words = ["We", "liked", "it", ".", "Staff", "were", "kind", "!"]
    heads = [1, 1, 1, 1, 6, 6, 6, 6]
    deps = ["nsubj", "ROOT", "obj", "punct", "nsubj", "cop", "ROOT", "punct"]
    ents = ["O"] * 8
    return _doc(nlp, words, heads, deps, ents)


def test_only_inner_sentence_final_marks_are_droppable(nlp):
    assert augment.final_marks(_two_sentences(nlp)) == [3]


def test_dropping_a_mark_keeps_the_sentences_and_their_trees(nlp):
    doc = augment.drop_words(_two_sentences(nlp), {3})
    assert doc.text.rstrip() == "We liked it Staff were kind !"
    assert [s.text for s in doc.sents] == ["We liked it", "Staff were kind !"]
    assert [t.head.text for t in doc] == ["liked", "liked", "liked", "kind", "kind", "kind", "kind"]


def test_unmarked_boundary_augmenter_drops_marks_and_aligns(nlp):
    reference = _two_sentences(nlp)
    augmenter = augment.create_unmarked_boundary_augmenter(level=1.0, sentence_level=1.0)
    example = Example(nlp.make_doc(reference.text), reference)
    (out,) = list(augmenter(nlp, example))
    assert out.reference.text.rstrip() == "We liked it Staff were kind !"
    assert out.predicted.text == out.reference.text
    assert [t.is_sent_start for t in out.reference][3] is True


def test_unmarked_boundary_augmenter_leaves_documents_outside_its_level(nlp):
    reference = _two_sentences(nlp)
    augmenter = augment.create_unmarked_boundary_augmenter(level=0.0, sentence_level=1.0)
    (out,) = list(augmenter(nlp, Example(nlp.make_doc(reference.text), reference)))
    assert out.reference.text == reference.text
