"""`kg build`: extract a graph from a corpus."""
import sys

import click

from ..actors import ActorDictionary
from ..corpus import read_corpus
from ..fileio import atomic_write
from ..graphio import RDF_FORMATS, serialize_graph
from ..pipeline import DEFAULT_CORPUS, build_documents, summary


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", default="out/graph.ttl", show_default=True,
              help="Graph file to write ('-' for standard output).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(path_type=str),
              help="Your own actor dictionary (YAML), merged over the built-in one. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(sorted(RDF_FORMATS)), default="turtle", show_default=True,
              help="RDF serialisation of the output.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def command(paths, output, actor_files, fmt, quiet):
    """Build the actor graph of PATHS (files or directories of .txt, .md,
    .html, .jsonl; default: seeds/).

    \b
    Examples:
      kg build -o out/graph.ttl
      kg build reports/ extra.jsonl --actors mine.yaml --format nt -o out/graph.nt
    """
    # Input errors surface before the model loads.
    dictionary = ActorDictionary.load(tuple(actor_files))
    documents = read_corpus(paths or (DEFAULT_CORPUS,))
    if not quiet and sys.stderr.isatty():
        with click.progressbar(length=len(documents), label="Extracting", file=sys.stderr) as bar:
            build = build_documents(documents, dictionary, progress=lambda _document: bar.update(1))
    else:
        build = build_documents(documents, dictionary)
    data = serialize_graph(build.graph, fmt)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)
    if not quiet:
        click.echo(summary(build.extraction), err=output == "-")
        if output != "-":
            click.echo(f"graph       {output} ({len(build.graph)} triples)")
