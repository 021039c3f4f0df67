"""The curated actor dictionary: kg/data/actors.yaml, merged with users' actor
files, validated with file:line errors, and looked up by any name.

The file format and the matching rules are documented in the header of
kg/data/actors.yaml. A user file (`kg build --actors FILE`) adds actors with
new ids; an entry with an existing id overrides the fields it gives and adds
its aliases, demonyms, metonyms and facts to the existing ones.
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
        for entry in self.entries.values():
            exact = entry.case_sensitive_aliases
            for form in _name_forms(entry):
                self._names.add(form, entry.id, form in exact)
                if entry.cls == "Person":
                    self._people.setdefault(without_al(lookup_key(form)).casefold(), entry.id)
                for variant in dict.fromkeys((form, form.replace("'", "\u2019"))):
                    self._surface.append((variant, entry.id, form in exact))
            for demonym in entry.demonyms:
                self._demonyms.add(demonym, entry.id, demonym in exact)
            for metonym in entry.metonyms:
                self._metonyms.add(metonym, entry.id, metonym in exact)

    @classmethod
    def load(cls, extra_paths=()):
        """The built-in dictionary, then each user file merged over it in order.
        ActorFileError, naming the file and line, for any malformed input."""
        if isinstance(extra_paths, (str, Path)):
            extra_paths = (extra_paths,)
        layers = [_builtin_layer(), *(_read_layer(path) for path in extra_paths)]
        return cls(_merge(layers))

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
        return Actor(entry.id, entry.name, entry.cls, tuple(sorted(entry.aliases)),
                     entry.wikidata, entry.description)


def _name_forms(entry):
    """Name and aliases, plus a person's names without "al-", deduplicated."""
    forms = list(entry.names())
    if entry.cls == "Person":
        forms += [without_al(form) for form in forms]
    return list(dict.fromkeys(forms))


# --- reading one file -------------------------------------------------------

@dataclass(frozen=True)
class _Given:
    """One value as written in a file, with its line."""

    value: object
    line: int


@dataclass(frozen=True)
class _RawEntry:
    """One entry of one file: the fields it gives, each with its line."""

    path: str
    line: int
    id: str
    fields: dict  # field -> _Given, or a tuple of _Given for lists and facts


@lru_cache(maxsize=1)
def _builtin_layer():
    # Parsed once per process: every `kg` command loads the dictionary.
    return _read_layer(BUILTIN_PATH)


