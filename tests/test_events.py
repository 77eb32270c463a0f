"""One event, many reports (graphbuild.events): grouping rules, incremental updates, the
SPARQL queries, the page, and the articles of tests/data/events through the real extraction.

* rule tests build :class:`~graphbuild.events.Report` records by hand (no store, no model);
* incremental tests write hand-made :class:`~graphbuild.model.ArticleFacts` into an
  in-memory :class:`~graphbuild.store.GraphStore` and compare every update with a
  computation from scratch, N-Quad for N-Quad;
* the last tests run ``api.build`` on ``tests/data/events`` (spaCy models), and compare
  build A+B+C, remove B with build A+C.
"""
from __future__ import annotations

import itertools
import json
import random
import shutil
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import events as E
from graphbuild.model import ActorRef, Article, ArticleFacts, Interaction, TopicRef
from graphbuild.rdf import vocab as V
from graphbuild.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "events"
QUERIES = ROOT / "queries"

A = V.actor_iri
BIDEN, PUTIN, RUSSIA, KREMLIN, USA = A("joe-biden"), A("vladimir-putin"), A("russia"), A("kremlin"), A("united-states")
UKRAINE, NATO, MACRON, SCHOLZ = A("ukraine"), A("nato"), A("emmanuel-macron"), A("olaf-scholz")
PERSONS = frozenset({BIDEN, PUTIN, MACRON, SCHOLZ})


@pytest.fixture(scope="module")
def collapse() -> E.Collapser:
    return E.Collapser()


def rep(n, agent, rel, obj, d, *, art=None, adate=None, neg=False, hyp=False, theme=False):
    """A report: interaction ``i<n>`` of article ``art`` (default ``a<n>``) dated ``adate``."""
    art = art or f"a{n}"
    return E.Report(iri=f"urn:i{n}", article=f"urn:{art}", agent=agent, relation=rel,
                    recipient=None if theme else obj, theme=obj if theme else None, date=d,
                    negated=neg, hypothetical=hyp, article_date=adate or (d if d and len(d) == 10 else None),
                    persons=frozenset({agent, obj}) & PERSONS)


def group(reports, collapse):
    return E.group_reports(reports, collapse=collapse)


def members(events) -> list[set[str]]:
    return sorted((set(e.reports) for e in events), key=sorted)


# --------------------------------------------------------------------------------------------
# The rules (pure)
# --------------------------------------------------------------------------------------------

def test_events_rules_file_gives_a_reason_for_each_rule():
    raw = json.loads((ROOT / "graphbuild" / "data" / "events.json").read_text("utf-8"))
    rules = {k: v for k, v in raw.items() if not k.startswith("_")}
    assert rules and all(set(v) == {"value", "reason"} and len(v["reason"]) > 40 for v in rules.values())
    r = E.Rules.load()
    assert r.symmetric == {"meetsWith", "negotiatesWith", "coordinatesWith", "agreesWith"}
    assert r.day_tolerance == 0 and r.collapse["Person"] == "state"


def test_events_collapse_to_the_state(collapse):
    assert collapse(PUTIN) == collapse(KREMLIN) == collapse(RUSSIA) == RUSSIA
    assert collapse(BIDEN) == USA
    assert collapse(NATO) == NATO                      # an organisation stands for itself
    assert collapse(A("x-someone")) == A("x-someone")  # unknown to the gazetteer
    topic = V.topic_iri("sanctions")
    assert collapse(topic) == topic
    assert {PUTIN, KREMLIN, RUSSIA} <= collapse.inverse(RUSSIA)


def test_events_acts_within_one_state_keep_their_actors(collapse):
    clinton, trump, obama = A("hillary-clinton"), A("donald-trump"), A("barack-obama")
    evs = group([rep(1, clinton, "supports", trump, "2016-11-09"),
                 rep(2, obama, "supports", trump, "2016-11-09"),
                 rep(3, clinton, "supports", trump, "2016-11-09", art="a9")], collapse)
    assert members(evs) == [{"urn:i1", "urn:i3"}, {"urn:i2"}]
    assert {e.key for e in evs} == {(clinton, "supports", trump), (obama, "supports", trump)}
    e = next(e for e in evs if e.agent == clinton)
    assert e.key == E.key_of_event(e.agent, e.relation, e.object, collapse, collapse.rules)
    blinken = A("antony-blinken")
    (e,) = group([rep(1, BIDEN, "meetsWith", blinken, "2021-03-01"),
                  rep(2, blinken, "meetsWith", BIDEN, "2021-03-01"),
                  rep(3, BIDEN, "meetsWith", blinken, "2021-03-01")], collapse)
    assert (e.agent, e.object) == (blinken, BIDEN)   # the end that sorts first, as for States


