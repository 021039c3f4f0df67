"""Brown word clusters as embedding features (kg/word_clusters.py) and the
training-side table builder (training/clusters.py)."""
import gzip
import json
import sys
import zipfile
from pathlib import Path

import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from kg import nlp as kg_nlp
from kg.word_clusters import CLUSTER_TABLE, cluster_hash_embed, word_cluster

TRAINING = Path(__file__).resolve().parent.parent / "training"


def _vocab_with_clusters(clusters):
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, clusters)
    nlp.vocab.lookups = lookups
    return nlp.vocab


def test_a_word_s_cluster_by_form_then_lower_case_else_none():
    vocab = _vocab_with_clusters({"Tehran": 1446, "baghdad": 1446})
    doc = Doc(vocab, words=["Tehran", "Baghdad", "Houston"])
    table = vocab.lookups.get_table(CLUSTER_TABLE)
    assert [word_cluster(table, token) for token in doc] == [1446, 1446, 0]


def test_the_embedding_gives_one_vector_per_word():
    vocab = _vocab_with_clusters({"Tehran": 1446, "Baghdad": 1446, "Houston": 166})
    model = cluster_hash_embed(width=16, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                               rows=[100, 50, 50, 20], cluster_rows=[50, 16])
    docs = [Doc(vocab, words=["Tehran", "Baghdad", "Houston", "Paris"])]
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert len(vectors) == 1 and vectors[0].shape == (4, 16)


def test_the_shipped_model_carries_its_cluster_table():
    nlp = kg_nlp.load_pipeline()
    table = nlp.vocab.lookups.get_table(CLUSTER_TABLE)
    assert len(table) > 100_000
    doc = nlp("Tehran and Baghdad")
    assert word_cluster(table, doc[0]) == word_cluster(table, doc[2]) != 0


def test_the_table_is_built_from_the_wheel_without_words_lacking_a_cluster(tmp_path):
    sys.path.insert(0, str(TRAINING))
    try:
        import clusters
    finally:
        sys.path.remove(str(TRAINING))
    wheel = tmp_path / "spacy_lookups_data-1.0.5-py2.py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(clusters.MEMBER, gzip.compress(json.dumps({"Tehran": 1446, "the": 0}).encode()))
    out = clusters.build(tmp_path / "clusters.json", cache=tmp_path)
    assert json.loads(out.read_text(encoding="utf-8")) == {"Tehran": 1446}
    lookups = clusters.word_cluster_lookups(str(out))
    assert lookups.get_table(CLUSTER_TABLE)["Tehran"] == 1446
