"""The English pipeline: loading, the news tokenizer and line-structure sentence starts.

The pipeline (tagger, morphologizer, lemmatizer, dependency parser) is trained
from Universal Dependencies English EWT by ``training/train.py`` and shipped in
``kg/model/``; it is loaded from there only, never from the network.

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("The army attacked the rebels.")
    >>> [(t.text, t.dep_, t.head.text) for t in doc]

Public API
    MODEL_DIR                 the shipped pipeline directory
    load_pipeline()           the cached ``spacy.Language`` (news tokenizer and
                              the four sentence components below applied)
    customize_tokenizer(nlp)  the news tokenizer rules, applied in place
    add_news_components(nlp)  the tokenizer rules and the components, for any
                              trained pipeline directory
    line_breaks               component: sentence starts from line structure
    headlines                 component: a line without a sentence mark is one sentence
    prose_sentences           component: in a line of prose no sentence starts right after a word
    closing_quotes            component: a closing quote never starts a sentence
    kept_sentences            component (after the parser): rejoins a line of prose the parser cut at a word
    ModelError                raised when the shipped model is missing or unreadable
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import spacy
from spacy.attrs import IDX, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex
from thinc.api import use_ops

from kg import word_clusters  # noqa: F401  registers kg.ClusterHashEmbed.v1 (models v7 on)
from kg.errors import KGError

MODEL_DIR = Path(__file__).parent / "model"

# Abbreviations that must stay one token (spaCy's English defaults already
# cover U.S., U.N., Gen., Dr., Sen., Rep., Gov., Oct., a.m., p.m. and more;
# listing them here as well makes the rule explicit and keeps it if those
# defaults change).  Titles and ranks come first, then months.
ABBREVIATIONS = (
    "U.S.", "U.N.", "U.K.", "E.U.", "U.A.E.",
    "Lt.", "Gen.", "Gens.", "Col.", "Maj.", "Brig.", "Sgt.", "Capt.", "Cpl.",
    "Pvt.", "Cmdr.", "Adm.", "Dr.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.",
    "Govs.", "Pres.", "Prof.", "Amb.", "Rev.", "Mr.", "Mrs.", "Ms.", "St.",
    "Mt.", "Ft.", "Jr.", "Sr.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
    "Oct.", "Nov.", "Dec.",
    "a.m.", "p.m.",
)

# English EWT keeps words with these prefixes whole ("e-mail", "non-profit",
# "anti-government", "co-founder", "mid-October") but splits every other
# hyphen ("al - Shaabi", "Iran - backed", "1969 - 1970").
_HYPHEN_PREFIXES = (
    "e", "non", "mid", "pre", "anti", "re", "post", "co", "over", "pro",
    "multi", "ex", "sub", "semi", "cross", "neo", "socio", "counter",
)
_PREFIXED_WORD = re.compile(
    r"(?i)^(?:%s)-[a-z]+$" % "|".join(_HYPHEN_PREFIXES)
)

# Extra infixes: en and em dashes anywhere inside a token ("statehood—which",
# "1990–1991", "said—30"), and a hyphen after an abbreviation's full stop
# ("U.S.-backed" -> U.S. - backed).
_EXTRA_INFIXES = (r"[—–]", r"(?<=\.)-(?=[A-Za-z])")


class ModelError(KGError):
    """The shipped English model is missing or cannot be loaded."""


def customize_tokenizer(nlp: Language) -> Language:
    """Apply the news tokenizer rules to ``nlp.tokenizer`` in place (idempotent)."""
    tokenizer = nlp.tokenizer
    for abbr in ABBREVIATIONS:
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    # Curly apostrophes in possessives of abbreviations: "U.S.’s" -> U.S. ’s.
    for abbr in ("U.S.", "U.N.", "U.K.", "E.U."):
        for apos in ("'s", "’s"):
            tokenizer.add_special_case(
                abbr + apos, [{ORTH: abbr}, {ORTH: apos, NORM: "'s"}]
            )
    infixes = list(nlp.Defaults.infixes) + list(_EXTRA_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.token_match = _PREFIXED_WORD.match
    return nlp


@spacy.registry.callbacks("kg.news_tokenizer.v1")
def make_news_tokenizer_callback():
    """Config callback: ``[initialize.before_init] @callbacks = "kg.news_tokenizer.v1"``."""
    return customize_tokenizer


# --- sentence starts from line structure ------------------------------------

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_END_CONTINUES = {",", "-", "–", "—", "(", "[", "“", "‘"}
_CLOSING = {"”", "’", '"', "'", ")", "]"}


def _ends_sentence(tok: Token) -> bool:
    """True for sentence-final punctuation, also behind closing quotes or brackets."""
    while tok.text in _CLOSING and tok.i > 0:
        tok = tok.nbor(-1)
    return tok.text[-1:] in {".", "!", "?"}


def _continues(prev: Token, nxt: Token) -> bool:
    """True when a single line break between ``prev`` and ``nxt`` is mid-sentence."""
    if prev.text in _LINE_END_CONTINUES:
        return True
    return nxt.text[:1].islower() and not _ends_sentence(prev)


def _set_sentence_starts(doc: Doc, starts: dict) -> None:
    """Set many tokens' sentence starts (True / False) in one write: the
    per-token setter scans the whole document each time."""
    if not starts:
        return
    values = doc.to_array([SENT_START]).astype("int64")
    for i, start in starts.items():
        values[i] = 1 if start else -1
    doc.from_array([SENT_START], values.astype("uint64"))


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Mark sentence starts at line structure, before the parser runs.

    The first word after a blank line always starts a sentence.  The first
    word after a single line break starts one too, unless the line before ends
    mid-sentence and the line after goes on: a comma, a hyphen or dash or an
    opening bracket or quote at the end of the line, or a lowercase start of
    the next line after a line that does not end in sentence-final punctuation
    ("Kurds,\\nin turn, claim" and "fighting\\nthe militia" stay one sentence;
    a headline line followed by its paragraph is split).  Other tokens are
    left to the parser.
    """
    text = doc.text
    spans = doc.to_array([IS_SPACE, IDX, LENGTH]).reshape(len(doc), 3).tolist()
    words = [i for i, (space, _, _) in enumerate(spans) if not space]  # positions, not Tokens: faster
    starts = {}
    for prev, nxt in zip(words, words[1:]):
        gap = text[spans[prev][1] + spans[prev][2]: spans[nxt][1]]
        if "\n" not in gap:
            continue
        if _BLANK_LINE.search(gap) or not _continues(doc[prev], doc[nxt]):
            starts[nxt] = True
    _set_sentence_starts(doc, starts)
    return doc