def test_events_symmetric_relation_either_direction(collapse):
    evs = group([rep(1, BIDEN, "meetsWith", PUTIN, "2021-06-16"),
                 rep(2, PUTIN, "meetsWith", BIDEN, "2021-06-16", adate="2021-06-17"),
                 rep(3, BIDEN, "meetsWith", PUTIN, "2021-06-16", adate="2021-06-18")], collapse)
    (e,) = evs
    # written from the end whose key sorts first (russia < united-states), whoever told it
    assert (e.agent, e.relation, e.object, e.object_role) == (PUTIN, "meetsWith", BIDEN, "recipient")
    assert (e.date, e.report_count, e.first_reported, e.last_reported) == ("2021-06-16", 3, "2021-06-16", "2021-06-18")
    # a non-symmetric relation keeps its direction: two events
    assert len(group([rep(1, BIDEN, "warns", PUTIN, "2021-12-07"),
                      rep(2, PUTIN, "warns", BIDEN, "2021-12-07")], collapse)) == 2


def test_events_agent_is_the_person_when_any_report_names_one(collapse):
    evs = group([rep(1, RUSSIA, "attacks", UKRAINE, "2022-02-24"),
                 rep(2, KREMLIN, "attacks", UKRAINE, "2022-02-24"),
                 rep(3, RUSSIA, "attacks", UKRAINE, "2022-02-24"),
                 rep(4, PUTIN, "attacks", UKRAINE, "2022-02-24")], collapse)
    (e,) = evs
    assert e.agent == PUTIN and e.report_count == 4
    # without a person: the actor most reports name
    (e,) = group([rep(1, RUSSIA, "attacks", UKRAINE, "2022-02-24"),
                  rep(2, KREMLIN, "attacks", UKRAINE, "2022-02-24"),
                  rep(3, RUSSIA, "attacks", UKRAINE, "2022-02-24")], collapse)
    assert e.agent == RUSSIA


def test_events_days_must_be_equal(collapse):
    evs = group([rep(1, MACRON, "meetsWith", SCHOLZ, "2022-01-25"),
                 rep(2, MACRON, "meetsWith", SCHOLZ, "2022-02-01"),
                 rep(3, SCHOLZ, "meetsWith", MACRON, "2022-02-01", adate="2022-02-02")], collapse)
    assert members(evs) == [{"urn:i1"}, {"urn:i2", "urn:i3"}]
    assert len({e.iri for e in evs}) == 2


def test_events_month_report_joins_only_a_unique_candidate(collapse):
    day = [rep(1, BIDEN, "meetsWith", PUTIN, "2021-12-07")]
    month = rep(9, PUTIN, "meetsWith", BIDEN, "2021-12", adate="2021-12-20")
    assert members(group(day + [month], collapse)) == [{"urn:i1", "urn:i9"}]
    two = day + [rep(2, BIDEN, "meetsWith", PUTIN, "2021-12-15")]
    evs = group(two + [month], collapse)
    assert members(evs) == [{"urn:i1"}, {"urn:i2"}, {"urn:i9"}]
    assert next(e for e in evs if e.reports == ("urn:i9",)).date == "2021-12"
    # no candidate: the month-precise reports of a key and month make one event
    evs = group([month, rep(8, BIDEN, "meetsWith", PUTIN, "2021-12", adate="2021-12-28")], collapse)
    assert members(evs) == [{"urn:i8", "urn:i9"}]


