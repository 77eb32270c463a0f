"""The WiNER actor-detection scorer (graphbuild/evaluate_actors.py) on hand-made spans, and once
on 5 articles of ../shared/corpus when it is there."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild import evaluate_actors as ea

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
S = ea.Span


def test_overlap_is_at_least_one_character():
    assert S(0, 6, "x").overlaps(S(5, 9, "y"))
    assert not S(0, 6, "x").overlaps(S(6, 9, "y"))      # touching is not overlapping
    assert S(3, 4, "x").overlaps(S(0, 10, "y"))         # inside


def test_overlapping_span_counts_and_non_overlapping_span_is_wrong():
    gold = [S(0, 6, "Person", "Poutine"), S(20, 26, "Location", "Russie"), S(40, 50, "Location", "Rio")]
    targets = [S(0, 6, "Person", "Poutine"), S(20, 26, "state-like Location", "Russie")]
    predicted = [S(0, 16, "ner", "Poutine, hier"),     # overlaps the Person: found, not wrong
                 S(42, 45, "capital", "io"),           # overlaps a non-target Location: not wrong
                 S(30, 35, "group", "armée")]          # overlaps nothing: wrong
    s = ea.score_field(gold, targets, predicted)
    assert s.targets == {"Person": 1, "state-like Location": 1}
    assert s.found == {"Person": 1}
    assert s.recall() == 0.5 and s.recall("Person") == 1.0 and s.recall("state-like Location") == 0.0
    assert s.wrong == {"group": 1} and s.predicted["ner"] == 1
    assert s.precision() == pytest.approx(2 / 3)
    assert s.precision("group") == 0 and s.precision(("ner", "capital")) == 1
    assert s.kind_found == {"ner": 1}
    assert s.missed_texts == {("state-like Location", "Russie"): 1}
    assert s.wrong_texts == {("group", "armée"): 1}


def test_scores_add_up_and_serialise():
    a = ea.score_field([S(0, 3, "Organization")], [S(0, 3, "Organization")], [S(0, 3, "ner")])
    b = ea.score_field([], [], [S(0, 3, "name")])
    a.add(b)
    d = a.as_dict()
    assert d["recall"]["overall"] == {"gold": 1, "found": 1, "recall": 1.0}
    assert d["precision"] == {"predicted": 2, "wrong": 1, "precision": 0.5}
    assert d["by_kind"]["name"]["wrong"] == 1


def test_no_prediction_no_precision():
    s = ea.score_field([S(0, 3, "Person")], [S(0, 3, "Person")], [])
    assert s.precision() is None and s.recall() == 0


def test_state_like_locations_from_the_gazetteer():
    from graphbuild.gazetteer import Gazetteer
    sl = ea.StateLike(Gazetteer.load())
    assert sl("France") and sl("Russie") and sl("États-Unis")   # countries
    assert sl("Paris") and sl("Moscou")                         # capitals
    assert sl("russe")                                          # demonym
    assert not sl("Rio") and not sl("Champs-Élysées") and not sl("Savoie")
    gold = ea.gold_spans([["title", 0, 6, "Location", "France"], ["title", 10, 13, "Location", "Rio"],
                          ["text", 0, 5, "Person", "Obama"], ["text", 9, 12, "Date", "lundi"],
                          ["text", 20, 23, "Organization", "ONU"]], sl)
    g, t = gold["title"]
    assert [x.text for x in g] == ["France", "Rio"] and [(x.label, x.text) for x in t] == [("state-like Location", "France")]
    g, t = gold["text"]
    assert [x.label for x in g] == ["Person", "Organization"] and [x.label for x in t] == ["Person", "Organization"]


def test_read_corpus_joins_gold(tmp_path):
    (tmp_path / "winer-fr.jsonl").write_text(
        json.dumps({"id": "w:1", "date": "2016-01-01", "lang": "fr", "title": "T", "text": "Corps"}) + "\n"
        + json.dumps({"id": "w:2", "date": "bad", "lang": "fr", "title": "", "text": "B"}) + "\n", encoding="utf-8")
    (tmp_path / "winer-fr-entities.jsonl").write_text(
        json.dumps({"id": "w:1", "url": "u", "entities": [["text", 0, 5, "Person", "Corps"]]}) + "\n", encoding="utf-8")
    arts = ea.read_corpus(tmp_path)
    assert [a.id for a in arts] == ["w:1", "w:2"] and arts[1].date is None and arts[1].entities == []
    assert ea.read_corpus(tmp_path, limit=1)[0].fields == {"title": "T", "text": "Corps"}
    assert [fld for _, (_, fld) in ea._items(arts)] == ["title", "text", "text"]   # empty title skipped


def test_cli_skips_without_shared(tmp_path, capsys):
    assert ea.main(["--shared", str(tmp_path / "nowhere"), "--out-dir", str(tmp_path / "o")]) == 0
    assert "skipping actor detection" in capsys.readouterr().out


def test_five_shared_articles(tmp_path):
    if not (SHARED / "corpus" / "winer-fr.jsonl").is_file():
        pytest.skip(f"{SHARED / 'corpus'} not found: the WiNER corpus is not available here")
    out = tmp_path / "eval-out"
    assert ea.main(["--shared", str(SHARED), "--limit", "5", "--out-dir", str(out), "--top", "3"]) == 0
    doc = json.loads((out / "actors.json").read_text())
    assert doc["articles"] == 5 and doc["fields"] == 10
    for system in ("graphbuild", "spacy_ner"):
        rec = doc[system]["recall"]["overall"]
        assert rec["gold"] > 0 and 0 <= rec["recall"] <= 1
        assert 0 <= doc[system]["precision"]["precision"] <= 1
    assert set(doc["graphbuild"]["by_kind"]) <= set(ea.KINDS)
    md = (out / "actors.md").read_text()
    assert "recall overall" in md and "spaCy NER" in md
