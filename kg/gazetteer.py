"""The world gazetteer: every state, the usual disputed ones, the main
international organisations and well-known non-state armed groups, written by
us from public facts in kg/data/gazetteer.yaml (its header documents the
format), and expanded here into actor entries for the lowest layer of the
actor dictionary (kg/actors.py): the curated kg/data/actors.yaml and users'
files sit over it.

A state gives up to three actors: the state itself; its armed forces (class
ArmedForce, named "<Demonym> Armed Forces" unless the file names them, with
"<Demonym> troops"-style collective names); and, only where news treats the
government as a party distinct from the state, its government. Otherwise the
state is its own government ("the Turkish government", "Ankara said" name
Turkey).
"""
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from .actors import (SLUG, Given, RawEntry, compose_yaml, construct, line_of, mapping_fields, parse_list,
                     parse_scalar, show_node, unique_entries)
from .errors import ActorFileError

GAZETTEER_PATH = Path(__file__).with_name("data") / "gazetteer.yaml"

#: Section -> the class of its entries (fixed for states, the default otherwise).
SECTIONS = {
    "states": "State",
    "territories": "State",
    "organizations": "InternationalOrganization",
    "groups": "NonStateArmedGroup",
}
STATE_KEYS = ("id", "name", "aliases", "demonyms", "metonyms", "case_sensitive", "wikidata", "description",
              "forces", "forces_aliases", "government", "government_aliases")
ACTOR_KEYS = ("id", "name", "class", "aliases", "metonyms", "case_sensitive", "wikidata", "description",
              "part_of")
#: "<Demonym> <noun>" names a state's armed forces ("Sudanese army").
FORCE_NOUNS = ("armed forces", "military", "army", "forces", "troops", "soldiers")


@lru_cache(maxsize=1)
def gazetteer_layer():
    """The built-in gazetteer's entries, parsed once per process: every `kg`
    command loads the dictionary."""
    return read_gazetteer(GAZETTEER_PATH)


def read_gazetteer(path):
    """The actor entries (actors.RawEntry) a gazetteer file expands to;
    ActorFileError with the file and line for malformed data."""
    path = str(path)
    root = compose_yaml(path, "gazetteer")
    if root is None:
        raise ActorFileError(path, None, f"gazetteer is empty; expected {', '.join(SECTIONS)}")
    if not isinstance(root, yaml.MappingNode):
        raise ActorFileError(path, line_of(root), f"the top level must be a mapping of {', '.join(SECTIONS)}")
    return unique_entries(path, _expand_sections(path, root), "in the gazetteer")


def _expand_sections(path, root):
    for key_node, value_node in root.value:
        section = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if section not in SECTIONS:
            raise ActorFileError(path, line_of(key_node), f"unknown section {show_node(key_node)}; "
                                                          f"the sections are {', '.join(SECTIONS)}")
        if not isinstance(value_node, yaml.SequenceNode):
            raise ActorFileError(path, line_of(value_node), f"{section!r} must be a list of entries")
        expand = _state if section in ("states", "territories") else _actor
        for node in value_node.value:
            yield from expand(path, node, SECTIONS[section])


def slug(name):
    """An actor id from a name: "Côte d'Ivoire" -> "cote-divoire"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’.]", "", ascii_name.lower())).strip("-")


# --- one entry ------------------------------------------------------------------

def _fields(path, node, keys):
    """key -> (value node, key node) of one entry, with its keys checked."""
    fields = mapping_fields(path, node, keys, "a gazetteer entry")
    if "name" not in fields:
        raise ActorFileError(path, line_of(node), "gazetteer entry has no 'name'")
    return fields


def _scalar(path, fields, key):
    """The Given of a scalar field (validated as actors.py does), or None."""
    if key not in fields:
        return None
    node = fields[key][0]
    return Given(parse_scalar(path, key, node), line_of(node))


def _list(path, fields, key):
    return parse_list(path, key, fields[key][0]) if key in fields else ()


def _name(path, fields, key):
    """A name-valued field (the forces' or the government's name); False when
    the file writes false (a state without armed forces)."""
    node = fields[key][0]
    value = construct(node)
    if value is False and key == "forces":
        return False
    if not isinstance(value, str) or not value.strip():
        allowed = "a name, or false for a state without armed forces" if key == "forces" else "a name"
        raise ActorFileError(path, line_of(node), f"{key!r} must be {allowed}")
    return Given(value.strip(), line_of(node))


def _entry_id(path, fields, name):
    given = _scalar(path, fields, "id")
    if given is not None:
        return given.value
    actor_id = slug(name.value)
    if not SLUG.match(actor_id):
        raise ActorFileError(path, name.line, f"cannot make an actor id from {name.value!r}; give an 'id'")
    return actor_id


def _collective(demonyms, nouns, known):
    """"<Demonym> <noun>" for each demonym and noun, except names already known,
    as (collective names, aliases): the collective rule of kg/mentions.py reads
    a one-word demonym in text, so only the phrases of a demonym of several
    words ("South Sudanese army", "Bissau-Guinean troops") must be matched as
    names, else "South Sudanese army" would read as Sudan's."""
    seen = {form.casefold() for form in known}
    collective, aliases = [], []
    for demonym in demonyms:
        several_words = re.search(r"[\s-]", demonym.value) is not None
        for noun in nouns:
            form = f"{demonym.value} {noun}"
            if form.casefold() not in seen:
                seen.add(form.casefold())
                (aliases if several_words else collective).append(Given(form, demonym.line))
    return tuple(collective), tuple(aliases)


