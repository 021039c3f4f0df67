#!/usr/bin/env python3
"""The main job: build the seed corpus's graph into out/ and print a summary.

    python build_graph.py            # out/graph.ttl and out/graph.html
    python build_graph.py --quiet    # the same, printing nothing unless it fails

It uses the library (`import kg`), as any script of yours can.
"""
import sys

import kg
from kg.cli import install_signal_handlers
from kg.errors import KGError
from kg.fileio import atomic_write

GRAPH, PAGE = "out/graph.ttl", "out/graph.html"


def main(argv):
    quiet = "--quiet" in argv
    install_signal_handlers()
    try:
        build = kg.build_corpus(["seeds"])
        kg.write_graph(build.graph, GRAPH)
        atomic_write(PAGE, kg.render_html(build.graph).encode("utf-8"))
    except (KGError, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    if not quiet:
        print(kg.summary(build.extraction))
        print(f"graph       {GRAPH} ({len(build.graph)} triples)")
        print(f"page        {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
