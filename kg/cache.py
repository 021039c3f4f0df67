"""A cache of per-document extraction results, for incremental builds.

A document's `DocumentResult` depends on the document alone and on what the
extraction runs with: the model, the rules (the extraction code and its data
files) and the merged actor dictionary. The cache keys an entry by both:

* the document key: SHA-256 of the document's id, text, title, url and date
  (not `source`, its file path, which no result contains: a moved corpus keeps
  its cache);
* the fingerprint: SHA-256 of the model's files (meta.json, config and
  weights), the spaCy and thinc versions, the source of every kg module that
  can change a result (all of kg/ except the output side, `OUTPUT_MODULES`),
  the data files of kg/data/ (all but `OUTPUT_DATA`: actors, gazetteer, cue
  words, names, boilerplate), and the merged actor dictionary, the user's
  --actors files included.

Layout: DIR/CACHEDIR.TAG and DIR/v1/<fingerprint[:24]>/<key[:2]>/<key>.json,
so that the entries of an older model or rule set sit in their own folder and
can be deleted as one. An entry is two lines: a JSON header (format,
fingerprint, key, SHA-256 of the second line), then the result as JSON. JSON
of the dataclasses, never pickle: reading a shared cache runs no code. An
entry that is unreadable, truncated, altered or of another format is treated
as missing, recomputed and rewritten; a cache that cannot be written is
reported once (`write_error`) and the build goes on without it.
"""
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
import types
from pathlib import Path

from .records import Actor, Relation, Statement

#: Bumped whenever the entry layout or the JSON form of a result changes.
FORMAT = 1
#: The cache folder's name when --cache-dir is not given: beside the output.
DEFAULT_DIR_NAME = ".kg-cache"
PACKAGE_DIR = Path(__file__).resolve().parent
MODEL_DIR = PACKAGE_DIR / "model"
#: Modules of kg/ (relative paths) that cannot change an extraction result:
#: reading input (its output is hashed as the document), writing and querying
#: graphs, the command line, and this cache. Every other module counts as a
#: rule, so a new extraction module is covered without a change here.
OUTPUT_MODULES = frozenset({
    "cache.py", "cli.py", "corpus.py", "escape.py", "export.py", "fileio.py", "graph.py", "graphio.py",
    "parallel.py", "pipeline.py", "query.py", "subgraph.py", "validate.py", "viz.py", "endpoint.py",
    "push.py", "serve.py", "shacl.py", "store.py",
})
OUTPUT_FOLDERS = ("commands", "model", "static", "queries")
#: Files of kg/data/ that only the graph's readers use; every other one
#: (actors.yaml, gazetteer.yaml, cues.yaml, names.yaml, boilerplate.txt, ...)
#: counts as a rule.
OUTPUT_DATA = frozenset({"ontology.ttl", "shapes.ttl"})
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by actor-kg (kg build).\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")


def default_cache_dir(output):
    """Where `kg build -o OUTPUT` keeps its cache: .kg-cache/ beside the
    output file, or in the current folder when writing to standard output."""
    if output in (None, "-"):
        return Path(DEFAULT_DIR_NAME)
    return Path(output).parent / DEFAULT_DIR_NAME


