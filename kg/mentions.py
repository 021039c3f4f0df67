"""Find actor mentions in a parsed document.

Four sources, in order of trust: the actor dictionary's names; collective
phrases built from a demonym or a state's name ("Iraqi forces", "the Iranian
government", "Kurdish officials"); metonyms when they act ("Baghdad rejected");
and names nobody listed (kg/new_names.py).
"""
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from .patterns.syntax import case
from .mention_index import NAME_PARTICLES, Mention, MentionIndex, add_mention, mention_after, slug
from .new_names import add_new_names, listed_acronyms
from .records import Actor
from .resolve import clause_verb

PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "to", "from", "into", "towards", "toward", "outside",
                                "around", "across", "through", "between", "inside", "via", "past", "beyond", "of"})
AGENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obl:agent", "nmod:poss", "obj", "conj", "appos", "dislocated"})


@lru_cache(maxsize=8)
def _matchers(vocab, dictionary, tokenizer):
    exact, lower, generic = (PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER"),
                             PhraseMatcher(vocab, attr="LOWER"))
    for form, actor_id, case_sensitive in dictionary.surface_forms():
        (exact if case_sensitive else lower).add(actor_id, [tokenizer(form)])
    for phrase, actor_id in dictionary.generic_forms():
        generic.add(actor_id, [tokenizer(phrase)])
    return exact, lower, generic


def _matches(matcher, doc):
    spans = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
    return spans


def find_mentions(doc, dictionary, lexicon, tokenizer):
    """Every actor mention of a parsed Doc (cleaned text), as a MentionIndex."""
    exact, lower, generic = _matchers(doc.vocab, dictionary, tokenizer)
    names = filter_spans(_matches(exact, doc) + _matches(lower, doc))
    mentions = [Mention(s.start, s.end, (s.label_,), "alias") for s in names if not _family_name(doc, s)]
    index = MentionIndex(doc, mentions)
    _add_collectives(index, dictionary, lexicon)
    _add_metonyms(index, dictionary, lexicon)
    acronyms = listed_acronyms(index)
    add_new_names(index, dictionary, lexicon, acronyms)
    _add_loyal_forces(index, dictionary, lexicon)
    _add_story_government(index, dictionary, lexicon)
    _add_observer_bodies(index, lexicon)
    _add_owned_bodies(index, dictionary, lexicon)
    # "the militias" means the PMF only in a story that names Iraq, its forces or the PMF.
    named = {actor for mention in index.mentions for actor in mention.actors}
    for span in filter_spans(_matches(generic, doc)):
        if all(index.at(token) is None for token in span) and dictionary.home(span.label_) & named:
            add_mention(index, list(span), span.label_, "generic")
    index.reindex()
    return index


def _family_name(doc, span):
    """"Abdul-Malik al-Houthi": a name after "al-" that follows a given name is
    a person's family name, not the group it matches; "Al-Fateh Qurashi": a
    one-word name after "Al-" with a surname after it is a given name."""
    start = span.start
    after_al = start >= 2 and doc[start - 1].text in ("-", "–") and doc[start - 2].lower_ == "al"
    following = doc[span.end] if span.end < len(doc) else None
    if after_al and len(span) == 1 and following is not None and following.pos_ == "PROPN" \
            and following.text[:1].isupper() and following.is_alpha:
        return True  # "RSF spokesman Al-Fateh Qurashi": "Al-Fateh" starts a person's name
    if start >= 3 and after_al:
        given = doc[start - 3]
    elif start >= 2 and doc[start - 1].lower_ == "al":
        given = doc[start - 2]
    else:
        return False
    return given.text[:1].isupper() and given.pos_ == "PROPN"


def _state_like(index, dictionary, token):
    """The dictionary entry a modifier names: a demonym ("Iraqi") or a state's name ("Iraq military")."""
    entry = dictionary.by_demonym(token.text)
    if entry is not None:
        return entry
    mention = index.at(token)
    if mention and mention.kind == "alias" and len(mention.actors) == 1:
        candidate = dictionary.get(mention.actors[0])
        if candidate is not None and (candidate.forces or candidate.government or candidate.demonyms):
            return candidate
    return None


