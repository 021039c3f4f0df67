"""The cue words and naming evidence the extractor reads from kg/data/."""
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


def _words(values):
    return frozenset(str(value).lower() for value in values)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict                 # relation -> lemmas
    prepositional: dict         # relation -> {lemma: prepositions}
    reciprocal: dict            # relation -> lemmas
    compounds: dict             # participle -> relation
    holding_participles: frozenset
    territory_nouns: frozenset
    event_nouns: frozenset
    event_support_verbs: frozenset
    rivalry_nouns: frozenset
    event_order_verbs: frozenset
    event_joining_verbs: frozenset
    event_attributions: frozenset
    agentive_events: frozenset
    owned_by_forces: frozenset
    owning_verbs: frozenset
    owned_by_government: frozenset
    possessed_sites: frozenset
    role_commands: frozenset
    role_member: frozenset
    role_part: frozenset
    alliance_nouns: frozenset
    #: The alliance nouns whose bearer backs their owner ("a backer of Y").
    patron_nouns: frozenset
    #: The alliance nouns whose bearer and owner back each other ("an ally of Y").
    mutual_nouns: frozenset
    hostile_nouns: frozenset
    titles: dict                # category -> title phrases (lowercase)
    support: dict               # nouns, backing_nouns, receiving_verbs, giving_verbs
    event_targets: frozenset
    command_nouns: frozenset
    adjectives: dict            # relation or 'allied' -> {adjective: prepositions}
    appointing_verbs: frozenset
    assuming: dict              # verbs, nouns
    rupture: dict               # verbs, nouns
    bonding_verbs: frozenset
    pacts: dict                 # verbs, nouns, qualifiers
    nudging: dict               # verbs, prepositions
    ordered_out: dict           # verbs, going
    close_ties: dict            # verbs, qualifiers
    paired_nouns: dict          # relation -> nouns
    spatial_adjectives: frozenset
    regarded_enemies: dict      # verbs, nouns, qualifiers
    reliance_verbs: frozenset
    appealing_verbs: frozenset
    thanking_verbs: frozenset
    seat_roles: frozenset
    launching_verbs: frozenset
    adjectival_participles: frozenset
    sanction_nouns: frozenset
    collective_qualifiers: frozenset
    partitive_nouns: frozenset
    quantity_nouns: frozenset
    spent_nouns: frozenset
    negators: frozenset
    hedges: frozenset
    denials: frozenset
    averting_marks: frozenset
    charging_marks: frozenset
    object_control: frozenset
    suffering_verbs: frozenset
    containing_verbs: frozenset
    composition_verbs: frozenset
    warning_verbs: frozenset
    loyalty_adjectives: frozenset
    blame_verbs: frozenset
    blame_predicates: frozenset
    quote_verbs: frozenset
    reported_verbs: frozenset
    speech_nouns: frozenset
    person_titles: frozenset
    office_words: frozenset
    not_names: frozenset
    place_heads: frozenset
    person_roles: frozenset
    place_taking_verbs: frozenset
    arms_nouns: frozenset
    given_names: frozenset      # capitalised, as written
    anaphors: dict              # noun -> classes it refers back to
    org_heads: dict             # capitalised head word -> class
    class_nouns: dict           # lowercase noun -> class
    owned_bodies: dict          # lowercase noun -> class
    force_heads: frozenset
    government_heads: frozenset
    insurgent_heads: frozenset
    group_nouns: frozenset      # words for a kind of group: force and insurgent heads, class nouns
    organisation_kinds: frozenset  # class nouns (and plurals) that are not forces or a government
    observer_heads: frozenset
    located_heads: frozenset
    story_forces: frozenset
    story_rulers: frozenset
    military_rulers: frozenset
    air_heads: frozenset
    story_counted: frozenset
    inflections: dict           # inflected form -> cue lemma ("disputed" -> "dispute")

    def base(self, token):
        """A verb's lemma, from the cue words' own inflections first: a wrong
        statistical lemma ("disput") must not hide a cue word."""
        return self.inflections.get(token.lower_) or token.lemma_.lower()

    def verb_relation(self, lemma):
        """The relation a verb lemma states between its subject and object."""
        for relation, lemmas in self.verbs.items():
            if lemma in lemmas:
                return relation
        return None

    def prepositional_relation(self, lemma, preposition):
        for relation, table in self.prepositional.items():
            if preposition in table.get(lemma, ()):
                return relation
        return None

    def reciprocal_relation(self, lemma):
        for relation, lemmas in self.reciprocal.items():
            if lemma in lemmas:
                return relation
        return None


