"""The curated actor dictionary (kg/data/actors.yaml) and its loader."""
from pathlib import Path

import pytest

from kg.actors import BUILTIN_PATH, ActorDictionary, exact_case, lookup_key
from kg.errors import ActorFileError
from kg.gazetteer import GAZETTEER_PATH
from kg.namespaces import ACTOR_CLASSES, RELATIONS
from kg.records import Actor

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


# --- the built-in dictionary ------------------------------------------------

# Every actor named in the five seed articles, by the names the articles use.
SEED_NAMES = {
    "pmf": ["Popular Mobilization Forces", "PMF", "Hashd al-Shabi", "Hashd al-Shaabi",
            "popular mobilization units", "the Hashd al-Shaabi"],
    "isf": ["Iraqi Security Forces", "Iraqi security forces", "Iraqi army", "the Iraqi military",
            "Iraq military"],
    "iraqi-government": ["Iraqi government", "Government of Iraq", "Iraqi federal government",
                         "Iraqi central government"],
    "iraq": ["Iraq", "Iraq's", "Iraq’s"],
    "krg": ["Kurdistan Regional Government", "Kurdish Regional Government", "KRG",
            "Kurdistan regional government", "Kurdish regional government", "KRG's"],
    "krsc": ["Kurdish region’s security council"],
    "peshmerga": ["Peshmerga", "peshmerga", "Kurdish Peshmerga", "Peshmerga forces"],
    "peshmerga-general-command": ["Peshmerga General Command", "Peshmerga command"],
    "ministry-of-peshmerga-affairs": ["Peshmerga ministry"],
    "puk": ["Patriotic Union of Kurdistan"],
    "cts": ["Counterterrorism Service", "counterterrorism service", "Iraqi Counterterrorism Service"],
    "federal-police": ["Federal Police", "federal police", "Iraqi Federal Police"],
    "erd": ["Emergency Response Division", "ERD"],
    "badr-organization": ["Badr Brigade"],
    "asaib-ahl-al-haq": ["Asa’ib Ahl al-Haq", "Asaib Ahl al-Haq"],
    "kataib-hezbollah": ["Kata’ib Hezbollah", "Kataib Hezbollah"],
    "abbas-division": ["Abbas Division"],
    "ali-al-akbar-brigade": ["Ali Akbar"],
    "saraya-al-khorasani": ["Khorasan"],
    "imam-ali-brigades": ["Imam Ali"],
    "iran": ["Iran", "Iran's", "Islamic Republic"],
    "irgc": ["Iranian Revolutionary Guard Corps", "IRGC", "Islamic Revolutionary Guard Corps",
             "Revolutionary Guards"],
    "quds-force": ["Quds Force", "IRGC-Quds Force", "IRGC-QF", "Quds Force’s"],
    "turkey": ["Turkey"],
    "syria": ["Syria"],
    "united-states": ["United States", "U.S.", "US", "the U.S.", "U.S.’s", "America"],
    "us-military": ["US military"],
    "us-state-department": ["State Department"],
    "us-embassy-in-baghdad": ["U.S. Embassy in Baghdad"],
    "pentagon": ["Pentagon", "The Pentagon"],
    "trump-administration": ["Trump administration", "the Trump administration"],
    "us-led-coalition": ["Operation Inherent Resolve", "US-led coalition",
                         "US-led international coalition against Islamic State"],
    "isis": ["ISIS", "Islamic State", "ISIL", "Daesh"],
    "eu": ["European Union"],
    "un": ["United Nations"],
    "cnas": ["Center for a New American Security"],
    "washington-post": ["The Washington Post"],
    "breitbart-news": ["Breitbart News"],
    "rudaw": ["Rudaw"],
    "the-tower": ["The Tower", "The\u00a0Tower"],
    "associated-press": ["AP"],
    "haider-al-abadi": ["Haider al-Abadi", "Abadi", "al-Abadi", "Haider Abadi"],
    "heather-nauert": ["Heather Nauert", "Nauert"],
    "donald-trump": ["Donald Trump", "Trump"],
    "ryan-dillon": ["Ryan Dillon", "Dillon"],
    "muntathar-al-shimaari": ["Muntathar al-Shimaari", "Muntathar Shimaari"],
    "jabbar-yawar": ["Jabbar Yawar", "Jabbar al-Yawar"],
    "bayan-sami-abdul-rahman": ["Bayan Sami Abdul Rahman", "Rahman"],
    "ammar-al-jazairi": ["Ammar al-Jazairi", "Jazairi"],
    "nicholas-heras": ["Nicholas Heras", "Heras"],
    "qassem-soleimani": ["Qassem Soleimani", "Qasem Soleimani", "Suleimani"],
    "hadi-al-amiri": ["Hadi Al-Ameri", "Hadi al-Amiri"],
    "abu-mahdi-al-muhandis": ["Abu Mahdi al-Muhandis", "Abu Mahdi Muhandis"],
    "abu-bakr-al-baghdadi": ["Abu Bakr al-Baghdadi"],
}


