"""Read-only SPARQL over an actor graph: running queries, the named queries in
kg/queries/, and rendering results as a table, CSV, TSV, JSON or RDF.

The contract's prefixes (kg:, kgr:, prov:, skos:, rdfs:, rdf:, owl:, dcterms:,
xsd:, schema:, wd:) are pre-bound, so a query need not declare them. Resource
IRIs contain slashes, which a SPARQL prefixed name must escape:
`kgr:actor\\/pmf` or `<https://w3id.org/actor-kg/id/actor/pmf>`.

Row order: a query without ORDER BY returns rows in rdflib's evaluation order,
which may differ between runs; every named query has an ORDER BY.

Limits: a query runs offline (SERVICE, FROM and GRAPH are refused; nothing is
fetched) and for at most `timeout` seconds (DEFAULT_TIMEOUT), after which it
is stopped with a QueryError.
"""
import contextlib
import csv
import io
import re
import signal
import threading
from dataclasses import dataclass
from importlib import resources

from pyparsing import ParseException, ParseResults
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import SPARQLError

from .errors import QueryError
from .escape import json_text, spreadsheet_cell, terminal_text
from .graphio import find_actor, offline, serialize_graph
from .namespaces import KG, PREFIXES, bind_prefixes
from .subgraph import relation_properties
from .validate import ontology_graph, short_name

TABULAR_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
FORMATS = TABULAR_FORMATS + GRAPH_FORMATS
TRIPLE_COLUMNS = ("subject", "predicate", "object")
#: Seconds a query may run before it is stopped (kg query --timeout).
DEFAULT_TIMEOUT = 60.0

#: SPARQL's PN_LOCAL_ESC: a backslash before one of these stands for the character.
_LOCAL_NAME_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query. `kind` is SELECT, ASK, CONSTRUCT or DESCRIBE;
    SELECT fills `variables` and `rows` (None for an unbound cell), ASK
    `boolean`, CONSTRUCT and DESCRIBE `graph`."""

    kind: str
    variables: tuple = ()
    rows: tuple = ()
    boolean: bool | None = None
    graph: Graph | None = None


# --- running queries ------------------------------------------------------------

class _TimeUp(BaseException):
    """Raised by the alarm in the middle of rdflib's evaluation; a
    BaseException, so that no `except Exception` on the way swallows it."""


@contextlib.contextmanager
def time_limit(seconds):
    """Stop the block with _TimeUp after `seconds` (None or 0: no limit). A
    SIGALRM timer, so it works only in the main thread of a Unix process;
    elsewhere the block runs without a limit."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(_signum, _frame):
        raise _TimeUp()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_query(graph, sparql, init_bindings=None, timeout=DEFAULT_TIMEOUT):
    """Evaluate a SELECT, ASK, CONSTRUCT or DESCRIBE query against `graph`.
    `init_bindings` maps variable names to RDF terms. QueryError for invalid
    SPARQL (with line and column), for any UPDATE, for FROM, SERVICE or GRAPH,
    and for a query still running after `timeout` seconds (None: no limit)."""
    query = _prepare(sparql)
    try:
        with offline(), time_limit(timeout):
            return _evaluate(graph, query, init_bindings)
    except _TimeUp:
        raise QueryError(f"the query was stopped after {timeout:g} s (--timeout); narrow it with more "
                         f"specific patterns or a LIMIT, or allow more time") from None
    except SPARQLError as error:
        raise QueryError(f"SPARQL evaluation failed: {error}") from None


def _evaluate(graph, query, init_bindings):
    result = graph.query(query, initBindings=init_bindings or {})
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        answer = bind_prefixes(Graph())
        for triple in result.graph:
            answer.add(triple)
        return QueryResult(result.type, graph=answer)
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    variables = tuple(str(variable) for variable in result.vars)
    return QueryResult("SELECT", variables=variables, rows=tuple(tuple(row) for row in result))


def _prepare(sparql):
    """Parse and translate a query, refusing what kg query does not run."""
    try:
        parsed = parseQuery(sparql)
    except ParseException as error:
        if _is_update(sparql):
            raise QueryError("SPARQL UPDATE is not allowed: kg query is read-only") from None
        raise QueryError(_syntax_message(error)) from None
    for node in _parse_nodes(parsed):
        if node.name in ("DatasetClause", "ServiceGraphPattern"):
            raise QueryError("FROM and SERVICE are not allowed: kg query reads only the graph file")
        if node.name == "GraphGraphPattern":
            raise QueryError("GRAPH is not supported: kg query sees the graph file as one graph, without "
                             "named graphs; write the patterns without GRAPH ?g { ... }")
        if node.name == "pname":
            _unescape_local_name(node)
    try:
        return translateQuery(parsed, initNs=PREFIXES)
    except Exception as error:  # rdflib raises bare Exception, e.g. for an unknown prefix
        unknown_prefix = re.fullmatch(r"Unknown namespace prefix : (.*)", str(error))
        if unknown_prefix:
            raise QueryError(f"unknown prefix {unknown_prefix.group(1)}: in the query; declare it "
                             f"with PREFIX or use a pre-bound one: {', '.join(PREFIXES)}") from None
        raise QueryError(f"SPARQL error: {error}") from None


