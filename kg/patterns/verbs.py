"""Clauses: a cue verb with its subject and object, active or passive ("Iran
funds the militia", "the militia is funded by Iran"), through a preposition
("fired on", "fought alongside"), reciprocal ("X and Y clashed"), and the
events a clause launches or orders ("launched an assault on Y")."""
from .context import event_key
from .events import doers, withheld_supply
from .registry import Confidence, candidate, register
from .syntax import (adverbial, after_hyphen, averted, before_acronym, case, conditional, counted, first_conjunct,
                     hyphen_joined_end, is_noun, is_passive, is_verb, misread_finite, modal, negated, objects_of,
                     obliques, of_children, possessors)

EXCHANGED_THINGS = frozenset({"fire", "gunfire", "shot", "shots", "blow", "blows", "strike", "strikes",
                              "artillery", "rocket", "rockets", "mortar", "mortars", "accusation", "accusations"})
AGAINST = frozenset({"against", "on"})
EXCHANGING_VERBS = frozenset({"exchange", "trade"})


@register("verb-clause", family="verbs", relations=("backs", "opposes", "commands", "partOf", "memberOf"),
          methods=("active-verb", "passive-agent", "active-into", "passive-into", "prepositional-verb",
                   "under-command", "reciprocal", "event-target", "event-order"))
def verb_clauses(context, sentence):
    """A cue verb relates its subject (or passive agent) to its object."""
    for verb in sentence:
        if is_verb(verb):
            yield from _verb(context, verb)
        else:
            yield from _verb_read_as_noun(context, verb)


