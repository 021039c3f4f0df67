"""Noun phrases that state a relation: "the campaign against X", "X has been
Y's closest ally"."""
from .events import doers
from .registry import Confidence, candidate, register
from .syntax import case, first_conjunct, is_noun, negated


@register("against", family="nominals", relations=("opposes",), methods=("against-nominal", "against-event"))
def against_phrases(context, sentence):
    """"the coalition against X", "launched a campaign against X": opposes X."""
    lexicon, doc = context.lexicon, context.doc
    for noun in sentence:
        if not is_noun(noun):
            continue
        for child in noun.children:
            if child.dep_.startswith("nmod") and case(child) == "against":
                yield from _against_child(context, _event_above(context, noun), child)
    # The same, however the parse attached the phrase.
    for token in sentence:
        following = doc[token.i + 1: min(token.i + 4, sentence.end)]
        if not following or following[0].lower_ != "against":
            continue
        target = next((t for t in following[1:] if t.pos_ != "DET"), None)
        if target is not None and target.i + 1 < sentence.end and doc[target.i + 1].text in ("-", "–"):
            # "against the US-backed force": the backer is no target; the named force after it is.
            mention = context.mention_from(target.i + 2)
            target = doc[mention.start] if mention is not None else None
        if target is None or not context.actors([target]):
            continue
        mention = context.index.at(token)
        if mention is not None:
            yield candidate(mention.actors, "opposes", context.actors([target]), "against-nominal", Confidence.STRUCTURAL)
        elif token.lemma_.lower() in lexicon.event_nouns:
            yield candidate(doers(context, token), "opposes", context.actors([target]), "against-event",
                            Confidence.INFERRED)


def _event_above(context, noun):
    """The event a phrase after its modifier belongs to: "an insurgency for
    Kurdish rights against the state" is against the state, whatever the parse."""
    head = noun.head
    if not context.mentioned(noun) and noun.lemma_.lower() not in context.lexicon.event_nouns \
            and noun.dep_.startswith("nmod") and head.lemma_.lower() in context.lexicon.event_nouns:
        return head
    return noun


def _against_child(context, noun, child):
    targets = context.objects([child], "opposes")
    own = context.resolver.actors(noun) if context.mentioned(noun) else ()
    if own:
        yield candidate(own, "opposes", targets, "against-nominal", Confidence.STRUCTURAL)
    elif noun.lemma_.lower() in context.lexicon.event_nouns:
        yield candidate(doers(context, noun), "opposes", targets, "against-event", Confidence.INDIRECT)


COPULAR_VERBS = frozenset({"remain", "become", "stay"})


