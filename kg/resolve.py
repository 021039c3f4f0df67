"""Resolve a token of the parse to the actor(s) it refers to.

A noun phrase names an actor directly (a mention), or through its structure:
a relative pronoun stands for its antecedent, "members of X" for X, "X forces"
for X, "militias known as the PMF" for the PMF, an apposition for its head.
Pronoun speakers resolve to the most recent fitting speaker.
"""
from dataclasses import dataclass, field

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "our"})
NAMING_VERBS = frozenset({"know", "call", "dub", "name", "nickname", "refer", "label", "term"})
MAX_DEPTH = 4


def clause_verb(token):
    """The nearest verb at or above `token` in the tree (the root if none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _in_closed_clause(word, pronoun):
    """`word` is in a relative clause that ends before `pronoun` ("The Houthis,
    who control northern Yemen, declared their ...": "Yemen" owns nothing after)."""
    clause = next((a for a in word.ancestors if a.dep_ == "acl:relcl"), None)
    return clause is not None and not clause.left_edge.i <= pronoun.i <= clause.right_edge.i


def _joined_to_participle(doc, mention):
    """A name hyphen-joined to a participle after it ("al-Qaeda-linked", "Iran-aligned")."""
    end = mention.end
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].tag_ in ("VBN", "VBD")


@dataclass
class SpeakerMemory:
    """The most recent speakers of a document, for pronoun speakers."""

    person: str | None = None
    group: str | None = None
    history: list = field(default_factory=list)

    def remember(self, actor_id, is_person):
        if is_person:
            self.person = actor_id
        else:
            self.group = actor_id
        self.history.append(actor_id)

    def pronoun(self, word):
        word = word.lower()
        if word in PERSON_PRONOUNS:
            return self.person
        if word in GROUP_PRONOUNS:
            return self.group or self.person
        return None


