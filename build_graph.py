#!/usr/bin/env python3
"""The main job: build the seed corpus's graph into out/ and print a summary.

    python build_graph.py            # out/graph.ttl and out/graph.html
    python build_graph.py --quiet    # the same, without the summary
"""
import sys

from kg.cli import cli


def main(argv):
    quiet = ["--quiet"] if "--quiet" in argv else []
    commands = [["build", "seeds", "-o", "out/graph.ttl", *quiet]]
    try:
        import kg.commands.viz  # noqa: F401  (the page exists once the viz is installed)
        commands.append(["viz", "out/graph.ttl", "-o", "out/graph.html"])
    except ImportError:
        pass
    for args in commands:
        try:
            cli.main(args=args, prog_name="kg", standalone_mode=False)
        except Exception as error:  # click reports usage errors itself
            message = getattr(error, "format_message", lambda: str(error))()
            print(f"Error: {message}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