def _verb(context, verb):
    lexicon = context.lexicon
    # "Iran-backed" is a modifier whatever the parse hangs on it (compounds.py reads it).
    if negated(verb, lexicon) or conditional(verb) or after_hyphen(verb):
        return
    lemma = lexicon.base(verb)
    if _nudged(lexicon, lemma, [case(c) for c in verb.children]):
        return  # "pushed Israel and Hamas toward a ceasefire"
    confidence = Confidence.HEDGED if modal(verb) else Confidence.DIRECT
    if lemma in lexicon.composition_verbs:
        yield from _composition(context, verb, confidence)
    blamed = _blame_predicate(lexicon, verb, lemma)
    relation = lexicon.verb_relation(lemma) or ("opposes" if blamed is not None else None)
    if _ordered_out(lexicon, verb, lemma):
        relation = "opposes"
    subject_before = _subject_of_modifier_verb(context, verb) if relation else None
    reporting = _reported_subject(context, verb) or _noun_root_subject(context, verb) \
        if relation and subject_before is None else None
    # "died", "clashed": intransitive, never passive whatever the parse labels.
    if is_passive(verb) and subject_before is None and reporting is None and lemma not in lexicon.suffering_verbs:
        yield from _passive(context, verb, lemma, relation, confidence)
        return
    subject = subject_before if subject_before is not None else reporting
    subjects, inherited = ([subject], False) if subject is not None else context.subjects(verb)
    if lemma in lexicon.suffering_verbs:
        # "Three soldiers died in an Israeli airstrike": the strike's doer opposes them.
        victims = [verb.head] if verb.dep_ in ("acl", "acl:relcl") else subjects
        yield candidate(_event_doers(context, _event_obliques(verb)), "opposes",
                        context.objects(victims, "opposes"), "passive-agent", confidence)
        return
    # Arms as the subject act for their owner ("Chinese coast guard ships fired water cannon at ...").
    subject_actors = context.actors(subjects) or _event_doers(context, subjects) or _owners(context, subjects)
    if not subject_actors and verb.dep_ == "acl":
        # "staged an assault ..., forcing X to withdraw": the assault's agent acts.
        subject_actors = list(context.event_agents.get(event_key(verb.head.lemma_.lower()), ()))
    if inherited:
        confidence -= Confidence.INHERITED_PENALTY
    objects = [verb.head] if subject_before is not None else \
        objects_of(verb) or _object_written_after(context, verb) or _holder_read_as_object(context, verb)
    if blamed is not None and not objects:
        objects = [c for c in blamed.children if c.dep_ == "nsubj"]  # the small clause "Iran responsible"
    if lemma in lexicon.warning_verbs and any(adverbial(c) and averted(c, lexicon) for c in verb.children):
        warned = [c for c in verb.children if c.dep_ in ("obj", "iobj")]
        yield candidate(subject_actors, "opposes", context.actors(warned), "active-verb", Confidence.INDIRECT)
    if lemma in lexicon.containing_verbs and subject_actors:
        for part in context.actors(objects):
            held_as = {"Person": "memberOf", "State": None}.get(context.cls(part), "partOf")
            if held_as:
                yield candidate([part], held_as, subject_actors, "active-verb", confidence)
    if relation == "partOf":
        yield from _integration(context, verb, context.actors(objects), "active-into", confidence)
    elif relation and subject_actors:
        # "Hamas and Islamic Jihad fired (Hamas's) rockets": a co-subject is no object.
        # What is fired is no target: its owner ("US-supplied missiles") is not opposed.
        hit = context.actors(objects) if lemma in lexicon.launching_verbs else context.objects(objects, relation)
        targets = [actor for actor in hit if actor not in subject_actors]
        yield candidate(subject_actors, relation, targets, "active-verb", confidence)
    for oblique in obliques(verb, objects, lexicon.quantity_nouns):
        if oblique.dep_.startswith(("obl", "nmod")):
            preposition = case(oblique)
            prep_relation = lexicon.prepositional_relation(lemma, preposition)
            if prep_relation and prep_relation != "partOf" and not _modifies_noun_before(context, oblique, objects):
                yield candidate(subject_actors, prep_relation, context.objects([oblique], prep_relation),
                                "prepositional-verb", confidence)
            if preposition == "under" and oblique.lemma_.lower() in lexicon.command_nouns:
                yield candidate(context.actors(of_children(oblique)), "commands", subject_actors,
                                "under-command", confidence)
    reciprocal = lexicon.reciprocal_relation(lemma)
    exchanged = any(o.lemma_.lower() in EXCHANGED_THINGS for o in objects)
    # "Hamas and Fatah fought" each other; "Hamas and Islamic Jihad fought Israeli troops" side by side.
    other_side = [actor for actor in context.objects(objects, "opposes") if actor not in subject_actors]
    if reciprocal and not inherited and not other_side and (lemma not in EXCHANGING_VERBS or exchanged):
        for subject in subject_actors:
            others = [other for other in subject_actors if other != subject]
            yield candidate([subject], reciprocal, others, "reciprocal", confidence - 0.05)
    if lemma in EXCHANGING_VERBS and exchanged:
        # "The group has traded fire with Israel": each side opposes the other.
        partners = context.actors([c for c in obliques(verb, objects) if case(c) == "with"])
        yield candidate(subject_actors, "opposes", partners, "reciprocal", confidence - 0.05)
        yield candidate(partners, "opposes", subject_actors, "reciprocal", confidence - 0.05)
    yield from _events(context, verb, subject_actors, objects, confidence)


def _nudged(lexicon, lemma, prepositions):
    """A verb of nudging with a preposition of its aim: a push toward a deal opposes no one."""
    return lemma in lexicon.nudging["verbs"] and any(word in lexicon.nudging["prepositions"] for word in prepositions)


