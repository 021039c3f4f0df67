"""The `kg` command line: a thin click layer over the library."""
import importlib
import os
import signal
import sys
from pathlib import Path

import click

from .errors import KGError, Terminated
from .escape import terminal_text

#: Command name -> module in kg.commands defining a click command of that name.
COMMANDS = ("build", "query", "actors", "show", "validate", "viz", "export", "serve", "push")


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so `kg --help`
    stays fast and a heavy dependency (spaCy, pyvis) loads only where used."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def format_commands(self, ctx, formatter):
        # The listing reads each command's docstring from its source, so that
        # `kg --help` imports none of them (rdflib, networkx, spaCy).
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        with formatter.section("Commands"):
            formatter.write_dl([(name, command_short_help(name, limit)) for name in COMMANDS])

    def get_command(self, ctx, name):
        module = self._module(name)
        return getattr(module, "command", None) if module else None

    def invoke(self, ctx):
        # A user error is one line and exit code 1, never a traceback.
        try:
            return super().invoke(ctx)
        except KGError as error:
            raise click.ClickException(terminal_text(error)) from None
        except Terminated as stop:
            click.echo(f"Error: stopped by {signal.Signals(stop.signum).name}", err=True)
            ctx.exit(128 + stop.signum)
        except BrokenPipeError:
            raise
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(terminal_text(f"{where}{error.strerror or error}")) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            if os.environ.get("KG_DEBUG"):
                raise
            raise click.ClickException(terminal_text(
                f"unexpected {type(error).__name__}: {error} (a bug in kg; KG_DEBUG=1 shows the traceback)"
            )) from None

    @staticmethod
    def _module(name):
        if name not in COMMANDS:
            return None
        try:
            return importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"kg.commands.{name}":
                return None
            raise


def command_short_help(name, limit=45):
    """The short help click would show for `kg NAME`, from the docstring of
    the function `command` in kg/commands/NAME.py, without importing it."""
    import ast
    import inspect
    from importlib.util import find_spec

    tree = ast.parse(Path(find_spec(f"kg.commands.{name}").origin).read_text(encoding="utf-8"))
    function = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "command")
    return click.utils.make_default_short_help(inspect.cleandoc(ast.get_docstring(function) or ""), limit)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actor-kg")
def cli():
    """Build and query evidence-backed actor graphs from news text.

    \b
    Example:
      kg build seeds/ -o out/graph.ttl
      kg query out/graph.ttl --named backers --param actor=PMF
    """


def install_signal_handlers():
    """Turn SIGTERM and SIGHUP into a Terminated exception, so that cleanup
    code runs (a half-written output's temporary file is removed) before the
    process ends with status 128 + the signal number. The CLI's entry points
    call this; a library user's signal handling is left alone."""

    def stop(signum, _frame):
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def main():
    """Console-script entry point."""
    install_signal_handlers()
    try:
        cli(prog_name="kg")
    except BrokenPipeError:
        # The reader went away (kg query ... | head): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
