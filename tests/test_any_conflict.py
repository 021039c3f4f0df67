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


def test_edges_of_other_conflicts():
    found = {(r.subject, r.predicate, r.object) for r in extract(SENTENCES).relations}
    assert {
        ("abdel-fattah-al-burhan", "commands", "sudanese-armed-forces"),
        ("sudanese-armed-forces", "opposes", "rsf"),
        ("hezbollah", "opposes", "israel"),
        ("iran", "backs", "houthis"),
        ("houthis", "opposes", "saudi-arabia"),
        ("wagner-group", "backs", "malian-armed-forces"),
        ("wagner-group", "opposes", "jnim"),
    } <= found
    assert not any("pmf" in (s, o) for s, _p, o in found)


def test_a_quote_with_a_speaker_nobody_listed():
    statements = extract(SENTENCES).statements
    assert any(s.text.startswith("We will not surrender") for s in statements)
