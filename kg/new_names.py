"""Names nobody listed: capitalised runs that a title, a role, an organisation
head noun or the statistical recogniser says are actors, and within a document
the surnames, acronyms and initials that name the same actors again."""
import re
from dataclasses import replace

from .mention_index import NAME_PARTICLES, add_mention, slug
from .records import Actor
from .resolve import NAMING_VERBS

#: Words for irregular fighters besides the insurgent heads: "Fano militia".
IRREGULARS = frozenset({"militia", "militias"})


def add_new_names(index, dictionary, lexicon, acronyms):
    """Names nobody listed: capitalised runs that a title, a role, a head noun
    or the statistical recogniser says are actors; then, within the document,
    a person's surname alone and an organisation's acronym name the same actor."""
    surnames = _listed_surnames(index, dictionary)
    runs = list(filter(None, _name_runs(index, lexicon)))  # a run of particles alone trims to nothing
    # Full names of people first, so that a surname written before them ("Haftar warns ..." in a
    # headline above "Khalifa Haftar") names the same person.
    runs.sort(key=lambda run: not _full_person_name(run, lexicon, dictionary, index))
    for run in runs:
        absorbed = [token for token in run if _alias_in_person_name(index, lexicon, token)]
        if any(index.at(token) is not None for token in run if token not in absorbed):
            continue  # covered by a name found before ("Water Resources" in "Ministry of Water Resources")
        name_tokens, cls = _classify_run(run, lexicon, dictionary, index)
        if absorbed and cls != "Person":
            continue
        if absorbed:
            _drop_mentions(index, absorbed)
        single = _single_name(run)
        known = surnames.get(single) or acronyms.get(single) if single else None
        nicknamed = _nicknamed(index, run)
        if nicknamed is not None:
            add_mention(index, run, nicknamed, "short-form")
            if single:
                surnames[single] = nicknamed  # "Dagalo, known as Hemedti ... Hemedti's forces"
            continue
        known = known or _extra_given_name(index, dictionary, lexicon, name_tokens)
        if cls is None or known:  # "Al-Maliki" after "Turki al-Maliki": the same person
            if known:
                add_mention(index, name_tokens or run, known, "short-form")
            continue
        name = _join(name_tokens)
        if not re.search(r"[A-Za-z]{2}", name) or name in lexicon.not_names or dictionary.by_metonym(name) \
                or dictionary.by_demonym(name) or _is_place(name_tokens, lexicon):  # "the Somali group"
            continue
        entry = dictionary.by_name(name)
        if entry is None and _model_of_arms(name_tokens, lexicon):
            continue
        actor_id, cls = (entry.id, entry.cls) if entry else (slug(name), cls)
        if entry is None and actor_id not in index.new_actors:
            index.new_actors[actor_id] = Actor(id=actor_id, name=name, cls=cls, aliases=())
        add_mention(index, name_tokens, actor_id, "name")
        if cls == "Person" and len(name_tokens) > 1:
            surnames[name_tokens[-1].text] = actor_id
        elif cls != "Person":
            _learn_acronym(index, name_tokens, actor_id, acronyms)
    # A surname the parse did not tag as a name ("Caggins serves as ..." read as a noun).
    for token in index.doc:
        if token.text in surnames and token.pos_ in ("NOUN", "PROPN") and index.at(token) is None:
            add_mention(index, [token], surnames[token.text], "short-form")


def _model_of_arms(name_tokens, lexicon):
    """"Abrams tanks", "Patriot missiles": a name that modifies a word for arms
    right after it names their model."""
    last = name_tokens[-1]
    after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return after is not None and after.lower_ in lexicon.arms_nouns and last.head.i == after.i


