"""Events named by a noun: "Turkish airstrikes on the YPG", "an offensive by
X against Y", "X's attack on Y" (the agent opposes the target), and "battles
between X and Y" (each side opposes the other)."""
from .registry import Confidence, candidate, register
from .syntax import before_acronym, case, first_conjunct, is_noun, negated, taking_verb

AGENT_DEPS = ("nmod:poss", "amod", "compound")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@register("event-noun", family="events", relations=("opposes",), methods=("event-noun", "event-between"))
def event_nouns(context, sentence):
    """An attack, strike or battle named by a noun opposes its agent to its target."""
    lexicon = context.lexicon
    for noun in sentence:
        words = {noun.lemma_.lower(), noun.lower_}
        if not words & lexicon.event_nouns:
            if words & lexicon.rivalry_nouns and is_noun(noun) and not context.mentioned(noun):
                # "X's rift with Y", "tensions between X and Y": no attack, two sides.
                yield from _rivalry(context, noun)
                yield from _between_sides(context, noun)
            continue
        if context.mentioned(noun) or _denied(context, noun):
            continue
        yield from _between_sides(context, noun)
        if not is_noun(noun):
            continue
        yield from _rivalry(context, noun)
        targets = [c for c in noun.children if c.dep_.startswith("nmod") and case(c) in lexicon.event_targets] \
            or _target_hung_on_agent(context, noun) or _target_hung_on_verb(context, noun)
        if targets and not withheld_supply(noun, lexicon):
            yield candidate(doers(context, noun), "opposes", context.objects(targets, "opposes"), "event-noun",
                            Confidence.INDIRECT)


@register("under-attack", family="events", relations=("opposes",), methods=("under-attack",))
def under_attack(context, sentence):
    """"X came under fire from Y", "X has been under siege by Y": Y opposes X."""
    lexicon = context.lexicon
    for noun in sentence:
        if case(noun) != "under" or noun.lemma_.lower() not in lexicon.event_nouns:
            continue
        verb = noun if any(c.dep_ == "nsubj" for c in noun.children) else noun.head
        if negated(verb, lexicon):
            continue
        attackers = [c for c in (*noun.children, *verb.children)
                     if c.dep_.startswith(("nmod", "obl")) and case(c) in ("by", "from")]
        victims = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        yield candidate(_attacker_actors(context, attackers), "opposes", context.objects(victims, "opposes"),
                        "under-attack", Confidence.INDIRECT)


def _between_sides(context, noun):
    """"battles between X and Y": each side opposes the other. Whatever the
    noun's tag: a sentence-initial "Clashes erupted between ..." is often
    parsed as a verb."""
    between = _between(noun)
    sides = context.actors(between)
    if len(sides) == 1:
        sides = _sides_as_written(context, between[0]) or sides
    for side in sides:
        yield candidate([side], "opposes", [other for other in sides if other != side], "event-between",
                        Confidence.INDIRECT)


def _rivalry(context, noun):
    """"Israel's war with Hezbollah", "X is at war with Y", "X is locked in a
    war with Y", "X fought a war with Y": each side opposes the other."""
    lexicon = context.lexicon
    if (noun.lemma_.lower() not in lexicon.rivalry_nouns and noun.lower_ not in lexicon.rivalry_nouns) \
            or negated(noun, lexicon):
        return
    others = context.actors([c for c in noun.children if c.dep_.startswith("nmod") and case(c) == "with"])
    if not others:
        return
    sides = carried_out_by(context, noun) or context.actors(_rival_subjects(context, noun))
    sides = [side for side in sides if side not in others]
    yield candidate(sides, "opposes", others, "event-between", Confidence.INDIRECT)
    yield candidate(others, "opposes", sides, "event-between", Confidence.INDIRECT)