@register("alliance-noun", family="nominals", relations=("backs", "opposes"), methods=("alliance-noun",))
def alliance_nouns(context, sentence):
    """"X has been Y's most effective ally", "X, an ally of Y": Y backs X;
    "X, a key backer of Y", "X is Y's sponsor": X backs Y."""
    for noun in sentence:
        if not is_noun(noun) or noun.lemma_.lower() not in context.lexicon.alliance_nouns:
            continue
        if any(c.dep_ == "amod" and c.lower_ in context.lexicon.titles["former"] for c in noun.children):
            continue  # "his former ally": an alliance that was
        kind = _alliance_kind(noun.lemma_.lower(), context.lexicon)
        owners = [c for c in noun.children if c.dep_ == "nmod:poss" or (c.dep_.startswith("nmod") and case(c) == "of")
                  or (c.dep_ in ("compound", "amod") and c.i < noun.i and context.mentioned(c))]  # "the main US partner"
        if noun.dep_ == "conj" and any(o.lower_ in ("their", "its", "his", "her") for o in owners):
            # "Turkish forces and their Syrian rebel allies": the first conjunct backs the allies.
            first, allies = context.resolver.actors(noun.head), context.resolver.actors(noun)
            if not allies:  # "the RSF and their allies in the Tamazouj movement" (not "in Iraq": a place)
                named_in = [c for c in noun.children if c.dep_.startswith("nmod") and case(c) == "in"]
                allies = [actor for actor in context.actors(named_in) if context.cls(actor) != "State"]
            yield from _alliances(context, first, allies, kind)
            continue
        if not owners:
            continue
        held = noun.head if noun.head.lower_ == "one" and case(noun) == "of" else noun  # "one of Ukraine's suppliers"
        bearers = [c for c in held.children if c.dep_ == "nsubj"] if any(c.dep_ == "cop" for c in held.children) else []
        if held.dep_ in ("xcomp", "obj") and held.head.lemma_.lower() in COPULAR_VERBS:
            bearers = [c for c in held.head.children if c.dep_ == "nsubj"]  # "Russia remains the junta's supplier"
        if kind == "hostile" and bearers:
            continue  # "X remains the true enemy of Y" is rhetoric; a rival described ("Egypt, a rival of Y") is not
        if case(noun) == "as" and noun.head.pos_ in ("VERB", "AUX") and not negated(noun.head, context.lexicon):
            # "Hezbollah acts as Iran's main proxy", "the RSF, seen as the UAE's client"
            subjects = context.subjects(noun.head)[0]
            bearers = subjects if context.actors(subjects) else context.patients(noun.head)
        set_off = noun.dep_ == "parataxis" and noun.head.i < noun.i and context.doc[noun.left_edge.i - 1].text == ","
        if noun.dep_ == "appos" or set_off:  # "Washington, Israel's main arms supplier," read as parataxis
            bearers.append(noun.head)
        elif not bearers:
            bearers = context.set_off_before(noun)  # "X, an ally of Y," read as a conjunct or a subject
        if not bearers:  # "the fall of its ally Bashar al-Assad", "Hamas's main backer, Iran"
            bearers = [c for c in noun.children if c.dep_ == "appos" and context.mentioned(c) and (
                c.i == noun.i + 1 or (c.i == noun.i + 2 and context.doc[noun.i + 1].text == ","))]
        if bearers and not negated(noun, context.lexicon) and not negated(held, context.lexicon):
            yield from _alliances(context, context.actors(owners), context.actors(bearers), kind)


def _alliance_kind(lemma, lexicon):
    """"patron" (a backer), "mutual" (an ally), "hostile" (a rival) or "client" (a proxy)."""
    return ("patron" if lemma in lexicon.patron_nouns else "mutual" if lemma in lexicon.mutual_nouns
            else "hostile" if lemma in lexicon.hostile_nouns else "client")


def _alliances(context, owners, bearers, kind, method="alliance-noun"):
    """A patron bearer backs the owner; the owner backs a client; allies back
    each other, except that a state (or its forces or government) allied with a
    non-state actor backs it ("the Peshmerga, a US ally": the US backs the Peshmerga);
    rivals oppose each other."""
    if kind == "hostile":
        yield candidate(owners, "opposes", bearers, method, Confidence.INDIRECT)
        yield candidate(bearers, "opposes", owners, method, Confidence.INDIRECT)
        return
    if kind == "mutual":
        states = {actor for actor in (*owners, *bearers) if _state_side(context, actor)}
        for side, other in ((owners, bearers), (bearers, owners)):
            for actor in side:
                yield _alliance([actor], [o for o in other if actor in states or o not in states], method)
        return
    yield _alliance(bearers, owners, method) if kind == "patron" else _alliance(owners, bearers, method)


def _state_side(context, actor):
    """A state, or the forces or government of a state (the Peshmerga are a region's)."""
    state = context.dictionary.state_of(actor)
    return context.cls(actor) == "State" or (state is not None and state.cls == "State")


def _alliance(backers, backed, method="alliance-noun"):
    return candidate(backers, "backs", backed, method, Confidence.INDIRECT)


@register("ties", family="nominals", relations=("opposes", "backs"),
          methods=("ruptured-ties", "strengthened-ties"))