IRREGULAR = {
    "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "lead": ["led"],
    "fight": ["fought"], "take": ["took", "taken"], "drive": ["drove", "driven"], "hold": ["held"],
    "run": ["ran"], "strike": ["struck", "stricken"], "stand": ["stood"], "begin": ["began", "begun"],
    "rise": ["rose", "risen"], "overrun": ["overran"], "speak": ["spoke", "spoken"], "withdraw": ["withdrew", "withdrawn"],
    "seek": ["sought"], "bring": ["brought"], "give": ["gave", "given"], "put": ["put"], "read": ["read"],
    "shoot": ["shot"], "mean": ["meant"], "deal": ["dealt"], "undertake": ["undertook", "undertaken"],
    "make": ["made"], "cut": ["cut"], "break": ["broke", "broken"], "freeze": ["froze", "frozen"],
    "choose": ["chose", "chosen"], "draw": ["drew", "drawn"], "retake": ["retook", "retaken"],
    "send": ["sent"], "sell": ["sold"], "lend": ["lent"], "swear": ["swore", "sworn"], "win": ["won"],
    "get": ["got", "gotten"], "throw": ["threw", "thrown"], "buy": ["bought"], "lose": ["lost"],
    "overthrow": ["overthrew", "overthrown"], "hit": ["hit"], "have": ["had", "has"], "oversee": ["oversaw", "overseen"],
}


def inflect(lemma):
    """Regular English verb forms of a lemma, with the irregular ones above."""
    forms = {lemma, lemma + "s", lemma + "ing", *IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "es"}
        # A doubled final consonant: "shelled", "repelled", "expelled" (both spellings of -l verbs: "pummelled").
        if len(lemma) > 2 and lemma[-1] in "bdglmnprt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _inflection_table(*lemma_sets):
    table = {}
    for lemmas in lemma_sets:
        for lemma in sorted(lemmas):
            for form in inflect(lemma):
                table.setdefault(form, lemma)
    return table


