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

A packaged model keeps the tables in the feature layer itself, as sorted
arrays of word hashes and values (`pack_tables`): they load as two arrays
each, where spaCy's lookups rebuild a Python dictionary entry by entry (half
a second for the three tables of model v8f), and they are read a whole
document at a time. Models saved with the tables in their vocab still load.
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
ORG_TABLE = "org_lexicon"
FREQUENCY_BINS = 64
COARSE_BRANCHES = 6


class WordTable:
    """A lookups table as sorted word hashes and their values, read a whole
    document at a time; 0 for a word it does not hold."""

    def __init__(self, keys, values):
        self.keys, self.values = keys, values

    @classmethod
    def from_mapping(cls, mapping) -> "WordTable":
        keys = numpy.fromiter(mapping.keys(), dtype="uint64", count=len(mapping))
        values = numpy.fromiter(mapping.values(), dtype="uint64", count=len(mapping))
        order = numpy.argsort(keys)
        return cls(keys[order], values[order])

    def __call__(self, hashes):
        if not len(self.keys):
            return numpy.zeros(len(hashes), dtype="uint64")
        position = numpy.minimum(numpy.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return numpy.where(self.keys[position] == hashes, self.values[position], 0).astype("uint64")


#: Vocab tables already sorted, by id (the table is kept, so that its id stays its own).
_SORTED: dict = {}


def _table(model, doc, name) -> WordTable:
    """The layer's packed table `name`, or the one in the document's vocab."""
    packed = model.attrs["tables"].get(name)
    if packed is not None:
        return WordTable(packed["keys"], packed["values"])
    if not doc.vocab.lookups.has_table(name):
        return WordTable.from_mapping({})
    table = doc.vocab.lookups.get_table(name)
    kept = _SORTED.get(id(table))
    if kept is None or kept[0] is not table or len(kept[1].keys) != len(table):
        kept = _SORTED[id(table)] = (table, WordTable.from_mapping(table))
    return kept[1]


# Column makers: (table getter, the words' ORTH and LOWER hashes) -> feature columns, one value per word.
def _cluster_columns(table, orth, lower) -> list:
    get = table(CLUSTER_TABLE)
    clusters = get(orth)
    clusters = numpy.where(clusters != 0, clusters, get(lower))
    return [clusters, clusters & ((1 << COARSE_BRANCHES) - 1)]


def _gazetteer_columns(table, orth, lower) -> list:
    return [table(GAZETTEER_TABLE)(lower)]


def _frequency_columns(table, orth, lower) -> list:
    get = table(FREQUENCY_TABLE)
    return [get(orth) * FREQUENCY_BINS + get(lower)]


def _org_columns(table, orth, lower) -> list:
    return [table(ORG_TABLE)(lower)]


#: The table each column maker reads.
_READS = {_cluster_columns: CLUSTER_TABLE, _gazetteer_columns: GAZETTEER_TABLE,
          _frequency_columns: FREQUENCY_TABLE, _org_columns: ORG_TABLE}


def _features(attrs: list[int], column_groups: list) -> Model[List[Doc], List[Ints2d]]:
    def forward(model, docs, is_train):
        def table(name):
            return _table(model, docs[0], name)

        columns = []
        for doc in docs:
            forms = doc.to_array([ORTH, LOWER]).reshape(len(doc), 2)
            extra = [column for group in column_groups for column in group(table, forms[:, 0], forms[:, 1])]
            lexical = doc.to_array(attrs).reshape(len(doc), len(attrs)).astype("uint64")
            features = numpy.hstack([lexical, numpy.stack(extra, axis=1)])
            columns.append(model.ops.asarray2i(features, dtype="uint64"))
        return columns, lambda d_features: []

    return Model("cluster_features", forward,
                 attrs={"tables": {}, "reads": [_READS[group] for group in column_groups]})


def _feature_layers(nlp) -> list:
    return [node for _, component in nlp.components if hasattr(component, "model")
            for node in component.model.walk() if node.name == "cluster_features"]


def feature_tables(nlp) -> set[str]:
    """The names of the feature tables a pipeline has, in its vocab or packed in its layers."""
    packed = {name for layer in _feature_layers(nlp) for name in layer.attrs["tables"]}
    return packed | {name for name in (CLUSTER_TABLE, GAZETTEER_TABLE, FREQUENCY_TABLE, ORG_TABLE)
                     if nlp.vocab.lookups.has_table(name)}


def pack_tables(nlp) -> list[str]:
    """Move the feature tables from the pipeline's vocab into the feature
    layers that read them (saved with the components' weights); the names of
    the tables moved."""
    layers = _feature_layers(nlp)
    moved = []
    for name in (CLUSTER_TABLE, GAZETTEER_TABLE, FREQUENCY_TABLE, ORG_TABLE):
        readers = [layer for layer in layers if name in layer.attrs["reads"]]
        if readers and nlp.vocab.lookups.has_table(name):
            packed = WordTable.from_mapping(nlp.vocab.lookups.get_table(name))
            for layer in readers:
                layer.attrs["tables"][name] = {"keys": packed.keys, "values": packed.values}
            nlp.vocab.lookups.remove_table(name)
            moved.append(name)
    return moved


def _embed(width: int, attrs: list, rows: list, extra_rows: list, column_groups: list) -> Model:
    if len(rows) != len(attrs):
        raise ValueError("rows must match attrs")
    attr_ids = [intify_attr(attr) for attr in attrs]
    all_rows = list(rows) + list(extra_rows)
    embeddings = [HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0)
                  for i, n_rows in enumerate(all_rows)]
    model = chain(
        _features(attr_ids, column_groups),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
    model.set_dim("nO", width)
    return model


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


@registry.architectures("kg.OrgLexiconEmbed.v1")
def org_lexicon_embed(width: int, attrs: list, rows: list, org_rows: int) -> Model:
    """MultiHashEmbed over `attrs` plus the word's classes in organisation names
    (`org_lexicon` lookups, a bit mask; built by training/org_lexicon.py)."""
    return _embed(width, attrs, rows, [org_rows], [_org_columns])


@registry.architectures("kg.ListenerWithEmbed.v1")
def listener_with_embed(listener: Model, embed: Model, width: int, depth: int,
                        window_size: int = 1, maxout_pieces: int = 2) -> Model:
    """A component's own encoder over the shared tok2vec's output (`listener`)
    and features of its own (`embed`): a recogniser trained on a frozen
    pipeline learns from knowledge the shared layer never saw, and the parses
    stay the same."""
    from spacy.ml.models.tok2vec import MaxoutWindowEncoder

    joined = listener.get_dim("nO") + embed.get_dim("nO")
    model = chain(
        concatenate(listener, embed),
        with_array(Maxout(width, joined, nP=maxout_pieces, dropout=0.0, normalize=True)),
        MaxoutWindowEncoder(width, window_size, maxout_pieces, depth),
    )
    model.set_dim("nO", width)
    model.set_ref("embed", embed)
    return model
