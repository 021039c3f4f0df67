"""People's roles and organisations' units: "X, spokesman for Y", "Y
spokeswoman X", "Y's leader X", "X of the Y" (memberOf or commands), and
"Y, an elite unit of Z" (partOf)."""
from ..mention_index import mention_after
from .registry import Confidence, candidate, register
from .syntax import case, hyphen_joined_end, hyphen_joined_start, negated

FORMING_VERBS = frozenset({"form", "constitute", "remain", "become"})
ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "with", "in", "from", "within", "inside"})


@register("role", family="roles", relations=("commands", "memberOf", "partOf"),
          methods=("role", "person-of-organisation", "unit-apposition"))
def roles(context, sentence):
    """A role noun beside a name relates the person (or unit) to the organisation."""
    lexicon = context.lexicon
    for mention in context.index.within(sentence):
        span = mention.span(context.doc)
        actors = mention.actors
        if len(actors) != 1:
            continue
        cls = context.cls(actors[0])
        if cls == "Person":
            for role, orgs in role_nouns(context, span):
                relation = role_relation(role, lexicon)
                if relation:
                    yield candidate(actors, relation, orgs, "role", Confidence.DIRECT)
            for child in (c for token in span for c in token.children):
                if child.dep_.startswith("nmod") and case(child) in ("of", "from") and child.i >= span.end:
                    yield candidate(actors, "memberOf", context.organisations([child]), "person-of-organisation",
                                    Confidence.STRUCTURAL)
        elif cls not in (None, "State"):
            # A state's membership of an alliance is neither a unit nor a person's role (the contract).
            for role, orgs in role_nouns(context, span):
                if role.lemma_.lower() in lexicon.role_part | {"member"}:  # "X is a member of the Y alliance"
                    yield candidate(actors, "partOf", orgs, "unit-apposition", Confidence.DIRECT)


def role_nouns(context, span):
    """(role noun, organisations) linked to a name by apposition or as its title."""
    lexicon = context.lexicon
    candidates = []
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and not (span.start <= child.i < span.end):
            candidates.append(child)
    doc = span.doc
    followed_by_verb = span.end < len(doc) and doc[span.end].tag_ in ("VBD", "VBZ", "VBP", "MD")
    # A name set off by commas with no "and" is in apposition, whatever the parse ("the agency, UNRWA, said").
    set_off = root.dep_ == "conj" and not any(c.dep_ == "cc" for c in root.children) and span.start > 0 \
        and doc[span.start - 1].text == "," and span.end < len(doc) and doc[span.end].text == ","
    if (root.dep_ == "appos" or set_off) and root.head.i < span.start and not followed_by_verb:
        # "After meeting the leader of X, Y flew home": a name right before its verb is the subject.
        candidates.extend(_heads_before(root.head))
    predicate = root.head
    if root.dep_ == "nsubj" and predicate.i >= span.end and any(c.dep_ == "cop" for c in predicate.children) \
            and not negated(predicate, lexicon):
        candidates.append(predicate)  # "The YPG is the main component of the SDF"
    # The subject may be read as a compound of the verb: "The YPG forms ...".
    if root.dep_ in ("nsubj", "compound") and predicate.pos_ in ("VERB", "AUX") \
            and predicate.lemma_.lower() in FORMING_VERBS and not negated(predicate, lexicon):
        # "The YPG forms the backbone of the SDF", "X remains a core part of Y" (also read as a complement).
        candidates.extend(c for c in predicate.children if c.dep_ in ("obj", "xcomp") and c.pos_ == "NOUN")
    candidates.extend(_appositive_words(context, span))
    candidates.extend(_role_written_before(context, span))
    found = []
    all_roles = lexicon.role_commands | lexicon.role_member | lexicon.role_part
    for role in map(_one_of_many, candidates):
        if context.mentioned(role) or role.lemma_.lower() not in all_roles:
            continue  # a word of a name ("Abbas Division") is not a role
        if role.dep_ in ("compound", "amod") and role.head.i > role.i and role.head.lemma_.lower() in all_roles:
            continue  # "chief spokesman": the spokesman is the role
        if any(c.dep_ == "amod" and c.lower_ in lexicon.titles["former"] for c in role.children):
            continue  # "a former interior minister": a role that was
        orgs = _role_organisations(context, role) or _state_led(context, role)
        if orgs:
            found.append((role, orgs))
    return found


