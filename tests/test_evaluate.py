"""The dev-set scorer (graphbuild/evaluate.py) on hand-made graphs, and the integrity of eval/devset.

Graphs here are written by hand with a tiny ontology fixture, so the scorer is tested without
the extractor and without ``ontology/geo.ttl``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graphbuild import evaluate as ev

REPO = Path(__file__).resolve().parent.parent
OWN = REPO / "eval" / "devset"
SHARED = REPO.parent / "shared"

GEO = Namespace(ev.GEO)
ID = Namespace("https://w3id.org/geokg/id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")

#: A tiny ontology: two levels under geo:interactsWith, as ontology-core.md lays them out, plus a
#: sub-property of a relation (geo:vetoes) and the structural properties.
ONTOLOGY = """
@prefix geo: <https://w3id.org/geokg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
geo:interactsWith a owl:ObjectProperty .
geo:consult   rdfs:subPropertyOf geo:interactsWith .
geo:cooperate rdfs:subPropertyOf geo:interactsWith .
geo:accuse    rdfs:subPropertyOf geo:interactsWith .
geo:threaten  rdfs:subPropertyOf geo:interactsWith .
geo:request   rdfs:subPropertyOf geo:interactsWith .
geo:reject    rdfs:subPropertyOf geo:interactsWith .
geo:meetsWith       rdfs:subPropertyOf geo:consult .
geo:negotiatesWith  rdfs:subPropertyOf geo:consult .
geo:proposes        rdfs:subPropertyOf geo:cooperate .
geo:coordinatesWith rdfs:subPropertyOf geo:cooperate .
geo:denounces       rdfs:subPropertyOf geo:accuse .
geo:expressesConcern rdfs:subPropertyOf geo:accuse .
geo:warns           rdfs:subPropertyOf geo:threaten .
geo:threatens       rdfs:subPropertyOf geo:threaten .
geo:demands         rdfs:subPropertyOf geo:request .
geo:rejects         rdfs:subPropertyOf geo:reject .
geo:vetoes          rdfs:subPropertyOf geo:rejects .
geo:promises        rdfs:subPropertyOf geo:cooperate .
geo:leaderOf a owl:ObjectProperty .
geo:memberOf a owl:ObjectProperty .
geo:partOf a owl:ObjectProperty .
"""

ENTITIES = """key\ttype\twikidata\tstate\taliases
Vladimir Putin\tPerson\tQ7747\tRussia\tVladimir Poutine|Poutine|Vladimir Putin|Putin|le président russe
Joe Biden\tPerson\tQ6279\tUnited States\tJoe Biden|Biden|le président américain
Russia\tState\tQ159\t\tRussie|Russia|Moscou|Moscow
United States\tState\tQ30\t\tÉtats-Unis|United States|Washington|U.S.
Ukraine\tState\tQ212\t\tUkraine|Kiev|Kyiv
NATO\tOrganization\tQ7184\t\tOtan|NATO|l'Alliance atlantique
Kremlin\tInstitution\t\tRussia\tKremlin|le Kremlin
security guarantees\tTopic\t\t\tgaranties de sécurité|security guarantees
the East\tPlace\t\t\tl'Est|the East
"""


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def make_devset(root: Path, gold: dict[str, str], entities: str = ENTITIES) -> ev.DevSet:
    """Write a dev set (articles, gold, entities.tsv) under ``root`` and load it."""
    (root / "articles").mkdir(parents=True)
    (root / "gold").mkdir()
    for art, lines in gold.items():
        (root / "articles" / f"{art}.txt").write_text("date 2021-12-07\n\nTexte.\n", encoding="utf-8")
        rows = [re.sub(r" *\| *", "\t", line.strip()) for line in lines.strip().splitlines()]
        (root / "gold" / f"{art}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "entities.tsv").write_text(entities, encoding="utf-8")
    return ev.load_devset("test", root)


class GraphMaker:
    """Builds an output graph shaped like DEVELOPERS.md says (actors, articles, interactions)."""

    def __init__(self) -> None:
        self.g = Graph()
        self.g.parse(data=ONTOLOGY, format="turtle")
        self._n = 0

    def actor(self, key: str, label: str, *, qid: str | None = None, alt: tuple[tuple[str, str], ...] = (),
              type_: str = "State") -> URIRef:
        node = ID[f"actor/{key}"]
        self.g.add((node, RDF.type, GEO[type_]))
        self.g.add((node, RDFS.label, Literal(label, lang="en")))
        for text, lang in alt:
            self.g.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        if qid:
            self.g.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{qid}")))
        return node

    def topic(self, slug: str, label: str, lang: str = "fr", type_: str = "Topic") -> URIRef:
        node = ID[f"{type_.lower()}/{slug}"]
        self.g.add((node, RDF.type, GEO[type_]))
        self.g.add((node, RDFS.label, Literal(label, lang=lang)))
        return node

    def article(self, ident: str, lang: str | None = None) -> URIRef:
        node = ID[f"article/{ident}"]
        self.g.add((node, RDF.type, GEO.Article))
        self.g.add((node, DCT.identifier, Literal(ident)))
        if lang:
            self.g.add((node, DCT.language, Literal(lang)))
        return node

    def fact(self, s: URIRef, rel: str, o: URIRef, *, article: URIRef | None = None,
             evidence: str = "", negated: bool = False) -> URIRef | None:
        """The direct triple (unless negated) and, with an article, its geo:Interaction."""
        if not negated:
            self.g.add((s, GEO[rel], o))
        if article is None:
            return None
        self._n += 1
        it = ID[f"interaction/{self._n}"]
        self.g.add((it, RDF.type, GEO.Interaction))
        self.g.add((it, GEO.agent, s))
        self.g.add((it, GEO.relation, GEO[rel]))
        self.g.add((it, GEO.recipient, o))
        self.g.add((it, GEO.negated, Literal(negated)))
        self.g.add((it, PROV.wasDerivedFrom, article))
        if evidence:
            self.g.add((it, GEO.evidence, Literal(evidence, lang="fr")))
        return it

    def score(self, devset: ev.DevSet) -> ev.SetResult:
        return ev.score_graph(devset, self.g, ev.RelationIndex(self.g))


def counts(result: ev.SetResult, lang: str = "fr", mode: str = "strict") -> ev.Counts:
    return result.languages[lang].scores[mode]


@pytest.fixture
def seedlike(tmp_path):
    """A one-article French set with a warning (two forms), a meeting, a demand and a negation."""
    return make_devset(tmp_path / "set", {"own_fr_001": """
        Joe Biden | warns | Vladimir Putin | event=1
        Joe Biden | warns | Russia | event=1
        Joe Biden | meetsWith | Vladimir Putin |
        Vladimir Putin | demands | security guarantees |
        NATO | expandsTowards | the East |
        Joe Biden | promises | Vladimir Putin | neg
        Joe Biden | leaderOf | United States |
        Kremlin | partOf | Russia |
    """})


@pytest.fixture
def actors():
    gm = GraphMaker()
    art = gm.article("own_fr_001", "fr")
    a = {
        "biden": gm.actor("joe-biden", "Joe Biden", qid="Q6279", type_="Person"),
        "putin": gm.actor("vladimir-putin", "Vladimir Putin", qid="Q7747", type_="Person"),
        "russia": gm.actor("russia", "Russia", qid="Q159"),
        "us": gm.actor("united-states", "United States", qid="Q30"),
        "kremlin": gm.actor("kremlin", "Kremlin", type_="Institution"),
        "guarantees": gm.topic("garanties", "des garanties de sécurité"),
    }
    return gm, art, a


# --------------------------------------------------------------------------------------------
# Scoring rules
# --------------------------------------------------------------------------------------------

def test_evaluate_perfect_prediction_scores_one(seedlike):
    gm = GraphMaker()
    art = gm.article("own_fr_001", "fr")
    biden = gm.actor("joe-biden", "Joe Biden", qid="Q6279", type_="Person")
    putin = gm.actor("vladimir-putin", "Vladimir Putin", qid="Q7747", type_="Person")
    us = gm.actor("united-states", "United States", qid="Q30")
    nato = gm.actor("nato", "NATO", qid="Q7184", type_="Organization")
    east = gm.topic("est", "l'Est", type_="Place")
    guarantees = gm.topic("garanties", "garanties de sécurité")
    gm.g.parse(data="@prefix geo: <https://w3id.org/geokg/ontology#> . "
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
                    "geo:expandsTowards rdfs:subPropertyOf geo:mobilize . "
                    "geo:mobilize rdfs:subPropertyOf geo:interactsWith .", format="turtle")
    gm.fact(biden, "warns", putin, article=art)
    gm.fact(biden, "meetsWith", putin, article=art)
    gm.fact(putin, "demands", guarantees, article=art)
    gm.fact(nato, "expandsTowards", east, article=art)
    gm.fact(biden, "promises", putin, article=art, negated=True)     # no direct triple: fine
    gm.g.add((biden, GEO.leaderOf, us))
    gm.g.add((ID["actor/kremlin"], GEO.partOf, ID["actor/russia"]))  # not scored
    result = gm.score(seedlike)
    for mode in ev.MODES:
        c = counts(result, "fr", mode)
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), mode
    assert counts(result).events == 5 and counts(result).predicted == 5
    assert counts(result, "en").predicted == 0 and counts(result, "en").events == 0


def test_evaluate_negated_gold_fact_predicted_is_false_positive(seedlike, actors):
    gm, art, a = actors
    gm.fact(a["biden"], "warns", a["putin"], article=art)
    gm.fact(a["biden"], "promises", a["putin"], article=art, evidence="Biden a promis.")
    result = gm.score(seedlike)
    c = counts(result)
    assert (c.tp, c.predicted, c.neg_hits) == (1, 2, 1)
    fp = result.languages["fr"].false_positives
    assert len(fp) == 1 and fp[0].neg and fp[0].relation == "promises"
    assert fp[0].evidence == ("Biden a promis.",) and fp[0].articles == ("own_fr_001",)


@pytest.mark.parametrize("relation", ["meetsWith", "negotiatesWith", "coordinatesWith"])
def test_evaluate_symmetric_relations_match_reversed(tmp_path, actors, relation):
    devset = make_devset(tmp_path / "set", {"own_fr_001": f"Joe Biden | {relation} | Vladimir Putin |"})
    gm, art, a = actors
    gm.fact(a["putin"], relation, a["biden"], article=art)
    gm.fact(a["biden"], relation, a["putin"], article=art)       # the same fact: counted once
    c = counts(gm.score(devset))
    assert (c.tp, c.predicted, c.found, c.events) == (1, 1, 1, 1)


def test_evaluate_asymmetric_relation_does_not_match_reversed(tmp_path, actors):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Joe Biden | warns | Vladimir Putin |"})
    gm, art, a = actors
    gm.fact(a["putin"], "warns", a["biden"], article=art)
    c = counts(gm.score(devset))
    assert (c.tp, c.found) == (0, 0)


@pytest.mark.parametrize("label, matches", [
    ("garanties de sécurité", True),                       # equal after normalisation
    ("Garanties de securite!", True),
    ("des garanties de sécurité pour la Russie", True),     # alias inside the label
    ("sécurité", False),
    ("garanties", False),
])
def test_evaluate_topic_substring_matching(tmp_path, actors, label, matches):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Vladimir Putin | demands | security guarantees |"})
    gm, art, a = actors
    gm.fact(a["putin"], "demands", gm.topic("t", label), article=art)
    assert counts(gm.score(devset)).found == int(matches)


def test_evaluate_substring_matching_is_for_topics_and_places_only(tmp_path):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Joe Biden | warns | Russia |"})
    gm = GraphMaker()
    art = gm.article("own_fr_001", "fr")
    biden = gm.actor("joe-biden", "Joe Biden", qid="Q6279", type_="Person")
    gm.fact(biden, "warns", gm.actor("x-russie-unie", "Russie unie"), article=art)
    assert counts(gm.score(devset)).found == 0


def test_evaluate_event_group_counts_once(tmp_path, actors):
    gold = {"own_fr_001": "Joe Biden | warns | Vladimir Putin | event=1\nJoe Biden | warns | Russia | event=1",
            "own_fr_002": "Joe Biden | warns | Vladimir Putin | event=7\nJoe Biden | warns | Russia | event=7"}
    devset = make_devset(tmp_path / "set", gold)
    gm, art, a = actors
    gm.fact(a["biden"], "warns", a["putin"], article=art)
    gm.fact(a["biden"], "warns", a["russia"], article=art)
    c = counts(gm.score(devset))
    assert (c.tp, c.predicted, c.found, c.events) == (2, 2, 1, 1)


def test_evaluate_different_groups_in_two_articles_count_twice(tmp_path, actors):
    gold = {"own_fr_001": "Joe Biden | warns | Vladimir Putin |",
            "own_fr_002": "Joe Biden | warns | Vladimir Putin | event=1\nJoe Biden | warns | Russia | event=1"}
    devset = make_devset(tmp_path / "set", gold)
    gm, art, a = actors
    gm.fact(a["biden"], "warns", a["russia"], article=art)
    c = counts(gm.score(devset))
    assert (c.found, c.events) == (1, 2)


def test_evaluate_lenient_collapses_actors_to_states_and_relations_to_categories(tmp_path, actors):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Vladimir Putin | warns | Joe Biden |"})
    gm, art, a = actors
    gm.fact(a["russia"], "threatens", a["us"], article=art)      # Russia for Putin; threaten for warns
    result = gm.score(devset)
    assert counts(result, "fr", "strict").found == 0
    assert counts(result, "fr", "strict").tp == 0
    lenient = counts(result, "fr", "lenient")
    assert (lenient.tp, lenient.predicted, lenient.found, lenient.events) == (1, 1, 1, 1)


def test_evaluate_lenient_collapses_institutions_to_their_state(tmp_path, actors):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Russia | denounces | United States |"})
    gm, art, a = actors
    gm.fact(a["kremlin"], "denounces", a["us"], article=art)
    result = gm.score(devset)
    assert counts(result, "fr", "strict").found == 0
    assert counts(result, "fr", "lenient").found == 1


def test_evaluate_subproperty_counts_as_its_relation(tmp_path, actors):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Vladimir Putin | rejects | Joe Biden |"})
    gm, art, a = actors
    gm.fact(a["putin"], "vetoes", a["biden"], article=art)
    c = counts(gm.score(devset))
    assert (c.tp, c.found) == (1, 1)


def test_evaluate_structural_relations_and_categories_are_not_predicted_facts(tmp_path, actors):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Joe Biden | leaderOf | United States |"})
    gm, art, a = actors
    gm.g.add((a["kremlin"], GEO.partOf, a["russia"]))
    gm.g.add((a["russia"], GEO.memberOf, a["us"]))
    gm.g.add((a["putin"], GEO.consult, a["biden"]))            # a category, not a relation
    gm.g.add((a["putin"], GEO.interactsWith, a["biden"]))
    c = counts(gm.score(devset))
    assert (c.predicted, c.events, c.found) == (0, 1, 0)


def test_evaluate_wikidata_id_wins_over_labels(tmp_path):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Joe Biden | warns | Vladimir Putin |"})
    gm = GraphMaker()
    art = gm.article("own_fr_001", "fr")
    biden = gm.actor("x-1", "Somebody", qid="Q6279", type_="Person")      # id matches Biden
    wrong = gm.actor("x-2", "Vladimir Putin", qid="Q30", type_="Person")  # an id of another actor
    gm.fact(biden, "warns", wrong, article=art)
    result = gm.score(devset)
    assert counts(result).found == 0
    assert result.languages["fr"].false_positives[0].keys == ("Joe Biden", "United States")


def test_evaluate_facts_are_scored_in_the_language_of_their_article(tmp_path, actors):
    gold = {"own_fr_001": "Joe Biden | warns | Vladimir Putin |",
            "own_en_001": "Joe Biden | meetsWith | Vladimir Putin |"}
    devset = make_devset(tmp_path / "set", gold)
    gm, art_fr, a = actors
    art_en = gm.article("own_en_001", "en")
    gm.fact(a["biden"], "warns", a["putin"], article=art_fr)
    gm.fact(a["biden"], "meetsWith", a["putin"], article=art_en)
    result = gm.score(devset)
    for lang in ("fr", "en"):
        c = counts(result, lang)
        assert (c.tp, c.predicted, c.found, c.events) == (1, 1, 1, 1), lang


def test_evaluate_leader_of_goes_to_the_languages_its_subject_was_seen_in(tmp_path):
    gold = {"own_fr_001": "Joe Biden | leaderOf | United States |",
            "own_en_001": "Vladimir Putin | leaderOf | Russia |"}
    devset = make_devset(tmp_path / "set", gold)
    gm = GraphMaker()
    gm.article("own_fr_001", "fr")
    gm.article("own_en_001", "en")
    biden = gm.actor("joe-biden", "Joe Biden", type_="Person", alt=(("Joe Biden", "fr"),))
    putin = gm.actor("vladimir-putin", "Vladimir Putin", type_="Person", alt=(("Putin", "en"),))
    gm.g.add((biden, GEO.leaderOf, gm.actor("united-states", "United States")))
    gm.g.add((putin, GEO.leaderOf, gm.actor("russia", "Russia")))
    result = gm.score(devset)
    assert (counts(result, "fr").tp, counts(result, "fr").predicted) == (1, 1)
    assert (counts(result, "en").tp, counts(result, "en").predicted) == (1, 1)


def test_evaluate_leader_of_is_placed_by_the_store_named_graphs(tmp_path):
    """The same person seen in both languages: the store says which article yielded which fact."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    gold = {"own_fr_001": "Donald Tusk | leaderOf | European Council |",
            "own_en_001": "Donald Tusk | leaderOf | Poland |"}
    entities = ENTITIES + ("Donald Tusk\tPerson\t\t\tDonald Tusk|Tusk\n"
                           "European Council\tOrganization\t\t\tEuropean Council|Conseil européen\n"
                           "Poland\tState\t\t\tPoland|Pologne\n")
    devset = make_devset(tmp_path / "set", gold, entities)
    gm = GraphMaker()
    fr, en = gm.article("own_fr_001", "fr"), gm.article("own_en_001", "en")
    tusk = gm.actor("donald-tusk", "Donald Tusk", type_="Person", alt=(("Tusk", "fr"), ("Tusk", "en")))
    council = gm.actor("european-council", "European Council", type_="Organization")
    poland = gm.actor("poland", "Poland")
    gm.g.add((tusk, GEO.leaderOf, council))
    gm.g.add((tusk, GEO.leaderOf, poland))

    without = gm.score(devset)
    assert counts(without, "fr").predicted == 2 and counts(without, "en").predicted == 2

    store_dir = tmp_path / "store"
    store = pyoxigraph.Store(str(store_dir))
    for graph_name, obj in ((fr, council), (en, poland)):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(str(tusk)), pyoxigraph.NamedNode(str(GEO.leaderOf)),
                                  pyoxigraph.NamedNode(str(obj)), pyoxigraph.NamedNode(str(graph_name))))
    store.flush()
    del store
    provenance = ev.store_provenance(store_dir)
    assert provenance is not None
    result = ev.score_graph(devset, gm.g, ev.RelationIndex(gm.g), provenance)
    for lang in ("fr", "en"):
        c = counts(result, lang)
        assert (c.tp, c.predicted, c.found, c.events) == (1, 1, 1, 1), lang