def _extra_given_name(index, dictionary, lexicon, run):
    """A single name written right before a listed person's full name is one
    more of that person's names ("Prime Minister Haber Haider al-Abadi")."""
    doc, last = index.doc, run[-1]
    if len(run) != 1 or last.lower_ in lexicon.person_roles or not last.whitespace_ or last.i + 1 >= len(doc):
        return None
    following = index.at(doc[last.i + 1])
    if following is None or following.start != last.i + 1 or following.end - following.start < 2 \
            or len(following.actors) != 1:
        return None
    entry = dictionary.get(following.actors[0])
    return following.actors[0] if entry is not None and entry.cls == "Person" else None


def _full_person_name(run, lexicon, dictionary, index):
    if len(run) < 2:
        return False  # no need to classify a single word
    name_tokens, cls = _classify_run(run, lexicon, dictionary, index)
    return cls == "Person" and len(name_tokens) > 1


def _listed_surnames(index, dictionary):
    """The surnames of the listed people the document names in full, each
    shared by no other of them: "Haftar" in a headline above "Khalifa Haftar"."""
    doc, found, shared = index.doc, {}, set()
    for mention in index.mentions:
        entry = dictionary.get(mention.actors[0]) if len(mention.actors) == 1 else None
        if entry is None or entry.cls != "Person" or mention.end - mention.start < 2:
            continue
        surname = doc[mention.end - 1].text
        if found.setdefault(surname, entry.id) != entry.id:
            shared.add(surname)
    return {surname: actor for surname, actor in found.items() if surname not in shared}


def listed_acronyms(index):
    """Acronyms written in brackets after a listed name ("Government of National
    Accord (GNA)"): the acronym is a mention of the same actor, here and later."""
    acronyms = {}
    for mention in list(index.mentions):
        if len(mention.actors) != 1 or mention.kind not in ("alias", "name"):
            continue
        token = _acronym_after(index.doc, mention.end)
        if token is not None and _claim_acronym(index, token, mention.actors[0]):
            acronyms.setdefault(token.text, mention.actors[0])
    return acronyms


def _claim_acronym(index, token, actor_id):
    """Make the bracketed acronym `token` (and the same acronym elsewhere in the
    story, where the dictionary read another actor: "Ambazonia Defence Forces
    (ADF)" is not the listed ADF) a mention of `actor_id`. False when the
    acronym already names something else than a dictionary alias."""
    doc, taken = index.doc, index.at(token)
    if taken is None:
        add_mention(index, [token], actor_id, "acronym")
        return True
    if not _listed_acronym(doc, taken, token):
        return False
    if taken.actors != (actor_id,):
        index.mentions = [replace(m, actors=(actor_id,), kind="acronym") if _listed_acronym(doc, m, token) else m
                          for m in index.mentions]
        index.reindex()
    return True


def _learn_acronym(index, name_tokens, actor_id, acronyms):
    """"Rapid Support Forces (RSF)": the bracketed acronym, and the initials of a
    name of several words, name the new actor later in the document."""
    doc = index.doc
    token = _acronym_after(doc, name_tokens[-1].i + 1)
    found = [token.text] if token is not None and _claim_acronym(index, token, actor_id) else []
    words = [t.text for t in name_tokens if t.text[:1].isupper() and t.lower_ not in NAME_PARTICLES]
    if len(words) >= 2:
        found.append("".join(word[0] for word in words))
    actor = index.new_actors.get(actor_id)
    for acronym in found:
        acronyms.setdefault(acronym, actor_id)
    if actor is not None and found and found[0] != actor.name and token is not None:
        index.new_actors[actor_id] = replace(actor, aliases=tuple(sorted({*actor.aliases, found[0]})))


def _listed_acronym(doc, mention, acronym):
    """Whether `mention` is a dictionary alias written as `acronym` alone."""
    return mention.kind == "alias" and mention.end - mention.start == 1 and doc[mention.start].text == acronym.text


