"""spaCy components of actor-kg: the stages after the parse, registered with
spaCy and carrying their results on the Doc.

    >>> nlp = kg.load_pipeline()
    >>> nlp.add_pipe("kg_actor_mentions")            # or with {"actor_files": ["mine.yaml"]}
    >>> doc = nlp("Iran-backed militias attacked the base.")
    >>> [(s.text, s.kb_id_, s.label_) for s in doc.spans["actors"]]

`doc.spans["actors"]` holds one span per actor mention: `kb_id_` is the actor
id (ids joined by "|" for a collective such as "Iraqi and Kurdish forces") and
`label_` how it was found (alias, collective, metonym, name, acronym, ...).
`doc._.actor_index` is the MentionIndex the relation and statement stages
read, with the actors nobody listed that the document introduced.
"""
from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import ActorDictionary
from .lexicon import load_lexicon
from .mentions import find_mentions

SPANS_KEY = "actors"

if not Doc.has_extension("actor_index"):
    Doc.set_extension("actor_index", default=None)


class ActorMentions:
    """Finds every actor mention of a parsed Doc (see kg/mentions.py)."""

    def __init__(self, dictionary, tokenizer):
        self.dictionary, self.lexicon, self.tokenizer = dictionary, load_lexicon(), tokenizer

    def __call__(self, doc):
        index = find_mentions(doc, self.dictionary, self.lexicon, self.tokenizer)
        doc.spans[SPANS_KEY] = [Span(doc, m.start, m.end, label=m.kind, kb_id="|".join(m.actors))
                                for m in index.mentions]
        doc._.actor_index = index
        return doc


@Language.factory("kg_actor_mentions", default_config={"actor_files": []})
def make_actor_mentions(nlp, name, actor_files):
    return ActorMentions(ActorDictionary.load(tuple(actor_files)), nlp.tokenizer)