def test_events_grouping_does_not_depend_on_order(collapse):
    reports = [rep(1, BIDEN, "meetsWith", PUTIN, "2021-12-07"),
               rep(2, PUTIN, "meetsWith", BIDEN, "2021-12-07", adate="2021-12-08"),
               rep(3, BIDEN, "meetsWith", PUTIN, "2021-12-30"),
               rep(4, BIDEN, "meetsWith", PUTIN, "2021-12", adate="2021-12-31"),
               rep(5, BIDEN, "meetsWith", PUTIN, "2021-12", adate="2021-12-10"),
               rep(6, RUSSIA, "meetsWith", USA, "2021-12-07", adate="2021-12-09"),
               rep(7, BIDEN, "warns", PUTIN, "2021-12-07", neg=True),
               rep(8, USA, "warns", RUSSIA, "2021-12-07", adate="2021-12-09"),
               rep(9, BIDEN, "warns", PUTIN, None, adate=None)]
    expected = group(reports, collapse)
    for perm in itertools.islice(itertools.permutations(reports), 0, None, 997):
        assert group(list(perm), collapse) == expected
    # i5 (article of 10 December) can only be the meeting of the 7th: the 30th is after it
    assert {"urn:i1", "urn:i2", "urn:i5", "urn:i6"} in members(expected)
    # i4 (article of the 31st) has two candidates: a month-precise event of its own
    assert {"urn:i4"} in members(expected)
    # the undated warning joins the only warning event of its key
    assert {"urn:i7", "urn:i8", "urn:i9"} in members(expected)


def test_events_report_never_after_its_article(collapse):
    # a non-hypothetical report dated after its article is taken at its article's date
    evs = group([rep(1, RUSSIA, "attacks", UKRAINE, "2022-02-24"),
                 rep(2, RUSSIA, "attacks", UKRAINE, "2022-02-26", adate="2022-02-24")], collapse)
    assert members(evs) == [{"urn:i1", "urn:i2"}]
    # a planned (hypothetical) report may come before its event
    evs = group([rep(1, MACRON, "meetsWith", SCHOLZ, "2022-02-01"),
                 rep(2, MACRON, "meetsWith", SCHOLZ, "2022-02-01", adate="2022-01-28", hyp=True)], collapse)
    assert members(evs) == [{"urn:i1", "urn:i2"}]
    # a month-precise report may not join an event after its article
    evs = group([rep(1, MACRON, "meetsWith", SCHOLZ, "2022-02-21"),
                 rep(2, MACRON, "meetsWith", SCHOLZ, "2022-02", adate="2022-02-10")], collapse)
    assert members(evs) == [{"urn:i1"}, {"urn:i2"}]


@pytest.mark.parametrize("flags, contested", [
    ([(False, False), (True, False)], True),      # the act and its denial
    ([(False, False), (True, True)], False),      # a hypothetical denial does not contest
    ([(True, False), (True, False)], False),      # only denials
    ([(False, False), (False, True)], False),
])
def test_events_contested(collapse, flags, contested):
    reports = [rep(n, RUSSIA, "attacks", UKRAINE, "2022-07-23", neg=neg, hyp=hyp)
               for n, (neg, hyp) in enumerate(flags)]
    (e,) = group(reports, collapse)
    assert e.contested is contested


def test_events_report_count_is_distinct_articles(collapse):
    (e,) = group([rep(1, MACRON, "meetsWith", SCHOLZ, "2022-01-25", art="x"),
                  rep(2, MACRON, "meetsWith", SCHOLZ, "2022-01-25", art="x"),
                  rep(3, MACRON, "meetsWith", SCHOLZ, "2022-01-25", art="y", adate="2022-01-26")], collapse)
    assert e.report_count == 2 and len(e.reports) == 3


def test_events_iri_from_key_and_date(collapse):
    (e,) = group([rep(1, PUTIN, "meetsWith", BIDEN, "2021-06-16")], collapse)
    assert e.iri == V.event_iri(RUSSIA, "meetsWith", USA, "2021-06-16")
    assert e.key == E.key_of_event(e.agent, e.relation, e.object, collapse, collapse.rules)


# --------------------------------------------------------------------------------------------
# Incremental updates on a store (hand-made facts, no model)
# --------------------------------------------------------------------------------------------