def _acronym_after(doc, end):
    """The token X of "(X)" right after position `end`, when X looks like an acronym."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return None
    text = doc[end + 1].text
    capitals = sum(1 for char in text if char.isupper())
    return doc[end + 1] if 2 <= len(text) <= 8 and text.isalpha() and text[0].isupper() and capitals >= 2 else None


def _name_runs(index, lexicon):
    """Maximal runs of capitalised name tokens not already part of a mention
    (or part of one that a person's name absorbs)."""
    run = []
    for token in index.doc:
        # A sentence does not start inside a name ("said Volker Türk, ..." cut after "Volker").
        # (nor after a hyphen joined to both sides: "Fayez al-| Sarraj")
        inside_name = run and run[-1].i == token.i - 1 and (run[-1].whitespace_ == " " or (
            run[-1].text in ("-", "–") and not run[-1].whitespace_))
        if run and token.is_sent_start and not inside_name:
            yield _trim(run)
            run = []
        free = index.at(token) is None or _alias_in_person_name(index, lexicon, token)
        if free and not token.is_space and (_is_name_word(token, run) or _is_particle(token, run)):
            run.append(token)
            continue
        if run:
            yield _trim(run)
        run = []
    if run:
        yield _trim(run)


def _alias_in_person_name(index, lexicon, token):
    """A listed one-word alias inside a person's name, after a given name
    ("Richard Wagner") or a title ("Foreign Minister Badr Abdelatty")."""
    mention = index.at(token)
    if mention is None or mention.kind != "alias" or mention.end - mention.start != 1 or token.pos_ != "PROPN" \
            or token.i == 0:
        return False
    doc = token.doc
    start = token.i  # the names written before it: "Therese Kayikwamba Wagner"
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].whitespace_ and index.at(doc[start - 1]) is None \
            and doc[start - 1].text.rstrip(".") not in lexicon.person_titles:
        start -= 1
    titled = start > 0 and doc[start - 1].text.rstrip(".") in lexicon.person_titles
    if start < token.i and (titled or doc[start].text in lexicon.given_names):
        return True
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return titled and after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() \
        and index.at(after) is None


def _drop_mentions(index, tokens):
    positions = {token.i for token in tokens}
    index.mentions = [m for m in index.mentions if not positions & set(range(m.start, m.end))]
    for position in positions:
        index.by_token.pop(position, None)


def _is_name_word(token, run):
    if not run and token.i > 0 and token.doc[token.i - 1].text in ("-", "–"):
        return False  # the second half of a compound ("Iran-Backed Militias") starts no name
    proper = token.pos_ == "PROPN" or token.tag_ in ("NNP", "NNPS")
    if not proper and not run and not token.is_sent_start and token.is_alpha and token.i + 1 < len(token.doc):
        # A capitalised word inside a sentence, right before a name particle ("Hashed al-Shaabi" with
        # "Hashed" read as a verb), opens the name.
        following = token.doc[token.i + 1]
        proper = following.lower_ in NAME_PARTICLES and following.i + 1 < len(token.doc) \
            and token.doc[following.i + 1].text in ("-", "–")
    if not proper and not token.is_sent_start and token.is_alpha and token.i + 1 < len(token.doc):
        # "the U.N. Support Mission" with "Support" read as a common noun: the recogniser joins it to the name.
        following = token.doc[token.i + 1]
        proper = bool(token.ent_type_) and following.ent_iob_ == "I" and following.pos_ == "PROPN"
    return token.text[:1].isupper() and (proper or (bool(run) and token.is_alpha))


def _is_particle(token, run):
    if token.lower_ not in NAME_PARTICLES or token.i + 1 >= len(token.doc):
        return False
    doc = token.doc
    following = doc[token.i + 1]
    # also a particle between hyphens after it: "Lashkar-e-Jhangvi"
    chained = following.lower_ in NAME_PARTICLES and following.i + 1 < len(doc) and doc[following.i + 1].text == "-"
    return (bool(run) or token.lower_ == "al") and (following.text[:1].isupper() or following.text == "-" or chained)


def _trim(run):
    while run and run[-1].lower_ in NAME_PARTICLES:
        run = run[:-1]
    return run


