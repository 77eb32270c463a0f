"""Nothing lost: a build killed with SIGKILL leaves the previous outputs and a usable store.

Clarifications §2: every article's named graph is committed in its own transaction, and the
graph files are written to a temporary file and renamed at the end. So after a kill
``graph.ttl`` and ``graph.html`` are byte-identical to the previous build's, the store opens
and answers queries, every article in it is either fully old or fully new, the lock file the
killed build left behind does not block the next build, and the next build completes.

The build runs as a real process. To kill it at a known point (some but not all articles
committed; then half-way through writing graph.ttl) a small wrapper pauses it there and says so
on stderr: the kill then lands on a build that has really done that much.
"""
from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.rdf import vocab as V
from graphbuild.store import LOCK_NAME

N_FIRST, N_TOTAL, PAUSE_AFTER = 10, 40, 5
TIMEOUT = 300

#: `graphbuild build ...` with two pause points, chosen by environment variables:
#: GB_TEST_PAUSE_AFTER=N pauses after the N-th article committed to the store;
#: GB_TEST_PAUSE_IN_EXPORT=1 pauses inside the first atomic write of an export, after the data
#: is in the temporary file and before the rename.
HOOK = textwrap.dedent("""
    import contextlib, os, sys, time
    import graphbuild.store as S

    after = int(os.environ.get("GB_TEST_PAUSE_AFTER") or 0)
    count = 0

    def pause(what):
        print(f"@@paused {what}", file=sys.stderr, flush=True)
        time.sleep(3600)

    def hook(name):
        orig = getattr(S.GraphStore, name, None)
        if orig is None:
            return
        def committed(self, item, *a, **k):
            global count
            r = orig(self, item, *a, **k)
            count += 1
            ident = getattr(item, "id", None) or item.article.id
            print(f"@@committed {ident}", file=sys.stderr, flush=True)
            if after and count >= after:
                pause("after commit")
            return r
        setattr(S.GraphStore, name, committed)

    for name in ("put_graph", "put_article"):   # whichever the build loop calls
        hook(name)

    if os.environ.get("GB_TEST_PAUSE_IN_EXPORT") == "1":
        orig_write = S.atomic_write
        @contextlib.contextmanager
        def paused_write(path, *a, **k):
            with orig_write(path, *a, **k) as f:
                yield f
                f.flush()
                pause(f"exporting {path}")
        S.atomic_write = paused_write

    from graphbuild.cli import main
    sys.argv = ["graphbuild", *sys.argv[1:]]
    main()
""")

_ACTORS = ["Vladimir Poutine", "Joe Biden", "Emmanuel Macron", "Olaf Scholz", "la Russie", "la France",
           "l'Ukraine", "l'Otan", "la Chine", "le Kremlin"]
_VERBS = ["a averti", "a dénoncé", "a menacé", "a critiqué", "a soutenu"]
_FILLER = ("Les diplomates suivent de près ces échanges, dans un contexte de fortes tensions "
           "à la frontière, selon un communiqué publié à l'issue de la rencontre.")


def article(i: int, variant: str = "") -> str:
    rng = random.Random(i)
    sents = []
    for _ in range(8):
        a, b = rng.sample(_ACTORS, 2)
        sents.append(f"{a[0].upper() + a[1:]} {rng.choice(_VERBS)} {b}.")
        sents.append(_FILLER)
    return f"date 2021-12-{1 + i % 28:02d}\n\n" + " ".join(sents) + variant + "\n"


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        p = folder / f"a{i:02d}.txt"
        if not p.exists():
            p.write_text(article(i), "utf-8")