_SENTENCE_MARK = re.compile(r"[.!?…]")
_LINE = re.compile(r"[^\n]+")
_HEADLINE_WORDS = 25


@Language.component("headlines")
def headlines(doc: Doc) -> Doc:
    """Keep a line without any sentence mark in one sentence, before the parser runs.

    A headline ("Saudi-led coalition strikes Houthi targets after missile
    attack") has no full stop for the parser to split at, and its present-tense
    verbs read like plural nouns, so the parser tends to cut it in two. A line
    of two to 25 words with no . ! ? is one sentence; longer lines (lists,
    unpunctuated paragraphs) are left to the parser.
    """
    for line in _LINE.finditer(doc.text):
        words = len(line.group().split())
        if not 1 < words <= _HEADLINE_WORDS or _SENTENCE_MARK.search(line.group()):
            continue
        span = doc.char_span(line.start(), line.end(), alignment_mode="expand")
        tokens = [token for token in span if not token.is_space] if span is not None else []
        _set_sentence_starts(doc, {token.i: False for token in tokens[1:] if token.is_sent_start is None})
    return doc


@Language.component("prose_sentences")
def prose_sentences(doc: Doc) -> Doc:
    """Start no sentence right after a word inside a line of prose, before the parser runs.

    Edited news ends its sentences with a mark; a parser trained on web text
    also ends them on a bare word ("great service Installed ...") and then
    cuts names and clauses apart in news ("Recep Tayyip | Erdogan said",
    "the capital | Tripoli"). In a line with a sentence mark, a word right
    after another word (a space between) continues the sentence. Lines
    without a mark (headlines, datelines) are left to ``headlines`` and
    ``line_breaks``.
    """
    # Token attributes read as arrays: creating a Token per word costs more than the rule.
    flags = doc.to_array([IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, SENT_START]).reshape(len(doc), 5).tolist()
    for line in _LINE.finditer(doc.text):
        if not _SENTENCE_MARK.search(line.group()):
            continue
        span = doc.char_span(line.start(), line.end(), alignment_mode="expand")
        continued = {}
        for i in range(span.start + 1, span.end) if span is not None else ():
            if flags[i][4] == 0 and not flags[i][3] and _is_word(doc, flags, i - 1):
                continued[i] = False
                doc.user_data.setdefault(CONTINUED, []).append(i)
        _set_sentence_starts(doc, continued)
    return doc


