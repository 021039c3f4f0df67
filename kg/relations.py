"""Relations between actors from the dependency parse of one document.

Each pattern family is one function that yields (subjects, relation, objects,
method, confidence) for a sentence; `extract_relations` turns them into
Relation records with the sentence as evidence. Negated or denied clauses
("not taking sides", "denied backing") give no edge.
"""
from .clean import trim
from .records import Relation
from .resolve import RELATIVE_PRONOUNS

OBJECT_CONTROL = frozenset({"force", "urge", "order", "ask", "push", "compel", "help", "allow", "call",
                            "tell", "direct", "instruct", "encourage", "pressure", "drive", "lead"})
SUBJECT_DEPS = ("nsubj",)
EXCHANGED_THINGS = frozenset({"fire", "gunfire", "shot", "shots", "blow", "blows", "strike", "strikes",
                              "artillery", "rocket", "rockets", "mortar", "mortars"})
ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "with", "in", "from"})
AGAINST = frozenset({"against", "on"})
MODALS = frozenset({"could", "might", "may", "would", "should"})


class RelationFinder:
    def __init__(self, doc, resolver, lexicon, dictionary):
        self.doc, self.resolver, self.lexicon, self.dictionary = doc, resolver, lexicon, dictionary
        self.event_agents = {}  # event lemma -> actors that carried it out, latest first

    # -- the record -----------------------------------------------------------

    def find(self, document, text):
        relations = {}
        for sentence in self.doc.sents:
            for subjects, relation, objects, method, confidence in self._sentence(sentence):
                for subject in subjects:
                    for obj in objects:
                        if subject == obj or not subject or not obj:
                            continue
                        start, end = trim(text, sentence.start_char, sentence.end_char)
                        key = (subject, relation, obj, start)
                        if key not in relations or relations[key].confidence < confidence:
                            relations[key] = Relation(subject, relation, obj, document.id, text[start:end],
                                                      start, end, round(confidence, 2), method)
        return [relations[key] for key in sorted(relations)]

    def _sentence(self, sentence):
        for token in sentence:
            if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBG"):
                yield from self._verb(token)
            if token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"):
                yield from self._nominal(token)
            if token.lower_ in self.lexicon.compounds:
                yield from self._hyphen_compound(token)
            if token.lower_ in self.lexicon.holding_participles:
                yield from self._held_territory(token)
        yield from self._roles(sentence)
        yield from self._inside_names(sentence)
        yield from self._against(sentence)

    # -- verbs ----------------------------------------------------------------

    def _verb(self, verb):
        if _negated(verb, self.lexicon) or _conditional(verb):
            return
        lemma = self.lexicon.base(verb)
        confidence = 0.65 if _modal(verb) else 0.85
        relation = self.lexicon.verb_relation(lemma)
        if _is_passive(verb):
            patients = self._patients(verb)
            agents = self._agents(verb)
            if relation == "partOf":
                yield from self._integration(verb, patients, "passive-into", confidence)
            elif relation in ("backs", "opposes", "commands"):
                yield self._actors(agents), relation, self._objects(patients, relation), "passive-agent", confidence + 0.05
            if relation == "commands" or lemma in self.lexicon.event_order_verbs:
                yield from self._ordered_event(verb, agents)
            return
        subjects, inherited = self._subjects(verb)
        subject_actors = self._actors(subjects)
        if not subject_actors and verb.dep_ == "acl":
            # "staged an assault ..., forcing X to withdraw": the assault's agent acts.
            subject_actors = list(self.event_agents.get(verb.head.lemma_.lower(), ()))
        if inherited:
            confidence -= 0.1
        objects = _objects_of(verb)
        if relation == "partOf":
            yield from self._integration(verb, objects, "active-into", confidence)
        elif relation and subject_actors:
            yield subject_actors, relation, self._objects(objects, relation), "active-verb", confidence
        for oblique in _obliques(verb, objects):
            if oblique.dep_.startswith(("obl", "nmod")):
                preposition = _case(oblique)
                prep_relation = self.lexicon.prepositional_relation(lemma, preposition)
                if prep_relation and prep_relation != "partOf":
                    yield subject_actors, prep_relation, self._objects([oblique], prep_relation), "prepositional-verb", confidence
                if preposition == "under" and oblique.lemma_.lower() in self.lexicon.command_nouns:
                    yield self._actors(_of_children(oblique)), "commands", subject_actors, "under-command", confidence
        reciprocal = self.lexicon.reciprocal_relation(lemma)
        if reciprocal and (lemma != "exchange" or any(o.lemma_.lower() in EXCHANGED_THINGS for o in objects)):
            for subject in subject_actors:
                yield [subject], reciprocal, [other for other in subject_actors if other != subject], "reciprocal", confidence - 0.05
        yield from self._events(verb, subject_actors, objects, confidence)

    def _subjects(self, verb, depth=0):
        """Subject tokens of a verb, and whether they were inherited from a governing verb."""
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if subjects or depth > 3:
            return subjects, False
        head = verb.head
        if verb.dep_ == "xcomp":
            controllers = [child for child in head.children if child.dep_ == "obj"]
            if controllers and self.lexicon.base(head) in OBJECT_CONTROL:
                return controllers, True
            return self._subjects(head, depth + 1)[0], True
        if verb.dep_ in ("advcl", "conj") and head.pos_ in ("VERB", "AUX"):
            return self._subjects(head, depth + 1)[0], True
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return [head], True
        return self._subject_left_of(verb), True

    def _subject_left_of(self, verb):
        """The actor written just before a verb the parse gave no subject
        ("Neighboring Iran and Turkey also oppose ...")."""
        position = verb.i - 1
        while position >= verb.sent.start and self.doc[position].pos_ in ("ADV", "AUX", "PART"):
            position -= 1
        if position < verb.sent.start:
            return []
        token = self.doc[position]
        return [token] if self.resolver.index.at(token) is not None else []

    def _patients(self, verb):
        patients = [child for child in verb.children if child.dep_ in ("nsubj:pass", "nsubj")]
        if patients:
            return patients
        if verb.dep_ in ("acl", "amod") or (verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN")):
            return [verb.head]
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            return self._patients(verb.head)
        return []

    def _agents(self, verb):
        """Passive agents, shared along a coordination ("trained and financed by X")."""
        chain = [verb, *verb.conjuncts]
        for each in chain:
            agents = [child for child in each.children
                      if child.dep_ == "obl:agent" or (child.dep_.startswith("obl") and _case(child) == "by")]
            if agents:
                return agents
        # "trained and financed by X" with the by-phrase attached elsewhere.
        last = max(chain, key=lambda token: token.i)
        following = self.doc[last.i + 1: min(last.i + 3, last.sent.end)]
        if following and following[0].lower_ == "by":
            return [t for t in following[1:] if t.pos_ != "DET"][:1]
        return []

    def _integration(self, verb, members, method, confidence):
        for oblique in verb.children:
            if oblique.dep_.startswith("obl") and _case(oblique) == "into":
                yield self._actors(members), "partOf", self._actors([oblique]), method, confidence + 0.05

    # -- objects that stand for an actor --------------------------------------

    def _actors(self, tokens):
        return self.resolver.conjoined(tokens)

    def _objects(self, tokens, relation):
        """Object actors, including owned things ("a Kurdish offer") and
        held land ("Kurdish-held territory") when opposing or backing."""
        found = self._actors(tokens)
        if found or relation not in ("opposes", "backs"):
            return found
        for token in tokens:
            for each in (token, *token.conjuncts):
                for actor in self._owner(each):
                    if actor not in found:
                        found.append(actor)
        return found

    def _owner(self, token):
        if token.lower_ in RELATIVE_PRONOUNS:
            return self._relative_owner(token)
        lemma = token.lemma_.lower()
        if lemma in self.lexicon.territory_nouns:
            holder = _hyphen_modifier(token, self.lexicon.holding_participles)
            if holder is not None:
                return self._side(holder, "forces")
        role = "forces" if lemma in self.lexicon.owned_by_forces else "government" if lemma in self.lexicon.owned_by_government else None
        if role is None:
            return ()
        for child in token.children:
            if child.dep_ in ("amod", "nmod:poss", "compound") and child.i < token.i:
                found = self._side(child, role)
                if found:
                    return found
        return ()

    def _relative_owner(self, pronoun):
        """"a Kurdish referendum ... which was opposed by X": the owner of the
        nearest owned noun before the relative pronoun (attachment of relative
        clauses is where parsers err most)."""
        for noun in reversed(self.doc[max(pronoun.sent.start, pronoun.i - 10):pronoun.i]):
            if noun.pos_ in ("NOUN", "PROPN"):
                found = self._owner(noun)
                if found:
                    return found
        return ()

    def _side(self, token, role):
        """A demonym or actor name as the owner: its forces or government."""
        entry = self.dictionary.by_demonym(token.text)
        if entry is not None:
            return ((entry.forces if role == "forces" else entry.government) or entry.id,)
        return self.resolver.actors(token)

    # -- events ---------------------------------------------------------------

    def _events(self, verb, subject_actors, objects, confidence):
        """"X launched an attack on Y": X opposes Y, and X is remembered as the
        attack's agent; "Z ordered the attack": Z commands X."""
        lemma = self.lexicon.base(verb)
        for obj in objects:
            event = obj.lemma_.lower()
            if event not in self.lexicon.event_nouns:
                continue
            if lemma in self.lexicon.event_order_verbs and event in self.event_agents:
                yield subject_actors, "commands", self.event_agents[event], "event-order", confidence - 0.15
                continue
            if lemma in self.lexicon.event_support_verbs and subject_actors:
                self.event_agents[event] = list(subject_actors)
                targets = [child for child in obj.children if child.dep_.startswith("nmod") and _case(child) in AGAINST]
                yield subject_actors, "opposes", self._objects(targets, "opposes"), "event-target", confidence - 0.05

    def _ordered_event(self, verb, agents):
        """"the attack on Kirkuk, ordered by X": X commands whoever carried it out."""
        event = verb.head if verb.dep_ in ("acl", "amod") else None
        if event is not None and event.lemma_.lower() in self.event_agents:
            yield self._actors(agents), "commands", self.event_agents[event.lemma_.lower()], "event-order", 0.7

    # -- noun phrases ----------------------------------------------------------

    def _nominal(self, noun):
        lemma = noun.lemma_.lower()
        own = self.resolver.actors(noun) if self.resolver.index.at(noun) is not None else ()
        for child in noun.children:
            if child.dep_.startswith("nmod") and _case(child) == "against":
                targets = self._objects([child], "opposes")
                if own:
                    yield own, "opposes", targets, "against-nominal", 0.8
                elif lemma in self.lexicon.event_nouns:
                    owners = [c for c in noun.children if c.dep_ in ("nmod:poss", "amod", "compound") and c.i < noun.i]
                    agent = self._actors(owners) or self._actors(self._clause_subjects(noun))
                    yield agent, "opposes", targets, "against-event", 0.75
        if lemma in self.lexicon.alliance_nouns:
            yield from self._alliance(noun)

    def _clause_subjects(self, noun):
        if noun.dep_ == "obj" and noun.head.pos_ in ("VERB", "AUX") and not _negated(noun.head, self.lexicon):
            return self._subjects(noun.head)[0]
        return []

    def _alliance(self, noun):
        """"X has been Y's most effective ally": Y backs X."""
        owners = [c for c in noun.children if c.dep_ == "nmod:poss" or (c.dep_.startswith("nmod") and _case(c) == "of")]
        if not owners:
            return
        allies = [c for c in noun.children if c.dep_ in ("nsubj",)] if any(c.dep_ == "cop" for c in noun.children) else []
        if noun.dep_ == "appos":
            allies.append(noun.head)
        if allies and not _negated(noun, self.lexicon):
            yield self._actors(owners), "backs", self._actors(allies), "alliance-noun", 0.75

    def _hyphen_compound(self, participle):
        """"Iran-backed militias", "US-led coalition": the actor before the hyphen
        relates to the noun the compound modifies."""
        doc = participle.doc
        if participle.i < 2 or doc[participle.i - 1].text not in ("-", "–"):
            return
        modifier = doc[participle.i - 2]
        sources = self._source(modifier)
        head = participle.head if participle.head.pos_ in ("NOUN", "PROPN") and participle.head.i > participle.i else None
        following = participle.doc[participle.i + 1: min(participle.i + 4, participle.sent.end)]
        targets = [t for t in (head, *following) if t is not None and self._actors([t])]
        if not sources or not targets:
            return
        if self.resolver.index.at(modifier) is not None and self.resolver.index.at(modifier) is self.resolver.index.at(targets[0]):
            return
        relation = self.lexicon.compounds[participle.lower_]
        yield sources, relation, self._actors(targets[:1]), "hyphen-compound", 0.9

    def _held_territory(self, participle):
        """"moved to recapture Kurdish-held areas": taking the land opposes its
        holder's forces, whatever the parse made of the compound."""
        doc = participle.doc
        if participle.i < 2 or doc[participle.i - 1].text not in ("-", "–"):
            return
        following = doc[participle.i + 1] if participle.i + 1 < len(doc) else None
        if following is None or following.lemma_.lower() not in self.lexicon.territory_nouns:
            return
        holder = self._side(doc[participle.i - 2], "forces")
        position = participle.i - 3
        while position >= participle.sent.start and doc[position].pos_ in ("DET", "ADJ", "ADV", "NUM"):
            position -= 1
        verb = doc[position] if position >= participle.sent.start else None
        if verb is None or self.lexicon.verb_relation(self.lexicon.base(verb)) != "opposes" or _negated(verb, self.lexicon):
            return
        subjects, _inherited = self._subjects(verb)
        yield self._actors(subjects), "opposes", list(holder), "held-territory", 0.75

    def _source(self, token):
        entry = self.dictionary.by_demonym(token.text)
        if entry is not None:
            return [entry.id]
        return list(self.resolver.actors(token))

    def _roles(self, sentence):
        """People's roles: "X, spokesman for Y", "Y spokeswoman X", "Y's leader X",
        "X of the Y"; and units: "Y, an elite unit of Z"."""
        index = self.resolver.index
        for mention in index.within(sentence):
            span = mention.span(self.doc)
            actors = mention.actors
            if len(actors) != 1:
                continue
            cls = self.resolver.classes.get(actors[0])
            if cls == "Person":
                for role, orgs in self._role_nouns(span):
                    lemma = role.lemma_.lower()
                    if lemma in self.lexicon.role_commands:
                        yield actors, "commands", orgs, "role", 0.85
                    elif lemma in self.lexicon.role_member:
                        yield actors, "memberOf", orgs, "role", 0.85
                for child in (c for token in span for c in token.children):
                    if child.dep_.startswith("nmod") and _case(child) in ("of", "from") and child.i >= span.end:
                        yield actors, "memberOf", self._organisations([child]), "person-of-organisation", 0.8
            elif cls not in (None, "State"):
                for role, orgs in self._role_nouns(span):
                    if role.lemma_.lower() in self.lexicon.role_part:
                        yield actors, "partOf", orgs, "unit-apposition", 0.85

    def _role_nouns(self, span):
        """(role noun, organisations) linked to a name by apposition or as its title."""
        candidates = []
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and not (span.start <= child.i < span.end):
                candidates.append(child)
        if root.dep_ == "appos" and root.head.i < span.start:
            candidates.append(root.head)
        candidates.extend(self._appositive_words(span))
        position = span.start - 1
        while position >= span.sent.start and position >= span.start - 4:
            token = self.doc[position]
            if token.is_punct or self.resolver.index.at(token) is not None and token.pos_ != "PROPN":
                break
            candidates.append(token)
            position -= 1
        found = []
        for role in candidates:
            if self.resolver.index.at(role) is not None:
                continue  # a word of a name ("Abbas Division") is not a role
            lemma = role.lemma_.lower()
            if lemma not in self.lexicon.role_commands | self.lexicon.role_member | self.lexicon.role_part:
                continue
            orgs = self._role_organisations(role)
            if orgs:
                found.append((role, orgs))
        return found

    def _appositive_words(self, span):
        """Words of the apposition written after a name, whatever the parse made
        of it: "X (ERD), an elite unit of Y" gives "an elite unit of Y"."""
        doc, position = self.doc, span.end
        if position < span.sent.end and doc[position].text == "(":
            while position < span.sent.end and doc[position].text != ")":
                position += 1
            position += 1
        if position >= span.sent.end or doc[position].text != ",":
            return []
        words = []
        for token in doc[position + 1: min(position + 10, span.sent.end)]:
            if token.text in (",", ";", "(", ")") or token.pos_ == "VERB":
                break
            words.append(token)
        return words

    def _role_organisations(self, role):
        linked = [c for c in role.children
                  if (c.dep_.startswith("nmod") and _case(c) in ROLE_PREPOSITIONS and c.dep_ != "nmod:poss")
                  or c.dep_ in ("compound", "nmod:poss")]
        orgs = self._organisations(linked)
        if orgs:
            return orgs
        # "unit of the Federal Police" with the phrase attached elsewhere.
        after = self.doc[role.i + 1: min(role.i + 3, role.sent.end)]
        if after and after[0].lower_ in ROLE_PREPOSITIONS:
            orgs = self._organisations([t for t in after[1:] if t.pos_ != "DET"][:1])
            if orgs:
                return orgs
        # The organisation written just before the role: "State Department spokeswoman".
        position = role.i - 1
        while position >= role.sent.start and self.doc[position].pos_ in ("ADJ", "ADV", "PART", "DET", "PUNCT") and self.doc[position].text not in (",", ";"):
            position -= 1
        if position >= role.sent.start:
            return self._organisations([self.doc[position]])
        return []

    def _organisations(self, tokens):
        """Actors among `tokens` that are organisations (not states, not people)."""
        found = []
        for token in tokens:
            mention = self.resolver.index.at(token)
            if mention is None or mention.kind == "collective":
                candidates = () if mention is not None else self.resolver.actors(token)
            else:
                candidates = mention.actors
            for actor in candidates:
                if self.resolver.classes.get(actor) not in (None, "State", "Person") and actor not in found:
                    found.append(actor)
        return found

    def _against(self, sentence):
        """"the coalition against Islamic State": an actor named with what it
        is against; "promised a tougher stance against Iran": whoever takes the
        stance, however the parse attached the phrase."""
        index = self.resolver.index
        for token in sentence:
            following = self.doc[token.i + 1: min(token.i + 4, sentence.end)]
            if not following or following[0].lower_ != "against" or token.i + 1 >= sentence.end:
                continue
            target = next((t for t in following[1:] if t.pos_ != "DET"), None)
            if target is None or not self._actors([target]):
                continue
            mention = index.at(token)
            if mention is not None:
                yield list(mention.actors), "opposes", self._actors([target]), "against-nominal", 0.8
            elif token.lemma_.lower() in self.lexicon.event_nouns:
                verb = _taking_verb(token)
                if verb is not None and not _negated(verb, self.lexicon):
                    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                    yield self._actors(subjects), "opposes", self._actors([target]), "against-event", 0.7

    def _inside_names(self, sentence):
        """What a name itself says: "IRGC-Quds Force" (a unit written with its
        parent's name and a hyphen) is part of the IRGC; "the coalition
        against Islamic State" opposes it."""
        index = self.resolver.index
        for mention in index.within(sentence):
            if mention.kind != "alias":
                continue
            span = mention.span(self.doc)
            hyphens = [t for t in span if t.text in ("-", "–") and t.i > span.start]
            if hyphens:
                parent = self.dictionary.by_name(self.doc[span.start:hyphens[0].i].text)
                if parent is not None and parent.id not in mention.actors and parent.cls not in ("State", "Person"):
                    yield list(mention.actors), "partOf", [parent.id], "name-prefix", 0.8
            against = [t for t in span if t.lower_ == "against"]
            if against:
                opponent = self.dictionary.by_name(self.doc[against[0].i + 1:span.end].text)
                if opponent is not None and opponent.id not in mention.actors:
                    yield list(mention.actors), "opposes", [opponent.id], "name-against", 0.8


def _taking_verb(event):
    """The verb whose object the event noun is ("promised a tougher stance"),
    also when the parse hung the noun on a modifier of that object."""
    if event.dep_ in ("amod", "compound") and event.head.dep_ == "obj":
        event = event.head
    return event.head if event.dep_ == "obj" and event.head.pos_ in ("VERB", "AUX") else None


def _objects_of(verb):
    """Direct objects, and obliques with no preposition (a parse that read
    "supported both X and Y" as an oblique)."""
    found = [child for child in verb.children
             if child.dep_ == "obj" or (child.dep_ == "obl" and _case(child) is None and child.pos_ in ("NOUN", "PROPN"))]
    # A name the parse left as a predicate ("condemned Turkey" read as xcomp).
    return found or [child for child in verb.children if child.dep_ == "xcomp" and child.pos_ == "PROPN"]


def _obliques(verb, objects):
    """The verb's prepositional phrases, and those the parse attached to its
    object instead ("seized the city from X")."""
    found = [child for child in verb.children if child.dep_.startswith("obl")]
    for obj in objects:
        found.extend(child for child in obj.children if child.dep_ == "nmod" and _case(child) not in (None, "of"))
    return found


def _case(token):
    """The preposition of a noun phrase: its case child, or the word that opens
    the phrase when the parse hung the case on another word of a name."""
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    first = token.doc[token.left_edge.i]
    return first.lower_ if first.pos_ == "ADP" and first.i < token.i else None


def _of_children(token):
    return [c for c in token.children if c.dep_.startswith("nmod") and _case(c) == "of"]


def _is_passive(verb):
    if any(child.dep_ in ("nsubj:pass", "aux:pass", "obl:agent") for child in verb.children):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children):
        return False
    if verb.dep_ in ("acl", "amod"):
        return True
    # "X, armed and trained by Y": a participle conjoined to a noun modifies it.
    return verb.dep_ == "conj" and (verb.head.pos_ in ("NOUN", "PROPN") or _is_passive(verb.head))


def _negated(verb, lexicon):
    for token in (verb, *[c for c in verb.children if c.dep_ in ("aux", "aux:pass")]):
        if any(child.dep_ in ("advmod", "neg", "det") and child.lower_ in lexicon.negators for child in token.children):
            return True
    if any(c.dep_.startswith("nsubj") and c.lower_ in ("none", "neither", "nobody", "nothing") for c in verb.children):
        return True
    token = verb
    while token.dep_ in ("xcomp", "ccomp") and token.head.i != token.i:
        token = token.head
        if lexicon.base(token) in lexicon.denials or any(c.lower_ in lexicon.negators and c.dep_ in ("advmod", "neg") for c in token.children):
            return True
    return False


def _conditional(verb):
    return any(child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether") for child in verb.children)


def _modal(verb):
    return any(child.dep_ == "aux" and child.lower_ in MODALS for child in verb.children)


def _hyphen_modifier(noun, participles):
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
