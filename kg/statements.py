"""Statements: direct quotes with their attribution, and reported speech.

A quote's speaker is the subject of a speech verb next to it ("…,” Nauert
said", "said the U.S. Embassy", "X told reporters: “…”"), a pronoun resolved
to the latest fitting speaker ("she said"), or, for a quote that continues
an attributed one in the same or the next paragraph, the same speaker.
"""
import itertools
import re
from dataclasses import dataclass

from .clean import trim
from .quotes import Quote, adjacent, find_quotes, inside_mask
from .records import Statement
from .resolve import PERSON_PRONOUNS, GROUP_PRONOUNS

PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS

SHORT_QUOTE_WORDS = 3
POSITION_MODALS = frozenset({"will", "would", "must", "should", "shall", "cannot", "wo", "ca", "'ll"})
MIN_REPORTED_TOKENS = 5
LIST_BULLETS = frozenset({"-", "–", "—", "•", "*"})
#: A full stop after a lower-case word or a number ("... the operation. "), not after "Gen." or "U.S.".
SENTENCE_END = re.compile(r"(?:\b[a-z]\w*|\d)[.!?]['\"”’)]*\s")


#: Speech verbs whose object is the one spoken to ("told AFP", "briefed reporters").
ADDRESSING_VERBS = frozenset({"tell", "brief", "inform", "assure", "warn", "urge"})


@dataclass
class Attribution:
    quote: Quote
    speaker: str | None
    verb: object
    method: str