def ties(context, sentence):
    """"X cut ties with Y", "X severed diplomatic relations with Y": X opposes Y;
    "X deepened military ties with Y", "X signed a defence pact with Y": X backs
    Y, and "Russia, Iran deepen ties": each backs the other (the verb may be
    read as a noun: "Morocco cut ties with Iran")."""
    lexicon, doc = context.lexicon, context.doc
    for noun in sentence:
        words = {noun.lemma_.lower(), noun.lower_}
        if words & lexicon.rupture["envoys"]:
            yield from _envoy_protest(context, noun)
            continue
        pact = bool(words & lexicon.pacts["nouns"]) and any(
            t.lower_ in lexicon.pacts["qualifiers"] for t in noun.subtree if t.i < noun.i)  # "military cooperation agreement"
        if not (words & lexicon.rupture["nouns"] or pact):
            continue
        verb = noun.head if noun.dep_ in ("obj", "obl") else _word_before(doc, noun, sentence,
                                                                          lexicon.pacts["qualifiers"])
        if verb is None or negated(verb, lexicon) or negated(noun, lexicon):  # "has no close ties with"
            continue
        base = lexicon.base(verb)
        bonding = lexicon.pacts["verbs"] if pact else lexicon.bonding_verbs
        close = base in lexicon.close_ties["verbs"] and any(
            c.dep_ == "amod" and c.lower_ in lexicon.close_ties["qualifiers"] for c in noun.children)
        relation = ("opposes" if base in lexicon.rupture["verbs"] and not pact
                    else "backs" if base in bonding or close else None)
        if relation is None:
            continue
        partners = context.actors([c for c in (*noun.children, *verb.children)
                                   if c.dep_.startswith(("nmod", "obl")) and case(c) == "with" and c.i > noun.i])
        sides = context.subjects(verb)[0] if verb.dep_ != "compound" else []
        sides = context.actors(sides or [c for c in noun.children if c.dep_ == "nsubj"]
                               or [first_conjunct(t) for t in context.subject_left_of(verb)])
        method = "ruptured-ties" if relation == "opposes" else "strengthened-ties"
        if partners:
            yield candidate(sides, relation, partners, method, Confidence.DIRECT)
        elif relation == "backs":
            for side in sides:
                yield candidate([side], relation, [other for other in sides if other != side], method,
                                Confidence.DIRECT)


def _envoy_protest(context, noun):
    """"X recalled its ambassador from Y", "X summoned the French envoy": X opposes Y."""
    verb, rupture = noun.head, context.lexicon.rupture
    recalled = context.lexicon.base(verb) in rupture["recalling_verbs"]
    if noun.dep_ != "obj" or not (recalled or context.lexicon.base(verb) in rupture["summoning_verbs"]) \
            or negated(verb, context.lexicon):
        return
    sides = context.actors(context.subjects(verb)[0])
    # "recalled its envoy to Algeria": the country the envoy was posted to.
    posted = ("from", "to") if recalled else ("from",)
    others = context.actors([c for c in (*noun.children, *verb.children)
                             if c.dep_.startswith(("nmod", "obl")) and case(c) in posted]) \
        or context.actors([c for c in noun.children if c.dep_ in ("nmod:poss", "amod", "compound")])
    yield candidate(sides, "opposes", [other for other in others if other not in sides], "ruptured-ties",
                    Confidence.DIRECT)


def _word_before(doc, noun, sentence, qualifiers):
    """The word before a noun and its adjectives and `qualifiers` ("cut
    diplomatic ties", "sign defence pact")."""
    position = noun.i - 1
    while position > sentence.start and (doc[position].pos_ == "ADJ" or doc[position].lower_ in qualifiers):
        position -= 1
    return doc[position] if position >= sentence.start else None