def _add_collectives(index, dictionary, lexicon):
    doc = index.doc
    for token in doc:
        word = token.lower_
        # "Russian air power", "US air support": a state's forces in the air.
        air_force = word in lexicon.air_heads and token.i > 0 and doc[token.i - 1].lower_ == "air"
        role = ("forces" if word in lexicon.force_heads or air_force else "government" if word in lexicon.government_heads
                else "insurgents" if word in lexicon.insurgent_heads else None)
        if role is None or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        existing = index.at(token)
        if existing is not None and existing.kind == "alias":
            continue
        if word == "opposition" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("to", "toward", "towards"):
            continue  # "Egypt's opposition to X" is a stance, not Egypt's opposition parties
        if role == "forces" and _rules_next(doc, token, lexicon):
            continue  # "Myanmar's military government" is the government
        if token.dep_ in ("amod", "compound") and token.head.i > token.i and role == "forces" \
                and token.head.lemma_.lower() in lexicon.alliance_nouns:
            continue  # "Ukraine's main military suppliers", "Mali's security partner" are its backers, not its forces
        if token.text[:1].isupper() and token.i + 1 < len(doc) and doc[token.i + 1].text in lexicon.org_heads:
            continue  # "Ukraine's Security Service" is a body of its own
        before = doc[token.i - 1] if token.i > 0 else None
        if token.text[:1].isupper() and before is not None and before.text[:1].isupper() and before.is_alpha \
                and not before.is_sent_start and dictionary.by_demonym(before.text) is None \
                and index.at(before) is None:
            continue  # "Ukraine's National Guard", "the Special Deterrence Force": a name, not a state's men
        if role == "insurgents" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in lexicon.anaphors:
            continue  # "the Palestinian militant group" is a group named before, or no one
        if _named_group_before(index, dictionary, token):
            continue  # "Kurdish YPG fighters" are the YPG's
        modifiers = _collective_modifiers(index, dictionary, token, lexicon.collective_qualifiers)
        if not modifiers:
            _add_located(index, dictionary, lexicon, token, role)
            continue
        end = token.i + 1
        if role == "government" and token.dep_ == "compound" and token.head.i == end \
                and token.head.lower_ in lexicon.force_heads:
            role, end = "forces", end + 1  # "Sudanese government forces" are the state's forces
        start = min(modifier.i for modifier, _ in modifiers)
        actors = []
        for modifier, entry in modifiers:
            if role == "insurgents":
                target = _insurgents(index, modifier, token)
            else:
                target = (entry.forces if role == "forces" else entry.government) or entry.id
            if target not in actors:
                actors.append(target)
        _replace_span(index, start, end, actors)


def _rules_next(doc, token, lexicon):
    """A word for forces that qualifies a ruler after it: "military government", "army junta"."""
    return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in lexicon.government_heads


def _add_located(index, dictionary, lexicon, head, role):
    """"the junta in Mali", "the military in Myanmar": the state's own government
    or forces (not "troops in Syria", which may be anyone's)."""
    doc = index.doc
    if head.lower_ not in lexicon.located_heads or head.i + 2 >= len(doc) or doc[head.i + 1].lower_ != "in" \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return
    place, word = index.at(doc[head.i + 2]), doc[head.i + 2]
    if place is None:
        seat = dictionary.by_metonym(word.text) if role == "government" and word.pos_ == "PROPN" else None
        if seat is not None:  # "the government in Damascus"
            _replace_span(index, head.i, word.i + 1, [seat.id])
        return
    entry = _state_like(index, dictionary, word)
    if entry is not None and entry.cls == "State":
        target = (entry.forces if role == "forces" else entry.government) or entry.id
        _replace_span(index, head.i, place.end, [target])


