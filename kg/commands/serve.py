"""`kg serve`: a read-only SPARQL endpoint over a graph or a store."""
import click

from ..escape import terminal_text
from ..serve import DEFAULT_HOST, DEFAULT_PORT


@click.command("serve")
@click.argument("graph", metavar="GRAPH|STORE")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on. The default is this machine only; 0.0.0.0 shares the graph with "
                   "every machine that can reach this one, without authentication.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="TCP port to listen on.")
@click.option("--timeout", type=click.IntRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer than this (0: no limit).")
def command(graph, host, port, timeout):
    """Serve GRAPH (a graph file) or STORE (a directory of kg build --store)
    as a read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/query,
    until Ctrl-C. Any SPARQL client can ask it (SPARQLWrapper, curl,
    Yasgui); UPDATE and Graph Store writes are refused.

    It runs Oxigraph's own server (`oxigraph serve-read-only`, installed with
    pip install 'actor-kg[server]'). Queries see the build's triples with the
    ontology and the implied core relations (kg:funds is also kg:backs), as
    kg query does; GRAPH <https://w3id.org/actor-kg/id/graph/ontology> and
    GRAPH <https://w3id.org/actor-kg/id/graph/implied> hold the latter alone. A graph file is copied into a temporary store first;
    a store directory is served as it is.

    \b
    Examples:
      kg serve out/store
      kg serve out/graph.ttl --port 8000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?a kg:backs ?b }' \\
           http://127.0.0.1:7878/query
    """
    from ..serve import serve

    status = serve(graph, host=host, port=port, timeout=timeout or None,
                   announce=lambda line: click.echo(terminal_text(line), err=True))
    if status not in (0, None, -2, 130):
        raise click.exceptions.Exit(status if status > 0 else 1)