def _rival_subjects(context, noun):
    """Who is in the war: the subject of "is at war", of "is locked in a war",
    of "fought a war"."""
    head, lexicon = noun.head, context.lexicon
    if any(c.dep_ == "cop" for c in noun.children):
        return [c for c in noun.children if c.dep_ == "nsubj"]
    if negated(head, lexicon) or head.pos_ not in ("VERB", "ADJ", "AUX"):
        return []
    if noun.dep_.startswith("obl") and case(noun) in ("in", "at", "into"):
        return [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if noun.dep_ == "obj" and lexicon.base(head) in lexicon.event_support_verbs:
        return context.subjects(head)[0]
    return []


def _target_hung_on_verb(context, noun):
    """"protested the strikes by X on Y's bases" with "on Y's bases" hung on
    the verb: a target phrase right after an event said with its own doer is
    its target (in "imposed an embargo on X" the verb says what is on X)."""
    if not noun.dep_.startswith(("obj", "obl")):
        return []
    # "declared war on X", "launched strikes on X"; but in "imposed an embargo on X" the verb says what is on X.
    lexicon = context.lexicon
    waged = noun.lemma_.lower() in lexicon.rivalry_nouns or noun.lower_ in lexicon.sanction_nouns \
        or lexicon.base(noun.head) in lexicon.launching_verbs
    if not carried_out_by(context, noun) and not waged:
        return []
    return [c for c in noun.head.children if c.dep_.startswith("obl") and case(c) in context.lexicon.event_targets
            and c.left_edge.i == noun.right_edge.i + 1]


def withheld_supply(noun, lexicon):
    """"an arms embargo on Sudan": supplies withheld from a war, not an attack on a side."""
    return any(c.dep_ == "compound" and c.lower_ in lexicon.support["nouns"] for c in noun.children)


def _target_hung_on_agent(context, noun):
    """"strikes by US planes on Y's bases" with "on Y's bases" hung on the
    planes: what the doer of an event is "on" or "against" is the event's target."""
    agents = [c for c in noun.children if c.dep_.startswith("nmod") and case(c) == "by" and context.actors([c])]
    return [c for agent in agents for c in agent.children
            if c.dep_.startswith("nmod") and c.i > agent.i and case(c) in context.lexicon.event_targets]


def _attacker_actors(context, attackers):
    """The actors of "by X", or of the demonym on it ("by Turkish air and land units")."""
    found = context.actors(attackers)
    for attacker in attackers if not found else ():
        for modifier in (c for c in attacker.children if c.dep_ in ("amod", "compound") and c.i < attacker.i):
            found.extend(a for a in context.side(modifier, "forces") if a not in found)
    return found


def _between(noun):
    """The "between X and Y" of an event: "clashes between X and Y", or of the
    verb that says it happened, "clashes broke out between X and Y"."""
    def between(token):
        # "a struggle between [army chief X]" with "between" hung on the role inside the phrase.
        return [c for c in token.children if (c.dep_.startswith(("nmod", "obl")) and case(c) == "between")
                or (c.dep_ == "appos" and c.left_edge.lower_ == "between" and c.left_edge.dep_ == "case")]

    found = between(noun)
    # "Clashes erupted between ...": the noun may also be read as the verb's auxiliary.
    if not found and noun.dep_ in ("nsubj", "nsubj:pass", "aux", "aux:pass") and noun.head.pos_ == "VERB":
        found = between(noun.head)
        # "broke out in the capital on Monday between X and Y", hung on the phrase before it.
        for oblique in (c for c in noun.head.children if not found and c.dep_.startswith("obl") and c.i > noun.i):
            found = between(oblique)
    # ... or as the noun's clause ("Fighting broke out between ..." with "broke" hung on "Fighting").
    for clause in (c for c in noun.children if not found and c.dep_ in ("acl", "acl:relcl", "xcomp")
                   and c.pos_ == "VERB"):
        found = between(clause)
    return found


def _sides_as_written(context, side):
    """"between the army and the paramilitary RSF", "between the guards of
    President X and the UAE-backed STC", with the second side hung elsewhere by
    the parse: the mention of the first side and the one after the "and" that
    closes its phrase (past words, and names that only modify: "UAE-backed")."""
    doc, index = context.doc, context.index
    # "between [Yemeni government] forces and ...": the phrase's own first words may name the side.
    opening = side.left_edge.i + (1 if side.left_edge.dep_ == "case" else 0)
    first = index.at(side) or context.mention_from(side.i) or context.mention_from(opening)
    if first is None:
        return []
    position = first.end
    stop = min(side.sent.end, first.end + 12)
    while position < stop and doc[position].lower_ != "and":
        if doc[position].text in (",", ";") or doc[position].dep_ == "ROOT":
            return []  # the phrase ends before a clause's own verb ("exiled" may be read as a past tense)
        position += 1
    second = None
    for token in doc[position + 1: min(position + 8, side.sent.end)]:
        mention = index.at(token)
        if mention is not None and mention.end < len(doc) and doc[mention.end].text in ("-", "–"):
            continue  # "UAE-backed": a modifier, not the side
        if mention is not None and mention is not first:
            second = mention
            break
        # "and his former deputy, RSF leader Y": a comma after a common noun opens its apposition.
        appositive = token.text == "," and doc[token.i - 1].pos_ == "NOUN"
        if token.tag_ in FINITE_TAGS or (token.pos_ == "PUNCT" and token.text not in ("-", "–") and not appositive):
            break
    if position >= stop or second is None:
        return []
    return [*first.actors, *(actor for actor in second.actors if actor not in first.actors)]


def carried_out_by(context, noun):
    """Who carries out the event: "Turkish" or "Turkey's" before it, or "by X" after it."""
    found = []
    # Two possessors read on one noun ("The League condemned Hezbollah's aggression" as a noun
    # phrase): the one marked with 's is the owner.
    marked = [c for c in noun.children if c.dep_ == "nmod:poss" and any(g.tag_ == "POS" for g in c.children)]
    for child in noun.children:
        if marked and child.dep_ == "nmod:poss" and child not in marked:
            continue
        if child.dep_ == "amod" and child.tag_ in ("VBD", "VBN") and child.i > 0 \
                and context.lexicon.base(child) in context.lexicon.event_support_verbs:
            # "Washington imposed sanctions on X" read as a noun phrase: the actor before the verb.
            subject = context.doc[before_acronym(context.doc, child.i - 1)]
            found.extend(a for a in context.actors([subject]) if a not in found)
        # A headline parsed as a noun phrase: "Houthis claim attack on X" gives "attack" a subject,
        # or makes "claim" a compound with its own subject.
        elif child.dep_ == "compound" and child.tag_ in ("VB", "VBP", "VBZ") and child.i < noun.i \
                and any(g.dep_ == "nsubj" for g in child.children):
            found.extend(a for a in context.actors([g for g in child.children if g.dep_ == "nsubj"]) if a not in found)
        elif (child.dep_ in AGENT_DEPS or child.dep_ == "nsubj") and child.i < noun.i:
            found.extend(a for a in context.side(child, "forces") if a not in found)
        elif child.dep_.startswith("nmod") and (case(child) == "by" or (
                case(child) == "of" and noun.lower_ in context.lexicon.agentive_events)):
            found.extend(a for a in context.actors([child]) if a not in found)  # "the intervention of X"
        elif child.dep_ == "acl" and context.lexicon.base(child) in context.lexicon.event_support_verbs:
            # "an air strike carried out by X"
            found.extend(a for a in context.actors(context.agents(child)) if a not in found)
        elif child.dep_ == "acl" and context.lexicon.base(child) in context.lexicon.event_attributions:
            # "an attack blamed on X", "a strike attributed to X"
            blamed = [c for c in child.children if c.dep_.startswith("obl") and case(c) in ("on", "to")]
            found.extend(a for a in context.actors(blamed) if a not in found)
    if not found:
        found.extend(_agent_written_after(context, noun))
    head = noun.head
    if not found and noun.dep_ in ("nsubj", "nsubj:pass") and head.i > noun.i \
            and context.lexicon.base(head) in context.lexicon.event_support_verbs:
        # "an air strike carried out by X" read as a clause with the strike as its subject.
        found.extend(context.actors(context.agents(head)))
    return found


def _agent_written_after(context, noun):
    """"a strike carried out by X" however the parse hung the words: a verb of
    carrying out right after the event noun, then "by" and a name."""
    doc, lexicon = context.doc, context.lexicon
    after = doc[noun.i + 1] if noun.i + 1 < noun.sent.end else None
    if after is None or lexicon.base(after) not in lexicon.event_support_verbs or after.tag_ not in ("VBN", "VBD"):
        return []
    by = next((t for t in doc[after.i + 1: min(after.i + 3, noun.sent.end)] if t.lower_ == "by"), None)
    doer = context.mention_from(by.i + 1) if by is not None else None
    return list(doer.actors) if doer is not None else []


def doers(context, event):
    """Who carries out an event: its agent ("Israel's campaign", "the campaign
    by X"), else the subject of a verb that carries it out ("X launched a
    campaign"), never of one that only speaks of it ("Iran condemned the
    campaign")."""
    agents = carried_out_by(context, event)
    if agents:
        return agents
    # A listed event takes the first item's place ("claimed the missile and drone attacks").
    slot = first_conjunct(event)
    verb = taking_verb(slot)
    if verb is None and case(slot) == "for":
        # "claimed responsibility for the attacks", the "for" hung on the object or on the verb.
        if slot.dep_.startswith("nmod") and slot.head.dep_ == "obj":
            verb = slot.head.head
        elif slot.dep_.startswith("obl") and any(c.dep_ == "obj" and c.i < slot.i for c in slot.head.children):
            verb = slot.head
    lexicon = context.lexicon
    if verb is None or negated(verb, lexicon) or lexicon.base(verb) not in lexicon.event_support_verbs:
        return []
    return context.actors(context.subjects(verb)[0])


def _denied(context, noun):
    """An event the clause denies or negates: "denied any attack on X"."""
    head = noun.head
    return head.pos_ in ("VERB", "AUX") and (negated(head, context.lexicon)
                                             or context.lexicon.base(head) in context.lexicon.denials)
