"""The extraction pipeline: clean → parse → find actors → resolve → relations
and statements, over every document of a corpus."""
from .clean import clean_text
from .lexicon import load_lexicon
from .mentions import find_mentions
from .records import Extraction
from .relations import RelationFinder
from .resolve import Resolver, SpeakerMemory
from .statements import StatementFinder


class Extractor:
    """Extracts actors, relations and statements with the shipped parser.

    `nlp` defaults to the shipped English pipeline; `dictionary` is an
    ActorDictionary (built-in names merged with the user's files)."""

    def __init__(self, dictionary, nlp=None):
        if nlp is None:
            from .nlp import load_pipeline
            nlp = load_pipeline()
        self.nlp, self.dictionary, self.lexicon = nlp, dictionary, load_lexicon()

    def extract(self, documents, progress=None):
        """An Extraction over `documents`; `progress(document)` is called after each."""
        extraction = Extraction(documents=list(documents))
        texts = [clean_text(document.text) for document in extraction.documents]
        for document, doc in zip(extraction.documents, self.nlp.pipe(texts, batch_size=8)):
            self._document(document, doc, extraction)
            if progress is not None:
                progress(document)
        extraction.actors = dict(sorted(extraction.actors.items()))
        extraction.facts = sorted(
            (entry.id, predicate, obj, note)
            for entry in self.dictionary
            for predicate, obj, note in entry.facts
            if entry.id in extraction.actors and obj in extraction.actors
        )
        return extraction

    def _document(self, document, doc, extraction):
        index = find_mentions(doc, self.dictionary, self.lexicon, self.nlp.tokenizer)
        for mention in index.mentions:
            for actor_id in mention.actors:
                if actor_id not in extraction.actors:
                    extraction.actors[actor_id] = self._actor(actor_id, index)
        resolver = Resolver(index, extraction.actors, self.lexicon)
        text = document.text
        extraction.relations.extend(RelationFinder(doc, resolver, self.lexicon, self.dictionary).find(document, text))
        extraction.statements.extend(StatementFinder(doc, resolver, self.lexicon, SpeakerMemory()).find(document, text))

    def _actor(self, actor_id, index):
        if actor_id in self.dictionary:
            return self.dictionary.to_actor(actor_id)
        return index.new_actors[actor_id]