@pytest.mark.parametrize("actor_id, names", sorted(SEED_NAMES.items()))
def test_seed_names_resolve(actors, actor_id, names):
    for name in names:
        entry = actors.by_name(name)
        assert entry is not None and entry.id == actor_id, name


def test_spelling_variants_are_one_node(actors):
    assert actors.by_name("Hashd al-Shabi") is actors.by_name("Popular Mobilization Forces")
    assert actors.by_name("IRGC-Quds Force") is actors.by_name("Quds Force")
    assert actors.by_name("Kurdish Regional Government") is actors.by_name("Kurdistan Regional Government")
    assert actors.by_name("Iran's").id == "iran"
    assert actors.by_name("the U.S.").id == "united-states"


def test_short_acronyms_match_only_in_capitals(actors):
    for word in ("us", "is", "un", "ap", "Us", "eu"):
        assert actors.by_name(word) is None, word
    assert actors.by_name("IS").id == "isis"
    assert actors.by_demonym("us") is None
    assert actors.by_demonym("U.S.").id == "united-states"
    assert actors.by_name("the tower") is None
    assert exact_case("U.S.") and exact_case("IRGC") and not exact_case("ISIL-K")
    assert not exact_case("Daesh")


def test_places_are_not_actors_but_metonyms(actors):
    for place in ("Kirkuk", "Altun Kupri", "Fishkhabour", "Baghdad", "Erbil", "Tehran"):
        assert actors.by_name(place) is None, place
    assert actors.by_metonym("Baghdad").id == "iraqi-government"
    assert actors.by_metonym("Baghdad’s").id == "iraqi-government"
    assert actors.by_metonym("Erbil").id == "krg"
    assert actors.by_metonym("Tehran").id == "iran"
    assert actors.by_metonym("Washington").id == "united-states"
    assert actors.by_metonym("Ankara").id == "turkey"
    assert actors.by_metonym("Kirkuk") is None


def test_demonyms_lead_to_government_and_forces(actors):
    expected = {"Iraqi": ("iraq", "iraqi-government", "isf"), "Kurdish": ("krg", "krg", "peshmerga"),
                "Iranian": ("iran", "iran", "iranian-armed-forces"),
                "American": ("united-states", "united-states", "us-military"),
                "Turkish": ("turkey", "turkey", "turkish-armed-forces")}
    for adjective, (actor_id, government, forces) in expected.items():
        entry = actors.by_demonym(adjective)
        assert (entry.id, entry.government, entry.forces) == (actor_id, government, forces)


def test_every_reference_and_class_is_valid(actors):
    for entry in actors:
        assert entry.cls in ACTOR_CLASSES
        for reference in (entry.government, entry.forces):
            assert reference is None or reference in actors
        for predicate, obj, source in entry.facts:
            assert predicate in RELATIONS and obj in actors and obj != entry.id and source
        # The built-in layers: the gazetteer under the curated file.
        assert entry.origin.startswith((f"{BUILTIN_PATH}:", f"{GAZETTEER_PATH}:"))


def test_every_surface_form_resolves_to_its_actor(actors):
    forms = actors.surface_forms()
    assert forms == actors.surface_forms()
    assert len({(form, actor_id) for form, actor_id, _ in forms}) == len(forms)
    for form, actor_id, case_sensitive in forms:
        assert actors.by_name(form).id == actor_id, form
        assert case_sensitive == (form.replace("\u2019", "'") in actors.get(actor_id).case_sensitive_aliases)
    assert ("Kata\u2019ib Hezbollah", "kataib-hezbollah", False) in forms
    assert ("Hadi Amiri", "hadi-al-amiri", False) in forms
    assert ("US", "united-states", True) in forms


