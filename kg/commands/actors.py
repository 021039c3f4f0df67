"""`kg actors`: every actor of a graph with its class, names and connectedness."""
from collections import Counter

import click
from rdflib.namespace import RDF

from ..errors import KGError
from ..escape import json_text
from ..graphio import actor_names, actor_nodes, preferred_label
from ..namespaces import KG, KGR
from ..query import render_rows
from ..validate import short_name
from ..subgraph import actor_class, class_ancestors, relation_keys, statement_counts

COLUMNS = ("id", "class", "name", "aliases", "degree", "statements")
#: In --format table, aliases beyond this many characters are counted, not listed.
TABLE_ALIAS_WIDTH = 60
SORT_KEYS = {
    "degree": lambda record: (-record["degree"], record["name"].lower(), record["id"]),
    "name": lambda record: (record["name"].lower(), record["id"]),
}


def actor_id(node):
    """The slug of kgr:actor/<slug>; for another IRI, its prefixed name."""
    prefix = f"{KGR}actor/"
    return str(node)[len(prefix):] if str(node).startswith(prefix) else short_name(node)


def actor_records(graph, class_name=None):
    """One dict per actor: id, iri, class (the most specific), name, aliases,
    degree (distinct relation edges in and out, a sub-property counting as its
    core relation) and statements (how many it made). `class_name` keeps the
    actors of that kg: class or of a subclass of it (Organization: militias too)."""
    ancestors = class_ancestors(graph)
    nodes = actor_nodes(graph)
    if class_name is not None:
        wanted = _actor_class_term(graph, class_name, ancestors)
        nodes = [node for node in nodes if wanted in _classes(graph, node, ancestors)]
    degree = Counter()
    for source, _relation, target in relation_keys(graph):
        degree.update({source, target})
    statements = statement_counts(graph)
    return [{
        "id": actor_id(node),
        "iri": str(node),
        "class": actor_class(graph, node, ancestors),
        "name": preferred_label(graph, node),
        "aliases": actor_names(graph, node)[1:],
        "degree": degree[node],
        "statements": statements[node],
    } for node in nodes]


def _classes(graph, node, ancestors):
    """The node's classes and all their superclasses."""
    types = set(graph.objects(node, RDF.type))
    return types.union(*(ancestors.get(cls, ()) for cls in types))


def _actor_class_term(graph, class_name, ancestors):
    """kg:<Class> for a class name in any case; KGError listing the actor classes."""
    known = sorted(str(cls)[len(str(KG)):] for cls, parents in ancestors.items()
                   if KG.Actor in parents and str(cls).startswith(str(KG)))
    by_key = {name.lower(): name for name in known + ["Actor"]}
    if class_name.removeprefix("kg:").lower() not in by_key:
        raise KGError(f"unknown actor class {class_name!r}; choose from {', '.join(known)}")
    return KG[by_key[class_name.removeprefix("kg:").lower()]]


def _short_aliases(aliases):
    """'PMF; PMU; Hashd (+12 more)': as many as fit TABLE_ALIAS_WIDTH."""
    shown = []
    for alias in aliases:
        if shown and len("; ".join(shown + [alias])) > TABLE_ALIAS_WIDTH:
            return f"{'; '.join(shown)} (+{len(aliases) - len(shown)} more)"
        shown.append(alias)
    return "; ".join(shown)


@click.command("actors")
@click.argument("graph_file", metavar="GRAPH")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--class", "class_name", metavar="CLASS",
              help="Only actors of this class or a subclass, e.g. Militia, Person, Organization.")
@click.option("--sort", "sort_by", type=click.Choice(list(SORT_KEYS)), default="degree", show_default=True,
              help="Most connected first, or alphabetical by name.")
def command(graph_file, fmt, class_name, sort_by):
    """List every actor in GRAPH (a graph file or a store directory): id (kgr:actor/<id>), class, preferred name,
    aliases, degree (relations in and out) and number of statements. A long
    alias list is cut short in the table; csv, tsv and json give it whole.
    In csv and tsv a cell that a spreadsheet would run as a formula (=, +,
    -, @) starts with an apostrophe; the table shows control characters as
    escapes such as \x1b.

    \b
    Examples:
      kg actors out/graph.ttl
      kg actors out/graph.ttl --class Militia --sort name
      kg actors out/graph.ttl --format csv > actors.csv
      kg actors out/graph.ttl --format json | jq '.[] | select(.degree > 2) | .name'
    """
    from ..store import open_graph

    records = sorted(actor_records(open_graph(graph_file), class_name), key=SORT_KEYS[sort_by])
    if fmt == "json":
        click.echo(json_text(records, indent=2))
        return
    aliases = _short_aliases if fmt == "table" else "; ".join
    rows = [[record["id"], record["class"], record["name"], aliases(record["aliases"]),
             str(record["degree"]), str(record["statements"])] for record in records]
    click.echo(render_rows(COLUMNS, rows, fmt), nl=False)