def _add_story_government(index, dictionary, lexicon):
    """"government forces", "regime troops", "the government" with no state
    named: the government (or its forces) the story last named as a
    government ("Syrian government forces ... government forces")."""
    doc = index.doc
    for token in doc:
        word = token.lower_
        role = ("forces" if word in lexicon.force_heads
                else "government" if word in lexicon.story_rulers | {"government", "regime"} else None)
        # "Junta chief X", "Army spokesman X": the story's junta or army, named by a role after it.
        # A capitalised word before names another owner ("Huthian military spokesman").
        titled = word in lexicon.story_forces | lexicon.story_rulers and token.i + 1 < len(doc) \
            and doc[token.i + 1].lower_ in lexicon.person_roles \
            and (token.is_sent_start or not (doc[token.i - 1].text[:1].isupper()
                                             or doc[token.i - 1].lower_ in lexicon.titles["former"]))
        if role is None or (token.pos_ != "NOUN" and not titled) or index.at(token) is not None:
            continue
        if role == "forces" and _rules_next(doc, token, lexicon):
            continue
        named = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod:poss") and c.i < token.i
                 and (index.at(c) is not None or dictionary.by_demonym(c.text) or c.dep_ == "nmod:poss")]
        before = doc[token.i - 1] if token.i else None
        if role == "government" and before is not None and before.lower_ in lexicon.force_heads and token.i > 1:
            before = doc[token.i - 2]  # "the military government"
        if named or (before is None and not titled):
            continue
        counted = before is not None and before.tag_ == "CD" and word in lexicon.story_counted  # "killed 12 soldiers"
        if titled or counted or (before.lower_ == "the" and word in lexicon.story_forces | lexicon.story_rulers):
            # "the army" in a story about Sudan; "the junta" after "Niger junta" is Niger's.
            state = (_ruled_state(index, dictionary, lexicon, token.i) if word in lexicon.story_rulers else None) \
                or _story_state(index, dictionary, token.i)
            if state is not None and _party_beside(index, dictionary, lexicon, token, state):
                continue  # "Russia and China remain the junta's suppliers": the junta is not Russia's
            target = None if state is None else state.forces if role == "forces" else state.government or state.id
            if target:
                add_mention(index, [token], target, "collective")
            continue
        if role == "forces" and before.lower_ not in ("government", "regime"):
            continue
        if role == "government" and before.lower_ != "the":
            continue
        if role == "forces" and token.i > 1 and doc[token.i - 2].lower_ in ("pro", "anti", "-"):
            continue  # "pro-government forces" are on the government's side, not its own
        state = _last_named_government(index, dictionary, token.i)
        if state is not None:
            target = (state.forces if role == "forces" else state.government) or state.id
            add_mention(index, list(doc[token.i - 1 if role == "forces" else token.i:token.i + 1]), target,
                        "collective")


def _add_owned_bodies(index, dictionary, lexicon):
    """"the GNA's interior ministry", "Russia's defence ministry", "the Russian
    defence ministry": a body an actor owns, written in lower case, is an actor
    of its own (kind "owned-body", a part of its owner)."""
    doc = index.doc
    for head in doc:
        if head.lower_ not in lexicon.owned_bodies or head.pos_ != "NOUN" or index.at(head) is not None:
            continue
        position = head.i - 1
        while position > 0 and doc[position].text.islower() and doc[position].pos_ in ("NOUN", "ADJ") \
                and index.at(doc[position]) is None:
            position -= 1
        owner = index.at(doc[position - 1]) if position > 0 and doc[position].tag_ == "POS" else None
        state = dictionary.by_demonym(doc[position].text) if owner is None and index.at(doc[position]) is None \
            else None
        if state is not None and position < head.i:
            # "the Sudanese foreign ministry" is the node of "Sudan's foreign ministry".
            name = f"{state.name}'s {doc[position + 1:head.i + 1].text}"
        elif owner is not None and len(owner.actors) == 1:
            name = " ".join(doc[owner.start:head.i + 1].text.split())
        else:
            continue
        actor_id = slug(name)
        index.new_actors.setdefault(actor_id, Actor(id=actor_id, name=name, cls=lexicon.owned_bodies[head.lower_],
                                                    aliases=()))
        start = position if state is not None else position + 1
        add_mention(index, list(doc[start:head.i + 1]), actor_id, "owned-body")