def test_evaluate_store_provenance_is_none_without_a_store(tmp_path):
    assert ev.store_provenance(tmp_path / "nothing") is None


def test_evaluate_unmatched_nodes_stay_distinct_predicted_facts(tmp_path, actors):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Joe Biden | warns | Vladimir Putin |"})
    gm, art, a = actors
    gm.fact(a["biden"], "warns", gm.actor("x-a", "Foo"), article=art)
    gm.fact(a["biden"], "warns", gm.actor("x-b", "Bar"), article=art)
    c = counts(gm.score(devset))
    assert (c.tp, c.predicted) == (0, 2)


def test_evaluate_per_relation_counts(seedlike, actors):
    gm, art, a = actors
    gm.fact(a["biden"], "warns", a["russia"], article=art)
    gm.fact(a["biden"], "denounces", a["putin"], article=art)
    rel = gm.score(seedlike).languages["fr"].relations
    assert (rel["warns"].tp, rel["warns"].predicted, rel["warns"].found, rel["warns"].events) == (1, 1, 1, 1)
    assert (rel["denounces"].tp, rel["denounces"].predicted) == (0, 1)
    assert (rel["meetsWith"].found, rel["meetsWith"].events) == (0, 1)


def test_evaluate_relations_come_from_the_ontology_only():
    g = Graph()
    g.parse(data=ONTOLOGY, format="turtle")
    index = ev.RelationIndex(g)
    assert index.category_of("warns") == "threaten"
    assert index.relation_of(ev.GEO + "vetoes") == "rejects"
    assert index.relation_of(ev.GEO + "consult") is None
    assert index.relation_of(ev.GEO + "partOf") is None
    assert index.relation_of(ev.GEO + "leaderOf") == "leaderOf"
    assert not index.fallback


