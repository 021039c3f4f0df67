"""`kg push`: load a build into a shared triple store with the SPARQL 1.1
Graph Store HTTP Protocol, each build in its own named graph.

* The build's triples go to the named graph GRAPH (default: the build's own
  IRI, https://w3id.org/actor-kg/id/graph/<hash of its triples>, so that the
  same build always lands in the same graph and two analysts' builds never
  collide), in one PUT: the server replaces the graph whole or not at all.
* The ontology and the implied core relations (what `kg query` sees beyond the
  file, kg/store.py) go to GRAPH/implied, first; if the PUT of GRAPH then
  fails, the earlier GRAPH/implied is put back.
* Without --replace, a GRAPH that already exists on the server is left alone
  and the push stops with an error.

A failed request is reported in one line with the server's status and answer."""
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .endpoint import IMPLIED_SUFFIX, EndpointError, failure, request, service_url
from .store import BEYOND, GraphStore, open_graph

NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Pushed:
    url: str
    graph: str
    triples: int
    implied: int
    replaced: bool


def describe(pushed):
    """The one-line report of a push."""
    verb = "replaced" if pushed.replaced else "created"
    return (f"pushed {pushed.triples:,} triples to <{pushed.graph}> ({verb}) and "
            f"{pushed.implied:,} implied triples to <{pushed.graph}/implied> at {pushed.url}")


def check_target(endpoint, graph=None, replace=False, timeout=300.0):
    """Before a long build: EndpointError if `endpoint` is not a URL, cannot
    be reached, refuses our credentials, or (without `replace`) already has
    the named graph `graph`."""
    url = service_url(endpoint, "/store")
    if graph is not None:
        _check_iri(graph)
        if _exists(graph_url(url, graph), timeout) and not replace:
            raise EndpointError(f"the graph <{graph}> already exists at {url}; --replace replaces it")
        return
    status, _headers, _body = request("HEAD", url, timeout=timeout)
    if status in (401, 403):
        _status, _headers, body = request("GET", url, headers={"Accept": NTRIPLES}, timeout=timeout)
        raise failure("the push", url, status, body)


def graph_url(store_url, graph):
    from urllib.parse import urlencode

    return f"{store_url}{'&' if '?' in store_url else '?'}{urlencode({'graph': graph})}"


def push(source, endpoint, graph=None, replace=False, timeout=300.0):
    """Push the build `source` (a graph file, a store directory, or a
    GraphStore in memory, as `kg build --push` has it) to the Graph Store
    Protocol service `endpoint`. Returns a Pushed; EndpointError (one line) if
    the server refuses or cannot be reached."""
    url = service_url(endpoint, "/store")
    store = source if isinstance(source, GraphStore) else open_graph(source)
    graph = graph or store.description.get("graph") or _build_iri(store)
    _check_iri(graph)
    implied_graph = graph + IMPLIED_SUFFIX
    target, implied_target = graph_url(url, graph), graph_url(url, implied_graph)

    exists = _exists(target, timeout)
    if exists and not replace:
        raise EndpointError(f"the graph <{graph}> already exists at {url}; --replace replaces it")
    body, media_type = _data(source, store)
    implied = b"".join(store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_name) for graph_name in BEYOND)

    earlier = _get(implied_target, timeout)  # None when there is none
    _put(implied_target, implied, NTRIPLES, timeout, "pushing the implied triples")
    try:
        _put(target, body, media_type, timeout, "the push")
    except EndpointError:
        _restore(implied_target, earlier, timeout)
        raise
    return Pushed(url=url, graph=graph, triples=len(store), implied=implied.count(b"\n"), replaced=exists)


def _build_iri(store):
    from .store import build_graph_iri

    return build_graph_iri(store)


def _check_iri(graph):
    try:
        ox.NamedNode(graph)
    except ValueError as error:
        raise EndpointError(f"--graph {graph!r} is not an absolute IRI: {error}") from None


def _data(source, store):
    """The request body of the build's triples: N-Triples, which every store
    reads alike (Virtuoso 7 misreads Turtle's escaped local names, kgr:actor\\/pmf),
    with every literal in its original form; an N-Triples file as it is."""
    if not isinstance(source, GraphStore):
        path = Path(source)
        if path.is_file() and path.suffix.lower() == ".nt":
            return path.read_bytes(), NTRIPLES
    originals = store.originals
    triples = [ox.Triple(q.subject, q.predicate, originals.get(q.object, q.object))
               for q in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), NTRIPLES


def _exists(target, timeout):
    status, _headers, _body = request("HEAD", target, timeout=timeout)
    if status == 404:
        return False
    if 200 <= status < 300:
        return True
    # A server without HEAD (Virtuoso answers 501) is asked with GET; any
    # other refusal, too, for the server's words, which an answer to HEAD lacks.
    return _get(target, timeout) is not None


def _get(target, timeout):
    status, _headers, body = request("GET", target, headers={"Accept": NTRIPLES}, timeout=timeout)
    if status == 404:
        return None
    if status != 200:
        raise failure("the push", target, status, body)
    return body


def _put(target, body, media_type, timeout, action):
    status, _headers, answer = request("PUT", target, body, {"Content-Type": media_type}, timeout=timeout)
    if not 200 <= status < 300:
        raise failure(action, target, status, answer)


def _restore(target, earlier, timeout):
    """Put back what the graph held before (best effort: the push has failed already)."""
    try:
        if earlier is None:
            request("DELETE", target, timeout=timeout)
        else:
            request("PUT", target, earlier, {"Content-Type": NTRIPLES}, timeout=timeout)
    except EndpointError:
        pass
