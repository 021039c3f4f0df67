"""Writing output files so that a failed run never destroys earlier output.

How an output path is written (`resolve_output`):

* `-`: standard output.
* An existing file that is not a regular file (a device such as /dev/null or
  /dev/full, a FIFO, a socket, /dev/stdout) and any path under /dev or /proc:
  opened and written in place. Renaming a temporary file over it would
  replace the device node or the pipe with a plain file.
* Anything else: atomically. A symbolic link is followed to its target (the
  link stays a link); the data goes to a temporary file beside the target,
  which is then renamed over it. An error, Ctrl-C or SIGTERM (see
  kg.cli.install_signal_handlers) removes the temporary file and leaves the
  earlier file untouched. A temporary file left by a process that was killed
  outright (SIGKILL) is removed by the next write of the same output.

`check_output` makes the same decision and checks that the write can succeed
(the folder exists or can be created, and is writable), so a command can
refuse a bad path before it starts long work.
"""
import errno
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import KGError

#: Paths under these folders are written in place, never replaced.
_SPECIAL_ROOTS = ("/dev/", "/proc/", "/sys/")
_TEMP_MARK = ".kg-"


class OutputError(KGError):
    """An output path that cannot be written."""


@dataclass(frozen=True)
class Output:
    """Where and how to write: `mode` is "stdout", "direct" or "atomic";
    `path` is the file actually written (a symlink's target for "atomic")."""

    mode: str
    path: Path | None
    given: str

    @property
    def is_stdout(self):
        return self.mode == "stdout"


def _message(error):
    return error.strerror or str(error)


def _same_file_as_stdout(info):
    try:
        stdout = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return False
    return (stdout.st_dev, stdout.st_ino) == (info.st_dev, info.st_ino) and not stat.S_ISCHR(info.st_mode)


def resolve_output(path):
    """How `path` is written (an Output); OutputError for a directory or a
    path that cannot name a file."""
    given = str(path)
    if given == "-":
        return Output("stdout", None, given)
    if not given.strip():
        raise OutputError("the output path is empty")
    absolute = os.path.abspath(given)
    try:
        info = os.stat(absolute)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"cannot write {given}: {_message(error)}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {given}: it is a directory; give a file name")
        if _same_file_as_stdout(info):
            return Output("stdout", None, given)
        if not stat.S_ISREG(info.st_mode):
            return Output("direct", Path(given), given)
    if absolute.startswith(_SPECIAL_ROOTS):
        return Output("direct", Path(given), given)
    return Output("atomic", Path(os.path.realpath(absolute)), given)


def check_output(path):
    """resolve_output(path), after making sure the write can succeed: the
    nearest existing folder is a writable directory. OutputError if not."""
    output = resolve_output(path)
    if output.mode == "direct" and not os.access(output.path, os.W_OK):
        raise OutputError(f"cannot write {output.given}: permission denied")
    if output.mode != "atomic":
        return output
    folder = output.path.parent
    while not folder.exists():
        if folder.is_symlink():
            raise OutputError(f"cannot write {output.given}: {folder} is a broken symbolic link")
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {output.given}: {folder} is not a directory")
    try:
        # A real probe: os.access says yes to root even on a read-only disk.
        with tempfile.TemporaryFile(dir=folder, prefix=f".{output.path.name}{_TEMP_MARK}probe-"):
            pass
    except OSError as error:
        raise OutputError(f"cannot write {output.given}: {_message(error)} (in {folder})") from None
    return output


def write_output(path, data):
    """Write `data` (str or bytes) to `path` as resolve_output says: standard
    output, in place, or atomically. OutputError (one line) on failure; the
    earlier file is then untouched. Returns the Output written."""
    output = check_output(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if output.mode == "stdout":
            stream = sys.stdout.buffer
            stream.write(payload)
            stream.flush()
        elif output.mode == "direct":
            with open(output.path, "wb") as out:
                out.write(payload)
        else:
            _atomic_write(output.path, payload)
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise
        raise OutputError(f"cannot write {output.given}: {_message(error)}") from None
    return output


def atomic_write(path, data):
    """Write `data` to `path` (see write_output); returns the path written."""
    output = write_output(path, data)
    return output.path if output.path is not None else Path(output.given)


def _atomic_write(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        # mkstemp makes the file private; give it the permissions of any new file.
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}{_TEMP_MARK}{os.getpid()}-", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            _write_all(out, payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_all(out, payload):
    """The write itself (a separate function so tests can pause it)."""
    out.write(payload)


def _remove_stale_temporaries(path):
    """Remove temporary files of `path` whose writing process no longer runs
    (it was killed outright, by SIGKILL or a power cut)."""
    prefix = f".{path.name}{_TEMP_MARK}"
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            entry.unlink(missing_ok=True)


def _running(pid):
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
