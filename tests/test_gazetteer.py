"""Integrity of the built-in gazetteer (graphbuild/data/gazetteer.jsonl) and behaviour of its loader."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date

import pytest

from graphbuild.gazetteer import (
    BUILTIN_PATH,
    ROLES,
    TYPES,
    Gazetteer,
    GazetteerError,
    case_sensitive,
    normalise,
)

FORM_FIELDS = ("names", "capitals", "metonyms", "people")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def records() -> list[tuple[int, dict]]:
    lines = BUILTIN_PATH.read_text(encoding="utf-8").splitlines()
    return [(n, json.loads(line)) for n, line in enumerate(lines, start=1) if line.strip()]


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# -- the data file --------------------------------------------------------------------------


def test_gazetteer_file_lines_are_json_objects():
    for n, line in enumerate(BUILTIN_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"line {n} is blank"
        assert isinstance(json.loads(line), dict), f"line {n} is not an object"


def test_gazetteer_file_required_fields(records):
    for n, rec in records:
        for key in ("id", "type", "label", "wikidata", "names"):
            assert key in rec, f"line {n}: missing {key}"
        assert rec["names"].get("en"), f"line {n}: no English name"
        assert rec["names"].get("fr"), f"line {n}: no French name"
        if rec["type"] == "Person":
            assert rec.get("state"), f"line {n}: a person needs a state"
        if rec["type"] == "Institution":
            assert rec.get("part_of"), f"line {n}: an institution needs part_of"


def test_gazetteer_file_ids_unique_and_slugs(records):
    ids = [rec["id"] for _, rec in records]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for n, rec in records:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rec["id"]), f"line {n}: {rec['id']!r}"


def test_gazetteer_file_types_valid(records):
    for n, rec in records:
        assert rec["type"] in TYPES, f"line {n}: {rec['type']!r}"


def test_gazetteer_file_qids_valid_and_unique(records):
    owners = defaultdict(list)
    for n, rec in records:
        qid = rec["wikidata"]
        if qid is not None:
            assert re.fullmatch(r"Q[1-9][0-9]*", qid), f"line {n}: {qid!r}"
            owners[qid].append(rec["id"])
    shared = {q: ids for q, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_gazetteer_file_roles_valid(records):
    for n, rec in records:
        for role in rec.get("roles", []):
            assert role["role"] in ROLES, f"line {n}: {role}"
            start, end = _d(role["from"]), _d(role["to"])
            assert not (start and end) or start <= end, f"line {n}: {role}"


def test_gazetteer_file_references_exist(records):
    ids = {rec["id"] for _, rec in records}
    for n, rec in records:
        refs = [rec.get("part_of"), rec.get("state"), *rec.get("members", [])]
        refs += [r["of"] for r in rec.get("roles", [])]
        for ref in refs:
            assert ref is None or ref in ids, f"line {n}: {rec['id']} points at unknown {ref!r}"


def test_gazetteer_file_members_are_states(records):
    types = {rec["id"]: rec["type"] for _, rec in records}
    for n, rec in records:
        for member in rec.get("members", []):
            assert types[member] == "State", f"line {n}: member {member!r} is not a State"


def test_gazetteer_file_no_alias_shared_by_persons_in_office_together(records):
    """Two actors may share a surface form only if both are not persons, or if the persons
    never held office on the same day (then the article's date tells them apart)."""

    def spans(rec):
        if rec["type"] != "Person":
            return [(date.min, date.max)]
        return [(_d(r["from"]) or date.min, _d(r["to"]) or date.max) for r in rec.get("roles", [])]

    owners = defaultdict(dict)
    for _, rec in records:
        for field in FORM_FIELDS:
            for forms in rec.get(field, {}).values():
                for form in forms:
                    owners[normalise(form)][rec["id"]] = rec
    clashes = []
    for form, recs in owners.items():
        recs = list(recs.values())
        for i, a in enumerate(recs):
            for b in recs[i + 1 :]:
                if a["type"] != "Person" and b["type"] != "Person":
                    continue
                if any(s1 < e2 and s2 < e1 for s1, e1 in spans(a) for s2, e2 in spans(b)):
                    clashes.append((form, a["id"], b["id"]))
    assert not clashes


def test_gazetteer_file_capital_of_organisation_not_on_state(records):
    """A capital standing for an organisation seated there is not listed for its state."""
    org_metonyms = {
        normalise(form)
        for _, rec in records
        if rec["type"] == "Organization"
        for forms in rec.get("metonyms", {}).values()
        for form in forms
    }
    for n, rec in records:
        if rec["type"] == "State":
            for forms in rec.get("capitals", {}).values():
                assert not {normalise(f) for f in forms} & org_metonyms, f"line {n}"


# -- coverage -------------------------------------------------------------------------------


def test_gazetteer_un_members_and_observers(gaz):
    members = gaz["united-nations"].members
    assert len(members) == len(set(members)) == 193
    assert all(gaz[m].type == "State" for m in members)
    for observer in ("holy-see", "palestine"):
        assert gaz[observer].type == "State"
        assert observer not in members
    assert sum(1 for e in gaz if e.type == "State") >= 195


@pytest.mark.parametrize(
    "name,state_id",
    [
        ("Afghanistan", "afghanistan"),
        ("Antigua and Barbuda", "antigua-and-barbuda"),
        ("Bosnia and Herzegovina", "bosnia-and-herzegovina"),
        ("Côte d'Ivoire", "ivory-coast"),
        ("Democratic Republic of the Congo", "dr-congo"),
        ("Eswatini", "eswatini"),
        ("Iran, Islamic Republic of", None),
        ("Lao People's Democratic Republic", "laos"),
        ("North Macedonia", "north-macedonia"),
        ("Russian Federation", "russia"),
        ("Syrian Arab Republic", "syria"),
        ("Timor-Leste", "timor-leste"),
        ("Tuvalu", "tuvalu"),
        ("Viet Nam", "vietnam"),
        ("Zimbabwe", "zimbabwe"),
        ("Saint-Siège", "holy-see"),
        ("État de Palestine", "palestine"),
    ],
)
def test_gazetteer_lookup_iso_names(gaz, name, state_id):
    found = [e.id for e in gaz.lookup(name)]
    if state_id is None:  # the ISO form with a comma is not a surface form; the short name is
        assert found == []
    else:
        assert found == [state_id]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_gazetteer_states_named_in_both_languages(gaz, lang):
    missing = [e.id for e in gaz if e.type == "State" and not e.names.get(lang)]
    assert not missing


@pytest.mark.parametrize("state", ["united-states", "france", "germany", "italy", "japan", "canada", "united-kingdom"])
def test_gazetteer_g7_has_current_leader(gaz, state):
    assert gaz.holders(["president", "prime_minister", "monarch"], state, None)


# -- loader behaviour -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,of,on,expected",
    [
        ("president", "united-states", date(2021, 6, 1), ["joe-biden"]),
        ("president", "united-states", date(2018, 6, 1), ["donald-trump"]),
        ("president", "united-states", date(2021, 1, 20), ["joe-biden"]),
        ("president", "united-states", date(2021, 1, 19), ["donald-trump"]),
        ("president", "russia", date(2010, 1, 1), ["dmitry-medvedev"]),
        ("prime_minister", "russia", date(2010, 1, 1), ["vladimir-putin"]),
        ("president", "russia", date(2021, 12, 7), ["vladimir-putin"]),
        ("foreign_minister", "russia", date(2021, 12, 7), ["sergei-lavrov"]),
        ("prime_minister", "germany", date(2021, 12, 7), ["angela-merkel"]),
        ("prime_minister", "germany", date(2021, 12, 8), ["olaf-scholz"]),
        ("leader", "nato", date(2021, 12, 7), ["jens-stoltenberg"]),
        ("leader", "united-nations", date(2021, 12, 7), ["antonio-guterres"]),
        ("leader", "european-commission", date(2021, 12, 7), ["ursula-von-der-leyen"]),
        ("president", "ukraine", date(2021, 12, 7), ["volodymyr-zelensky"]),
        ("president", "france", date(2010, 1, 1), ["nicolas-sarkozy"]),
        (["president", "monarch"], "united-kingdom", date(2020, 1, 1), ["elizabeth-ii"]),
        ("president", "atlantis", date(2020, 1, 1), []),
    ],
)
def test_gazetteer_holders(gaz, role, of, on, expected):
    assert [p.id for p in gaz.holders(role, of, on)] == expected