def _read_layer(path):
    """The entries of one actor file, validated on their own (references to
    other actors are checked after merging)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ActorFileError(path, None, "actor file not found") from None
    except OSError as error:
        raise ActorFileError(path, None, f"cannot read actor file: {error.strerror}") from None
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
    if root is None:
        raise ActorFileError(path, None, "actor file is empty; expected 'actors:' with a list of entries")
    return _parse_root(str(path), root)


def _line(node):
    return node.start_mark.line + 1


def _parse_root(path, root):
    if not isinstance(root, yaml.MappingNode):
        raise ActorFileError(path, _line(root), "the top level must be a mapping with an 'actors:' list")
    entries_node = None
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "actors"):
            raise ActorFileError(path, _line(key), f"unknown top-level key {_show(key)}; expected only 'actors:'")
        entries_node = value
    if entries_node is None:
        raise ActorFileError(path, _line(root), "no 'actors:' key at the top level")
    if not isinstance(entries_node, yaml.SequenceNode):
        raise ActorFileError(path, _line(entries_node), "'actors:' must be a list of entries")
    entries, first_line = [], {}
    for node in entries_node.value:
        entry = _parse_entry(path, node)
        if entry.id in first_line:
            raise ActorFileError(path, entry.line, f"actor id {entry.id!r} is already defined in this file "
                                                   f"at line {first_line[entry.id]}")
        first_line[entry.id] = entry.line
        entries.append(entry)
    return tuple(entries)


def _parse_entry(path, node):
    if not isinstance(node, yaml.MappingNode):
        raise ActorFileError(path, _line(node), "an actor entry must be a mapping of fields "
                                                "(id, name, class, aliases, ...)")
    fields = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the fields are {', '.join(FIELDS)}"
            raise ActorFileError(path, _line(key_node), f"unknown field {_show(key_node)}; {hint}")
        if key in fields:
            raise ActorFileError(path, _line(key_node), f"field {key!r} is given twice")
        if key in LIST_FIELDS:
            fields[key] = _parse_list(path, key, value_node)
        elif key == "facts":
            fields[key] = _parse_facts(path, value_node)
        else:
            fields[key] = _Given(_parse_scalar(path, key, value_node), _line(value_node))
    if "id" not in fields:
        raise ActorFileError(path, _line(node), "actor entry has no 'id'")
    return _RawEntry(path, _line(node), fields["id"].value, fields)


def _parse_scalar(path, key, node):
    value = _construct(node)
    if value is None and key in NULLABLE:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ActorFileError(path, _line(node), f"{key!r} must be a non-empty string")
    value = value.strip()
    if key in ("id", "government", "forces") and not SLUG.match(value):
        raise ActorFileError(path, _line(node), f"{key!r} {value!r} is not an actor id "
                                                "(lowercase letters, digits and single hyphens)")
    if key == "class" and value not in ACTOR_CLASSES:
        raise ActorFileError(path, _line(node), f"unknown class {value!r}; "
                                                f"choose from {', '.join(ACTOR_CLASSES)}")
    if key == "wikidata" and not WIKIDATA_ID.match(value):
        raise ActorFileError(path, _line(node), f"'wikidata' {value!r} is not a Wikidata item id like Q796")
    return value


def _parse_list(path, key, node):
    if not isinstance(node, yaml.SequenceNode):
        raise ActorFileError(path, _line(node), f"{key!r} must be a list of names, like [A, B]")
    items = []
    for item in node.value:
        value = _construct(item)
        if not isinstance(value, str) or not lookup_key(value):
            raise ActorFileError(path, _line(item), f"{key!r} must be a list of names; "
                                                    f"{_show(item)} is not a name (quote it if it is)")
        items.append(_Given(value.strip(), _line(item)))
    return tuple(items)


def _parse_facts(path, node):
    if not isinstance(node, yaml.SequenceNode):
        raise ActorFileError(path, _line(node), "'facts' must be a list of {<predicate>: <actor id>, source: <note>}")
    facts = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            raise ActorFileError(path, _line(item), "a fact must be a mapping {<predicate>: <actor id>, source: <note>}")
        given = {}
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key != "source" and key not in RELATIONS:
                raise ActorFileError(path, _line(key_node), f"unknown fact predicate {_show(key_node)}; "
                                                            f"choose from {', '.join(RELATIONS)} "
                                                            "(and 'source' for the note)")
            given[key] = (_construct(value_node), _line(value_node))
        predicates = [key for key in given if key != "source"]
        if len(predicates) != 1:
            raise ActorFileError(path, _line(item), f"a fact needs exactly one predicate "
                                                    f"({', '.join(RELATIONS)}) and a source")
        predicate = predicates[0]
        obj, obj_line = given[predicate]
        if not isinstance(obj, str) or not SLUG.match(obj):
            raise ActorFileError(path, obj_line, f"the object of {predicate!r} must be an actor id, not {obj!r}")
        source = given.get("source", (None, _line(item)))[0]
        if not isinstance(source, str) or not source.strip():
            raise ActorFileError(path, _line(item), "a fact needs a 'source' note saying where it comes from")
        facts.append(_Given((predicate, obj, source.strip()), obj_line))
    return tuple(facts)


def _construct(node):
    """The Python value of a YAML node (null, string, number, list, ...)."""
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _show(node):
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"


# --- merging files ------------------------------------------------------------

@dataclass(frozen=True)
class _Mark:
    """Where a value was written: layer 0 is the built-in file."""

    layer: int
    path: str
    line: int

    def __str__(self):
        return f"{self.path}:{self.line}"


@dataclass
class _Draft:
    """An actor being merged from several files; lists keep each item's mark."""

    id: str
    origin: _Mark
    values: dict = field(default_factory=dict)  # scalar field -> (value, _Mark)
    lists: dict = field(default_factory=lambda: {key: {} for key in LIST_FIELDS})  # field -> {item: _Mark}
    facts: dict = field(default_factory=dict)  # (predicate, object, source) -> _Mark

    def apply(self, raw, layer):
        for key, given in raw.fields.items():
            if key in LIST_FIELDS:
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
            self.lists["aliases"].pop(value, None)

    def value(self, key):
        return self.values.get(key, (None, None))[0]

    def named_forms(self):
        """(form, shown, mark) for the name and aliases, and a person's names
        without "al-"."""
        name, name_mark = self.values["name"]
        forms = [(name, name_mark), *self.lists["aliases"].items()]
        shown = [(form, repr(form), mark) for form, mark in forms]
        if self.value("class") == "Person":
            shown += [(without_al(form), f"{without_al(form)!r} (from {form!r})", mark)
                      for form, mark in forms if without_al(form) != form]
        return shown

    def freeze(self):
        forms = [self.value("name"), *self.lists["aliases"], *self.lists["demonyms"], *self.lists["metonyms"]]
        exact = {form for form in forms if exact_case(form)} | set(self.lists["case_sensitive"])
        return ActorEntry(
            id=self.id, name=self.value("name"), cls=self.value("class"),
            aliases=tuple(self.lists["aliases"]), demonyms=tuple(self.lists["demonyms"]),
            metonyms=tuple(self.lists["metonyms"]), generic_names=tuple(self.lists["generic_names"]),
            government=self.value("government"),
            forces=self.value("forces"), wikidata=self.value("wikidata"),
            facts=tuple(self.facts), description=self.value("description"),
            origin=str(self.origin), case_sensitive_aliases=frozenset(exact),
        )


