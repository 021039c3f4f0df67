"""The actor dictionary: the world gazetteer (kg/data/gazetteer.yaml, see
kg/gazetteer.py), the curated dictionary kg/data/actors.yaml over it, and
users' actor files over both; validated with file:line errors and looked up by
any name.

The file format and the matching rules are documented in the header of
kg/data/actors.yaml. Each layer adds actors with new ids; an entry with an
existing id overrides the fields it gives and adds its aliases, demonyms,
metonyms and facts to the existing ones. The gazetteer yields to the layers
over it: its generated armed forces or government of a state is dropped when
the state's `forces:` or `government:` points elsewhere, and a form another
actor of a higher layer uses is given up (the whole gazetteer entry when it is
its name). Conflicts within one layer, or between the curated file and users'
files, are errors.
"""
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import ActorFileError
from .namespaces import ACTOR_CLASSES, RELATIONS
from .records import Actor

BUILTIN_PATH = Path(__file__).with_name("data") / "actors.yaml"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*\Z")
SCALAR_FIELDS = ("name", "class", "government", "forces", "wikidata", "description")
LIST_FIELDS = ("aliases", "demonyms", "metonyms", "generic_names", "case_sensitive")
FIELDS = ("id", *SCALAR_FIELDS, *LIST_FIELDS, "facts")
#: Lists only the gazetteer writes: phrases the collective rule of
#: kg/mentions.py already finds in text ("Turkish troops"), so they are names
#: for lookups but not surface forms for the matcher.
INTERNAL_LIST_FIELDS = ("collective_names",)
#: Scalar fields a file may set to null (to clear an inherited value).
NULLABLE = ("government", "forces", "wikidata", "description")