def test_entries_are_sorted_and_to_actor(actors):
    assert list(actors.entries) == sorted(actors.entries)
    assert len(actors) == len(list(actors)) and "pmf" in actors and actors.get("nobody") is None
    actor = actors.to_actor("pmf")
    assert isinstance(actor, Actor)
    assert (actor.id, actor.name, actor.cls, actor.wikidata) == ("pmf", "Popular Mobilization Forces",
                                                                 "Militia", "Q19610107")
    assert list(actor.aliases) == sorted(actor.aliases) and "Hashd al-Shabi" in actor.aliases


def test_lookup_key_ignores_spelling_noise():
    assert lookup_key("the U.S.’s") == "US"
    assert lookup_key("Asa’ib  Ahl al-Haq") == lookup_key("Asaib Ahl al Haq")
    assert lookup_key("The Kurds'") == "Kurds"


def test_builtin_parse_is_cached():
    ActorDictionary.load()
    from kg.actors import _builtin_layer
    assert _builtin_layer.cache_info().hits >= 1


# --- user files -----------------------------------------------------------------

def test_user_file_adds_an_actor_and_extends_another():
    actors = ActorDictionary.load([FIXTURES / "mine.yaml"])
    karim = actors.by_name("Najmiddin Karim")
    assert karim.id == "najmaldin-karim" and actors.by_name("Karim") is karim
    assert karim.facts == (("memberOf", "puk", "PUK politician, governor of Kirkuk until October 2017"),)
    assert karim.origin == f"{FIXTURES / 'mine.yaml'}:3"
    pmf = actors.get("pmf")
    assert actors.by_name("al-Hashd") is pmf and actors.by_name("Hashd al-Shabi") is pmf
    assert pmf.name == "Popular Mobilization Forces" and pmf.wikidata == "Q19610107"
    assert pmf.description.startswith("Umbrella of mostly Shia militias, formally")
    assert pmf.facts == ActorDictionary.load().get("pmf").facts


def test_renamed_actor_keeps_its_former_name():
    actors = ActorDictionary.load(str(FIXTURES / "rename.yaml"))
    isis = actors.get("isis")
    assert isis.name == "ISIS" and "Islamic State" in isis.aliases and "ISIS" not in isis.aliases
    assert actors.by_name("Islamic State") is isis


# --- malformed files: each error names the file and the line -------------------

MALFORMED = [
    ("bad_syntax.yaml", 6, "invalid YAML"),
    ("top_level_list.yaml", 1, "top level must be a mapping"),
    ("no_actors_key.yaml", 2, "unknown top-level key 'people'"),
    ("entry_not_mapping.yaml", 5, "must be a mapping"),
    ("missing_id.yaml", 5, "no 'id'"),
    ("missing_name.yaml", 5, "has no 'name'"),
    ("missing_class.yaml", 2, "has no 'class'"),
    ("bad_slug.yaml", 5, "'Bad Id' is not an actor id"),
    ("unknown_class.yaml", 4, "unknown class 'Warlord'"),
    ("unknown_key.yaml", 5, "unknown field 'alias'; did you mean 'aliases'?"),
    ("aliases_not_list.yaml", 5, "'aliases' must be a list"),
    ("alias_not_string.yaml", 7, "is not a name"),
    ("unknown_predicate.yaml", 7, "unknown fact predicate 'supports'"),
    ("unknown_fact_object.yaml", 6, "'no-such-actor' of actor 'a' names no known actor"),
    ("unknown_government.yaml", 6, "'government' of actor 'a' names no known actor: 'a-government'"),
    ("duplicate_alias_within.yaml", 8, "'alpha front' of actor 'b' already names actor 'a'"),
    ("latin1.yaml", 3, "not UTF-8"),
]


@pytest.mark.parametrize("name, line, message", MALFORMED)
def test_malformed_file_is_reported_with_its_line(name, line, message):
    path = FIXTURES / name
    with pytest.raises(ActorFileError) as caught:
        ActorDictionary.load([path])
    assert caught.value.line == line
    assert f"{path}:{line}: " in str(caught.value)
    assert message in str(caught.value)


def test_alias_of_another_actor_reports_both_origins():
    path = FIXTURES / "duplicate_alias.yaml"
    with pytest.raises(ActorFileError) as caught:
        ActorDictionary.load([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:5: name 'Hashd' of actor 'hashd-media' already names actor 'pmf'")
    assert f"({BUILTIN_PATH}:" in message


@pytest.mark.parametrize("name, message", [("empty.yaml", "is empty"), ("missing.yaml", "not found")])
def test_empty_or_missing_file(name, message):
    path = FIXTURES / name
    with pytest.raises(ActorFileError) as caught:
        ActorDictionary.load([path])
    assert caught.value.line is None
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)
