"""The ontology (ontology/geo.ttl), its SHACL shapes (ontology/shapes.ttl) and validate().

The vocabulary contract is ../shared/ontology-core.md; the tables below restate its terms so
that these tests run without ../shared.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from graphbuild.rdf.vocab import GEO, ONTOLOGY_GRAPH, PREFIXES, RELATIONS, STRUCTURAL, SYMMETRIC
from graphbuild.validate import ontology_path, shapes_path, validate

G = rdflib.Namespace(GEO)

CORE_CLASSES = [
    "Actor", "Person", "State", "Organization", "Institution",
    "Place", "Topic", "Interaction", "Article",
]
CORE_RELATIONS = [
    "meetsWith", "negotiatesWith", "proposes", "promises", "coordinatesWith", "agreesWith",
    "supports", "demands", "rejects", "expressesConcern", "denounces", "accuses", "warns",
    "threatens", "sanctions", "deploysForces", "attacks", "aids", "expandsTowards", "concedes",
]
CORE_CATEGORIES = [
    "consult", "cooperate", "agree", "support", "request", "reject", "accuse",
    "threaten", "sanction", "mobilize", "assault", "aid", "concede",
]
CORE_STRUCTURAL = ["leaderOf", "memberOf", "alliedWith", "partOf"]
CORE_INTERACTION_PROPERTIES = [
    "agent", "relation", "recipient", "theme", "date",
    "negated", "hypothetical", "confidence", "evidence",
]
#: Every term ontology-core.md requires.
CORE_TERMS = (
    CORE_CLASSES + CORE_RELATIONS + CORE_CATEGORIES + ["interactsWith"]
    + CORE_STRUCTURAL + CORE_INTERACTION_PROPERTIES
)
#: Terms geo.ttl adds beyond ontology-core.md (DEVELOPERS.md, the events issue, the quadrant).
EXTRA_TERMS = [
    "Event", "cue", "contentHash",
    "reportedBy", "reportCount", "firstReported", "lastReported", "contested",
    "quad", "VerbalCooperation", "MaterialCooperation", "VerbalConflict", "MaterialConflict",
]
_KINDS = ("actor", "topic", "place", "article", "interaction")
QUADRANTS = {
    "verbal-coop": G.VerbalCooperation,
    "material-coop": G.MaterialCooperation,
    "verbal-conflict": G.VerbalConflict,
    "material-conflict": G.MaterialConflict,
}

#: Turtle cannot write ``id:actor/russia``; test data uses ``actor:russia`` and the like.
_TURTLE_PREFIXES = "".join(
    f"@prefix {p}: <{ns}> .\n"
    for p, ns in [*PREFIXES.items(), *((k, f"{PREFIXES['id']}{k}/") for k in _KINDS)]
)


def _iri(curie: str) -> URIRef:
    """``id:actor/russia`` (the report's spelling) -> its IRI."""
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(shapes_path(), format="turtle")


def _ask(graph: rdflib.Graph, query: str) -> bool:
    return bool(graph.query(query, initNs={"geo": G, "rdfs": RDFS, "owl": OWL}).askAnswer)


# --- the files -----------------------------------------------------------------------------

def test_ontology_paths_point_at_the_repository_files():
    assert ontology_path().name == "geo.ttl" and ontology_path().is_file()
    assert shapes_path().name == "shapes.ttl" and shapes_path().is_file()
    assert ontology_path().parent == shapes_path().parent


@pytest.mark.parametrize("path_fn", [ontology_path, shapes_path], ids=["geo.ttl", "shapes.ttl"])
def test_ontology_parses_alike_in_rdflib_and_pyoxigraph(path_fn):
    path = path_fn()
    in_rdflib = rdflib.Graph().parse(path, format="turtle")
    in_oxigraph = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(in_rdflib) > 0
    assert len(in_oxigraph) == len(in_rdflib)


def test_ontology_tables_match_vocab_and_the_shared_contract():
    assert CORE_RELATIONS == list(RELATIONS)
    assert CORE_STRUCTURAL == list(STRUCTURAL)
    core = Path(__file__).resolve().parents[2] / "shared" / "ontology-core.md"
    if not core.is_file():
        pytest.skip(f"{core} is absent (../shared not checked out)")
    named = set(re.findall(r"geo:(\w+)", core.read_text(encoding="utf-8")))
    assert named == set(CORE_TERMS)


def test_ontology_declares_its_iri(ontology):
    assert (URIRef(ONTOLOGY_GRAPH), RDF.type, OWL.Ontology) in ontology


# --- every term: labels in English and French, a comment -----------------------------------

@pytest.mark.parametrize("term", CORE_TERMS + EXTRA_TERMS)
def test_ontology_term_has_english_and_french_label_and_comment(ontology, term):
    iri = G[term]
    assert (iri, RDF.type, None) in ontology, f"geo:{term} is not declared"
    labels = {lit.language for lit in ontology.objects(iri, RDFS.label) if isinstance(lit, Literal)}
    assert {"en", "fr"} <= labels, f"geo:{term} labels: {labels}"
    comments = [c for c in ontology.objects(iri, RDFS.comment) if isinstance(c, Literal)]
    assert any(c.language == "en" for c in comments), f"geo:{term} has no English comment"


def test_ontology_defines_no_geo_term_outside_the_tables(ontology):
    defined = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(GEO)}
    assert defined == {G[t] for t in CORE_TERMS + EXTRA_TERMS}


