"""User-facing errors: each carries a one-line message the CLI prints as is."""


class KGError(Exception):
    """An error caused by the user's input, reported without a traceback."""


class InputError(KGError):
    """A corpus path or document that cannot be read."""


class ExtractionError(KGError):
    """A document whose extraction failed (see kg.results.DocumentFailure)."""


class ActorFileError(KGError):
    """A malformed actor dictionary; the message names the file and line."""

    def __init__(self, path, line, message):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class GraphError(KGError):
    """A graph file that is missing or cannot be parsed."""


class QueryError(KGError):
    """A SPARQL query that is invalid or not allowed."""


class UnknownActorError(KGError):
    """An actor name that matches no node; the message lists the closest names."""


class Terminated(BaseException):
    """Raised by the CLI's SIGTERM/SIGHUP handler so that every `finally` and
    cleanup runs (a temporary output file is removed) before the exit.
    A BaseException, so that no `except Exception` in a library swallows it."""

    def __init__(self, signum):
        self.signum = signum
        super().__init__(signum)