def _add_observer_bodies(index, lexicon):
    """"sanctions monitors", "human rights investigators": a body named by
    what it watches becomes an actor of its own. One named by an actor ("UN
    experts") is left to the resolver, as the actor's."""
    doc = index.doc
    for token in doc:
        if token.lower_ not in lexicon.observer_heads or token.pos_ != "NOUN" or index.at(token) is not None:
            continue
        words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.pos_ == "NOUN"]
        if not words or any(index.at(w) is not None for w in token.children if w.i < token.i):
            continue
        tokens = list(doc[min(w.left_edge.i for w in words):token.i + 1])  # "human rights investigators"
        name = " ".join(t.text for t in tokens)
        actor_id = slug(name)
        index.new_actors.setdefault(actor_id, Actor(id=actor_id, name=name, cls="Organization", aliases=()))
        add_mention(index, tokens, actor_id, "collective")


def _party_beside(index, dictionary, lexicon, token, state):
    """Whether `state` is named as another party of the clause `token` is in
    (its verb's subject or object, or their conjuncts); a state that deploys
    or sends the men is their own ("Rwanda deployed 1,000 soldiers")."""
    verb = clause_verb(token)
    lemma = lexicon.base(verb)
    if lexicon.verb_relation(lemma) == "commands" or lemma in lexicon.support["giving_verbs"]:
        return False
    parties = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "obj", "iobj")]
    for party in (each for p in parties for each in (p, *p.conjuncts)):
        mention = index.at(party)
        if mention is None or len(mention.actors) != 1 or token.i in range(mention.start, mention.end):
            continue
        entry = dictionary.get(mention.actors[0])
        if entry is not None and (entry.id == state.id or dictionary.state_of(entry.id) == state):
            return True
    return False


def _ruled_state(index, dictionary, lexicon, before):
    """The state the text last named as ruled by a ruling body ("Niger junta",
    "Niger's military rulers") before `before`, or None."""
    doc = index.doc
    for ruler in reversed(doc[:before]):
        military = ruler.lower_ in lexicon.military_rulers and ruler.i > 0 and doc[ruler.i - 1].lower_ == "military"
        if ruler.lower_ not in lexicon.story_rulers and not military:
            continue
        position = ruler.i - 1
        while position >= 0 and (doc[position].pos_ == "ADJ" or doc[position].tag_ == "POS"):
            position -= 1  # "Niger's military rulers"
        mention = index.at(doc[position]) if position >= 0 else None
        entry = dictionary.get(mention.actors[0]) if mention is not None and len(mention.actors) == 1 else None
        state = entry if entry is not None and entry.cls == "State" else (
            dictionary.state_of(mention.actors[0]) if mention is not None and len(mention.actors) == 1 else None)
        if state is not None:
            return state
    return None


def _story_state(index, dictionary, before):
    """The state a story names most often (itself, its forces or its government)
    before `before` (in the whole text when none is named before); of equals,
    the one named first (a story names its own first)."""
    named_before = [mention for mention in index.mentions if mention.start < before]
    counts, first = _state_counts(named_before, dictionary)
    if not counts:
        counts, first = _state_counts(index.mentions, dictionary)  # "the army ... in Sudan"
    if not counts:
        return None
    return dictionary.get(max(counts, key=lambda state: (counts[state], -first[state])))


