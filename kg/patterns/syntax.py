"""Small readings of the dependency parse that many patterns share."""

MODALS = frozenset({"could", "might", "may", "would", "should"})


def case(token):
    """The preposition of a noun phrase: its case child (or a preposition the
    parse called a marker: "acts as Iran's proxy"), or the word that opens
    the phrase when the parse hung the case on another word of a name."""
    for child in token.children:
        if _quantifier(child):
            continue  # "killed at least 12 soldiers": "at" belongs to "at least"
        if child.dep_ == "case" or (child.dep_ == "mark" and child.tag_ == "IN" and child.i < token.i
                                    and token.pos_ in ("NOUN", "PROPN")):
            return child.lower_
    first = token.doc[token.left_edge.i]
    return first.lower_ if first.pos_ == "ADP" and first.i < token.i and not _quantifier(first) else None


def _quantifier(word):
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return word.lower_ == "at" and following is not None and following.lower_ in ("least", "most")


def of_children(token):
    return [c for c in token.children if c.dep_.startswith("nmod") and case(c) == "of"]


def is_passive(verb):
    if misread_passive(verb):
        return False
    if passive_adjective(verb):
        return True
    if any(child.dep_ in ("nsubj:pass", "aux:pass", "obl:agent") for child in verb.children):
        return True
    # "troops backed by militias captured ...", the participle read as a clause with a subject.
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "aux:pass", "obj") for c in verb.children) \
            and any(c.dep_.startswith("obl") and case(c) == "by" for c in verb.children):
        return True
    if has_active_subject(verb):
        return False
    if verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children):
        return False
    if verb.dep_ == "acl" and any(c.dep_ == "obj" and case(c) != "by" for c in verb.children):
        return False  # a past tense with its object, read as a participle ("Trump in a message accused Iran")
    if verb.dep_ in ("acl", "amod"):
        return True
    # "X, armed and trained by Y": a participle conjoined to a noun modifies it.
    return verb.dep_ == "conj" and (verb.head.pos_ in ("NOUN", "PROPN") or is_passive(verb.head))


def negated(verb, lexicon):
    """A negated, denied or hedged clause: "did not back", "denied arming",
    "allegedly funded", "none of them attacked"."""
    for token in (verb, *[c for c in verb.children if c.dep_ in ("aux", "aux:pass")]):
        if any(child.dep_ in ("advmod", "neg", "det") and child.lower_ in lexicon.negators for child in token.children):
            return True
    if any(c.dep_ == "advmod" and any(g.lower_ in lexicon.negators for g in c.children) for c in verb.children):
        return True  # "no longer relies on X"
    if any(c.dep_ == "advmod" and c.lower_ in lexicon.hedges for c in verb.children):
        return True
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    if any(c.lower_ in ("none", "neither", "nobody", "nothing") for c in subjects):
        return True
    if any(d.dep_ in ("cc:preconj", "det", "cc") and d.lower_ in ("neither", "no") and d.i < c.i
           for c in subjects for d in c.children):
        return True  # "Neither Turkey nor Russia supports X", "No country backs X"
    if averted(verb, lexicon):
        return True
    token = verb
    while token.dep_ in ("xcomp", "ccomp") and token.head.i != token.i:
        token = token.head
        if lexicon.base(token) in lexicon.denials or any(c.lower_ in lexicon.negators and c.dep_ in ("advmod", "neg") for c in token.children):
            return True
    return False


def adverbial(clause):
    """A clause that modifies its verb, also one the parse read as a noun's
    clause but hung on a verb ("warns X against supporting Y")."""
    return clause.dep_ == "advcl" or (clause.dep_ == "acl" and clause.head.pos_ in ("VERB", "AUX"))


def infinitive(verb):
    """A "to" clause: "vows to fight", "prompted X to carry out strikes"."""
    return any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children)


def averted(verb, lexicon):
    """A clause warned against or kept from happening: "against supporting X"."""
    return any(c.dep_ == "mark" and c.lower_ in lexicon.averting_marks for c in verb.children)


def charged(verb, lexicon):
    """A clause whose doer is the governing verb's object: "accused X of arming Y"."""
    return any(c.dep_ == "mark" and c.lower_ in lexicon.charging_marks for c in verb.children)