def _state_led(context, role):
    """"Syria's interim president", "the president of Syria": a head of state
    leads the state, a head of government its government, a commander-in-chief
    its forces."""
    titles, lemma = context.lexicon.titles, role.lemma_.lower()
    first = hyphen_joined_start(role)  # "Ukraine's commander-in-chief": the owner hangs on "commander"
    owners = [c for word in {first, role} for c in word.children
              if c.dep_ == "nmod:poss" or (c.dep_.startswith("nmod") and case(c) == "of")]
    states = [context.dictionary.get(a) for a in context.actors(owners) if context.cls(a) == "State"]
    if context.doc[first.i:role.i + 1].text.lower() in titles["heads_of_forces"]:
        return [state.forces or state.id for state in states if state is not None]
    if lemma in titles["heads_of_state"]:
        return [state.id for state in states if state is not None]
    if lemma in titles["heads_of_government"]:
        return [state.government or state.id for state in states if state is not None]
    return []


def _role_written_before(context, span):
    """"Sudan's army chief, Abdel Fattah al-Burhan, visited ...": a role and a
    comma right before a name (or "the" name) that a comma closes, whatever the
    parse made of it."""
    doc, position = context.doc, span.start - 1
    while position > span.sent.start and doc[position].pos_ == "DET":
        position -= 1  # "Hamas's armed wing, the Qassam Brigades,"
    closed = span.end < span.sent.end and doc[span.end].text in (",", ")")
    if position - 1 < span.sent.start or doc[position].text != "," or not closed:
        return []
    # "Its director for Sudan, Eddie Rowe,": past a short phrase after the role.
    for word in reversed(doc[max(span.sent.start, position - 5):position]):
        if word.lemma_.lower() in context.lexicon.person_roles:
            return [word]
        if word.pos_ not in ("PROPN", "DET", "ADP", "ADJ"):
            break
    return [doc[position - 1]]


def _heads_before(token):
    """The word a name is in apposition to, and the words whose "of" phrase it
    ends: "the head of the Wagner Group, Yevgeny Prigozhin" gives "Group", "head"."""
    heads = [token]
    while token.dep_.startswith("nmod") and token.dep_ != "nmod:poss" and token.head.i < token.i:
        token = token.head
        heads.append(token)
    return heads


def _one_of_many(role):
    """"X, one of the largest factions within Y": the role is "factions"."""
    if role.lower_ != "one":
        return role
    return next((c for c in role.children if c.dep_.startswith("nmod") and case(c) == "of"), role)


def _appositive_words(context, span):
    """Words of the apposition written after a name, whatever the parse made
    of it: "X (ERD), an elite unit of Y" gives "an elite unit of Y"; also set
    off by a dash: "five Peshmerga – members of the KRG's forces –"."""
    doc, position = context.doc, span.end
    if position < span.sent.end and doc[position].text == "(":
        while position < span.sent.end and doc[position].text != ")":
            position += 1
        position += 1
    if position >= span.sent.end or doc[position].text not in (",", "–", "—"):
        return []
    words = []
    for token in doc[position + 1: min(position + 10, span.sent.end)]:
        if token.text in (",", ";", "(", ")", "–", "—") or token.pos_ in ("VERB", "AUX"):
            break
        words.append(token)
    return words


def _role_organisations(context, role):
    doc = context.doc
    # "an elite SWAT unit of the Federal Police": the "of" phrase names the owner, a compound only the kind.
    prepositional = [c for c in role.children
                     if c.dep_.startswith("nmod") and case(c) in ROLE_PREPOSITIONS and c.dep_ != "nmod:poss"]
    orgs = context.organisations(prepositional) \
        or context.organisations([c for c in role.children if c.dep_ in ("compound", "nmod:poss")])
    if orgs:
        return orgs
    # "unit of the Federal Police" with the phrase attached elsewhere.
    after = doc[role.i + 1: min(role.i + 3, role.sent.end)]
    if after and after[0].lower_ in ROLE_PREPOSITIONS:
        orgs = context.organisations([t for t in after[1:] if t.pos_ != "DET"][:1])
        if orgs:
            return orgs
    # The organisation written just before the role: "State Department spokeswoman".
    position = role.i - 1
    while (position >= role.sent.start and doc[position].pos_ in ("ADJ", "ADV", "PART", "DET", "PUNCT")
           and doc[position].text not in (",", ";")):
        position -= 1
    if position >= role.sent.start:
        return context.organisations([doc[position]])
    return []