class StatementFinder:
    def __init__(self, doc, resolver, lexicon, memory):
        self.doc, self.resolver, self.lexicon, self.memory = doc, resolver, lexicon, memory

    def find(self, document, text):
        quotes = find_quotes(self.doc.text)
        inside = self.inside = inside_mask(len(self.doc.text), quotes)
        attributed, reported = [], []
        remaining = list(quotes)
        for sentence in self.doc.sents:
            self._note_speakers(sentence, inside)
            while remaining and remaining[0].start < sentence.end_char:
                quote = remaining.pop(0)
                if attributed and _coordinated(self.doc.text, attributed[-1].quote, quote):
                    # "... “the air escalation” and “the siege of our country”": one speaker for both
                    speaker, verb = attributed[-1].speaker, attributed[-1].verb
                else:
                    speaker, verb = self._attribution(quote, quotes, inside)
                attributed.append(Attribution(quote, speaker, verb, "direct-quote"))
            reported.extend(self._reported(document, text, sentence, inside))
        self._continue_speakers(attributed)
        return self._direct(document, text, attributed) + reported

    def _continue_speakers(self, attributed):
        """A quote with no attribution of its own continues the neighbouring
        one: the previous quote's speaker, or, for a paragraph left open
        (quotes across paragraphs), the speaker named in the next paragraph."""
        for before, item in zip(attributed, attributed[1:]):
            if item.speaker is None and before.speaker is not None and adjacent(before.quote, item.quote) \
                    and not self._other_speech_between(before.quote, item.quote):
                item.speaker, item.method = before.speaker, "quote-continuation"
        for item, after in reversed(list(zip(attributed, attributed[1:]))):
            if item.speaker is None and not item.quote.closed and after.speaker is not None \
                    and after.quote.paragraph == item.quote.paragraph + 1:
                item.speaker, item.method = after.speaker, "quote-continuation"

    def _direct(self, document, text, attributed):
        statements, previous = [], None
        for item in attributed:
            if item.speaker is None:
                continue
            statement = self._statement(document, text, item.quote, item.speaker, item.verb, item.method)
            if previous is not None and previous.speaker == item.speaker and adjacent(previous.quote, item.quote):
                statement = _joined(statements.pop(), statement, text)
            statements.append(statement)
            previous = item
        return statements

    # -- direct quotes ---------------------------------------------------------

    def _attribution(self, quote, quotes, inside):
        """(speaker, verb) for a quote: the nearest speech verb outside quotes in
        the text between the neighbouring quotes, within the paragraph."""
        region_start, region_end = self._region(quote, quotes)
        candidates = []
        for token in self.doc.char_span(region_start, region_end, alignment_mode="expand") or []:
            if inside[token.idx] or self.lexicon.base(token) not in self.lexicon.quote_verbs or token.pos_ not in ("VERB", "AUX"):
                continue
            before = token.idx < quote.mark_start
            distance = quote.mark_start - token.idx if before else token.idx - quote.mark_end
            between = self.doc.text[token.idx:quote.mark_start] if before else self.doc.text[quote.mark_end:token.idx]
            # A verb of the quote's own sentence wins over a nearer one across a full stop.
            candidates.append(((bool(SENTENCE_END.search(between)), distance), token))
        for _rank, verb in sorted(candidates, key=lambda pair: pair[0]):
            verb = self._governing_speech_verb(verb)
            if self._is_scare_quote(quote, verb):
                continue
            speaker = self._subject_before_quote(quote, verb) or self._speaker_of(verb)
            if speaker:
                return speaker, verb
        return self._according_to(quote, region_start, region_end, inside), None

    def _according_to(self, quote, region_start, region_end, inside):
        """"According to Hamas spokesman X, “...”": the source named after
        "according to" in the quote's sentence, for a quote of a clause or more."""
        if len(re.findall(r"\w+", self.doc.text[quote.start:quote.end])) <= SHORT_QUOTE_WORDS:
            return None
        for token in self.doc.char_span(region_start, region_end, alignment_mode="expand") or []:
            if token.lower_ != "according" or inside[token.idx] or token.i + 2 >= len(self.doc) \
                    or self.doc[token.i + 1].lower_ != "to":
                continue
            source = token.head if token.dep_ == "case" and token.head.i > token.i else self.doc[token.i + 2]
            phrase = itertools.takewhile(lambda t: not t.is_punct or t.text in "-’'", self.doc[token.i + 2:])
            people = (self.resolver.person_in_phrase(t) for t in phrase)
            found = next((person for person in people if person), None) or self.resolver.speaker(source, self.memory)
            if found:
                return found[0]  # a source, not the story's speaker: later pronouns are not it
        return None

    def _governing_speech_verb(self, verb):
        """"X said that the SDF continues “to ...”": the verb inside the
        reported clause is not the attribution; the speech verb above it is."""
        token = verb
        for _step in range(3):
            # "said that X continues", also "said in a statement that X continues" read as a
            # clause of the noun "statement".
            if token.dep_ not in ("ccomp", "xcomp", "conj", "acl", "obl") or token.head.i == token.i:
                break
            token = token.head
            if self.lexicon.base(token) in self.lexicon.reported_verbs and token.pos_ in ("VERB", "AUX"):
                return token
        return verb

    def _subject_before_quote(self, quote, verb):
        """"Yemen's government “has exhausted all means,” it said": a group
        pronoun as the speaker stands for the organisation named right before
        the quote, in its sentence."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].lower_ not in GROUP_PRONOUNS or subjects[0].i < verb.i - 1:
            return None
        opening = self.doc.char_span(quote.mark_start, quote.mark_start + 1, alignment_mode="expand")
        if opening is None:
            return None
        sentence = opening[0].sent
        before = [m for m in self.resolver.index.mentions if sentence.start <= m.start and m.end <= opening.start
                  and len(m.actors) == 1 and not self.resolver.is_person(m.actors[0])]
        if not before or opening.start - before[-1].end > 4:
            return None
        self._remember(before[-1].actors)
        return before[-1].actors[0]

    def _region(self, quote, quotes):
        position = quotes.index(quote)
        text = self.doc.text
        paragraph_start = text.rfind("\n", 0, quote.mark_start) + 1
        paragraph_end = text.find("\n", quote.mark_end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        start = max(paragraph_start, quotes[position - 1].mark_end if position else 0)
        end = min(paragraph_end, quotes[position + 1].mark_start if position + 1 < len(quotes) else len(text))
        # Attribution after a quote ends at the sentence end ("…,” she said.).
        return start, max(end, quote.mark_end)

    def _is_scare_quote(self, quote, verb):
        """A word or two in quotes inside a clause is the writer's, unless the
        speech verb governs it directly ("referred to X as “a misunderstanding”")."""
        words = re.findall(r"\w+", self.doc.text[quote.start:quote.end])
        if len(words) > SHORT_QUOTE_WORDS:
            return False
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return True
        for token in span:
            head = token.head
            if head.i == verb.i or (head.head.i == verb.i and head.dep_ in ("case", "obl") and not (span.start <= head.i < span.end)):
                return False
            if token.dep_ in ("ccomp", "obl", "obj", "xcomp", "parataxis") and head.i == verb.i:
                return False
        root = span.root
        if root.head.i == verb.i or root.head.head.i == verb.i and root.head.dep_ in ("obl", "xcomp"):
            return False
        # Quoted words inside the clause a speaker's verb reports are the speaker's:
        # 'X would "respond in kind," Y added'.
        if len(words) < 2 or not any(c.dep_ == "nsubj" for c in verb.children):
            return True
        return not any(clause == root or clause in root.ancestors for clause in _reported_clauses(verb))

    def _speaker_of(self, verb):
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubj:pass")]
        # "Sudan's army chief Abdel Fattah al-Burhan told": the person, where the parse made the title a subject too.
        subjects.sort(key=lambda subject: not self.resolver.person_in_phrase(subject))
        for subject in subjects:
            found = self.resolver.speaker(subject, self.memory)
            if found:
                self._remember(found, self.resolver.is_role(subject))
                return found[0]
        # No subject, or one that names no actor (a parse that took the title
        # for the subject): the actor written around the verb.
        found = self._nearby_speaker(verb)
        if found:
            self._remember(found)
            return found[0]
        return None

    def _nearby_speaker(self, verb):
        """When the parse gives a speech verb no subject: the clause's first
        person named before the verb, else its first actor, else the first
        actor right after the verb ("…,” said the U.S. Embassy)."""
        sentence = verb.sent
        before = self._mentions_in(sentence.start, verb.i)
        people = [m for m in before if self.resolver.is_person(m.actors[0])]
        if people or before:
            return (people or before)[0].actors
        if any(child.dep_ in ("nsubj", "nsubj:pass") for child in verb.children):
            return ()  # "the three juntas announced they would quit ECOWAS": a speaker nobody named
        after = self._mentions_in(verb.i + 1, min(verb.i + 6, sentence.end))
        # "a resident told AFP": whom one tells is no speaker.
        addressees = {child.i for child in verb.children if child.dep_ in ("obj", "iobj")} \
            if self.lexicon.base(verb) in ADDRESSING_VERBS else set()
        after = [m for m in after if not addressees & set(range(m.start, m.end))]
        return after[0].actors if after else ()

    def _mentions_in(self, start, end):
        found = []
        for token in self.doc[start:end]:
            if self.inside[token.idx]:
                continue
            mention = self.resolver.index.at(token)
            if mention is not None and (not found or found[-1] is not mention):
                found.append(mention)
        return found

    def _note_speakers(self, sentence, inside):
        """Remember who speaks in a sentence even without a quote ("X released
        a statement"), so that a later "it said" finds them."""
        for token in sentence:
            if inside[token.idx] or token.pos_ != "VERB":
                continue
            speaks = self.lexicon.base(token) in self.lexicon.quote_verbs
            for subject in token.children:
                # The subject, or a name left of the verb the parse attached otherwise.
                subject_like = subject.dep_ == "nsubj" or (subject.i < token.i and subject.dep_ in ("compound", "dep", "flat"))
                if not subject_like or subject.lower_ in PRONOUNS:
                    continue
                found = self.resolver.speaker(subject, self.memory) if speaks else self.resolver.actors(subject)
                # Any person acting is a fitting antecedent for a later "he said".
                if found and (speaks or self.resolver.is_person(found[0])):
                    self._remember(found, speaks and self.resolver.is_role(subject))
                break  # a verb has one subject; a second is a parse error

    def _remember(self, actors, said_by_a_person=False):
        """Note a speaker for later pronouns; "a KRG official" is a "he" or "she"."""
        actor = actors[0]
        self.memory.remember(actor, said_by_a_person or self.resolver.is_person(actor))

    def _other_speech_between(self, first, second):
        span = self.doc.char_span(first.mark_end, second.mark_start, alignment_mode="expand")
        if span is None:
            return False
        return any(not self.inside[t.idx] and self.lexicon.base(t) in self.lexicon.quote_verbs and t.pos_ == "VERB"
                   and any(c.dep_.startswith("nsubj") for c in t.children) for t in span)

    def _statement(self, document, text, quote, speaker, verb, method):
        start, end = quote.mark_start, quote.mark_end
        if verb is not None:
            sentence = verb.sent
            start, end = min(start, sentence.start_char), max(end, sentence.end_char)
        quote_sentence = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if quote_sentence is not None:
            start = min(start, quote_sentence[0].sent.start_char)
        start, end = trim(self.doc.text, start, end)
        mentions = tuple(a for a in self.resolver.index.actors_between(quote.start, quote.end) if a != speaker)
        return Statement(speaker=speaker, text=_squash(text[quote.start:quote.end]), quote_type="direct",
                         doc_id=document.id, evidence=text[start:end], start=start, end=end,
                         mentions=mentions, confidence=0.9 if method == "direct-quote" else 0.8, method=method)

    # -- reported speech -------------------------------------------------------

    def _reported(self, document, text, sentence, inside):
        """"Abadi said the move was necessary …": the clause a speech verb
        reports, when it states a position (see `_states_position`) and the
        sentence holds no direct quote (which is the better record of it)."""
        found = []
        if any(inside[token.idx] for token in sentence):
            return found
        for verb in sentence:
            if self.lexicon.base(verb) not in self.lexicon.reported_verbs or verb.pos_ != "VERB":
                continue
            for clause in (c for c in verb.children if c.dep_ == "ccomp" and _states_position(c)):
                statement = self._reported_statement(document, text, sentence, verb, clause)
                if statement is not None:
                    found.append(statement)
        return found

    def _reported_statement(self, document, text, sentence, verb, clause):
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i and t.i < clause.i)]
        tokens = list(itertools.dropwhile(lambda t: t.text in LIST_BULLETS, tokens))  # "- The United States will ..."
        if len(tokens) < MIN_REPORTED_TOKENS:
            return None
        subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        speaker_mention = self.resolver.index.at(subject[0]) if subject else None
        if speaker_mention is not None and len(speaker_mention.actors) > 1:
            return None  # "Iraqi and Peshmerga commanders said": no one speaker
        speaker = self._speaker_of(verb)
        if speaker is None:
            return None
        content_start, content_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        start, end = trim(self.doc.text, sentence.start_char, sentence.end_char)
        mentions = tuple(a for a in self.resolver.index.actors_between(content_start, content_end) if a != speaker)
        return Statement(speaker=speaker, text=_squash(text[content_start:content_end]).rstrip(".,;"),
                         quote_type="indirect", doc_id=document.id, evidence=text[start:end],
                         start=start, end=end, mentions=mentions, confidence=0.75, method="reported-speech")