def test_gazetteer_holders_without_date_gives_most_recent(gaz):
    assert [p.id for p in gaz.holders("president", "russia", None)] == ["vladimir-putin"]
    # An office nobody holds now: its last holder.
    assert [p.id for p in gaz.holders("president", "syria", None)][:1] == ["ahmed-al-sharaa"]


@pytest.mark.parametrize(
    "surface,on,expected",
    [
        ("Moscou", None, ["russia"]),
        ("Moscow", None, ["russia"]),
        ("Kyïv", None, ["ukraine"]),
        ("Kiev", None, ["ukraine"]),
        ("Pékin", None, ["china"]),
        ("Washington", None, ["united-states"]),
        ("les États-Unis", None, ["united-states"]),
        ("Etats-Unis", None, ["united-states"]),
        ("la Maison-Blanche", None, ["white-house"]),
        ("l’Élysée", None, ["elysee"]),
        ("le Kremlin", None, ["kremlin"]),
        ("the Pentagon", None, ["pentagon"]),
        ("Bruxelles", None, ["european-union"]),
        ("l'Otan", None, ["nato"]),
        ("ONU", None, ["united-nations"]),
        ("Russes", None, ["russia"]),
        ("Poutine", None, ["vladimir-putin"]),
        ("Sergueï Lavrov", None, ["sergei-lavrov"]),
        ("Zelenskyy", None, ["volodymyr-zelensky"]),
        ("Clinton", date(2010, 6, 1), ["hillary-clinton"]),
        ("Clinton", date(1999, 6, 1), ["bill-clinton"]),
        ("Sharif", date(2015, 6, 1), ["nawaz-sharif"]),
        ("Sharif", date(2023, 1, 1), ["shehbaz-sharif"]),
        ("Atlantis", None, []),
    ],
)
def test_gazetteer_lookup(gaz, surface, on, expected):
    assert [e.id for e in gaz.lookup(surface, on=on)] == expected