def _composition(context, verb, confidence):
    """"The alliance, made up of X and Y", "the SDF is composed of X", "the bloc
    consists of X": each named part is a part (a person: a member) of the whole."""
    parts = context.actors([c for c in verb.children if c.dep_.startswith(("obl", "nmod"))
                            and any(g.dep_ == "case" and g.lower_ == "of" for g in c.children)])  # "made up of"
    if verb.dep_ == "acl":
        wholes = context.resolver.actors(verb.head)  # the name alone, not the list of parts after it
    else:
        wholes = context.actors([c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")])
    for part in parts:
        held_as = {"Person": "memberOf", "State": None}.get(context.cls(part), "partOf")
        if held_as:
            yield candidate([part], held_as, wholes, "active-verb", confidence)


def _subject_of_modifier_verb(context, verb):
    """"Israel has long opposed Iran's programme", "Hamas fired rockets at
    Israel", parsed with the verb as a modifier of the noun after it: the
    actor written right before the verb (not hyphen-joined) is its subject and
    the noun its object. None for a real modifier ("the Iran-backed militia",
    "militias backed by Iran")."""
    if verb.dep_ != "amod" or verb.head.i < verb.i or context.agents(verb):
        return None
    if verb.tag_ == "VBG" and verb.i > 0 and context.doc[verb.i - 1].text == ",":
        # "X staged an assault, forcing Y to withdraw": the clause's subject does it.
        root = verb.sent.root
        subjects = [c for c in root.children if c.dep_ == "nsubj"] if root.pos_ in ("VERB", "AUX") else []
        return subjects[0] if subjects else None
    if verb.tag_ not in ("VBD", "VBN") or after_hyphen(verb):
        return None
    position = verb.i - 1
    while position >= verb.sent.start and (context.doc[position].pos_ in ("ADV", "PART")
                                           or context.doc[position].lower_ in ("has", "have", "had")):
        position -= 1
    if position >= verb.sent.start and context.doc[position].text == ",":
        # Only with a named object: in "..., fired missiles" the noun is no actor.
        return _subject_before_set_off(context, position) if context.mentioned(verb.head) else None
    position = before_acronym(context.doc, position)
    if position < verb.sent.start or not context.mentioned(context.doc[position]):
        return None
    return first_conjunct(context.doc[position])  # "Hamas and Islamic Jihad fired": both


def _reported_subject(context, verb):
    """"Hezbollah says its fighters clashed with X", the past tense read as a
    participle on the object of the speech verb: that object is its subject."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or after_hyphen(verb) or context.agents(verb) \
            or head.dep_ != "obj" or head.i != verb.i - 1 or not is_verb(head.head):
        return None
    return head if context.lexicon.base(head.head) in context.lexicon.reported_verbs else None


def _noun_root_subject(context, verb):
    """"Syrian Kurdish fighters clashed with Turkish troops." read as a noun
    with a participle, or a past tense read as a modifier of the noun after
    it: in a sentence (not a headline) the noun root is the subject."""
    head = verb.head
    if misread_finite(verb) and context.doc[verb.sent.end - 1].text in (".", "!", "?"):
        # "Turkish warplanes and artillery pounded positions" read as one noun phrase.
        root, before = verb.sent.root, context.doc[before_acronym(context.doc, verb.i - 1)]
        if root.pos_ in ("NOUN", "PROPN") and root.i < verb.i:
            return root
        return before if before.pos_ in ("NOUN", "PROPN") and root.i > verb.i else None  # "Sudan's army shelled"
    if verb.dep_ in ("acl", "conj") and verb.tag_ in ("VBD", "VBN") and head.dep_ == "acl:relcl" \
            and head.head.dep_ == "ROOT" and head.head.pos_ in ("NOUN", "PROPN") and context.doc[verb.i - 1].text == "," \
            and not context.agents(verb) \
            and (any(c.dep_ == "obj" for c in verb.children) or _object_written_after(context, verb)):
        return head.head  # "The United States, which funds the mission, designated X": hung on the clause
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.dep_ == "appos" and head.head.dep_ == "ROOT" \
            and head.head.pos_ in ("NOUN", "PROPN") and context.doc[verb.i - 1].text == "," \
            and not context.agents(verb) and context.doc[verb.sent.end - 1].text in (".", "!", "?"):
        return head.head  # "Fano, a network of militias, fought ..." with the verb hung on the description
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or head.dep_ != "ROOT" \
            or context.agents(verb) or context.doc[verb.sent.end - 1].text not in (".", "!", "?"):
        return None
    if head.i == verb.i - 1 and not any(c.dep_ == "obj" for c in verb.children):
        return head
    # "The Union of ... Patriots, a militia in Ituri, clashed with X": a past tense after a phrase
    # set off by commas.
    closing = context.doc[verb.i - 1]
    set_off = closing.text == "," and verb.tag_ == "VBD" and closing.head.i < verb.i and any(
        t.dep_ == "appos" and head.i < t.i < closing.i for t in head.subtree)
    return head if set_off else None


def _holder_read_as_object(context, verb):
    """"strikes Houthi-held port" with "Houthi" read as the object and the
    participle hung on the verb: a place struck is its holder's."""
    return [c for c in verb.children if c.dep_ == "obj" and hyphen_joined_end(c) is not c
            and hyphen_joined_end(c).lower_ in context.lexicon.holding_participles]


def _object_written_after(context, verb):
    """A name written right after a verb that the parse gave no object, hung
    anywhere else ("designated [Viv Ansanm] as ..." read as punctuation): its object."""
    following = context.doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
    if following is None or following.head.i == verb.i or not context.mentioned(following) \
            or any(c.dep_ in ("obj", "ccomp", "xcomp") for c in verb.children):
        return []
    mention = context.index.at(following)
    if context.doc[mention.end - 1].head.i >= mention.end:
        return []  # "strike Libya airport": the name modifies what follows it
    return [following]


def _subject_before_set_off(context, closing):
    """"The junta, led by X, accused France", the verb read as a modifier of
    "France": the actor right before the phrase set off by commas."""
    doc = context.doc
    opening = next((i for i in range(closing - 1, doc[closing].sent.start, -1) if doc[i].text == ","), None)
    if opening is None:
        return None
    before = doc[opening - 1]
    return before if context.actors([before]) else None


def _ordered_out(lexicon, verb, lemma):
    """"ordered French troops to leave", "orders the ambassador out": an expulsion."""
    if lemma not in lexicon.ordered_out["verbs"]:
        return False
    going = lexicon.ordered_out["going"]
    # "ordered the ambassador out" with "out" hung on the ambassador.
    objects = [c for c in verb.children if c.dep_ in ("obj", "compound:prt")]
    return any((c.dep_ in ("xcomp", "ccomp", "advcl") and lexicon.base(c) in going)
               or (c.dep_ in ("compound:prt", "advmod") and c.lower_ in going)
               for c in (*verb.children, *(g for o in objects for g in o.children)))


def _blame_predicate(lexicon, verb, lemma):
    """"held Iran responsible for the attack" (opposes): the predicate "responsible"."""
    if lemma not in lexicon.blame_verbs:
        return None
    return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.lower_ in lexicon.blame_predicates),
                None)