def _is_update(sparql):
    try:
        update = parseUpdate(sparql)
    except ParseException:
        return False
    # Comments alone parse as an update without requests. (CompValue.get
    # returns the key itself for a missing key, hence dict.get.)
    return bool(dict.get(update, "request"))


def _syntax_message(error):
    expected = error.msg
    form = re.fullmatch(r"Expected (\w+)Query", expected)
    if form:
        expected = f"cannot parse the {form.group(1).upper()} query from here"
    elif expected.startswith("Expected {SelectQuery"):
        expected = "expected SELECT, CONSTRUCT, DESCRIBE or ASK"
    elif expected == "Expected end of text":
        expected = "unexpected text after the end of the query"
    rest = " ".join(error.pstr[error.loc:].split())
    near = f" near {rest[:40]!r}" if rest else " (at the end of the query)"
    return f"SPARQL syntax error at line {error.lineno}, column {error.col}: {expected}{near}"


def _parse_nodes(tree):
    """Every CompValue in a parse tree, depth first."""
    if isinstance(tree, CompValue):
        yield tree
        children = tree.values()
    elif isinstance(tree, (list, tuple, ParseResults)):
        children = tree
    else:
        return
    for child in children:
        yield from _parse_nodes(child)


def _unescape_local_name(pname):
    # rdflib keeps the backslash of `kgr:actor\/pmf` in the IRI (rdflib#1871).
    local = dict.get(pname, "localname")
    if local and "\\" in local:
        pname["localname"] = _LOCAL_NAME_ESCAPE.sub(r"\1", local)


# --- named queries ------------------------------------------------------------------

@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query: `kind` is `actor` (any of an actor's
    names) or `relation` (backs, kg:backs, a sub-property or a full IRI)."""

    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query of kg/queries/<name>.rq, described by its header comment."""

    name: str
    description: str
    params: tuple
    sparql: str


_PARAM_LINE = re.compile(r"#\s*param\s+(\w+)\s+\((actor|relation)\):\s*(.+)")


def list_named_queries():
    """Every query in kg/queries/, by name, with its description and parameters."""
    folder = resources.files("kg").joinpath("queries")
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".rq")),
                   key=lambda entry: entry.name)
    return [_read_named_query(entry.name[:-3], entry.read_text(encoding="utf-8")) for entry in files]


def _read_named_query(name, text):
    """The header comment is the description, then `# param NAME (KIND): text` lines."""
    description, params = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.fullmatch(line.strip())
        if match:
            params.append(QueryParam(*match.groups()))
        elif not params and line.strip("# "):
            description.append(line.strip("# "))
    return NamedQuery(name, " ".join(description), tuple(params), text)


def named_query(name):
    queries = {query.name: query for query in list_named_queries()}
    if name not in queries:
        raise QueryError(f"no named query {name!r}; available: {', '.join(queries)}")
    return queries[name]


def run_named_query(graph, name, params, timeout=DEFAULT_TIMEOUT):
    """Run a named query on folded_graph(graph), with `params` (name -> text)
    bound as init bindings: an actor by any alias, a relation by local name or IRI."""
    query = named_query(name)
    unknown = sorted(set(params) - {param.name for param in query.params})
    if unknown:
        raise QueryError(f"named query {name!r} has no parameter {unknown[0]!r}; "
                         f"it takes: {_param_list(query)}")
    bindings = {}
    for param in query.params:
        if param.name not in params:
            raise QueryError(f"named query {name!r} needs the parameter {param.name} "
                             f"({param.kind}): {param.description}")
        bindings[param.name] = _resolve_param(graph, param, params[param.name])
    return run_query(folded_graph(graph), query.sparql, bindings, timeout=timeout)


def _param_list(query):
    return ", ".join(param.name for param in query.params) or "no parameters"


def _resolve_param(graph, param, value):
    if param.kind == "actor":
        return find_actor(graph, value)
    return resolve_relation(graph, value)


# --- relations ------------------------------------------------------------------------

