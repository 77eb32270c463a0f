"""The peer-suite scorer (graphbuild/evaluate_peer.py) on tiny hand-made inputs, and once on
5 records of ../shared/peer when it is there."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild import evaluate_peer as ep

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

ACTORS_TSV = """code\tname\tvariants\tkind
ARN\tArnor\tarnor\tactor
GON\tGondor\tgondor|minas tirith\tactor
FRO\tThe Shire\tthe shire\tactor
BIL\tThe Shire\tthe shire\tactor
USAGOV\tPresident George W. Bush\tpresident george w. bush|white house\tactor
UNO\tUnited Nations\tunited nations|un\tactor
PSEREBHMS\tHamas\thamas\tactor
HOBGOV\tGollum\tgollum|smeagol\tactor
~GOV\tAmbassador\tambassador|government\tagent
NGO~\tHuman Rights Body\tmsf\tagent
"""


@pytest.fixture()
def actors(tmp_path) -> list[ep.PeerActor]:
    p = tmp_path / "actors.tsv"
    p.write_text(ACTORS_TSV, encoding="utf-8")
    return ep.read_actors(p)


@pytest.fixture()
def matcher(actors) -> ep.ActorMatcher:
    return ep.ActorMatcher(actors)


def node(*labels: str, iri: str | None = None) -> ep.Node:
    return ep.Node(iri or f"https://w3id.org/geokg/id/actor/{labels[0].lower().replace(' ', '-')}", labels)


def pred(agent: ep.Node, recipient: ep.Node | None, category: str, relation: str = "r") -> ep.Predicted:
    return ep.Predicted(agent, recipient, category, relation)


def record(*events: tuple[str, str, str], unmapped: int = 0) -> ep.Record:
    return ep.Record("T-1", "text", "1995-01-01", "DEMO", frozenset(ep.Event(*e) for e in events), unmapped)


# -- scoring -------------------------------------------------------------------------------------

def test_matching_record_is_correct(matcher):
    s = ep.score_record(record(("ARN", "GON", "cooperate")),
                        [pred(node("Arnor"), node("Gondor"), "cooperate")], matcher)
    assert s.correct and s.found == 1 and s.right == 1


def test_extra_predicted_event_makes_record_wrong(matcher):
    s = ep.score_record(record(("ARN", "GON", "cooperate")),
                        [pred(node("Arnor"), node("Gondor"), "cooperate"),
                         pred(node("Gondor"), node("Arnor"), "assault")], matcher)
    assert not s.correct
    assert s.found == 1 and s.right == 1 and len(s.extra) == 1 and not s.missed


def test_missing_event_makes_record_wrong(matcher):
    s = ep.score_record(record(("ARN", "GON", "cooperate"), ("GON", "ARN", "cooperate")),
                        [pred(node("Arnor"), node("Gondor"), "cooperate")], matcher)
    assert not s.correct and [e.source for e in s.missed] == ["GON"]


def test_no_event_record(matcher):
    assert ep.score_record(record(unmapped=1), [], matcher).correct
    s = ep.score_record(record(unmapped=1), [pred(node("Arnor"), node("Gondor"), "consult")], matcher)
    assert not s.correct and s.right == 0


def test_wrong_category_or_direction_is_wrong(matcher):
    assert not ep.score_record(record(("ARN", "GON", "cooperate")),
                               [pred(node("Arnor"), node("Gondor"), "consult")], matcher).correct
    assert not ep.score_record(record(("ARN", "GON", "cooperate")),
                               [pred(node("Gondor"), node("Arnor"), "cooperate")], matcher).correct


def test_symmetric_reading_is_only_a_secondary_figure(matcher):
    s = ep.score_record(record(("ARN", "GON", "consult"), ("GON", "ARN", "consult")),
                        [pred(node("Arnor"), node("Gondor"), "consult", "meetsWith")], matcher)
    assert not s.correct and s.correct_symmetric


def test_code_prefix_and_whole_word_labels(matcher):
    gov = node("Arnor government")
    assert matcher.matches(gov, "ARNGOV") and matcher.matches(gov, "ARN")
    assert not matcher.matches(node("Arnoria"), "ARN")               # whole words only
    assert not matcher.matches(node("Arnor"), "GON")
    assert matcher.matches(node("x", "Minas Tirith"), "GONMIL")     # any label, any variant
    assert matcher.matches(node("WHITE HOUSE"), "USAGOV")           # case-insensitive
    assert matcher.matches(node("Gondor"), "GONGOV")                # a code satisfies its compounds
    assert matcher.codes(["the government"]) == {"---GOV"}          # agent only: no country named
    assert matcher.codes(["Arnor government"]) == {"ARN"}           # an actor name wins over agents
    assert matcher.codes(["MSF"]) == {"NGO"}


def test_no_recipient_matches_dash_target(matcher):
    assert ep.score_record(record(("GON", "---", "assault")), [pred(node("Gondor"), None, "assault")],
                           matcher).correct
    assert not ep.score_record(record(("GON", "ARN", "assault")), [pred(node("Gondor"), None, "assault")],
                               matcher).correct
    assert not ep.score_record(record(("GON", "---", "assault")),
                               [pred(node("Gondor"), node("Arnor"), "assault")], matcher).correct


def test_one_name_with_several_codes_covers_them_all(matcher):
    s = ep.score_record(record(("FRO", "GON", "support"), ("BIL", "GON", "support")),
                        [pred(node("The Shire"), node("Gondor"), "support")], matcher)
    assert s.correct and s.found == 2


def test_quoted_phrase_targets(matcher):
    s = ep.score_record(record(('"THE MINISTRY OF MAGIC"', "ARN", "consult")),
                        [pred(node("Ministry of Magic"), node("Arnor"), "consult")], matcher)
    assert s.correct
    assert not matcher.matches(node("Arnor"), '"THE MINISTRY OF MAGIC"')


def test_tally_per_family(matcher):
    r1 = record(("ARN", "GON", "cooperate"))
    r2 = ep.Record("T-2", "t", None, "VERB", frozenset(), 1)
    scores = [ep.score_record(r1, [], matcher), ep.score_record(r2, [], matcher)]
    total, fams = ep.tally(scores)
    assert (total.records, total.correct, total.expected, total.empty, total.correct_empty) == (2, 1, 1, 1, 1)
    assert fams["DEMO"].accuracy == 0 and fams["VERB"].accuracy == 1


# -- inputs: gazetteer, records, categories, the graph ---------------------------------------------

def test_gazetteer_conversion_loads_and_types(actors, tmp_path):
    from graphbuild.gazetteer import Gazetteer
    path = ep.write_gazetteer(actors, tmp_path / "gaz.jsonl")
    entries = {e["label"]: e for e in map(json.loads, path.read_text().splitlines())}
    assert "Ambassador" not in entries and "Human Rights Body" not in entries   # agents are not actors
    assert entries["Arnor"]["type"] == "State"
    assert entries["United Nations"]["type"] == "Organization"
    assert "UN" in entries["United Nations"]["names"]["en"]                    # acronym in capitals
    assert entries["President George W. Bush"]["type"] == "Person"
    assert entries["Hamas"]["type"] == "Organization"                           # REB sector code
    assert entries["Gollum"]["type"] == "Person"
    assert len({e["id"] for e in entries.values()}) == len(entries)
    gaz = Gazetteer.load([path])
    assert [e.label for e in gaz.lookup("Minas Tirith", lang="en")] == ["Gondor"]
    assert {e.id for e in gaz.lookup("the Shire", lang="en")} == {"peer-fro", "peer-bil"}
    assert not gaz.lookup("un", lang="en")                                       # "un" is no UN


def test_records_and_categories(tmp_path):
    recs = tmp_path / "r.jsonl"
    recs.write_text(json.dumps({"id": "A-1", "date": "1995-01-01", "lang": "en", "text": "x",
                                "events": [{"source": "ARN", "target": "GON", "cameo": "064",
                                            "category": "geo:cooperate"},
                                           {"source": "ARN", "target": "---", "cameo": "023",
                                            "category": None}],
                                "petrarch_category": "DEMO"}) + "\n", encoding="utf-8")
    [r] = ep.read_records(recs)
    assert r.expected == {ep.Event("ARN", "GON", "cooperate")} and r.unmapped == 1
    cmap = tmp_path / "cameo-map.tsv"
    cmap.write_text("scheme\tcode\tname\tcategory\trelation\treason\n"
                    "CAMEO\t04\tCONSULT\tgeo:consult\tgeo:meetsWith\tmeet\n"
                    "WEIS\t03\tCONSULT\tgeo:consult\tgeo:meetsWith\tmeet [USED for this suite]\n"
                    "WEIS\t02\tCOMMENT\tnone\tnone\tno [USED for this suite]\n", encoding="utf-8")
    assert ep.suite_categories(cmap) == {"consult"}
    assert ep.suite_categories(tmp_path / "missing.tsv", [r]) == {"cooperate"}
    out = ep.write_articles([r], tmp_path / "a.jsonl")
    assert json.loads(out.read_text()) == {"id": "A-1", "date": "1995-01-01", "lang": "en", "text": "x"}


def test_read_predictions_from_a_store():
    pyoxigraph = pytest.importorskip("pyoxigraph")
    trig = """
