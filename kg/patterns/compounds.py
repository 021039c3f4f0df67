"""Hyphen compounds: "Iran-backed militias", "US-led coalition" (the actor
before the hyphen relates to the noun the compound modifies), "the
Israel-Hamas war" and "the Russia-Iran alliance" (two sides as a pair), and
"Kurdish-held areas" taken by someone (who then opposes the holder)."""
import itertools

from .registry import Confidence, candidate, register
from .syntax import after_hyphen, case, negated

PHRASE_ENDS = frozenset({"ADP", "VERB", "AUX", "PUNCT", "CCONJ", "SCONJ"})


@register("hyphen-compound", family="compounds", relations=("backs", "commands"), methods=("hyphen-compound",))
def hyphen_compounds(context, sentence):
    """"<Actor>-backed <Actor>": the first actor backs (or leads) the second."""
    for participle in sentence:
        if participle.lower_ in context.lexicon.compounds and after_hyphen(participle):
            yield from _compound(context, participle)


def _compound(context, participle):
    doc = participle.doc
    modifier = doc[participle.i - 2]
    people = context.dictionary.by_demonym(modifier.text)
    named = context.index.at(modifier)
    if people is not None and people.cls != "State" and (named is None or named.kind == "generic"):
        return  # "Kurdish-led forces" in Syria: a people leads them, not the Kurdistan Region's government
    sources = context.source(modifier)
    head = participle.head if participle.head.pos_ in ("NOUN", "PROPN") and participle.head.i > participle.i else None
    following = _modified_words(doc, participle)
    # Only a name or a collective ("Iraqi forces") is a target, not a noun read through the parse.
    targets = [t for t in (head, *following) if t is not None and context.mentioned(t)]
    owned_part = head is not None and head.lower_ in context.lexicon.partitive_nouns and any(
        c.dep_.startswith("nmod") and case(c) == "of" for c in head.children)
    if not targets and head is not None and context.resolver.actors(head) \
            and (head.lower_ in context.lexicon.anaphors or owned_part):
        # "the Iran-backed group": the group the story named before; "Turkish-backed factions of the SNA".
        targets = [head]
    if not targets and head is not None and head.lower_ in context.lexicon.anaphors:
        targets = context.set_off_before(head)  # "the SDF, a US-backed group, said" read as two subjects
    if not sources or not targets:
        return
    if context.mentioned(modifier) and context.index.at(modifier) is context.index.at(targets[0]):
        # A name that says it ("the Saudi-led coalition", "Turkey-backed Free
        # Syrian Army"): the actor named before the hyphen, if another one.
        sources = _named_source(context, modifier)
        if not sources or set(sources) & set(context.actors(targets[:1])):
            return
    relation = context.lexicon.compounds[participle.lower_]
    # The compound modifies what follows it: "X and the Iran-backed Y" says nothing of X.
    target = targets[0]
    objects = []
    for each in (target, *(c for c in target.conjuncts if c.i > participle.i)):
        objects.extend(a for a in context.resolver.actors(each) if a not in objects)
    yield candidate(sources, relation, objects, "hyphen-compound", Confidence.EXPLICIT)


def _modified_words(doc, participle):
    """The words of the noun phrase a compound modifies, past other hyphened
    modifiers ("US-backed, Kurdish-led forces"); "Iran-backed militias in
    Syria" stops at "in"."""
    position, stop = participle.i + 1, participle.sent.end
    while position + 3 < stop and doc[position].text == "," and doc[position + 2].text in ("-", "–") \
            and doc[position + 3].tag_ == "VBN":
        position += 4
    words = []
    for token in itertools.takewhile(lambda t: t.pos_ not in PHRASE_ENDS, doc[position: min(position + 3, stop)]):
        words.append(token)
        following = doc[token.i + 1] if token.i + 1 < stop else None
        if token.pos_ == "NOUN" and token.is_lower and (following is None or not following.text[:1].isupper()):
            break  # a common noun heads the phrase: "Iran-backed fighters attack SDF posts"
    return words


@register("paired-compound", family="compounds", relations=("opposes", "backs"), methods=("paired-compound",))
def paired_compounds(context, sentence):
    """"the Israel-Hamas war", "the Saudi-Iranian rivalry": each side opposes
    the other; "the Russia-Iran alliance": each backs the other."""
    doc = context.doc
    for noun in sentence:
        relation = next((relation for relation, nouns in context.lexicon.paired_nouns.items()
                         if noun.lower_ in nouns), None)
        if relation is None or noun.i < sentence.start + 3 or context.mentioned(noun):
            continue
        second, dash, first = doc[noun.i - 1], doc[noun.i - 2], doc[noun.i - 3]
        if dash.text not in ("-", "–") or (first.whitespace_ and dash.whitespace_):
            continue  # "X - Y war" with spaces around the dash is two phrases
        sides = [context.source(first), context.source(second)]
        if not all(sides) or set(sides[0]) & set(sides[1]):
            continue
        yield candidate(sides[0], relation, sides[1], "paired-compound", Confidence.STRUCTURAL)
        yield candidate(sides[1], relation, sides[0], "paired-compound", Confidence.STRUCTURAL)


@register("held-territory", family="compounds", relations=("opposes",), methods=("held-territory",))
def held_territory(context, sentence):
    """"moved to recapture Kurdish-held areas": taking the land opposes its holder's forces."""
    lexicon, doc = context.lexicon, context.doc
    for participle in sentence:
        if participle.lower_ not in lexicon.holding_participles or not after_hyphen(participle):
            continue
        following = doc[participle.i + 1] if participle.i + 1 < len(doc) else None
        if following is None or following.lemma_.lower() not in lexicon.territory_nouns:
            continue
        holder = context.side(doc[participle.i - 2], "forces")
        position = participle.i - 3
        while position >= participle.sent.start and doc[position].pos_ in ("DET", "ADJ", "ADV", "NUM"):
            position -= 1
        verb = doc[position] if position >= participle.sent.start else None
        if verb is None or lexicon.verb_relation(lexicon.base(verb)) != "opposes" or negated(verb, lexicon):
            continue
        subjects, _inherited = context.subjects(verb)
        yield candidate(context.actors(subjects), "opposes", holder, "held-territory", Confidence.INDIRECT)


def _named_source(context, modifier):
    """The actor a word inside a longer name stands for: a demonym or a listed name."""
    entry = context.dictionary.by_demonym(modifier.text) or context.dictionary.by_name(modifier.text)
    return [entry.id] if entry is not None else []
