"""`kg push`: a build into a shared triple store, by the Graph Store Protocol."""
import click

from ..escape import terminal_text


@click.command("push")
@click.argument("graph", metavar="GRAPH|STORE")
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL 1.1 Graph Store Protocol service, e.g. http://host:7878/store "
                   "(a URL without a path stands for an Oxigraph server: /store).")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="The named graph to write.  [default: the build's own, "
                   "https://w3id.org/actor-kg/id/graph/<hash of its triples>]")
@click.option("--replace", is_flag=True, help="Replace the named graph if the server has it already.")
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True, metavar="SECONDS",
              help="Give up on a request after this long.")
def command(graph, endpoint, graph_iri, replace, timeout):
    """Push GRAPH (a graph file) or STORE (a directory of kg build --store)
    into a shared triple store, in a named graph of its own: the build's
    triples in IRI, in one PUT that the server applies whole or not at all;
    the ontology and the implied core relations (kg:funds is also kg:backs)
    in IRI/implied, so that kg query --endpoint --graph IRI answers as kg
    query does locally. Without --replace an existing IRI is left alone.

    Credentials come from the environment, never from the command line:
    KG_ENDPOINT_TOKEN (a bearer token), or KG_ENDPOINT_USER and
    KG_ENDPOINT_PASSWORD (basic authentication).

    A failed push prints the server's answer on one line and leaves the
    server's earlier graph as it was.

    \b
    Examples:
      kg push out/store --endpoint http://kg.example:7878/store
      kg push out/graph.ttl --endpoint http://127.0.0.1:7878 --graph urn:team:alice --replace
      KG_ENDPOINT_TOKEN=... kg push out/store --endpoint https://kg.example/store
    """
    from ..push import describe, push

    click.echo(terminal_text(describe(push(graph, endpoint, graph=graph_iri, replace=replace, timeout=timeout))))