def folded_graph(graph):
    """A copy of `graph` with the shipped ontology added and, for each triple of
    a sub-property of a core relation (kg:attacks, kg:funds), the core triple it
    implies (kg:opposes, kg:backs): so `?x kg:opposes ?y` and the property paths
    of the named queries see every relation however the builder named it."""
    folded = bind_prefixes(Graph())
    folded += graph
    folded += ontology_graph()
    for prop, core in relation_properties(graph).items():
        for subject, object_ in graph.subject_objects(prop):
            folded.add((subject, KG[core], object_))
    return folded


def resolve_relation(graph, text):
    """A relation property from `backs`, `kg:backs`, a sub-property's name or an IRI."""
    properties = relation_properties(graph)
    local = text.removeprefix("kg:")
    for prop in properties:
        if text == str(prop) or local == str(prop).removeprefix(str(KG)):
            return prop
    names = ", ".join(sorted(short_name(prop).removeprefix("kg:") for prop in properties))
    raise QueryError(f"unknown relation {text!r}; choose from {names}")


# --- rendering ------------------------------------------------------------------------

def format_result(result, fmt=None):
    """Render a QueryResult; `fmt` is one of FORMATS (default: table, or turtle
    for a graph). A graph renders in tabular formats as subject/predicate/object
    rows; RDF formats are only for CONSTRUCT and DESCRIBE results."""
    fmt = fmt or ("turtle" if result.graph is not None else "table")
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt in GRAPH_FORMATS:
        if result.graph is None:
            raise QueryError(f"the {fmt} format is for CONSTRUCT and DESCRIBE results; "
                             f"write a {result.kind} result as {', '.join(TABULAR_FORMATS)}")
        return serialize_graph(result.graph, fmt).decode("utf-8")
    if result.kind == "ASK":
        return _format_boolean(result.boolean, fmt)
    variables, rows = _tabular(result)
    if fmt == "json":
        return _sparql_json(variables, rows)
    if fmt == "tsv":
        return render_rows([f"?{name}" for name in variables],
                           [[_tsv_term(term) for term in row] for row in rows], "tsv")
    cell = _csv_term if fmt == "csv" else _display_term
    return render_rows(variables, [[cell(term) for term in row] for row in rows], fmt)


def _tabular(result):
    if result.graph is None:
        return result.variables, result.rows
    triples = sorted(result.graph, key=lambda triple: tuple(term.n3() for term in triple))
    return TRIPLE_COLUMNS, triples


def _format_boolean(answer, fmt):
    text = "true" if answer else "false"
    if fmt == "json":
        return json_text({"head": {}, "boolean": answer}, indent=2) + "\n"
    if fmt == "table":
        return text + "\n"
    return render_rows(["boolean"], [[text]], fmt)


def render_rows(headers, rows, fmt):
    """Rows of strings as an aligned `table` (control characters shown as
    escapes), as `csv` (RFC 4180) or as `tsv`; in CSV and TSV a cell that a
    spreadsheet would run as a formula gets a leading apostrophe."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([spreadsheet_cell(cell) for cell in headers])
        writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
        return out.getvalue()
    if fmt == "tsv":
        return "".join("\t".join(spreadsheet_cell(_tsv_cell(cell)) for cell in line) + "\n"
                       for line in [headers, *rows])
    lines = [[terminal_text(" ".join(str(cell).split())) for cell in line] for line in [headers, *rows]]
    widths = [max(len(line[column]) for line in lines) for column in range(len(headers))]
    lines.insert(1, ["-" * width for width in widths])
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n"
                   for line in lines)


def _tsv_cell(text):
    return str(text).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _display_term(term):
    """kgr:actor/pmf for an IRI, a literal's plain text, _:label for a blank node."""
    if term is None:
        return ""
    return str(term) if isinstance(term, Literal) else short_name(term)


def _csv_term(term):
    """SPARQL 1.1 CSV: full IRIs, a literal's lexical form, _:label for a blank node."""
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _tsv_term(term):
    """SPARQL 1.1 TSV: each term in Turtle syntax, on one line."""
    if term is None:
        return ""
    if not isinstance(term, Literal):
        return term.n3()
    text = str(term)
    for char, escape in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(char, escape)
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _sparql_json(variables, rows):
    """The SPARQL 1.1 Query Results JSON Format."""
    bindings = [{name: _json_term(term) for name, term in zip(variables, row) if term is not None}
                for row in rows]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json_text(document, indent=2) + "\n"


def _json_term(term):
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    encoded = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        encoded["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        encoded["datatype"] = str(term.datatype)
    return encoded
