"""The persistent store: incremental builds, remove, exports in every format, atomicity, the
lock, validation."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from click.testing import CliRunner

from graphbuild import api
from graphbuild.cli import cli
from graphbuild.rdf import vocab as V
from graphbuild.store import LOCK_NAME, GraphStore, StoreLocked

from gb_store_fixtures import (  # noqa: F401
    ROOT, assert_union_is_default_graph, copy_out, facts_out, run_cli, seed_out,
)

GEO = V.GEO
ONTO = ox.NamedNode(V.ONTOLOGY_GRAPH)

# Articles of the incremental tests: the facts they rely on are actors the gazetteer knows and
# their leaderOf (derived from the gazetteer's roles), not the cue lexicons being tuned.
A1_V1 = "date 2022-01-10\n\nVladimir Putin met Joe Biden in Geneva on Monday.\n"
A1_V2 = "date 2022-01-11\n\nEmmanuel Macron met Olaf Scholz in Berlin on Tuesday.\n"
A2 = "date 2022-02-01\n\nLe président russe Vladimir Poutine a rencontré Emmanuel Macron à Moscou.\n"
A3 = "date 2022-03-01\n\nJoe Biden spoke with Emmanuel Macron on Friday.\n"


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")


def _build(inputs: Path, out: Path, **kw) -> api.BuildResult:
    kw.setdefault("html", False)
    return api.build([inputs], out, progress=False, **kw)


def _graph_quads(path: Path, identity: str) -> set:
    st = ox.Store.read_only(str(path))
    g = ox.NamedNode(V.article_iri(identity))
    return {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, g)}


def _graphs(path: Path) -> set[str]:
    st = ox.Store.read_only(str(path))
    return {g.value for g in st.named_graphs()}


def _leaders(path: Path, identity: str) -> set[tuple[str, str]]:
    return {(s.value.rsplit("/", 1)[-1], o.value.rsplit("/", 1)[-1])
            for s, p, o in _graph_quads(path, identity) if p.value == GEO + "leaderOf"}


# --------------------------------------------------------------------------------------------
# Incremental builds
# --------------------------------------------------------------------------------------------

def test_grown_folder_adds_new_skips_unchanged_replaces_changed(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    _write(inp, "a1.txt", A1_V1)
    r = _build(inp, out)
    assert (r.articles, r.unchanged, r.rejected) == (1, 0, [])
    assert {("vladimir-putin", "russia"), ("joe-biden", "united-states")} <= _leaders(out / "store", "a1")

    # grown folder: only the new article is extracted
    _write(inp, "a2.txt", A2)
    r = _build(inp, out)
    assert (r.articles, r.unchanged) == (1, 1)
    assert {V.article_iri("a1"), V.article_iri("a2")} <= _graphs(out / "store")
    a1_before = _graph_quads(out / "store", "a1")

    # nothing changed: nothing extracted, the store is the same
    r = _build(inp, out)
    assert (r.articles, r.unchanged) == (0, 2)
    assert _graph_quads(out / "store", "a1") == a1_before

    # a changed article replaces its own graph (and only it)
    a2_before = _graph_quads(out / "store", "a2")
    _write(inp, "a1.txt", A1_V2)
    r = _build(inp, out)
    assert (r.articles, r.unchanged) == (1, 1)
    leaders = _leaders(out / "store", "a1")
    assert ("emmanuel-macron", "france") in leaders
    assert ("vladimir-putin", "russia") not in leaders and ("joe-biden", "united-states") not in leaders
    a1_now = _graph_quads(out / "store", "a1")
    assert not any("Geneva" in str(o) or "vladimir-putin" in s.value for s, _, o in a1_now)
    assert _graph_quads(out / "store", "a2") == a2_before
    assert_union_is_default_graph(out / "store")
    # one article node per article, with its new content hash
    res = api.query(out / "store", "SELECT ?id ?h WHERE { ?a a geo:Article ; dcterms:identifier ?id ; geo:contentHash ?h }")
    assert sorted(s["id"].value for s in res) == ["a1", "a2"]


def test_actors_merge_across_articles(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    _write(inp, "a1.txt", A1_V1)   # English: "Vladimir Putin"
    _write(inp, "a2.txt", A2)      # French: "Vladimir Poutine"
    _build(inp, out)
    putin = V.actor_iri("vladimir-putin")
    st = ox.Store.read_only(str(out / "store"))
    graphs = {q.graph_name.value for q in st.quads_for_pattern(ox.NamedNode(putin), None, None, None)
              if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert {V.article_iri("a1"), V.article_iri("a2")} <= graphs       # stated in both graphs
    # one node: one IRI, one English label, surface forms of both languages
    res = api.query(out / "store", f"SELECT DISTINCT ?a WHERE {{ ?a rdfs:label \"Vladimir Putin\"@en }}")
    assert [s["a"].value for s in res] == [putin]
    alts = {(s["l"].value, s["l"].language) for s in api.query(
        out / "store", f"SELECT DISTINCT ?l WHERE {{ <{putin}> skos:altLabel ?l }}")}
    assert ("Vladimir Putin", "en") in alts and ("Vladimir Poutine", "fr") in alts
    # graph.ttl (the union) has the actor once, typed once
    g = rdflib.Graph().parse(out / "graph.ttl")
    assert len(set(g.objects(rdflib.URIRef(putin), rdflib.RDF.type))) == 1
    # removing one article keeps the actor (stated by the other)
    del st
    api.remove(["a1"], out=out)
    assert bool(api.query(out / "store", f"ASK {{ <{putin}> a geo:Person ; rdfs:label ?l ; "
                                         f"geo:leaderOf <{V.actor_iri('russia')}> }}"))


def test_build_twice_same_triple_count(seed_out, tmp_path):
    out = copy_out(seed_out, tmp_path / "out")
    before = (out / "graph.ttl").read_bytes()
    n_before = len(GraphStore(out / "store", read_only=True))
    r = run_cli("build", ROOT / "seeds", "--out", out)
    assert r.returncode == 0, r.stderr
    assert "0 articles extracted, 1 unchanged" in r.stderr
    assert len(GraphStore(out / "store", read_only=True)) == n_before
    again = rdflib.Graph().parse(out / "graph.ttl")
    first = rdflib.Graph().parse(data=before, format="turtle")
    assert len(again) == len(first) == n_before
    # the same graph; only the labels of the ontology's blank nodes (owl:unionOf lists) may
    # differ, since each build reloads the ontology
    assert rdflib.compare.isomorphic(again, first)


def test_rebuild_from_scratch_gives_the_same_graph(seed_out, tmp_path):
    """Deterministic IRIs: a fresh build equals the incremental one."""
    out = tmp_path / "fresh"
    r = run_cli("build", ROOT / "seeds", "--out", out, "--quiet", "--no-html")
    assert r.returncode == 0, r.stderr
    a = rdflib.Graph().parse(out / "graph.ttl")
    b = rdflib.Graph().parse(seed_out / "graph.ttl")
    assert rdflib.compare.isomorphic(a, b)


# --------------------------------------------------------------------------------------------
# remove
# --------------------------------------------------------------------------------------------

def test_remove_drops_exactly_one_graph_and_reexports(facts_out):
    out = facts_out
    st = ox.Store.read_only(str(out / "store"))
    b_quads = {(q.subject, q.predicate, q.object)
               for q in st.quads_for_pattern(None, None, None, ox.NamedNode(V.article_iri("b-border")))}
    onto = sum(1 for _ in st.quads_for_pattern(None, None, None, ONTO))
    del st
    (out / "graph.html").write_text("old page")
    res = CliRunner().invoke(cli, ["remove", "a-summit", "--out", str(out)])
    assert res.exit_code == 0, res.output
    st = ox.Store.read_only(str(out / "store"))
    graphs = {g.value for g in st.named_graphs()}
    assert {g for g in graphs if g.startswith(V.ID + "article/")} == {V.article_iri("b-border")}
    assert V.ONTOLOGY_GRAPH in graphs   # (beside graphs derived from the articles: events)
    assert {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(
        None, None, None, ox.NamedNode(V.article_iri("b-border")))} == b_quads
    assert sum(1 for _ in st.quads_for_pattern(None, None, None, ONTO)) == onto
    del st
    assert_union_is_default_graph(out / "store")
    # the exports of OUT were re-written without the article
    ttl = (out / "graph.ttl").read_text("utf-8")
    assert "a-summit" not in ttl and "b-border" in ttl
    nq = (out / "graph.nq").read_text("utf-8")
    assert "a-summit" not in nq and "b-border" in nq
    page = (out / "graph.html").read_text("utf-8")
    assert page != "old page" and "a-summit" not in page
    assert not (out / "store" / LOCK_NAME).exists()


def test_remove_unknown_ids(facts_out):
    out = facts_out
    res = CliRunner().invoke(cli, ["remove", "nope", "--out", str(out)])
    assert res.exit_code == 2
    assert "Error: " in res.output and "'nope'" in res.output
    res = CliRunner().invoke(cli, ["remove", "nope", "b-border", "--store", str(out / "store")])
    assert res.exit_code == 4
    graphs = _graphs(out / "store")
    assert V.article_iri("a-summit") in graphs and V.article_iri("b-border") not in graphs
    res = CliRunner().invoke(cli, ["remove", "x", "--out", str(out / "missing")])
    assert res.exit_code == 2 and "not a graphbuild store" in res.output


# --------------------------------------------------------------------------------------------
# Formats: each output parses back (rdflib and pyoxigraph) to the same triple count
# --------------------------------------------------------------------------------------------

FORMATS = [  # (format, suffix, rdflib format, pyoxigraph format, has named graphs)
    ("turtle", ".ttl", "turtle", ox.RdfFormat.TURTLE, False),
    ("ntriples", ".nt", "nt", ox.RdfFormat.N_TRIPLES, False),
    ("nquads", ".nq", "nquads", ox.RdfFormat.N_QUADS, True),
    ("trig", ".trig", "trig", ox.RdfFormat.TRIG, True),
    ("jsonld", ".jsonld", "json-ld", ox.RdfFormat.JSON_LD, False),
]


def _union_count_rdflib(path: Path, fmt: str, quads: bool) -> tuple[int, int]:
    if quads:
        ds = rdflib.Dataset()
        ds.parse(path, format=fmt)
        union = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
        return len(union), sum(1 for _ in ds.quads((None, None, None, None)))
    g = rdflib.Graph().parse(path, format=fmt)
    return len(g), len(g)


def _union_count_oxigraph(path: Path, fmt) -> tuple[int, int]:
    with open(path, "rb") as f:
        quads = list(ox.parse(f, fmt))
    return len({(q.subject, q.predicate, q.object) for q in quads}), len(set(quads))


@pytest.mark.parametrize("name,suffix,rdflib_fmt,ox_fmt,named", FORMATS)
def test_export_round_trip(facts_out, name, suffix, rdflib_fmt, ox_fmt, named):
    out = facts_out
    gs = GraphStore(out / "store", read_only=True)
    n_triples = len(gs)
    n_quads = sum(1 for _ in gs.named_quads())
    path = gs.export(out / f"rt{suffix}", name)
    ox_union, ox_quads = _union_count_oxigraph(path, ox_fmt)
    rl_union, rl_quads = _union_count_rdflib(path, rdflib_fmt, named)
    assert ox_union == rl_union == n_triples
    if named:  # per-article graphs kept
        assert ox_quads == rl_quads == n_quads
        ds = rdflib.Dataset()
        ds.parse(path, format=rdflib_fmt)
        names = {str(c.identifier) for c in ds.graphs()}
        assert {V.article_iri("a-summit"), V.article_iri("b-border"), V.ONTOLOGY_GRAPH} <= names


def test_build_format_option_writes_every_format(seed_out, tmp_path):
    out = copy_out(seed_out, tmp_path / "out")
    args = ["build", ROOT / "seeds", "--out", out, "--no-html", "--quiet"]
    for name, *_ in FORMATS:
        args += ["--format", name]
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    n = len(GraphStore(out / "store", read_only=True))
    for name, suffix, rdflib_fmt, ox_fmt, named in FORMATS:
        path = out / f"graph{suffix}"
        assert _union_count_oxigraph(path, ox_fmt)[0] == n, name
        assert _union_count_rdflib(path, rdflib_fmt, named)[0] == n, name


# --------------------------------------------------------------------------------------------
# Atomicity: an interrupted build leaves the store as it was
# --------------------------------------------------------------------------------------------

def _snapshot(store_path: Path) -> dict[str, frozenset | int]:
    """Each article graph's triples; the ontology graph's size (it is reloaded by every build,
    with fresh blank nodes)."""
    assert_union_is_default_graph(store_path)
    st = ox.Store.read_only(str(store_path))
    snap: dict[str, set] = {}
    for q in st.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):   # the union: checked above
            snap.setdefault(q.graph_name.value, set()).add((q.subject, q.predicate, q.object))
    out: dict[str, frozenset | int] = {g: frozenset(v) for g, v in snap.items()}
    out[V.ONTOLOGY_GRAPH] = len(snap.get(V.ONTOLOGY_GRAPH, ()))
    return out


def test_build_interrupted_by_an_extraction_error(tmp_path, monkeypatch):
    from graphbuild import extract
    inp, out = tmp_path / "in", tmp_path / "out"
    _write(inp, "a1.txt", A1_V1)
    _write(inp, "a2.txt", A2)
    _build(inp, out)
    before = _snapshot(out / "store")
    ttl_before = (out / "graph.ttl").read_bytes()

    # every article changes and one is added; extraction raises after the first article
    _write(inp, "a1.txt", A1_V2)
    _write(inp, "a2.txt", A2.replace("Moscou", "Saint-Pétersbourg"))
    _write(inp, "a3.txt", A3)
    real = extract.Pipeline.process

    def failing(self, articles, *a, **kw):
        for i, facts in enumerate(real(self, articles, *a, **kw)):
            if i == 1:
                raise RuntimeError("extraction failed half way")
            yield facts

    monkeypatch.setattr(extract.Pipeline, "process", failing)
    with pytest.raises(RuntimeError, match="half way"):
        _build(inp, out)
    after = _snapshot(out / "store")
    changed = [g for g in before if after.get(g) != before[g]]
    # exactly one article (the one committed before the error) is new; the others are as before
    assert len(changed) == 1 and changed[0].startswith(V.ID + "article/")
    assert set(after) - set(before) == set()   # the third article was never written
    assert (out / "graph.ttl").read_bytes() == ttl_before   # exports are the previous build's
    assert not (out / "store" / LOCK_NAME).exists()

    # the next build completes the rest
    monkeypatch.setattr(extract.Pipeline, "process", real)
    r = _build(inp, out)
    assert (r.articles, r.unchanged) == (2, 1)
    assert V.article_iri("a3") in _snapshot(out / "store")


class _FailingStore:
    """A pyoxigraph Store whose updates get a last operation that fails (CREATE GRAPH of a
    graph that exists): the whole request must then have no effect."""

    def __init__(self, store):
        self._store = store

    def update(self, text, *a, **kw):
        return self._store.update(text + f" ;\nCREATE GRAPH <{V.ONTOLOGY_GRAPH}>", *a, **kw)

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_failing_put_changes_nothing(facts_out):
    from gb_store_fixtures import hand_facts
    before = _snapshot(facts_out / "store")
    gs = GraphStore(facts_out / "store")
    real = gs.store
    gs.store = _FailingStore(real)
    changed = hand_facts()[0]
    changed.interactions = changed.interactions[:1]
    with pytest.raises(RuntimeError, match="already exists"):
        gs.put_article(changed)
    with pytest.raises(RuntimeError, match="already exists"):
        gs.remove_article("b-border")
    gs.store = real
    gs.flush()
    del gs, real
    assert _snapshot(facts_out / "store") == before


def test_an_older_store_is_upgraded(facts_out):
    """A store whose default graph is empty (written before it held the union) still answers
    read-only (Oxigraph's union, SELECT DISTINCT), and gets its default graph when opened
    for writing."""
    st = ox.Store(str(facts_out / "store"))
    st.update("DROP DEFAULT")
    n_named = len({(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, None)})
    del st
    gs = GraphStore(facts_out / "store", read_only=True)
    assert not gs.has_union() and len(gs) == n_named
    rows = api.query_rows(facts_out, "SELECT DISTINCT ?p WHERE { ?p geo:leaderOf ?s }")
    assert len(rows) == 2
    del gs
    gs = GraphStore(facts_out / "store")
    assert gs.has_union() and len(gs) == n_named
    del gs
    assert_union_is_default_graph(facts_out / "store")


KILL_SCRIPT = textwrap.dedent("""
    import os, sys
    from graphbuild import store
    calls = []
    def wrap(real):
        def put(self, item):
            calls.append(item)
            if len(calls) == 2:
                os._exit(137)      # as a SIGKILL between two article transactions
            return real(self, item)
        return put
    for name in ("put_article", "put_graph"):
        if hasattr(store.GraphStore, name):
            setattr(store.GraphStore, name, wrap(getattr(store.GraphStore, name)))
    from graphbuild import api
    api.build([sys.argv[1]], sys.argv[2], html=False, progress=False)
""")


def test_build_killed_half_way(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    _write(inp, "a1.txt", A1_V1)
    _write(inp, "a2.txt", A2)
    _build(inp, out)
    before = _snapshot(out / "store")
    _write(inp, "a1.txt", A1_V2)
    _write(inp, "a2.txt", A2.replace("Moscou", "Saint-Pétersbourg"))
    r = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(inp), str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 137, r.stderr
    assert (out / "store" / LOCK_NAME).exists()        # the killed build's lock is left...
    after = _snapshot(out / "store")
    changed = [g for g in before if after.get(g) != before[g]]
    assert len(changed) == 1                              # first article new, second as before
    r = _build(inp, out)                                  # ...stale: the next build goes on
    assert (r.articles, r.unchanged) == (1, 1)


# --------------------------------------------------------------------------------------------
# The lock
# --------------------------------------------------------------------------------------------

def test_build_refuses_while_another_process_holds_the_store(facts_out, tmp_path):
    out = facts_out
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / "store" / LOCK_NAME).write_text(f"{holder.pid} graphbuild serve (test)\n")
        with pytest.raises(StoreLocked, match=rf"graphbuild serve \(test\) \(pid {holder.pid}\)"):
            GraphStore(out / "store")
        inp = tmp_path / "in"
        _write(inp, "a1.txt", A1_V1)
        r = run_cli("build", inp, "--out", out, "--quiet")
        assert r.returncode == 2
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ")
        assert f"pid {holder.pid}" in lines[0] and "graphbuild serve" in lines[0]
    finally:
        holder.kill()
        holder.wait()
    GraphStore(out / "store")   # the holder is gone: the lock is stale, the store opens
    assert not (out / "store" / LOCK_NAME).exists()


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------

def test_seed_graph_conforms(seed_out):
    r = run_cli("validate", seed_out / "graph.ttl")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().endswith("conforms")
    r = run_cli("validate", seed_out)     # the store (union of its graphs)
    assert r.returncode == 0, r.stdout + r.stderr


def test_validate_reports_a_broken_graph(facts_out, tmp_path):
    out = facts_out
    bad = tmp_path / "bad.ttl"
    text = (out / "graph.ttl").read_text("utf-8")
    text, n = re.subn(r"geo:confidence [0-9.]+", "geo:confidence 1.5", text, count=1)
    assert n == 1
    bad.write_text(text, "utf-8")
    r = run_cli("validate", bad)
    assert r.returncode == 1
    assert "geo:confidence" in r.stdout and "1.5" in r.stdout
    bad.write_text("this is not turtle <", "utf-8")
    r = run_cli("validate", bad)
    assert r.returncode == 2 and r.stderr.startswith(f"Error: {bad}")
