"""Support given as a thing: "X's support for Y", "Y received weapons from X",
"Y has the backing of X", "with the help of X", "X provided training to Y"
(X backs Y)."""
from .events import doers as event_doers
from .registry import Confidence, candidate, register
from .syntax import case, has_subject, is_noun, is_quantity, negated

OWNER_DEPS = ("nmod:poss", "amod", "compound")


@register("support-noun", family="support", relations=("backs",),
          methods=("support-for", "support-received", "support-given"))
def support_nouns(context, sentence):
    """Support, weapons or training passing from one actor to another."""
    lexicon = context.lexicon
    for noun in sentence:
        if not _is_support(noun, lexicon):
            continue
        # A mis-tagged noun: "drones" as a verb, or "Iran's backing" with an owner no verb has.
        if not is_noun(noun) and noun.dep_ not in ("obj", "nsubj:pass") \
                and not any(c.dep_ == "nmod:poss" for c in noun.children):
            continue
        noun = _counting(noun, lexicon)
        in_clause = _measure(noun, lexicon)
        verb = in_clause.head if in_clause.dep_ in ("obj", "obl", "nsubj:pass", "conj") else None
        if verb is not None and verb.dep_ != "ROOT" and in_clause.dep_ == "conj":
            verb = verb.head
        if verb is not None and (negated(verb, lexicon) or _withheld(lexicon.base(verb), lexicon)):
            continue
        with_receiver = noun.lower_ in lexicon.support["with_nouns"]
        yield from _support_for(context, noun, prepositions=("for", "to", "with") if with_receiver else ("for", "to"))
        yield from _thanked_for(context, noun)
        yield from _shown(context, noun)
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            yield from _received(context, noun, verb, in_clause)
            yield from _given(context, in_clause, verb)


@register("on-behalf", family="support", relations=("backs",), methods=("on-behalf",))
def on_behalf(context, sentence):
    """"X intervened in support of Y", "X fought on behalf of Y", "X's
    intervention in favour of Y", "X raided it in coordination with Y":
    whoever acts so backs Y."""
    lexicon = context.lexicon
    for noun in sentence:
        joint = noun.lower_ in lexicon.support["joint_nouns"]
        if not (joint or noun.lower_ in lexicon.support["behalf_nouns"]) or case(noun) not in ("in", "on"):
            continue
        marker = "with" if joint else "of"
        beneficiaries = [c for c in noun.children if c.dep_.startswith("nmod") and case(c) == marker]
        if joint and not beneficiaries:  # "in coordination with X" with the phrase hung on the verb
            beneficiaries = [c for c in noun.head.children if c.dep_.startswith("obl") and case(c) == "with"
                             and c.left_edge.i == noun.right_edge.i + 1]
        head = noun.head
        if not beneficiaries or head.i == noun.i:
            continue
        if head.pos_ in ("VERB", "AUX"):
            if negated(head, lexicon):
                continue
            doers = context.actors(context.subjects(head)[0])
        elif head.lemma_.lower() in lexicon.event_nouns:
            doers = event_doers(context, head)  # "carried out air strikes in support of X"
        elif head.dep_ in ("obj", "obl") and head.head.pos_ in ("VERB", "AUX") and not negated(head.head, lexicon):
            doers = context.actors(context.subjects(head.head)[0])  # "bombed positions in support of X"
        else:
            continue  # "a referendum in favour of X" is a vote, not an actor's act
        yield candidate(doers, "backs", context.actors(beneficiaries), "on-behalf", Confidence.INDIRECT)


def _counting(noun, lexicon):
    """The quantity that counts a noun, which stands in its place in the clause
    ("supplied Moscow with millions of artillery shells": "millions")."""
    head = noun.head
    if noun.dep_ == "nmod" and case(noun) == "of" and head.i < noun.i and is_quantity(head, lexicon.quantity_nouns):
        return head
    return noun


