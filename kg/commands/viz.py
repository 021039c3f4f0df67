"""`kg viz`: the interactive offline page of a graph."""
from pathlib import Path

import click

from ..escape import terminal_text
from ..fileio import check_output, write_output


@click.command("viz")
@click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="HTML file to write  [default: GRAPH with the suffix .html]")
@click.option("--title", help="Page title  [default: the graph file's name]")
@click.option("-q", "--quiet", is_flag=True, help="Do not report the file written.")
def command(graph_file, output, title, quiet):
    """Write an interactive page of GRAPH (a graph file or a store directory):
    one HTML file that works offline.

    Colour and shape show an actor's class, size its number of relations,
    edge colour the relation type. The names of the most connected actors
    show first (zoom in for more); actors without relations stand aside.
    Click an actor to see only its neighbourhood, a relation for every
    evidence sentence and its source document; hide actors with few
    relations, filter relation types and find actors by any name.

    \b
    Example:
      kg viz out/graph.ttl -o out/graph.html
      kg viz out/graph.ttl --title "Kirkuk, October 2017"
    """
    from ..viz import render_html  # pyvis and jinja2 load only for this command

    output = output or graph_file.with_suffix(".html")
    target = check_output(output)
    from ..store import open_graph

    graph = open_graph(graph_file)
    write_output(target.given, render_html(graph, title=title or f"Actor graph: {graph_file.name}"))
    if not quiet and not target.is_stdout:
        click.echo(f"wrote {terminal_text(output)}", err=True)