@register("possessive-leader", family="roles", relations=("commands",), methods=("possessive-leader",))
def possessive_leaders(context, sentence):
    """"Haftar's forces", "Sarraj's Government of National Accord": a person's
    organisation is led by the person."""
    for mention in context.index.within(sentence):
        if len(mention.actors) != 1 or context.cls(mention.actors[0]) != "Person":
            continue
        end = mention.end
        doc = context.doc
        if end >= sentence.end or doc[end].lower_ not in ("'s", "’s", "'"):
            continue
        owned = _owned_organisation(context, doc[mention.start:end])
        if owned:
            yield candidate(mention.actors, "commands", owned, "possessive-leader", Confidence.STRUCTURAL)


@register("named-forces", family="roles", relations=("commands",), methods=("possessive-leader",))
def named_forces(context, sentence):
    """The forces the dictionary names after a person ("Haftar's forces": the
    LNA), written so ("Haftar's forces"), as forces loyal to him ("forces loyal
    to Khalifa Haftar") or as his ("Haftar's eastern-based forces"): he commands
    them, when the story names him."""
    doc, index = context.doc, context.index
    for mention in index.within(sentence):
        if mention.kind == "named-forces":
            beside = [doc[i] for i in (mention.start - 1, mention.end) if 0 <= i < len(doc)]
            people = [index.at(token) for token in beside]
        elif mention.kind == "alias" and mention.end - mention.start > 2 and doc[mention.start + 1].tag_ == "POS":
            people = _named_people(context, doc[mention.start].text)
        else:
            continue
        for person in people:
            if person is not None and len(person.actors) == 1 and context.cls(person.actors[0]) == "Person":
                yield candidate(person.actors, "commands", mention.actors, "possessive-leader", Confidence.STRUCTURAL)


def _named_people(context, surname):
    """Mentions of the person the story names with this surname ("Haftar" of "Khalifa Haftar")."""
    return [m for m in context.index.mentions if len(m.actors) == 1 and context.cls(m.actors[0]) == "Person"
            and context.doc[m.end - 1].text == surname][:1]


@register("leader-after", family="roles", relations=("commands",), methods=("possessive-leader",))
def leaders_after(context, sentence):
    """"the government of Abd Rabbuh Mansour Hadi", "the forces of General X",
    "the army under General X": a person named after an organisation with "of"
    or "under" leads it."""
    for mention in context.index.within(sentence):
        if len(mention.actors) != 1 or context.cls(mention.actors[0]) in (None, "Person", "State"):
            continue
        person = mention_after(context.index, mention.end, sentence.end, context.lexicon, context.dictionary,
                                  ("of", "under"))
        if person is not None and len(person.actors) == 1 and context.cls(person.actors[0]) == "Person":
            yield candidate(person.actors, "commands", mention.actors, "possessive-leader", Confidence.STRUCTURAL)


def _owned_organisation(context, name):
    """The organisation a possessive name owns: the head it modifies, or the
    first mention after the possessive within a few adjectives."""
    head = name.root.head if name.root.dep_ == "nmod:poss" else None
    if head is not None:
        found = context.organisations([head])
        if found:
            return found
    doc, position = context.doc, name.end + 1
    while position < name.sent.end and doc[position].pos_ in ("ADJ", "ADV", "PUNCT") and doc[position].text != ",":
        position += 1
    return context.organisations([doc[position]]) if position < name.sent.end else []


