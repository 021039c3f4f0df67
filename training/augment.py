"""Mention replacement: a training augmenter that swaps named mentions for others.

The recognizer sees about 7,000 UNER and 4,000 GUM names, and dev NER F peaks
early and then falls while the training loss keeps dropping: it learns the
names, not the contexts. Replacing a mention by another training mention of the
same label (Dai & Adel 2020, "An Analysis of Simple Data Augmentation for Named
Entity Recognition") keeps the context and breaks the memorised pairing.

A mention is swapped only where the tree allows it: it has one root (one word
whose head lies outside it) and nothing outside depends on its other words. The
new words bring their own tags, lemmas, features and inner tree; the root takes
the old root's head and relation, and words that depended on the old root
depend on the new one. The result is passed on to a second augmenter (``then``,
e.g. spaCy's combined augmenter), so both apply.

Registered as ``kg.mention_swap_augmenter.v1`` (model-v4-swap.cfg).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry


@dataclass(frozen=True)
class Mention:
    """A named mention's words with their annotation; ``heads`` are offsets within
    the mention, ``None`` for its root."""

    label: str
    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    tags: tuple[str, ...]
    pos: tuple[str, ...]
    morphs: tuple[str, ...]
    lemmas: tuple[str, ...]
    deps: tuple[str, ...]
    heads: tuple[int | None, ...]


def mention_root(span: Span) -> int | None:
    """The index of the span's single root in the doc, or None when the tree does
    not allow swapping the span (several roots, or outside words depending on an
    inner word)."""
    roots = [t.i for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    if len(roots) != 1:
        return None
    doc = span.doc
    for token in doc:
        if not span.start <= token.i < span.end and span.start <= token.head.i < span.end \
                and token.head.i != roots[0]:
            return None
    return roots[0]


def mention_of(span: Span) -> Mention | None:
    root = mention_root(span)
    if root is None:
        return None
    return Mention(
        label=span.label_,
        words=tuple(t.text for t in span),
        spaces=tuple(bool(t.whitespace_) for t in span),
        tags=tuple(t.tag_ for t in span),
        pos=tuple(t.pos_ for t in span),
        morphs=tuple(str(t.morph) for t in span),
        lemmas=tuple(t.lemma_ for t in span),
        deps=tuple(t.dep_ for t in span),
        heads=tuple(None if t.i == root else t.head.i - span.start for t in span),
    )


def collect_mentions(docs: Sequence[Doc], labels: Sequence[str]) -> dict[str, list[Mention]]:
    """Swappable mentions of each label, distinct by words, in corpus order."""
    found: dict[str, dict[tuple[str, ...], Mention]] = {label: {} for label in labels}
    for doc in docs:
        for span in doc.ents:
            if span.label_ in found and span.text.strip():
                mention = mention_of(span)
                if mention is not None:
                    found[span.label_].setdefault(mention.words, mention)
    return {label: list(mentions.values()) for label, mentions in found.items()}


def swap_mentions(doc: Doc, swaps: dict[int, Mention]) -> Doc:
    """A copy of ``doc`` with the entity starting at each key replaced by its mention."""
    spans = {span.start: span for span in doc.ents if span.start in swaps}
    roots = {start: mention_root(span) for start, span in spans.items()}
    # one (old span or None, old token or None, mention word index) per new word
    layout: list[tuple[Span | None, int | None, int]] = []
    new_index: dict[int, int] = {}
    i = 0
    while i < len(doc):
        span = spans.get(i)
        if span is None:
            new_index[i] = len(layout)
            layout.append((None, i, 0))
            i += 1
            continue
        new_index[roots[i]] = len(layout) + swaps[i].heads.index(None)
        layout.extend((span, None, k) for k in range(len(swaps[i].words)))
        i = span.end
    columns: dict[str, list] = {name: [] for name in ("words", "spaces", "tags", "pos", "morphs",
                                                      "lemmas", "deps", "heads", "ents")}
    for n, (span, old, k) in enumerate(layout):
        if span is None:
            token = doc[old]
            row = (token.text, bool(token.whitespace_), token.tag_, token.pos_,
                   str(token.morph), token.lemma_, token.dep_, new_index[token.head.i],
                   _iob(token))
        else:
            mention = swaps[span.start]
            if mention.heads[k] is None:
                old_root = doc[roots[span.start]]
                dep = old_root.dep_
                head = n if old_root.head.i == old_root.i else new_index[old_root.head.i]
            else:
                dep, head = mention.deps[k], n - k + mention.heads[k]
            last = k == len(mention.words) - 1
            # the last word keeps the whitespace that followed the old mention
            space = bool(span[-1].whitespace_) if last else mention.spaces[k]
            row = (mention.words[k], space, mention.tags[k], mention.pos[k], mention.morphs[k],
                   mention.lemmas[k], dep, head, ("B-" if k == 0 else "I-") + mention.label)
        for name, value in zip(columns, row):
            columns[name].append(value)
    if not doc.has_annotation("ENT_IOB"):
        columns["ents"] = None
    return Doc(doc.vocab, **columns)


def _iob(token) -> str | None:
    if not token.ent_iob_:
        return None
    return "O" if token.ent_iob_ == "O" else f"{token.ent_iob_}-{token.ent_type_}"


def _passed_on(nlp, example: Example, then) -> Iterator[Example]:
    """The example, through the next augmenter when there is one."""
    if then is None:
        yield example
    else:
        yield from then(nlp, example)


@registry.augmenters("kg.mention_swap_augmenter.v1")
def create_mention_swap_augmenter(
    mentions_path: str,
    labels: list[str],
    level: float,
    mention_level: float,
    then: Callable[..., Iterator[Example]] | None = None,
) -> Callable[..., Iterator[Example]]:
    """In ``level`` of the documents, swap each swappable mention of ``labels``
    with probability ``mention_level`` for a random other one of the same label
    from the DocBin at ``mentions_path`` (the training set)."""
    inventory: dict[str, list[Mention]] = {}

    def augment(nlp, example: Example) -> Iterator[Example]:
        if not inventory:
            docs = DocBin().from_disk(Path(mentions_path)).get_docs(nlp.vocab)
            inventory.update(collect_mentions(list(docs), labels))
        reference = example.reference
        if random.random() < level:
            swaps = {}
            for span in reference.ents:
                pool = inventory.get(span.label_)
                if pool and random.random() < mention_level and mention_root(span) is not None:
                    swaps[span.start] = random.choice(pool)
            if swaps:
                reference = swap_mentions(reference, swaps)
                example = Example(nlp.make_doc(reference.text), reference)
        yield from _passed_on(nlp, example, then)

    return augment


# Sentence-final marks whose removal leaves an unmarked sentence boundary.
FINAL_MARKS = frozenset({".", "!", "?", "...", "!!", "!!!", "?!", "…"})


def final_marks(doc: Doc) -> list[int]:
    """Indices of sentence-final marks that can be dropped: the last word of a
    sentence that is not its first, is followed by another sentence and has no
    dependents."""
    found = []
    for sentence in list(doc.sents)[:-1]:
        last = sentence[-1]
        if len(sentence) > 1 and last.text in FINAL_MARKS and not list(last.children):
            found.append(last.i)
    return found


def drop_words(doc: Doc, dropped: set[int]) -> Doc:
    """A copy of ``doc`` without the leaf words at ``dropped``; the word before each
    takes its trailing whitespace, or a space, so the boundary stays a word gap."""
    kept = [t for t in doc if t.i not in dropped]
    index = {t.i: n for n, t in enumerate(kept)}
    spaces = []
    for t in kept:
        following = t.nbor(1) if t.i + 1 < len(doc) else None
        spaces.append(bool(t.whitespace_) or (following is not None and following.i in dropped))
    return Doc(
        doc.vocab,
        words=[t.text for t in kept],
        spaces=spaces,
        tags=[t.tag_ for t in kept],
        pos=[t.pos_ for t in kept],
        morphs=[str(t.morph) for t in kept],
        lemmas=[t.lemma_ for t in kept],
        deps=[t.dep_ for t in kept],
        heads=[index[t.head.i] for t in kept],
        ents=[_iob(t) for t in kept] if doc.has_annotation("ENT_IOB") else None,
    )


@registry.augmenters("kg.unmarked_boundary_augmenter.v1")
def create_unmarked_boundary_augmenter(
    level: float,
    sentence_level: float,
    then: Callable[..., Iterator[Example]] | None = None,
) -> Callable[..., Iterator[Example]]:
    """In ``level`` of the documents, drop each droppable sentence-final mark with
    probability ``sentence_level``: web text and headlines often end a sentence
    with a bare word ("great service Installed the update"), and a parser that has
    seen only marked boundaries runs such sentences together."""

    def augment(nlp, example: Example) -> Iterator[Example]:
        reference = example.reference
        if random.random() < level and reference.has_annotation("DEP"):
            dropped = {i for i in final_marks(reference) if random.random() < sentence_level}
            if dropped:
                reference = drop_words(reference, dropped)
                example = Example(nlp.make_doc(reference.text), reference)
        yield from _passed_on(nlp, example, then)

    return augment
