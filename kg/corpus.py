"""Read a corpus: files or directories of .txt, .md, .html and .jsonl documents.

Document ids: a file's path relative to the directory it was found in,
without its suffix (seeds/001_x.txt is `001_x`, corpus/2017/report.txt is
`2017/report`); a file named on the command line, its stem. Two files that
would share an id keep their suffix (`report.txt`, `report.html`), then their
path as given. A .jsonl record's id is its own `id`.

Errors: `load_corpus(paths, on_error="skip")` reports a bad file or .jsonl
line (empty, binary, not UTF-8/UTF-16, invalid JSON, no text, a duplicate id)
as a Problem and goes on; `on_error="fail"` (and `read_corpus`) raises
InputError at the first one.
"""
import codecs
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .clean import clean_text
from .errors import InputError
from .escape import surrogate_free
from .records import Document

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
HEADLINE_MAX_CHARS = 200
ON_ERROR = ("skip", "fail")
#: Byte-order marks, longest first (the UTF-32 LE mark starts like UTF-16 LE's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


@dataclass(frozen=True)
class Problem:
    """A file or .jsonl line that was skipped: `where` is path or path:line."""

    where: str
    reason: str

    def __str__(self):
        return f"{self.where}: {self.reason}"


@dataclass
class Corpus:
    """The documents read, ordered by id, and what was skipped."""

    documents: list
    skipped: list = field(default_factory=list)


class _Bad(InputError):
    """A problem with one file or line: where and why."""

    def __init__(self, where, reason):
        self.problem = Problem(str(where), reason)
        super().__init__(str(self.problem))


def read_corpus(paths):
    """Every document under `paths` (files or directories), ordered by id.
    InputError for a missing path, an unreadable file or a duplicate id."""
    return load_corpus(paths, on_error="fail").documents


def load_corpus(paths, on_error="fail", report=None):
    """A Corpus of everything under `paths`. With on_error="skip", a bad file
    or line is skipped, recorded in Corpus.skipped and passed to
    `report(problem)` as it is found; with "fail", InputError at the first.
    A missing path, or no document at all, is an InputError either way."""
    if on_error not in ON_ERROR:
        raise InputError(f"unknown error policy {on_error!r}; choose from {', '.join(ON_ERROR)}")
    skipped = []

    def bad(error):
        if on_error == "fail":
            raise InputError(str(error)) from None
        skipped.append(error.problem)
        if report is not None:
            report(error.problem)

    found = []  # (document, id candidates or None for a record's own id)
    for source in _files(paths):
        try:
            found.extend(_read_source(source, bad))
        except _Bad as error:
            bad(error)
    documents = _unique_ids(found, bad)
    if not documents:
        detail = f" ({len(skipped)} skipped)" if skipped else ""
        raise InputError(f"no readable documents in {', '.join(map(str, paths))}{detail}")
    return Corpus(sorted(documents, key=lambda document: document.id), skipped)


@dataclass(frozen=True)
class _Source:
    path: Path
    base: str  # the id: relative path without suffix, or the stem


def _files(paths):
    files, seen = [], set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                             and not any(part.startswith(".") for part in p.relative_to(path).parts))
            candidates = [_Source(p, p.relative_to(path).with_suffix("").as_posix()) for p in members]
        elif path.is_file():
            candidates = [_Source(path, path.stem)]
        else:
            raise InputError(f"no such file or directory: {path}")
        for source in candidates:
            key = source.path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(source)
    if not files:
        raise InputError(f"no documents ({', '.join(SUFFIXES)}) found in {', '.join(map(str, paths))}")
    return files


def _read_source(source, bad):
    path = source.path
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _Bad(path, f"unsupported file type {suffix or '(none)'}; expected one of {', '.join(SUFFIXES)}")
    text = _decode(path)
    if suffix == ".jsonl":
        return [(document, None) for document in _jsonl_documents(path, text, bad)]
    title = None
    if suffix in (".html", ".htm"):
        try:
            title, text = html_to_text(text)
        except Exception as error:  # html.parser raises AssertionError on some markup
            raise _Bad(path, f"cannot read the HTML ({error})") from None
    if not text.strip():
        raise _Bad(path, "document has no text")
    given = path.as_posix()
    candidates = (source.base, source.base + path.suffix, given[: len(given) - len(path.suffix)], given)
    return [(Document(id=source.base, text=text, title=title or headline(text), source=str(path)), candidates)]