def _coordinated(text, first, second):
    """Whether two quotes are items of one list ("“A” and “B”", "“A”, “B”")."""
    return text[first.mark_end:second.mark_start].strip() in (",", "and", "or", ", and", ", or")


def _reported_clauses(verb):
    """The clauses a speech verb reports: its complement, the clause it is
    appended to ("X will respond, Y added"), also where the parse made the
    appended "Y added" a tree of its own."""
    if verb.dep_ == "parataxis":
        return [verb.head]
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    first = min((verb, *verb.lefts), key=lambda token: token.i)
    if not clauses and first.i > 1 and verb.doc[first.i - 1].text == ",":
        clause = verb.doc[first.i - 2]
        while clause.head.i != clause.i:
            clause = clause.head
        clauses.append(clause)
    return clauses


def _states_position(clause):
    """A reported clause that states a position, not a report of events: a
    finite clause with a subject whose predicate is modal ("will remain
    neutral", "would accept nothing less") or evaluative ("was necessary",
    "is unacceptable"). Reported events ("forces tried to halt the advance")
    are better recorded as relations."""
    if not any(child.dep_ in ("nsubj", "nsubj:pass", "expl") for child in clause.children):
        return False
    if any(child.dep_ == "aux" and child.lower_ in POSITION_MODALS for child in clause.children):
        return True
    return clause.pos_ == "ADJ" and any(child.dep_ == "cop" for child in clause.children)


def _joined(first, second, text):
    """One statement for an utterance the writer split with an attribution
    ("“…,” Nauert said. “…”")."""
    start, end = min(first.start, second.start), max(first.end, second.end)
    return Statement(speaker=first.speaker, text=f"{first.text} {second.text}", quote_type="direct",
                     doc_id=first.doc_id, evidence=text[start:end], start=start, end=end,
                     mentions=tuple(dict.fromkeys(first.mentions + second.mentions)),
                     confidence=max(first.confidence, second.confidence), method=first.method)


def _squash(text):
    return re.sub(r"\s+", " ", text).strip()
