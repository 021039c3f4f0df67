"""`kg export`: a graph, or an actor's neighbourhood in it, for other tools."""
from pathlib import Path

import click

from ..errors import KGError
from ..escape import terminal_text
from ..fileio import check_output, write_output
from ..graphio import find_actor, preferred_label
from ..subgraph import parse_relations, select_subgraph


@click.command("export")
@click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("--actor", metavar="NAME", help="Keep this actor's neighbourhood; any of its names works.")
@click.option("--hops", type=int, metavar="N",
              help="With --actor: keep actors up to N relations away, either direction  [default: 1]")
@click.option("--relations", metavar="LIST",
              help="Keep only these relation types, comma-separated: backs,opposes,commands,memberOf,partOf")
@click.option("--doc", metavar="ID", help="Keep only assertions and statements from this document.")
@click.option("-f", "--format", "fmt", metavar="FORMAT",
              help="ttl, nt, jsonld, graphml, gexf, csv or html  [default: from the -o suffix, else ttl]")
@click.option("-o", "--output", metavar="FILE", help="File to write; '-' or none: standard output.")
def command(graph_file, actor, hops, relations, doc, fmt, output):
    """Export GRAPH (a graph file or a store directory), or the part of it around an actor, as RDF, GraphML, GEXF,
    CSV or an offline HTML page.

    The selection keeps the actors, the relations among them with every
    supporting assertion, their statements and the documents those come from.
    GraphML and GEXF (for Gephi) carry label, class and aliases on nodes and
    relation, weight (number of assertions) and evidence on edges. CSV has one
    row per assertion: source,source_label,relation,target,target_label,
    evidence,document,confidence; a relation without any (background
    knowledge) gets one row with empty evidence. A cell that a spreadsheet
    would run as a formula starts with an apostrophe.

    \b
    Example:
      kg export out/graph.ttl --actor "Hashd al-Shaabi" --hops 2 -o pmf.graphml
      kg export out/graph.ttl --actor PMF --relations backs,opposes --format csv
      kg export out/graph.ttl --doc 001_141b8c43e20b0c7f -o kirkuk.html
    """
    from ..export import export, format_for  # networkx and pyvis load only here

    to_stdout = output in (None, "-")
    fmt = format_for(fmt, None if to_stdout else Path(output))
    target = check_output("-" if to_stdout else output)
    if hops is not None and actor is None:
        raise KGError("--hops needs --actor")
    if hops is not None and hops < 0:
        raise KGError(f"--hops must be 0 or more, not {hops}")
    wanted = parse_relations(relations) if relations is not None else None
    from ..store import GraphStore, open_graph

    graph = open_graph(graph_file)
    hops = 1 if hops is None else hops
    selection = select_subgraph(graph, actor=actor, hops=hops, relations=wanted, document=doc)
    if isinstance(selection, GraphStore) and fmt in ("ttl", "nt", "jsonld"):
        selection = selection.to_rdflib()  # rdflib writes every RDF format
    data = export(selection, fmt, title=_title(graph, graph_file, actor, hops, wanted, doc))
    write_output(target.given, data)
    if not target.is_stdout:
        click.echo(f"wrote {terminal_text(output)}", err=True)


def _title(graph, graph_file, actor, hops, relations, doc):
    """The HTML page's title: what was selected from which file."""
    parts = []
    if actor is not None:
        name = preferred_label(graph, find_actor(graph, actor))
        parts.append(f"{name} and actors within {hops} hop{'' if hops == 1 else 's'}")
    if relations is not None:
        parts.append(", ".join(relations))
    if doc is not None:
        parts.append(f"document {doc}")
    return f"{graph_file.name}: {'; '.join(parts)}" if parts else f"Actor graph: {graph_file.name}"
