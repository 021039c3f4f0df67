"""The cue words and naming evidence the extractor reads from kg/data/."""
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


def _words(values):
    return frozenset(str(value).lower() for value in values)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict                 # relation -> lemmas
    prepositional: dict         # relation -> {lemma: prepositions}
    reciprocal: dict            # relation -> lemmas
    compounds: dict             # participle -> relation
    holding_participles: frozenset
    territory_nouns: frozenset
    event_nouns: frozenset
    event_support_verbs: frozenset
    event_order_verbs: frozenset
    owned_by_forces: frozenset
    owned_by_government: frozenset
    role_commands: frozenset
    role_member: frozenset
    role_part: frozenset
    alliance_nouns: frozenset
    command_nouns: frozenset
    partitive_nouns: frozenset
    negators: frozenset
    denials: frozenset
    quote_verbs: frozenset
    reported_verbs: frozenset
    speech_nouns: frozenset
    person_titles: frozenset
    person_roles: frozenset
    org_heads: dict             # capitalised head word -> class
    class_nouns: dict           # lowercase noun -> class
    force_heads: frozenset
    government_heads: frozenset

    def verb_relation(self, lemma):
        """The relation a verb lemma states between its subject and object."""
        for relation, lemmas in self.verbs.items():
            if lemma in lemmas:
                return relation
        return None

    def prepositional_relation(self, lemma, preposition):
        for relation, table in self.prepositional.items():
            if preposition in table.get(lemma, ()):
                return relation
        return None

    def reciprocal_relation(self, lemma):
        for relation, lemmas in self.reciprocal.items():
            if lemma in lemmas:
                return relation
        return None


def _read(name):
    # BaseLoader keeps every scalar a string: YAML 1.1 would read "on" and "no" as booleans.
    return yaml.load(resources.files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@lru_cache(maxsize=1)
def load_lexicon():
    cues, names = _read("cues.yaml"), _read("names.yaml")
    return Lexicon(
        verbs={relation: _words(lemmas) for relation, lemmas in cues["verbs"].items()},
        prepositional={relation: {lemma.lower(): _words(preps) for lemma, preps in table.items()}
                       for relation, table in cues["prepositional"].items()},
        reciprocal={relation: _words(lemmas) for relation, lemmas in cues["reciprocal"].items()},
        compounds={word.lower(): relation for word, relation in cues["compounds"].items()},
        holding_participles=_words(cues["holding_participles"]),
        territory_nouns=_words(cues["territory_nouns"]),
        event_nouns=_words(cues["events"]["opposes"]),
        event_support_verbs=_words(cues["events"]["support_verbs"]),
        event_order_verbs=_words(cues["events"]["order_verbs"]),
        owned_by_forces=_words(cues["owned"]["forces"]),
        owned_by_government=_words(cues["owned"]["government"]),
        role_commands=_words(cues["roles"]["commands"]),
        role_member=_words(cues["roles"]["memberOf"]),
        role_part=_words(cues["roles"]["partOf"]),
        alliance_nouns=_words(cues["alliance_nouns"]),
        command_nouns=_words(cues["command_nouns"]),
        partitive_nouns=_words(cues["partitive_nouns"]),
        negators=_words(cues["negators"]),
        denials=_words(cues["denials"]),
        quote_verbs=_words(cues["speech"]["quote"]),
        reported_verbs=_words(cues["speech"]["reported"]),
        speech_nouns=_words(cues["speech"]["nouns"]),
        person_titles=frozenset(names["person_titles"]),
        person_roles=_words(names["person_roles"]),
        org_heads=dict(names["org_heads"]),
        class_nouns={noun.lower(): cls for noun, cls in names["class_nouns"].items()},
        force_heads=_words(names["collective_heads"]["forces"]),
        government_heads=_words(names["collective_heads"]["government"]),
    )
