"""`kg query`: read-only SPARQL over a graph, or one of the named queries."""
import json
import textwrap

import click

from ..query import DEFAULT_TIMEOUT, FORMATS, format_result, list_named_queries, run_named_query, run_query


def _parse_params(ctx, param, values):
    params = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", ctx=ctx, param=param)
        params[key.strip()] = text.strip()
    return params


@click.command("query")
@click.argument("graph_file", metavar="GRAPH", required=False)
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the SPARQL query from this file ('-' for stdin).")
@click.option("--named", metavar="NAME", help="Run a named query (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", callback=_parse_params,
              help="A named query's parameter; repeatable. Actors by any of their names.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format  [default: table; turtle for CONSTRUCT and DESCRIBE]")
@click.option("--raw", is_flag=True,
              help="Query the file's triples only: no ontology, sub-properties not folded.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop a query that runs longer than this (0: no limit).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--endpoint", metavar="URL",
              help="Query a remote SPARQL 1.1 Protocol service instead of GRAPH, e.g. http://host:7878/query "
                   "(a URL without a path stands for an Oxigraph server: /query). Credentials from "
                   "KG_ENDPOINT_TOKEN, or KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD.")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="With --endpoint: query the build pushed to this named graph (and IRI/implied unless "
                   "--raw).  [default: the service's default graph]")
def command(graph_file, sparql, query_file, named, params, fmt, raw, timeout, list_queries, endpoint, graph_iri):
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on GRAPH
    (a graph file or a store directory of kg build --store), or on a remote
    store with --endpoint (the same refusals and formats).

    The prefixes kg: kgr: prov: skos: rdfs: rdf: owl: dcterms: xsd: schema:
    wd: are pre-bound. A resource IRI has slashes, escaped in a prefixed name:
    kgr:actor\\/pmf. The query sees the graph with the ontology and with the
    core relation of every sub-property (kg:attacks is also kg:opposes)
    unless --raw. Rows come in ORDER BY order; without one, in no fixed order.
    The query runs offline (no SERVICE, FROM or GRAPH) and is stopped after
    --timeout seconds. In CSV and TSV a cell that a spreadsheet would run as
    a formula (=, +, -, @) starts with an apostrophe.

    \b
    Examples:
      kg query out/graph.ttl 'SELECT ?a ?b WHERE { ?a kg:backs ?b }'
      kg query out/graph.ttl 'ASK { kgr:actor\\/iran kg:backs kgr:actor\\/pmf }'
      kg query out/graph.ttl 'DESCRIBE kgr:actor\\/pmf' --format nt
      kg query out/graph.ttl -f my-query.rq --format csv > rows.csv
      echo 'SELECT * WHERE { ?s a kg:Militia }' | kg query out/graph.ttl -f -
      kg query out/graph.ttl --named backers --param actor="Hashd al-Shaabi"
      kg query out/graph.ttl --named evidence -p subject=Iran -p relation=backs -p object=PMF
      kg query --list
      kg query --endpoint http://127.0.0.1:7878/query --named backers -p actor=PMF
      kg query --endpoint http://kg.example:7878 --graph urn:team:alice 'SELECT * WHERE { ?a kg:backs ?b }'
    """
    if list_queries:
        click.echo(_named_query_listing(fmt), nl=False)
        return
    if endpoint is not None and graph_file is not None:
        if sparql is not None:
            raise click.UsageError("give GRAPH or --endpoint, not both")
        graph_file, sparql = None, graph_file  # the one argument is the query
    if graph_iri is not None and endpoint is None:
        raise click.UsageError("--graph goes with --endpoint")
    if raw and endpoint is not None and graph_iri is None:
        raise click.UsageError("--raw with --endpoint needs --graph: a service's default graph cannot leave "
                               "out the implied triples")
    if graph_file is None and endpoint is None:
        raise click.UsageError("missing argument GRAPH")
    sources = [given for given in (sparql is not None, query_file is not None, named is not None) if given]
    if len(sources) != 1:
        raise click.UsageError("give exactly one query: SPARQL text, -f FILE, or --named NAME")
    if params and named is None:
        raise click.UsageError("--param goes with --named")
    if raw and named is not None:
        raise click.UsageError("--raw goes with a SPARQL query, not --named")
    if endpoint is not None:
        from ..endpoint import Endpoint

        graph = Endpoint(endpoint, graph=graph_iri, timeout=timeout or None)
    else:
        from ..store import open_graph

        graph = open_graph(graph_file)
    if named is not None:
        result = run_named_query(graph, named, params, timeout=timeout or None)
    else:
        result = run_query(graph, sparql if sparql is not None else query_file.read(), timeout=timeout or None,
                           folded=not raw)
    click.echo(format_result(result, fmt), nl=False)


def _named_query_listing(fmt):
    queries = list_named_queries()
    if fmt == "json":
        listing = [{"name": query.name, "description": query.description,
                    "params": [{"name": p.name, "kind": p.kind, "description": p.description}
                               for p in query.params]}
                   for query in queries]
        return json.dumps(listing, indent=2) + "\n"
    blocks = []
    for query in queries:
        lines = [query.name]
        lines += textwrap.wrap(query.description, 76, initial_indent="  ", subsequent_indent="  ")
        lines += [f"  --param {p.name}=...  {p.description}" for p in query.params]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