def _read(name):
    # BaseLoader keeps every scalar a string: YAML 1.1 would read "on" and "no" as booleans.
    return yaml.load(resources.files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@lru_cache(maxsize=1)
def load_lexicon():
    cues, names = _read("cues.yaml"), _read("names.yaml")
    verb_lists = [*cues["verbs"].values(), *cues["reciprocal"].values(), cues["speech"]["quote"],
                  cues["speech"]["reported"], cues["events"]["support_verbs"], cues["events"]["order_verbs"], cues["events"]["joining_verbs"], cues["events"]["attributions"], cues["support"]["receiving_verbs"], cues["support"]["giving_verbs"],
                  *[table.keys() for table in cues["prepositional"].values()], cues["denials"],
                  cues["containing_verbs"], cues["composition_verbs"], cues["appointing_verbs"], cues["assuming"]["verbs"],
                  cues["rupture"]["verbs"], cues["bonding_verbs"], cues["pacts"]["verbs"], cues["support"]["drawing_verbs"]]
    return Lexicon(
        verbs={relation: _words(lemmas) for relation, lemmas in cues["verbs"].items()},
        prepositional={relation: {lemma.lower(): _words(preps) for lemma, preps in table.items()}
                       for relation, table in cues["prepositional"].items()},
        reciprocal={relation: _words(lemmas) for relation, lemmas in cues["reciprocal"].items()},
        compounds={word.lower(): relation for word, relation in cues["compounds"].items()},
        holding_participles=_words(cues["holding_participles"]),
        territory_nouns=_words(cues["territory_nouns"]),
        event_nouns=_words(cues["events"]["opposes"]),
        event_support_verbs=_words(cues["events"]["support_verbs"]),
        rivalry_nouns=_words(cues["events"]["rivalry"]),
        event_order_verbs=_words(cues["events"]["order_verbs"]),
        event_joining_verbs=_words(cues["events"]["joining_verbs"]),
        event_attributions=_words(cues["events"]["attributions"]),
        agentive_events=_words(cues["events"]["agent_of"]),
        owned_by_forces=_words(cues["owned"]["forces"]),
        owning_verbs=_words(cues["owned"]["owning"]),
        owned_by_government=_words(cues["owned"]["government"]),
        possessed_sites=_words(cues["owned"]["sites"]),
        role_commands=_words(cues["roles"]["commands"]),
        role_member=_words(cues["roles"]["memberOf"]),
        role_part=_words(cues["roles"]["partOf"]),
        alliance_nouns=_words(cues["alliance_nouns"]["client"] + cues["alliance_nouns"]["mutual"]
                              + cues["alliance_nouns"]["patron"] + cues["alliance_nouns"]["hostile"]),
        hostile_nouns=_words(cues["alliance_nouns"]["hostile"]),
        patron_nouns=_words(cues["alliance_nouns"]["patron"]),
        mutual_nouns=_words(cues["alliance_nouns"]["mutual"]),
        support={key: _words(words) for key, words in cues["support"].items()},
        event_targets=_words(cues["event_targets"]),
        titles={category: _words(phrases) for category, phrases in cues["titles"].items()},
        command_nouns=_words(cues["command_nouns"]),
        adjectives={relation: {word.lower(): _words(preps) for word, preps in table.items()}
                    for relation, table in cues["adjectives"].items()},
        appointing_verbs=_words(cues["appointing_verbs"]),
        assuming={key: _words(words) for key, words in cues["assuming"].items()},
        rupture={key: _words(words) for key, words in cues["rupture"].items()},
        bonding_verbs=_words(cues["bonding_verbs"]),
        pacts={key: _words(words) for key, words in cues["pacts"].items()},
        nudging={key: _words(words) for key, words in cues["nudging"].items()},
        ordered_out={key: _words(words) for key, words in cues["ordered_out"].items()},
        close_ties={key: _words(words) for key, words in cues["close_ties"].items()},
        paired_nouns={key: _words(words) for key, words in cues["paired_nouns"].items()},
        spatial_adjectives=_words(cues["spatial_adjectives"]),
        regarded_enemies={key: _words(words) for key, words in cues["regarded_enemies"].items()},
        reliance_verbs=_words(cues["reliance_verbs"]),
        appealing_verbs=_words(cues["appealing_verbs"]),
        thanking_verbs=_words(cues["thanking_verbs"]),
        seat_roles=_words(cues["seat_roles"]),
        launching_verbs=_words(cues["launching_verbs"]),
        adjectival_participles=_words(cues["adjectival_participles"]),
        sanction_nouns=_words(cues["sanction_nouns"]),
        collective_qualifiers=_words(names["collective_heads"]["qualifiers"]),
        partitive_nouns=_words(cues["partitive_nouns"]),
        quantity_nouns=_words(cues["quantity_nouns"]),
        spent_nouns=_words(cues["spent_nouns"]),
        negators=_words(cues["negators"]),
        hedges=_words(cues["hedges"]),
        denials=_words(cues["denials"]),
        averting_marks=_words(cues["averting_marks"]),
        charging_marks=_words(cues["charging_marks"]),
        object_control=_words(cues["object_control"]),
        suffering_verbs=_words(cues["suffering_verbs"]),
        containing_verbs=_words(cues["containing_verbs"]),
        composition_verbs=_words(cues["composition_verbs"]),
        warning_verbs=_words(cues["warning_verbs"]),
        loyalty_adjectives=_words(cues["loyalty_adjectives"]),
        blame_verbs=_words(cues["blame"]["verbs"]),
        blame_predicates=_words(cues["blame"]["predicates"]),
        quote_verbs=_words(cues["speech"]["quote"]),
        reported_verbs=_words(cues["speech"]["reported"]),
        speech_nouns=_words(cues["speech"]["nouns"]),
        person_titles=frozenset(names["person_titles"]),
        office_words=frozenset(word.lower() for word in names["office_words"]),
        not_names=frozenset(names["not_names"]),
        place_heads=frozenset(names["place_heads"]),
        person_roles=_words(names["person_roles"]),
        place_taking_verbs=_words(names["place_taking_verbs"]),
        arms_nouns=_words(names["arms_nouns"]),
        given_names=frozenset(names["given_names"]),
        anaphors={noun.lower(): frozenset(classes) for noun, classes in names["anaphors"].items()},
        org_heads=dict(names["org_heads"]),
        class_nouns={noun.lower(): cls for noun, cls in names["class_nouns"].items()},
        owned_bodies={noun.lower(): cls for noun, cls in names["owned_bodies"].items()},
        force_heads=_words(names["collective_heads"]["forces"]),
        government_heads=_words(names["collective_heads"]["government"]),
        insurgent_heads=_words(names["collective_heads"]["insurgents"]),
        group_nouns=_words([*names["collective_heads"]["forces"], *names["collective_heads"]["insurgents"],
                            *names["collective_heads"]["story_rulers"], *names["class_nouns"]]),
        organisation_kinds=_words(f"{noun}{plural}" for noun in names["class_nouns"] for plural in ("", "s"))
        - _words(names["collective_heads"]["forces"]) - _words(names["collective_heads"]["government"]),
        observer_heads=_words(names["collective_heads"]["observers"]),
        located_heads=_words(names["collective_heads"]["located"]),
        story_forces=_words(names["collective_heads"]["story"]),
        story_rulers=_words(names["collective_heads"]["story_rulers"]),
        military_rulers=_words(names["collective_heads"]["military_rulers"]),
        air_heads=_words(names["collective_heads"]["air"]),
        story_counted=_words(names["collective_heads"]["story_counted"]),
        inflections=_inflection_table(*(_words(lemmas) for lemmas in verb_lists)),
    )