@pytest.mark.parametrize("term", CORE_CLASSES[1:5])
def test_ontology_actor_types_are_subclasses_of_actor(ontology, term):
    assert (G[term], RDFS.subClassOf, G.Actor) in ontology


# --- interaction relations -----------------------------------------------------------------

@pytest.mark.parametrize("relation, category", [(r, c) for r, (c, _) in RELATIONS.items()])
def test_ontology_relation_reaches_interacts_with_through_its_category(ontology, relation, category):
    assert (G[relation], RDF.type, OWL.ObjectProperty) in ontology
    assert set(ontology.objects(G[relation], RDFS.subPropertyOf)) == {G[category]}
    assert set(ontology.objects(G[category], RDFS.subPropertyOf)) == {G.interactsWith}
    assert _ask(ontology, f"ASK {{ geo:{relation} rdfs:subPropertyOf+ geo:interactsWith }}")


def test_ontology_has_no_interaction_relation_missing_from_vocab(ontology):
    rows = ontology.query(
        "SELECT ?p WHERE { ?p rdfs:subPropertyOf+ geo:interactsWith }", initNs={"geo": G, "rdfs": RDFS})
    below = {str(row.p)[len(GEO):] for row in rows}
    categories = {c for c, _ in RELATIONS.values()}
    assert categories == set(CORE_CATEGORIES)
    assert below == set(RELATIONS) | categories


@pytest.mark.parametrize("relation, quad", [(r, q) for r, (_, q) in RELATIONS.items()])
def test_ontology_relation_and_category_carry_the_vocab_quadrant(ontology, relation, quad):
    category = RELATIONS[relation][0]
    assert set(ontology.objects(G[relation], G.quad)) == {QUADRANTS[quad]}
    assert set(ontology.objects(G[category], G.quad)) == {QUADRANTS[quad]}


def test_ontology_symmetric_relations_match_vocab(ontology):
    symmetric = {s for s in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert {str(s)[len(GEO):] for s in symmetric if str(s)[len(GEO):] in RELATIONS} == SYMMETRIC
    assert G.alliedWith in symmetric


@pytest.mark.parametrize("term", STRUCTURAL)
def test_ontology_structural_relation_is_not_an_interaction(ontology, term):
    assert (G[term], RDF.type, OWL.ObjectProperty) in ontology
    assert not _ask(ontology, f"ASK {{ geo:{term} rdfs:subPropertyOf* geo:interactsWith }}")


def test_shapes_relation_list_is_the_ontology_relations(ontology, shapes):
    shape = shapes.value(predicate=SH.path, object=G.relation)
    allowed = set(Collection(shapes, shapes.value(shape, SH["in"])))
    assert allowed == {G[r] for r in RELATIONS}


# --- validation ----------------------------------------------------------------------------

VALID = _TURTLE_PREFIXES + """
actor:joe-biden a geo:Person ; rdfs:label "Joe Biden"@en ; owl:sameAs wd:Q6279 ;
    geo:leaderOf actor:united-states .
actor:united-states a geo:State ; rdfs:label "United States"@en ; owl:sameAs wd:Q30 .
actor:vladimir-putin a geo:Person ; rdfs:label "Vladimir Putin"@en ; owl:sameAs wd:Q7747 .
actor:kremlin a geo:Institution ; rdfs:label "Kremlin"@en ; geo:partOf actor:russia .
actor:russia a geo:State ; rdfs:label "Russia"@en ; owl:sameAs wd:Q159 .
topic:sanctions a geo:Topic ; rdfs:label "sanctions"@fr .
article:fr_001 a geo:Article ; dcterms:identifier "fr_001" ; geo:contentHash "9f86d0" .
interaction:i1 a geo:Interaction ;
    geo:agent actor:joe-biden ; geo:relation geo:warns ;
    geo:recipient actor:vladimir-putin ; geo:theme topic:sanctions ;
    geo:date "2021-12-07"^^xsd:date ; geo:negated false ; geo:hypothetical false ;
    geo:confidence 0.9 ; geo:evidence "Joe Biden a averti Vladimir Poutine."@fr ;
    geo:cue "fr:avertir" ; prov:wasDerivedFrom article:fr_001 .
actor:joe-biden geo:warns actor:vladimir-putin .
"""
I1 = URIRef(PREFIXES["id"] + "interaction/i1")


def _graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle, format="turtle")


