"""Brown word clusters as a feature of the shared tok2vec (model v7 on).

Without pretrained vectors (none may be downloaded), a recogniser trained on
11,000 names knows only those names. Brown clusters, grouped from a large web
corpus and published in spaCy's `spacy-lookups-data` registry package (MIT),
put "Tehran", "Baghdad" and "Iraq" in one cluster and "Houston" with
"Mississauga": knowledge of unseen names at the cost of one table lookup per
word. The table travels in the model's vocab (`lexeme_cluster` lookups), so
the run time needs neither the package nor the network.

`kg.ClusterHashEmbed.v1` is spaCy's `MultiHashEmbed.v2` (no static vectors)
with two more hashed columns: the word's cluster and the cluster's first six
branches, a coarser class. `kg.ClusterHashEmbed.v2` (model v8 on) adds a third:
the word's name classes in a gazetteer of given names, surnames and place-name
words (`name_gazetteer` lookups, a bit mask; built by training/gazetteer.py).
`kg.ClusterHashEmbed.v3` adds a fourth: how common the word is on the web, as
written and in lower case (`lexeme_frequency` lookups: half-units of negative
log probability, from the same package), which tells a capitalised common
word at the start of a sentence from a name.
"""

from __future__ import annotations

from typing import List

import numpy
from spacy.attrs import LOWER, ORTH, intify_attr
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Ints2d

CLUSTER_TABLE = "lexeme_cluster"
GAZETTEER_TABLE = "name_gazetteer"
FREQUENCY_TABLE = "lexeme_frequency"
FREQUENCY_BINS = 64
COARSE_BRANCHES = 6


def word_cluster(table, token) -> int:
    """The Brown cluster of a token, by its exact form, else lower case; 0 if none."""
    return table.get(token.orth, 0) or table.get(token.lower, 0)


def name_classes(table, token) -> int:
    """The gazetteer classes of a token's lower-case form (a bit mask); 0 if none."""
    return table.get(token.lower, 0)


def frequency_class(table, token) -> int:
    """How common a token is as written and in lower case: two frequency bins
    (0: rare or unseen) in one number."""
    return table.get(token.orth, 0) * FREQUENCY_BINS + table.get(token.lower, 0)


def _lookup(doc, name):
    """The `get` of a lookups table, keyed by word hashes (the table's own `get`
    would convert every key again)."""
    return dict.get.__get__(doc.vocab.lookups.get_table(name, {}))


# Column makers: (doc, its words' ORTH and LOWER hashes) -> feature columns, one value per word.
def _cluster_columns(doc, forms) -> list:
    get = _lookup(doc, CLUSTER_TABLE)
    clusters = numpy.array([get(orth, 0) or get(lower, 0) for orth, lower in forms], dtype="uint64")
    return [clusters, clusters & ((1 << COARSE_BRANCHES) - 1)]


def _gazetteer_columns(doc, forms) -> list:
    get = _lookup(doc, GAZETTEER_TABLE)
    return [numpy.array([get(lower, 0) for _, lower in forms], dtype="uint64")]


def _frequency_columns(doc, forms) -> list:
    get = _lookup(doc, FREQUENCY_TABLE)
    return [numpy.array([get(orth, 0) * FREQUENCY_BINS + get(lower, 0) for orth, lower in forms],
                        dtype="uint64")]


def _features(attrs: list[int], column_groups: list) -> Model[List[Doc], List[Ints2d]]:
    def forward(model, docs, is_train):
        columns = []
        for doc in docs:
            forms = doc.to_array([ORTH, LOWER]).reshape(len(doc), 2).tolist()
            extra = [column for group in column_groups for column in group(doc, forms)]
            lexical = doc.to_array(attrs).reshape(len(doc), len(attrs)).astype("uint64")
            features = numpy.hstack([lexical, numpy.stack(extra, axis=1)])
            columns.append(model.ops.asarray2i(features, dtype="uint64"))
        return columns, lambda d_features: []

    return Model("cluster_features", forward)


def _embed(width: int, attrs: list, rows: list, extra_rows: list, column_groups: list) -> Model:
    if len(rows) != len(attrs):
        raise ValueError("rows must match attrs")
    attr_ids = [intify_attr(attr) for attr in attrs]
    all_rows = list(rows) + list(extra_rows)
    embeddings = [HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0)
                  for i, n_rows in enumerate(all_rows)]
    return chain(
        _features(attr_ids, column_groups),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@registry.architectures("kg.ClusterHashEmbed.v1")
def cluster_hash_embed(width: int, attrs: list, rows: list, cluster_rows: list) -> Model:
    """MultiHashEmbed over `attrs` plus the word's cluster and coarse cluster
    (`cluster_rows`: hash rows for the two)."""
    if len(cluster_rows) != 2:
        raise ValueError("cluster_rows must have two entries")
    return _embed(width, attrs, rows, cluster_rows, [_cluster_columns])


@registry.architectures("kg.ClusterHashEmbed.v2")
def cluster_gazetteer_hash_embed(width: int, attrs: list, rows: list, cluster_rows: list,
                                 gazetteer_rows: int) -> Model:
    """`kg.ClusterHashEmbed.v1` plus the word's gazetteer classes."""
    if len(cluster_rows) != 2:
        raise ValueError("cluster_rows must have two entries")
    return _embed(width, attrs, rows, [*cluster_rows, gazetteer_rows], [_cluster_columns, _gazetteer_columns])


@registry.architectures("kg.ClusterHashEmbed.v3")
def cluster_gazetteer_frequency_hash_embed(width: int, attrs: list, rows: list, cluster_rows: list,
                                           gazetteer_rows: int, frequency_rows: int) -> Model:
    """`kg.ClusterHashEmbed.v2` plus how common the word is."""
    if len(cluster_rows) != 2:
        raise ValueError("cluster_rows must have two entries")
    return _embed(width, attrs, rows, [*cluster_rows, gazetteer_rows, frequency_rows],
                  [_cluster_columns, _gazetteer_columns, _frequency_columns])
