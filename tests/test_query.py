"""`graphbuild query` and the example queries of queries/*.rq.

Each example query is checked twice: its exact answer on hand-made facts written through the
store (no NLP, known answers), and its columns plus the robust facts on the seed build (the
extraction is being tuned, so only facts that are stable and right per seed-gold.tsv).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graphbuild import api
from graphbuild.cli import cli
from graphbuild.rdf import vocab as V

from gb_store_fixtures import QUERIES, copy_out, facts_out, run_cli, seed_out, shared_file  # noqa: F401

ACTOR = V.ID + "actor/"

#: The columns of each example query.
COLUMNS = {
    "who-warned-whom.rq": ["who", "whom", "date", "hypothetical", "evidence", "article"],
    "russia-or-its-leader-demands.rq": ["who", "whom", "what", "date", "evidence"],
    "conflicts-by-date.rq": ["date", "agent", "relation", "target", "category", "quad",
                             "hypothetical", "evidence"],
    "interactions-by-category.rq": ["category", "quad", "interactions"],
    "evidence-for-a-fact.rq": ["agent", "relation", "object", "evidence", "article", "confidence"],
    "sameas-wikidata.rq": ["actor", "label", "type", "wikidata"],
}


def _rows(graph, name: str) -> list[dict[str, str]]:
    """Rows of queries/<name> through the CLI's code path (open_store, run_query)."""
    res = api.run_query(api.open_store(graph), (QUERIES / name).read_text("utf-8"))
    names, rows = api.result_rows(res)
    assert names == COLUMNS[name]
    return [dict(zip(names, r)) for r in rows]


def _cli_csv(graph, name: str) -> tuple[list[str], list[dict[str, str]]]:
    r = CliRunner().invoke(cli, ["query", str(graph), "--file", str(QUERIES / name), "--format", "csv"])
    assert r.exit_code == 0, r.output
    reader = csv.DictReader(io.StringIO(r.stdout))
    return reader.fieldnames, list(reader)


ALL_QUERIES = sorted(p.name for p in QUERIES.glob("*.rq"))


def test_the_example_queries_are_there():
    assert set(COLUMNS) <= set(ALL_QUERIES)


# --------------------------------------------------------------------------------------------
# Exact answers on hand-made facts, on the store, graph.ttl (default graph) and graph.nq
# --------------------------------------------------------------------------------------------

@pytest.fixture(params=["store", "graph.ttl", "graph.nq"])
def hand_graph(request, facts_out) -> Path:
    return facts_out / request.param


def test_who_warned_whom(hand_graph):
    rows = _rows(hand_graph, "who-warned-whom.rq")
    assert [(r["who"], r["whom"], r["date"], r["hypothetical"], r["article"]) for r in rows] == [
        ("Joe Biden", "Vladimir Putin", "2021-12-07", "false", "a-summit")]   # negated one left out
    assert rows[0]["evidence"] == "Joe Biden a averti Vladimir Poutine."


def test_russia_or_its_leader_demands(hand_graph):
    rows = _rows(hand_graph, "russia-or-its-leader-demands.rq")
    got = sorted((r["who"], r["whom"], r["what"], r["date"]) for r in rows)
    assert got == [("Russia", "", "garanties de sécurité", "2021-12"),
                   ("Vladimir Putin", "NATO", "garanties de sécurité", "2021-12-07")]


def test_conflicts_by_date(hand_graph):
    rows = _rows(hand_graph, "conflicts-by-date.rq")
    got = [(r["date"], r["agent"].removeprefix(ACTOR), r["relation"].removeprefix(V.GEO),
            r["quad"].removeprefix(V.GEO), r["hypothetical"]) for r in rows]
    assert got[0] == ("2021-11-30", "russia", "deploysForces", "MaterialConflict", "false")
    assert got[1] == ("2021-12", "russia", "demands", "VerbalConflict", "false")
    assert sorted(got[2:]) == [
        ("2021-12-07", "joe-biden", "threatens", "VerbalConflict", "true"),
        ("2021-12-07", "joe-biden", "warns", "VerbalConflict", "false"),
        ("2021-12-07", "vladimir-putin", "demands", "VerbalConflict", "false"),
    ]
    assert all(r["evidence"] for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)