def _measure(noun, lexicon):
    """The amount a support noun is measured in, which stands in its place in
    the clause ("gave Kyiv $60 billion in military aid": "$")."""
    head = noun.head
    if noun.dep_ == "nmod" and case(noun) == "in" and head.i < noun.i \
            and (head.tag_ in ("$", "CD") or head.lower_ in lexicon.quantity_nouns):
        return head
    return noun


def _givers(context, noun, prepositions=("of", "from")):
    return context.actors([c for c in noun.children if c.dep_.startswith("nmod") and case(c) in prepositions])


def _support_for(context, noun, relation="backs", prepositions=("for", "to"), method="support-for"):
    """"Iran's support for the Houthis", "US backing to the SDF", "Iran
    expressed support for the Houthis" (and, as opposition, "Turkey voiced
    opposition to X")."""
    if any(c.dep_ == "nmod:poss" for c in noun.children):
        prepositions = (*prepositions, "of")  # "Iran's backing of the Houthis": the possessor gives
    # "LNA jets struck positions to forces loyal to X": a verb between says the phrase is not the noun's.
    receivers = [c for c in noun.children if c.dep_.startswith("nmod") and case(c) in prepositions
                 and not any(t.pos_ == "VERB" for t in context.doc[noun.i + 1:c.left_edge.i])]
    if not receivers and noun.dep_ == "obj":
        # "expressed support for the Houthis" with the phrase hung on the verb
        receivers = [c for c in noun.head.children if c.dep_.startswith("obl") and case(c) in prepositions
                     and c.left_edge.i == noun.right_edge.i + 1]
    if not receivers:
        return
    owners = []
    for child in noun.children:
        if child.dep_ in OWNER_DEPS and child.i < noun.i:
            owners.extend(context.side(child, "government"))
    senders = _givers(context, noun, ("from", "by"))
    verb = noun.head
    if noun.dep_ == "obj" and context.lexicon.base(verb) not in context.lexicon.support["receiving_verbs"] \
            and has_subject(verb):
        # "planes have flown equipment from Syria to X": a country the things come from is a place.
        senders = [actor for actor in senders if context.cls(actor) != "State"]
    givers = owners or senders or _granters(context, noun)
    yield candidate(givers, relation, context.objects(receivers, relation), method, Confidence.INDIRECT)


def _thanked_for(context, noun):
    """"The Taliban thanked China for its support": the one thanked for
    support backs the one who thanks."""
    verb = noun.head
    if case(noun) != "for" or not noun.dep_.startswith("obl") \
            or context.lexicon.base(verb) not in context.lexicon.thanking_verbs or negated(verb, context.lexicon):
        return
    thanked = context.actors([c for c in verb.children if c.dep_ == "obj"])
    yield candidate(thanked, "backs", context.actors(context.subjects(verb)[0]), "support-received",
                    Confidence.INDIRECT)


@register("reliance", family="support", relations=("backs",), methods=("support-received",))
def reliance(context, sentence):
    """"The Houthis have long relied on Iran for weapons", "the junta depends
    on Russian mercenaries", "the junta turned to Russia for military
    support": the one leaned on backs the subject."""
    lexicon = context.lexicon
    for verb in sentence:
        base = lexicon.base(verb)
        if base not in lexicon.reliance_verbs | lexicon.appealing_verbs or verb.pos_ != "VERB" \
                or negated(verb, lexicon):
            continue
        if base in lexicon.reliance_verbs:
            helpers = [c for c in verb.children if c.dep_.startswith("obl") and case(c) in ("on", "upon")]
        else:  # "turned to Russia for military support": only with the support asked for
            helpers = [c for c in verb.children if c.dep_.startswith("obl") and case(c) == "to"] \
                if _asked_support(verb, lexicon) else []
        yield candidate(context.objects(helpers, "backs"), "backs", context.actors(context.subjects(verb)[0]),
                        "support-received", Confidence.INDIRECT)