def _state_counts(mentions, dictionary):
    """How often, and first where, each state is named among `mentions`."""
    counts, first = {}, {}
    for mention in mentions:
        if len(mention.actors) != 1:
            continue
        entry = dictionary.get(mention.actors[0])
        state = entry if entry is not None and entry.cls == "State" else dictionary.state_of(mention.actors[0])
        if state is not None:
            counts[state.id] = counts.get(state.id, 0) + 1
            first[state.id] = min(first.get(state.id, mention.start), mention.start)
    return counts, first


def _last_named_government(index, dictionary, before):
    """The state whose government (or forces, named with "government") the text named last before `before`."""
    for mention in sorted(index.mentions, key=lambda m: m.start, reverse=True):
        if mention.start >= before or len(mention.actors) != 1:
            continue
        state = dictionary.state_of(mention.actors[0])
        if state is None:
            continue
        text = index.doc[mention.start:mention.end].text.lower()
        if mention.actors[0] == state.government or "government" in text or "regime" in text:
            return state
    return None


def _replace_span(index, start, end, actors, kind="collective"):
    """Make doc[start:end] one mention of `actors` (a collective one unless
    `kind` says otherwise), in place of the mentions inside it."""
    for position in range(start, end):
        index.by_token.pop(position, None)
    index.mentions = [m for m in index.mentions if m.end <= start or m.start >= end]
    mention = Mention(start, end, tuple(actors), kind)
    index.mentions.append(mention)
    for position in range(start, end):
        index.by_token[position] = mention


def _add_loyal_forces(index, dictionary, lexicon):
    """"forces loyal to X", "the forces of X", "Pro-X troops": the forces on X's side, named by X
    (a state by its own forces): they act for X. "pro-Iranian militias" are
    not Iran's, so a demonym after "pro-" names none."""
    doc = index.doc
    for head in doc:
        # A word for fighters right before "loyal to" is a noun, whatever its tag ("troops" read as a verb).
        loyal_after = head.i + 1 < len(doc) and doc[head.i + 1].lower_ in lexicon.loyalty_adjectives
        if head.lower_ not in lexicon.force_heads | lexicon.insurgent_heads \
                or (head.pos_ not in ("NOUN", "PROPN") and not loyal_after):
            continue
        existing = index.at(head)
        if existing is not None and existing.kind == "alias":
            continue
        for start, end, owners in _loyalties(index, dictionary, lexicon, head):
            named = _named_forces(index, dictionary, lexicon, owners, start, end)
            if named is not None:
                _replace_span(index, *named, kind="named-forces")
                break
            actors = []
            for actor in owners:
                entry = dictionary.get(actor)
                side = (entry.forces or actor) if entry is not None and entry.cls == "State" else actor
                if side not in actors:
                    actors.append(side)
            _replace_span(index, start, end, actors)
            break


def _loyalties(index, dictionary, lexicon, head):
    """(start, end, actors) of what `head` is loyal to: "loyal to X" after it, "pro-X" before it."""
    # The participle may be parsed as the sentence's verb: "Fighters allied with X repelled ...".
    governor = [head.head] if head.dep_ == "nsubj" and head.head.i == head.i + 1 else []
    written = [head.doc[head.i + 1]] if head.i + 1 < len(head.doc) else []  # the word after, whatever the parse
    for adjective in dict.fromkeys([*head.children, *governor, *written]):
        if adjective.i > head.i and adjective.lower_ in lexicon.loyalty_adjectives:
            # "troops loyal to Tripoli" with "to Tripoli" hung on the troops.
            hung_on_head = [c for c in head.children if c.i == adjective.i + 2 and case(c) in ("to", "with")]
            for target in [*adjective.children, *hung_on_head]:
                mention = index.at(target)
                if mention is not None and case(target) in ("to", "with") and mention.kind != "collective":
                    yield _loyal_span(index, head, target, mention)
            # Whatever the parse made of the rest: the name written after "loyal to", past titles.
            written = mention_after(index, adjective.i + 1, head.sent.end, lexicon, dictionary, words=("to", "with"))
            if written is not None and written.kind != "collective":
                yield _loyal_span(index, head, index.doc[written.end - 1], written)
    for owner in head.children:
        # "the forces of Khalifa Haftar"
        mention = index.at(owner)
        if owner.i > head.i and owner.dep_.startswith("nmod") and case(owner) == "of" and mention is not None \
                and mention.kind != "collective":
            yield _loyal_span(index, head, owner, mention)
    owner = mention_after(index, head.i + 1, head.sent.end, lexicon, dictionary)
    if owner is not None and owner.kind != "collective":
        yield head.i, head.i + 1, owner.actors  # the owner's words keep their own mentions (titles, names)
    for possessor in (c for c in head.children if c.dep_ == "nmod:poss" and c.i < head.i):
        mention = index.at(possessor)
        if mention is not None and len(mention.actors) == 1 and _is_person(index, dictionary, mention.actors[0]):
            yield mention.start, head.i + 1, mention.actors  # "Haftar's eastern-based forces"
    before = head.doc[head.i - 1] if head.i > head.sent.start else None
    if before is not None and before.lower_.startswith("pro-") and before.head.i == head.i:
        entry = dictionary.by_name(before.text[4:])
        if entry is not None:
            yield before.i, head.i + 1, (entry.id,)


