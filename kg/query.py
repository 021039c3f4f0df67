"""Read-only SPARQL over an actor graph: running queries (in Oxigraph, see
kg/store.py, or on a remote SPARQL endpoint, see kg/endpoint.py), the named
queries in kg/queries/, and rendering results as a table, CSV, TSV, JSON or RDF.

The contract's prefixes (kg:, kgr:, prov:, skos:, rdfs:, rdf:, owl:, dcterms:,
xsd:, schema:, wd:) are pre-bound, so a query need not declare them. Resource
IRIs contain slashes, which a SPARQL prefixed name must escape:
`kgr:actor\\/pmf` or `<https://w3id.org/actor-kg/id/actor/pmf>`.

Row order: a query without ORDER BY returns rows in the store's evaluation
order, which may differ between versions; every named query has an ORDER BY.

Limits: a query runs offline (SERVICE, FROM and GRAPH are refused; nothing is
fetched) and for at most `timeout` seconds (DEFAULT_TIMEOUT), after which it
is stopped with a QueryError. Queries are checked (syntax, refusals) by
rdflib's SPARQL parser, so errors read the same whatever runs them.
"""
import contextlib
import csv
import io
import re
import threading
from dataclasses import dataclass
from importlib import resources

from pyparsing import ParseException, ParseResults
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import QueryError
from .escape import json_text, spreadsheet_cell, terminal_text
from .graphio import find_actor, offline, serialize_graph
from .namespaces import KG, PREFIXES, bind_prefixes
from .subgraph import relation_properties
from .validate import short_name

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


@dataclass(frozen=True)
class PreparedQuery:
    """A query that passed the checks: its text, its form (SELECT, ASK,
    CONSTRUCT, DESCRIBE), the SELECT's variables in order and those of them
    whose values the query computes (aggregates, BIND, VALUES) rather than
    reads from the graph."""

    text: str
    kind: str
    variables: tuple
    computed: frozenset
    describe: tuple = ()  # the IRIs a DESCRIBE names


# --- running queries ------------------------------------------------------------

class QueryCancelled(BaseException):
    """Raised in a query's worker thread once the query's time is up."""


def run_in_time(work, timeout, network=False):
    """`work(cancelled)` in a worker thread, waited for at most `timeout`
    seconds (None or 0: no limit); QueryError when the time is up. `work`
    should return early once `cancelled()` is true; a store that computes a
    long step without returning (a sort, an aggregate) is left to finish in its
    daemon thread, which ends with the process. The thread reads offline
    unless `network` (a remote endpoint's queries)."""
    box = {}
    stop = threading.Event()

    def run():
        try:
            with contextlib.nullcontext() if network else offline():
                box["value"] = work(stop.is_set)
        except BaseException as error:  # handed to the waiting thread
            # Without its traceback: the frames hold the store's result
            # iterators, which must be dropped in this thread.
            box["error"] = error.with_traceback(None)

    thread = threading.Thread(target=run, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout or None)
    if thread.is_alive():
        stop.set()
        raise QueryError(f"the query was stopped after {timeout:g} s (--timeout); narrow it with more "
                         f"specific patterns or a LIMIT, or allow more time")
    if "error" in box:
        raise box["error"]
    return box["value"]


def run_query(graph, sparql, init_bindings=None, timeout=DEFAULT_TIMEOUT, folded=False):
    """Evaluate a SELECT, ASK, CONSTRUCT or DESCRIBE query against `graph` (a
    GraphStore, an rdflib Graph or a kg.endpoint.Endpoint). `init_bindings`
    maps variable names to RDF terms; `folded` adds the ontology and the core
    triple of every sub-property triple (see kg.store). QueryError for invalid
    SPARQL (with line and column), for any UPDATE, for FROM, SERVICE or GRAPH,
    and for a query still running after `timeout` seconds (None: no limit)."""
    prepared = _prepare(sparql)
    from .endpoint import Endpoint

    if isinstance(graph, Endpoint):
        return graph.run(prepared, init_bindings or {}, timeout=timeout, folded=folded)
    from .store import from_rdflib

    store = from_rdflib(graph)
    return run_in_time(lambda cancelled: _evaluate(store, prepared, init_bindings or {}, folded, cancelled),
                       timeout)