def _state(path, node, cls):
    """The state's entry, then its generated armed forces and government."""
    fields = _fields(path, node, STATE_KEYS)
    name = _scalar(path, fields, "name")
    state_id = _entry_id(path, fields, name)
    demonyms = _list(path, fields, "demonyms")
    metonyms = _list(path, fields, "metonyms")
    line = line_of(node)
    generated = []

    forces = _name(path, fields, "forces") if "forces" in fields else None
    if forces is not False:
        if forces is None:
            label = f"{demonyms[0].value} Armed Forces" if demonyms else f"Armed Forces of {name.value}"
            forces = Given(label, line)
        aliases = _list(path, fields, "forces_aliases")
        collective, phrases = _collective(demonyms, FORCE_NOUNS, [forces.value, *(a.value for a in aliases)])
        generated.append(RawEntry(path, forces.line, slug(forces.value), {
            "name": forces,
            "class": Given("ArmedForce", forces.line),
            "aliases": (*aliases, *phrases),
            "collective_names": collective,
            "description": Given(f"The armed forces of {name.value}.", forces.line),
        }, generated=(state_id, "forces")))
    elif "forces_aliases" in fields:
        raise ActorFileError(path, line_of(fields["forces_aliases"][1]),
                             "'forces_aliases' of a state without armed forces (forces: false)")

    own_government = Given(f"Government of {name.value}", name.line)
    if "government" in fields:
        government = _name(path, fields, "government")
        government_id = slug(government.value)
        aliases = (own_government, *_list(path, fields, "government_aliases"))
        collective, phrases = _collective(demonyms, ("government",), [government.value, *(a.value for a in aliases)])
        generated.append(RawEntry(path, government.line, government_id, {
            "name": government,
            "class": Given("Government", government.line),
            "aliases": (*aliases, *phrases),
            "collective_names": collective,
            "metonyms": metonyms,  # a capital acting stands for a distinct government
            "description": Given(f"The government of {name.value}.", government.line),
        }, generated=(state_id, "government")))
        state_metonyms, state_aliases, state_collective = (), (), ()
    elif "government_aliases" in fields:
        raise ActorFileError(path, line_of(fields["government_aliases"][1]),
                             "'government_aliases' needs a 'government' name (a government distinct from the state)")
    else:
        government, government_id = Given(state_id, line), state_id
        state_collective, phrases = _collective(demonyms, ("government",), [name.value])
        state_metonyms, state_aliases = metonyms, (own_government, *phrases)

    state = RawEntry(path, line, state_id, {
        "name": name,
        "class": Given(cls, line),
        "aliases": (*_list(path, fields, "aliases"), *state_aliases),
        "collective_names": state_collective,
        "demonyms": demonyms,
        "metonyms": state_metonyms,
        "government": Given(government_id, government.line),
        **({"forces": Given(generated[0].id, generated[0].line)} if forces is not False else {}),
        **{key: given for key in ("wikidata", "description") if (given := _scalar(path, fields, key))},
    })
    return _with_case_sensitive([state, *generated], _list(path, fields, "case_sensitive"))


def _with_case_sensitive(entries, forms):
    """The entries, each with the case_sensitive forms it writes (the state's
    when none does: the merge reports the stray form with its line)."""
    result = []
    for entry in entries:
        written = {given.value for key in ("name", "aliases", "collective_names", "demonyms", "metonyms")
                   for given in _givens(entry.fields.get(key))}
        own = tuple(given for given in forms if given.value in written)
        if entry is entries[0]:
            others = {given.value for other in entries[1:] for key in ("name", "aliases")
                      for given in _givens(other.fields.get(key))}
            own += tuple(given for given in forms if given.value not in written and given.value not in others)
        result.append(RawEntry(entry.path, entry.line, entry.id, {**entry.fields, "case_sensitive": own},
                               generated=entry.generated) if own else entry)
    return result


def _givens(value):
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _actor(path, node, default_class):
    """An organisation or group: one actor."""
    fields = _fields(path, node, ACTOR_KEYS)
    name = _scalar(path, fields, "name")
    line = line_of(node)
    cls = _scalar(path, fields, "class") or Given(default_class, line)
    entry = {
        "name": name,
        "class": cls,
        "aliases": _list(path, fields, "aliases"),
        "metonyms": _list(path, fields, "metonyms"),
        "case_sensitive": _list(path, fields, "case_sensitive"),
        **{key: given for key in ("wikidata", "description") if (given := _scalar(path, fields, key))},
    }
    if "part_of" in fields:
        node = fields["part_of"][0]
        parent = construct(node)
        if not isinstance(parent, str) or not SLUG.match(parent):
            raise ActorFileError(path, line_of(node), f"'part_of' must be an actor id, not {parent!r}")
        entry["facts"] = (Given(("partOf", parent, f"{name.value} is part of {parent} (world gazetteer)"),
                                line_of(node)),)
    return [RawEntry(path, line, _entry_id(path, fields, name), entry)]
