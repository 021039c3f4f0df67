"""A new user's file of plain sentences on conflicts the curated dictionary
never heard of: the world gazetteer and the general patterns find the actors
and the edges."""
from tests.extraction_helpers import extract

SENTENCES = """\
The Rapid Support Forces attacked army positions in Khartoum on Saturday. The Sudanese army, led by General Abdel Fattah al-Burhan, launched air strikes against the RSF.
Hezbollah fired rockets at Israel, and the Israeli military struck Hezbollah targets in southern Lebanon.
The Houthis, who are backed by Iran, launched drones at Saudi Arabia.
Russia supplied weapons to the Wagner Group, which fought alongside Malian troops against jihadists of JNIM.
"We will not surrender," said RSF commander Mohamed Hamdan Dagalo.
Turkish forces and their Syrian rebel allies captured Afrin from the YPG.
"""


def test_actors_of_other_conflicts_are_found():
    actors = extract(SENTENCES).actors
    assert {"rsf", "hezbollah", "israel", "houthis", "iran", "saudi-arabia", "russia", "wagner-group",
            "jnim", "ypg", "sudanese-armed-forces", "israel-defense-forces", "malian-armed-forces",
            "turkish-armed-forces"} <= set(actors)
    assert actors["abdel-fattah-al-burhan"].cls == "Person"
    assert "popular-mobilization-forces" not in actors and "pmf" not in actors


EXPECTED = {
    ("abdel-fattah-al-burhan", "commands", "sudanese-armed-forces"),
    ("sudanese-armed-forces", "opposes", "rsf"),
    ("hezbollah", "opposes", "israel"),
    ("israel-defense-forces", "opposes", "hezbollah"),
    ("iran", "backs", "houthis"),
    ("houthis", "opposes", "saudi-arabia"),
    ("russia", "backs", "wagner-group"),
    ("wagner-group", "backs", "malian-armed-forces"),
    ("wagner-group", "opposes", "jnim"),
    ("mohamed-hamdan-dagalo", "commands", "rsf"),
    ("turkish-armed-forces", "opposes", "ypg"),
    ("turkish-armed-forces", "backs", "syrian-rebels"),
    ("syrian-rebels", "opposes", "ypg"),
}
#: Defensible readings a careful analyst would also accept.
ACCEPTABLE = {("malian-armed-forces", "opposes", "jnim"), ("rsf", "opposes", "sudanese-armed-forces")}


def test_edges_of_other_conflicts_and_nothing_else():
    found = {(r.subject, r.predicate, r.object) for r in extract(SENTENCES).relations}
    assert EXPECTED <= found
    assert found <= EXPECTED | ACCEPTABLE


def test_a_quote_with_a_speaker_nobody_listed():
    statements = extract(SENTENCES).statements
    assert [(s.speaker, s.text) for s in statements] == [("mohamed-hamdan-dagalo", "We will not surrender")]
