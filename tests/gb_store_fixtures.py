"""Shared fixtures of the store, query, server and stats tests.

* ``seed_out``: ``graphbuild build seeds --out <tmp>`` run once per session (through the CLI).
* ``facts_store``: a store written by ``GraphStore.put_article`` from hand-made
  :class:`~graphbuild.model.ArticleFacts` (no NLP), whose query answers are known exactly.
* ``oxigraph_server``: start/stop helpers for a real ``oxigraph`` server on a free port.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from graphbuild.model import ActorRef, Article, ArticleFacts, Interaction, Structural, TopicRef

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GRAPHBUILD = str(BIN / "graphbuild")
QUERIES = ROOT / "queries"

_SEED: dict[str, Path] = {}


def run_cli(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """Run ``graphbuild ARGS`` in a subprocess (text output captured)."""
    return subprocess.run([GRAPHBUILD, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kw)


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """The output folder of ``graphbuild build seeds --out <tmp>`` (built once per session)."""
    if "out" not in _SEED:
        out = tmp_path_factory.mktemp("seed") / "out"
        r = run_cli("build", ROOT / "seeds", "--out", out, "--quiet")
        assert r.returncode == 0, r.stderr
        _SEED["out"] = out
    return _SEED["out"]


def assert_union_is_default_graph(path: Path) -> None:
    """The store's invariant: its default graph is the set union of its named graphs."""
    import pyoxigraph as ox
    st = ox.Store.read_only(str(path))
    named = {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = [q.triple for q in st.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    default = {(t.subject, t.predicate, t.object) for t in default}
    assert default == named


def copy_out(seed_out: Path, dest: Path) -> Path:
    """A private copy of a build's output folder (store included), for tests that change it."""
    shutil.copytree(seed_out, dest)
    (dest / "store" / "graphbuild.lock").unlink(missing_ok=True)
    return dest


# --------------------------------------------------------------------------------------------
# Hand-made facts: two articles, answers known
# --------------------------------------------------------------------------------------------

PUTIN = ActorRef("vladimir-putin", "Person", "Vladimir Putin", "Q7747")
BIDEN = ActorRef("joe-biden", "Person", "Joe Biden", "Q6279")
RUSSIA = ActorRef("russia", "State", "Russia", "Q159")
USA = ActorRef("united-states", "State", "United States", "Q30")
NATO = ActorRef("nato", "Organization", "NATO", "Q7184")
UKRAINE = ActorRef("ukraine", "State", "Ukraine", "Q212")
GUARANTEES = TopicRef("garanties de sécurité", "Topic", "fr")
BORDER = TopicRef("frontière ukrainienne", "Place", "fr")
D7 = date(2021, 12, 7)


def _it(art, agent, rel, recipient=None, theme=None, d=D7, prec="day", neg=False, hyp=False,
        sent="", start=0, conf=0.8):
    return Interaction(article_id=art, agent=agent, relation=rel, recipient=recipient, theme=theme,
                       sentence=sent or f"{agent.label} {rel} {(recipient or theme).label}.",
                       lang="fr", date=d, date_precision=prec, negated=neg, hypothetical=hyp,
                       confidence=conf, cue=f"test-{rel}", sent_start=start)


def hand_facts() -> list[ArticleFacts]:
    """Two articles. Article ``a-summit``: Biden warns Putin; Biden threatens Russia
    (hypothetical); Putin demands guarantees from NATO; Biden promises Putin (negated);
    Biden warns Russia (negated). Article ``b-border``: Russia deploys forces at the border
    (2021-11-30); Russia demands guarantees (month 2021-12); the United States coordinate with
    Ukraine. leaderOf Putin->Russia, Biden->USA in both."""
    a = Article("a-summit", "...", "fr", D7, "day", "Sommet Biden-Poutine", None, "a.txt", "h-a")
    b = Article("b-border", "...", "fr", date(2021, 12, 1), "month", None, None, "b.txt", "h-b")
    fa = ArticleFacts(article=a, lang="fr")
    fa.interactions = [
        _it("a-summit", BIDEN, "warns", PUTIN, sent="Joe Biden a averti Vladimir Poutine.", start=0),
        _it("a-summit", BIDEN, "threatens", RUSSIA, hyp=True, start=40,
            sent="La Russie s'exposerait à de fortes sanctions."),
        _it("a-summit", PUTIN, "demands", NATO, GUARANTEES, start=90,
            sent="Poutine a demandé des garanties de sécurité à l'Otan."),
        _it("a-summit", BIDEN, "promises", PUTIN, neg=True, start=150,
            sent="Joe Biden n'a pas fait de promesses à Vladimir Poutine."),
        _it("a-summit", BIDEN, "warns", RUSSIA, neg=True, start=200,
            sent="Biden n'a pas averti la Russie."),
    ]
    fa.structural = [Structural(PUTIN, "leaderOf", RUSSIA), Structural(BIDEN, "leaderOf", USA)]
    fa.actors = {x.key: x for x in (PUTIN, BIDEN, RUSSIA, USA, NATO)}
    fa.surface_forms = {"vladimir-putin": {("Vladimir Poutine", "fr")}, "joe-biden": {("Joe Biden", "fr")}}
    fb = ArticleFacts(article=b, lang="fr")
    fb.interactions = [
        _it("b-border", RUSSIA, "deploysForces", None, BORDER, d=date(2021, 11, 30), start=0,
            sent="La Russie masse des troupes à la frontière ukrainienne."),
        _it("b-border", RUSSIA, "demands", None, GUARANTEES, d=date(2021, 12, 1), prec="month",
            start=60, sent="Moscou exige des garanties de sécurité."),
        _it("b-border", USA, "coordinatesWith", UKRAINE, start=120,
            sent="Les Etats-Unis se coordonnent avec l'Ukraine."),
    ]
    fb.structural = [Structural(PUTIN, "leaderOf", RUSSIA), Structural(BIDEN, "leaderOf", USA)]
    fb.actors = {x.key: x for x in (PUTIN, BIDEN, RUSSIA, USA, UKRAINE)}
    fb.surface_forms = {"russia": {("Moscou", "fr"), ("la Russie", "fr")}}
    return [fa, fb]


def write_hand_store(out: Path) -> Path:
    """Write the hand-made articles into ``out/store`` (ontology included) with
    ``GraphStore.put_article``, export ``graph.ttl`` and ``graph.nq``; the store is closed on
    return (so that the CLI or another GraphStore may open it)."""
    from graphbuild import api
    from graphbuild.store import GraphStore
    gs = GraphStore(out / "store")
    gs.load_ontology()
    for f in hand_facts():
        gs.put_article(f)
    gs.flush()
    api.export_outputs(gs, out, ["turtle", "nquads"], html=False)
    return out


@pytest.fixture()
def facts_out(tmp_path) -> Path:
    """An output folder (store, graph.ttl, graph.nq) holding the two hand-made articles."""
    return write_hand_store(tmp_path / "hand")


# --------------------------------------------------------------------------------------------
# A real oxigraph server
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    from graphbuild.server import free_port as fp
    return fp("127.0.0.1")


def wait_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: "
                               f"{proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def oxigraph_exe() -> str:
    exe = BIN / "oxigraph"
    if exe.exists():
        return str(exe)
    found = shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    return found


def env_without_proxy() -> dict[str, str]:
    """The environment, minus HTTP proxies (the tests talk to loopback only)."""
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


def shared_file(name: str) -> Path:
    """A file of ``../shared`` (skip the test when the shared folder is absent)."""
    path = ROOT.parent / "shared" / name
    if not path.is_file():
        pytest.skip(f"{path} not found (the shared folder is not next to the repository)")
    return path
