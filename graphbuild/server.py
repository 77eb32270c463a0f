"""SPARQL over HTTP: ``graphbuild serve`` (a read-only endpoint) and ``graphbuild push``.

* :func:`serve` runs the real Oxigraph server from PyPI (``oxigraph serve-read-only``) on a
  graphbuild store, bound to loopback by default, with the union of all graphs as the default
  graph (as ``graphbuild query``). While it runs, the store's lock file
  (``<store>/graphbuild.lock``, ``<pid> <who>``, see :mod:`graphbuild.store`) names the
  server's process, so ``graphbuild build`` on that store refuses with one line naming it
  (clarifications §3: a read-only opening while another process writes is undefined).
* :func:`push` uploads a graph to any SPARQL 1.1 Graph Store HTTP Protocol endpoint
  (``PUT``/``POST`` ``text/turtle`` to ``URL?graph=IRI`` or ``URL?default``), with the
  standard library only.

>>> push("out/graph.ttl", "http://localhost:7878/store", graph="https://example.org/g")  # doctest: +SKIP
PushResult(url='http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fg', ...)
"""
from __future__ import annotations

import base64
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import GraphbuildError, InputError
from .store import LOCK_NAME, acquire_lock, check_lock, lock_holder, release_lock


class ServerError(GraphbuildError):
    """The server could not start, or an endpoint refused a request (one line)."""


_LOOPBACK = ("localhost", "127.0.0.1", "::1", "[::1]")
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _urlopen(req, timeout: float):
    """``urlopen``, but never through an HTTP proxy for a loopback host (an ``http_proxy``
    variable without ``no_proxy`` would otherwise send ``127.0.0.1`` to the proxy)."""
    url = req if isinstance(req, str) else req.full_url
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in _LOOPBACK or host.startswith("127."):
        return _DIRECT.open(req, timeout=timeout)
    return urllib.request.urlopen(req, timeout=timeout)


# --------------------------------------------------------------------------------------------
# serve
# --------------------------------------------------------------------------------------------

def oxigraph_executable() -> str:
    """The ``oxigraph`` CLI (PyPI package ``oxigraph``): next to this Python first, then PATH."""
    here = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError("oxigraph: command not found (pip install oxigraph)")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def wait_until_up(url: str, proc: subprocess.Popen | None = None, timeout: float = 15.0) -> None:
    """Poll ``url`` (a SPARQL query endpoint) with ``ASK {}`` until it answers 200."""
    deadline = time.monotonic() + timeout
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ServerError(f"{url}: the server exited (code {proc.returncode})")
        try:
            with _urlopen(probe, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError) as e:
            last = str(getattr(e, "reason", e))
        time.sleep(0.05)
    raise ServerError(f"{url}: the server did not answer within {timeout:.0f} s ({last})")


@dataclass
class Server:
    """A running ``oxigraph serve-read-only`` on a store (see :func:`start`)."""

    store: Path
    host: str
    port: int
    process: subprocess.Popen
    lock_owner: str

    @property
    def url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the server and remove the lock file (if it is still the server's)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        release_lock(self.store, pid=self.process.pid)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(store: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
          timeout: float = 15.0) -> Server:
    """Start a read-only SPARQL 1.1 endpoint on a graphbuild store and wait until it answers.

    The query endpoint is ``http://HOST:PORT/query`` (GET or POST, SPARQL 1.1 Protocol); the
    default graph is the union of all graphs (each triple once). The store's lock file names the server's process
    for as long as it runs, so a build on that store refuses.

    Raises:
        GraphbuildError: the folder is not a store, a build holds it, the port is taken.
    """
    from .api import store_dir
    sdir = store_dir(store)
    check_lock(sdir)  # a build (or another server) holds the store: refuse, naming it
    exe = oxigraph_executable()
    # the default graph of a graphbuild store is the union of its graphs, each triple once;
    # only a store written by an older graphbuild (empty default graph) needs Oxigraph's
    # union-default-graph (a bag: use SELECT DISTINCT there)
    try:
        from pyoxigraph import Store
        from .store import has_default_graph
        ro = Store.read_only(str(sdir))
        union = not has_default_graph(ro)
        del ro
    except OSError as e:
        raise ServerError(f"{sdir}: cannot open the store: {e}") from None
    url = f"http://{_url_host(host)}:{port}"
    owner = f"graphbuild serve (oxigraph serve-read-only at {url}/query)"
    # Take the lock before the server opens the store, with our pid; then hand it to the
    # server's pid, so that the lock stays valid as long as the server itself runs.
    acquire_lock(sdir, owner)
    try:
        proc = subprocess.Popen(
            [exe, "serve-read-only", "--location", str(sdir), "--bind", f"{host}:{port}",
             *(["--union-default-graph"] if union else [])],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as e:
        release_lock(sdir)
        raise ServerError(f"{exe}: cannot start: {e}") from None
    (sdir / LOCK_NAME).write_text(f"{proc.pid} {owner}\n", "utf-8")
    server = Server(sdir, host, port, proc, owner)
    try:
        wait_until_up(server.query_url, proc, timeout)
    except ServerError:
        server.stop()
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        lines = [ln.strip() for ln in err.splitlines() if ln.strip()]
        reason = lines[-1] if lines else f"exited with code {proc.returncode}"
        raise ServerError(f"{host}:{port}: the SPARQL server could not start: {reason}") from None
    except BaseException:  # Ctrl-C while waiting: leave no server and no lock behind
        server.stop()
        raise
    if proc.stderr is not None:
        proc.stderr.close()  # nothing reads it from here on; do not let the pipe fill up
        proc.stderr = None
    return server


def serve(store: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
          on_ready: Callable[[Server], None] | None = None) -> int:
    """Run :func:`start` and wait until the server exits or this process is interrupted
    (Ctrl-C, SIGTERM); stop the server and remove the lock. Returns the exit code."""
    def _term(signum, frame):  # SIGTERM behaves as Ctrl-C: clean up, then exit
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, _term)
    server = None
    try:
        server = start(store, host=host, port=port)
        if on_ready is not None:
            on_ready(server)
        code = server.process.wait()
        return 0 if code in (0, -signal.SIGTERM) else 3
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.stop()
        signal.signal(signal.SIGTERM, old)