def _unique_ids(found, bad):
    """Documents with unique ids: colliding files move to their next id
    candidate; a record whose id is taken is a problem."""
    levels = [0] * len(found)

    def current(index):
        document, candidates = found[index]
        return document.id if candidates is None else candidates[levels[index]]

    changed = True
    while changed:
        changed = False
        groups = {}
        for index in range(len(found)):
            groups.setdefault(current(index), []).append(index)
        for members in groups.values():
            if len(members) < 2:
                continue
            for index in members:
                candidates = found[index][1]
                if candidates is not None and levels[index] + 1 < len(candidates):
                    levels[index] += 1
                    changed = True
    documents, owner = [], {}
    for index, (document, candidates) in enumerate(found):
        doc_id = current(index)
        if doc_id in owner:
            bad(_Bad(document.source, f"duplicate document id {doc_id!r} (also {owner[doc_id]})"))
            continue
        owner[doc_id] = document.source
        documents.append(document if candidates is None else _with_id(document, doc_id))
    return documents


def _with_id(document, doc_id):
    return document if document.id == doc_id else Document(
        id=doc_id, text=document.text, title=document.title, url=document.url, date=document.date,
        source=document.source)


def _decode(path):
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _Bad(path, f"cannot read: {error.strerror or error}") from None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise _Bad(path, f"not {name} text (invalid data at byte {error.start})") from None
            break
    else:
        if b"\x00" in data:
            hint = ""
            if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
                hint = " (UTF-16 without a byte-order mark? save it as UTF-8)"
            raise _Bad(path, f"binary file, not text{hint}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Bad(path, f"not UTF-8 text (invalid byte at offset {error.start})") from None
    if not text.strip():
        raise _Bad(path, "file is empty")
    if "\x00" in text:
        raise _Bad(path, "binary file, not text")
    return text


def _jsonl_documents(path, text, bad):
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_jsonl_record(path, number, line))
        except _Bad as error:
            bad(error)
    if not documents:
        raise _Bad(path, "no records")
    return documents


def _jsonl_record(path, number, line):
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _Bad(where, f"invalid JSON ({error.msg})") from None
    except (ValueError, RecursionError) as error:
        raise _Bad(where, f"invalid JSON ({type(error).__name__})") from None
    if not isinstance(record, dict):
        raise _Bad(where, "a record is a JSON object with a string 'id' and 'text'")
    doc_id, text = record.get("id"), record.get("text")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip() or not isinstance(text, str):
        raise _Bad(where, "a record needs a string 'id' and 'text'")
    for key in ("title", "url", "date"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise _Bad(where, f"'{key}' must be a string")
    if not text.strip():
        raise _Bad(where, f"record {doc_id!r} has no text")
    # JSON can spell lone surrogates (\ud800), which UTF-8 cannot store: U+FFFD
    # instead, one character for one, so offsets into the text still hold.
    text = surrogate_free(text)
    return Document(
        id=surrogate_free(doc_id), text=text,
        title=surrogate_free(record.get("title") or "") or headline(text),
        url=surrogate_free(record.get("url") or "") or None, date=surrogate_free(record.get("date") or "") or None,
        source=where,
    )


def headline(text):
    """The first line of the cleaned text when it reads as a headline: short and
    not ending like a sentence."""
    for line in clean_text(text).splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) <= HEADLINE_MAX_CHARS and not re.search(r"[.,;:]$", line) and re.search(r"[A-Za-z]", line):
            return re.sub(r"\s+", " ", line)
        return None
    return None


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element.

    The <head> needs no skipping: its only text is in <title>, <script> and
    <style>, handled one by one, so a page that never closes <head> (valid
    HTML5) keeps its body. <body> ends anything a broken head left open."""

    SKIP = {"script", "style", "noscript", "template", "svg", "iframe"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "header", "footer", "blockquote", "figure", "figcaption", "nav", "aside", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.title, self._in_title = [], 0, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.skipping, self._in_title = 0, False
        elif tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(markup):
    """(title, text) of an HTML page: tags, scripts and styles dropped."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    text = "".join(extractor.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = re.sub(r"\s+", " ", extractor.title).strip() if extractor.title else None
    return title or None, text