class Resolver:
    def __init__(self, index, actors, lexicon):
        self.index, self.lexicon = index, lexicon
        self.classes = {actor_id: actor.cls for actor_id, actor in actors.items()}
        self.head_words = {actor_id: actor.name.split()[-1].lower() for actor_id, actor in actors.items()}
        self.generic_heads = (lexicon.force_heads | lexicon.government_heads | lexicon.partitive_nouns
                              | lexicon.speech_nouns | lexicon.person_roles | lexicon.observer_heads
                              | lexicon.insurgent_heads | lexicon.organisation_kinds)

    def is_person(self, actor_id):
        return self.classes.get(actor_id) == "Person"

    def actors(self, token, depth=0):
        """The actor ids `token` refers to (empty when it names none)."""
        mention = self.index.at(token)
        if mention is not None and mention.kind == "collective" and depth <= MAX_DEPTH:
            # "Syrian fighters known as the Syrian National Army": the name says who they are.
            return self._named_as(token, depth) or mention.actors
        if mention is not None:
            return mention.actors
        if depth > MAX_DEPTH:
            return ()
        # The person named beside a role acts ("Polisario leader Brahim Ghali accused X"); the one
        # acted upon is the role's organisation too ("assassinated Hamas political leader X").
        named = (self._apposition, self._modifier) if token.dep_ == "nsubj" else (self._modifier, self._apposition)
        for resolve in (self._antecedent, self._reporter, self._possessor, self._named_as, self._titled, *named,
                        self._partitive, self._one_of, self._name_after, self._definite):
            found = resolve(token, depth)
            if found:
                return found
        return ()

    def conjoined(self, tokens, depth=0):
        """Actors of the tokens and every conjunct after them, in order, without
        repeats (in "forces and rebels backed by X" only the rebels are backed)."""
        found = []
        for token in tokens:
            # "The alliance, made up of A, B and C, launched": B and C hung on the alliance are its parts.
            listing = [c.i for c in token.children if c.dep_ == "acl"
                       and self.lexicon.base(c) in self.lexicon.composition_verbs | self.lexicon.containing_verbs]
            # "in favour of the government and against the Houthis": a conjunct with a preposition of its own.
            # "The junta, led by X, accused France": a name right after a finite verb is its object.
            conjuncts = [c for c in token.conjuncts if c.i > token.i and not any(i < c.i for i in listing)
                         and _preposition(c) in (None, _preposition(token))
                         and token.doc[c.left_edge.i - 1].tag_ not in ("VBD", "VBZ", "VBP")
                         and not any(g.dep_ == "amod" and g.tag_ == "VBD" for g in c.children)
                         and not self._place_address(c) and not self._described_part(c)]
            for each in (token, *conjuncts):
                for actor in self.actors(each, depth):
                    if actor not in found:
                        found.append(actor)
        return found

    def _described_part(self, conjunct):
        """"Chadian troops, part of the task force, clashed": a part of something
        set off by commas, with no "and", describes the item before it."""
        doc = conjunct.doc
        return conjunct.lemma_.lower() in self.lexicon.partitive_nouns and doc[conjunct.i - 1].text == "," \
            and not any(c.dep_ == "cc" for c in conjunct.children)

    def _place_address(self, conjunct):
        """"on the YPG in Qamishli, Syria": a name after a comma and a place
        nobody acts as says where the place is; it is no one more conjunct."""
        doc = conjunct.doc
        comma = next(t.i for t in conjunct.subtree if t.dep_ != "punct") - 1  # the comma may hang on the conjunct
        if comma < 1 or doc[comma].text != "," or any(c.dep_ == "cc" for c in conjunct.children):
            return False
        place = doc[comma - 1]
        return place.ent_type_ in ("LOC", "GPE") and self.index.at(place) is None

    def _antecedent(self, token, depth):
        if token.lower_ not in RELATIVE_PRONOUNS or token.head.dep_ != "acl:relcl":
            return ()
        # The parse may hang the clause on another noun ("weapons to the Wagner
        # Group, which fought"): the name written just before the pronoun wins.
        before = token.doc[token.i - 1] if token.i > 0 else None
        if before is not None and before.text == "," and token.i > 1:
            before = token.doc[token.i - 2]
        if before is not None and self.index.at(before) is not None:
            return self.index.at(before).actors
        antecedent = token.head.head
        found = self.actors(antecedent, depth + 1)
        # "the Hashed, a network of armed groups that has received ...": the phrase the "of" ends.
        while not found and antecedent.dep_.startswith("nmod") and antecedent.head.i < antecedent.i \
                and any(c.dep_ == "case" and c.lower_ == "of" for c in antecedent.children):
            antecedent = antecedent.head
            found = self.actors(antecedent, depth + 1)
        return found

    def _reporter(self, token, depth):
        """"The army said it had killed ...", "... said its air defences had
        downed ...": a pronoun subject (or its possessor) of the clause a speech
        verb reports is the verb's own subject."""
        if token.lower_ not in GROUP_PRONOUNS | PERSON_PRONOUNS:
            return ()
        holder = token.head if token.dep_ == "nmod:poss" else token
        if holder.dep_ == "obj" and any(c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") for c in holder.children):
            verb = holder.head  # "Hezbollah says its fighters clashed with ...", the clause read as an object
        elif holder.dep_.startswith("nsubj") and holder.head.dep_ == "ccomp":
            verb = holder.head.head
        else:
            return ()
        if self.lexicon.base(verb) not in self.lexicon.quote_verbs:
            return ()
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i):
            if subject.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS:
                return ()
            # "Russia's defence ministry said its forces ...": a body speaks of its owner's forces.
            found = self.owner_of_body(subject) or self.actors(subject, depth + 1) or tuple(
                actor for owner in subject.children if owner.dep_ == "nmod:poss" for actor in self.actors(owner, depth + 1))
            person = len(found) == 1 and self.is_person(found[0])
            agrees = (person if token.lower_ in PERSON_PRONOUNS else not person if token.lower_ in ("it", "its")
                      else subject.tag_ in ("NNS", "NNPS"))
            return found if agrees else ()
        return ()

    def _possessor(self, token, depth):
        """A possessive "its" or "their" outside reported speech: the nearest
        group named before it in the sentence ("Israel struck Hamas and its
        tunnels", "the militia in its fight against X"), unless a noun between
        them may be the owner ("sanctions on drone makers over their support")."""
        if token.lower_ not in ("its", "their") or token.dep_ != "nmod:poss":
            return ()
        acting = self._participle_subject(token, depth)
        if acting:
            return acting
        for mention in reversed(self.index.mentions):
            if token.sent.start <= mention.start < token.i and len(mention.actors) == 1 \
                    and not self.is_person(mention.actors[0]) \
                    and not _in_closed_clause(self.index.doc[mention.start], token):
                doc = self.index.doc
                # Nouns of a clause or apposition describing the group own nothing after it
                # ("Hezbollah, which helped Assad regain Aleppo, ... its war").
                described = {t.i for head in doc[mention.start:mention.end] for c in head.children
                             if c.dep_ in ("acl:relcl", "acl", "appos") for t in c.subtree}
                between = [t for t in doc[mention.end:token.i] if t.i not in described]
                # "the YPG militia, in its fight": the name's own head noun is the same owner.
                if any(t.pos_ in ("NOUN", "PROPN") and self.index.at(t) is None and self._may_own(t)
                       and tuple(self.actors(t, depth + 1)) != tuple(mention.actors) for t in between):
                    return ()
                return mention.actors
        if any(not t.is_punct for t in self.index.doc[token.sent.start:token.i]) or token.sent.start == 0:
            return ()
        # "The WFP said ... Its director ...": first in its sentence, the previous sentence's subject.
        previous = self.index.doc[token.sent.start - 1].sent.root
        for subject in (c for c in previous.children if c.dep_ == "nsubj"):
            found = self.actors(subject, depth + 1)
            if len(found) == 1 and not self.is_person(found[0]):
                return found
        # "Operation Inherent Resolve, the U.S.-led task force, noted ...": the name set off at its start.
        opening = self.index.at(previous.sent[0])
        if opening is not None and opening.end < previous.sent.end and self.index.doc[opening.end].text == "," \
                and len(opening.actors) == 1 and not self.is_person(opening.actors[0]):
            return opening.actors
        return ()

    def _may_own(self, noun):
        """A noun that may own what a later "its" or "their" names: people or a
        group ("drone makers", "the militia"), not a thing ("its influence
        shrink since the fall of its ally")."""
        return noun.tag_ in ("NNS", "NNPS") or noun.pos_ == "PROPN" or noun.lower_ in self.generic_heads

    def _participle_subject(self, token, depth):
        """"X sent weapons to Y, deepening its rivalry with Z": the owner of a
        relationship (a rivalry, support, an alliance) in the object of a
        participle set off by a comma is the clause's subject ("..., destroying
        their vehicles" may be the target's)."""
        participle, owned = token.head.head, token.head.lemma_.lower()
        lexicon = self.lexicon
        relationship = owned in lexicon.rivalry_nouns or owned in lexicon.support["backing_nouns"] \
            or owned in lexicon.alliance_nouns
        if not relationship or token.head.dep_ != "obj" or participle.tag_ != "VBG" or participle.i == 0 \
                or self.index.doc[participle.i - 1].text != ",":
            return ()
        clause = clause_verb(participle.head)
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i < participle.i]
        found = tuple(actor for subject in subjects for actor in self.actors(subject, depth + 1))
        return found if len(found) == 1 and not self.is_person(found[0]) else ()

    def owner_of_body(self, token):
        """The owner of a body written after its possessive ("Russia" of "Russia's defence ministry")."""
        mention = self.index.at(token)
        if mention is None or mention.kind != "owned-body" or mention.start < 2:
            return ()
        owner = self.index.at(self.index.doc[mention.start - 2])
        return owner.actors if owner is not None else ()

    def _named_as(self, token, depth):
        for child in token.children:
            if child.dep_ in ("acl", "acl:relcl") and child.lemma_.lower() in NAMING_VERBS:
                for name in child.children:
                    if name.dep_.startswith(("obl", "xcomp", "obj")):
                        found = self.actors(name, depth + 1)
                        if found:
                            return found
        return ()

    def _titled(self, token, depth):
        """"led by Captain Ibrahim Traore" with the title as the phrase's head: the person named."""
        return self.person_in_phrase(token) if token.text.rstrip(".") in self.lexicon.person_titles else ()

    def _modifier(self, token, depth):
        # "their Syrian rebel allies": an alliance noun names its modifier's actor too.
        lemma = token.lemma_.lower()
        if token.lower_ not in self.generic_heads and lemma not in self.generic_heads \
                and lemma not in self.lexicon.alliance_nouns:
            return ()
        # "a key U.S. ally" is an ally of the state, not the state.
        # So is a kind of organisation in a state: "Iraq's largest party", "a Syrian group".
        partner = (lemma in self.lexicon.alliance_nouns and lemma not in self.generic_heads
                   or token.lower_ in self.lexicon.organisation_kinds)
        # Nearest first: "Somalia's al-Shabaab militants" are al-Shabaab's.
        for child in sorted(token.children, key=lambda c: -c.i):
            if child.dep_ in ("compound", "amod", "flat", "nmod:poss") and child.i < token.i:
                if partner and child.dep_ == "nmod:poss":
                    continue  # "Abiy Ahmed's ally" is the other party of the alliance, not Abiy
                mention = self.index.at(child)
                if mention is not None and _joined_to_participle(self.index.doc, mention):
                    continue  # "the al-Qaeda-linked group" is linked to al-Qaeda, not al-Qaeda
                if mention is not None and partner and all(self.classes.get(a) == "State" for a in mention.actors):
                    return ()  # a state's ally, or a kind of organisation in a state, is not the state
                if mention is not None:
                    return mention.actors
                reporter = self._reporter(child, depth + 1) if child.dep_ == "nmod:poss" else ()
                if reporter:
                    return reporter  # "... said its air defences had downed ...": the speaker's
        # "Boko Haram militants" with the name parsed as a tree of its own: the name written just before.
        before = self.index.at(token.doc[token.i - 1]) if token.i > 0 else None  # also across a parser split
        if before is not None and before.end == token.i and before.kind in ("alias", "name"):
            return before.actors
        return ()

    def _partitive(self, token, depth):
        # "arrested a leader of the Sinaloa Cartel": one of its people, as "members of" are.
        one_of_its_people = token.lower_ in self.lexicon.person_roles \
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
        if token.lower_ not in self.lexicon.partitive_nouns and token.lemma_.lower() not in self.lexicon.partitive_nouns \
                and not one_of_its_people and token.tag_ != "CD":  # "killed two of the SDF's fighters"
            return ()
        # Fighters also come "from" their group: "jihadists from ISWAP", "troops from Chad".
        fighters = token.lower_ in self.lexicon.force_heads or token.lower_ in self.lexicon.insurgent_heads
        prepositions = ("of", "from") if fighters else ("of",)
        phrases = [c for c in token.children if c.dep_.startswith("nmod")]
        if fighters and token.dep_ == "obj" and not any(c.dep_ == "nmod:poss" for c in token.children):
            # "killed 10 militants from the TTP" with the phrase hung on the verb
            phrases += [c for c in token.head.children
                        if c.dep_.startswith("obl") and c.left_edge.i == token.right_edge.i + 1]
        for child in phrases:
            if any(c.dep_ == "case" and c.lower_ in prepositions for c in child.children):
                return tuple(self.conjoined([child], depth + 1))
        holders = self.holders_after(token) if fighters else []
        return tuple(self.conjoined(holders, depth + 1))  # "militants belonging to the Pakistani Taliban"

    def holders_after(self, token):
        """The holder named after a noun: "bases belonging to X", "a village held by X"
        (also with the participle hung on the verb: "attacked ships linked to X")."""
        hung_on_verb = [c for c in token.head.children if c.dep_ in ("xcomp", "advcl") and c.i == token.right_edge.i + 1
                        and c.tag_ in ("VBN", "VBD")] if token.dep_ == "obj" else []
        return [c for clause in (*token.children, *hung_on_verb)
                if clause.dep_ in ("acl", "xcomp", "advcl") and self.lexicon.base(clause) in self.lexicon.owning_verbs
                for c in clause.children
                if c.dep_.startswith("obl") and any(m.dep_ == "case" and m.lower_ in ("to", "by") for m in c.children)]

    def _apposition(self, token, depth):
        if token.lemma_.lower() in self.lexicon.event_nouns:
            return ()  # "help the army [fight] [Boko Haram]" read as a noun and its apposition
        for child in token.children:
            # "Polisario leader Brahim Ghali" with the name read as a flat part of "leader".
            if child.dep_ == "appos" or (child.dep_ == "flat" and child.i > token.i and token.pos_ == "NOUN"):
                found = self.actors(child, depth + 1)
                # "the spokesman for the coalition, X": a person is no coalition.
                if found and not (token.lower_ in self.lexicon.group_nouns and all(self.is_person(a) for a in found)):
                    return found
        if token.dep_ == "appos" and token.head.i < token.i:
            mention = self.index.at(token.head)
            if mention is not None:
                return mention.actors
        return ()

    def _name_after(self, token, depth):
        """"the Shiite militia Kataib Hezbollah" with the name hung elsewhere: a
        class noun right before a name stands for it."""
        doc = token.doc
        if token.lower_ not in self.lexicon.group_nouns or token.i + 1 >= len(doc) or not token.is_lower:
            return ()
        mention = self.index.at(doc[token.i + 1])
        return mention.actors if mention is not None and mention.kind in ("alias", "name") else ()

    def _one_of(self, token, depth):
        """"Iran, one of the countries backing X" or "Iran is one of the
        countries backing X": the group stands for the one said to be in it."""
        one = token.head
        if not (token.dep_.startswith("nmod") and one.lower_ == "one" and one.i < token.i
                and any(c.dep_ == "case" and c.lower_ == "of" for c in token.children)):
            return ()
        if one.dep_ == "appos" and one.head.i < one.i:
            return self.actors(one.head, depth + 1)
        doc = self.index.doc
        if one.i >= 2 and doc[one.i - 1].text == "," and self.index.at(doc[one.i - 2]) is not None:
            return self.index.at(doc[one.i - 2]).actors  # "The UAE, one of the members ..." read as two subjects
        subjects = [c for c in one.children if c.dep_ == "nsubj"]
        return self.actors(subjects[0], depth + 1) if subjects else ()

    def person_in_phrase(self, token):
        """The person a titled subject names ("US President Donald Trump"),
        rather than the state in its title."""
        for word in (token, *(c for c in token.children if c.dep_ in ("compound", "flat", "appos", "amod"))):
            mention = self.index.at(word)
            if mention is not None and len(mention.actors) == 1 and self.is_person(mention.actors[0]):
                return mention.actors
        return ()

    def is_role(self, token):
        """A person named by role only: "a KRG official", "the spokesman"."""
        return token.lemma_.lower() in self.lexicon.person_roles or token.lower_ in self.lexicon.person_roles

    def _definite(self, token, depth):
        """"the council" after "the Kurdistan Region Security Council": the latest
        actor named earlier whose name ends in that noun; also a bare plural of
        fighters ("rebels" after "Syrian rebels"), which news writes without "the"."""
        if any(c.dep_ == "det" and c.lower_ == "both" for c in token.children):
            return self._both(token)
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        bare_fighters = token.tag_ == "NNS" and token.lower_ in self.lexicon.insurgent_heads and not any(
            c.dep_ in ("det", "amod", "compound", "nmod:poss", "nummod") for c in token.children)
        if token.pos_ != "NOUN" or not (definite or bare_fighters):
            return ()
        for mention in reversed(self.index.mentions):
            if mention.start >= token.i or len(mention.actors) != 1:
                continue
            doc = self.index.doc
            last_word = doc[mention.end - 1].lower_  # "the army" after "Sudan's army"
            # "the rebels" after "M23 rebels" (fighters only: "the embassy" after "the US embassy" is no state)
            described_as = doc[mention.end].lower_ if mention.end < len(doc) \
                and token.lower_ in self.lexicon.insurgent_heads | self.lexicon.force_heads else None
            if token.lower_ in (self.head_words.get(mention.actors[0]), last_word, described_as):
                return mention.actors
        return self._anaphor(token) if definite else ()

    def _both(self, token):
        """"Iran, which supports both groups": the last two actors of the noun's
        kind named before it ("Hamas ... Islamic Jihad")."""
        found = list(dict.fromkeys(self._named_before(token, self.lexicon.anaphors.get(token.lemma_.lower()))))
        return tuple(reversed(found[:2])) if len(found) >= 2 else ()

    def _anaphor(self, token):
        """"Rwanda has backed the M23 ... the group": a definite class noun with
        no name of its own refers to the latest actor of its classes named before."""
        classes = self.lexicon.anaphors.get(token.lower_)
        # "the independence movement" still refers back; "the Hamas movement" names its own.
        if not classes or any(c.dep_ in ("nmod:poss", "flat", "appos") or _names_members(token, c)
                              or (c.dep_ == "compound" and not c.text.islower()) for c in token.children):
            return ()
        return next(((actor,) for actor in self._named_before(token, classes)), ())

    def _named_before(self, token, classes):
        """Actors of `classes` named alone before `token`, latest first (not one only
        hyphen-linked to what follows: "the al-Qaeda-linked group")."""
        for mention in reversed(self.index.mentions):
            if classes and mention.start < token.i and len(mention.actors) == 1 \
                    and self.classes.get(mention.actors[0]) in classes \
                    and not _joined_to_participle(self.index.doc, mention):
                yield mention.actors[0]

    def speaker(self, token, memory):
        """The actor a speech verb's subject refers to, pronouns included."""
        word = token.lower_
        if word in PERSON_PRONOUNS | GROUP_PRONOUNS:
            found = memory.pronoun(word)
            return (found,) if found else ()
        person = self.person_in_phrase(token)
        if person:
            return person
        found = self.actors(token)
        if found:
            return found
        for child in token.children:
            if child.dep_ == "nmod:poss":
                return self.speaker(child, memory)
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        if definite and token.lemma_.lower() in self.lexicon.person_roles | self.lexicon.speech_nouns:
            return (memory.group,) if memory.group else ()
        return ()


def _names_members(noun, child):
    """"the group of mediators": an "of" phrase right after the noun says who is in it."""
    return child.dep_.startswith("nmod") and child.i == noun.i + 2 and noun.doc[noun.i + 1].lower_ == "of"


def _preposition(token):
    return next((child.lower_ for child in token.children if child.dep_ == "case" and child.pos_ == "ADP"), None)