def _merge(layers):
    """One ActorEntry per id, sorted by id, from the layers in order."""
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
    _check_references(drafts)
    _check_forms(drafts)
    return {actor_id: drafts[actor_id].freeze() for actor_id in sorted(drafts)}


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


def _check_forms(drafts):
    """No form may name two actors, in any case; the form written later (by
    file, then line) is the one reported."""
    for draft in drafts.values():
        written = {draft.value("name"), *draft.lists["aliases"], *draft.lists["demonyms"], *draft.lists["metonyms"]}
        for form, mark in draft.lists["case_sensitive"].items():
            if form not in written:
                raise ActorFileError(mark.path, mark.line, f"case_sensitive form {form!r} is not a name, "
                                                           f"alias, demonym or metonym of actor {draft.id!r}")
    kinds = {
        "name": lambda draft: draft.named_forms(),
        "demonym": lambda draft: [(form, repr(form), mark) for form, mark in draft.lists["demonyms"].items()],
        "metonym": lambda draft: [(form, repr(form), mark) for form, mark in draft.lists["metonyms"].items()],
    }
    for kind, forms_of in kinds.items():
        forms = [(mark, draft.id, form, shown) for draft in drafts.values() for form, shown, mark in forms_of(draft)]
        owner = {}
        for mark, actor_id, form, shown in sorted(forms, key=lambda item: (item[0].layer, item[0].line)):
            key = lookup_key(form).casefold()
            other = owner.setdefault(key, (actor_id, mark))
            if other[0] != actor_id:
                raise ActorFileError(mark.path, mark.line, f"{kind} {shown} of actor {actor_id!r} already names "
                                                           f"actor {other[0]!r} ({other[1]})")
