"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a built graph,
run by Oxigraph's own server (`oxigraph serve-read-only`, from the `oxigraph`
package on PyPI: pip install 'actor-kg[server]').

A store directory (kg build --store) is served as it is; a graph file is first
written to a temporary store, removed when the server stops. The server sees
the default graph as the union of the build's triples and the named graphs of
the ontology and of the implied core relations (kg/store.py), so a client's
queries read like `kg query`'s: `?x kg:backs ?y` finds kg:funds triples too."""
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import KGError, Terminated

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def oxigraph_binary():
    """The `oxigraph` server program: beside this Python (a virtual
    environment's bin/), else on PATH; KGError when it is not installed."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KGError("kg serve runs Oxigraph's server, which is not installed: pip install 'actor-kg[server]' "
                  "(the oxigraph package)")


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_address(host, port):
    """host:port as the server takes it ([::1]:7878 for an IPv6 address)."""
    bare = host.strip("[]")
    return f"[{bare}]:{port}" if ":" in bare else f"{bare}:{port}"


def query_url(host, port):
    bare = host.strip("[]")
    return f"http://{f'[{bare}]' if ':' in bare else bare}:{port}/query"


def server_command(database, host, port, timeout=None):
    """The command line of a read-only Oxigraph server on `database`."""
    command = [oxigraph_binary(), "serve-read-only", "--location", str(database),
               "--bind", bind_address(host, port), "--union-default-graph"]
    if timeout:
        command += ["--timeout-s", str(int(timeout))]
    return command


def prepare_database(graph, work):
    """The Oxigraph database directory to serve for `graph` (a store
    directory, or a graph file written into a store under `work`)."""
    from .store import DATABASE_DIR, is_store, load_file, write_store_from

    graph = Path(graph)
    if graph.is_dir():
        if not is_store(graph):
            from .store import open_store

            open_store(graph)  # raises the one-line error
        return graph / DATABASE_DIR
    store = Path(work) / "store"
    write_store_from(load_file(graph) if graph.is_file() else _missing(graph), store)
    return store / DATABASE_DIR


def _missing(graph):
    from .errors import GraphError

    raise GraphError(f"graph file not found: {graph}")


def serve(graph, host=DEFAULT_HOST, port=DEFAULT_PORT, timeout=None, announce=print):
    """Run the server in the foreground until it stops or is interrupted;
    returns its exit status."""
    work = tempfile.mkdtemp(prefix="kg-serve-")
    process = None
    try:
        database = prepare_database(graph, work)
        command = server_command(database, host, port, timeout)
        where = "loopback only, this machine" if is_loopback(host) else \
            f"on {host}: reachable from other machines, with no authentication"
        announce(f"serving {graph} read-only at {query_url(host, port)} (SPARQL 1.1 Protocol; {where}; "
                 f"UPDATE refused). Ctrl-C stops.")
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        return process.wait()
    except (KeyboardInterrupt, Terminated):
        return 0
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)