def _evaluate(store, prepared, init_bindings, folded, cancelled):
    import pyoxigraph as ox

    from .store import QUERY_PREFIXES, plain_term

    bindings = {str(name): store.data_term(term) for name, term in init_bindings.items()}
    text, projected = bind_variables(prepared, bindings)
    substitutions = {ox.Variable(name): term for name, term in projected.items()}
    try:
        results = store.store.query(text, prefixes=QUERY_PREFIXES, substitutions=substitutions,
                                    default_graph=store.default_graph(folded))
        if prepared.kind == "ASK":
            return QueryResult("ASK", boolean=bool(results))
        if prepared.kind == "DESCRIBE":
            return QueryResult("DESCRIBE", graph=_describe(store.folded() if folded else store, prepared,
                                                            text, substitutions, folded, cancelled))
        if prepared.kind == "CONSTRUCT":
            answer = bind_prefixes(Graph())
            for triple in results:
                if cancelled():
                    raise QueryCancelled()
                answer.add((store.term(triple.subject), store.term(triple.predicate), store.term(triple.object)))
            return QueryResult(prepared.kind, graph=answer)
        columns = [(ox.Variable(name), plain_term if name in prepared.computed else store.term)
                   for name in prepared.variables]
        rows = []
        for solution in results:
            if cancelled():
                raise QueryCancelled()
            rows.append(tuple(None if (value := solution[variable]) is None else convert(value)
                              for variable, convert in columns))
        return QueryResult("SELECT", variables=prepared.variables, rows=tuple(rows))
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {_first_line(error)}") from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"SPARQL evaluation failed: {_first_line(error)}") from None


