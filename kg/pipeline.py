"""The whole build as one library call: read a corpus, extract, make the graph."""
import functools
from collections import Counter
from dataclasses import dataclass

from .actors import ActorDictionary
from .corpus import read_corpus
from .errors import ExtractionError
from .graph import build_triples

DEFAULT_CORPUS = "seeds"


@dataclass
class Build:
    extraction: object
    #: kg.graph.Triples: the graph's triples, which the writers take as they are.
    triples: object
    #: kg.parallel.ExtractionStats: documents taken from the cache, parsed, and where.
    stats: object = None

    @functools.cached_property
    def graph(self):
        """The build as an rdflib Graph (made when first asked for)."""
        return self.triples.to_graph()


def build_corpus(paths=(DEFAULT_CORPUS,), actor_files=(), progress=None, nlp=None, jobs=1, cache=None,
                 scheduler=None, on_failure=None):
    """Read `paths`, extract with the built-in dictionary merged with
    `actor_files`, and return the Extraction with its RDF graph (see
    build_documents for `jobs`, `cache`, `scheduler` and `on_failure`)."""
    dictionary = ActorDictionary.load(tuple(actor_files))
    return build_documents(read_corpus(paths), dictionary, progress=progress, nlp=nlp, jobs=jobs, cache=cache,
                           scheduler=scheduler, on_failure=on_failure)


def build_documents(documents, dictionary, progress=None, nlp=None, jobs=1, cache=None, scheduler=None,
                    on_failure=None):
    """Extract from documents already read, and make the graph.

    `jobs` worker processes parse (1: this process), or the dask.distributed
    cluster whose scheduler is at `scheduler`; `cache` (a folder or a
    kg.cache.ResultCache) supplies and keeps per-document results. The graph
    is the same in every case. A document whose extraction fails raises
    ExtractionError, unless `on_failure(document, failure)` is given: then it
    is called and the document left out. The extraction modules (and spaCy)
    are imported here, not with this module, so that `kg --help` stays fast."""
    from .results import failure_message, merge_results
    from .parallel import ExtractionStats, extract_results

    def fail(document, failure):
        raise ExtractionError(failure_message(document, failure))

    documents = list(documents)
    stats = ExtractionStats()
    results = extract_results(documents, dictionary, progress=progress, nlp=nlp, jobs=jobs, scheduler=scheduler,
                              cache=cache, stats=stats, on_failure=on_failure or fail)
    extraction = merge_results(documents, results, dictionary)
    return Build(extraction, build_triples(extraction), stats)


def summary(extraction):
    """A short human-readable account of what a build found. Relations are
    counted as the graph page counts them (kg.viz.relation_counts): one edge
    per (source, relation, target), stated in sentences or standing facts
    from the actor dictionary."""
    from rdflib import Graph

    from .subgraph import relation_properties
    from .viz import relation_counts

    core = {str(term).rsplit("#", 1)[-1]: name for term, name in relation_properties(Graph()).items()}
    sentences = {}
    for r in extraction.relations:
        if r.predicate in core:
            key = (r.subject, core[r.predicate], r.object)
            sentences.setdefault(key, set()).add((r.doc_id, r.start, r.end, r.evidence))
    for subject, predicate, obj, _note in extraction.facts:
        if predicate in core:
            sentences.setdefault((subject, core[predicate], obj), set())
    counts = relation_counts((key[1], keys) for key, keys in sentences.items())
    classes = Counter(actor.cls for actor in extraction.actors.values())
    direct = Counter(statement.quote_type for statement in extraction.statements)
    lines = [
        f"documents   {len(extraction.documents)}",
        f"actors      {len(extraction.actors)}: " + ", ".join(f"{cls} {n}" for cls, n in sorted(classes.items())),
        f"relations   {counts.describe()}",
        "            by type: " + ", ".join(f"{name} {n}" for name, n in counts.by_relation.items()),
        f"statements  {len(extraction.statements)}: "
        + ", ".join(f"{kind} {n}" for kind, n in sorted(direct.items())),
    ]
    return "\n".join(lines)