def _modifies_a_thing(context, mention):
    """"strike Libya airport": a name before a common noun that names no
    actor, nor a thing of its forces ("Houthi targets"), only modifies it."""
    doc = context.doc
    after = doc[mention.end] if mention.end < len(doc) else None
    while after is not None and after.dep_ == "compound" and after.head.i > after.i:
        after = after.head  # "ISIS sleeper cell": the phrase's head says what it is
    heads = context.resolver.generic_heads | context.lexicon.owned_by_forces | context.lexicon.owned_by_government
    return after is not None and after.pos_ == "NOUN" and after.is_lower \
        and after.lower_ not in heads and after.lemma_.lower() not in heads


def _headline_verb(doc, word):
    """"US-backed forces arrest ISIS cell in Syria": in a headline, a singular
    noun right after a plural one is a verb of the plural subject."""
    sentence = word.sent
    return word.tag_ == "NN" and word.i > 0 and doc[word.i - 1].tag_ in ("NNS", "NNPS") \
        and (doc[sentence.end - 1].text not in (".", "!", "?", '"', "”")
             or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sentence))  # no other verb


def _verb_read_as_noun(context, word):
    """"Turkey backs Sarraj's government", parsed as a noun "Turkey backs"
    (or "Turkey and Qatar back the GNA" with "back" as a preposition, or a
    headline's "forces arrest" as a compound): a cue
    verb's -s form, or any form tagged as a particle, between two names is the
    verb. A preposition after it ("US sanctions on Iran") or no name before it
    keeps it a noun."""
    lexicon, doc = context.lexicon, context.doc
    # Also a bare form between two names: "help Niger's army fight Boko Haram" with "fight" as a noun.
    following = context.index.at(doc[word.i + 1]) if word.i + 1 < len(doc) else None
    bare = word.tag_ == "NN" and lexicon.inflections.get(word.lower_) == word.lower_ and following is not None \
        and not following.start <= word.head.i < following.end  # not "NATO ally Turkey", the noun hung on the name
    misread = (word.tag_ == "NNS" and word.lower_.endswith("s")) or word.pos_ in ("ADP", "ADV", "PART") \
        or _headline_verb(doc, word) or bare
    if not misread or word.i == 0 or word.i + 1 >= word.sent.end:
        return
    lemma = lexicon.inflections.get(word.lower_)
    if _nudged(lexicon, lemma, [t.lower_ for t in doc[word.i + 1:word.sent.end]]):
        return  # "Egypt, Qatar push Israel and Hamas toward ceasefire", the phrase hung anywhere
    relation = lexicon.verb_relation(lemma) if lemma else None
    if lemma and _ordered_out(lexicon, word, lemma):
        relation = "opposes"
    subject = context.index.at(doc[word.i - 1])
    if relation not in ("backs", "opposes", "commands") or subject is None or subject.end > word.i \
            or negated(word, lexicon):
        return  # "Haftar forces strike ...": the word is the name's own
    target = context.mention_from(word.i + 1)
    owner_end = target.end if target is not None else _name_end(doc, word.i + 1)
    if owner_end < word.sent.end and doc[owner_end].tag_ == "POS":
        target = context.mention_from(owner_end + 1)  # "Turkey backs Sarraj's government": the government
    if target is None or target is subject or _modifies_a_thing(context, target):
        return
    subjects = context.actors([first_conjunct(doc[subject.start])]) or list(subject.actors)
    opening = context.opening_name_before(subject.start)  # "US, UK strike Houthi targets"
    if opening is not None:
        subjects = [*context.actors([opening]), *subjects]
    yield candidate(subjects, relation, list(target.actors), "active-verb", Confidence.INFERRED)