def _named_forces(index, dictionary, lexicon, owners, start, end):
    """(start, end, actors) for forces loyal to or owned by a person whom the
    dictionary names them after ("forces loyal to Khalifa Haftar", "Haftar's
    eastern-based forces": the LNA, listed as "Haftar's forces"); the span stops
    before the person's name, which keeps its mention; None otherwise."""
    if len(owners) != 1:
        return None
    # The person's name inside the span, or right after it ("the guards of President X").
    person = next((m for m in index.mentions if start <= m.start < end + 8 and m.actors == tuple(owners)), None)
    if person is None or not _is_person(index, dictionary, owners[0]):
        return None
    surname = index.doc[person.end - 1].text
    forces = dictionary.by_name(f"{surname}'s forces")
    led = (forces.id,) if forces is not None else _possessed_organisation(index, dictionary, owners[0])
    if not led:
        # "the guards of exiled Yemeni President X": the forces of the state his title names,
        # here or where the story gave him the title ("Yemeni President X ... Hadi's troops").
        states = [dictionary.by_demonym(t.text) for t in index.doc[start:person.start]] \
            or _titled_states(index, dictionary, lexicon, owners[0])
        led = tuple({state.forces for state in states if state is not None and state.forces})
    if len(led) != 1:
        return None
    if person.start > start:
        # "the guards of exiled Yemeni President X": the title words are the name's, not the guards'.
        owner_phrase = next((t.i for t in index.doc[start:person.start] if t.lower_ == "of"), person.start)
        return start, min(end, owner_phrase), led
    return person.end, end, led  # "Haftar's eastern-based forces": the words after the name


def _titled_states(index, dictionary, lexicon, person):
    """The states whose demonym comes before a title before the person's name
    anywhere in the story ("exiled Yemeni President X": Yemen)."""
    doc, states = index.doc, []
    for mention in index.mentions:
        if mention.actors != (person,):
            continue
        position = mention.start - 1
        while position >= 0 and doc[position].text.rstrip(".") in lexicon.person_titles:
            position -= 1
        if 0 <= position < mention.start - 1:
            states.append(dictionary.by_demonym(doc[position].text))
    return states


def _is_person(index, dictionary, actor_id):
    entry = dictionary.get(actor_id)
    cls = entry.cls if entry is not None else getattr(index.new_actors.get(actor_id), "cls", None)
    return cls == "Person"


def _possessed_organisation(index, dictionary, person):
    """The organisation the story writes as this person's ("Sarraj's Government of
    National Accord"), when it writes one and only one; else ()."""
    doc, found = index.doc, set()
    for mention in index.mentions:
        after = mention.end + 1
        if mention.actors != (person,) or after >= len(doc) or doc[mention.end].tag_ != "POS":
            continue
        owned = index.at(doc[after])
        entry = dictionary.get(owned.actors[0]) if owned is not None and len(owned.actors) == 1 else None
        if entry is not None and entry.cls not in ("Person", "State"):
            found.add(entry.id)
    return tuple(found) if len(found) == 1 else ()