def _classify_run(run, lexicon, dictionary, index):
    """(name tokens, class) of a capitalised run, or (run, None) when nothing
    says it is an actor. A demonym before a title is not part of the name
    ("Libyan General Khalifa Haftar")."""
    if len(run) > 1 and dictionary.by_demonym(run[0].text) and run[1].text.rstrip(".") in lexicon.person_titles:
        run = run[1:]
    if not run or (len(run) == 1 and run[0].is_sent_start and run[0].lower_ in lexicon.group_nouns):
        return run, None  # "Fighters from the Fano militia say ...": a common noun opening the sentence
    named = _after_office(run, lexicon)
    if len(named) < len(run):
        run = named
        if len(run) >= 2 and all(t.text[:1].isupper() for t in run):
            return run, "Person"
    # The name starts after the last title word: "Presidential Communications Director Fahrettin Altun".
    # A title word after a given name is part of the name: "President Hassan Sheikh Mohamud".
    titles = max((k + 1 for k, token in enumerate(run) if token.text.rstrip(".") in lexicon.person_titles
                  and not (k > 0 and run[k - 1].text in lexicon.given_names)), default=0)
    name = run[titles:]
    if not name:
        return run, None
    if titles and all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in name) \
            and name[-1].text not in lexicon.org_heads:  # "Defense Ministry" is no person
        return name, "Person"
    head = name[-1].text
    if head in lexicon.org_heads and len(name) >= 2:
        return _extend_org(name), lexicon.org_heads[head]
    if head in lexicon.org_heads:
        # "Ministry of Water Resources"; "Army spokesman X": a capitalised head noun alone names no one.
        extended = _extend_org(name)
        return (extended, lexicon.org_heads[head]) if len(extended) > 1 else (run, None)
    before = run[0].doc[run[0].i - 1] if run[0].i > 0 else None
    if before is not None and before.lower_ in lexicon.person_roles \
            and (len(name) >= 2 or _role_of_named(index, before)):
        return name, "Person"  # also "Wagner chief Prigozhin": a surname after an organisation's role
    inside = {t.i for t in name}
    for token in name:
        # A common noun in apposition or compound with the name ("the militia X", "X, a militia"),
        # not another name ("X's Government of ...") nor the noun the name modifies otherwise.
        neighbours = [c for c in token.children if c.dep_ in ("appos", "compound")]
        if token.head.i not in inside and token.dep_ in ("appos", "compound"):
            neighbours.append(token.head)
        for neighbour in neighbours:
            # "the spokesman for the coalition, X": the name stands beside the role, not the coalition.
            of_a_role = neighbour.dep_.startswith("nmod") and neighbour.head.lower_ in lexicon.person_roles
            if neighbour.lower_ in lexicon.class_nouns and neighbour.i not in inside \
                    and not neighbour.text[:1].isupper() and not of_a_role:
                return name, lexicon.class_nouns[neighbour.lower_]
    if len(name) >= 2 and _has_role_apposition(name, lexicon):
        return name, "Person"
    # Also a surname alone ("Erdogan said:") when no full name came first; the recogniser often
    # reads an unfamiliar surname as a place or misses it, and places do not speak.
    if _is_speaker(name, lexicon) and (len(name) >= 2 or ENTITY_CLASSES.get(name[0].ent_type_) == "Person"
                                       or name[0].ent_type_ in ("LOC", "GPE", "")):
        return name, "Person"
    if _names_fighters(name, lexicon):
        return name, "NonStateArmedGroup"
    if len(name) >= 2 and (name[0].text in lexicon.given_names or _appointed_as(name, lexicon)):
        return name, "Person"
    if _taken_as_place(name, lexicon) or _in_title_case(name[0]):
        return name, None
    return name, _entity_class(name)


def _after_office(run, lexicon):
    """The run without the office words that follow "<title> of": "Secretary
    of State Antony Blinken" gives "Antony Blinken" (one word at least is left)."""
    doc, first = run[0].doc, run[0].i
    if first < 2 or doc[first - 1].lower_ != "of" or doc[first - 2].text.rstrip(".") not in lexicon.person_titles:
        return run
    offices = next((k for k, token in enumerate(run) if token.lower_ not in lexicon.office_words), len(run) - 1)
    return run[offices:]


