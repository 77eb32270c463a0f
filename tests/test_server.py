"""`graphbuild serve` (read-only Oxigraph endpoint + the store lock) and `graphbuild push`
(SPARQL 1.1 Graph Store HTTP Protocol), against real `oxigraph` servers on loopback."""
from __future__ import annotations

import base64
import http.server
import os
import signal
import socket
import subprocess
import threading
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graphbuild.server import sparql_select, wait_until_up
from graphbuild.store import LOCK_NAME, GraphStore

from gb_store_fixtures import (  # noqa: F401
    GRAPHBUILD, ROOT, copy_out, env_without_proxy, free_port, oxigraph_exe, run_cli, seed_out, stop,
)

pytestmark = pytest.mark.server


def _count(query_url: str, where: str = "?s ?p ?o") -> int:
    rows = sparql_select(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


@pytest.fixture(scope="module")
def rw_server(tmp_path_factory):
    """A writable `oxigraph serve` on a temporary location; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_exe(), "serve", "--location",
                             str(tmp_path_factory.mktemp("oxrw")), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", proc)
        yield base
    finally:
        stop(proc)


@pytest.fixture()
def served(seed_out, tmp_path):
    """`graphbuild serve --out <copy of the seed build> --port <free>` running; yields
    (out, port, process)."""
    out = copy_out(seed_out, tmp_path / "out")
    port = free_port()
    proc = subprocess.Popen([GRAPHBUILD, "serve", "--out", str(out), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env_without_proxy())
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query", proc)
        yield out, port, proc
    finally:
        stop(proc)


# --------------------------------------------------------------------------------------------
# serve
# --------------------------------------------------------------------------------------------

def test_serve_is_a_read_only_endpoint_and_blocks_build(served):
    out, port, proc = served
    url = f"http://127.0.0.1:{port}/query"
    # the whole store answers, union of the graphs as default graph
    n = len(GraphStore(out / "store", read_only=True))
    assert _count(url, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }") == n
    rows = sparql_select(url, "PREFIX geo: <https://w3id.org/geokg/ontology#> "
                              "SELECT ?p ?s WHERE { ?p geo:leaderOf ?s }")
    assert {(r["p"].rsplit("/", 1)[-1], r["s"].rsplit("/", 1)[-1]) for r in rows} >= {
        ("vladimir-putin", "russia"), ("joe-biden", "united-states")}

    # the lock names the server's process: the real oxigraph, bound to loopback, read-only
    pid_s, who = (out / "store" / LOCK_NAME).read_text().split(maxsplit=1)
    oxpid = int(pid_s)
    cmd = Path(f"/proc/{oxpid}/cmdline").read_bytes().split(b"\0")
    assert b"serve-read-only" in cmd and f"127.0.0.1:{port}".encode() in cmd
    assert Path(cmd[0].decode()).name == "oxigraph"
    assert "graphbuild serve" in who

    # build refuses, one line naming the server's process; so does remove
    r = run_cli("build", ROOT / "seeds", "--out", out, "--quiet")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"Error: {out / 'store'}: store in use by graphbuild serve")
    assert f"(pid {oxpid})" in lines[0]
    r = run_cli("remove", "seed-article-2021-12-biden-putin", "--out", out)
    assert r.returncode == 2 and f"(pid {oxpid})" in r.stderr
    assert _count(url) > 0                           # the store was not touched

    # a writing request is refused by the server itself
    r = run_cli("push", ROOT / "ontology" / "geo.ttl", "--endpoint", f"http://127.0.0.1:{port}/store")
    assert r.returncode == 3 and "HTTP 403" in r.stderr

    # stopping the server (SIGTERM, as Ctrl-C) removes the lock; build works again
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0
    assert "SPARQL endpoint: " + url in proc.stderr.read()
    assert not (out / "store" / LOCK_NAME).exists()
    assert not _alive(oxpid)
    r = run_cli("build", ROOT / "seeds", "--out", out, "--quiet", "--no-html")
    assert r.returncode == 0, r.stderr


def test_serve_refuses_a_store_a_build_holds(seed_out, tmp_path):
    out = copy_out(seed_out, tmp_path / "out")
    holder = subprocess.Popen(["sleep", "60"])
    try:
        (out / "store" / LOCK_NAME).write_text(f"{holder.pid} build\n")
        r = run_cli("serve", "--out", out, "--port", free_port(), timeout=30)
        assert r.returncode == 2
        assert r.stderr.strip() == (f"Error: {out / 'store'}: store in use by build "
                                    f"(pid {holder.pid}); stop it first")
    finally:
        holder.kill()
        holder.wait()


def test_serve_port_in_use(seed_out, tmp_path):
    out = copy_out(seed_out, tmp_path / "out")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("serve", "--out", out, "--port", port, timeout=60)
    assert r.returncode == 3
    assert r.stderr.startswith(f"Error: 127.0.0.1:{port}: the SPARQL server could not start")
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (out / "store" / LOCK_NAME).exists()


def test_serve_needs_a_store(tmp_path):
    r = run_cli("serve", "--out", tmp_path, "--port", free_port(), timeout=30)
    assert r.returncode == 2 and "not a graphbuild store" in r.stderr


# --------------------------------------------------------------------------------------------
# push
# --------------------------------------------------------------------------------------------

def _ttl_triples(path: Path) -> int:
    return len(rdflib.Graph().parse(path))


def test_push_to_a_named_graph_and_query_back(rw_server, seed_out):
    ttl = seed_out / "graph.ttl"
    n = _ttl_triples(ttl)
    g = "https://example.org/graphs/seed"
    r = run_cli("push", ttl, "--endpoint", rw_server + "/store", "--graph", g)
    assert r.returncode == 0, r.stderr
    assert f"{n} triples" in r.stderr and "HTTP 201" in r.stderr
    assert _count(rw_server + "/query", f"GRAPH <{g}> {{ ?s ?p ?o }}") == n
    # PUT replaces: pushing again leaves the same count
    r = run_cli("push", ttl, "--endpoint", rw_server + "/store", "--graph", g, "--method", "PUT")
    assert r.returncode == 0, r.stderr
    assert _count(rw_server + "/query", f"GRAPH <{g}> {{ ?s ?p ?o }}") == n
    # the facts are there
    rows = sparql_select(rw_server + "/query", f"""PREFIX geo: <https://w3id.org/geokg/ontology#>
        SELECT ?p WHERE {{ GRAPH <{g}> {{ ?p geo:leaderOf <https://w3id.org/geokg/id/actor/russia> }} }}""")
    assert [r["p"] for r in rows] == ["https://w3id.org/geokg/id/actor/vladimir-putin"]


def test_push_default_graph_post_and_a_store(rw_server, seed_out):
    onto = ROOT / "ontology" / "geo.ttl"
    r = run_cli("push", onto, "--endpoint", rw_server + "/store", "--method", "POST")
    assert r.returncode == 0, r.stderr
    assert _count(rw_server + "/query") == _ttl_triples(onto)      # the default graph only
    # a store folder is sent as Turtle: the union of its graphs
    g = "https://example.org/graphs/from-store"
    r = run_cli("push", seed_out, "--endpoint", rw_server + "/store", "--graph", g)
    assert r.returncode == 0, r.stderr
    assert _count(rw_server + "/query", f"GRAPH <{g}> {{ ?s ?p ?o }}") == len(
        GraphStore(seed_out / "store", read_only=True))


def test_push_refused_by_a_read_only_server(served, seed_out):
    out, port, _ = served
    r = run_cli("push", seed_out / "graph.ttl", "--endpoint", f"http://127.0.0.1:{port}/store",
                "--graph", "https://example.org/g")
    assert r.returncode == 3
    line = r.stderr.strip()
    assert len(line.splitlines()) == 1
    assert line == (f"Error: http://127.0.0.1:{port}/store?graph=https%3A%2F%2Fexample.org%2Fg: "
                    "HTTP 403 Forbidden: The server is read-only")


def test_push_connection_refused_and_bad_input(seed_out, tmp_path, rw_server):
    port = free_port()   # nothing listens there
    r = run_cli("push", seed_out / "graph.ttl", "--endpoint", f"http://127.0.0.1:{port}/store")
    assert r.returncode == 3
    assert r.stderr.startswith(f"Error: http://127.0.0.1:{port}/store: cannot connect: ")
    assert len(r.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", "utf-8")
    g = "https://example.org/graphs/bad"
    r = run_cli("push", bad, "--endpoint", rw_server + "/store", "--graph", g)
    assert r.returncode == 2 and r.stderr.startswith(f"Error: {bad}: not valid")
    assert _count(rw_server + "/query", f"GRAPH <{g}> {{ ?s ?p ?o }}") == 0   # nothing sent
    r = run_cli("push", seed_out / "graph.ttl", "--endpoint", "ftp://example.org/x")
    assert r.returncode == 2 and "not an http(s) URL" in r.stderr
    r = run_cli("push", seed_out / "graph.ttl", "--endpoint", rw_server + "/store", "--graph", "not an iri")
    assert r.returncode == 2 and "not an absolute IRI" in r.stderr


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A Graph Store endpoint that wants HTTP Basic u:p and records what it gets."""

    seen: list[dict] = []

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append({"method": "PUT", "path": self.path, "headers": dict(self.headers), "body": body})
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"u:p s").decode():
            self.send_response(401, "Unauthorized")
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><h1>401</h1><p>need credentials</p></body></html>")
            return
        self.send_response(204)
        self.end_headers()

    def log_message(self, *a):
        pass


def test_push_basic_auth_and_request_shape(seed_out):
    _Recorder.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/ds/data"
        ttl = seed_out / "graph.ttl"
        r = run_cli("push", ttl, "--endpoint", url, "--graph", "http://ex.org/g")
        assert r.returncode == 3
        assert r.stderr.strip() == (f"Error: {url}?graph=http%3A%2F%2Fex.org%2Fg: HTTP 401 "
                                    "Unauthorized: 401 need credentials")
        r = run_cli("push", ttl, "--endpoint", url, "--graph", "http://ex.org/g", "--user", "u",
                    env={**env_without_proxy(), "GRAPHBUILD_PASSWORD": "p s"})
        assert r.returncode == 0, r.stderr
        req = _Recorder.seen[-1]
        assert req["path"] == "/ds/data?graph=" + urllib.parse.quote("http://ex.org/g", safe="")
        assert req["headers"]["Content-Type"].startswith("text/turtle")
        assert req["body"] == ttl.read_bytes()
        r = run_cli("push", ttl, "--endpoint", url + "?x=1", "--user", "u", "--password", "p s")
        assert r.returncode == 0, r.stderr
        assert _Recorder.seen[-1]["path"] == "/ds/data?x=1&default"
    finally:
        httpd.shutdown()
        httpd.server_close()