def test_interactions_by_category(hand_graph):
    rows = _rows(hand_graph, "interactions-by-category.rq")
    got = {(r["category"].removeprefix(V.GEO), r["quad"].removeprefix(V.GEO), int(r["interactions"]))
           for r in rows}
    assert got == {("threaten", "VerbalConflict", 2), ("request", "VerbalConflict", 2),
                   ("mobilize", "MaterialConflict", 1), ("cooperate", "VerbalCooperation", 1)}
    counts = [int(r["interactions"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_evidence_for_a_fact(hand_graph):
    rows = _rows(hand_graph, "evidence-for-a-fact.rq")
    assert [(r["relation"].removeprefix(V.GEO), r["object"].removeprefix(ACTOR), r["article"],
             r["evidence"], float(r["confidence"])) for r in rows] == [
        ("demands", "nato", "a-summit", "Poutine a demandé des garanties de sécurité à l'Otan.", 0.8)]


def test_sameas_wikidata(hand_graph):
    rows = _rows(hand_graph, "sameas-wikidata.rq")
    got = {(r["label"], r["type"].removeprefix(V.GEO), r["wikidata"].removeprefix(V.WD)) for r in rows}
    assert got == {("Vladimir Putin", "Person", "Q7747"), ("Joe Biden", "Person", "Q6279"),
                   ("Russia", "State", "Q159"), ("United States", "State", "Q30"),
                   ("NATO", "Organization", "Q7184"), ("Ukraine", "State", "Q212")}
    assert len(rows) == len(got)   # DISTINCT: one row per actor, though stated in two graphs


# --------------------------------------------------------------------------------------------
# The union default graph
# --------------------------------------------------------------------------------------------

def test_union_default_graph_sees_a_turtle_file(facts_out):
    """api.open_store loads Turtle into the default graph; use_default_graph_as_union=True
    still sees it (Oxigraph's union covers the default graph and every named graph)."""
    st = api.open_store(facts_out / "graph.ttl")
    assert list(st.named_graphs()) == []            # all in the default graph
    n = sum(1 for _ in st.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    res = api.query(facts_out / "graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(res))["n"].value) == n > 0
    # and the same distinct triples as the store's union of named graphs
    q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert (int(next(iter(api.query(facts_out / "store", q)))["n"].value) == n)


def test_store_default_graph_is_a_set(facts_out):
    """A triple two articles state matches once (the store's default graph is the set union;
    Oxigraph's own union-default-graph would match it once per graph), and GRAPH ?g still
    reaches each article's copy."""
    q = f"SELECT ?l WHERE {{ <{ACTOR}vladimir-putin> rdfs:label ?l }}"
    assert len(list(api.query(facts_out / "store", q))) == 1
    assert len(list(api.query(facts_out / "graph.ttl", q))) == 1
    assert len(list(api.query(facts_out / "graph.nq", q))) == 1
    qg = f"SELECT ?g ?l WHERE {{ GRAPH ?g {{ <{ACTOR}vladimir-putin> rdfs:label ?l }} }}"
    assert {s["g"].value for s in api.query(facts_out / "store", qg)} == {
        V.article_iri("a-summit"), V.article_iri("b-border")}
    # aggregates count each triple once
    qc = "SELECT (COUNT(*) AS ?n) WHERE { ?a a geo:Person }"
    assert [int(s["n"].value) for s in api.query(facts_out / "store", qc)] == [2]


# --------------------------------------------------------------------------------------------
# The seed build
# --------------------------------------------------------------------------------------------

def _gold() -> set[tuple[str, str, str]]:
    path = shared_file("seed-gold.tsv")
    facts = set()
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            facts.add((parts[0], parts[1], parts[2]))
    return facts


def test_seed_leaders(seed_out):
    rows = api.query_rows(seed_out, """SELECT DISTINCT ?who ?of WHERE {
        ?p geo:leaderOf ?s . ?p rdfs:label ?who . ?s rdfs:label ?of }""")
    got = {(r["who"], "leaderOf", r["of"]) for r in rows}
    expected = {("Joe Biden", "leaderOf", "United States"), ("Vladimir Putin", "leaderOf", "Russia")}
    assert expected <= got
    assert expected <= _gold()


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_seed_query_runs(seed_out, name):
    """Every query of queries/ runs on the seed build, through the CLI, with the same answer
    on the store and on graph.ttl (and the example queries with their columns)."""
    names, rows = _cli_csv(seed_out, name)
    assert names == COLUMNS.get(name, names)
    names2, rows2 = _cli_csv(seed_out / "graph.ttl", name)
    assert names2 == names
    assert sorted(map(lambda r: tuple(r.values()), rows)) == sorted(map(lambda r: tuple(r.values()), rows2))


def test_seed_sameas(seed_out):
    rows = _rows(seed_out, "sameas-wikidata.rq")
    got = {(r["label"], r["wikidata"].removeprefix(V.WD)) for r in rows}
    assert {("Vladimir Putin", "Q7747"), ("Joe Biden", "Q6279"), ("Russia", "Q159"),
            ("United States", "Q30")} <= got


def test_seed_categories_count_every_interaction(seed_out):
    """Every non-negated interaction falls under exactly one category of the ontology."""
    rows = _rows(seed_out, "interactions-by-category.rq")
    total = sum(int(r["interactions"]) for r in rows)
    n = api.query_rows(seed_out, """SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {
        ?i a geo:Interaction ; geo:negated false }""")[0]["n"]
    assert total == int(n)
    assert all(r["quad"].removeprefix(V.GEO) in ("VerbalCooperation", "MaterialCooperation",
                                                  "VerbalConflict", "MaterialConflict") for r in rows)


def test_seed_demands_come_from_russia_or_its_leader(seed_out):
    rows = _rows(seed_out, "russia-or-its-leader-demands.rq")
    assert {r["who"] for r in rows} <= {"Russia", "Vladimir Putin"}


def test_seed_conflicts_are_conflicts(seed_out):
    rows = _rows(seed_out, "conflicts-by-date.rq")
    conflict = {r for r, (_, q) in V.RELATIONS.items() if q.endswith("conflict")}
    assert all(r["relation"].removeprefix(V.GEO) in conflict for r in rows)
    assert all(r["evidence"] for r in rows)


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

Q_LEADERS = "SELECT DISTINCT ?p ?s WHERE { ?p geo:leaderOf ?s } ORDER BY ?p"


def test_query_formats(facts_out):
    run = lambda *a: CliRunner().invoke(cli, ["query", str(facts_out), Q_LEADERS, *a])  # noqa: E731
    table = run()
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["p", "s"]
    assert lines[2].split() == ["id:actor/joe-biden", "id:actor/united-states"]   # prefixed
    csv_out = run("--format", "csv").stdout.splitlines()
    assert csv_out == ["p,s", f"{ACTOR}joe-biden,{ACTOR}united-states",
                       f"{ACTOR}vladimir-putin,{ACTOR}russia"]
    tsv_out = run("--format", "tsv").stdout.splitlines()
    assert tsv_out[1] == f"{ACTOR}joe-biden\t{ACTOR}united-states"
    assert json.loads(run("--format", "json").stdout) == [
        {"p": f"{ACTOR}joe-biden", "s": f"{ACTOR}united-states"},
        {"p": f"{ACTOR}vladimir-putin", "s": f"{ACTOR}russia"}]


def test_query_file_ask_construct(facts_out, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text(Q_LEADERS, "utf-8")
    r = CliRunner().invoke(cli, ["query", str(facts_out / "store"), "--file", str(rq), "--format", "csv"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3
    r = CliRunner().invoke(cli, ["query", str(facts_out), "ASK { ?p geo:leaderOf id:actor\\/russia }"])
    assert r.stdout.strip() == "true"
    r = CliRunner().invoke(cli, ["query", str(facts_out), "CONSTRUCT { ?p geo:leaderOf ?s } WHERE { ?p geo:leaderOf ?s }"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2   # N-Triples, one line each


def test_query_errors(facts_out, tmp_path):
    r = run_cli("query", facts_out, "SELECT ?x WHERE { ?x geo:warns }")
    assert r.returncode == 2
    assert r.stderr.startswith("Error: query: invalid SPARQL") and len(r.stderr.strip().splitlines()) == 1
    r = run_cli("query", tmp_path, "SELECT * {}")      # a folder that is not a store
    assert r.returncode == 2 and "not a graphbuild store" in r.stderr
    assert not (tmp_path / "CURRENT").exists()         # ...and it was not made one
    r = run_cli("query", facts_out)
    assert r.returncode == 2 and "no query" in r.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", "utf-8")
    r = run_cli("query", bad, "SELECT * {}")
    assert r.returncode == 2 and r.stderr.startswith(f"Error: {bad}: not valid")


def test_query_refuses_a_store_a_build_writes(facts_out):
    """Reading a store another process writes is undefined in Oxigraph: query refuses, with
    one line naming the build; a store held by `graphbuild serve` (a reader) is fine."""
    import subprocess
    import sys
    from graphbuild.store import LOCK_NAME
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    lock = facts_out / "store" / LOCK_NAME
    try:
        lock.write_text(f"{holder.pid} build\n")
        r = run_cli("query", facts_out, Q_LEADERS)
        assert r.returncode == 2
        assert r.stderr.strip() == (f"Error: {facts_out / 'store'}: store in use by build (pid "
                                    f"{holder.pid}); query its graph.ttl, or wait until it is done")
        r = run_cli("query", facts_out / "graph.ttl", Q_LEADERS)
        assert r.returncode == 0
        lock.write_text(f"{holder.pid} graphbuild serve (oxigraph serve-read-only at x)\n")
        assert len(api.query_rows(facts_out, Q_LEADERS)) == 2
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------------------------
# The query benchmark's data (python -m graphbuild.bench_query)
# --------------------------------------------------------------------------------------------

def test_bench_store_is_a_store_a_build_could_make(tmp_path):
    from graphbuild import bench_query as B
    info = B.make_store(tmp_path / "bench", 3000, log=lambda *a: None)
    assert info["triples"] >= 3000 and info["copies"] > 1
    from gb_store_fixtures import assert_union_is_default_graph
    assert_union_is_default_graph(tmp_path / "bench")
    # one article graph per copy; every copy's leaderOf is a leader pair of the gazetteer
    _, pairs = B._gazetteer_pool()
    true = {(p[0], s[0]) for p, s in pairs}
    rows = api.query_rows(tmp_path / "bench", "SELECT ?p ?s WHERE { ?p geo:leaderOf ?s }")
    got = {(r["p"].removeprefix(ACTOR), r["s"].removeprefix(ACTOR)) for r in rows}
    assert got and got <= true
    n = api.query_rows(tmp_path / "bench", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a geo:Article } }")
    assert int(n[0]["n"]) == info["copies"]
    # the example queries run on it
    timed, _ = B.time_graphbuild(tmp_path / "bench", B.load_queries(list(COLUMNS)), runs=1)
    assert set(timed) == set(COLUMNS)
