"""Incremental builds: the per-document result cache (kg.cache)."""
import json

import pytest
from click.testing import CliRunner

from kg import cache as kgcache
from kg.actors import ActorDictionary
from kg.cli import cli
from kg.extract import Extractor
from kg.records import Document
from tests.test_parallel import small_corpus


@pytest.fixture
def parses(monkeypatch):
    """The ids of the documents parsed in this process, in order."""
    seen = []
    original = Extractor.document_result

    def counting(self, document, doc):
        seen.append(document.id)
        return original(self, document, doc)

    monkeypatch.setattr(Extractor, "document_result", counting)
    return seen


def build(*args):
    result = CliRunner().invoke(cli, ["build", "--jobs", "1", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def entries(folder):
    return sorted(folder.rglob("*.json"))


def test_adding_documents_parses_only_the_new_ones(tmp_path, parses):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    small_corpus(corpus / "a.jsonl", 12)
    build(corpus, "-o", tmp_path / "first.ttl")
    assert len(parses) == 12
    assert len(entries(tmp_path / ".kg-cache")) == 12

    small_corpus(corpus / "b.jsonl", 3, seed=1, first=12)
    parses.clear()
    result = build(corpus, "-o", tmp_path / "incremental.ttl")
    assert parses == ["doc-012", "doc-013", "doc-014"]
    assert "parsed      3 of 15 documents (workers: in process), 12 from the cache" in result.output

    parses.clear()
    build(corpus, "-o", tmp_path / "full.ttl", "--no-cache")
    assert len(parses) == 15
    assert (tmp_path / "incremental.ttl").read_bytes() == (tmp_path / "full.ttl").read_bytes()


def test_a_changed_document_is_parsed_again(tmp_path, parses):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 4)
    build(corpus, "-o", tmp_path / "g.ttl")
    lines = corpus.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    record["text"] += "\n\nIran backs the Badr Organization."
    lines[2] = json.dumps(record)
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parses.clear()
    build(corpus, "-o", tmp_path / "g.ttl")
    assert parses == [record["id"]]


def test_corrupt_entries_are_recomputed_never_fatal(tmp_path, parses):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 5)
    cache_dir = tmp_path / "cache"
    build(corpus, "-o", tmp_path / "clean.ttl", "--cache-dir", cache_dir)
    files = entries(cache_dir)
    data = [path.read_bytes() for path in files]
    files[0].write_bytes(data[0][: len(data[0]) // 2])                      # truncated
    files[1].write_bytes(data[1].replace(b'"evidence":"', b'"evidence":"X', 1)
                         if b'"evidence":"' in data[1] else b"\x00garbage")   # altered: checksum fails
    header, body = data[2].split(b"\n", 1)
    files[2].write_bytes(header + b"\n" + body.replace(b'"doc_id":', b'"doc_id":1,"x":', 1))  # bad shape
    files[3].write_bytes(b"")                                               # empty
    parses.clear()
    result = build(corpus, "-o", tmp_path / "repaired.ttl", "--cache-dir", cache_dir)
    assert len(parses) == 4 and "1 from the cache" in result.output
    assert (tmp_path / "repaired.ttl").read_bytes() == (tmp_path / "clean.ttl").read_bytes()
    assert [path.read_bytes() for path in entries(cache_dir)] == data  # rewritten as they were


def test_another_dictionary_does_not_reuse_results(tmp_path, parses):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 3)
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n- id: kirkuk-council\n  name: Kirkuk Provincial Council\n  class: GovernmentAgency\n",
                    encoding="utf-8")
    build(corpus, "-o", tmp_path / "g.ttl")
    parses.clear()
    build(corpus, "-o", tmp_path / "mine.ttl", "--actors", mine)
    assert len(parses) == 3
    parses.clear()
    build(corpus, "-o", tmp_path / "mine.ttl", "--actors", mine)
    assert parses == []
    folders = {path.name for path in (tmp_path / ".kg-cache" / f"v{kgcache.FORMAT}").iterdir()}
    assert len(folders) == 2


def test_no_cache_neither_reads_nor_writes(tmp_path, parses):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 2)
    build(corpus, "-o", tmp_path / "g.ttl", "--no-cache")
    build(corpus, "-o", tmp_path / "g.ttl", "--no-cache")
    assert len(parses) == 4
    assert not (tmp_path / ".kg-cache").exists()


def test_an_unwritable_cache_is_a_warning(tmp_path):
    corpus = small_corpus(tmp_path / "corpus.jsonl", 2)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = build(corpus, "-o", tmp_path / "g.ttl", "--cache-dir", blocker / "cache")
    assert "warning: the cache could not be written" in result.output
    assert (tmp_path / "g.ttl").exists()


def test_the_key_is_the_content_not_the_path():
    base = Document(id="a", text="Iran backs Badr.", title="T", url="https://x.org/a", date="2017-10-16",
                    source="one/a.txt")
    key = kgcache.document_key(base)
    assert kgcache.document_key(Document(**{**base.__dict__, "source": "elsewhere/a.txt"})) == key
    for field, value in [("id", "b"), ("text", "Iran backs Badr!"), ("title", None), ("url", None),
                         ("date", "2017-10-17")]:
        assert kgcache.document_key(Document(**{**base.__dict__, field: value})) != key
    assert kgcache.document_key(Document(id="s", text="a lone surrogate \ud800 from a .jsonl escape"))


def test_the_fingerprint_covers_model_rules_and_dictionary(tmp_path):
    rules = {path.relative_to(kgcache.PACKAGE_DIR).as_posix() for path in kgcache._rule_files()}
    assert {"extract.py", "mentions.py", "relations.py", "statements.py", "resolve.py", "nlp.py", "clean.py",
            "actors.py", "data/actors.yaml", "data/cues.yaml", "data/names.yaml", "data/boilerplate.txt"} <= rules
    assert not rules & {"graph.py", "cli.py", "commands/build.py", "viz.py", "cache.py"}
    assert len(kgcache.model_fingerprint()) == 64
    builtin = ActorDictionary.load()
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n- id: pmf\n  aliases: [Popular Crowd Units]\n", encoding="utf-8")
    extended = ActorDictionary.load((mine,))
    assert kgcache.fingerprint(builtin) == kgcache.fingerprint(ActorDictionary.load())
    assert kgcache.fingerprint(builtin) != kgcache.fingerprint(extended)


def test_results_round_trip_through_json_and_nothing_else(tmp_path):
    from kg.pipeline import build_documents

    documents = [Document(id="q", text='Iran backs the Badr Organization. "We will stay," Hadi al-Amiri said.'),
                 Document(id="s", text="The PMF oppose the peshmerga in Kirkuk.")]
    store = kgcache.ResultCache(tmp_path, kgcache.fingerprint(ActorDictionary.load()))
    first = build_documents(documents, ActorDictionary.load(), cache=store)
    assert first.stats.extracted == 2
    results = [store.get(document) for document in documents]
    assert all(result is not None for result in results)
    again = build_documents(documents, ActorDictionary.load(), cache=store)
    assert again.stats.cached == 2
    assert again.extraction == first.extraction
    payload = json.loads(kgcache._canonical(kgcache.result_to_json(results[0])))
    assert kgcache.result_from_json(payload) == results[0]
    for bad in ({**payload, "extra": 1},
                {**payload, "relations": [{**payload["relations"][0], "start": True}]},
                {**payload, "actors": [{**payload["actors"][0], "aliases": "PMF"}]},
                {**payload, "statements": [{"__class__": "os.system"}]}):
        with pytest.raises(kgcache.CorruptEntry):
            kgcache.result_from_json(bad)