def _in_title_case(token):
    """A headline with every word capitalised ("The Biggest Battle Against X
    Has Begun"): capitals say nothing there, so the recogniser alone does not
    make a name of them."""
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and all(t.text[:1].isupper() for t in words) \
        and any(t.pos_ not in ("PROPN", "NOUN") for t in words)


def _appointed_as(name, lexicon):
    """"appointed X as commander of Y", "named X as its new leader": X holds a person's role."""
    doc, end = name[0].doc, name[-1].i + 1
    if end >= len(doc) or doc[end].lower_ != "as":
        return False
    role = next((t for t in doc[end + 1: min(end + 5, len(doc))] if t.pos_ not in ("DET", "ADJ", "PRON")), None)
    return role is not None and role.lower_ in lexicon.person_roles


def _taken_as_place(name, lexicon):
    """"the RSF seized Wad Madani": a name nothing but the recogniser vouches for,
    as the object of a verb of taking ground, is a place (the recogniser reads
    many towns as people)."""
    root = max(name, key=lambda token: sum(1 for _ in token.children))
    head = root.head
    return root.dep_ == "obj" and head.pos_ == "VERB" and head.lemma_.lower() in lexicon.place_taking_verbs


#: The statistical recogniser's labels (UNER and OntoNotes styles) and the class they give.
ENTITY_CLASSES = {"PER": "Person", "PERSON": "Person", "ORG": "Organization"}


def _role_of_named(index, role):
    """Whether an actor's name comes right before the role noun ("Wagner chief")."""
    return role.i > 0 and index.at(role.doc[role.i - 1]) is not None


def _names_fighters(name, lexicon):
    """"Fano militiamen", "Wagner mercenaries": a name right before a word for
    irregular fighters names their group (not a place the recogniser knows)."""
    doc, end = name[0].doc, name[-1].i + 1
    if end >= len(doc) or doc[end].lower_ not in lexicon.insurgent_heads | IRREGULARS:
        return False
    return not any(token.ent_type_ in ("LOC", "GPE") for token in name)


def _entity_class(name):
    """The class the named-entity recogniser gives a run of name tokens, when
    it labels most of them alike (a person needs two names, so that a surname
    alone stays a short form)."""
    labels = [ENTITY_CLASSES.get(token.ent_type_) for token in name]
    cls = max(set(labels), key=labels.count) if labels else None
    if cls is None or labels.count(cls) * 2 <= len(labels):
        return None
    return None if cls == "Person" and len(name) < 2 else cls


def _extend_org(name):
    """Extend "Center" / "Ministry" through "for a New American Security" / "of
    Peshmerga Affairs", and on through further such phrases the recogniser
    reads as the same name ("Union of Congolese Patriots for Peace")."""
    doc = name[0].doc
    tokens = list(name)
    prepositions = ("of", "for", "on")
    while True:
        tail = _org_phrase(doc, tokens[-1].i + 1, prepositions)
        if not tail or (len(tokens) > len(name) and not _continues_name(doc, tokens, tail)):
            return tokens
        tokens = list(doc[name[0].i:tail[-1].i + 1])
        prepositions = ("of", "for")  # "... on Monday" is no part of a name


def _continues_name(doc, tokens, tail):
    """A further phrase is part of the name when the recogniser reads it so,
    or when the parse hangs it on the name and the recogniser calls its words
    nothing else ("for Peace", not "for Iraq")."""
    if _same_entity(doc[tokens[-1].i:tail[-1].i + 1]):
        return True
    inside = {token.i for token in tokens}
    return not any(token.ent_type_ for token in tail) and any(token.head.i in inside for token in tail)


def _same_entity(tokens):
    return all(t.ent_iob_ == "I" for t in tokens[1:])


