"""The pattern registry: each relation pattern is a small registered function
that reads one sentence of a parsed document and yields Candidates."""
from dataclasses import dataclass
from typing import Callable, Iterator


class Confidence:
    """Named confidence levels, so that patterns agree on what a number means."""

    EXPLICIT = 0.9    # the wording states the relation outright ("Iran-backed", "funded by")
    DIRECT = 0.85     # a cue verb or role noun with its arguments in place
    STRUCTURAL = 0.8  # read from phrase structure ("the coalition against X", "X of the Y")
    INDIRECT = 0.75   # through an owned thing, an event or an alliance noun
    INFERRED = 0.7    # through an inherited subject or a remembered event agent
    HEDGED = 0.65     # modal or reported as possible ("could strike")

    #: Taken off when the subject was inherited from a governing verb.
    INHERITED_PENALTY = 0.1


@dataclass(frozen=True)
class Candidate:
    """A relation a pattern reads in a sentence, before it becomes a Relation:
    every subject relates to every object."""

    subjects: tuple
    predicate: str
    objects: tuple
    method: str
    confidence: float


@dataclass(frozen=True)
class Pattern:
    """One registered pattern: its name, the family it belongs to, the
    relations and kg:method values it can give, and the function that finds them."""

    name: str
    family: str
    relations: tuple
    methods: tuple
    find: Callable[..., Iterator[Candidate]]

    @property
    def description(self):
        return (self.find.__doc__ or "").strip().partition("\n")[0]


PATTERNS: dict[str, Pattern] = {}


def register(name, family, relations, methods):
    """Decorator: register `find(context, sentence) -> Iterator[Candidate]`."""
    def decorate(find):
        if name in PATTERNS:
            raise ValueError(f"pattern {name!r} is registered twice")
        PATTERNS[name] = Pattern(name, family, tuple(relations), tuple(methods), find)
        return find
    return decorate


def candidate(subjects, predicate, objects, method, confidence):
    return Candidate(tuple(subjects), predicate, tuple(objects), method, round(confidence, 2))