def test_evaluate_without_ontology_falls_back_to_local_names():
    index = ev.RelationIndex(Graph(), fallback_relations={"warns", "partOf"})
    assert index.fallback
    assert index.relation_of(ev.GEO + "warns") == "warns"
    assert index.relation_of(ev.GEO + "partOf") is None
    assert index.category_of("warns") == "warns"


@pytest.mark.parametrize("text, expected", [
    ("l'Élysée", "elysee"),
    ("the U.S.", "us"),
    ("Maison-Blanche", "maison blanche"),
    ("Les Européens", "europeens"),
    ("  Vladimir   Poutine ", "vladimir poutine"),
    ("Otan", "otan"),
])
def test_evaluate_normalise(text, expected):
    assert ev.normalise(text) == expected


@pytest.mark.parametrize("ident, lang", [
    ("own_fr_001", "fr"), ("dev_en_010", "en"), ("seed-article-2021-12-biden-putin", None), ("fr", "fr"),
])
def test_evaluate_language_of_id(ident, lang):
    assert ev.language_of_id(ident) == lang


def test_evaluate_cli_scores_a_given_graph_and_writes_reports(tmp_path, actors, capsys):
    make_devset(tmp_path / "own", {"own_fr_001": "Joe Biden | warns | Vladimir Putin |"})
    gm, art, a = actors
    gm.fact(a["biden"], "warns", a["putin"], article=art, evidence="Joe Biden a averti Vladimir Poutine.")
    gm.fact(a["biden"], "denounces", a["putin"], article=art, evidence="Joe Biden a dénoncé Poutine.")
    graph = tmp_path / "graph.ttl"
    gm.g.serialize(graph, format="turtle")
    onto = tmp_path / "onto"
    onto.mkdir()
    (onto / "geo.ttl").write_text(ONTOLOGY, encoding="utf-8")
    out = tmp_path / "eval-out"
    code = ev.main(["--only", "own", "--own", str(tmp_path / "own"), "--graph", f"own={graph}",
                    "--ontology", str(onto),
                    "--out-dir", str(out), "--verbose"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "FP  Joe Biden --denounces--> Vladimir Putin" in printed
    assert "evidence: Joe Biden a dénoncé Poutine." in printed
    doc = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert doc["sets"]["own"]["status"] == "ok"
    assert doc["sets"]["own"]["languages"]["fr"]["strict"]["tp"] == 1
    assert "| own | fr | strict |" in (out / "scores.md").read_text(encoding="utf-8")


def test_evaluate_cli_skips_missing_shared_set(tmp_path, capsys):
    code = ev.main(["--only", "shared", "--shared", str(tmp_path / "nowhere"),
                    "--out-dir", str(tmp_path / "out")])
    assert code == 3
    assert "skipping the shared set" in capsys.readouterr().out
    doc = json.loads((tmp_path / "out" / "scores.json").read_text(encoding="utf-8"))
    assert doc["sets"]["shared"]["status"] == "skipped"


def test_evaluate_failed_build_is_reported_not_raised(tmp_path, monkeypatch):
    devset = make_devset(tmp_path / "set", {"own_fr_001": "Joe Biden | warns | Vladimir Putin |"})

    def boom(articles_dir, out):
        raise ev.BuildFailed("exited 3: nothing could be built")

    monkeypatch.setattr(ev, "run_build", boom)
    result = ev.run_set(devset, [], keep=None)
    assert result.status == "failed" and "exited 3" in result.message


# --------------------------------------------------------------------------------------------
# Integrity of our own development set
# --------------------------------------------------------------------------------------------

def _core_relation_names() -> set[str]:
    """Local names of the relations the gold may use: ontology-core.md's tables when ../shared is
    there, else the ontology file, else graphbuild.rdf.vocab (checked against the ontology elsewhere)."""
    core = SHARED / "ontology-core.md"
    if core.is_file():
        return set(re.findall(r"^\| `geo:([A-Za-z]+)` \|", core.read_text(encoding="utf-8"), re.M))
    geo_ttl = REPO / "ontology" / "geo.ttl"
    if geo_ttl.is_file():
        g = Graph()
        g.parse(geo_ttl, format="turtle")
        index = ev.RelationIndex(g)
        return {ev._local(r) for r in index.relations} | {"leaderOf", "memberOf", "alliedWith", "partOf"}
    from graphbuild.rdf import vocab
    return set(vocab.RELATIONS) | set(vocab.STRUCTURAL)


@pytest.fixture(scope="module")
def own():
    return ev.load_devset("own", OWN)


def test_evaluate_own_devset_layout(own):
    articles = {p.stem for p in (OWN / "articles").glob("*")}
    gold = {p.stem for p in (OWN / "gold").glob("*")}
    assert articles == gold, articles ^ gold
    assert all(re.fullmatch(r"own_(fr|en)_\d{3}", a) for a in articles)
    per_lang = {lang: sum(ev.language_of_id(a) == lang for a in articles) for lang in ("fr", "en")}
    assert per_lang["fr"] >= 12 and per_lang["en"] >= 12, per_lang


def test_evaluate_own_devset_articles_have_date_line_then_blank_line():
    for path in sorted((OWN / "articles").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        assert re.fullmatch(r"date \d{4}-\d{2}-\d{2}", lines[0]), path.name
        assert lines[1] == "", path.name
        assert lines[2].strip(), path.name
        words = len(" ".join(lines[2:]).split())
        assert 150 <= words <= 450, (path.name, words)  # news-length: a lead and 3 to 5 paragraphs


def test_evaluate_own_devset_gold_keys_and_relations(own):
    relations = _core_relation_names()
    assert {"warns", "leaderOf", "concedes"} <= relations
    for art, lines in own.gold.items():
        assert lines, art
        for line in lines:
            where = f"{art}:{line.line}"
            assert line.subject in own.entities, (where, line.subject)
            assert line.object in own.entities, (where, line.object)
            assert line.relation in relations, (where, line.relation)
            assert not (line.neg and line.event), (where, "a neg line is not a form of an event")


def test_evaluate_own_devset_entities(own):
    types = {"Person", "State", "Organization", "Institution", "Place", "Topic"}
    for e in own.entities.values():
        assert e.type in types, e.key
        assert e.aliases, e.key
        assert e.wikidata is None or re.fullmatch(r"Q[1-9]\d*", e.wikidata), e.key
        if e.state:
            assert own.entities[e.state].type == "State", e.key
    qids = [e.wikidata for e in own.entities.values() if e.wikidata]
    assert len(qids) == len(set(qids)), "one Wikidata id per entity"


def test_evaluate_own_devset_keys_have_surface_forms_in_their_article(own):
    """Every key of a gold line is named in the article by one of its aliases, or is the State
    an actor named there stands for (the alternative forms ``Russia`` for ``Poutine``)."""
    for art, lines in own.gold.items():
        text = f" {ev.normalise(own.article_texts[art])} "
        named = {k for line in lines for k in (line.subject, line.object)
                 if any(f" {ev.normalise(a)} " in text for a in own.entities[k].aliases if ev.normalise(a))}
        states = {own.entities[k].state for k in named if own.entities[k].state}
        for line in lines:
            for key in (line.subject, line.object):
                assert key in named or key in states, (art, key)


def test_evaluate_subset_keeps_only_matching_articles(tmp_path):
    """``--articles REGEX``: the own set restricted to the articles written after the extractor."""
    own = ev.load_devset("own", Path(__file__).resolve().parent.parent / "eval" / "devset")
    part = ev.subset(own, re.compile(r"own_.._01[3-9]|own_.._02"), tmp_path / "own")
    assert part.gold and set(part.gold) < set(own.gold)
    assert all(re.search(r"own_.._01[3-9]|own_.._02", a) for a in part.gold)
    linked = sorted(p.stem for p in part.articles_dir.glob("*.txt"))
    assert linked == sorted(part.gold)
    assert "own_fr_001" not in part.gold and "own_fr_013" in part.gold
