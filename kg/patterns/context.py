"""What every pattern reads a sentence with: the parse, the resolved actor
mentions, the cue words and the dictionary, and the arguments of a verb."""
from ..resolve import RELATIVE_PRONOUNS
from .syntax import (adverbial, after_hyphen, averted, case, charged, counted, hyphen_joined_end, hyphen_modifier,
                     infinitive, misread_passive, noun_phrase_head)

SUBJECT_DEPS = ("nsubj", "nsubj:outer")  # the outer subject of a copular clause, often a misparse
#: Words before "with" that make its phrase a co-subject: "together with X", "along with X".
COMPANION_WORDS = frozenset({"together", "along"})
#: Participles of means, hung by the parse on the object before them ("halt the advance using mortars").
INSTRUMENT_VERBS = frozenset({"use", "employ", "deploy", "wield"})
#: Subordinators of time: a clause they open is adverbial wherever the parse hangs it.
TIME_MARKS = frozenset({"after", "before", "while", "since", "when", "upon"})
#: Prepositions of place: a participle hung on a place after them describes what is there.
LOCATIVE_MARKS = frozenset({"in", "inside", "within", "across", "near", "into"})


def event_key(lemma):
    """What an event noun is remembered by: "airstrike" and "strike" are one kind of event."""
    lemma = lemma[3:] if lemma.startswith("air") and len(lemma) > 6 else lemma
    # The lemmatizer may leave a plural ("strikes"): one kind of event whatever the number.
    return lemma[:-1] if lemma.endswith("s") and not lemma.endswith("ss") else lemma