# Every apostrophe-like character news text uses, mapped to "'".
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bf\u02be`\u00b4"})
# libyaml's loader when PyYAML was built with it: it parses about 7 times faster
# and keeps the same line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The Arabic article in a person's name: "al-Abadi", "Al Ameri".
_AL = re.compile(r"\b[Aa]l[-\s]+(?=\w)")


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the dictionary, after merging every file that names it."""

    id: str
    name: str
    cls: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]
    #: Generic phrases that mean this actor in stories of its region ("Shiite
    #: militias" -> pmf); matched only where no name is, with less confidence.
    generic_names: tuple[str, ...]
    #: "<Demonym> troops"-style names, looked up like aliases but left to the
    #: collective rule in text (see INTERNAL_LIST_FIELDS).
    collective_names: tuple[str, ...]
    government: str | None
    forces: str | None
    wikidata: str | None
    facts: tuple[tuple[str, str, str], ...]  # (predicate, object id, source note)
    description: str | None
    origin: str  # "path:line" of the entry that introduced the id
    #: Every name, alias, demonym or metonym of this actor that matches only
    #: with its exact case (see the rule in kg/data/actors.yaml).
    case_sensitive_aliases: frozenset[str]

    def names(self):
        """The canonical name, then the aliases, as written."""
        return (self.name, *self.aliases)

    def labels(self):
        """Every alternative name for the graph: aliases and collective names."""
        return (*self.aliases, *self.collective_names)


def lookup_key(text):
    """The spelling a lookup compares, case kept: no leading "the", no
    possessive 's, no dots (U.S. = US), no apostrophes (Asa'ib = Asaib), and
    hyphens or dashes read as spaces."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_APOSTROPHES).strip()
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s?$", "", text, flags=re.IGNORECASE)
    text = text.replace(".", "").replace("'", "")
    return re.sub(r"[\s\u2010-\u2015-]+", " ", text).strip()


def exact_case(form):
    """Whether a form matches only with its exact case by default: no lowercase
    letter and at most four letters ("US", "U.S.", "IS", "IRGC")."""
    letters = [char for char in form if char.isalpha()]
    return 0 < len(letters) <= 4 and not any(char.islower() for char in letters)


def without_al(form):
    """A person's name without the Arabic article: "Hadi al-Amiri" -> "Hadi Amiri"."""
    return re.sub(r"\s+", " ", _AL.sub("", form)).strip()


class _FormIndex:
    """Forms of actors, looked up by lookup_key: case-folded for most forms,
    exact for the case-sensitive ones."""

    def __init__(self):
        self.folded, self.exact = {}, {}

    def add(self, form, actor_id, exact):
        key = lookup_key(form)
        if exact:
            self.exact[key] = actor_id
        else:
            self.folded[key.casefold()] = actor_id

    def get(self, text):
        key = lookup_key(text)
        return self.folded.get(key.casefold()) or self.exact.get(key)


class ActorDictionary:
    """Actors by id (sorted), with lookups by name, demonym and metonym."""

    def __init__(self, entries):
        self.entries = {actor_id: entries[actor_id] for actor_id in sorted(entries)}
        self._names, self._demonyms, self._metonyms = _FormIndex(), _FormIndex(), _FormIndex()
        self._people = {}  # case-folded key without "al" -> person id
        self._surface = []
        self._states_of = {}  # forces or government id -> the state it belongs to
        for entry in self.entries.values():
            for part in (entry.forces, entry.government):
                if part and part != entry.id:
                    self._states_of.setdefault(part, entry.id)
        for entry in self.entries.values():
            exact = entry.case_sensitive_aliases
            for form in _name_forms(entry):
                self._names.add(form, entry.id, form in exact)
                if entry.cls == "Person":
                    self._people.setdefault(without_al(lookup_key(form)).casefold(), entry.id)
                for variant in dict.fromkeys((form, form.replace("'", "\u2019"))):
                    self._surface.append((variant, entry.id, form in exact))
            for form in entry.collective_names:
                self._names.add(form, entry.id, form in exact)
            for demonym in entry.demonyms:
                self._demonyms.add(demonym, entry.id, demonym in exact)
            for metonym in entry.metonyms:
                self._metonyms.add(metonym, entry.id, metonym in exact)

    @classmethod
    def load(cls, extra_paths=(), gazetteer=None):
        """The gazetteer, the curated dictionary over it, then each user file
        merged over both in order. `gazetteer` is another gazetteer file to use
        instead of the built-in one. ActorFileError, naming the file and line,
        for any malformed input."""
        from .gazetteer import gazetteer_layer, read_gazetteer

        if isinstance(extra_paths, (str, Path)):
            extra_paths = (extra_paths,)
        base = gazetteer_layer() if gazetteer is None else read_gazetteer(gazetteer)
        layers = [base, _builtin_layer(), *(_read_layer(path) for path in extra_paths)]
        return cls(_merge(layers, yielding=1))

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self):
        return len(self.entries)

    def __contains__(self, actor_id):
        return actor_id in self.entries

    def get(self, actor_id):
        return self.entries.get(actor_id)

    def surface_forms(self):
        """(surface form, actor id, case_sensitive) for every name and alias, in
        id order, plus the spellings news also uses: a person's name without
        "al-" and every apostrophe as a curly one (spaCy compares tokens as
        written, so the matcher needs each spelling)."""
        return list(self._surface)

    def generic_forms(self):
        """(phrase, actor id) for every generic name, in id order."""
        return [(phrase, entry.id) for entry in self.entries.values() for phrase in entry.generic_names]

    def state_of(self, actor_id):
        """The state whose forces or government `actor_id` is, or None."""
        return self.entries.get(self._states_of.get(actor_id))

    def home(self, actor_id):
        """The actor, what it is part or member of by the dictionary's facts
        (transitively), and the states those are the forces or government of:
        the actors a story names when it is about this one's region."""
        found, todo = set(), [actor_id]
        while todo:
            current = todo.pop()
            entry = self.entries.get(current)
            if current in found or entry is None:
                continue
            found.add(current)
            todo.extend(obj for predicate, obj, _source in entry.facts if predicate in ("partOf", "memberOf"))
            if current in self._states_of:
                todo.append(self._states_of[current])
        return frozenset(found)

    def by_name(self, name):
        """The actor any of whose names matches `name` (see lookup_key; "al-" is
        optional in people's names), or None."""
        actor_id = self._names.get(name) or self._people.get(without_al(lookup_key(name)).casefold())
        return self.entries.get(actor_id) if actor_id else None

    def by_demonym(self, adjective):
        """The actor an adjective names ("Iranian" -> iran), or None."""
        actor_id = self._demonyms.get(adjective)
        return self.entries.get(actor_id) if actor_id else None

    def by_metonym(self, place):
        """The actor a place stands for ("Baghdad" -> iraqi-government), or None."""
        actor_id = self._metonyms.get(place)
        return self.entries.get(actor_id) if actor_id else None

    def to_actor(self, actor_id):
        """The records.Actor of an entry, as the graph builder takes it."""
        entry = self.entries[actor_id]
        return Actor(entry.id, entry.name, entry.cls, tuple(sorted(set(entry.labels()))),
                     entry.wikidata, entry.description)


def _name_forms(entry):
    """Name and aliases, plus a person's names without "al-", deduplicated."""
    forms = list(entry.names())
    if entry.cls == "Person":
        forms += [without_al(form) for form in forms]
    return list(dict.fromkeys(forms))


# --- reading one file -------------------------------------------------------

@dataclass(frozen=True)
class Given:
    """One value as written in a file, with its line."""

    value: object
    line: int


@dataclass(frozen=True)
class RawEntry:
    """One entry of one file: the fields it gives, each with its line."""

    path: str
    line: int
    id: str
    fields: dict  # field -> Given, or a tuple of Given for lists and facts
    #: (state id, "forces" or "government") for an actor the gazetteer generates
    #: for a state; None for an entry written in a file.
    generated: tuple | None = None


@lru_cache(maxsize=1)
def _builtin_layer():
    # Parsed once per process: every `kg` command loads the dictionary.
    return _read_layer(BUILTIN_PATH)


def _read_layer(path):
    """The entries of one actor file, validated on their own (references to
    other actors are checked after merging)."""
    root = compose_yaml(path, "actor file")
    if root is None:
        raise ActorFileError(path, None, "actor file is empty; expected 'actors:' with a list of entries")
    return _parse_root(str(path), root)


def compose_yaml(path, what):
    """The YAML node tree of a UTF-8 file (None when it is empty), or
    ActorFileError naming `what` the file is, with the line of any error."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ActorFileError(path, None, f"{what} not found") from None
    except OSError as error:
        raise ActorFileError(path, None, f"cannot read {what}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ActorFileError(path, line, f"not UTF-8 text (byte 0x{data[error.start]:02x}); "
                                         "save the file as UTF-8") from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context
        raise ActorFileError(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise ActorFileError(path, None, f"invalid YAML: {error}") from None
    return root


def line_of(node):
    """The 1-based line where a YAML node starts."""
    return node.start_mark.line + 1


def _parse_root(path, root):
    if not isinstance(root, yaml.MappingNode):
        raise ActorFileError(path, line_of(root), "the top level must be a mapping with an 'actors:' list")
    entries_node = None
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "actors"):
            raise ActorFileError(path, line_of(key), f"unknown top-level key {show_node(key)}; expected only 'actors:'")
        entries_node = value
    if entries_node is None:
        raise ActorFileError(path, line_of(root), "no 'actors:' key at the top level")
    if not isinstance(entries_node, yaml.SequenceNode):
        raise ActorFileError(path, line_of(entries_node), "'actors:' must be a list of entries")
    return unique_entries(path, (_parse_entry(path, node) for node in entries_node.value), "in this file")


def unique_entries(path, entries, where):
    """The entries of one file as a tuple; ActorFileError at the second entry
    with an id already defined (`where`: "in this file")."""
    first_line, result = {}, []
    for entry in entries:
        if entry.id in first_line:
            raise ActorFileError(path, entry.line, f"actor id {entry.id!r} is already defined {where} "
                                                   f"at line {first_line[entry.id]}")
        first_line[entry.id] = entry.line
        result.append(entry)
    return tuple(result)


def _parse_entry(path, node):
    fields = {}
    for key, (value_node, _key_node) in mapping_fields(path, node, FIELDS, "an actor entry").items():
        if key in LIST_FIELDS:
            fields[key] = parse_list(path, key, value_node)
        elif key == "facts":
            fields[key] = _parse_facts(path, value_node)
        else:
            fields[key] = Given(parse_scalar(path, key, value_node), line_of(value_node))
    if "id" not in fields:
        raise ActorFileError(path, line_of(node), "actor entry has no 'id'")
    return RawEntry(path, line_of(node), fields["id"].value, fields)


def mapping_fields(path, node, keys, what):
    """key -> (value node, key node) of an entry (`what`, for messages) that
    must be a mapping of the given keys, each at most once."""
    if not isinstance(node, yaml.MappingNode):
        raise ActorFileError(path, line_of(node), f"{what} must be a mapping of fields "
                                                  f"({', '.join(keys[:4])}, ...)")
    fields = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the fields are {', '.join(keys)}"
            raise ActorFileError(path, line_of(key_node), f"unknown field {show_node(key_node)}; {hint}")
        if key in fields:
            raise ActorFileError(path, line_of(key_node), f"field {key!r} is given twice")
        fields[key] = (value_node, key_node)
    return fields


def parse_scalar(path, key, node):
    value = construct(node)
    if value is None and key in NULLABLE:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ActorFileError(path, line_of(node), f"{key!r} must be a non-empty string")
    value = value.strip()
    if key in ("id", "government", "forces") and not SLUG.match(value):
        raise ActorFileError(path, line_of(node), f"{key!r} {value!r} is not an actor id "
                                                "(lowercase letters, digits and single hyphens)")
    if key == "class" and value not in ACTOR_CLASSES:
        raise ActorFileError(path, line_of(node), f"unknown class {value!r}; "
                                                f"choose from {', '.join(ACTOR_CLASSES)}")
    if key == "wikidata" and not WIKIDATA_ID.match(value):
        raise ActorFileError(path, line_of(node), f"'wikidata' {value!r} is not a Wikidata item id like Q796")
    return value


def parse_list(path, key, node):
    if not isinstance(node, yaml.SequenceNode):
        raise ActorFileError(path, line_of(node), f"{key!r} must be a list of names, like [A, B]")
    items = []
    for item in node.value:
        value = construct(item)
        if not isinstance(value, str) or not lookup_key(value):
            raise ActorFileError(path, line_of(item), f"{key!r} must be a list of names; "
                                                    f"{show_node(item)} is not a name (quote it if it is)")
        items.append(Given(value.strip(), line_of(item)))
    return tuple(items)


def _parse_facts(path, node):
    if not isinstance(node, yaml.SequenceNode):
        raise ActorFileError(path, line_of(node), "'facts' must be a list of {<predicate>: <actor id>, source: <note>}")
    facts = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            raise ActorFileError(path, line_of(item), "a fact must be a mapping {<predicate>: <actor id>, source: <note>}")
        given = {}
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key != "source" and key not in RELATIONS:
                raise ActorFileError(path, line_of(key_node), f"unknown fact predicate {show_node(key_node)}; "
                                                            f"choose from {', '.join(RELATIONS)} "
                                                            "(and 'source' for the note)")
            given[key] = (construct(value_node), line_of(value_node))
        predicates = [key for key in given if key != "source"]
        if len(predicates) != 1:
            raise ActorFileError(path, line_of(item), f"a fact needs exactly one predicate "
                                                    f"({', '.join(RELATIONS)}) and a source")
        predicate = predicates[0]
        obj, obj_line = given[predicate]
        if not isinstance(obj, str) or not SLUG.match(obj):
            raise ActorFileError(path, obj_line, f"the object of {predicate!r} must be an actor id, not {obj!r}")
        source = given.get("source", (None, line_of(item)))[0]
        if not isinstance(source, str) or not source.strip():
            raise ActorFileError(path, line_of(item), "a fact needs a 'source' note saying where it comes from")
        facts.append(Given((predicate, obj, source.strip()), obj_line))
    return tuple(facts)


_STR_TAG = "tag:yaml.org,2002:str"


def construct(node):
    """The Python value of a YAML node (null, string, number, list, ...)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
        return node.value  # the common case, without building a constructor
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def show_node(node):
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"


# --- merging files ------------------------------------------------------------

@dataclass(frozen=True)
class _Mark:
    """Where a value was written: the layer (0 the lowest) and the file line."""

    layer: int
    path: str
    line: int

    def __str__(self):
        return f"{self.path}:{self.line}"


_ALL_LISTS = (*LIST_FIELDS, *INTERNAL_LIST_FIELDS)
_NAME_LISTS = ("aliases", "collective_names")


@dataclass
class _Draft:
    """An actor being merged from several files; lists keep each item's mark."""

    id: str
    origin: _Mark
    values: dict = field(default_factory=dict)  # scalar field -> (value, _Mark)
    lists: dict = field(default_factory=lambda: {key: {} for key in _ALL_LISTS})  # field -> {item: _Mark}
    facts: dict = field(default_factory=dict)  # (predicate, object, source) -> _Mark
    layers: set = field(default_factory=set)  # the layers that wrote this actor
    generated: tuple | None = None  # see RawEntry.generated

    def apply(self, raw, layer):
        self.layers.add(layer)
        if raw.generated:
            self.generated = raw.generated
        for key, given in raw.fields.items():
            if key in _ALL_LISTS:
                for item in given:
                    self.lists[key].setdefault(item.value, _Mark(layer, raw.path, item.line))
            elif key == "facts":
                for fact in given:
                    self.facts.setdefault(fact.value, _Mark(layer, raw.path, fact.line))
            elif key != "id":
                self._set(key, given.value, _Mark(layer, raw.path, given.line))

    def _set(self, key, value, mark):
        old = self.values.get(key)
        if key == "name" and old and old[0] != value:
            # A renamed actor keeps its former name as an alias: text still uses it.
            self.lists["aliases"].setdefault(old[0], old[1])
        self.values[key] = (value, mark)
        if key == "name":
            for names in _NAME_LISTS:
                self.lists[names].pop(value, None)

    def value(self, key):
        return self.values.get(key, (None, None))[0]

    def named_forms(self):
        """(form, shown, mark) for the name, aliases and collective names, and a
        person's names without "al-"."""
        name, name_mark = self.values["name"]
        forms = [(name, name_mark), *self.lists["aliases"].items(), *self.lists["collective_names"].items()]
        shown = [(form, repr(form), mark) for form, mark in forms]
        if self.value("class") == "Person":
            shown += [(without_al(form), f"{without_al(form)!r} (from {form!r})", mark)
                      for form, mark in forms if without_al(form) != form]
        return shown

    def give_up(self, kind, key):
        """Drop every form of a kind whose folded lookup key is `key`: another
        actor of a higher layer uses it."""
        for name in _NAME_LISTS if kind == "name" else (f"{kind}s",):
            for form in [form for form in self.lists[name] if lookup_key(form).casefold() == key]:
                del self.lists[name][form]
        written = self.written()
        for form in [form for form in self.lists["case_sensitive"] if form not in written]:
            del self.lists["case_sensitive"][form]

    def written(self):
        """Every name, alias, collective name, demonym and metonym."""
        return {self.value("name"), *self.lists["aliases"], *self.lists["collective_names"],
                *self.lists["demonyms"], *self.lists["metonyms"]}

    def redirect(self, old, new):
        """Point every reference to actor `old` at `new` instead."""
        for key in ("government", "forces"):
            value = self.values.get(key)
            if value and value[0] == old:
                self.values[key] = (new, value[1])
        if any(obj == old for _predicate, obj, _source in self.facts):
            self.facts = {(predicate, new if obj == old else obj, source): mark
                          for (predicate, obj, source), mark in self.facts.items()
                          if (new if obj == old else obj) != self.id}

    def freeze(self):
        exact = {form for form in self.written() if exact_case(form)} | set(self.lists["case_sensitive"])
        return ActorEntry(
            id=self.id, name=self.value("name"), cls=self.value("class"),
            aliases=tuple(self.lists["aliases"]), demonyms=tuple(self.lists["demonyms"]),
            metonyms=tuple(self.lists["metonyms"]), generic_names=tuple(self.lists["generic_names"]),
            collective_names=tuple(self.lists["collective_names"]),
            government=self.value("government"),
            forces=self.value("forces"), wikidata=self.value("wikidata"),
            facts=tuple(self.facts), description=self.value("description"),
            origin=str(self.origin), case_sensitive_aliases=frozenset(exact),
        )


def _merge(layers, yielding=0):
    """One ActorEntry per id, sorted by id, from the layers in order. The
    layers below `yielding` (the gazetteer) give way to the ones above."""
    drafts = {}
    for layer, entries in enumerate(layers):
        for raw in entries:
            draft = drafts.get(raw.id)
            if draft is None:
                for required in ("name", "class"):
                    if required not in raw.fields:
                        raise ActorFileError(raw.path, raw.line, f"new actor {raw.id!r} has no {required!r} "
                                                                 "(a new actor needs id, name and class)")
                draft = drafts[raw.id] = _Draft(raw.id, _Mark(layer, raw.path, raw.line))
            draft.apply(raw, layer)
    _drop_unused_generated(drafts, yielding)
    _check_forms(drafts, yielding)
    _check_references(drafts)
    return {actor_id: drafts[actor_id].freeze() for actor_id in sorted(drafts)}


def _yields(draft, yielding):
    """Whether only yielding layers wrote this actor."""
    return max(draft.layers) < yielding


def _drop(drafts, actor_id, replacement):
    """Remove an actor; references to it now name `replacement`."""
    del drafts[actor_id]
    for draft in drafts.values():
        draft.redirect(actor_id, replacement)


def _drop_unused_generated(drafts, yielding):
    """A generated armed force or government whose state now points its
    `forces:` or `government:` elsewhere is not an actor."""
    for draft in list(drafts.values()):
        if not draft.generated or not _yields(draft, yielding):
            continue
        state_id, role = draft.generated
        state = drafts.get(state_id)
        pointer = state.value(role) if state else None
        if pointer != draft.id:
            _drop(drafts, draft.id, pointer or state_id)


def _check_references(drafts):
    for draft in drafts.values():
        for key in ("government", "forces"):
            value, mark = draft.values.get(key, (None, None))
            if value is not None and value not in drafts:
                raise ActorFileError(mark.path, mark.line, f"{key!r} of actor {draft.id!r} names "
                                                           f"no known actor: {value!r}")
        for (predicate, obj, _source), mark in draft.facts.items():
            if obj not in drafts:
                raise ActorFileError(mark.path, mark.line, f"fact {predicate} {obj!r} of actor {draft.id!r} "
                                                           "names no known actor")


_FORM_KINDS = {
    "name": lambda draft: draft.named_forms(),
    "demonym": lambda draft: [(form, repr(form), mark) for form, mark in draft.lists["demonyms"].items()],
    "metonym": lambda draft: [(form, repr(form), mark) for form, mark in draft.lists["metonyms"].items()],
}


def _check_forms(drafts, yielding=0):
    """No form may name two actors, in any case; the form written later (by
    layer, then line) is the one reported. A form of a yielding layer that a
    higher layer gives to another actor is given up instead; an actor of a
    yielding layer whose very name is taken is that other actor, and is
    dropped in its favour."""
    for draft in drafts.values():
        written = draft.written()
        for form, mark in draft.lists["case_sensitive"].items():
            if form not in written:
                raise ActorFileError(mark.path, mark.line, f"case_sensitive form {form!r} is not a name, "
                                                           f"alias, demonym or metonym of actor {draft.id!r}")
    for kind, forms_of in _FORM_KINDS.items():
        forms = [(mark, draft.id, form, shown) for draft in drafts.values() for form, shown, mark in forms_of(draft)]
        owner = {}
        for mark, actor_id, form, shown in sorted(forms, key=lambda item: (item[0].layer, item[0].line)):
            if actor_id not in drafts:
                continue  # dropped in favour of a higher layer's actor
            key = lookup_key(form).casefold()
            other_id, other_mark = owner.setdefault(key, (actor_id, mark))
            if other_id == actor_id:
                continue
            if other_id in drafts and other_mark.layer < yielding <= mark.layer:
                other = drafts[other_id]
                if kind != "name" or lookup_key(other.value("name")).casefold() != key:
                    other.give_up(kind, key)
                elif _yields(other, yielding):
                    _drop(drafts, other_id, actor_id)
                else:
                    _raise_taken(kind, shown, actor_id, other_id, other_mark, mark)
            elif other_id in drafts:
                _raise_taken(kind, shown, actor_id, other_id, other_mark, mark)
            owner[key] = (actor_id, mark)


def _raise_taken(kind, shown, actor_id, other_id, other_mark, mark):
    raise ActorFileError(mark.path, mark.line, f"{kind} {shown} of actor {actor_id!r} already names "
                                               f"actor {other_id!r} ({other_mark})")
