"""`graphbuild stats` and `graphbuild export-network`: the NetworkX view of the store."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from graphbuild.network import (
    CONFLICT, COOPERATION, network_stats, ontology_quads, pagerank, to_networkx, write_network,
)
from graphbuild.rdf import vocab as V

from gb_store_fixtures import facts_out, run_cli, seed_out  # noqa: F401

A = V.ID + "actor/"


def test_network_of_the_hand_facts(facts_out):
    G = to_networkx(facts_out)
    assert G.number_of_edges() == 8                 # 8 interactions, 2 of them negated
    assert sum(1 for *_, d in G.edges(data=True) if d["negated"]) == 2
    assert G.nodes[A + "russia"]["type"] == "State"
    st = network_stats(G, top=None)
    assert (st.n_actors, st.n_interactions, st.n_negated) == (6, 6, 2)
    degree = {r.label: r.degree for r in st.actors}
    assert degree == {"Russia": 3, "Joe Biden": 2, "Vladimir Putin": 2, "NATO": 1,
                      "United States": 1, "Ukraine": 1}
    assert st.actors[0].label == "Russia"
    dyads = {(d.a_label, d.b_label): d for d in st.dyads}
    assert set(dyads) == {("Joe Biden", "Vladimir Putin"), ("Joe Biden", "Russia"),
                          ("NATO", "Vladimir Putin"), ("Ukraine", "United States")}
    bp = dyads[("Joe Biden", "Vladimir Putin")]
    assert (bp.interactions, bp.a_to_b, bp.b_to_a, bp.conflict, bp.cooperation, bp.balance) == (
        1, 1, 0, 1, 0, -1.0)                         # warns; the negated promise is not counted
    assert bp.relations == {"warns": 1}
    uu = dyads[("Ukraine", "United States")]
    assert (uu.b_to_a, uu.cooperation, uu.balance) == (1, 1, 1.0)
    # the same from graph.ttl as from the store
    G2 = to_networkx(facts_out / "graph.ttl")
    assert sorted(G2.edges(keys=True)) == sorted(G.edges(keys=True))


def test_quadrants_from_the_ontology_agree_with_vocab(facts_out):
    from graphbuild.api import open_store
    table = ontology_quads(open_store(facts_out / "store"))
    for rel, (_, quad) in V.RELATIONS.items():
        assert table[V.GEO + rel] == quad, rel
    assert COOPERATION.isdisjoint(CONFLICT)


def test_pagerank_matches_networkx():
    ref = pytest.importorskip("networkx.algorithms.link_analysis.pagerank_alg")
    W = nx.gnp_random_graph(60, 0.07, directed=True, seed=3)
    for u, v in W.edges:
        W[u][v]["weight"] = (u * v) % 4 + 1
    ours = pagerank(W, tol=1e-12, max_iter=1000)
    theirs = ref._pagerank_python(W, weight="weight", tol=1e-12, max_iter=1000)
    assert max(abs(ours[k] - theirs[k]) for k in W) < 1e-8
    assert abs(sum(ours.values()) - 1) < 1e-9


def test_stats_command_on_the_seed(seed_out):
    r = run_cli("stats", seed_out, "--top", "3")
    assert r.returncode == 0, r.stderr
    assert "Most central actors" in r.stdout and "Strongest dyads" in r.stdout
    r = run_cli("stats", seed_out / "graph.ttl", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    labels = {a["label"] for a in doc["actors"]}
    assert {"Joe Biden", "Vladimir Putin"} <= labels
    assert all(set(a) >= {"iri", "label", "type", "degree", "pagerank"} for a in doc["actors"])
    for d in doc["dyads"]:
        assert d["interactions"] == d["a_to_b"] + d["b_to_a"] >= d["cooperation"] + d["conflict"]
        assert d["balance"] is None or -1 <= d["balance"] <= 1


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_for_gephi(facts_out, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    r = run_cli("export-network", facts_out, f"--{fmt}", path)
    assert r.returncode == 0, r.stderr
    G = to_networkx(facts_out)
    H = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    node = H.nodes[A + "vladimir-putin"]
    assert node["label"] == "Vladimir Putin" and node["type"] == "Person" and "pagerank" in node
    rels = sorted(d["relation"] for *_, d in H.edges(data=True))
    assert rels == sorted(d["relation"] for *_, d in G.edges(data=True))
    assert all("quad" in d and "negated" in d for *_, d in H.edges(data=True))


def test_export_network_needs_a_file(facts_out):
    r = run_cli("export-network", facts_out)
    assert r.returncode == 2 and "--graphml" in r.stderr