#: What a variable can hide in: strings, IRIs and comments; else a variable.
_QUERY_TOKENS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                           r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*'''
                           r"|[?$]([A-Za-z0-9_\u00b7-\uffff]+)")


def bind_variables(prepared, bindings):
    """The query text with each bound variable that is not projected written
    as its term (pyoxigraph terms print in SPARQL syntax), and the bindings of
    projected variables, left for the store's substitutions."""
    projected = {name: term for name, term in bindings.items() if name in prepared.variables}
    inline = {name: term for name, term in bindings.items() if name not in projected}
    if not inline:
        return prepared.text, projected

    def write(match):
        name = match.group(1)
        return str(inline[name]) if name in inline else match.group(0)

    return _QUERY_TOKENS.sub(write, prepared.text), projected


#: Strings, IRIs and comments, or the keywords that delimit a DESCRIBE's targets.
_DESCRIBE_TOKENS = re.compile(_QUERY_TOKENS.pattern.rsplit("|", 1)[0] + r"|(\bDESCRIBE\b)|(\bWHERE\b)|(\{)",
                              re.IGNORECASE)


def _describe(store, prepared, text, substitutions, folded, cancelled):
    """DESCRIBE as rdflib answered it: the concise bounded description, with
    the reifications of its statements (an actor's kg:Assertions), of each
    IRI named and of every value the WHERE clause binds."""
    import pyoxigraph as ox

    from .store import QUERY_PREFIXES

    targets = {store.term(term) for term in prepared.describe}
    where = _describe_where(text)
    if where is not None:
        for solution in store.store.query(where, prefixes=QUERY_PREFIXES, substitutions=substitutions,
                                          default_graph=store.default_graph(folded)):
            if cancelled():
                raise QueryCancelled()
            targets.update(store.term(value) for _variable, value in solution)
    answer = bind_prefixes(Graph())
    for resource in sorted(targets, key=lambda term: (type(term).__name__, str(term))):
        if cancelled():
            raise QueryCancelled()
        if not isinstance(resource, Literal):
            _concise_description(store, resource, answer)
    return answer


def _describe_where(text):
    """The DESCRIBE query as SELECT * over its WHERE clause, or None without one."""
    start = None
    for match in _DESCRIBE_TOKENS.finditer(text):
        if match.group(1) and start is None:
            start = match.start()
        elif start is not None and (match.group(2) or match.group(3)):
            return text[:start] + "SELECT * " + text[match.start():]
    return None


def _concise_description(graph, uri, out):
    """rdflib's Graph.cbd: the node's triples, those of its blank-node objects,
    and the descriptions of every reification of those triples."""
    from rdflib.namespace import RDF

    reified = {}
    for statement in graph.subjects(RDF.subject, uri):
        predicate, object_ = graph.value(statement, RDF.predicate), graph.value(statement, RDF.object)
        if predicate is not None and object_ is not None:
            reified.setdefault((uri, predicate, object_), set()).add(statement)
    for triple in list(graph.triples((uri, None, None))):
        out.add(triple)
        if type(triple[2]) is BNode and (triple[2], None, None) not in out:
            _concise_description(graph, triple[2], out)
        for statement in reified.get(triple, ()):
            if (statement, None, None) not in out:
                _concise_description(graph, statement, out)


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _prepare(sparql):
    """Parse and check a query, refusing what kg query does not run."""
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
        translated = translateQuery(parsed, initNs=PREFIXES)
    except Exception as error:  # rdflib raises bare Exception, e.g. for an unknown prefix
        unknown_prefix = re.fullmatch(r"Unknown namespace prefix : (.*)", str(error))
        if unknown_prefix:
            raise QueryError(f"unknown prefix {unknown_prefix.group(1)}: in the query; declare it "
                             f"with PREFIX or use a pre-bound one: {', '.join(PREFIXES)}") from None
        raise QueryError(f"SPARQL error: {error}") from None
    algebra = translated.algebra
    kind = algebra.name.removesuffix("Query").upper()
    variables = tuple(str(variable) for variable in algebra.get("PV") or ()) if kind == "SELECT" else ()
    describe = ()
    if kind == "DESCRIBE":
        import pyoxigraph as ox

        describe = tuple(ox.NamedNode(str(term)) for term in algebra.get("PV") or () if isinstance(term, URIRef))
    return PreparedQuery(sparql, kind, variables, frozenset(_computed_variables(algebra)), describe)


def _computed_variables(algebra):
    """Variables bound by an expression (BIND, an aggregate, a SELECT
    expression) or by VALUES, not read from the graph. SAMPLE, MIN and MAX of
    a variable (and a GROUP BY variable, which rdflib samples) give one of its
    values, so they count as that variable."""
    extends, aliases, computed = {}, {}, set()
    for node in _parse_nodes(algebra):
        if node.name == "Extend":
            extends.setdefault(str(node.var), []).append(node.expr)
        elif node.name in ("values", "ToMultiSet"):
            for row in dict.get(node, "res") or ():
                computed.update(str(variable) for variable in row)
        elif node.name.startswith("Aggregate_"):
            result, source = str(node.res), dict.get(node, "vars")
            if node.name in ("Aggregate_Sample", "Aggregate_Min", "Aggregate_Max") and isinstance(source, Variable):
                aliases[result] = str(source)
            else:
                computed.add(result)
    for result, source in aliases.items():
        extends.setdefault(result, []).append(Variable(source))
    changed = True
    while changed:
        changed = False
        for name, exprs in extends.items():
            if name in computed:
                continue
            if any(not isinstance(expr, Variable) or str(expr) in computed for expr in exprs):
                computed.add(name)
                changed = True
    return computed


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
    """Run a named query on `graph` with the ontology and the implied core
    relations (folded, see run_query), with `params` (name -> text) bound to
    the query's variables: an actor by any alias, a relation by local name or IRI."""
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
    return run_query(graph, query.sparql, bindings, timeout=timeout, folded=True)


def _param_list(query):
    return ", ".join(param.name for param in query.params) or "no parameters"


def _resolve_param(graph, param, value):
    graph = getattr(graph, "names", graph)  # an endpoint looks names up in a local copy of them
    if param.kind == "actor":
        return find_actor(graph, value)
    return resolve_relation(graph, value)


# --- relations ------------------------------------------------------------------------

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
