"""Per-document extraction results and their deterministic merge, without
spaCy: the main process of a parallel or cached build needs only these."""
from dataclasses import dataclass, field

from .records import Extraction


@dataclass
class DocumentResult:
    """What one document gives: the actors it mentions (records.Actor by id,
    in order of first mention), its relations and its statements."""

    doc_id: str
    actors: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    statements: list = field(default_factory=list)


def merge_results(documents, results, dictionary):
    """One Extraction from per-document results given in document order: an
    actor found by several documents keeps the record of the first."""
    extraction = Extraction(documents=list(documents))
    for result in results:
        for actor_id, actor in result.actors.items():
            extraction.actors.setdefault(actor_id, actor)
        extraction.relations.extend(result.relations)
        extraction.statements.extend(result.statements)
    extraction.actors = dict(sorted(extraction.actors.items()))
    extraction.facts = sorted(
        (entry.id, predicate, obj, note)
        for entry in dictionary
        for predicate, obj, note in entry.facts
        if entry.id in extraction.actors and obj in extraction.actors
    )
    return extraction
