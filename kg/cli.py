"""The `kg` command line: a thin click layer over the library."""
import importlib

import click

from .errors import KGError

#: Command name -> module in kg.commands defining a click command of that name.
COMMANDS = ("build", "query", "actors", "show", "validate", "viz", "export")


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so `kg --help`
    stays fast and a heavy dependency (spaCy, pyvis) loads only where used."""

    def list_commands(self, ctx):
        return [name for name in COMMANDS if self._module(name) is not None]

    def get_command(self, ctx, name):
        module = self._module(name)
        return getattr(module, "command", None) if module else None

    def invoke(self, ctx):
        # A user error is one line and exit code 1, never a traceback.
        try:
            return super().invoke(ctx)
        except KGError as error:
            raise click.ClickException(str(error)) from None

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="actor-kg")
def cli():
    """Build and query evidence-backed actor graphs from news text.

    \b
    Example:
      kg build seeds/ -o out/graph.ttl
      kg query out/graph.ttl --named backers --param actor=PMF
    """


def main():
    """Console-script entry point."""
    cli(prog_name="kg")
