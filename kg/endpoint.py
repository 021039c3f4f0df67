"""Remote SPARQL stores: queries over the SPARQL 1.1 Protocol (`kg query
--endpoint`) and the HTTP plumbing that `kg push` shares.

Credentials come from the environment only, never from the command line
(where other users of the machine could read them in the process list):
KG_ENDPOINT_TOKEN is sent as a bearer token; else KG_ENDPOINT_USER and
KG_ENDPOINT_PASSWORD as HTTP basic authentication (or digest, when the server
asks for it).

A URL without a path (http://host:7878) stands for an Oxigraph server: its
queries go to /query and its Graph Store Protocol to /store."""
import base64
import os
import urllib.error
import urllib.parse
import urllib.request

from .errors import KGError

TOKEN_VARIABLE = "KG_ENDPOINT_TOKEN"
USER_VARIABLE = "KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"
#: The named graph of a pushed build's ontology and implied core triples: the
#: build's graph IRI with this suffix.
IMPLIED_SUFFIX = "/implied"
#: Longest server answer quoted in an error.
MAX_ANSWER = 300


class EndpointError(KGError):
    """A remote store that refused a request or could not be reached."""


def service_url(url, oxigraph_path):
    """`url`, or for a bare http://host:port an Oxigraph server's `oxigraph_path`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"--endpoint {url!r} is not an http:// or https:// URL")
    if parts.path in ("", "/"):
        return urllib.parse.urlunsplit(parts._replace(path=oxigraph_path))
    return url


def auth_headers(environ=None):
    """The Authorization header the environment asks for, if any."""
    environ = os.environ if environ is None else environ
    token = environ.get(TOKEN_VARIABLE)
    if token:
        return {"Authorization": f"Bearer {token.strip()}"}
    user, password = environ.get(USER_VARIABLE), environ.get(PASSWORD_VARIABLE)
    if user or password:
        if not (user and password is not None):
            raise EndpointError(f"set both {USER_VARIABLE} and {PASSWORD_VARIABLE} for basic authentication")
        pair = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    return {}


def one_line(text, limit=MAX_ANSWER):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def request(method, url, body=None, headers=None, timeout=300.0):
    """(status, headers, body bytes) of one HTTP request; an HTTP error status
    is returned too, and only a failure to reach the server raises
    EndpointError. Credentials go first as a bearer token or Basic; a server
    that refuses a user's Basic is asked again the way its challenge says,
    Basic or Digest (Virtuoso's authenticated endpoints want Digest)."""
    headers = {"User-Agent": "actor-kg", **(headers or {})}
    answer = _send(urllib.request.build_opener(), method, url, body, {**auth_headers(), **headers}, timeout)
    user = os.environ.get(USER_VARIABLE)
    if answer[0] == 401 and user and not os.environ.get(TOKEN_VARIABLE):
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, os.environ.get(PASSWORD_VARIABLE, ""))
        challenged = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                                 urllib.request.HTTPDigestAuthHandler(passwords))
        answer = _send(challenged, method, url, body, headers, timeout)
    return answer


def _send(opener, method, url, body, headers, timeout):
    prepared = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with opener.open(prepared, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers or {}), error.read() or b""
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"cannot reach {url}: {one_line(reason)}") from None


def failure(action, url, status, body):
    """The one-line error of a request the server refused: its status and answer."""
    answer = one_line(body.decode("utf-8", "replace")) if body else "no message"
    return EndpointError(f"{action} failed: {url} answered HTTP {status}: {answer}")


