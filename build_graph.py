#!/usr/bin/env python3
"""The main job: build the seed corpus's graph into out/ and print a summary.

    python build_graph.py            # out/graph.ttl and out/graph.html
    python build_graph.py --quiet    # the same, printing nothing unless it fails
"""
import sys

import click

from kg.cli import cli, install_signal_handlers


def main(argv):
    quiet = ["--quiet"] if "--quiet" in argv else []
    commands = [["build", "seeds", "-o", "out/graph.ttl", *quiet]]
    try:
        import kg.commands.viz  # noqa: F401  (the page exists once the viz is installed)
        commands.append(["viz", "out/graph.ttl", "-o", "out/graph.html", *quiet])
    except ImportError:
        pass
    install_signal_handlers()
    for args in commands:
        try:
            cli.main(args=args, prog_name="kg", standalone_mode=False)
        except click.ClickException as error:
            error.show()
            return error.exit_code
        except click.exceptions.Exit as stop:
            if stop.exit_code:
                return stop.exit_code
        except click.Abort:
            print("Aborted!", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