def _sha256(*chunks):
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk if isinstance(chunk, bytes) else str(chunk).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _canonical(value):
    """Compact, key-sorted, ASCII JSON: stable bytes for any str (lone
    surrogates from a .jsonl record included)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def document_key(document):
    """The content hash of a document: what its result can depend on."""
    fields = [FORMAT, document.id, document.text, document.title, document.url, document.date]
    return _sha256(_canonical(fields))


def _hash_files(digest, root, paths):
    for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\x00")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


@functools.lru_cache(maxsize=1)
def model_fingerprint():
    """SHA-256 of every file of the shipped model (meta.json, config, weights,
    vocab: 16 MB, hashed in about 0.03 s, once per process) and of the spaCy
    and thinc versions that run it."""
    digest = hashlib.sha256()
    for package in ("spacy", "thinc"):
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}\x00".encode())
    if MODEL_DIR.is_dir():
        _hash_files(digest, MODEL_DIR, (p for p in MODEL_DIR.rglob("*") if p.is_file()))
    return digest.hexdigest()


def _rule_files():
    for path in PACKAGE_DIR.rglob("*.py"):
        relative = path.relative_to(PACKAGE_DIR)
        if relative.parts[0] in OUTPUT_FOLDERS or relative.as_posix() in OUTPUT_MODULES:
            continue
        if "__pycache__" in relative.parts:
            continue
        yield path
    for path in (PACKAGE_DIR / "data").rglob("*"):
        if path.is_file() and path.name not in OUTPUT_DATA:
            yield path


@functools.lru_cache(maxsize=1)
def rules_fingerprint():
    """SHA-256 of the extraction code and its data files (see OUTPUT_MODULES)."""
    digest = hashlib.sha256()
    _hash_files(digest, PACKAGE_DIR, list(_rule_files()))
    return digest.hexdigest()


def code_fingerprint():
    """Model and rules together: what a worker must share with its client."""
    return _sha256(FORMAT, model_fingerprint(), rules_fingerprint())


def dictionary_fingerprint(dictionary):
    """SHA-256 of the merged actor dictionary (every entry's fields, without
    `origin`, the file:line it came from, which no result contains)."""
    entries = []
    for entry in dictionary:
        fields = {}
        for field in dataclasses.fields(entry):
            if field.name == "origin":
                continue
            value = getattr(entry, field.name)
            fields[field.name] = sorted(value) if isinstance(value, (set, frozenset)) else value
        entries.append(fields)
    return _sha256(_canonical(entries))


def fingerprint(dictionary):
    """What changes results besides the document: model, rules, dictionary."""
    return _sha256(code_fingerprint(), dictionary_fingerprint(dictionary))


# --- results as JSON -----------------------------------------------------------

class CorruptEntry(ValueError):
    """A cache entry that does not hold a valid result."""


def result_to_json(result):
    """A DocumentResult as plain JSON-ready data."""
    return {
        "doc_id": result.doc_id,
        "actors": [dataclasses.asdict(actor) for actor in result.actors.values()],
        "relations": [dataclasses.asdict(relation) for relation in result.relations],
        "statements": [dataclasses.asdict(statement) for statement in result.statements],
    }


def result_from_json(data):
    """The DocumentResult of `result_to_json` data, every field type checked;
    CorruptEntry for anything else."""
    from .results import DocumentResult

    if type(data) is not dict or data.keys() != _RESULT_KEYS:
        raise CorruptEntry("not a result")
    doc_id, actors, relations, statements = (data[name] for name in ("doc_id", "actors", "relations", "statements"))
    if type(doc_id) is not str or not all(type(items) is list for items in (actors, relations, statements)):
        raise CorruptEntry("not a result")
    actors = [_ACTOR(item) for item in actors]
    result = DocumentResult(doc_id, actors={actor.id: actor for actor in actors})
    if len(result.actors) != len(actors):
        raise CorruptEntry("an actor listed twice")
    result.relations = [_RELATION(item) for item in relations]
    result.statements = [_STATEMENT(item) for item in statements]
    return result


_RESULT_KEYS = frozenset(("doc_id", "actors", "relations", "statements"))


def _reader(annotation):
    """A function that returns a JSON value as `annotation` (str, int, float,
    X | None, tuple[str, ...]) or raises CorruptEntry."""
    if isinstance(annotation, types.UnionType):
        options = [option for option in annotation.__args__ if option is not type(None)]
        inner = _reader(options[0])
        return lambda value: None if value is None else inner(value)
    if getattr(annotation, "__origin__", None) is tuple:
        item = _reader(annotation.__args__[0])

        def read_tuple(value):
            if type(value) is not list:
                raise CorruptEntry("not a list")
            return tuple(item(element) for element in value)

        return read_tuple
    if annotation is float:
        def read_float(value):
            if type(value) is float:
                return value
            if type(value) is int:  # JSON writes 1.0 as 1.0, but accept 1
                return float(value)
            raise CorruptEntry("not a number")

        return read_float

    def read_exact(value):
        if type(value) is not annotation:  # bool is not int here
            raise CorruptEntry(f"{type(value).__name__} where {annotation.__name__} belongs")
        return value

    return read_exact


def _record_reader(cls):
    """A function that makes a `cls` record from a JSON object with exactly its fields."""
    fields = [(field.name, _reader(field.type)) for field in dataclasses.fields(cls)]
    names = frozenset(name for name, _ in fields)

    def read(item):
        if type(item) is not dict or item.keys() != names:
            raise CorruptEntry(f"not a {cls.__name__}")
        return cls(*[reader(item[name]) for name, reader in fields])

    return read


_ACTOR, _RELATION, _STATEMENT = _record_reader(Actor), _record_reader(Relation), _record_reader(Statement)


# --- the cache -------------------------------------------------------------------

class ResultCache:
    """Per-document results on disk under `directory`, for one fingerprint
    (see `fingerprint(dictionary)`)."""

    def __init__(self, directory, fingerprint):
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.root = self.directory / f"v{FORMAT}" / fingerprint[:24]
        #: The first error met writing an entry (the cache is then read-only).
        self.write_error = None
        self.hits = self.misses = self.corrupt = 0

    @classmethod
    def for_dictionary(cls, directory, dictionary):
        return cls(directory, fingerprint(dictionary))

    def path(self, document):
        key = document_key(document)
        return self.root / key[:2] / f"{key}.json"

    def get(self, document):
        """The cached result of `document`, or None (missing or corrupt)."""
        path = self.path(document)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            result = self._decode(data, path.stem)
        except (CorruptEntry, ValueError, TypeError, KeyError, RecursionError):
            self.corrupt += 1
            self.misses += 1
            return None
        if result.doc_id != document.id:
            self.corrupt += 1
            self.misses += 1
            return None
        self.hits += 1
        return result

    def _decode(self, data, key):
        header_line, newline, body = data.partition(b"\n")
        if not newline:
            raise CorruptEntry("truncated")
        header = json.loads(header_line)
        expected = {"format": FORMAT, "fingerprint": self.fingerprint, "key": key,
                    "sha256": hashlib.sha256(body).hexdigest()}
        if header != expected:
            raise CorruptEntry("header does not match")
        return result_from_json(json.loads(body))

    def put(self, document, result):
        """Store `result`; a write that fails disables writing, never the build."""
        if self.write_error is not None:
            return
        path = self.path(document)
        body = _canonical(result_to_json(result)).encode("ascii")
        header = _canonical({"format": FORMAT, "fingerprint": self.fingerprint, "key": path.stem,
                             "sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
        try:
            self._ensure_tag()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(header + b"\n" + body)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            self.write_error = f"{error.filename or path}: {error.strerror or error}"

    def _ensure_tag(self):
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            tag.write_text(CACHEDIR_TAG, encoding="ascii")
