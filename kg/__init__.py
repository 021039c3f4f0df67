"""actor-kg: evidence-backed knowledge graphs of who backs, opposes, commands
and speaks about whom, built offline from news text.

    >>> import kg
    >>> build = kg.build_corpus(["reports/"], actor_files=["mine.yaml"])
    >>> kg.write_graph(build.graph, "out/graph.ttl")
    >>> graph = kg.load_graph("out/graph.ttl")
    >>> kg.run_named_query(graph, "backers", {"actor": "PMF"})
    >>> kg.select_subgraph(graph, actor="PMF", hops=2)
    >>> html = kg.render_html(graph)
    >>> kg.validate_graph(graph)

Names are imported on first use, so `import kg` stays light: the English
model loads only when something extracts.
"""
from importlib import import_module

__version__ = "0.1.0"

#: Public name -> module that defines it.
_EXPORTS = {
    "build_corpus": "pipeline", "build_documents": "pipeline", "Build": "pipeline", "summary": "pipeline",
    "read_corpus": "corpus",
    "ActorDictionary": "actors",
    "Extractor": "extract", "DocumentResult": "results", "merge_results": "results",
    "build_graph": "graph",
    "load_graph": "graphio", "write_graph": "graphio", "serialize_graph": "graphio", "find_actor": "graphio",
    "run_query": "query", "run_named_query": "query", "list_named_queries": "query",
    "select_subgraph": "subgraph",
    "render_html": "viz",
    "validate_graph": "validate",
    "PATTERNS": "patterns", "register": "patterns",
    "load_pipeline": "nlp",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
