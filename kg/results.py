"""Per-document extraction results and their deterministic merge, without
spaCy: the main process of a parallel or cached build needs only these."""
from dataclasses import dataclass, field, replace

from .records import Extraction


@dataclass
class DocumentResult:
    """What one document gives: the actors it mentions (records.Actor by id,
    in order of first mention), its relations and its statements."""

    doc_id: str
    actors: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    statements: list = field(default_factory=list)


@dataclass(frozen=True)
class DocumentFailure:
    """A document whose extraction raised an error: reported, left out of the
    graph, never cached. `reason` is one line, with where the error arose."""

    doc_id: str
    reason: str

    @classmethod
    def of(cls, document, error):
        import traceback

        frames = traceback.extract_tb(error.__traceback__)
        where = f" (at {frames[-1].filename.rsplit('/kg/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
        message = " ".join(str(error).split())
        return cls(document.id, f"{type(error).__name__}{': ' + message if message else ''}{where}")


def failure_message(document, failure):
    """One line: the document (its file, and line of a .jsonl) and why its extraction failed."""
    return f"{document.source or document.id}: extraction failed: {failure.reason}"


def merge_results(documents, results, dictionary):
    """One Extraction from per-document results given in document order: an
    actor found by several documents keeps the record of the first. A
    DocumentFailure leaves its document out."""
    extraction = Extraction(documents=list(documents))
    failed = set()
    for result in results:
        if isinstance(result, DocumentFailure):
            failed.add(result.doc_id)
            continue
        for actor_id, actor in result.actors.items():
            extraction.actors.setdefault(actor_id, actor)
        extraction.relations.extend(result.relations)
        extraction.statements.extend(result.statements)
    if failed:
        extraction.documents = [document for document in extraction.documents if document.id not in failed]
    _unify_surnames(extraction, dictionary)
    extraction.actors = dict(sorted(extraction.actors.items()))
    extraction.facts = sorted(
        (entry.id, predicate, obj, note)
        for entry in dictionary
        for predicate, obj, note in entry.facts
        if entry.id in extraction.actors and obj in extraction.actors
    )
    return extraction


def _unify_surnames(extraction, dictionary):
    """A person one document names by a single word ("Mr Netanyahu") and
    another in full ("Benjamin Netanyahu") is one node, the full name's, when
    exactly one person of the corpus has a full name ending in that word. The
    single word becomes an alias of the full name."""
    people = {actor_id: actor for actor_id, actor in extraction.actors.items() if actor.cls == "Person"}
    # Every ending of a full name's id: "benjamin-netanyahu" ends in "netanyahu", "al-burhan" in "burhan".
    endings = {}
    for actor_id, actor in people.items():
        if " " in actor.name:
            parts = actor_id.split("-")
            for k in range(1, len(parts)):
                endings.setdefault("-".join(parts[k:]), set()).add(actor_id)
    moved = {}
    for actor_id, actor in people.items():
        full = endings.get(actor_id, set()) - {actor_id}
        if " " not in actor.name and actor_id not in dictionary and len(full) == 1:
            moved[actor_id] = next(iter(full))
    if not moved:
        return
    for short, full in sorted(moved.items()):
        actor = extraction.actors[full]
        extraction.actors[full] = replace(actor, aliases=tuple(sorted({*actor.aliases, people[short].name})))
        del extraction.actors[short]
    extraction.relations = [
        replace(r, subject=moved.get(r.subject, r.subject), object=moved.get(r.object, r.object))
        for r in extraction.relations if moved.get(r.subject, r.subject) != moved.get(r.object, r.object)]
    extraction.statements = [
        replace(s, speaker=moved.get(s.speaker, s.speaker), mentions=tuple(moved.get(m, m) for m in s.mentions))
        for s in extraction.statements]
