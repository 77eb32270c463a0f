"""The Python API beside build(): query_rows, to_networkx, render, and the lazy re-exports.

These run on a small hand-written graph (no spaCy model), in every form ``graph`` may take:
an RDF file, an open pyoxigraph Store, a store folder and a build's output folder.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import api
from graphbuild.rdf.vocab import ID

TTL = """
@prefix geo: <https://w3id.org/geokg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/geokg/id/> .

id:actor\\/joe-biden a geo:Person ; rdfs:label "Joe Biden"@en ;
    owl:sameAs <http://www.wikidata.org/entity/Q6279> ;
    geo:meetsWith id:actor\\/vladimir-putin .
id:actor\\/vladimir-putin a geo:Person ; rdfs:label "Vladimir Putin"@en .
id:interaction\\/i1 a geo:Interaction ; geo:agent id:actor\\/joe-biden ;
    geo:relation geo:meetsWith ; geo:recipient id:actor\\/vladimir-putin ;
    geo:date "2021-12-07"^^xsd:date ; geo:negated false ; geo:hypothetical false ;
    geo:evidence "Joe Biden a rencontré Vladimir Poutine."@fr ;
    prov:wasDerivedFrom id:article\\/a1 .
id:article\\/a1 a geo:Article ; dcterms:identifier "a1" .
"""
BIDEN, PUTIN = ID + "actor/joe-biden", ID + "actor/vladimir-putin"
WHO_MET = """SELECT ?who ?whom ?qid WHERE {
    ?a geo:meetsWith ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom .
    OPTIONAL { ?b owl:sameAs ?qid } }"""


@pytest.fixture()
def ttl(tmp_path) -> Path:
    p = tmp_path / "graph.ttl"
    p.write_text(TTL, encoding="utf-8")
    return p


@pytest.fixture()
def out_dir(tmp_path, ttl) -> Path:
    """A build's output folder: graph.ttl and an Oxigraph store in store/."""
    out = tmp_path / "out"
    out.mkdir()
    st = ox.Store(str(out / "store"))
    with open(ttl, "rb") as f:
        st.bulk_load(f, ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "article/a1"))
    st.flush()
    del st
    (out / "graph.ttl").write_bytes(ttl.read_bytes())
    return out


def test_api_query_rows_gives_strings_and_empty_for_unbound(ttl):
    assert api.query_rows(ttl, WHO_MET) == [{"who": "Joe Biden", "whom": "Vladimir Putin", "qid": ""}]


@pytest.mark.parametrize("form", ["file", "store", "store folder", "output folder"])
def test_api_query_rows_takes_every_form_of_graph(form, ttl, out_dir):
    graph = {"file": ttl, "store": api.open_store(ttl), "store folder": out_dir / "store",
             "output folder": out_dir}[form]
    rows = api.query_rows(graph, "SELECT DISTINCT ?d ?e WHERE { ?i geo:date ?d ; geo:evidence ?e }")
    assert rows == [{"d": "2021-12-07", "e": "Joe Biden a rencontré Vladimir Poutine."}]
    assert sorted(p.name for p in out_dir.iterdir()) == ["graph.ttl", "store"]  # nothing created


def test_api_query_rows_refuses_ask(ttl):
    with pytest.raises(ValueError, match="SELECT"):
        api.query_rows(ttl, "ASK { ?s ?p ?o }")
    assert bool(api.query(ttl, "ASK { ?s geo:meetsWith ?o }"))


def test_api_to_networkx_one_edge_per_interaction(out_dir):
    G = api.to_networkx(out_dir)
    assert G.nodes[BIDEN]["label"] == "Joe Biden"
    [(u, v, key, d)] = G.edges(keys=True, data=True)
    assert (u, v, key) == (BIDEN, PUTIN, ID + "interaction/i1")
    assert (d["relation"], d["quad"], d["date"], d["negated"], d["article"]) == (
        "meetsWith", "verbal-coop", "2021-12-07", False, "a1")


def test_api_render_writes_an_offline_page(tmp_path, ttl):
    store = api.open_store(ttl)
    page = api.render(store, tmp_path / "page" / "p.html", max_nodes=1)
    assert page == tmp_path / "page" / "p.html" and page.is_file()
    text = page.read_text(encoding="utf-8")
    assert "<script src" not in text.lower() and "Joe Biden" in text


def test_api_reexported_lazily_from_package():
    code = ("import sys, graphbuild; heavy = [m for m in ('spacy', 'pyoxigraph', 'networkx', "
            "'graphbuild.api') if m in sys.modules]; assert not heavy, heavy; "
            "from graphbuild import api; "
            "assert graphbuild.query_rows is api.query_rows and graphbuild.render is api.render; "
            "assert 'to_networkx' in dir(graphbuild)")
    subprocess.run([sys.executable, "-c", code], check=True)