@pytest.mark.parametrize(
    "surface,expected",
    [("US", ["united-states"]), ("us", []), ("Us", []), ("UN", ["united-nations"]), ("un", []),
     ("Onu", ["united-nations"]), ("EI", ["islamic-state"]), ("ei", []), ("WHO", ["who"]), ("who", [])],
)
def test_gazetteer_lookup_acronyms_keep_case(gaz, surface, expected):
    assert [e.id for e in gaz.lookup(surface)] == expected


def test_gazetteer_lookup_ambiguous_persons_out_of_office_recent_first(gaz):
    assert [e.id for e in gaz.lookup("Clinton", on=date(2016, 6, 1))] == ["hillary-clinton", "bill-clinton"]


@pytest.mark.parametrize(
    "word,expected",
    [("russe", "russia"), ("Russes", "russia"), ("Russian", "russia"), ("américaine", "united-states"),
     ("américaines", "united-states"), ("American", "united-states"), ("US", "united-states"), ("us", None),
     ("britannique", "united-kingdom"), ("sud-coréennes", "south-korea"), ("grecque", "greece"),
     ("turques", "turkey"), ("ukrainien", "ukraine"), ("européenne", "european-union"), ("martien", None)],
)
def test_gazetteer_adjective(gaz, word, expected):
    entry = gaz.adjective(word)
    assert (entry.id if entry else None) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("Moscou", "moscou"), ("l’Élysée", "elysee"), ("L'ÉLYSÉE", "elysee"), ("Les  États-Unis", "etats unis"),
     ("the Kremlin", "kremlin"), ("Kyïv", "kyiv"), ("Zelens\u2011kyy", "zelens kyy"), ("La", "la"),
     ("Yıldırım", "yildirim"), ("Jonas Gahr Støre", "jonas gahr store"), ("Szydło", "szydlo"), ("Mo\u00adscou", "moscou")],
)
def test_gazetteer_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("form,expected", [("US", True), ("U.S.", True), ("ONU", True), ("Otan", False), ("I", False)])
def test_gazetteer_case_sensitive(form, expected):
    assert case_sensitive(form) is expected


@pytest.mark.parametrize(
    "ident,expected",
    [("vladimir-putin", "russia"), ("kremlin", "russia"), ("russia", "russia"), ("nato", None), ("nobody", None)],
)
def test_gazetteer_state_of(gaz, ident, expected):
    assert gaz.state_of(ident) == expected