def _is_word(doc: Doc, flags: list, i: int) -> bool:
    """A word: letters or digits, also hyphened ("pro-Iranian"), not ending in a full stop ("U.S.")."""
    alpha, digit, punct = flags[i][:3]
    if alpha or digit:
        return True
    text = doc[i].text
    return not punct and text[-1:].isalnum() and any(ch.isalpha() for ch in text)


#: Tokens ``prose_sentences`` says continue their sentence, for ``kept_sentences`` after the parser.
CONTINUED = "kg_prose_continued"


@Language.component("kept_sentences")
def kept_sentences(doc: Doc) -> Doc:
    """After the parser: rejoin a sentence it started where ``prose_sentences`` said none starts.

    The parser may still cut a line of prose at a word ("the Iraqi pro-Iranian
    | Hashed al-Shaabi group"), which splits names and clauses across
    sentences. The cut-off part's root is attached to the previous sentence's
    root (label ``dep``), so the words stay in one sentence; the parse inside
    each part is kept.
    """
    for i in doc.user_data.pop(CONTINUED, ()):  # needed by no later stage
        token = doc[i]
        if not token.is_sent_start:
            continue
        previous_root, root = doc[i - 1].sent.root, token.sent.root
        root.head, root.dep_ = previous_root, "dep"
    return doc


_CLOSING_QUOTES = {"”", "’", "''"}


@Language.component("closing_quotes")
def closing_quotes(doc: Doc) -> Doc:
    """Keep a closing quote in the sentence it closes, before the parser runs.

    A closing quote after the last word of a quotation ("... the Kurds.” Iraqi
    ...", '... of "partition." Kurdish ...') must not start the next sentence.
    Curly closing quotes are known by their shape; a straight double quote
    closes when an odd number of them came before it in the same paragraph
    (line).  A token right after a line break is left alone.  A capitalized
    word right after a closing quote that follows . ! or ? starts a sentence.
    """
    open_double = False
    starts = {}
    # Only quotes and line breaks change anything: visit those alone.
    quotes = {doc.vocab.strings.add(quote) for quote in ('"', *_CLOSING_QUOTES)}
    forms = doc.to_array([ORTH, IS_SPACE]).reshape(len(doc), 2).tolist()
    for i in [i for i, (orth, space) in enumerate(forms) if space or orth in quotes]:
        tok = doc[i]
        if tok.is_space:
            if "\n" in tok.text:
                open_double = False
            continue
        if tok.i == 0 or doc[tok.i - 1].is_space:
            open_double = open_double != (tok.text == '"')
            continue
        closing = tok.text in _CLOSING_QUOTES or (tok.text == '"' and open_double)
        if tok.text == '"':
            open_double = not open_double
        if not closing:
            continue
        starts[tok.i] = False
        # ... the Kurds.” Iraqi leaders ...: a capitalized word after a quote
        # that ends with . ! or ? starts the next sentence.
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (nxt is not None and doc[tok.i - 1].text in {".", "!", "?"}
                and nxt.is_alpha and nxt.is_title):
            starts[nxt.i] = True
    _set_sentence_starts(doc, starts)
    return doc


NEWS_COMPONENTS = ("line_breaks", "headlines", "prose_sentences", "closing_quotes")


def add_news_components(nlp: Language) -> Language:
    """The news tokenizer, the components before the parser and the one after it (idempotent)."""
    customize_tokenizer(nlp)
    before = "parser" if "parser" in nlp.pipe_names else None
    for name in NEWS_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, before=before)
    if "parser" in nlp.pipe_names and "kept_sentences" not in nlp.pipe_names:
        nlp.add_pipe("kept_sentences", after="parser")
    return nlp


# --- loading -----------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def load_pipeline(model_dir: Path | None = None) -> Language:
    """The English pipeline at ``model_dir`` (default ``MODEL_DIR``, the shipped
    one) with the news components, loaded once, offline."""
    model_dir = model_dir or MODEL_DIR
    if not (model_dir / "config.cfg").is_file():
        raise ModelError(
            f"English model not found at {model_dir}: "
            "reinstall actor-kg or rebuild it with `make model`"
        )
    try:
        # thinc multiplies matrices with blis by default; numpy's OpenBLAS was
        # three times faster on our benchmark machine (AMD EPYC), which takes
        # a quarter off the pipeline's time, and the parses are the same.
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(model_dir)
    except Exception as exc:  # corrupt or incompatible files
        raise ModelError(f"cannot load the English model at {model_dir}: {exc}") from exc
    return add_news_components(nlp)