def _name_end(doc, position):
    """The end of the run of proper-noun words (and hyphens) starting at `position`."""
    while position < len(doc) and (doc[position].pos_ == "PROPN" or doc[position].text == "-"):
        position += 1
    return position


def _event_doers(context, nouns):
    """"Israeli airstrikes killed ...": an event as the subject acts for whoever
    carries it out ("the offensive that toppled X": the offensive's, through the
    relative pronoun)."""
    events = [noun.head.head if noun.lower_ in ("that", "which") and noun.head.dep_ == "acl:relcl" else noun
              for noun in nouns]
    return [actor for noun in events if noun.lemma_.lower() in context.lexicon.event_nouns
            for actor in doers(context, noun)]


def _event_obliques(verb):
    """Events a clause says happened to its subject: "in an airstrike", "as a result of an airstrike"."""
    found = []
    for oblique in (c for c in verb.children if c.dep_.startswith("obl")):
        if case(oblique) in ("in", "during"):
            found.append(oblique)
        elif oblique.lemma_.lower() in ("result", "consequence", "aftermath"):
            # The event is the noun of the "of" right after it, wherever the parse hung that noun.
            after = oblique.nbor(1) if oblique.i + 1 < len(oblique.doc) else None
            if after is not None and after.lower_ == "of" and after.dep_ == "case" and is_noun(after.head):
                found.append(after.head)
    return found


def _owners(context, nouns):
    """The actors owning the arms or forces named ("US air strikes", "Russian jets")."""
    found = []
    for noun in nouns:
        for each in (noun, *(c for c in noun.conjuncts if c.i > noun.i)):
            found.extend(actor for actor in context.owner(each) if actor not in found)
    return found