@pytest.mark.parametrize(
    "person,on,expected",
    [("vladimir-putin", date(2010, 1, 1), [("prime_minister", "russia")]),
     ("vladimir-putin", None, [("president", "russia")]),
     ("joe-biden", date(2010, 1, 1), []),
     ("russia", None, [])],
)
def test_gazetteer_roles_on(gaz, person, on, expected):
    assert [(r.role, r.of) for r in gaz.roles_on(person, on)] == expected


@pytest.mark.parametrize("lang", ["en", "fr", None])
def test_gazetteer_surface_forms(gaz, lang):
    forms = list(gaz.surface_forms(lang))
    assert {kind for _, _, kind in forms} == {"name", "capital", "metonym", "people"}
    assert ("Moscou" in {s for s, i, k in forms if i == "russia" and k == "capital"}) == (lang in ("fr", None))


def test_gazetteer_entries_hashable(gaz):
    assert len({gaz["russia"], gaz["russia"], gaz["nato"]}) == 2


def test_gazetteer_import_is_light():
    code = "import sys, graphbuild.gazetteer; print(sorted({'spacy', 'rdflib'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- user files (--gazetteer FILE) ----------------------------------------------------------


def test_gazetteer_user_file_adds_and_merges(tmp_path):
    path = tmp_path / "mine.jsonl"
    lines = [
        {"id": "ruritania", "type": "State", "label": "Ruritania", "wikidata": None,
         "names": {"en": ["Ruritania"], "fr": ["Ruritanie"]}, "adjectives": {"fr": ["ruritanien"]},
         "capitals": {"en": ["Strelsau"]}},
        {"id": "rudolf-v", "type": "Person", "label": "Rudolf V", "wikidata": None,
         "names": {"en": ["Rudolf V"]}, "state": "ruritania",
         "roles": [{"role": "monarch", "of": "ruritania", "from": "2020-01-01", "to": None}]},
        {"id": "russia", "names": {"en": ["Russia", "Rossiya"], "fr": ["Russie"]}},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    gaz = Gazetteer.load(extra=[path])
    assert [e.id for e in gaz.lookup("Strelsau")] == ["ruritania"]
    assert gaz.adjective("ruritanien").id == "ruritania"
    assert [p.id for p in gaz.holders("monarch", "ruritania", date(2021, 1, 1))] == ["rudolf-v"]
    assert [e.id for e in gaz.lookup("Rossiya")] == ["russia"]
    assert gaz["russia"].capitals["fr"] == ("Moscou",)  # fields the user file omits are kept
    assert gaz["russia"].wikidata == "Q159"


@pytest.mark.parametrize(
    "bad_line,problem",
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"id": "Bad Id", "type": "State", "label": "x", "names": {}}', "slug"),
        ('{"id": "x", "type": "Country", "label": "x", "names": {}}', "type"),
        ('{"id": "x", "type": "State", "label": "x"}', "missing"),
        ('{"id": "x", "type": "State", "label": "x", "names": {}, "wikidata": "159"}', "wikidata"),
        ('{"id": "x", "type": "State", "label": "x", "names": {"en": "X"}}', "list"),
        ('{"id": "x", "type": "Institution", "label": "x", "names": {}, "part_of": "atlantis"}', "unknown id"),
        ('{"id": "x", "type": "Person", "label": "x", "names": {}, "state": "russia",'
         ' "roles": [{"role": "tsar", "of": "russia", "from": null, "to": null}]}', "unknown role"),
        ('{"id": "x", "type": "Person", "label": "x", "names": {}, "state": "russia",'
         ' "roles": [{"role": "president", "of": "russia", "from": "2020-13-01", "to": null}]}', "bad date"),
        ('{"id": "x", "type": "Person", "label": "x", "names": {}, "state": "russia",'
         ' "roles": [{"role": "president", "of": "russia", "from": "2020-01-01", "to": "2019-01-01"}]}', "ends before"),
        ('{"id": "russia", "type": "Planet"}', "type"),
        ('{"id": "x", "type": "State", "label": "x", "names": {}, "colour": "red"}', "unknown field"),
        ('{"id": "x", "type": "State", "label": "x", "names": {}, "from": "1990-01-01", "to": "1980-01-01"}', "before"),
        ('{"id": "x", "type": "State", "label": "x", "names": {}, "to": "1990-02-30"}', "bad date"),
        ('{"id": "x", "type": "Person", "label": "x", "names": {}, "from": "1990-01-01"}', "roles"),
    ],
)
def test_gazetteer_user_file_bad_line_names_path_and_line(tmp_path, bad_line, problem):
    path = tmp_path / "bad.jsonl"
    good = '{"id": "ruritania", "type": "State", "label": "Ruritania", "names": {"en": ["Ruritania"]}}'
    path.write_text(good + "\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        Gazetteer.load(extra=[path])
    assert str(err.value).startswith(f"{path}:2: ")
    assert problem in str(err.value)
    assert (err.value.path, err.value.line) == (path, 2)


def test_gazetteer_user_file_duplicate_id(tmp_path):
    path = tmp_path / "dup.jsonl"
    line = '{"id": "ruritania", "type": "State", "label": "Ruritania", "names": {"en": ["Ruritania"]}}'
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r":2: duplicate id"):
        Gazetteer.load(extra=[path])