def _mutated(remove: list[tuple[str, str]], add: str) -> rdflib.Graph:
    """The valid graph without the (subject, predicate) pairs in ``remove``, plus ``add``."""
    graph = _graph(VALID)
    for s, p in remove:
        graph.remove((_iri(s), _iri(p), None))
    if add:
        graph.parse(data=_TURTLE_PREFIXES + add, format="turtle")
    return graph


def test_validate_accepts_a_conforming_graph():
    report = validate(_graph(VALID))
    assert report.conforms, report.text
    assert report.results == []
    assert report.text == "Conforms."


def test_validate_reads_a_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(VALID, encoding="utf-8")
    assert validate(path).conforms
    assert validate(str(path)).conforms


def test_validate_rejects_a_broken_interaction_and_names_the_focus_node():
    broken = _graph(_TURTLE_PREFIXES + """
actor:joe-biden a geo:Person ; rdfs:label "Joe Biden"@en .
actor:vladimir-putin a geo:Person ; rdfs:label "Vladimir Putin"@en .
interaction:broken a geo:Interaction ;
    geo:agent actor:joe-biden , actor:vladimir-putin ; geo:relation geo:warns ;
    geo:negated false ; geo:hypothetical false ;
    geo:confidence 1.5 ; geo:evidence "Joe Biden a averti Vladimir Poutine."@fr .
""")
    report = validate(broken)
    assert not report.conforms
    focus = URIRef(PREFIXES["id"] + "interaction/broken")
    paths = {r.path for r in report.results if r.focus == focus}
    assert paths == {G.agent, G.confidence, URIRef(PREFIXES["prov"] + "wasDerivedFrom")}
    lines = report.text.splitlines()
    assert len(lines) == len(report.results) == 3
    assert all(line.startswith("id:interaction/broken ") for line in lines)
    assert 'id:interaction/broken geo:confidence: out of range: ' in report.text
    assert '(value "1.5"^^xsd:decimal)' in report.text
    assert "id:interaction/broken geo:agent: too many values: " in report.text
    assert "id:interaction/broken prov:wasDerivedFrom: missing: " in report.text