def _passive(context, verb, lemma, relation, confidence):
    patients, agents = context.patients(verb), context.agents(verb)
    if relation == "partOf":
        yield from _integration(context, verb, context.actors(patients), "passive-into", confidence)
    elif relation in ("backs", "opposes", "commands"):
        doers = context.actors(agents)
        if not doers and relation != "commands":
            doers = _owners(context, agents)  # "backed by US drones": whoever flies them
        if not doers and relation == "opposes":
            doers = _event_doers(context, _event_obliques(verb))  # "were killed in an ambush by Hamas"
        yield candidate(doers, relation, context.objects(patients, relation), "passive-agent", confidence + 0.05)
    if relation == "commands" or lemma in context.lexicon.event_order_verbs:
        yield from _ordered_event(context, verb, agents)


def _integration(context, verb, members, method, confidence):
    for oblique in verb.children:
        if oblique.dep_.startswith("obl") and case(oblique) == "into":
            yield candidate(members, "partOf", context.actors([oblique]), method, confidence + 0.05)


def _events(context, verb, subject_actors, objects, confidence):
    """"X launched an attack on Y": X opposes Y, and X is remembered as the
    attack's agent; "Z ordered the attack": Z commands X."""
    lexicon = context.lexicon
    lemma = lexicon.base(verb)
    # "Washington retaliated with strikes on X": an event the verb is done with is the subject's.
    done_with = [c for c in verb.children if c.dep_.startswith("obl") and case(c) == "with"]
    events = [(noun, carried) for phrases, carried in ((objects, False), (done_with, True))
              for each in phrases for noun in counted(each, lexicon.quantity_nouns)]
    for obj, carried in events:
        if obj.lemma_.lower() not in lexicon.event_nouns:
            continue
        event = event_key(obj.lemma_.lower())
        if lemma in lexicon.event_order_verbs and event in context.event_agents:
            yield candidate(subject_actors, "commands", context.event_agents[event], "event-order", confidence - 0.15)
            continue
        if lemma in lexicon.event_joining_verbs:
            # "X joined the Houthis' campaign against shipping": X backs the Houthis.
            owners = context.actors(possessors(obj))
            yield candidate(subject_actors, "backs", [o for o in owners if o not in subject_actors],
                            "event-target", confidence - 0.05)
        if (lemma in lexicon.event_support_verbs or carried) and subject_actors:
            context.event_agents[event] = list(subject_actors)
            targets = [child for child in obj.children if child.dep_.startswith("nmod") and case(child) in AGAINST
                       and not withheld_supply(obj, lexicon)]
            yield candidate(subject_actors, "opposes", context.objects(targets, "opposes"), "event-target",
                            confidence - 0.05)


def _ordered_event(context, verb, agents):
    """"the attack on Kirkuk, ordered by X": X commands whoever carried it out."""
    event = event_key(verb.head.lemma_.lower()) if verb.dep_ in ("acl", "amod") else None
    if event is not None and event in context.event_agents:
        yield candidate(context.actors(agents), "commands", context.event_agents[event], "event-order",
                        Confidence.INFERRED)


def _modifies_noun_before(context, oblique, objects):
    """A phrase written right after a common noun belongs to that noun, whatever
    the parse says: "clashed near the border with Syria" (the border is with
    Syria), unless the noun is the verb's object ("exchanged fire with X")."""
    opening = context.doc[oblique.left_edge.i]
    if opening.i == 0 or opening.pos_ != "ADP":
        return False
    before = context.doc[opening.i - 1]
    counted = before.head in objects and case(before) == "of"  # "fired dozens of rockets at X"
    listed = any(before in o.conjuncts for o in objects)  # "launched missiles and drones at X"
    # "fought alongside federal forces against X": a side taken after another phrase of the verb.
    sided = case(oblique) in ("against", "alongside") and before.dep_.startswith("obl")
    return before.pos_ == "NOUN" and before not in objects and not counted and not listed and not sided \
        and not context.mentioned(before) and before.i != oblique.head.i  # the verb itself, tagged a noun