def _loyal_span(index, head, target, mention):
    """(start, end, actors) of forces loyal to a mention. Loyal to "Sarraj's
    Government of National Accord" is loyal to the organisation a possessive
    name owns; the span then stops before the names, which keep their mentions."""
    doc = index.doc
    if mention.end < len(doc) and doc[mention.end].lower_ in ("'s", "’s", "'"):
        for position in range(mention.end + 1, min(mention.end + 4, len(doc))):
            owned = index.at(doc[position])
            if owned is not None:
                return head.i, mention.start, owned.actors
            if doc[position].pos_ not in ("ADJ", "ADV", "DET"):
                break
    return head.i, max(mention.end, target.i + 1), mention.actors


def _insurgents(index, modifier, head):
    """"Syrian rebels", "Yemeni separatists" (also "Syrian rebel allies"): a
    group of its own, not the state's forces."""
    word = head.lower_ if head.lower_.endswith("s") or head.lower_ == "opposition" else head.lower_ + "s"
    name = f"{modifier.text} {word}"
    actor_id = slug(name)
    index.new_actors.setdefault(actor_id, Actor(id=actor_id, name=name, cls="NonStateArmedGroup", aliases=()))
    return actor_id


def _named_group_before(index, dictionary, head):
    """Whether a listed group that is not a state is named right before `head`."""
    if head.i == 0:
        return False
    named = index.at(head.doc[head.i - 1])
    if named is None or named.kind != "alias" or len(named.actors) != 1:
        return False
    entry = dictionary.get(named.actors[0])
    return entry is not None and entry.cls != "State" and not (entry.forces or entry.government)


def _named_alias(index, token):
    mention = index.at(token)
    return mention is not None and mention.kind == "alias"


def _collective_modifiers(index, dictionary, head, qualifiers):
    """(token, entry) for each demonym or state name in the run of adjectives,
    names, conjunctions and `qualifiers` ("air", "border") just before `head`
    ("Iraqi and Kurdish forces", "Russian air defences"); a hyphenated compound
    ends the run ("Quds-backed Iraqi forces")."""
    candidates = []
    position = head.i - 1
    # A conjunction before a participle joins clauses, not modifiers ("on Niger and threatened military action").
    while position >= head.sent.start and (head.doc[position].pos_ in ("ADJ", "PROPN")
                                           or (head.doc[position].pos_ == "CCONJ"
                                               and head.doc[position + 1].tag_ != "VBN")
                                           or head.doc[position].tag_ in ("JJ", "VBN")
                                           or head.doc[position].lower_ in qualifiers  # "Russian air defences"
                                           or _named_alias(index, head.doc[position])  # "Mali junta" (a noun here)
                                           or head.doc[position].text in (",", "'s", "’s")
                                           or dictionary.by_demonym(head.doc[position].text) is not None):
        candidates.append(head.doc[position])
        position -= 1
    found, seen = [], set()
    for token in sorted(candidates, key=lambda t: t.i):
        if token.i in seen or token.i > head.i:
            continue
        named = index.at(token)
        if named is not None and named.kind == "alias" and named.end - named.start > 1:
            continue  # "Free Syrian Army soldiers": "Syrian" belongs to the name
        entry = _state_like(index, dictionary, token)
        if entry is not None:
            seen.add(token.i)
            found.append((token, entry))
    listed = any(t.pos_ == "CCONJ" or t.text == "," for t in candidates)
    # "Iraqi Kurdish authorities": stacked, the nearer one says whose; "Iraqi and Kurdish forces" are both.
    return found if listed else found[-1:]