def _withheld(verb_base, lexicon):
    """Support denied ("refused to supply") or given up ("surrendered their weapons to")."""
    return verb_base in lexicon.denials or verb_base in lexicon.support["yielding_verbs"]


def _is_support(token, lexicon):
    """A word for support, weapons or training given ("aid", "drones")."""
    return token.lemma_.lower() in lexicon.support["nouns"] or token.lower_ in lexicon.support["nouns"]


def _asked_support(verb, lexicon):
    """A "for" phrase naming support, on the verb or on the one turned to."""
    phrases = [t for c in verb.children if c.dep_.startswith("obl") for t in (c, *c.children)]
    return any(t.dep_.startswith(("obl", "nmod")) and case(t) == "for" and _is_support(t, lexicon) for t in phrases)


@register("opposition-noun", family="support", relations=("opposes",), methods=("opposition-to",))
def opposition_nouns(context, sentence):
    """"Turkey voiced opposition to the Kurdish referendum", "Saudi Arabia's
    hostility toward Iran": opposition as a thing; "X banned ..., drawing
    condemnation from the UN": a reaction drawn from another."""
    lexicon = context.lexicon
    for noun in sentence:
        if noun.lower_ in lexicon.support["reaction_nouns"] and is_noun(noun):
            yield from _reaction_drawn(context, noun)
        if noun.lower_ not in lexicon.support["opposing_nouns"] or not is_noun(noun):
            continue
        if noun.head.pos_ in ("VERB", "AUX") and negated(noun.head, lexicon):
            continue
        yield from _support_for(context, noun, "opposes", ("to", "toward", "towards"), "opposition-to")


def _reaction_drawn(context, noun):
    """Those a reaction is drawn "from" oppose the subject of the verb that
    draws it, or the doer of the event that does ("the strike drew
    condemnation from Iran")."""
    lexicon, verb = context.lexicon, noun.head
    if noun.dep_ != "obj" or lexicon.base(verb) not in lexicon.support["drawing_verbs"] or negated(verb, lexicon):
        return
    critics = [c for c in (*noun.children, *verb.children) if c.dep_.startswith(("nmod", "obl")) and case(c) == "from"]
    subjects = context.subjects(verb)[0]
    drawers = context.actors(subjects) or [actor for subject in subjects for actor in event_doers(context, subject)]
    yield candidate(context.actors(critics), "opposes", drawers, "opposition-to", Confidence.INDIRECT)


def _shown(context, noun):
    """"X arrived in Beirut in a show of support for Y": X backs Y."""
    show = noun.head
    if not (noun.dep_.startswith("nmod") and case(noun) == "of"
            and show.lower_ in context.lexicon.support["display_nouns"] and is_noun(show)):
        return
    receivers = [c for c in (*noun.children, *show.children) if c.dep_.startswith("nmod") and case(c) == "for"]
    verb = show.head
    if not receivers or verb.pos_ not in ("VERB", "AUX") or negated(verb, context.lexicon):
        return
    yield candidate(context.actors(context.subjects(verb)[0]), "backs", context.objects(receivers, "backs"),
                    "support-for", Confidence.INDIRECT)


def _granters(context, noun):
    """"Washington approved $1 billion in military aid to Israel", "Iran
    expressed support for X": the subject of the verb that grants or states
    the support (through a measure of it)."""
    lexicon, verb = context.lexicon, noun.head
    if noun.dep_.startswith("nmod") and verb.pos_ in ("NOUN", "NUM", "SYM"):
        verb = verb.head  # "$1 billion in aid": the measure's verb
    if verb.pos_ not in ("VERB", "AUX") or lexicon.base(verb) not in lexicon.support["granting_verbs"] \
            or negated(verb, lexicon):
        return []
    return context.actors(context.subjects(verb)[0])