REFS = {
    "joe-biden": ActorRef("joe-biden", "Person", "Joe Biden", "Q6279"),
    "vladimir-putin": ActorRef("vladimir-putin", "Person", "Vladimir Putin", "Q7747"),
    "russia": ActorRef("russia", "State", "Russia", "Q159"),
    "kremlin": ActorRef("kremlin", "Institution", "Kremlin"),
    "united-states": ActorRef("united-states", "State", "United States", "Q30"),
    "ukraine": ActorRef("ukraine", "State", "Ukraine", "Q212"),
    "nato": ActorRef("nato", "Organization", "NATO", "Q7184"),
    "antony-blinken": ActorRef("antony-blinken", "Person", "Antony Blinken"),
}


def facts(ident: str, published: str, items, salt: str = "") -> ArticleFacts:
    """An article and its interactions: ``(agent, relation, object, date, neg, hyp)``."""
    d = date.fromisoformat(published)
    art = Article(id=ident, text=ident + salt, lang="fr", date=d, date_precision="day",
                  content_hash=f"{ident}:{published}:{salt}")
    its = []
    for k, (agent, rel, obj, when, neg, hyp) in enumerate(items):
        o = REFS.get(obj) or TopicRef(obj)
        prec = "month" if len(when) == 7 else "day"
        wd = date.fromisoformat(when if prec == "day" else when + "-01")
        its.append(Interaction(article_id=ident, agent=REFS[agent], relation=rel,
                               recipient=o if isinstance(o, ActorRef) else None,
                               theme=o if isinstance(o, TopicRef) else None,
                               sentence=f"{agent} {rel} {obj}.", lang="fr", date=wd,
                               date_precision=prec, negated=neg, hypothetical=hyp,
                               cue=f"t-{rel}", sent_start=k))
    used = {i.agent.key for i in its} | {i.recipient.key for i in its if i.recipient}
    return ArticleFacts(article=art, lang="fr", actors={k: REFS[k] for k in used}, interactions=its)


#: Each article in two versions (a rebuild may change its date, its flags, its facts).
POOL = {
    "a": [("2021-12-07", [("joe-biden", "meetsWith", "vladimir-putin", "2021-12-07", False, False)]),
          ("2021-12-08", [("joe-biden", "meetsWith", "vladimir-putin", "2021-12-08", False, False)])],
    "b": [("2021-12-08", [("vladimir-putin", "meetsWith", "joe-biden", "2021-12-07", False, False),
                          ("russia", "attacks", "ukraine", "2021-12-07", True, False)]),
          ("2021-12-08", [("vladimir-putin", "meetsWith", "joe-biden", "2021-12", False, False)])],
    "c": [("2021-12-31", [("joe-biden", "meetsWith", "vladimir-putin", "2021-12-30", False, False)]),
          ("2021-12-31", [("united-states", "meetsWith", "russia", "2021-12-30", False, True)])],
    "d": [("2021-12-31", [("joe-biden", "meetsWith", "vladimir-putin", "2021-12", False, False)]),
          ("2021-12-15", [("joe-biden", "meetsWith", "vladimir-putin", "2021-12", False, False)])],
    "e": [("2021-12-09", [("kremlin", "attacks", "ukraine", "2021-12-07", False, False),
                          ("nato", "supports", "ukraine", "2021-12-09", False, False)]),
          ("2021-12-09", [("kremlin", "attacks", "ukraine", "2021-12-07", False, True)])],
    "f": [("2021-12-10", [("russia", "attacks", "ukraine", "2021-12", False, False),
                          ("joe-biden", "demands", "garanties de sécurité", "2021-12-10", False, False)]),
          ("2021-12-10", [])],
    "g": [("2021-12-08", [("joe-biden", "meetsWith", "antony-blinken", "2021-12-07", False, False)]),
          ("2021-12-08", [("antony-blinken", "meetsWith", "joe-biden", "2021-12-07", False, False),
                          ("kremlin", "supports", "vladimir-putin", "2021-12-07", False, False)])],
}


def _put(gs: GraphStore, key: str, version: int) -> None:
    published, items = POOL[key][version]
    gs.put_article(facts(key, published, items, salt=str(version)))


def quads(gs: GraphStore) -> list[str]:
    return sorted(str(q) for q in gs.store)