def _add_metonyms(index, dictionary, lexicon):
    for token in index.doc:
        # A capital may be tagged as an adjective or a noun ("Pyongyang has supplied ...").
        if token.pos_ not in ("PROPN", "NOUN", "ADJ") or not token.text[:1].isupper() or index.at(token) is not None:
            continue
        span, entry = _capital_from(index, dictionary, token.i)
        if entry is None or not any(_acts(word) or _supported(word, lexicon) or _speaks_through(word, lexicon)
                                    for word in span):
            continue  # any word: the parse may split the name
        before = index.doc[token.i - 1] if token.i > token.sent.start else None
        if before is not None and (before.lower_ in NAME_PARTICLES or before.pos_ == "PROPN") \
                and before.whitespace_ and before.is_alpha:
            continue  # the end of a longer name: "Mocimboa da Praia", "Port Sudan"
        add_mention(index, list(span), entry.id, "metonym")


def _capital_from(index, dictionary, start):
    """(span, entry) of the longest capital written from `start` ("Addis
    Ababa", "New Delhi", "Kyiv") that no mention covers, or (None, None)."""
    doc = index.doc
    for end in range(min(start + 3, len(doc)), start, -1):
        span = doc[start:end]
        if doc[end - 1].is_alpha and all(index.at(t) is None for t in span):
            entry = dictionary.by_metonym(span.text)
            if entry is not None:
                return span, entry
    return None, None


def _supported(token, lexicon):
    """"military support to Damascus", "aid from Tehran", "pledged air defences
    to Kyiv", "cut relations with Rabat", "turned against Addis Ababa", "turned
    to Moscow for help": a capital
    that gets or gives support, that ties are kept with or that one acts against
    is a government, not a place."""
    head, support = token.head, lexicon.support
    prepositions = {child.lower_ for child in token.children if child.dep_ == "case"}
    if token.dep_.startswith("nmod") and head.lemma_.lower() in support["backing_nouns"] \
            and prepositions & {"to", "from", "for"}:
        return True
    if token.dep_.startswith("nmod") and head.lemma_.lower() in lexicon.alliance_nouns and "of" in prepositions:
        return True  # "a longtime rival of Tehran", "a key ally of Moscow"
    ties = head.lower_ in lexicon.rupture["nouns"] or any(
        c.dep_ == "obj" and c.lower_ in lexicon.rupture["nouns"] for c in head.children)  # "with X" hung on "cut"
    if "with" in prepositions and ties or "against" in prepositions:
        return True  # "cut relations with Rabat", "turned against Addis Ababa"
    # "troops loyal to Tripoli", also with "to Tripoli" hung on the troops.
    adjective = token.doc[token.i - 2] if token.i >= 2 and token.doc[token.i - 1].dep_ == "case" else head
    if any(word not in lexicon.spatial_adjectives and any(
            word in table and prepositions & set(table[word]) for table in lexicon.adjectives.values())
            for word in {head.lower_, adjective.lower_}):
        return True
    if "to" in prepositions and token.dep_.startswith("obl") and lexicon.base(head) in lexicon.appealing_verbs:
        return True  # "turned to Moscow for security assistance"
    giver = head if token.dep_.startswith("obl") else head.head if token.dep_.startswith("nmod") else None
    return "to" in prepositions and giver is not None \
        and lexicon.base(giver) in support["giving_verbs"] - support["moving_verbs"]


def _speaks_through(token, lexicon):
    """"Kremlin spokesman X", "Tehran's envoy": a seat of power whose people speak for it."""
    return token.dep_ in ("compound", "nmod:poss") and token.head.i > token.i \
        and token.head.lower_ in lexicon.seat_roles


def _acts(token):
    """A capital stands for its government when it is an agent, not a place."""
    if any(child.dep_ == "case" and child.lower_ in PLACE_PREPOSITIONS for child in token.children):
        return False
    if token.i > 0 and token.doc[token.i - 1].lower_ in PLACE_PREPOSITIONS | {"pro", "-"}:
        return False
    return token.dep_ in AGENT_DEPS or token.dep_.startswith("nsubj")
