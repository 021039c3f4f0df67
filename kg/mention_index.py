"""Actor mentions of one parsed document and the index the later stages read."""
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

#: Particles inside Arabic and European names ("Abu Bakr al-Baghdadi").
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "abdul", "de", "van", "von", "-", "bint", "ul",
                            "da", "do", "dos", "das", "di", "del", "du", "e", "i"})  # "e", "i": "Lashkar-e-Jhangvi", "Hizb-i-Islami"
#: Prepositions after which a capital's name is a place, not an actor.


@dataclass
class Mention:
    start: int
    end: int
    actors: tuple
    kind: str

    def span(self, doc):
        return doc[self.start:self.end]


@dataclass
class MentionIndex:
    """The mentions of one parsed document, and the actors they introduced."""

    doc: object
    mentions: list
    new_actors: dict = field(default_factory=dict)

    def __post_init__(self):
        self.reindex()

    def reindex(self):
        """Rebuild the token lookup after mentions were added or replaced."""
        self.mentions.sort(key=lambda mention: mention.start)
        self.by_token = {}
        for mention in self.mentions:
            for index in range(mention.start, mention.end):
                self.by_token[index] = mention

    def at(self, token):
        return self.by_token.get(token.i)

    def within(self, span):
        """Each mention touching `span` once, in order."""
        return list({id(m): m for t in span if (m := self.at(t)) is not None}.values())

    def actors_between(self, start_char, end_char):
        """Actors mentioned inside a character range, in order of first mention."""
        found = []
        for mention in self.mentions:
            span = mention.span(self.doc)
            if span.start_char >= start_char and span.end_char <= end_char:
                found.extend(actor for actor in mention.actors if actor not in found)
        return found


def add_mention(index, tokens, actor_id, kind):
    mention = Mention(tokens[0].i, tokens[-1].i + 1, (actor_id,), kind)
    index.mentions.append(mention)
    for token in tokens:
        index.by_token[token.i] = mention


def slug(name):
    """An id from a name: ASCII letters and digits between hyphens ("Volker Türk" -> volker-turk)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("’", "").replace("'", "")).strip("-")
    # A name in another script keeps an id of its own.
    return slug or "actor-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def mention_after(index, end, stop, lexicon, dictionary, words=("of",)):
    """The mention written after "of" (or another of `words`) at `end`, within a
    few words: past determiners, adjectives (hyphen-joined too), participles,
    demonyms, titles and roles ("the guards of exiled Yemeni President X",
    "loyal to eastern-based strongman X", "the government of X"), whatever the
    parse; or None."""
    doc = index.doc
    if end >= stop or doc[end].lower_ not in words:
        return None
    for token in doc[end + 1: min(end + 8, stop)]:
        mention = index.at(token)
        if mention is not None:
            return mention
        if not (token.pos_ in ("DET", "ADJ") or token.tag_ in ("VBN", "VBD", "HYPH") or dictionary.by_demonym(token.text)
                or token.text.rstrip(".") in lexicon.person_titles or token.lower_ in lexicon.person_roles):
            return None
    return None