def _org_phrase(doc, position, prepositions):
    """The capitalised words of an "of" / "for" / "on" phrase starting at
    `position` (with "and" between them where the recogniser reads one name:
    "for Strategic and International Studies")."""
    if position >= len(doc) or doc[position].lower_ not in prepositions:
        return []
    after = position + 1
    if after < len(doc) and doc[after].lower_ in ("the", "a", "an"):
        after += 1
    tail = []
    while after < len(doc) and doc[after].is_alpha and (doc[after].text[:1].isupper() or (
            tail and doc[after].lower_ == "and" and after + 1 < len(doc) and doc[after + 1].text[:1].isupper()
            and _same_entity(doc[after - 1:after + 2]))):
        tail.append(doc[after])
        after += 1
    return tail


def _has_role_apposition(name, lexicon):
    root = max(name, key=lambda token: sum(1 for _ in token.children))
    for token in name:
        for child in token.children:
            if child.dep_ == "appos" and child.lower_ in lexicon.person_roles:
                return True
        if token.dep_ == "appos" and token.head.lower_ in lexicon.person_roles:
            return True
    after = root.doc[name[-1].i + 1: name[-1].i + 6]
    words = [token.lower_ for token in after]
    return bool(words) and words[0] == "," and any(word in lexicon.person_roles for word in words[1:])


def _is_speaker(name, lexicon):
    for token in name:
        if token.dep_.startswith("nsubj") and token.head.lemma_.lower() in lexicon.quote_verbs:
            return True
    return False


def _is_place(name_tokens, lexicon):
    """"Abha International Airport", "Mosul Dam" (not "Saraya Awliya al-Dam");
    "Deir al-Zor province", "the Ain Zara and Salaheddine areas", "the town of Palma"."""
    last, first = name_tokens[-1], name_tokens[0]
    particle = last.i > 0 and last.doc[last.i - 1].text in ("-", "–", "al")
    if last.text in lexicon.place_heads and not particle:
        return True
    doc, position = last.doc, last.i + 1
    if first.i >= 2 and doc[first.i - 1].lower_ == "of" and doc[first.i - 2].text.islower() \
            and doc[first.i - 2].lemma_.lower() in lexicon.territory_nouns:
        return True  # "the nearby town of Palma", "the province of Cabo Delgado"
    while position < min(last.i + 10, last.sent.end) and (
            doc[position].text[:1].isupper() or doc[position].lower_ in NAME_PARTICLES | {",", "and", "or"}):
        position += 1
    # "the Jenin refugee camp": lower-case nouns before the place's head qualify it.
    while position < last.sent.end - 1 and doc[position].dep_ == "compound" and doc[position].text.islower():
        position += 1
    word = doc[position] if position < last.sent.end else None
    return word is not None and word.text[:1].islower() and (
        word.lemma_.lower() in lexicon.territory_nouns or word.text.capitalize() in lexicon.place_heads)


def _nicknamed(index, run):
    """The actor a name is given to as a byname: "Mohamed Hamdan Dagalo, known
    as Hemedti", "Abu Mohammed al-Jolani, also called Ahmed al-Sharaa"."""
    doc, position = index.doc, run[0].i - 1
    if position > 0 and doc[position].lower_ == "as":
        position -= 1  # "known as"
    if position < 0 or doc[position].lemma_.lower() not in NAMING_VERBS or doc[position].tag_ != "VBN":
        return None
    position -= 1
    while position >= 0 and doc[position].lower_ in ("also", "better", "widely", "commonly", ","):
        position -= 1
    mention = index.at(doc[position]) if position >= 0 else None
    return mention.actors[0] if mention is not None and len(mention.actors) == 1 else None


def _single_name(run):
    words = [token for token in run if token.lower_ not in NAME_PARTICLES]
    return words[-1].text if len(words) == 1 else None


def _join(tokens):
    text = ""
    for token in tokens:
        text += token.text_with_ws
    return re.sub(r"\s+", " ", text).strip()
