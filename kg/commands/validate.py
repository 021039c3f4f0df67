"""`kg validate`: check a graph file against the contract's shapes and ontology."""
import click

from ..escape import json_text, terminal_lines
from ..validate import format_report, standing_facts, validate_graph


@click.command("validate")
@click.argument("graph", metavar="GRAPH")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per problem and a summary; json: the full report.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(path_type=str),
              help="The actor dictionary the graph was built with (as given to kg build --actors): "
                   "its standing facts need no evidence sentence. Repeatable.")
def command(graph, output_format, actor_files):
    """Check GRAPH (.ttl, .nt, .jsonld, .trig, or a store directory) against the graph contract:
    the SHACL shapes and the ontology shipped with kg.

    Prints one line per problem (severity, node, property, rule, offending
    value) and a summary. Exit status 0 when the graph conforms (warnings
    allowed), 1 when it does not or cannot be read. A relation without an
    evidence sentence is a warning unless it is a standing fact of the actor
    dictionary (the built-in one, plus --actors).

    \b
    Examples:
      kg validate out/graph.ttl
      kg validate out/graph.ttl --format json
      kg validate out/graph.ttl --actors mine.yaml
    """
    facts = standing_facts(tuple(actor_files))
    from ..store import open_graph

    report = validate_graph(open_graph(graph), facts=facts)
    if output_format == "json":
        click.echo(json_text(report.as_dict(), indent=2))
    else:
        click.echo(terminal_lines(format_report(report)))
    if not report.conforms:
        raise click.exceptions.Exit(1)
