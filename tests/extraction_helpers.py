"""Run the extractor on short texts written for the tests."""
from kg.actors import ActorDictionary
from kg.extract import Extractor
from kg.records import Document


def extract(text, doc_id="t"):
    return Extractor(ActorDictionary.load()).extract([Document(id=doc_id, text=text)])


def edges(text):
    """{(subject, relation, object)} extracted from `text`."""
    return {(r.subject, r.predicate, r.object) for r in extract(text).relations}


def speakers(text):
    """{speaker: [statement texts]} extracted from `text`."""
    found = {}
    for statement in extract(text).statements:
        found.setdefault(statement.speaker, []).append(statement)
    return found


def edges_with_methods(text):
    """{(subject, relation, object, method)} extracted from `text`."""
    return {(r.subject, r.predicate, r.object, r.method) for r in extract(text).relations}
