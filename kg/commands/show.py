"""`kg show`: one actor, its relations with every evidence sentence, its statements."""
import click
from rdflib.namespace import OWL

from ..escape import json_text, terminal_lines, terminal_text
from ..graphio import actor_names, find_actor, preferred_label
from ..namespaces import RELATIONS, WD
from ..validate import short_name
from ..subgraph import actor_class, document_identifier, document_title, quotes, relation_edges

#: How a relation reads from its subject ("out") and from its object ("in").
DIRECTION_NAMES = {
    "backs": ("backs", "backed by"),
    "opposes": ("opposes", "opposed by"),
    "commands": ("commands", "commanded by"),
    "memberOf": ("member of", "has member"),
    "partOf": ("part of", "has part"),
}


def actor_profile(graph, node):
    """Everything the graph says of one actor, as JSON-ready data: names,
    class, Wikidata ids, relation edges (grouped by relation, then direction)
    each with its evidence and documents, and statements."""
    documents = _Documents(graph)
    return {
        "id": short_name(node),
        "iri": str(node),
        "name": preferred_label(graph, node),
        "class": actor_class(graph, node),
        "aliases": actor_names(graph, node)[1:],
        "wikidata": sorted(str(same)[len(str(WD)):] for same in graph.objects(node, OWL.sameAs)
                           if str(same).startswith(str(WD))),
        "relations": _relation_groups(graph, node, documents),
        "statements": [_statement(graph, quote, documents) for quote in quotes(graph, speaker=node)],
    }


class _Documents(dict):
    """A document's identifier and title, looked up once however many
    sentences of it an actor's evidence quotes."""

    def __init__(self, graph):
        super().__init__()
        self.graph = graph

    def __missing__(self, document):
        if document is None:
            found = {"document": None, "title": None}
        else:
            found = {"document": document_identifier(self.graph, document),
                     "title": document_title(self.graph, document) or None}
        self[document] = found
        return found


def _relation_groups(graph, node, documents):
    groups = {}
    for edge in relation_edges(graph, actor=node):
        for direction, end, other in (("out", edge.source, edge.target), ("in", edge.target, edge.source)):
            if end == node:
                groups.setdefault((edge.relation, direction), []).append(_edge(graph, edge, other, documents))
    order = [(relation, direction) for relation in RELATIONS for direction in ("out", "in")]
    return [{"relation": relation, "direction": direction,
             "label": DIRECTION_NAMES[relation][direction == "in"],
             "edges": sorted(groups[relation, direction], key=lambda edge: edge["name"].lower())}
            for relation, direction in order if (relation, direction) in groups]


def _edge(graph, edge, other, documents):
    return {
        "actor": short_name(other),
        "name": preferred_label(graph, other),
        "properties": [short_name(prop) for prop in edge.predicates],
        "evidence": [{
            "text": evidence.text,
            "property": short_name(evidence.predicate),
            **documents[evidence.document],
            "start": evidence.start,
            "end": evidence.end,
            "confidence": evidence.confidence,
            "method": evidence.method,
        } for evidence in edge.evidence],
    }


def _statement(graph, quote, documents):
    return {
        "text": quote.text,
        "type": quote.quote_type,
        "mentions": sorted(preferred_label(graph, actor) for actor in quote.mentions),
        **documents[quote.document],
    }


def render_profile(profile):
    """The profile as indented text for a terminal; text from documents has
    its control characters shown as escapes (\x1b), never sent raw."""
    lines = [profile["name"], f"  id:       {profile['id']}", f"  class:    {profile['class']}"]
    if profile["aliases"]:
        lines.append(f"  aliases:  {', '.join(profile['aliases'])}")
    if profile["wikidata"]:
        lines.append(f"  wikidata: {', '.join(profile['wikidata'])}")
    for group in profile["relations"]:
        arrow = "→" if group["direction"] == "out" else "←"
        lines += ["", f"{arrow} {group['label']} ({len(group['edges'])})"]
        for edge in group["edges"]:
            lines.append(f"  {edge['name']}  [{edge['actor']}]")
            for evidence in edge["evidence"]:
                lines.append(f"    \"{_one_line(evidence['text'])}\"")
                lines.append(f"      {_source(evidence)}  ({_how(evidence)})")
    lines += ["", f"Statements ({len(profile['statements'])})"]
    for statement in profile["statements"]:
        mentions = f"; mentions {', '.join(statement['mentions'])}" if statement["mentions"] else ""
        lines.append(f"  \"{_one_line(statement['text'])}\"  ({statement['type']}{mentions})")
        lines.append(f"      {_source(statement)}")
    return "\n".join(lines) + "\n"


def _one_line(text):
    return terminal_text(" ".join(text.split()))


def _how(evidence):
    """Property, confidence and method of an evidence sentence, those present."""
    parts = [evidence["property"]]
    if evidence["confidence"] is not None:
        parts.append(f"confidence {evidence['confidence']}")
    if evidence["method"]:
        parts.append(evidence["method"])
    return ", ".join(parts)


def _source(item):
    if item["document"] is None:
        return "no source document"
    return f"{item['document']}: {item['title']}" if item["title"] else item["document"]


@click.command("show")
@click.argument("graph_file", metavar="GRAPH")
@click.argument("actor")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
def command(graph_file, actor, fmt):
    """Show one ACTOR of GRAPH (a graph file or a store directory), named by any of its names: class, aliases,
    Wikidata id, each relation (→ outgoing, ← incoming) with every evidence
    sentence and its source document, then its statements.

    \b
    Examples:
      kg show out/graph.ttl PMF
      kg show out/graph.ttl "Hashd al-Shaabi" --format json
      kg show out/graph.ttl al-Abadi
    """
    from ..store import open_graph

    graph = open_graph(graph_file)
    profile = actor_profile(graph, find_actor(graph, actor))
    if fmt == "json":
        click.echo(json_text(profile, indent=2))
    else:
        click.echo(terminal_lines(render_profile(profile)), nl=False)
