"""The world gazetteer (kg/data/gazetteer.yaml, kg/gazetteer.py) and its place
as the lowest layer of the actor dictionary."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from kg.actors import BUILTIN_PATH, ActorDictionary
from kg.cli import cli
from kg.errors import ActorFileError
from kg.gazetteer import GAZETTEER_PATH, gazetteer_layer, read_gazetteer, slug
from kg.namespaces import KG, KGR

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


# --- lookups ---------------------------------------------------------------------

def test_names_short_forms_and_transliterations(actors):
    expected = {"Türkiye": "turkey", "Turkiye": "turkey", "UAE": "united-arab-emirates", "UK": "united-kingdom",
                "Britain": "united-kingdom", "DRC": "drc", "DR Congo": "drc", "Ivory Coast": "ivory-coast",
                "Côte d'Ivoire": "ivory-coast", "Burma": "myanmar", "Hizbullah": "hezbollah",
                "Ansar Allah": "houthis", "Tahrir al-Sham": "hts", "ISIS-K": "iskp", "RSF": "rsf",
                "Wagner Group": "wagner-group", "M23": "m23", "al-Qaida": "al-qaeda", "NATO": "nato",
                "Arab League": "arab-league", "ECOWAS": "ecowas", "Doctors Without Borders": "msf",
                "Government of Sudan": "sudan", "IDF": "israel-defense-forces", "Tatmadaw": "myanmar-armed-forces"}
    for name, actor_id in expected.items():
        entry = actors.by_name(name)
        assert entry is not None and entry.id == actor_id, name


def test_demonyms_point_at_the_state_with_its_forces_and_government(actors):
    sudan = actors.by_demonym("Sudanese")
    assert (sudan.id, sudan.government, sudan.forces) == ("sudan", "sudan", "sudanese-armed-forces")
    forces = actors.get("sudanese-armed-forces")
    assert (forces.name, forces.cls) == ("Sudanese Armed Forces", "ArmedForce")
    for name in ("SAF", "Sudanese army", "Sudanese military", "Sudanese troops", "Sudanese soldiers"):
        assert actors.by_name(name) is forces, name
    assert actors.by_demonym("Israeli").forces == "israel-defense-forces"
    assert actors.by_demonym("Congolese").id == "drc" and actors.by_demonym("Emirati").id == "united-arab-emirates"
    # an ethnic name is no state's demonym; the curated Kurdish stays the KRG's
    assert actors.by_demonym("Turkmen") is None and actors.by_demonym("Arab") is None
    assert actors.by_demonym("Kurdish").id == "krg"


def test_capitals_and_seats_of_power_are_metonyms_not_names(actors):
    assert actors.by_metonym("Ankara").id == "turkey"
    assert actors.by_metonym("Kremlin").id == "russia" and actors.by_metonym("Moscow").id == "russia"
    assert actors.by_metonym("Riyadh").id == "saudi-arabia" and actors.by_metonym("Brussels").id == "eu"
    assert actors.by_name("Ankara") is None and actors.by_name("Kremlin") is None


def test_a_distinct_government_only_where_it_is_a_party(actors):
    syria = actors.get("syria")
    assert syria.government == "syrian-government" and syria.forces == "syrian-armed-forces"
    government = actors.get("syrian-government")
    assert government.cls == "Government" and actors.by_name("Assad regime") is government
    assert actors.by_metonym("Damascus") is government and actors.by_name("Syrian government") is government
    assert actors.get("palestine").government == "palestinian-authority"
    assert actors.by_metonym("Ramallah").id == "palestinian-authority"
    # elsewhere the state is its own government: "the Turkish government" is Turkey
    assert actors.get("egypt").government == "egypt" and actors.by_name("Turkish government").id == "turkey"


def test_collective_names_are_lookups_not_matcher_forms(actors):
    """The collective rule of kg/mentions.py finds "Turkish troops" in text from
    the demonym and the forces pointer (so "Iraqi and Turkish forces" gives both)."""
    assert actors.by_name("Turkish troops").id == "turkish-armed-forces"
    surface = {form for form, _actor, _exact in actors.surface_forms()}
    assert "Turkish troops" not in surface and "Turkish Armed Forces" in surface and "TSK" in surface
    assert "Turkish troops" in actors.to_actor("turkish-armed-forces").aliases
    # the rule reads one-word demonyms: the phrases of "South Sudanese" are names, not "Sudanese army"
    assert ("South Sudanese army", "south-sudan-peoples-defence-forces", False) in actors.surface_forms()
    assert ("North Korean troops", "korean-peoples-army", False) in actors.surface_forms()


def test_short_ambiguous_forms_keep_their_case(actors):
    assert actors.by_name("UK").id == "united-kingdom" and actors.by_name("uk") is None
    assert actors.by_name("LeT").id == "lashkar-e-taiba" and actors.by_name("let") is None
    assert actors.by_name("guinea") is None and actors.by_name("Guinea").id == "guinea"
    assert actors.by_name("amnesty") is None and actors.by_name("Amnesty").id == "amnesty-international"


# --- the data ---------------------------------------------------------------------

def test_every_state_and_territory_is_there():
    states = [entry for entry in gazetteer_layer() if entry.fields["class"].value == "State"]
    assert len(states) >= 194 + 9  # 193 UN members, the Holy See; Palestine, Taiwan, Kosovo, ...
    ids = {entry.id for entry in states}
    assert {"palestine", "taiwan", "kosovo", "sahrawi-arab-democratic-republic", "northern-cyprus",
            "somaliland", "abkhazia", "south-ossetia", "transnistria", "holy-see"} <= ids
    assert "kurdistan-region" not in ids  # curated (krg)


def test_every_generated_actor_is_consistent(actors):
    for entry in actors:
        if entry.cls == "State" and entry.origin.startswith(str(GAZETTEER_PATH)):
            assert entry.government in actors and actors.get(entry.government).cls in ("State", "Government")
            assert entry.forces is None or actors.get(entry.forces).cls == "ArmedForce"
    assert actors.get("costa-rica").forces is None  # a state without armed forces
    assert "un" in actors and actors.get("unsc").facts == (
        ("partOf", "un", "UN Security Council is part of un (world gazetteer)"),)


def test_slug():
    assert slug("Côte d'Ivoire") == "cote-divoire"
    assert slug("People's Liberation Army") == "peoples-liberation-army"
    assert slug("São Tomé and Príncipe") == "sao-tome-and-principe"


def test_gazetteer_is_parsed_once():
    ActorDictionary.load()
    ActorDictionary.load()
    assert gazetteer_layer.cache_info().hits >= 1


# --- layering ------------------------------------------------------------------------

def test_curated_entries_extend_and_override_the_gazetteer(actors):
    iraq = actors.get("iraq")
    assert (iraq.government, iraq.forces, iraq.wikidata) == ("iraqi-government", "isf", "Q796")
    assert iraq.origin.startswith(f"{GAZETTEER_PATH}:")
    assert actors.get("turkey").description == "Iraq's northern neighbour, opposed to Kurdish independence."
    assert actors.by_name("Islamic Republic").id == "iran"  # added by the curated file


def test_generated_forces_are_dropped_when_the_state_points_elsewhere(actors):
    assert "iraqi-armed-forces" not in actors and "american-armed-forces" not in actors
    assert actors.get("united-states").forces == "us-military"
    assert actors.by_name("Iraqi Armed Forces").id == "isf"  # the curated ISF's alias, no conflict


def test_a_higher_layer_takes_a_gazetteer_form(actors):
    # "Baghdad" is the curated Iraqi government's metonym, given up by the gazetteer's Iraq
    assert actors.by_metonym("Baghdad").id == "iraqi-government"
    assert "Baghdad" not in actors.get("iraq").metonyms
    assert actors.by_name("Government of Iraq").id == "iraqi-government"


def test_user_file_over_both_layers():
    actors = ActorDictionary.load([FIXTURES / "over_gazetteer.yaml"])
    turkey = actors.get("turkey")
    assert turkey.description == "A state of my own study." and turkey.wikidata == "Q43"
    # Sudan's forces are now the user's actor; the generated ones are gone, their names free
    assert actors.get("sudan").forces == "sudan-army" and "sudanese-armed-forces" not in actors
    assert actors.by_name("SAF").id == "sudan-army" and actors.by_name("Sudanese Armed Forces").id == "sudan-army"
    # the user's actor named Hezbollah replaces the gazetteer's, and facts follow it
    assert "hezbollah" not in actors and actors.by_name("Hezbollah").id == "hezbollah-lebanon"
    assert actors.get("my-rebels").facts[0][:2] == ("partOf", "hezbollah-lebanon")
    # a taken alias is given up, the rest of the actor stays
    assert actors.by_name("FSA").id == "my-rebels" and actors.by_name("Free Syrian Army").id == "free-syrian-army"


def test_an_extended_gazetteer_actor_keeps_its_name_or_it_is_an_error():
    path = FIXTURES / "extends_and_takes_gazetteer_name.yaml"
    with pytest.raises(ActorFileError) as caught:
        ActorDictionary.load([path])
    assert str(caught.value).startswith(f"{path}:5: name 'Hezbollah' of actor 'party-of-god' already names "
                                        "actor 'hezbollah'")


def test_curated_and_user_conflicts_still_raise():
    path = FIXTURES / "duplicate_alias.yaml"
    with pytest.raises(ActorFileError) as caught:
        ActorDictionary.load([path])
    assert f"({BUILTIN_PATH}:" in str(caught.value)


# --- malformed gazetteers: file:line errors -------------------------------------------

MALFORMED = [
    ("states:\n  - {name: Chad, demonym: [Chadian]}\n", 2, "unknown field 'demonym'; did you mean 'demonyms'?"),
    ("states:\n  - {aliases: [X]}\n", 2, "gazetteer entry has no 'name'"),
    ("states:\n  - name: Chad\n    forces: 3\n", 3, "'forces' must be a name, or false"),
    ("states:\n  - name: Chad\n    forces: false\n    forces_aliases: [X]\n", 4, "'forces_aliases' of a state without"),
    ("states:\n  - name: Chad\n    government_aliases: [X]\n", 3, "'government_aliases' needs a 'government'"),
    ("groups:\n  - {name: A, class: Warlord}\n", 2, "unknown class 'Warlord'"),
    ("groups:\n  - {name: A, part_of: Not An Id}\n", 2, "'part_of' must be an actor id"),
    ("groups:\n  - {name: A}\n  - {name: A}\n", 3, "actor id 'a' is already defined in the gazetteer at line 2"),
    ("states:\n  - {name: Chad, demonyms: [Chadian]}\n\ngroups:\n  - {name: Chadian Armed Forces}\n", 5,
     "actor id 'chadian-armed-forces' is already defined in the gazetteer at line 2"),
    ("people:\n  - {name: A}\n", 1, "unknown section 'people'"),
    ("states: {name: Chad}\n", 1, "'states' must be a list of entries"),
    ("states:\n  - {name: Chad, aliases: [Chad\n", 3, "invalid YAML"),
]


@pytest.mark.parametrize("text, line, message", MALFORMED)
def test_malformed_gazetteer_is_reported_with_its_line(tmp_path, text, line, message):
    path = tmp_path / "gazetteer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActorFileError) as caught:
        read_gazetteer(path)
    assert caught.value.line == line
    assert f"{path}:{line}: " in str(caught.value) and message in str(caught.value)


# The states and organisations the curated file extends: the least a gazetteer must define.
MINIMAL = ("states:\n  - {name: Iraq, demonyms: [Iraqi], metonyms: [Baghdad]}\n"
           "  - {name: Iran, demonyms: [Iranian], forces_aliases: [Artesh]}\n"
           "  - {name: Turkey, demonyms: [Turkish]}\n  - {name: Syria, demonyms: [Syrian]}\n"
           "  - {name: United States, demonyms: [American]}\n")


def test_a_small_gazetteer_under_the_curated_file(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text(MINIMAL + "organizations:\n  - {name: United Nations, id: un}\n", encoding="utf-8")
    actors = ActorDictionary.load(gazetteer=path)
    assert actors.by_name("Artesh").id == "iranian-armed-forces"
    assert actors.by_metonym("Baghdad").id == "iraqi-government" and actors.by_name("Egypt") is None


def test_a_form_naming_two_gazetteer_actors_is_an_error(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text(MINIMAL + "  - {name: Congo, demonyms: [Congolese]}\n"
                    "  - {name: Republic of the Congo, demonyms: [Congolese], forces: false}\n"
                    "organizations:\n  - {name: United Nations, id: un}\n", encoding="utf-8")
    with pytest.raises(ActorFileError) as caught:
        ActorDictionary.load(gazetteer=path)
    # the collective name built from the shared demonym is the first form found twice
    assert str(caught.value).startswith(f"{path}:8: name 'Congolese government' of actor 'republic-of-the-congo' "
                                        f"already names actor 'congo' ({path}:7)")


# --- end to end ---------------------------------------------------------------------------

def test_build_finds_gazetteer_actors(tmp_path):
    text = tmp_path / "news.txt"
    text.write_text("Hezbollah fired rockets at northern Israel. Ankara condemned the attack.\n", encoding="utf-8")
    out = tmp_path / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", str(text), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    assert (KGR["actor/hezbollah"], RDF.type, KG.NonStateArmedGroup) in graph
    assert (KGR["actor/israel"], RDF.type, KG.State) in graph
    assert (KGR["actor/turkey"], RDF.type, KG.State) in graph