# --------------------------------------------------------------------------------------------
# push
# --------------------------------------------------------------------------------------------

@dataclass
class PushResult:
    url: str
    method: str
    status: int
    triples: int
    bytes: int


def _graph_payload(source: str | Path) -> tuple[bytes, int]:
    """``(Turtle bytes, number of triples)`` of an RDF file, a store or an output folder
    (the union of all graphs). A Turtle file is sent as it is, after a parse to count it."""
    from pyoxigraph import RdfFormat, serialize
    from .api import open_store
    from .rdf.vocab import PREFIXES
    p = Path(source)
    if p.is_file() and p.suffix.lower() in (".ttl", ".turtle"):
        data = p.read_bytes()
        st = open_store(p)  # raises InputError on a bad file: nothing is sent
        return data, len(st)
    from .store import union_triples
    triples = list(union_triples(open_store(p)))
    return serialize(triples, format=RdfFormat.TURTLE, prefixes=dict(PREFIXES)), len(triples)


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """``endpoint?graph=<IRI>`` (percent-encoded) or ``endpoint?default`` (SPARQL 1.1 GSP)."""
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph:
        return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    return f"{endpoint}{sep}default"


def _server_message(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    if "<" in text and ">" in text:  # an HTML error page: keep its text
        import re
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())[:300]


def push(source: str | Path, endpoint: str, *, graph: str | None = None, method: str = "PUT",
         user: str | None = None, password: str | None = None, timeout: float = 60.0) -> PushResult:
    """Upload a graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

    Args:
        source: a Turtle file (sent as is), another RDF file, a store or an output folder
            (sent as Turtle: the union of all graphs).
        endpoint: the Graph Store endpoint, e.g. ``http://localhost:7878/store`` (Oxigraph),
            ``http://localhost:3030/ds/data`` (Fuseki).
        graph: the target graph's IRI; None for the default graph.
        method: ``PUT`` replaces the graph, ``POST`` adds to it.
        user, password: HTTP Basic credentials (sent with the first request).
    Raises:
        ServerError: the endpoint refused (``HTTP <status> <reason>: <server's message>``) or
            could not be reached.
        InputError: the source cannot be read or parsed (nothing is sent).
    """
    method = method.upper()
    if method not in ("PUT", "POST"):
        raise GraphbuildError(f"{method}: the method must be PUT or POST")
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GraphbuildError(f"{endpoint}: not an http(s) URL")
    if graph is not None:
        g = urllib.parse.urlsplit(graph)
        if not g.scheme or any(c in graph for c in ' <>"{}|\\^`'):
            raise GraphbuildError(f"{graph}: not an absolute IRI")
    data, n = _graph_payload(source)
    url = graph_store_url(endpoint, graph)
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "text/turtle; charset=utf-8",
        "Content-Length": str(len(data)),
        "Accept": "*/*",
        "User-Agent": "graphbuild",
    })
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        req.add_header("Authorization", f"Basic {token}")
    try:
        with _urlopen(req, timeout=timeout) as r:
            r.read()
            return PushResult(url, method, r.status, n, len(data))
    except urllib.error.HTTPError as e:
        msg = _server_message(e.read() or b"")
        raise ServerError(f"{url}: HTTP {e.code} {e.reason}" + (f": {msg}" if msg else "")) from None
    except urllib.error.URLError as e:
        raise ServerError(f"{endpoint}: cannot connect: {e.reason}") from None
    except (OSError, http.client.HTTPException) as e:
        raise ServerError(f"{endpoint}: connection failed: {e or type(e).__name__}") from None


def sparql_select(query_url: str, sparql: str, timeout: float = 30.0) -> list[dict[str, str]]:
    """Run a SELECT on a SPARQL 1.1 Protocol endpoint (GET); rows as ``{var: value}``."""
    import json
    url = query_url + "?" + urllib.parse.urlencode({"query": sparql})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with _urlopen(req, timeout=timeout) as r:
        doc = json.load(r)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