CASES = [
    # (id, removed (subject, predicate) pairs, added Turtle, focus, path)
    ("agent-is-a-topic", [("id:interaction/i1", "geo:agent")],
     "interaction:i1 geo:agent topic:sanctions .", "id:interaction/i1", "geo:agent"),
    ("agent-untyped", [("id:interaction/i1", "geo:agent")],
     "interaction:i1 geo:agent actor:x-nobody .", "id:interaction/i1", "geo:agent"),
    ("relation-is-a-category", [("id:interaction/i1", "geo:relation")],
     "interaction:i1 geo:relation geo:threaten .", "id:interaction/i1", "geo:relation"),
    ("relation-is-a-string", [("id:interaction/i1", "geo:relation")],
     'interaction:i1 geo:relation "warns" .', "id:interaction/i1", "geo:relation"),
    ("relation-missing", [("id:interaction/i1", "geo:relation")],
     "", "id:interaction/i1", "geo:relation"),
    ("two-recipients", [],
     "interaction:i1 geo:recipient actor:russia .", "id:interaction/i1", "geo:recipient"),
    ("two-themes", [],
     'interaction:i1 geo:theme place:east . place:east a geo:Place ; rdfs:label "l\'Est"@fr .',
     "id:interaction/i1", "geo:theme"),
    ("theme-is-a-string", [("id:interaction/i1", "geo:theme")],
     'interaction:i1 geo:theme "sanctions" .', "id:interaction/i1", "geo:theme"),
    ("article-not-an-article", [("id:interaction/i1", "prov:wasDerivedFrom")],
     "interaction:i1 prov:wasDerivedFrom topic:sanctions .", "id:interaction/i1",
     "prov:wasDerivedFrom"),
    ("negated-missing", [("id:interaction/i1", "geo:negated")],
     "", "id:interaction/i1", "geo:negated"),
    ("hypothetical-a-string", [("id:interaction/i1", "geo:hypothetical")],
     'interaction:i1 geo:hypothetical "no" .', "id:interaction/i1", "geo:hypothetical"),
    ("confidence-negative", [("id:interaction/i1", "geo:confidence")],
     "interaction:i1 geo:confidence -0.1 .", "id:interaction/i1", "geo:confidence"),
    ("confidence-a-double", [("id:interaction/i1", "geo:confidence")],
     "interaction:i1 geo:confidence 9.0E-1 .", "id:interaction/i1", "geo:confidence"),
    ("evidence-without-language", [("id:interaction/i1", "geo:evidence")],
     'interaction:i1 geo:evidence "Joe Biden a averti Vladimir Poutine." .',
     "id:interaction/i1", "geo:evidence"),
    ("date-a-string", [("id:interaction/i1", "geo:date")],
     'interaction:i1 geo:date "2021-12-07" .', "id:interaction/i1", "geo:date"),
    ("two-dates", [],
     'interaction:i1 geo:date "2021-12-08"^^xsd:date .', "id:interaction/i1", "geo:date"),
    ("actor-without-label", [("id:actor/vladimir-putin", "rdfs:label")],
     "", "id:actor/vladimir-putin", "rdfs:label"),
    ("institution-without-label", [("id:actor/kremlin", "rdfs:label")],
     "", "id:actor/kremlin", "rdfs:label"),
    ("same-as-not-wikidata", [("id:actor/russia", "owl:sameAs")],
     "actor:russia owl:sameAs <http://dbpedia.org/resource/Russia> .", "id:actor/russia",
     "owl:sameAs"),
    ("two-same-as", [],
     "actor:russia owl:sameAs wd:Q2184 .", "id:actor/russia", "owl:sameAs"),
    ("article-without-identifier", [("id:article/fr_001", "dcterms:identifier")],
     "", "id:article/fr_001", "dcterms:identifier"),
    ("article-two-identifiers", [],
     'article:fr_001 dcterms:identifier "fr_002" .', "id:article/fr_001", "dcterms:identifier"),
    # No rdf:type: geo:negated's domain makes it an Interaction under RDFS inference.
    ("untyped-interaction", [],
     "interaction:i2 geo:agent actor:russia ; geo:negated true .",
     "id:interaction/i2", "prov:wasDerivedFrom"),
]


@pytest.mark.parametrize("remove, add, focus, path", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate_reports_the_violated_constraint(remove, add, focus, path):
    report = validate(_mutated(remove, add))
    assert not report.conforms
    assert (_iri(focus), _iri(path)) in {(r.focus, r.path) for r in report.results}, report.text
    assert f"{focus} {path}: " in report.text


@pytest.mark.parametrize("remove, add", [
    ([("id:interaction/i1", "geo:date")], 'interaction:i1 geo:date "2021-12"^^xsd:gYearMonth .'),
    ([("id:interaction/i1", "geo:date"), ("id:interaction/i1", "geo:cue"),
      ("id:interaction/i1", "geo:recipient"), ("id:interaction/i1", "geo:theme")], ""),
    ([("id:interaction/i1", "geo:theme")], "interaction:i1 geo:theme actor:russia ."),
    ([("id:actor/russia", "owl:sameAs")], ""),
    ([("id:interaction/i1", "geo:confidence")], "interaction:i1 geo:confidence 1.0 ."),
], ids=["date-month", "optional-fields-absent", "theme-an-actor", "no-same-as", "confidence-one"])
def test_validate_accepts_allowed_variants(remove, add):
    report = validate(_mutated(remove, add))
    assert report.conforms, report.text


def test_validate_does_not_modify_the_given_graph():
    graph = _graph(VALID)
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def test_validate_checks_the_union_of_a_dataset():
    dataset = rdflib.Dataset()
    dataset.graph(_iri("id:article/fr_001")).parse(data=VALID, format="turtle")
    dataset.graph(_iri("id:article/fr_002")).add((_iri("id:actor/x-anon"), RDF.type, G.State))
    report = validate(dataset)
    assert [(r.focus, r.path) for r in report.results] == [(_iri("id:actor/x-anon"), RDFS.label)]


def test_validate_reports_a_missing_or_unparseable_file(tmp_path):
    from graphbuild.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        validate(tmp_path / "absent.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: not valid turtle"):
        validate(bad)


def test_validate_reports_a_nested_shape_failure_once():
    graph = _mutated([("id:interaction/i1", "geo:agent")], "interaction:i1 geo:agent topic:sanctions .")
    report = validate(graph)
    assert report.text.splitlines() == [
        "id:interaction/i1 geo:agent: wrong kind of node: an interaction has exactly one geo:agent,"
        " a Person, State, Organization or Institution (value id:topic/sanctions)"
    ]