class PatternContext:
    """One document's parse with its actor mentions (`resolver.index`), as
    patterns see it. `event_agents` remembers who carried out an event
    ("the assault") for later sentences that say who ordered it."""

    def __init__(self, doc, resolver, lexicon, dictionary):
        self.doc, self.resolver, self.lexicon, self.dictionary = doc, resolver, lexicon, dictionary
        self.index = resolver.index
        self.event_agents = {}  # event lemma -> actors that carried it out, latest first

    # -- actors of tokens -------------------------------------------------------

    def actors(self, tokens):
        found = []
        for token in tokens:
            named = self.included(token) or self.resolver.conjoined([token]) + self.listed_after(token)
            found.extend(actor for actor in named if actor not in found)
        return found

    def _listed_before(self, subjects):
        """"Russia, Iran deepen ties": a name that opens the sentence and a comma
        right before the subject, read as something else, is a second subject."""
        return self.opening_name_before(subjects[0].left_edge.i) if len(subjects) == 1 else None

    def opening_name_before(self, position):
        """The name opening the sentence when only a comma stands between it
        and `position` ("Russia, North Korea sign ..."), or None."""
        first = self.index.at(self.doc[self.doc[position].sent.start])
        if first is None or first.end + 1 != position or self.doc[first.end].text != "," \
                or self.doc[first.start].pos_ not in ("PROPN", "NOUN"):
            return None
        return self.doc[first.start: first.end].root

    def _described_by_participle(self, verb):
        """"Neighbouring Iran and Turkey oppose X" read with the participle as
        the subject, or a clause subject ("neighbouring Iran"): the participle's
        object is the subject."""
        return [obj for clause in verb.children if clause.dep_ in ("csubj", "nsubj") and clause.i < verb.i
                and clause.lower_ in self.lexicon.adjectival_participles
                for obj in clause.children if obj.dep_ == "obj"]

    def _companions(self, verb, subjects):
        """"X, together with Y, attacked Z" or "X, along with Y, ...": Y acts
        too, whether the parse hung "with Y" on the verb or on the subject."""
        hosts = [verb, *subjects, *(c for c in verb.children if c.dep_ == "advmod")]
        return [phrase for host in hosts for phrase in host.children
                if phrase.dep_.startswith(("obl", "nmod")) and any(
                    c.dep_ == "case" and c.lower_ == "with" and c.i > 0 and self.doc[c.i - 1].lower_ in COMPANION_WORDS
                    for c in phrase.children)]

    def mention_from(self, position):
        """The mention that starts the noun phrase at `position`, after its
        determiners, adjectives and the participle of a hyphened modifier
        ("the UAE-backed separatist STC", whatever tags the parse gave them)."""
        doc = self.doc
        end = doc[min(position, len(doc) - 1)].sent.end
        while position < end and not self.mentioned(doc[position]) and (
                doc[position].pos_ in ("DET", "ADJ", "NUM") or _modifying_word(doc, position, self.lexicon)):
            position += 1
        return self.index.at(doc[position]) if position < end else None

    def included(self, token):
        """"Turkey's regional rivals, including Saudi Arabia and Egypt": a
        common noun stands for the actors it is said to include."""
        if self.mentioned(token) or token.pos_ != "NOUN":
            return []
        examples = [c for c in token.children if c.dep_.startswith(("nmod", "acl", "obl"))
                    and case(c) in ("including", "like", "such")]
        return self.resolver.conjoined(examples) if examples else []

    def listed_after(self, token):
        """Actors listed after the one `token` names, however the parse split
        the list: "X, as well as Y, Z and W". A run counts as a list only when
        a conjunction introduces one of its items, and ends with the item after
        "and" or "or" ("X and Y, the ministry said" ends at Y)."""
        mention = self.index.at(token)
        if mention is None:
            return []
        doc, end, position = self.doc, token.sent.end, mention.end
        if position < end and doc[position].lower_ == "of":
            # "the guards of President X and Y": the list goes on after the owner's name.
            owner = next((m for m in self.index.mentions if position < m.start < end and m.actors == mention.actors),
                         None)
            position = owner.end if owner is not None else position
        found, conjoined = [], False
        while position < end:
            word = doc[position].lower_
            if word in (",", "the"):
                position += 1
                continue
            if word in ("and", "or") or doc[position:position + 3].text.lower() == "as well as":
                closing = word in ("and", "or")
                position += 1 if closing else 3
                conjoined = True
                item = self.index.at(doc[position]) if position < end and doc[position].lower_ != "the" else None
                if item is None and position + 1 < end and doc[position].lower_ == "the":
                    item = self.index.at(doc[position + 1])
                if item is None or _starts_clause(doc, item, end):
                    break
                if item.end + 1 < end and doc[item.end].text in ("-", "–"):
                    item = self.mention_from(item.end + 2)  # "and the UAE-backed X": X is the item, not the UAE
                    if item is None:
                        break
                found.extend(item.actors)
                position = item.end
                if closing:
                    break
                continue
            item = self.index.at(doc[position])
            if item is None or item is mention:
                break
            found.extend(item.actors)
            position = item.end
        return found if conjoined else []

    def set_off_before(self, noun):
        """"X, an ally of Y," or "X, a group allied with Y,": the name right
        before the comma that opens the noun's phrase, whatever the parse made
        of the phrase (an apposition, a conjunct without "and", a second subject)."""
        start, doc = noun.left_edge.i, self.doc
        # "Beijing, the junta's main backer, ..." with the name hung on the phrase as dislocated.
        hung = [c for c in noun.children if c.dep_ == "dislocated" and c.i < noun.i and self.mentioned(c)
                and doc[self.index.at(c).end].text == ","]
        if hung:
            return hung[:1]
        while start < noun.i and doc[start].is_punct:
            start += 1  # the parse may hang the opening comma on the phrase
        if noun.dep_ not in ("appos", "conj", "nsubj", "nsubj:pass") or start < 2 or doc[start - 1].text != ",":
            return []
        if noun.dep_ == "conj" and any(c.dep_ == "cc" for c in noun.children):
            return []
        before = doc[start - 2]
        return [before] if before.sent == noun.sent and self.mentioned(before) else []

    def mentioned(self, token):
        return self.index.at(token) is not None

    def cls(self, actor_id):
        return self.resolver.classes.get(actor_id)

    def objects(self, tokens, relation):
        """Object actors, including owned things ("a Kurdish offer") and
        held land ("Kurdish-held territory") when opposing or backing."""
        found = self.actors(tokens)
        # "assassinated Hamas political leader X" with the name as the object: the role's group too.
        roles = [c for token in tokens for c in token.children
                 if c.dep_ == "nmod:desc" and c.i < token.i and c.lower_ in self.lexicon.person_roles]
        found.extend(actor for actor in self.actors(roles) if actor not in found)
        if found or relation not in ("opposes", "backs"):
            return found
        for token in tokens:
            for each in (token, *(c for c in token.conjuncts if c.i > token.i)):
                for actor in self.owner(each):
                    if actor not in found:
                        found.append(actor)
        return found

    def owner(self, token):
        if token.lower_ in RELATIVE_PRONOUNS:
            return self._relative_owner(token)
        if token.pos_ == "NUM" or token.lower_ in self.lexicon.partitive_nouns:
            # "shot down 58 of the drones launched by Russia"
            counted = [c for c in token.children if c.dep_.startswith("nmod") and case(c) == "of"]
            return self.owner(counted[0]) if counted else ()
        lemma = token.lemma_.lower()
        words = {lemma, token.lower_}  # the lemma of "bases" may be "basis"
        # "Kurdish-held areas", "the Houthi-held port": whatever the place, its holder's.
        holder = hyphen_modifier(token, self.lexicon.holding_participles)
        if holder is not None:
            return self.side(holder, "forces")
        if words & self.lexicon.territory_nouns:
            # "a village held by X"; a people's land ("Kurdish villages") is no one's forces.
            holders = self.actors(self.resolver.holders_after(token))
            if holders or not words & self.lexicon.owned_by_forces:
                return tuple(holders)
        # An event is its doer's: condemning "the attack by X" opposes X.
        # A site with a name of its own is a place: "Yemen's Hodeida port" is in Yemen, not the state's.
        site = bool(words & self.lexicon.possessed_sites) and not any(
            c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in token.children)
        role = ("forces" if words & (self.lexicon.owned_by_forces | self.lexicon.event_nouns)
                else "government" if words & self.lexicon.owned_by_government or site else None)
        if role is None:
            return ()
        # A noun read as a verb ("praised the Houthi attacks"): its modifier was read as its subject.
        owner_deps = ("amod", "nmod:poss", "compound") + (("nsubj",) if token.pos_ == "VERB"
                                                          and token.dep_ in ("obj", "obl") else ())
        modifiers = [child for child in token.children if child.dep_ in owner_deps and child.i < token.i]
        # "a Philippine supply boat" with the demonym hung on "supply".
        modifiers += [g for c in modifiers if c.dep_ == "compound" and not self.mentioned(c) for g in c.children
                      if g.dep_ in ("amod", "nmod:poss") and g.i < c.i]
        # "the Israeli military struck Hezbollah targets" read as one noun phrase: the words before
        # the verb are its subject's, not the owner's.
        verb = max((c.i for c in modifiers if c.dep_ == "amod" and c.tag_ in ("VBD", "VBN") and not after_hyphen(c)),
                   default=-1)
        modifiers = [child for child in modifiers if child.i > verb]
        if any(child.lower_ in self.lexicon.insurgent_heads for child in modifiers):
            # "Kurdish militant targets" are the militants', not the Kurdish region's forces'.
            modifiers = [child for child in modifiers if self.mentioned(child)
                         and self.dictionary.by_demonym(child.text) is None]
        modifiers.sort(key=lambda child: -child.i)  # nearest first: "Syrian government positions"
        possessors = [child for child in modifiers if child.dep_ == "nmod:poss"]
        # "Sweden's NATO bid", "its NATO bid": the possessor owns it; the other modifier is its aim.
        for child in possessors or ([] if site else modifiers):
            found = self.side(child, role)
            if found:
                return found
        owners = tuple(self.actors(self._owners_after(token)))
        if not owners and words & self.lexicon.event_nouns \
                and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
            # "Israel carried out airstrikes on Iran. Saudi Arabia condemned the strikes."
            return tuple(self.event_agents.get(event_key(lemma), ()))
        return owners

    def _owners_after(self, token):
        """The owner named after an owned noun: "positions of the SDF", "an
        offer by X", "bases belonging to X", "positions held by X", "an attack
        blamed on X"."""
        owners = [c for c in token.children
                  if c.i > token.i and c.dep_.startswith("nmod") and case(c) in ("of", "by")]
        for clause in (c for c in token.children
                       if c.dep_ == "acl" and self.lexicon.base(c) in self.lexicon.event_attributions):
            owners.extend(c for c in clause.children if c.dep_.startswith("obl") and case(c) in ("on", "to"))
        return owners + self.resolver.holders_after(token)

    def _relative_owner(self, pronoun):
        """"a Kurdish referendum ... which was opposed by X": the owner of the
        nearest owned noun before the relative pronoun (attachment of relative
        clauses is where parsers err most)."""
        for noun in reversed(self.doc[max(pronoun.sent.start, pronoun.i - 10):pronoun.i]):
            if noun.pos_ in ("NOUN", "PROPN"):
                found = self.owner(noun)
                if found:
                    return found
        return ()

    def side(self, token, role):
        """A demonym or actor name as the owner: its forces or government."""
        entry = self.dictionary.by_demonym(token.text)
        if entry is not None:
            return ((entry.forces if role == "forces" else entry.government) or entry.id,)
        return self.resolver.actors(token)

    def source(self, token):
        """The actor a modifier names: a demonym's state, or a mention."""
        entry = self.dictionary.by_demonym(token.text)
        if entry is not None:
            return [entry.id]
        return list(self.resolver.actors(token))

    def organisations(self, tokens):
        """Actors among `tokens` that are organisations (not states, not people)."""
        found = []
        for token in tokens:
            mention = self.index.at(token)
            if mention is None:
                candidates = self.resolver.actors(token)
            elif mention.kind == "collective" and len(mention.actors) > 1:
                candidates = ()
            else:
                candidates = mention.actors
            for actor in candidates:
                if self.cls(actor) not in (None, "State", "Person") and actor not in found:
                    found.append(actor)
        return found

    # -- arguments of verbs -----------------------------------------------------

    def subjects(self, verb, depth=0):
        """Subject tokens of a verb, and whether they were inherited from a governing verb."""
        subjects = [self._timed(child) for child in verb.children if child.dep_ in SUBJECT_DEPS
                    or (child.dep_ == "nsubj:pass" and misread_passive(verb))]
        subjects = [s for s in subjects if not self._continues_subject(s, subjects[0])]
        # "SDF commander Mazloum Abdi condemned" read as two subjects: the person named acts.
        subjects = [s for s in subjects if not (s.lower_ in self.lexicon.person_roles and any(
            other.pos_ == "PROPN" and other.left_edge.i == s.right_edge.i + 1 for other in subjects))]
        head = verb.head
        if not subjects and verb.dep_ == "acl" and head.tag_ == "NNS" and head.lower_ in self.lexicon.inflections \
                and head.i > verb.sent.start and self.doc[head.i - 1].pos_ in ("NOUN", "PROPN") \
                and infinitive(verb):
            # "Sudan army chief vows to fight RSF" with "vows" read as a noun: the noun before it vows
            # (or, for a role word the parse hung elsewhere, the name before the role).
            before = self.doc[head.i - 1]
            if not self.actors([before]) and before.lower_ in self.lexicon.person_roles and head.i - 2 >= 0 \
                    and self.mentioned(self.doc[head.i - 2]):
                before = self.doc[head.i - 2]
            return [before], True
        listed = self._listed_before(subjects)
        if listed:
            return [listed, *subjects], False
        if subjects and self._noun_root_before(verb, head) and head.i < subjects[0].i and any(
                (c.dep_ == "cc" or (c.text == "," and subjects[0].conjuncts)) and head.i < c.i < subjects[0].i
                for c in verb.children):
            # "Britain and the United States launched", "Russia, China and Iran have backed"
            # read as "Britain" (or "Russia") and a clause.
            return [head, *subjects], False
        subjects = self._described_by_participle(verb) or subjects
        if not subjects and verb.dep_ == "obj" and verb.tag_ == "VBN" and head.lemma_.lower() == "have":
            # "Iran has armed, trained and funded X" with the participle read as what Iran has.
            return [c for c in head.children if c.dep_ == "nsubj"], False
        if not subjects and (verb.dep_ == "nsubj" or verb.tag_ in ("VBG", "VB")):
            # "Turkey trains troops" read as a noun phrase "Turkey trains" that "troops" governs;
            # "defeat the LNA fighting to seize X" with the name read as a compound of the participle;
            # "help Congo's army fight the M23" with the army read as a compound of the verb.
            subjects = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and self.mentioned(c)]
        if subjects or depth > 3:
            return subjects + self._companions(verb, subjects), False
        objects = [child for child in head.children if child.dep_ in ("obj", "iobj") and child is not verb]
        # "... to defeat the LNA fighting to seize Tripoli", the participle also read as an object.
        if verb.dep_ in ("xcomp", "advcl", "obj") and verb.tag_ == "VBG" and objects \
                and objects[-1].right_edge.i == verb.i - 1 and self.lexicon.base(verb) not in INSTRUMENT_VERBS \
                and objects[-1].lemma_.lower() not in self.lexicon.spent_nouns:  # "suffered losses fighting X"
            return objects, True  # "... to defeat Haftar's forces fighting to seize Tripoli"
        if verb.dep_ == "acl" and head.tag_ == "VBG" and infinitive(verb):
            return self.subjects(head, depth + 1)[0], True  # "fighting to seize X": who fights seizes
        if verb.dep_ == "advcl" and objects and self.lexicon.base(head) in self.lexicon.object_control \
                and infinitive(verb) and not self._own_men(objects):
            return objects, True  # "prompted X to carry out strikes" with the clause read as adverbial
        # "vows to crush Hamas" with the "to" clause read as the verb's acl: a complement all the same.
        if verb.dep_ == "xcomp" or (verb.dep_ == "acl" and head.pos_ == "VERB" and infinitive(verb)):
            if objects and self.lexicon.base(head) in self.lexicon.object_control and not self._own_men(objects):
                return objects, True
            raised = [child for child in head.children if child.dep_ == "nsubj:pass"]
            if raised and head.tag_ == "VBN":
                return raised, True  # "Egypt and the UAE are known to support X"
            return self.subjects(head, depth + 1)[0], True
        # The parse may read the accused as a complement: "accused neighbouring Rwanda of sending ...".
        charged_ones = objects or [c for c in head.children if c.dep_ == "xcomp" and c.pos_ in ("PROPN", "NOUN")]
        if adverbial(verb) and charged_ones and (averted(verb, self.lexicon) or charged(verb, self.lexicon)):
            return charged_ones, True  # "warned Turkey against supporting ...": Turkey would support
        accused = [c for c in head.children if c.dep_ == "nsubj:pass"]
        if adverbial(verb) and accused and charged(verb, self.lexicon):
            return accused, True  # "the UAE has been accused of supplying weapons"
        before = self.doc[verb.i - 1] if verb.i > 0 else None
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and before is not None and before.pos_ == "NOUN" \
                and before.dep_.startswith(("obl", "nmod")) and case(before) is not None:
            return [before], True  # "sanctions on drone makers supplying Russia": the makers supply
        if verb.dep_ == "acl" and head.dep_ in ("obj", "obl") and head.head.pos_ in ("VERB", "AUX") \
                and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in verb.children):
            # "formed an alliance after breaking with X": a clause of time hung on the object.
            return self.subjects(head.head, depth + 1)[0], True
        # "Iran has armed, trained and funded X" with "armed" read as an adjective; a headline's
        # "X says it foiled plot, blames Y" with the second verb read as what X says.
        listed_verb = verb.dep_ == "ccomp" and verb.tag_ in ("VBZ", "VBD", "VBP") and self.doc[verb.i - 1].text == ","
        if (verb.dep_ in ("advcl", "conj") or listed_verb) and (head.pos_ in ("VERB", "AUX") or (
                verb.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in head.children))):
            return self.subjects(head, depth + 1)[0], True
        if verb.dep_ == "acl" and charged(verb, self.lexicon) and head.dep_ == "obj" \
                and head.head.pos_ in ("VERB", "AUX"):
            return [head], True  # "accused Rwanda of deploying troops" with the clause hung on Rwanda
        if verb.dep_ == "acl" and charged(verb, self.lexicon) and head.dep_.startswith("nmod") \
                and not self.actors([head]) and self.actors([head.head]):
            return [head.head], True  # "accused Rwanda on Saturday of deploying ...", hung on the day
        if verb.dep_ == "acl" and charged(verb, self.lexicon) and head.dep_.startswith("obl") \
                and not self.actors([head]) and any(c.dep_ == "obj" for c in head.head.children):
            # ... with the day hung on "accused": its object is the accused.
            return [c for c in head.head.children if c.dep_ == "obj"], True
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "obj" \
                and self.lexicon.base(head.head) in INSTRUMENT_VERBS:
            # "... using rockets, killing five soldiers" with "killing" hung on the rockets.
            return self.subjects(head.head, depth + 1)[0], True
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and self.lexicon.base(verb) in INSTRUMENT_VERBS \
                and head.dep_ in ("obj", "obl") and head.head.pos_ in ("VERB", "AUX"):
            # "tried to halt the advance using mortars, killing ...": who uses them is the clause's subject.
            return self.subjects(head.head, depth + 1)[0], True
        if verb.dep_ == "acl" and charged(verb, self.lexicon) and head.dep_ == "obl:agent":
            # "is accused by Ethiopian officials of arming X", the clause hung on the accusers.
            accused = [c for c in head.head.children if c.dep_ == "nsubj:pass"]
            if accused:
                return accused, True
        if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.lemma_.lower() in self.lexicon.event_nouns:
            return [head], True  # "after a drone strike blamed on X killed three soldiers": the strike killed
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            if head.dep_ in ("obj", "obl") and head.head.pos_ in ("VERB", "AUX") \
                    and head.lemma_.lower() in self.lexicon.spent_nouns:
                # "have suffered heavy losses fighting Ukrainian forces": the losses do not fight.
                return self.subjects(head.head, depth + 1)[0], True
            if self.doc[verb.i - 1].text == "," and head.dep_ in ("obj", "obl") and not self.actors([head]) \
                    and head.head.pos_ in ("VERB", "AUX"):
                # "said it had thwarted a plot, accusing Ivory Coast of ...": who thwarted it accuses.
                return self.subjects(head.head, depth + 1)[0], True
            if head.dep_.startswith("nmod") and case(head) in LOCATIVE_MARKS \
                    and head.head.lemma_.lower() in self.lexicon.event_nouns:
                return [head.head], True  # "strikes inside Afghanistan targeting the TTP": the strikes target
            return [head], True
        if verb.dep_ == "acl" and head.dep_ == "obj" and (self._own_men([head]) or self._own_arms(head)) \
                and infinitive(verb):
            return self.subjects(head.head, depth + 1)[0], True  # "deployed a force to help Kinshasa"
        if verb.dep_ in ("parataxis", "conj"):
            if self._noun_root_before(verb, head):
                return [head], True  # "Hezbollah, Iran's proxy, threatened Israel" read as a noun root
        if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and any(c.dep_ == "obj" for c in verb.children):
            return [self._phrase_head(head)], True  # "Trump in a message accused Iran": a past tense read as a participle
        return self.subject_left_of(verb), True

    def _timed(self, subject):
        """"just days after the Trump administration refused ..." read with "days"
        as the subject: the one after "after" or "before" is."""
        if subject.lemma_.lower() not in self.lexicon.spent_nouns:
            return subject
        timed = [c for c in subject.children if c.dep_.startswith("nmod") and case(c) in ("after", "before")]
        return timed[0] if timed else subject

    def _own_men(self, objects):
        """"sent troops to fight alongside X": troops nobody owns are the sender's, who acts through them."""
        return all(o.lower_ in self.lexicon.force_heads and not self.actors([o])
                   and not any(c.dep_ in ("amod", "compound", "nmod:poss") for c in o.children) for o in objects)

    def _own_arms(self, noun):
        """"deployed an aircraft carrier to deter Iran": arms nobody owns are the sender's."""
        return self.lexicon.base(noun) in self.lexicon.owned_by_forces or noun.lower_ in self.lexicon.owned_by_forces

    def _noun_root_before(self, verb, head):
        """A finite verb hung on the actor that roots its sentence and comes before it."""
        finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children)
        return verb.dep_ in ("parataxis", "conj") and finite and head.i < verb.i \
            and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") and self.mentioned(head)

    def _phrase_head(self, noun):
        """The noun a chain of prepositional phrases hangs on ("Trump" of "Trump in a message")."""
        while noun.dep_.startswith(("nmod", "obl")) and not self.mentioned(noun) and noun.head.i != noun.i:
            noun = noun.head
        return noun

    def subject_left_of(self, verb):
        """The actor written just before a verb the parse gave no subject
        ("Neighboring Iran and Turkey also oppose ...")."""
        position = verb.i - 1
        # "Sudan army chief vows to ...": a headline's role noun stands for its organisation.
        while position >= verb.sent.start and (self.doc[position].pos_ in ("ADV", "AUX", "PART") or (
                self.doc[position].lower_ in self.lexicon.person_roles and not self.mentioned(self.doc[position]))):
            position -= 1
        if position < verb.sent.start:
            return []
        token = self.doc[position]
        if not self.mentioned(token):
            return []
        # "Russia, North Korea sign ...": a name and a comma opening the sentence list one more.
        start = self.index.at(token).start
        opening = self.opening_name_before(start)
        return [opening, self.doc[start]] if opening is not None else [token]

    def _continues_subject(self, subject, first):
        """"The attack on the YPG airbase killed ...", with "airbase" read as a
        second subject: written right after the first one's phrase, or after a
        preposition, with no comma or conjunction, it is part of the first."""
        if subject.i <= first.i or subject in first.conjuncts or subject.pos_ != "NOUN":
            return False
        start = subject.left_edge
        before = self.doc[start.i - 1]
        adjacent = first.right_edge.i + 1 == start.i and not {start.text, before.text} & {",", ";"} \
            and "cc" not in (start.dep_, before.dep_)
        return adjacent or (before.dep_ == "case" and before.i > first.i and before.head in subject.subtree)

    def patients(self, verb):
        patients = [child for child in verb.children if child.dep_ in ("nsubj:pass", "nsubj")]
        if patients:  # "Dozens of Ukrainian soldiers were killed": the soldiers
            return [each for patient in patients for each in counted(patient, self.lexicon.quantity_nouns)]
        if verb.dep_ in ("acl", "amod") or (verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN")):
            # "forces and rebels backed by X" hung on "forces": the participle is the nearer conjunct's.
            before = self.doc[verb.i - 1]
            return [before] if verb.i > 0 and before in verb.head.conjuncts else [verb.head]
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            return self.patients(verb.head)
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i > 0 and self.doc[verb.i - 1].text == ",":
            # "The RSF, led by X, has ...": a participle set off after the subject describes it.
            return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i]
        if verb.dep_ == "advcl" and verb.tag_ in ("VBN", "JJ") and verb.i == verb.sent.start:
            # "Armed and trained by Iran, the Houthis have ...": an opening participle describes the subject.
            return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i > verb.i]
        if verb.dep_ == "ccomp" and verb.head.dep_ == "acl:relcl":
            # "the M23, which Kinshasa says is backed by Kigali": the clause is about the noun.
            return [verb.head.head]
        if verb.tag_ == "VBN" and verb.i > 1 and self.doc[verb.i - 1].text == ",":
            # "As Kurdish troops, buoyed by US forces, advance", the noun hung on the participle.
            return [c for c in verb.children if c.pos_ in ("NOUN", "PROPN") and c.right_edge.i in (verb.i - 2, verb.i - 1)]
        return []

    def agents(self, verb):
        """Passive agents, shared along a coordination ("trained and financed by X")."""
        # "was held accountable by X" with the by-phrase hung on the predicate.
        predicates = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "ADJ"]
        chain = [verb, *verb.conjuncts, *predicates]
        for each in chain:
            agents = [child for child in each.children  # "led by X" with X read as an object
                      if child.dep_ == "obl:agent" or (child.dep_.startswith(("obl", "obj")) and case(child) == "by")]
            if agents:
                return [self._hyphen_modified(agent) for agent in agents]
        # "trained and financed by X" with the by-phrase attached elsewhere.
        last = max(chain, key=lambda token: token.i)
        following = self.doc[last.i + 1: min(last.i + 3, last.sent.end)]
        if following and following[0].lower_ == "by":
            return [self._hyphen_modified(t) for t in following[1:] if t.pos_ != "DET"][:1]
        return []

    @staticmethod
    def _hyphen_modified(token):
        """"backed by Iran-allied militias" with "Iran" read as the agent: the
        noun the hyphen-joined word describes is."""
        word = hyphen_joined_end(token)
        if word is token:
            return token
        if word.dep_ == "amod" and word.head.i > word.i:
            described = word.head
        else:  # the participle read as a verb ("Russian-led" as a clause): the noun phrase after it
            described = noun_phrase_head(word.doc, word.i + 1)
        return described if described is not None and described.pos_ in ("NOUN", "PROPN") else token


def _starts_clause(doc, mention, end):
    """"... towards Saudi Arabia and Iran exploits the port": the name after
    the conjunction is the subject of a new clause, not a list item."""
    return mention.end < end and doc[mention.end].pos_ in ("VERB", "AUX")


def _modifying_word(doc, position, lexicon):
    """A participle after a hyphen ("-backed"), or a word for a kind of group
    right before a capitalised name ("separatist" in "the separatist STC")."""
    token = doc[position]
    if position > 0 and doc[position - 1].text in ("-", "–") and token.tag_ in ("VBN", "VBG", "VBD"):
        return True
    following = doc[position + 1] if position + 1 < len(doc) else None
    return token.is_lower and (token.lower_ in lexicon.group_nouns or token.lemma_ in lexicon.group_nouns) \
        and following is not None and following.text[:1].isupper()