@prefix geo: <https://w3id.org/geokg/ontology#> .
@prefix id: <https://w3id.org/geokg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/geokg/ontology> {
  geo:cooperate rdfs:subPropertyOf geo:interactsWith .
  geo:mobilize rdfs:subPropertyOf geo:interactsWith .
  geo:coordinatesWith rdfs:subPropertyOf geo:cooperate .
  geo:deploysForces rdfs:subPropertyOf geo:mobilize .
}
id:article\\/A-1 {
  id:article\\/A-1 dcterms:identifier "A-1" .
  id:actor\\/arn rdfs:label "Arnor"@en ; skos:altLabel "Arnor"@en .
  id:actor\\/gon rdfs:label "Gondor"@en .
  id:interaction\\/1 a geo:Interaction ; geo:agent id:actor\\/arn ; geo:relation geo:coordinatesWith ;
      geo:recipient id:actor\\/gon ; geo:negated false ; prov:wasDerivedFrom id:article\\/A-1 .
  id:interaction\\/2 a geo:Interaction ; geo:agent id:actor\\/gon ; geo:relation geo:coordinatesWith ;
      geo:recipient id:actor\\/arn ; geo:negated true ; prov:wasDerivedFrom id:article\\/A-1 .
  id:interaction\\/3 a geo:Interaction ; geo:agent id:actor\\/gon ; geo:relation geo:deploysForces ;
      prov:wasDerivedFrom id:article\\/A-1 .
}
"""
    store = pyoxigraph.Store()
    store.load(trig.encode(), pyoxigraph.RdfFormat.TRIG)
    preds, skipped = ep.read_predictions(store, frozenset({"cooperate"}))
    assert skipped == {"negated": 1, "outside_categories": 1}
    [p] = preds["A-1"]
    assert (p.agent.labels, p.recipient.labels, p.category, p.relation) == (("Arnor",), ("Gondor",), "cooperate",
                                                                           "coordinatesWith")


# -- command line -------------------------------------------------------------------------------

def test_cli_skips_without_shared(tmp_path, capsys):
    assert ep.main(["--shared", str(tmp_path / "nowhere"), "--out-dir", str(tmp_path / "o")]) == 0
    assert "skipping the peer suite" in capsys.readouterr().out
    assert not (tmp_path / "o").exists()


def test_five_shared_records(tmp_path, capsys):
    if not (SHARED / "peer" / "petrarch2-dev.jsonl").is_file():
        pytest.skip(f"{SHARED / 'peer'} not found: the peer suite is not available here")
    out = tmp_path / "eval-out"
    assert ep.main(["--shared", str(SHARED), "--limit", "5", "--out-dir", str(out)]) == 0
    doc = json.loads((out / "peer.json").read_text())
    assert doc["total"]["records"] == 5 and len(doc["records"]) == 5
    assert doc["published_accuracy"] is None and "by construction" in doc["published_note"]
    assert 0 <= doc["total"]["accuracy"] <= 1
    assert "| **all** | 5 |" in (out / "peer.md").read_text()
    assert "accuracy" in capsys.readouterr().out
