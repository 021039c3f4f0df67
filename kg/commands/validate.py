"""`kg validate`: check a graph file against the contract's shapes and ontology."""
import json

import click

from ..graphio import load_graph
from ..validate import format_report, validate_graph


@click.command("validate")
@click.argument("graph", metavar="GRAPH")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per problem and a summary; json: the full report.")
def command(graph, output_format):
    """Check GRAPH (.ttl, .nt, .jsonld, .trig) against the graph contract:
    the SHACL shapes and the ontology shipped with kg.

    Prints one line per problem (severity, node, property, rule, offending
    value) and a summary. Exit status 0 when the graph conforms (warnings
    allowed), 1 when it does not or cannot be read.

    \b
    Examples:
      kg validate out/graph.ttl
      kg validate out/graph.ttl --format json
    """
    report = validate_graph(load_graph(graph))
    if output_format == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
    if not report.conforms:
        raise click.exceptions.Exit(1)