def _received(context, noun, verb, in_clause):
    """"Y received training and weapons from X", "Y has the backing of X",
    "Y fought with the support of X" (`in_clause`: the noun or the amount
    that stands for it in the clause)."""
    lexicon = context.lexicon
    lemma = lexicon.base(verb)
    givers = _givers(context, noun) or _givers(context, in_clause)
    if not givers and noun.dep_ == "conj":  # "training and weapons from X": the phrase hangs on the first
        givers = _givers(context, noun.head)
    if not givers:
        givers = context.actors([c for c in verb.children if c.dep_.startswith("obl") and case(c) == "from"])
    if not givers:
        givers = context.actors(_from_clause_objects(noun, verb))
    if not givers:
        return
    receiving = lemma in lexicon.support["receiving_verbs"] and in_clause.dep_ in ("obj", "conj")
    backing_oblique = noun.dep_ == "obl" and case(noun) == "with" and noun.lemma_.lower() in lexicon.support["backing_nouns"]
    if receiving or backing_oblique:
        subjects, _inherited = context.subjects(verb)
        yield candidate(givers, "backs", context.actors(subjects), "support-received", Confidence.INDIRECT)


def _from_clause_objects(noun, verb):
    """"from neighbouring Iran" read as a clause ("neighbouring" a verb marked
    by "from", on the verb or the thing received): its object is the phrase's noun."""
    clauses = [c for c in (*verb.children, *noun.children) if c.dep_ in ("advcl", "acl") and c.tag_ == "VBG"
               and any(m.dep_ == "mark" and m.lower_ == "from" and m.i == c.i - 1 for m in c.children)]
    return [o for clause in clauses for o in clause.children if o.dep_ == "obj" and o.left_edge.i == clause.i + 1]


def _given(context, noun, verb):
    """"X provided training to Y", "X provided Y with weapons", "weapons were
    supplied to Y by X"."""
    lexicon = context.lexicon
    if lexicon.base(verb) not in lexicon.support["giving_verbs"]:
        return
    marks = ("to", "for", "into") if lexicon.base(verb) in lexicon.support["into_verbs"] else ("to", "for")
    receivers = [c for c in verb.children if c.dep_.startswith("obl") and case(c) in marks]
    receivers += [c for c in noun.children if c.dep_.startswith(("nmod", "obl")) and case(c) in marks]
    # "funnelled billions in military aid to Kyiv": the receiver hung on the support measured.
    receivers += [c for measured in noun.children if measured.dep_.startswith("nmod") and case(measured) == "in"
                  for c in measured.children if c.dep_.startswith("nmod") and case(c) in marks]
    receivers += [c for c in verb.children if c.dep_ == "iobj"]
    if noun.dep_ == "obj" or (noun.dep_.startswith("obl") and case(noun) is None):
        # "gave Kyiv $60 billion in aid" with both read as objects (or the amount as a bare oblique):
        # the first receives.
        receivers += [c for c in verb.children if c.dep_ == "obj" and c.i < noun.i]
    if noun.dep_.startswith("obl") and case(noun) == "with":
        receivers += [c for c in verb.children if c.dep_ == "obj"]  # "provided Ukraine with weapons"
    if not receivers:
        return
    if noun.dep_ == "nsubj:pass":
        givers = context.actors(context.agents(verb))
    else:
        givers = context.actors(context.subjects(verb)[0])
    objects = context.objects(receivers, "backs")
    if lexicon.base(verb) in lexicon.support["moving_verbs"]:
        # "smuggled missiles to Yemen": a state named after a verb of moving things is a destination;
        # its capital or its government is not ("funnelled aid to Kyiv", "into the CAR's government").
        places = {actor for receiver in receivers for mention in [context.index.at(receiver)]
                  if mention is not None and mention.kind != "metonym" for actor in mention.actors}
        objects = [actor for actor in objects if context.cls(actor) != "State" or actor not in places]
    yield candidate(givers, "backs", objects, "support-given", Confidence.INDIRECT)
