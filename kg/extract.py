"""The extraction pipeline: clean → parse → find actors → resolve → relations
and statements, one document at a time, then a deterministic merge.

Each document gives a `DocumentResult` that depends on that document alone
(and on the model, the rules and the dictionary), so results can be computed
in any order, in other processes or on other machines, cached, and merged by
`merge_results` into the same Extraction.
"""
import itertools
import re

from spacy.tokens import Doc

from .clean import clean_text
from .errors import ExtractionError
from .lexicon import load_lexicon
from .components import ActorMentions
from .results import DocumentFailure, DocumentResult, failure_message, merge_results  # noqa: F401
from .relations import RelationFinder
from .resolve import Resolver, SpeakerMemory
from .statements import StatementFinder

#: spaCy refuses longer texts (E088); longer documents are parsed in pieces
#: cut at paragraph breaks and joined back into one Doc.
MAX_PIECE_CHARS = 100_000
BATCH_SIZE = 8
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


class Extractor:
    """Extracts actors, relations and statements with the shipped parser.

    `nlp` defaults to the shipped English pipeline; `dictionary` is an
    ActorDictionary (gazetteer and built-in names merged with the user's files)."""

    def __init__(self, dictionary, nlp=None):
        if nlp is None:
            from .nlp import load_pipeline
            nlp = load_pipeline()
        self.nlp, self.dictionary, self.lexicon = nlp, dictionary, load_lexicon()
        # The component runs on each parsed Doc without being added to the
        # shared, cached pipeline, which other dictionaries may use.
        self.mentions = ActorMentions(dictionary, nlp.tokenizer)

    def extract(self, documents, progress=None):
        """An Extraction over `documents`; `progress(document)` is called after
        each. ExtractionError if one document's extraction fails."""
        documents = list(documents)
        results = []
        for document, result in zip(documents, self.results(documents)):
            if isinstance(result, DocumentFailure):
                raise ExtractionError(failure_message(document, result))
            results.append(result)
            if progress is not None:
                progress(document)
        return merge_results(documents, results, self.dictionary)

    def results(self, documents):
        """A DocumentResult for each document, in order (parsed in batches);
        a DocumentFailure for one whose extraction raised, so that an error
        the rules meet in one document of a large corpus costs that document
        alone (kg build reports it, and stops only under --on-error fail)."""
        documents = list(documents)
        docs = self._parse(clean_text(document.text) for document in documents)
        for document, doc in zip(documents, docs):
            try:
                yield self.document_result(document, doc)
            except Exception as error:  # noqa: BLE001 (any error of the rules on this document)
                yield DocumentFailure.of(document, error)

    def document_result(self, document, doc):
        """The DocumentResult of one document and its parse."""
        index = self.mentions(doc)._.actor_index
        result = DocumentResult(document.id)
        for mention in index.mentions:
            for actor_id in mention.actors:
                if actor_id not in result.actors:
                    result.actors[actor_id] = self._actor(actor_id, index)
        resolver = Resolver(index, result.actors, self.lexicon)
        text = document.text
        result.relations = RelationFinder(doc, resolver, self.lexicon, self.dictionary).find(document, text)
        result.statements = StatementFinder(doc, resolver, self.lexicon, SpeakerMemory()).find(document, text)
        return result

    def _parse(self, texts):
        """One Doc per text, parsed in batches; a text too long for spaCy is
        parsed in paragraph pieces that are joined back into one Doc."""
        pieces = ((piece, number) for number, text in enumerate(texts)
                  for piece in split_paragraphs(text, MAX_PIECE_CHARS))
        parsed = self.nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE)
        for _number, group in itertools.groupby(parsed, key=lambda pair: pair[1]):
            docs = [doc for doc, _ in group]
            yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)

    def _actor(self, actor_id, index):
        if actor_id in self.dictionary:
            return self.dictionary.to_actor(actor_id)
        return index.new_actors[actor_id]


def split_paragraphs(text, limit):
    """`text` cut into consecutive pieces of at most `limit` characters, at
    paragraph breaks where possible, then at line breaks, then anywhere;
    "".join(pieces) == text."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max((m.end() for m in _PARAGRAPH_BREAK.finditer(window)), default=0)
        if cut == 0:
            cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