@register("serves-as", family="roles", relations=("commands", "memberOf"), methods=("serves-as",))
def serves_as(context, sentence):
    """"X serves as the spokesperson for Y", "X acts as commander of Y"."""
    lexicon = context.lexicon
    for verb in sentence:
        if verb.lemma_.lower() not in ("serve", "act", "work", "remain", "become") or verb.pos_ not in ("VERB", "AUX"):
            continue
        people = _people(context, [c for c in verb.children if c.dep_ == "nsubj"])
        for role in (c for c in verb.children if c.dep_.startswith(("obl", "xcomp")) and case(c) == "as"):
            relation = role_relation(role, lexicon)
            if relation:
                yield candidate(people, relation, _role_organisations(context, role), "serves-as", Confidence.DIRECT)


def role_relation(role, lexicon):
    """What a person role makes its holder: a head commands ("commander", also
    "commanding general"), a qualified head ("vice president", "deputy
    commander") and any other role is a member; None for a word that is no role."""
    lemma = role.lemma_.lower()
    qualifiers = {child.lower_ for child in role.children if child.i < role.i}
    if lemma in lexicon.role_commands and not qualifiers & lexicon.titles["subordinate"]:
        return "commands"
    if lemma in lexicon.role_member and qualifiers & lexicon.titles["commanding"]:
        return "commands"
    if lemma in lexicon.role_member or lemma in lexicon.role_commands:
        return "memberOf"
    return None


@register("appointed", family="roles", relations=("commands", "memberOf"), methods=("appointed", "assumed-command"))
def appointed(context, sentence):
    """"X was named head of Y", "Z appointed X as commander of Y", "Y elected X
    its leader": the appointee holds the role; "X took command of Y": X leads Y."""
    lexicon = context.lexicon
    for verb in sentence:
        if verb.pos_ not in ("VERB", "AUX") or negated(verb, lexicon):
            continue
        base = lexicon.base(verb)
        if base in lexicon.appointing_verbs:
            yield from _appointment(context, verb)
        elif base in lexicon.assuming["verbs"]:
            for taken in (c for c in verb.children if c.dep_ == "obj" and c.lemma_.lower() in lexicon.assuming["nouns"]):
                led = context.organisations([c for c in taken.children if c.dep_.startswith("nmod") and case(c) == "of"])
                yield candidate(_people(context, context.subjects(verb)[0]), "commands", led, "assumed-command",
                                Confidence.DIRECT)


def _appointment(context, verb):
    passive = [c for c in verb.children if c.dep_ == "nsubj:pass"]
    appointees = passive or [c for c in verb.children if c.dep_ in ("obj", "iobj")]
    roles = [c for c in verb.children if c.dep_ == "xcomp" or (c.dep_.startswith("obl") and case(c) == "as")]
    # "appointed X as commander of Y" with the role hung on the appointee.
    roles += [c for appointee in appointees for c in appointee.children
              if c.dep_.startswith("nmod") and case(c) == "as" and c.i > appointee.i]
    for role in roles:
        relation = role_relation(role, context.lexicon)
        if not relation:
            continue
        # "appointed commander-in-chief of X": the "of" phrase hangs on the compound's last word.
        orgs = _role_organisations(context, role) or _role_organisations(context, hyphen_joined_end(role))
        if not orgs and any(c.dep_ == "nmod:poss" and c.lower_ in ("its", "their") for c in role.children):
            orgs = context.organisations([c for c in verb.children if c.dep_ == "nsubj"])  # "Y elected X its leader"
        yield candidate(_people(context, appointees), relation, orgs, "appointed", Confidence.DIRECT)


def _people(context, tokens):
    return [actor for actor in context.actors(tokens) if context.cls(actor) == "Person"]


@register("owned-body", family="roles", relations=("partOf",), methods=("possessive-unit",))
def owned_bodies(context, sentence):
    """"the GNA's interior ministry": the body is a part of its owner (of a
    state's government, when the owner is a state)."""
    for mention in context.index.within(sentence):
        if mention.kind != "owned-body":
            continue
        owner = context.resolver.owner_of_body(context.doc[mention.start])
        if len(owner) != 1:
            continue
        whole = owner[0]
        if context.cls(whole) == "State":
            # A state that is its own government is no organisation to be part of (the ontology's range).
            entry = context.dictionary.get(whole)
            whole = entry.government if entry is not None and entry.government != whole else None
        if whole:
            yield candidate(mention.actors, "partOf", [whole], "possessive-unit", Confidence.STRUCTURAL)
