"""The whole build as one library call: read a corpus, extract, make the graph."""
from collections import Counter
from dataclasses import dataclass

from .actors import ActorDictionary
from .corpus import read_corpus
from .extract import Extractor
from .graph import build_graph

DEFAULT_CORPUS = "seeds"


@dataclass
class Build:
    extraction: object
    graph: object


def build_corpus(paths=(DEFAULT_CORPUS,), actor_files=(), progress=None, nlp=None):
    """Read `paths`, extract with the built-in dictionary merged with
    `actor_files`, and return the Extraction with its RDF graph."""
    dictionary = ActorDictionary.load(tuple(actor_files))
    return build_documents(read_corpus(paths), dictionary, progress=progress, nlp=nlp)


def build_documents(documents, dictionary, progress=None, nlp=None):
    """Extract from documents already read, and make the graph."""
    extraction = Extractor(dictionary, nlp=nlp).extract(documents, progress=progress)
    return Build(extraction, build_graph(extraction))


def summary(extraction):
    """A short human-readable account of what a build found."""
    classes = Counter(actor.cls for actor in extraction.actors.values())
    relations = Counter(relation.predicate for relation in extraction.relations)
    direct = Counter(statement.quote_type for statement in extraction.statements)
    edges = {(r.subject, r.predicate, r.object) for r in extraction.relations}
    lines = [
        f"documents   {len(extraction.documents)}",
        f"actors      {len(extraction.actors)}: " + ", ".join(f"{cls} {n}" for cls, n in sorted(classes.items())),
        f"relations   {len(edges)} edges from {len(extraction.relations)} sentences: "
        + ", ".join(f"{name} {n}" for name, n in sorted(relations.items())),
        f"statements  {len(extraction.statements)}: "
        + ", ".join(f"{kind} {n}" for kind, n in sorted(direct.items())),
    ]
    return "\n".join(lines)
