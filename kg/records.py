"""Plain records passed between pipeline stages: what was read and what was extracted."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input document. `text` is the original text; every offset in the
    graph points into it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Actor:
    """An actor node: `id` is the IRI slug (kgr:actor/<id>)."""

    id: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Relation:
    """One relation as stated by one sentence of one document."""

    subject: str
    predicate: str
    object: str
    doc_id: str
    evidence: str
    start: int
    end: int
    confidence: float
    method: str


@dataclass(frozen=True)
class Statement:
    """What a speaker said, directly quoted or reported, with its source sentence(s)."""

    speaker: str
    text: str
    quote_type: str
    doc_id: str
    evidence: str
    start: int
    end: int
    mentions: tuple[str, ...] = ()
    confidence: float = 0.9
    method: str = "quote"


@dataclass
class Extraction:
    """Everything extracted from a corpus, ready for the graph builder."""

    documents: list[Document] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    #: Standing facts from the actor dictionary: (subject, predicate, object, note).
    facts: list[tuple[str, str, str, str]] = field(default_factory=list)