def conditional(verb):
    return any(child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether") for child in verb.children)


def modal(verb):
    return any(child.dep_ == "aux" and child.lower_ in MODALS for child in verb.children)


def hyphen_modifier(noun, participles):
    """The word before "-held" in "Kurdish-held territory", if the noun has one."""
    doc = noun.doc
    position = noun.i - 1
    while position > 1:
        token = doc[position]
        if token.lower_ in participles and doc[position - 1].text in ("-", "–"):
            return doc[position - 2]
        if token.pos_ not in ("ADJ", "ADV"):
            return None
        position -= 1
    return None


def before_acronym(doc, position):
    """`position`, or the word before a bracketed acronym ending there: in
    "the Economic Community of West African States (ECOWAS) imposed", "States"."""
    if position >= 3 and doc[position].text == ")" and doc[position - 2].text == "(":
        return position - 3
    return position


def first_conjunct(token):
    """The first item of the list `token` is in ("missile and drone attacks": "missile")."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def taking_verb(event):
    """The verb whose object the event noun is ("promised a tougher stance"),
    also when the parse hung the noun on a modifier of that object."""
    if event.dep_ in ("amod", "compound") and event.head.dep_ == "obj":
        event = event.head
    return event.head if event.dep_ == "obj" and event.head.pos_ in ("VERB", "AUX") else None


def objects_of(verb):
    """Direct objects, and obliques with no preposition (a parse that read
    "supported both X and Y" as an oblique)."""
    found = [child for child in verb.children
             if (child.dep_ == "obj" or (child.dep_ in ("obl", "obl:unmarked") and case(child) is None
                                         and child.pos_ in ("NOUN", "PROPN") and child.i > verb.i))
             and not _hyphen_modifier(child)]  # an unmarked phrase before the verb is no object
    if not found:
        # "Mali junta expels French ambassador": a headline's object read as an item of a list.
        found = [child for child in verb.children if child.dep_ in ("list", "dep") and child.i > verb.i
                 and child.pos_ in ("NOUN", "PROPN") and case(child) is None]
    if not found:
        # "help [Congo's army] fight the M23" with the army read as the subject or a compound of "fight".
        found = [g for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB" for g in c.children
                 if g.dep_ in ("compound", "nsubj") and g.i < c.i and g.pos_ in ("NOUN", "PROPN")]
    if not found:
        # "ordered [the French ambassador] out" read as a compound of the particle.
        found = [g for c in verb.children if c.dep_ == "compound:prt" for g in c.children
                 if g.dep_ == "compound" and g.pos_ in ("NOUN", "PROPN")]
    if not found:
        found = _shared_object(verb)
    if not found and verb.dep_ == "nsubj" and verb.head.i == verb.i + 1 and verb.pos_ == "VERB":
        return [verb.head]  # "Turkey trains troops ..." with "troops" read as the verb of "trains"
    if not found and verb.dep_ == "conj" and misread_finite(verb):
        return [c for c in verb.head.children if c.dep_ == "conj" and c.i > verb.i][:1]
    if not found and verb.dep_ in ("amod", "acl") and (has_active_subject(verb) or misread_finite(verb)):
        # "X fired rockets" read as "X-fired rockets": the noun is the object.
        return [verb.head]
    if verb.tag_ == "VBG" and (not found or (len(found) == 1 and _bare_possessor(found[0]))):
        # "fighting [Yemen's] [Houthi rebels said ...]": the possessed noun, read as a subject, is the object.
        found = _object_read_as_subject(verb, found[0].right_edge.i + 1 if found else verb.i + 1) or found
    # "fighting [Yemen's] Houthi movement" with the possessor as the object: the possessed noun is.
    found = [(_possessed_after(token) or token) if _bare_possessor(token) else token for token in found]
    # A name the parse left as a predicate ("condemned Turkey" read as xcomp).
    return found or [child for child in verb.children if child.dep_ == "xcomp" and child.pos_ == "PROPN"]


def _shared_object(verb):
    """Two verbs joined before one object share it, whichever of them the
    parse hung it on ("hosted and armed the Polisario Front", "trained and
    armed the Houthis"); a verb with a subject of its own shares nothing."""
    if verb.dep_ == "conj" and not has_subject(verb):
        return [c for c in verb.head.children if c.dep_ == "obj" and c.i > verb.i]
    partner = next((c for c in verb.children if c.dep_ == "conj" and verb.i < c.i <= verb.i + 3
                    and c.tag_.startswith("VB") and not has_subject(c)), None)
    return [c for c in partner.children if c.dep_ == "obj"] if partner is not None else []


def has_subject(verb):
    return any(c.dep_.startswith("nsubj") for c in verb.children)


def _hyphen_modifier(token):
    """"fired US-supplied missiles" with "US" read as the object: a word joined
    by a hyphen to the participle after it modifies what follows."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–") and not token.whitespace_ \
        and not doc[token.i + 1].whitespace_ and doc[token.i + 2].tag_ in ("VBN", "VBD")


def possessors(noun):
    """The noun's possessors, also one the parse read as a compound ("the Houthis' campaign")."""
    return [c for c in noun.children if c.dep_ == "nmod:poss" or (c.dep_ == "compound" and _bare_possessor(c))]


def _bare_possessor(token):
    return any(child.tag_ == "POS" for child in token.children)


def _possessed_after(possessor):
    """The noun after a possessor's "'s" that the parse did not hang it on:
    the head of the words that follow ("Yemen's Houthi [movement]")."""
    return noun_phrase_head(possessor.doc, possessor.right_edge.i + 1)


def noun_phrase_head(doc, position):
    """The noun that ends the noun phrase starting at `position`, past its
    modifiers ("Houthi [movement]", "Wagner [mercenaries]"); None if none."""
    while position < len(doc) and doc[position].dep_ in ("compound", "amod", "flat", "nummod") \
            and doc[position].head.i > position:
        position += 1
    return doc[position] if position < len(doc) and doc[position].pos_ in ("NOUN", "PROPN") else None


def _object_read_as_subject(verb, start):
    """"The coalition fighting Yemen's Houthi movement said ...", parsed with
    two subjects of "said": the second one, right after the participle, is its object."""
    noun, clause = verb.head, verb.head.head
    if verb.dep_ == "acl" and noun.dep_ == "nsubj" and clause.i != noun.i:
        clauses = [clause]
    else:  # "... fighting [Yemen's Houthi movement said ...]": the clause hung on the participle
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    return [s for clause in clauses for s in clause.children if s.dep_ == "nsubj" and verb.i < s.i < clause.i
            and s.left_edge.i in (verb.i + 1, start)]


def misread_passive(verb):
    """"Jihadists from ISWAP killed 12 soldiers" or "fighters clashed with
    troops" with a passive subject: no passive auxiliary, no agent, and an
    object of its own or a "with"/"against" phrase make it active."""
    children = [child.dep_ for child in verb.children]
    sided = any(c.dep_.startswith("obl") and case(c) in ("with", "against") for c in verb.children)
    return "nsubj:pass" in children and ("obj" in children or sided) and "aux:pass" not in children \
        and "obl:agent" not in children


def misread_finite(verb):
    """A past tense read as the modifier of the noun after it ("artillery
    pounded positions" as one noun phrase): the tag says a clause's verb; or
    a participle between two nouns of a sentence with no verb ("Sudan's army
    shelled positions ...")."""
    if verb.dep_ == "conj" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        return True  # "warplanes and artillery pounded positions" read as a list of three
    if verb.dep_ != "amod" or verb.head.i < verb.i:
        return False
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and before is not None and before.pos_ in ("NOUN", "PROPN")
                                  and verb.sent.root.pos_ in ("NOUN", "PROPN"))


def has_active_subject(verb):
    """A verb with a subject of its own is a clause, whatever its tag or
    attachment say ("Hezbollah fired rockets" with "fired" as a modifier)."""
    return any(child.dep_ == "nsubj" for child in verb.children)


def obliques(verb, objects, quantities=frozenset()):
    """The verb's prepositional phrases, and those the parse attached to its
    object instead ("seized the city from X"), or to what an object of
    `quantities` counts ("fired dozens of rockets at X")."""
    # A verb's phrase labelled as a noun's ("which fights alongside Hamas" with "fights" tagged plural).
    found = [child for child in verb.children if child.dep_.startswith("obl")
             or (child.dep_ == "obj" and case(child) is not None)
             or (child.dep_ == "nmod" and case(child) is not None and is_verb(verb))]
    # "fought alongside Ethiopian troops against the TPLF", "operating in Congo alongside the M23":
    # "against" or "alongside" hung on the phrase before it.
    found += [child for oblique in list(found) for child in oblique.children
              if child.dep_ == "nmod" and case(child) in ("against", "alongside")]
    # "fired dozens of rockets at X": the phrase may hang on the counted noun.
    for noun in {*objects, *(each for obj in objects for each in counted(obj, quantities))}:
        found.extend(child for child in noun.children if child.dep_ == "nmod" and case(child) not in (None, "of"))
    return sorted(found, key=lambda token: token.i)


def is_quantity(token, quantities):
    """A number or a word of `quantities` ("dozens", "a barrage") that counts what follows it."""
    return token.tag_ == "CD" or token.lower_ in quantities


def counted(token, quantities):
    """What a quantity counts ("dozens of rockets": the rockets), else the token itself."""
    nouns = [c for c in token.children if c.dep_ == "nmod" and case(c) == "of"] \
        if is_quantity(token, quantities) else []
    return nouns or [token]


def is_verb(token):
    # A verb form with a subject is a verb whatever its part of speech ("China supplies Russia"),
    # as is a plural-looking word with a subject and an object ("Kigali arms the group"), and an
    # infinitive after "to" ('vowed to "crush" Hamas'). So is a verb form with an object or joined to
    # a verb ("has trained and armed the Houthis" with "armed" read as an adjective).
    deps = {c.dep_ for c in token.children}
    return token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBG") or passive_adjective(token) \
        or (token.tag_.startswith("VB") and ("nsubj" in deps or "obj" in deps or _joined_to_verb(token))) \
        or (token.tag_ == "NNS" and {"nsubj", "obj"} <= deps) \
        or (token.tag_ == "VB" and infinitive(token)) or _relative_clause_verb(token, deps)


def _joined_to_verb(token):
    return token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX")


def _relative_clause_verb(token, deps):
    """"X, which fights alongside Y," with "fights" read as a plural noun: a
    relative clause with a subject and no copula has a verb."""
    return token.dep_ == "acl:relcl" and token.tag_ == "NNS" and "nsubj" in deps and "cop" not in deps


def passive_adjective(token):
    """"X was armed and trained by Y" with "armed" read as an adjective: a past
    participle with a copula (or passive auxiliary) and a "by" phrase is a passive verb."""
    return token.pos_ == "ADJ" and token.lower_.endswith("ed") \
        and any(c.dep_ in ("cop", "aux:pass") for c in token.children) \
        and any(c.dep_.startswith("obl") and case(c) == "by" for c in token.children)


def is_noun(token):
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN")


def hyphen_joined_start(token):
    """The first word of a hyphen-joined compound ending at `token`
    ("commander-in-chief": "commander"); the token itself when none."""
    doc, start = token.doc, token
    while start.i >= 2 and doc[start.i - 1].text == "-" and not doc[start.i - 1].whitespace_ \
            and not doc[start.i - 2].whitespace_ and doc[start.i - 2].is_alpha:
        start = doc[start.i - 2]
    return start


def hyphen_joined_end(token):
    """The last word of a hyphen-joined compound starting at `token`
    ("commander-in-chief": "chief"); the token itself when none."""
    doc, end = token.doc, token
    while end.i + 2 < len(doc) and not end.whitespace_ and doc[end.i + 1].text == "-" \
            and not doc[end.i + 1].whitespace_ and doc[end.i + 2].is_alpha:
        end = doc[end.i + 2]
    return end


def after_hyphen(token):
    """Whether `token` follows a hyphen that follows a word: "Iran - backed"."""
    return token.i >= 2 and token.doc[token.i - 1].text in ("-", "–")