def scratch(current: dict[str, int]) -> GraphStore:
    gs = GraphStore()
    for key, version in sorted(current.items()):
        _put(gs, key, version)
    E.rebuild_events(gs)
    return gs


def assert_union_kept(gs: GraphStore) -> None:
    """The default graph is the set union of the named graphs (the store's invariant)."""
    named = {q.triple for q in gs.store if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = {q.triple for q in gs.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert default == named


def test_events_incremental_equals_scratch_remove():
    gs = GraphStore()
    for k in "abc":
        _put(gs, k, 0)
    first = E.update_events(gs)
    assert first.full and first.events == 3  # meeting of the 7th, of the 30th, negated attack
    gs.remove_article("b")
    up = E.update_events(gs)
    assert not up.full and up.articles == 1
    assert quads(gs) == quads(scratch({"a": 0, "c": 0}))
    assert_union_kept(gs)
    # nothing changed: nothing to do
    assert E.update_events(gs).articles == 0


def test_events_incremental_month_report_regroups_other_articles():
    """Removing one of two candidate days lets another article's month report join."""
    gs = GraphStore()
    for k, v in (("a", 0), ("c", 0), ("d", 0)):
        _put(gs, k, v)
    E.update_events(gs)
    assert len(E.read_events(gs)) == 3            # d's month report has two candidates
    gs.remove_article("a")
    E.update_events(gs)
    evs = E.read_events(gs)
    assert len(evs) == 1 and evs[0]["reportCount"] == 2
    assert quads(gs) == quads(scratch({"c": 0, "d": 0}))


def test_events_incremental_random_sequences():
    rng = random.Random(10)
    for _ in range(8):
        gs, current = GraphStore(), {}
        for _step in range(12):
            key = rng.choice(sorted(POOL))
            if key in current and rng.random() < 0.35:
                gs.remove_article(key)
                del current[key]
            else:
                current[key] = rng.randrange(2)
                _put(gs, key, current[key])
            if rng.random() < 0.7:  # sometimes two changes before one update
                E.update_events(gs)
                assert quads(gs) == quads(scratch(current)), current
        E.update_events(gs)
        assert quads(gs) == quads(scratch(current))
        assert_union_kept(gs)


def test_events_catch_up_after_an_interrupted_build():
    """Articles stored without an update (a build killed before it) are caught up later."""
    gs = GraphStore()
    _put(gs, "a", 0)
    E.update_events(gs)
    _put(gs, "b", 0)
    _put(gs, "c", 0)  # killed here: no update
    E.update_events(gs)
    assert quads(gs) == quads(scratch({"a": 0, "b": 0, "c": 0}))


def test_events_other_rules_recompute_everything():
    """Events computed with other rules (or another gazetteer) are recomputed in full."""
    import dataclasses
    gs = scratch({"a": 1, "b": 0, "c": 0})
    assert E.update_events(gs).articles == 0            # up to date
    wide = dataclasses.replace(E.Rules.load(), day_tolerance=1)
    up = E.update_events(gs, rules=wide)
    assert up.full
    ref = GraphStore()
    for k, v in (("a", 1), ("b", 0), ("c", 0)):
        _put(ref, k, v)
    E.rebuild_events(ref, rules=wide)
    assert quads(gs) == quads(ref)
    # the meeting of the 7th and the one of the 8th are one event when a day apart may join
    assert len([e for e in E.read_events(gs) if e["relation"] == "meetsWith"]) == 2
    back = E.update_events(gs)                            # the default rules again
    assert back.full and quads(gs) == quads(scratch({"a": 1, "b": 0, "c": 0}))
    assert E.update_events(gs).articles == 0


def test_events_event_node_shape():
    gs = scratch({"a": 0, "b": 0})
    rows = {r["relation"]: r for r in E.read_events(gs)}
    m = rows["meetsWith"]
    # a symmetric act: the end whose key sorts first (russia < united-states) is the agent
    assert m["agent"] == PUTIN and m["object"] == BIDEN and m["date"] == "2021-12-07"
    assert m["reportCount"] == 2 and m["firstReported"] == "2021-12-07" and m["lastReported"] == "2021-12-08"
    assert m["contested"] is False and len(m["reports"]) == 2
    # every reportedBy is an interaction of the store; each interaction reports one event
    q = """SELECT ?i (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?i a geo:Interaction }
           OPTIONAL { ?e geo:reportedBy ?i } } GROUP BY ?i"""
    counts = [int(s["n"].value) for s in gs.store.query(E._PREFIX + q, use_default_graph_as_union=False)]
    assert counts and set(counts) == {1}


# --------------------------------------------------------------------------------------------
# The SPARQL queries of queries/ (README): distinct events vs reports by dyad and month
# --------------------------------------------------------------------------------------------

def run_rq(gs: GraphStore, name: str) -> list[dict[str, str]]:
    from graphbuild import api
    res = api.run_query(gs.store, (QUERIES / name).read_text("utf-8"))
    names, rows = api.result_rows(res)
    return [dict(zip(names, r)) for r in rows]


def test_events_queries_by_dyad_and_month():
    gs = scratch({"a": 0, "b": 0, "c": 0, "e": 0})
    events = run_rq(gs, "events-by-dyad-and-month.rq")
    reports = run_rq(gs, "reports-by-dyad-and-month.rq")
    ev = {(r["agent"], r["relation"], r["object"], r["month"]): int(r["events"]) for r in events}
    rp = {(r["agent"], r["relation"], r["object"], r["month"]): int(r["reports"]) for r in reports}
    # the 7 December meeting (told by a and b) and the 30 December one: 2 events, 3 reports
    assert ev[("Vladimir Putin", "meetsWith", "Joe Biden", "2021-12")] == 2
    assert rp[("Joe Biden", "meetsWith", "Vladimir Putin", "2021-12")] == 2
    assert rp[("Vladimir Putin", "meetsWith", "Joe Biden", "2021-12")] == 1
    (row,) = [r for r in events if r["relation"] == "meetsWith"]
    assert (row["reports"], row["contested"]) == ("3", "0")
    # the attack is told by b (denied) and e (as the Kremlin's): one contested event
    assert ev[("Russia", "attacks", "Ukraine", "2021-12")] == 1
    assert rp[("Russia", "attacks", "Ukraine", "2021-12")] == 1
    assert rp[("Kremlin", "attacks", "Ukraine", "2021-12")] == 1
    assert sum(ev.values()) == len(E.read_events(gs))
    assert sum(rp.values()) == 6


# --------------------------------------------------------------------------------------------
# The articles of tests/data/events through the real extraction (spaCy models)
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from graphbuild import api
    out = tmp_path_factory.mktemp("events") / "out"
    res = api.build([DATA], out, progress=False)
    assert res.exit_code == 0, res.rejected
    return out


def built_events(out: Path) -> list[dict]:
    from graphbuild import api
    return api.query_rows(out, """
        SELECT ?e ?agent ?rel ?obj ?date ?n ?c ?first ?last (COUNT(?i) AS ?reports) WHERE {
            ?e a geo:Event ; geo:agent ?agent ; geo:relation ?rel ; geo:date ?date ;
               geo:reportCount ?n ; geo:contested ?c ; geo:reportedBy ?i ;
               geo:firstReported ?first ; geo:lastReported ?last .
            OPTIONAL { ?e geo:recipient|geo:theme ?obj }
        } GROUP BY ?e ?agent ?rel ?obj ?date ?n ?c ?first ?last ORDER BY ?date""")


def test_events_summit_told_three_times_is_one_event(built):
    rows = [r for r in built_events(built) if r["rel"].endswith("meetsWith") and r["date"] == "2021-06-16"]
    assert len(rows) == 1
    (r,) = rows
    assert (r["agent"], r["obj"]) == (PUTIN, BIDEN)   # a symmetric act: russia < united-states
    assert (r["n"], r["reports"], r["first"], r["last"], r["c"]) == ("3", "3", "2021-06-16", "2021-06-18", "false")


def test_events_two_meetings_a_week_apart_are_two_events(built):
    rows = [r for r in built_events(built) if r["agent"] == MACRON and r["rel"].endswith("meetsWith")]
    assert [(r["date"], r["n"]) for r in rows] == [("2022-01-25", "1"), ("2022-02-01", "2")]
    # the first article tells the meeting of the 25th twice: one article, one report count
    assert rows[0]["reports"] == "2"


def test_events_denial_and_act_is_one_contested_event(built):
    rows = [r for r in built_events(built) if r["rel"].endswith("attacks")]
    assert len(rows) == 1
    (r,) = rows
    # the Kremlin's denial, Moscow's hypothetical new strike and Russia's bombardment
    assert (r["agent"], r["obj"], r["date"], r["c"], r["n"]) == (RUSSIA, UKRAINE, "2022-07-23", "true", "2")


def test_events_remove_equals_build_from_scratch(built, tmp_path):
    """Build A+B+C, remove B == build A+C from scratch (every quad of the store)."""
    from graphbuild import api
    out = tmp_path / "abc"
    shutil.copytree(built, out)
    (out / "store" / "graphbuild.lock").unlink(missing_ok=True)
    gone = ["summit/fr_geneve_2", "denial/en_odessa_2"]
    res = api.remove(gone, out=out)
    assert res.removed == gone
    src = tmp_path / "ac"
    shutil.copytree(DATA, src)
    for g in gone:
        (src / (g + ".txt")).unlink()
    fresh = tmp_path / "ac-out"
    assert api.build([src], fresh, progress=False).exit_code == 0

    def store_quads(path):
        st = ox.Store.read_only(str(path / "store"))
        qs = [str(q) for q in st]
        # the ontology's blank nodes get new labels in every store: compare their number only
        return sorted(q for q in qs if "_:" not in q), sum("_:" in q for q in qs)

    assert store_quads(out) == store_quads(fresh)
    rows = [r for r in built_events(out) if r["rel"].endswith("meetsWith") and r["date"] == "2021-06-16"]
    assert [r["n"] for r in rows] == ["2"]
    assert not [r for r in built_events(out) if r["rel"].endswith("attacks") and r["c"] == "true"]


def test_events_page_counts_events(built):
    from graphbuild.export import html as page
    st = ox.Store.read_only(str(built / "store"))
    data = page.page_data(page.graph_to_networkx(st))
    by_iri = {n["iri"]: n["id"] for n in data["nodes"]}
    summit = [i for i in data["interactions"] if {i["f"], i["t"]} == {by_iri[BIDEN], by_iri[PUTIN]}
              and i["date"] == "2021-06-16"]
    assert len(summit) == 3 and len({i["evt"] for i in summit}) == 1
    ev = data["events"][summit[0]["evt"]]
    assert ev["n"] == 3 and ev["c"] is False
    attack = [i for i in data["interactions"] if i["rel"] == "attacks"]
    assert {data["events"][i["evt"]]["c"] for i in attack} == {True}


@pytest.mark.browser
def test_events_page_tooltip_lists_each_event_once(built, tmp_path):
    """In the browser: the Putin–Biden edge folds the summit's reports into one event."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip(f"{chromium} not found: install Debian's chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from test_browser import CHROMIUM_ARGS, open_page
    from graphbuild import api
    html = api.render(built, tmp_path / "events.html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page, watch = open_page(browser, html)
            ids = page.evaluate("Object.fromEntries(gbData.nodes.map(n => [n.iri, n.id]))")
            biden, putin = ids[BIDEN], ids[PUTIN]
            e = page.evaluate("(id) => gbEdges.get(id)", f"{biden}>{putin}")
            assert len(e["gbItems"]) == 2 and e["gbEvents"] == 1   # two of the three reports
            assert "1 event (2 interactions)" in e["title"] and "3 reports" in e["title"]
            assert e["title"].count("• meetsWith") == 1
            single = page.evaluate("(id) => gbEdges.get(id)", f"{putin}>{biden}")
            assert single["width"] == e["width"]                   # one event each: same width
            macron, scholz = ids[MACRON], ids[SCHOLZ]
            two = page.evaluate("(id) => gbEdges.get(id)", f"{macron}>{scholz}")
            assert two["gbEvents"] == 2 and two["width"] > e["width"]
            watch.check()
            page.close()
        finally:
            browser.close()
