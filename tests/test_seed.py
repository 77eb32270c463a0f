"""The seed article end to end (issue 2): the facts it must yield, the one it must not, and
the properties of the files a build writes."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, parse

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GEO = "https://w3id.org/geokg/ontology#"
ACTOR = "https://w3id.org/geokg/id/actor/"

#: The seed's expected events (ontology-core.md, "Examples from the seed article"): each is a
#: set of alternative forms (agent, relation, object); an object is an actor key or, prefixed
#: with "~", a word the topic's label contains.
EXPECTED_EVENTS = [
    {("joe-biden", "warns", "vladimir-putin"), ("joe-biden", "warns", "russia"), ("joe-biden", "threatens", "russia")},
    {("joe-biden", "meetsWith", "vladimir-putin"), ("vladimir-putin", "meetsWith", "joe-biden")},
    {("joe-biden", "expressesConcern", "~troupes")},
    {("russia", "deploysForces", "~frontière")},
    {("vladimir-putin", "denounces", "nato")},
    {("vladimir-putin", "demands", "~garanties"), ("vladimir-putin", "demands", "joe-biden")},
    {("nato", "expandsTowards", "~Est")},
    {("vladimir-putin", "proposes", "joe-biden"), ("vladimir-putin", "proposes", "~rétorsion")},
    {("joe-biden", "rejects", "vladimir-putin")},
    {("united-states", "coordinatesWith", "ukraine"), ("ukraine", "coordinatesWith", "united-states")},
    {("united-states", "coordinatesWith", "european-union"), ("european-union", "coordinatesWith", "united-states")},
    {("joe-biden", "leaderOf", "united-states")},
    {("vladimir-putin", "leaderOf", "russia")},
    {("vladimir-putin", "demands", "nato")},
]


def run_build(out: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", "build", *map(str, paths), "--out", str(out), "--quiet"],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "out"
    res = run_build(out, SEEDS)
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="module")
def seed_graph(seed_out) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(seed_out / "graph.ttl", format="turtle")
    return g


def _direct_facts(g: rdflib.Graph) -> set[tuple[str, str, str]]:
    rels = {str(r) for r in g.transitive_subjects(rdflib.RDFS.subPropertyOf, rdflib.URIRef(GEO + "interactsWith"))}
    rels.add(GEO + "leaderOf")
    out = set()
    for s, p, o in g:
        if str(p) not in rels or not str(s).startswith(ACTOR):
            continue
        if str(o).startswith(ACTOR):
            obj = str(o)[len(ACTOR):]
        else:
            label = g.value(o, rdflib.RDFS.label)
            obj = "~" + str(label) if label is not None else str(o)
        out.add((str(s)[len(ACTOR):], str(p)[len(GEO):], obj))
    return out


def _matches(form: tuple[str, str, str], fact: tuple[str, str, str]) -> bool:
    if form[:2] != fact[:2]:
        return False
    if form[2].startswith("~"):
        return fact[2].startswith("~") and form[2][1:].lower() in fact[2].lower()
    return form[2] == fact[2]


def test_seed_yields_at_least_13_of_its_14_events(seed_graph):
    facts = _direct_facts(seed_graph)
    found = [ev for ev in EXPECTED_EVENTS if any(_matches(f, x) for f in ev for x in facts)]
    assert len(found) >= 13, (len(found), sorted(facts))


def test_seed_summit_is_between_the_two_presidents(seed_graph):
    # « lors du sommet virtuel ... entre les deux hommes »: Biden and Putin, not the two States
    # the sentence names last (a rule once broke this while the 13-of-14 count still held)
    facts = _direct_facts(seed_graph)
    assert any(_matches(f, x) for f in EXPECTED_EVENTS[1] for x in facts), sorted(facts)
    assert not any(_matches(("russia", "meetsWith", "ukraine"), x) or _matches(("ukraine", "meetsWith", "russia"), x)
                   for x in facts), sorted(facts)


def test_seed_negated_promise_has_no_direct_triple(seed_graph):
    facts = _direct_facts(seed_graph)
    assert not any(f[0] == "joe-biden" and f[1] == "promises" for f in facts)


def test_seed_every_interaction_carries_its_evidence(seed_graph):
    q = f"""PREFIX geo: <{GEO}> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?i WHERE {{ ?i a geo:Interaction .
      FILTER NOT EXISTS {{ ?i geo:agent ?a ; geo:relation ?r ; geo:evidence ?e ; geo:negated ?n ;
                          geo:hypothetical ?h ; geo:confidence ?c ; prov:wasDerivedFrom ?art }} }}"""
    assert list(seed_graph.query(q)) == []
    n = list(seed_graph.query(f"PREFIX geo: <{GEO}> SELECT (COUNT(?i) AS ?n) WHERE {{ ?i a geo:Interaction }}"))[0][0]
    assert int(n) >= 10


def test_seed_turtle_parses_the_same_in_rdflib_and_pyoxigraph(seed_out, seed_graph):
    with open(seed_out / "graph.ttl", "rb") as f:
        ox = list(parse(f, RdfFormat.TURTLE))
    assert len(set(ox)) == len(seed_graph)


def test_seed_two_builds_give_identical_iris(tmp_path, seed_out):
    res = run_build(tmp_path / "again", SEEDS)
    assert res.returncode == 0, res.stderr
    iris = lambda p: set(re.findall(r"<(https://w3id\.org/geokg/id/[^>]+)>", p.read_text("utf-8")))  # noqa: E731
    g1 = rdflib.Graph().parse(seed_out / "graph.ttl")
    g2 = rdflib.Graph().parse(tmp_path / "again" / "graph.ttl")
    nodes = lambda g: {str(t) for tr in g for t in tr if str(t).startswith("https://w3id.org/geokg/id/")}  # noqa: E731
    assert nodes(g1) == nodes(g2)
    assert iris(seed_out / "graph.ttl") == iris(tmp_path / "again" / "graph.ttl")


def test_seed_page_references_nothing_remote(seed_out):
    html = (seed_out / "graph.html").read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<script" in html


@pytest.mark.parametrize("make_bad, problem", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "empty"),
    (lambda d: (d / "bad.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10) and d / "bad.txt" or d / "bad.txt", "UTF-8"),
])
def test_seed_bad_input_is_named_and_others_still_built(tmp_path, make_bad, problem):
    bad = make_bad(tmp_path)
    res = run_build(tmp_path / "out", bad, SEEDS)
    assert res.returncode == 4, res.stderr
    errors = [l for l in res.stderr.splitlines() if l.startswith("Error:")]
    assert len(errors) == 1 and bad.name in errors[0] and problem.lower() in errors[0].lower(), res.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000
