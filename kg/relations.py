"""Relations between actors: every registered pattern (kg/patterns/) reads
each sentence; its Candidates become Relation records with the sentence as
evidence. The strongest reading of an edge in a sentence wins."""
from .clean import trim
from .patterns import PATTERNS, PatternContext
from .records import Relation


class RelationFinder:
    def __init__(self, doc, resolver, lexicon, dictionary, patterns=None):
        self.context = PatternContext(doc, resolver, lexicon, dictionary)
        self.patterns = list(PATTERNS.values()) if patterns is None else patterns

    def find(self, document, text):
        relations = {}
        for sentence in self.context.doc.sents:
            # Trimmed on the cleaned text: page furniture around a sentence is not evidence.
            start, end = trim(self.context.doc.text, sentence.start_char, sentence.end_char)
            for pattern in self.patterns:
                for found in pattern.find(self.context, sentence):
                    for subject in found.subjects:
                        for obj in found.objects:
                            if subject == obj or not subject or not obj \
                                    or not self._admissible(subject, found.predicate, obj):
                                continue
                            key = (subject, found.predicate, obj, start)
                            if key not in relations or relations[key].confidence < found.confidence:
                                relations[key] = Relation(subject, found.predicate, obj, document.id,
                                                          text[start:end], start, end, found.confidence,
                                                          found.method)
        return [relations[key] for key in sorted(relations)]

    def _admissible(self, subject, predicate, obj):
        """Only a person commands a state: a group that "controls" or "runs" a
        state holds its land ("the Taliban control Afghanistan")."""
        cls = self.context.cls
        return not (predicate == "commands" and cls(obj) == "State" and cls(subject) != "Person")
