"""Read a corpus: files or directories of .txt, .md, .html and .jsonl documents."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .clean import clean_text
from .errors import InputError
from .records import Document

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
HEADLINE_MAX_CHARS = 200


def read_corpus(paths):
    """Every document under `paths` (files or directories), ordered by id.
    InputError for a missing path, an unreadable file or a duplicate id."""
    documents = []
    for path in _files(paths):
        documents.extend(read_file(path))
    seen = {}
    for document in documents:
        if document.id in seen:
            raise InputError(f"two documents have the id {document.id!r}: {seen[document.id]} and {document.source}")
        seen[document.id] = document.source
    return sorted(documents, key=lambda document: document.id)


def _files(paths):
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError(f"{path}: unsupported file type {path.suffix or '(none)'}; expected one of {', '.join(SUFFIXES)}")
            files.append(path)
        else:
            raise InputError(f"no such file or directory: {path}")
    if not files:
        raise InputError(f"no documents ({', '.join(SUFFIXES)}) found in {', '.join(map(str, paths))}")
    return files


def read_file(path):
    """The documents in one file (one, or one per line of a .jsonl file)."""
    path = Path(path)
    text = _decode(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _jsonl_documents(path, text)
    title = None
    if suffix in (".html", ".htm"):
        title, text = html_to_text(text)
    if not text.strip():
        raise InputError(f"{path}: document has no text")
    return [Document(id=path.stem, text=text, title=title or headline(text), source=str(path))]


def _decode(path):
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (invalid byte at offset {error.start})") from None


def _jsonl_documents(path, text):
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: invalid JSON ({error.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record.get("id"):
            raise InputError(f"{path}:{number}: a record needs a string 'id' and 'text'")
        if not record["text"].strip():
            raise InputError(f"{path}:{number}: record {record['id']!r} has no text")
        documents.append(Document(
            id=str(record["id"]), text=record["text"],
            title=record.get("title") or headline(record["text"]),
            url=record.get("url"), date=record.get("date"), source=f"{path}:{number}",
        ))
    if not documents:
        raise InputError(f"{path}: no records")
    return documents


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
    """Visible text of an HTML page, one line per block element."""

    SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "header", "footer", "blockquote", "figure", "figcaption", "nav", "aside", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.title, self._in_title = [], 0, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
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