class Build:
    """A `graphbuild build` process whose stderr lines are collected as they come."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str] | None = None, hook: bool = True):
        cmd = [sys.executable, "-c", HOOK] if hook else [sys.executable, "-m", "graphbuild"]
        self.proc = subprocess.Popen([*cmd, "build", *args], cwd=cwd, stderr=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, text=True,
                                     env={**os.environ, **(env or {})})
        self.lines: list[str] = []
        self._q: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self._q.put(line.rstrip("\n"))
        self._q.put(None)

    def wait_for(self, prefix: str) -> str:
        while True:
            try:
                line = self._q.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"no {prefix!r} within {TIMEOUT} s; stderr so far:\n" + "\n".join(self.lines))
            if line is None:
                raise AssertionError(f"build ended (exit {self.proc.wait()}) before {prefix!r}; "
                                     "stderr:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if line.startswith(prefix):
                return line

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=60) == -signal.SIGKILL
        while self._q.get(timeout=60) is not None:
            pass

    def finish(self) -> int:
        code = self.proc.wait(timeout=TIMEOUT)
        while (line := self._q.get(timeout=60)) is not None:
            self.lines.append(line)
        return code


def store_articles(store: Path) -> dict[str, str]:
    """identifier -> content hash of every article in a store (opened read-only)."""
    st = ox.Store.read_only(str(store))
    q = f"""SELECT ?id ?h WHERE {{ GRAPH ?g {{ ?g a <{V.GEO}Article> ; <{V.DCTERMS}identifier> ?id ;
            <{V.GEO}contentHash> ?h }} }}"""
    return {s["id"].value: s["h"].value for s in st.query(q)}


def store_quads(store: Path) -> set[str]:
    """The quads of the graphs the build derives from the articles (the articles' own graphs and
    those under ``id:graph/``), not the ontology, reloaded with new blank nodes every build."""
    st = ox.Store.read_only(str(store))
    return {str(q) for q in st.quads_for_pattern(None, None, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(V.ID)}


def cli_query(cwd: Path, target: str, sparql: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", "query", target, sparql, "--format", "csv"],
                          cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)


@pytest.mark.slow
def test_kill_build_leaves_previous_outputs_and_a_usable_store(tmp_path: Path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    store = out / "store"

    # 1. a first, complete build of 10 articles
    write_corpus(corpus, N_FIRST)
    b = Build(["corpus", "--out", "out"], tmp_path, hook=False)
    assert b.finish() == 0, "\n".join(b.lines)
    ttl, html = (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()
    before = store_articles(store)
    assert len(before) == N_FIRST

    # 2. the corpus grows to 40 and one article changes; the build is killed after 5 commits
    write_corpus(corpus, N_TOTAL)
    (corpus / "a03.txt").write_text(article(3, " Joe Biden a averti la Chine."), "utf-8")
    b = Build(["corpus", "--out", "out"], tmp_path, {"GB_TEST_PAUSE_AFTER": str(PAUSE_AFTER)})
    b.wait_for("@@paused")
    pid = b.proc.pid
    b.kill()
    committed = [ln.split(" ", 1)[1] for ln in b.lines if ln.startswith("@@committed ")]
    assert len(committed) == PAUSE_AFTER

    assert (out / "graph.ttl").read_bytes() == ttl, "graph.ttl changed by a killed build"
    assert (out / "graph.html").read_bytes() == html, "graph.html changed by a killed build"
    assert (store / LOCK_NAME).read_text().split()[0] == str(pid)  # the killed build's stale lock
    after = store_articles(store)
    # every article is fully old or fully new: only the committed ones changed (step 5 checks
    # that their graphs are the ones a clean build makes)
    assert set(after) == set(before) | set(committed)
    assert N_FIRST < len(after) < N_TOTAL
    for ident, h in after.items():
        if ident not in committed:
            assert h == before[ident], f"{ident} changed though the killed build never committed it"
    assert after["a03"] != before["a03"] if "a03" in committed else after["a03"] == before["a03"]
    q = cli_query(tmp_path, "out/store", "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a geo:Article }")
    assert q.returncode == 0, q.stderr
    assert q.stdout.split() == ["n", str(len(after))]

    # 3. the next build (past the stale lock) is killed while writing graph.ttl
    b = Build(["corpus", "--out", "out"], tmp_path, {"GB_TEST_PAUSE_IN_EXPORT": "1"})
    line = b.wait_for("@@paused exporting")
    assert line.endswith("graph.ttl")
    b.kill()
    assert (out / "graph.ttl").read_bytes() == ttl, "graph.ttl half-written by a killed export"
    assert (out / "graph.html").read_bytes() == html
    assert len(store_articles(store)) == N_TOTAL  # every article was committed before the export

    # 4. the next build completes: nothing left to extract, the files are rewritten
    b = Build(["corpus", "--out", "out"], tmp_path, hook=False)
    assert b.finish() == 0, "\n".join(b.lines)
    assert any(ln.startswith(f"0 articles extracted, {N_TOTAL} unchanged, 0 rejected") for ln in b.lines), b.lines
    assert not (store / LOCK_NAME).exists()
    assert (out / "graph.ttl").read_bytes() != ttl
    st = ox.Store()
    with open(out / "graph.ttl", "rb") as f:
        st.bulk_load(f, ox.RdfFormat.TURTLE)
    n = next(iter(st.query(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{V.GEO}Article> }}")))["n"]
    assert int(n.value) == N_TOTAL

    # 5. ... and its store is the one a clean build of the same corpus makes
    b = Build(["corpus", "--out", "ref", "--no-html"], tmp_path, hook=False)
    assert b.finish() == 0, "\n".join(b.lines)
    assert store_quads(store) == store_quads(tmp_path / "ref" / "store")