@register("regarded-enemy", family="nominals", relations=("opposes",), methods=("regarded-enemy",))
def regarded_enemies(context, sentence):
    """"Israel sees Hezbollah as its most serious threat", "Turkey considers
    the YPG a terrorist organisation": the subject opposes the one regarded so."""
    enemies = context.lexicon.regarded_enemies
    for noun in sentence:
        verb = noun.head
        # "considers the YPG a terrorist organisation" with the complement read as the object's apposition.
        described = noun.dep_ == "appos" and verb.dep_ == "obj" and verb.i < noun.i
        if described:
            verb = verb.head
        if not (is_noun(noun) and (noun.lower_ in enemies["nouns"] or any(
                c.dep_ in ("amod", "compound") and c.lower_ in enemies["qualifiers"] for c in noun.children))):
            continue
        if not (case(noun) == "as" or noun.dep_ in ("xcomp", "obj") or described) or noun.dep_ == "nsubj" \
                or context.lexicon.base(verb) not in enemies["verbs"] or negated(verb, context.lexicon):
            continue
        regarded = [c for c in verb.children if c.dep_ == "obj" and c != noun] or _object_inside(context, noun)
        if verb.tag_ == "VBN" and not regarded:  # "the YPG, which is regarded as a threat by Turkey"
            yield candidate(context.actors(context.agents(verb)), "opposes", context.actors(context.patients(verb)),
                            "regarded-enemy", Confidence.INDIRECT)
            continue
        yield candidate(context.actors(context.subjects(verb)[0]), "opposes", context.actors(regarded),
                        "regarded-enemy", Confidence.INDIRECT)


def _object_inside(context, noun):
    """"considers [the YPG a terrorist organisation]" read as one phrase: the
    name before the second determiner is the object."""
    determiners = [c.i for c in noun.children if c.dep_ == "det"]
    return [c for c in noun.children if c.dep_ == "compound" and context.mentioned(c)
            and any(c.i < i < noun.i for i in determiners)]


@register("adjective", family="nominals", relations=("backs", "opposes"), methods=("adjective",))
def adjectives(context, sentence):
    """"X has grown hostile toward Y", "X is loyal to Y", "a group allied with Y"."""
    lexicon, doc = context.lexicon, context.doc
    for adjective in sentence:
        word = adjective.lower_
        if context.mentioned(adjective):
            continue  # "forces loyal to X" is a name for X's forces
        for relation, table in lexicon.adjectives.items():
            if word not in table or negated(adjective, lexicon) or (adjective.head != adjective
                                                                   and negated(adjective.head, lexicon)):
                continue
            # The phrase right after the adjective, wherever the parse hung it.
            after = doc[adjective.i + 1] if adjective.i + 1 < sentence.end else None
            if after is None or after.lower_ not in table[word]:
                continue
            target = context.mention_from(after.i + 1)
            targets = list(target.actors) if target is not None else []
            holders = _described(context, adjective)
            if relation == "allied":
                yield from _alliances(context, holders, targets, "mutual", "adjective")
            else:
                yield candidate(holders, relation, targets, "adjective", Confidence.INDIRECT)


def _described(context, adjective):
    """The actors the adjective describes: its subject, the subject of the verb
    it completes ("has grown hostile"), or the noun it modifies or stands beside
    ("the TTP, a group allied with ..." read as "a group allied" beside "the TTP")."""
    head = adjective.head
    readings = [[c for c in adjective.children if c.dep_.startswith("nsubj")]]
    if adjective.dep_ in ("obj", "xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        # "sheltering the TTP, a group allied with ..." describes the object; "has grown hostile" the subject.
        objects = [c for c in head.children if c.dep_ == "obj" and c != adjective]
        readings.append(objects or context.subjects(head)[0])
    if adjective.dep_ in ("acl", "acl:relcl", "amod", "appos") and head != adjective:
        if any(c.dep_ == "cop" for c in head.children):
            readings.append([c for c in head.children if c.dep_ == "nsubj" and c.i < head.i])
        readings.append([head])
        readings.append(context.set_off_before(head))  # "the TTP, a group allied with" read as two subjects
        counted_by = head.head if head.dep_.startswith("nmod") and case(head) == "of" else None
        doc = context.doc
        if counted_by is not None and counted_by.pos_ == "NUM" and counted_by.i > 1 and doc[counted_by.i - 1].text == ",":
            readings.append([first_conjunct(doc[counted_by.i - 2])])  # "X and Y, two of the groups allied with Z"
    for tokens in readings:
        found = context.actors(tokens)
        if found:
            return found
    if adjective.dep_ == "conj" and head.i < adjective.i and head.pos_ == "ADJ":
        return _described(context, head)  # "which is separate from but allied with X": the same subject
    return []