class Endpoint:
    """A remote SPARQL 1.1 Protocol query service. `graph`: the named graph
    of a pushed build to query (sent as default-graph-uri, with its implied
    graph unless the query is raw); None: the service's default graph."""

    def __init__(self, url, graph=None, timeout=60.0):
        self.url = service_url(url, "/query")
        self.graph = graph
        self.timeout = timeout
        self._names = None

    def dataset(self, folded):
        if self.graph is None:
            return []
        return [self.graph] + ([self.graph + IMPLIED_SUFFIX] if folded else [])

    def post(self, sparql, accept, folded=True, timeout=None):
        form = [("query", sparql)] + [("default-graph-uri", iri) for iri in self.dataset(folded)]
        status, _headers, body = request(
            "POST", self.url, urllib.parse.urlencode(form).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            timeout=timeout or self.timeout or None)
        if status != 200:
            raise failure("the query", self.url, status, body)
        return body

    def run(self, prepared, init_bindings, timeout=None, folded=True):
        """A QueryResult (kg.query) for a prepared query."""
        from .query import run_in_time

        return run_in_time(lambda cancelled: self._run(prepared, init_bindings, folded, timeout, cancelled),
                           timeout, network=True)

    def _run(self, prepared, init_bindings, folded, timeout, cancelled):
        import pyoxigraph as ox

        from .namespaces import bind_prefixes
        from .query import QueryCancelled, QueryError, QueryResult, bind_variables
        from .store import plain_term, to_ox

        text, projected = bind_variables(prepared, {str(name): term if isinstance(
            term, (ox.NamedNode, ox.Literal)) else to_ox(term) for name, term in init_bindings.items()})
        if projected:
            raise QueryError(f"cannot bind ?{sorted(projected)[0]}, a variable the query selects, on an endpoint")
        text = with_prefixes(text)
        if prepared.kind in ("CONSTRUCT", "DESCRIBE"):
            body = self.post(text, "application/n-triples", folded, timeout)
            from rdflib import Graph

            graph = bind_prefixes(Graph())
            for triple in ox.parse(body, ox.RdfFormat.N_TRIPLES):
                if cancelled():
                    raise QueryCancelled()
                graph.add((plain_term(triple.subject), plain_term(triple.predicate), plain_term(triple.object)))
            return QueryResult(prepared.kind, graph=graph)
        body = self.post(text, "application/sparql-results+json", folded, timeout)
        try:
            results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise EndpointError(f"{self.url} answered with results kg cannot read: {one_line(error)}") from None
        if prepared.kind == "ASK":
            return QueryResult("ASK", boolean=bool(results))
        variables = [ox.Variable(name) for name in prepared.variables]
        rows = []
        for solution in results:
            if cancelled():
                raise QueryCancelled()
            rows.append(tuple(None if (value := solution[variable]) is None else plain_term(value)
                              for variable in variables))
        return QueryResult("SELECT", variables=prepared.variables, rows=tuple(rows))

    @property
    def names(self):
        """A local GraphStore of the endpoint's actor names, classes and
        property hierarchy: what resolving a named query's parameters reads."""
        if self._names is None:
            import pyoxigraph as ox

            from .store import GraphStore, add_implied

            body = self.post(with_prefixes(NAMES_QUERY), "application/n-triples", folded=True)
            store = ox.Store()
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(body, ox.RdfFormat.N_TRIPLES))
            add_implied(store)
            self._names = GraphStore(store)
        return self._names


#: What a named query's parameters are resolved against.
NAMES_QUERY = """CONSTRUCT {
  ?node skos:prefLabel ?name . ?node skos:altLabel ?alias . ?node rdfs:label ?label . ?node rdf:type ?class .
  ?property rdfs:subPropertyOf ?super . ?sub rdfs:subClassOf ?superclass .
} WHERE {
  { ?node skos:prefLabel ?name OPTIONAL { ?node rdf:type ?class } }
  UNION { ?node skos:altLabel ?alias }
  UNION { ?node rdfs:label ?label }
  UNION { ?property rdfs:subPropertyOf ?super }
  UNION { ?sub rdfs:subClassOf ?superclass }
}"""


def with_prefixes(sparql):
    """The query with a PREFIX line for each contract prefix it does not declare
    itself: a remote store knows none of kg's pre-bound prefixes."""
    import re

    from .namespaces import PREFIXES

    declared = {match.group(1) for match in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", sparql)}
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix not in declared]
    return "\n".join(lines + [sparql])