def test_gazetteer_user_file_missing(tmp_path):
    with pytest.raises(GazetteerError, match=r"nope\.jsonl:0: no such file"):
        Gazetteer.load(extra=[tmp_path / "nope.jsonl"])


@pytest.mark.parametrize(
    "surface,lang,expected",
    [("CPI", "fr", ["icc"]), ("CPI", "en", []), ("CPI", None, ["icc"]), ("US", "fr", []), ("US", "en", ["united-states"]),
     ("Moscou", "fr", ["russia"]), ("Moscou", "en", [])],
)
def test_gazetteer_lookup_by_language(gaz, surface, lang, expected):
    assert [e.id for e in gaz.lookup(surface, lang=lang)] == expected


@pytest.mark.parametrize("word,lang,expected", [("russe", "fr", "russia"), ("russe", "en", None), ("Russian", "en", "russia")])
def test_gazetteer_adjective_by_language(gaz, word, lang, expected):
    entry = gaz.adjective(word, lang=lang)
    assert (entry.id if entry else None) == expected


@pytest.mark.parametrize(
    "surface,ident,expected",
    [("Moscou", "russia", "capital"), ("Russie", "russia", "name"), ("les Russes", "russia", "people"),
     ("Bruxelles", "european-union", "metonym"), ("Moscou", "ukraine", None)],
)
def test_gazetteer_kind_of(gaz, surface, ident, expected):
    assert gaz.kind_of(surface, ident) == expected


@pytest.mark.parametrize("form,day,expected", [
    ("Moscou", date(1986, 10, 13), ["soviet-union"]),
    ("Moscou", date(2022, 2, 24), ["russia"]),
    ("Belgrade", date(1999, 3, 24), ["yugoslavia"]),
    ("Belgrade", date(2008, 2, 17), ["serbia"]),
    ("Prague", date(1968, 8, 21), ["czechoslovakia"]),
])
def test_gazetteer_a_shared_capital_is_the_state_existing_that_day(gaz, form, day, expected):
    assert [e.id for e in gaz.lookup(form, on=day, lang="fr")] == expected


def test_gazetteer_shared_surname_goes_to_the_nearest_time_in_office(gaz):
    assert gaz.lookup("Bush", on=date(1995, 6, 1), lang="en")[0].id == "george-h-w-bush"
    assert gaz.lookup("Bush", on=date(2015, 6, 1), lang="en")[0].id == "george-w-bush"


def test_a_person_in_another_transliteration():
    from graphbuild.gazetteer import Gazetteer, spelling_key
    g = Gazetteer.load()
    assert spelling_key("Sergei Choigou") == spelling_key("Sergei Shoigu")
    assert not g.lookup("Sergei Choigou")                     # no such alias: found by its spelling
    assert g.person_by_spelling("Sergei Choigou").id == "sergei-shoigu"
    assert g.person_by_spelling("Vladimir Poutin").id == "vladimir-putin"
    assert g.person_by_spelling("Shoigu") is None             # a surname alone is not enough
    assert g.person_by_spelling("Jean Dupont") is None
