"""Peer suite scorer: graphbuild on PETRARCH2's unit-test sentences (issue 3, item 5).

``../shared/peer/`` holds the English unit-test records of the PETRARCH2 event coder
(``petrarch2-dev.jsonl``), its actor dictionary (``actors.tsv``) and the WEIS/CAMEO code ->
ontology category table (``cameo-map.tsv``). This module:

1. converts ``actors.tsv`` into a user gazetteer file (our JSONL format) in a temporary folder,
   at run time: the converted file is never written into the repository;
2. writes the suite records as one ``.jsonl`` article each (``id``, ``date``, ``lang`` "en",
   ``text``) and builds them with the real command line,
   ``graphbuild build FILE --out TMP --gazetteer GAZ --lang en``;
3. scores the built store exactly as ``peer/README.md`` ("How to score") says:

   - for each ``geo:Interaction``: ``geo:agent``, ``geo:relation``, ``geo:recipient`` and the
     record it was derived from (``prov:wasDerivedFrom`` -> ``dcterms:identifier``);
     negated interactions (``geo:negated true``) are ignored;
   - the relation's category is read from the ontology (``rdfs:subPropertyOf*`` down from a
     direct sub-property of ``geo:interactsWith``); categories the suite does not use are
     ignored (the suite's categories are those of the ``cameo-map.tsv`` rows marked
     "USED for this suite");
   - actors are matched through ``rdfs:label`` / ``skos:altLabel`` against the names and
     variants of ``actors.tsv``, case-insensitively, a label containing a name as a whole
     word counting for that actor; an actor code matches every expected code that starts
     with it (ARN satisfies ARNGOV); an interaction with no recipient matches an expected
     ``---`` target;
   - a record is correct when the set of predicted (source, target, category) equals the set
     of expected events whose category is not null; a record expecting no mapped event is
     correct only when nothing mappable is predicted.

Decisions where the README leaves room (also printed in ``peer.md``):

- *set equality with several codes*: one predicted event stands for every expected event it
  matches (one name may carry several codes: "the Shire" = FRO/BIL/SAM); the record is correct
  when every predicted event matches at least one expected event and every expected event is
  matched by at least one predicted event. Predicted events are distinct
  (agent node, recipient node or none, category) triples of the record.
- *quoted phrases* (``"THE MINISTRY OF MAGIC"``, an actor PETRARCH takes from the noun phrase)
  match a node when a label contains the phrase or the phrase contains a label, as whole words.
- *agents*: a label holding no actor name but an agent name ("the government", ``~GOV``)
  counts as ``---GOV`` (an agent with no country named); ``NGO~`` agents count as the prefix
  ``NGO``. A leading "the" of a name is optional ("the Dark Tower" = "Dark Tower").
- no relation is treated as symmetric (the suite lists both directions where it wants both).

PETRARCH2's authors publish no accuracy figure for this suite: its unit tests pass by
construction (clarifications §11). The figures here are graphbuild's alone.

Usage::

    python -m graphbuild.evaluate_peer --shared ../shared
    python -m graphbuild.evaluate_peer --shared ../shared --verbose --keep /tmp/peer-build

Writes ``eval-out/peer.json`` and ``eval-out/peer.md``.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

GEO = "https://w3id.org/geokg/ontology#"
_REPO = Path(__file__).resolve().parent.parent

PUBLISHED_NOTE = ("PETRARCH2's authors publish no accuracy figure for these records: their unit "
                  "tests pass by construction (clarifications §11).")

# -- gazetteer conversion ------------------------------------------------------------------------
# Type judgement for the converted entries (a judgement on the peer's dictionary, not an
# extraction rule). CAMEO codes for non-state actors start with these sectors.
_ORG_CODE_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")
#: Generic nouns that make a name an organisation (or an armed group, a medium, a unit).
_ORG_WORDS = frozenset("""organization organisation union nations council bank fund committee agency
    ministry cross international command wing gunmen troops military army police television tv
    radio tanks orc orcs media newspaper press party group movement front brigade militia
    government""".split())
#: Generic nouns that make a name a place standing for its polity (typed State, like a capital).
_PLACE_WORDS = frozenset("city tower stronghold downs town village north south east west".split())
#: CAMEO sector codes of groups (rebels, military, police, media, legislature, judiciary,
#: opposition, NGOs, education, business): a code ending with one names a group.
_ORG_SECTORS = ("REB", "MIL", "COP", "MED", "LEG", "JUD", "OPP", "NGO", "EDU", "BUS")
#: Titles that make a name a person's.
_PERSON_TITLES = ("president ", "prime minister ", "prince ", "princess ", "king ", "queen ",
                  "minister ", "sir ", "lord ", "lady ", "general ")
_DEMONYM_END = re.compile(r"(?:ian|ish|ese|i|ch)$")


@dataclass(frozen=True)
class PeerActor:
    """One row of ``actors.tsv``."""

    code: str
    name: str
    variants: tuple[str, ...]
    kind: str                      # actor | agent

    @property
    def forms(self) -> tuple[str, ...]:
        """Every name of the row, lower case, ``_`` as a space, the canonical name first."""
        return tuple(dict.fromkeys(_clean(f) for f in (self.name, *self.variants) if _clean(f)))


def _clean(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def read_actors(path: Path) -> list[PeerActor]:
    """Read ``actors.tsv`` (columns code, name, variants, kind)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not row.get("code"):
                continue
            variants = tuple(v for v in (row.get("variants") or "").split("|") if v.strip())
            rows.append(PeerActor(row["code"].strip(), (row.get("name") or "").strip(), variants,
                                  (row.get("kind") or "actor").strip()))
    return rows


def judge_type(actor: PeerActor) -> str:
    """State, Organization or Person for an actor row, judged from its code and names.

    A title ("President ...", "Prince of ...") makes a person; a CAMEO non-state sector prefix
    (IGO, NGO...) or an organisation noun in a name makes an organisation; otherwise a
    three-letter code is PETRARCH's country code (State). Longer codes and the special codes
    (``---``, ``+++``) are judged from the name: a place noun or a compass point makes a
    State, a sector suffix of the code (REB, MIL, MED...), a leading "the" or an acronym an
    Organization, anything else a Person (a bare name: Gollum, Sam Gamgee, Isildur).
    """
    words = {w for f in actor.forms for w in re.findall(r"[a-z]+", f)}
    code = actor.code
    name = _clean(actor.name)
    if name.startswith(_PERSON_TITLES):
        return "Person"
    if code.startswith(_ORG_CODE_PREFIXES) or words & _ORG_WORDS:
        return "Organization"
    if re.fullmatch(r"[A-Z]{3}", code):
        return "State"
    if words & _PLACE_WORDS:
        return "State"
    if any(sector in code[3:] for sector in _ORG_SECTORS) or name.startswith("the ") \
            or any(_is_acronym(v) for v in actor.forms):
        return "Organization"
    return "Person"


def _is_acronym(form: str) -> bool:
    """"un", "u.s.", "k.u.", "imf", "the au": short forms that are written in capitals."""
    body = form[4:] if form.startswith("the ") else form
    letters = [c for c in body if c.isalpha()]
    return bool(letters) and " " not in body and ("." in body or len(letters) <= 3)


def _surface(form: str) -> str:
    """How a lower-case variant is written in text: acronyms in capitals, the rest title case."""
    prefix, body = ("the ", form[4:]) if form.startswith("the ") else ("", form)
    if _is_acronym(form):
        return prefix + body.upper()
    return prefix + " ".join(w[:1].upper() + w[1:] for w in body.split(" "))


def _slug(code: str) -> str:
    s = code.lower().replace("-", "m").replace("+", "p").replace("#", "h")
    s = re.sub(r"[^a-z0-9]+", "", s)
    return "peer-" + (s or "x")


def gazetteer_entries(actors: Iterable[PeerActor]) -> list[dict]:
    """Our gazetteer format, one entry per actor code (agents are descriptions, not actors).

    ``names.en`` holds the canonical name and every variant (acronyms in capitals, so that the
    gazetteer's case rule keeps "un" or "ent" from matching common words); variants that look
    like demonyms ("danish", "eriadorian") are also listed as ``adjectives.en`` so that
    "Danish media" or "Israeli troops" resolve through the group nouns.
    """
    out: list[dict] = []
    seen: set[str] = set()
    for a in actors:
        if a.kind != "actor":
            continue
        ident = _slug(a.code)
        n = 2
        while ident in seen:
            ident, n = f"{_slug(a.code)}-{n}", n + 1
        seen.add(ident)
        names = [_surface(f) for f in a.forms]
        entry = {"id": ident, "type": judge_type(a), "label": _surface(_clean(a.name)) or a.code,
                 "wikidata": None, "names": {"en": names}}
        demonyms = [_surface(f) for f in a.forms[1:]
                    if " " not in f and _DEMONYM_END.search(f) and f != _clean(a.name)]
        if demonyms:
            entry["adjectives"] = {"en": demonyms}
        out.append(entry)
    return out


def write_gazetteer(actors: Iterable[PeerActor], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for entry in gazetteer_entries(actors):
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return path


# -- suite, categories ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    source: str
    target: str
    category: str                  # local name: "consult"


@dataclass
class Record:
    id: str
    text: str
    date: str | None
    family: str                    # petrarch_category
    expected: frozenset[Event]     # events whose category is not null
    unmapped: int = 0              # expected events with a null category


def _local(iri: str) -> str:
    return re.split(r"[#/:]", iri)[-1]


def read_records(path: Path) -> list[Record]:
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            events = r.get("events") or []
            mapped = frozenset(Event(e["source"], e["target"], _local(e["category"]))
                               for e in events if e.get("category"))
            records.append(Record(r["id"], r["text"], r.get("date"), r.get("petrarch_category") or "?",
                                  mapped, sum(1 for e in events if not e.get("category"))))
    return records


def suite_categories(cameo_map: Path | None, records: Sequence[Record] = ()) -> frozenset[str]:
    """The categories the suite uses: ``cameo-map.tsv`` rows marked "USED for this suite" (else
    the categories of the expected events)."""
    cats: set[str] = set()
    if cameo_map is not None and cameo_map.is_file():
        with open(cameo_map, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if "USED for this suite" in (row.get("reason") or "") and (row.get("category") or "none") != "none":
                    cats.add(_local(row["category"]))
    if not cats:
        cats = {e.category for r in records for e in r.expected}
    return frozenset(cats)


def write_articles(records: Iterable[Record], path: Path) -> Path:
    """One JSON line per record: id, date, lang "en", text."""
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r.id, "date": r.date, "lang": "en", "text": r.text},
                               ensure_ascii=False) + "\n")
    return path


# -- build ----------------------------------------------------------------------------------------

class BuildFailed(RuntimeError):
    pass


def run_build(articles: Path, out: Path, gazetteer: Path) -> Path:
    """``graphbuild build FILE --out OUT --gazetteer GAZ --lang en`` in a subprocess; returns
    the store folder. Exit 0 and 4 (partial success) are accepted."""
    cmd = [sys.executable, "-m", "graphbuild", "build", str(articles), "--out", str(out),
           "--gazetteer", str(gazetteer), "--lang", "en", "--no-html", "-q"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=_REPO)
    if proc.returncode not in (0, 4):
        last = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or ["no output"])[-1]
        raise BuildFailed(f"`graphbuild {' '.join(cmd[3:])}` exited {proc.returncode}: {last}")
    for line in proc.stderr.strip().splitlines():
        if line.strip():
            print(f"  build: {line}", file=sys.stderr)
    return out / "store"


# -- reading the graph ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    iri: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Predicted:
    """One distinct predicted event of a record."""

    agent: Node
    recipient: Node | None
    category: str
    relation: str
    evidence: str = ""


_INTERACTIONS = """
SELECT ?id ?i ?agent ?rel ?rec ?neg ?ev WHERE {
  ?i a geo:Interaction ; geo:agent ?agent ; geo:relation ?rel ; prov:wasDerivedFrom ?art .
  ?art dcterms:identifier ?id .
  OPTIONAL { ?i geo:recipient ?rec }
  OPTIONAL { ?i geo:negated ?neg }
  OPTIONAL { ?i geo:evidence ?ev }
}"""
_LABELS = """
SELECT ?n ?l WHERE { { ?n rdfs:label ?l } UNION { ?n skos:altLabel ?l } }"""
_CATEGORIES = """
SELECT ?rel ?cat WHERE {
  ?cat rdfs:subPropertyOf geo:interactsWith . FILTER(?cat != geo:interactsWith)
  ?rel rdfs:subPropertyOf* ?cat .
}"""


def read_predictions(store, categories: frozenset[str]) -> tuple[dict[str, list[Predicted]], dict]:
    """Predicted events per record id from an open pyoxigraph store (ontology included), and
    counts of what was left out (negated, outside the suite's categories)."""
    from .api import run_query

    labels: dict[str, list[str]] = defaultdict(list)
    for sol in run_query(store, _LABELS):
        labels[sol["n"].value].append(sol["l"].value)
    cat_of: dict[str, str] = {}
    for sol in run_query(store, _CATEGORIES):
        cat_of.setdefault(sol["rel"].value, _local(sol["cat"].value))
    node = lambda iri: Node(iri, tuple(sorted(set(labels.get(iri, ())))))
    seen: dict[str, dict[tuple, Predicted]] = defaultdict(dict)
    skipped = {"negated": 0, "outside_categories": 0}
    for sol in run_query(store, _INTERACTIONS):
        if sol["neg"] is not None and sol["neg"].value in ("true", "1"):
            skipped["negated"] += 1
            continue
        rel = sol["rel"].value
        cat = cat_of.get(rel)
        if cat is None or cat not in categories:
            skipped["outside_categories"] += 1
            continue
        rec = sol["rec"].value if sol["rec"] is not None else None
        key = (sol["agent"].value, rec, cat)
        if key not in seen[sol["id"].value]:
            seen[sol["id"].value][key] = Predicted(node(key[0]), node(rec) if rec else None, cat,
                                                   _local(rel), sol["ev"].value if sol["ev"] else "")
    return {k: list(v.values()) for k, v in seen.items()}, skipped


# -- matching and scoring -------------------------------------------------------------------------

def _word_in(needle: str, hay: str) -> bool:
    return bool(needle) and re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay) is not None


def _strip_the(s: str) -> str:
    return s[4:] if s.startswith("the ") and len(s) > 4 else s


class ActorMatcher:
    """Which PETRARCH codes a graph node stands for, from its labels (``peer/README.md``)."""

    def __init__(self, actors: Iterable[PeerActor]):
        self.actors: list[tuple[str, tuple[str, ...]]] = []        # (code, forms)
        self.agents: list[tuple[str, tuple[str, ...]]] = []        # (code as a prefix, forms)
        for a in actors:
            forms = tuple(dict.fromkeys(x for f in a.forms for x in (f, _strip_the(f))))
            if a.kind == "actor":
                self.actors.append((a.code, forms))
            elif a.code.startswith("~"):
                self.agents.append(("---" + a.code[1:], forms))
            elif a.code.endswith("~"):
                self.agents.append((a.code[:-1], forms))

    def codes(self, labels: Iterable[str]) -> frozenset[str]:
        """The actor codes whose names a label contains as a whole word; when none, the agent
        codes (``---GOV``, ``NGO``) whose names it contains."""
        labels = [_clean(l) for l in labels]
        found = {code for code, forms in self.actors if any(_word_in(f, l) for f in forms for l in labels)}
        if not found:
            found = {code for code, forms in self.agents if any(_word_in(f, l) for f in forms for l in labels)}
        return frozenset(found)

    def matches(self, node: Node, expected: str) -> bool:
        """Whether the node satisfies an expected code (or quoted phrase)."""
        if len(expected) > 1 and expected.startswith('"') and expected.endswith('"'):
            phrase = _clean(expected[1:-1])
            for label in map(_clean, node.labels):
                if _word_in(phrase, label) or _word_in(_strip_the(phrase), label) or _word_in(label, phrase):
                    return True
            return False
        return any(expected.startswith(code) for code in self.codes(node.labels))


#: Relations read both ways by the devset benchmark (``graphbuild.evaluate.SYMMETRIC``); the
#: peer rule does not say so, so this only feeds the secondary ``accuracy_symmetric`` figure.
SYMMETRIC = frozenset({"meetsWith", "negotiatesWith", "coordinatesWith", "agreesWith"})


def event_matches(p: Predicted, e: Event, matcher: ActorMatcher, symmetric: bool = False) -> bool:
    """Whether a predicted event matches an expected one (with ``symmetric``, a symmetric
    relation's event also matches in the other direction)."""
    if symmetric and p.relation in SYMMETRIC and p.recipient is not None \
            and event_matches(Predicted(p.recipient, p.agent, p.category, p.relation), e, matcher):
        return True
    if p.category != e.category or not matcher.matches(p.agent, e.source):
        return False
    if p.recipient is None:
        return e.target == "---"
    return e.target != "---" and matcher.matches(p.recipient, e.target)


@dataclass
class RecordScore:
    record: Record
    predicted: list[Predicted]
    correct: bool
    found: int                     # expected events matched by some predicted event
    right: int                     # predicted events matching some expected event
    missed: list[Event] = field(default_factory=list)
    extra: list[Predicted] = field(default_factory=list)
    correct_symmetric: bool = False   # correct when symmetric relations are read both ways


def score_record(record: Record, predicted: Sequence[Predicted], matcher: ActorMatcher) -> RecordScore:
    """Correct when every predicted event matches an expected one and every expected event is
    matched (set equality, a predicted event standing for all the codes it matches)."""
    def compare(symmetric: bool) -> tuple[list[Event], list[Predicted]]:
        missed = [e for e in sorted(record.expected, key=lambda e: (e.source, e.target, e.category))
                  if not any(event_matches(p, e, matcher, symmetric) for p in predicted)]
        extra = [p for p in predicted
                 if not any(event_matches(p, e, matcher, symmetric) for e in record.expected)]
        return missed, extra

    missed, extra = compare(False)
    sym_missed, sym_extra = compare(True)
    return RecordScore(record, list(predicted), not missed and not extra,
                       len(record.expected) - len(missed), len(predicted) - len(extra), missed, extra,
                       not sym_missed and not sym_extra)


@dataclass
class Tally:
    records: int = 0
    correct: int = 0
    correct_symmetric: int = 0
    empty: int = 0                 # records expecting no mapped event
    correct_empty: int = 0         # ... and predicted none
    expected: int = 0
    predicted: int = 0
    found: int = 0
    right: int = 0
    unmapped: int = 0

    def add(self, s: RecordScore) -> None:
        self.records += 1
        self.correct += s.correct
        self.correct_symmetric += s.correct_symmetric
        self.empty += not s.record.expected
        self.correct_empty += s.correct and not s.record.expected
        self.expected += len(s.record.expected)
        self.predicted += len(s.predicted)
        self.found += s.found
        self.right += s.right
        self.unmapped += s.record.unmapped

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.records if self.records else None

    def as_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)
        return {"records": self.records, "correct": self.correct, "accuracy": r(self.accuracy),
                "accuracy_symmetric": r(self.correct_symmetric / self.records if self.records else None),
                "records_expecting_nothing": self.empty, "correct_expecting_nothing": self.correct_empty,
                "expected_events": self.expected, "predicted_events": self.predicted,
                "expected_found": self.found, "predicted_right": self.right,
                "expected_unmapped": self.unmapped}


def tally(scores: Sequence[RecordScore]) -> tuple[Tally, dict[str, Tally]]:
    total, fams = Tally(), defaultdict(Tally)
    for s in scores:
        total.add(s)
        fams[s.record.family].add(s)
    return total, dict(sorted(fams.items()))


# -- reports --------------------------------------------------------------------------------------

_HEAD = ["petrarch_category", "records", "correct", "accuracy", "of which no-event", "expected ev.",
         "predicted ev.", "expected found", "predicted right"]


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _rows(total: Tally, fams: Mapping[str, Tally]) -> list[list[str]]:
    row = lambda name, t: [name, str(t.records), str(t.correct), _pct(t.accuracy),
                           f"{t.correct_empty}/{t.empty}", str(t.expected),
                           str(t.predicted), str(t.found), str(t.right)]
    return [row(n, t) for n, t in fams.items()] + [row("**all**", total)]


def _label(n: Node | None, matcher: ActorMatcher) -> str:
    if n is None:
        return "(none)"
    codes = ",".join(sorted(matcher.codes(n.labels))) or "?"
    return f"{n.iri.rsplit('/', 1)[-1]}[{codes}]"


def record_json(s: RecordScore, matcher: ActorMatcher) -> dict:
    ev = lambda e: [e.source, e.target, e.category]
    pr = lambda p: {"agent": _label(p.agent, matcher), "recipient": _label(p.recipient, matcher),
                    "category": p.category, "relation": p.relation}
    return {"id": s.record.id, "family": s.record.family, "correct": s.correct,
            "expected": [ev(e) for e in sorted(s.record.expected, key=ev)],
            "predicted": [pr(p) for p in s.predicted], "missed": [ev(e) for e in s.missed],
            "extra": [pr(p) for p in s.extra]}


def report_json(scores: Sequence[RecordScore], matcher: ActorMatcher, categories: frozenset[str],
                skipped: Mapping[str, int], gazetteer: Sequence[dict], seconds: float) -> dict:
    total, fams = tally(scores)
    return {"suite": "PETRARCH2 unit-test records (dev half)", "published_accuracy": None,
            "published_note": PUBLISHED_NOTE, "categories": sorted(categories),
            "total": total.as_dict(), "families": {k: v.as_dict() for k, v in fams.items()},
            "ignored_interactions": dict(skipped), "seconds": round(seconds, 1),
            "gazetteer_types": {e["label"] + " (" + e["id"] + ")": e["type"] for e in gazetteer},
            "records": [record_json(s, matcher) for s in scores]}


def report_markdown(scores: Sequence[RecordScore], categories: frozenset[str]) -> str:
    from .evaluate import markdown_table
    total, fams = tally(scores)
    return "\n".join([
        "### Peer suite: PETRARCH2 unit-test records (`python -m graphbuild.evaluate_peer`)", "",
        f"{total.records} English records of the dev half (`../shared/peer/petrarch2-dev.jsonl`), "
        "built with `graphbuild build FILE --gazetteer <actors.tsv converted> --lang en` and scored "
        "as `peer/README.md` says: a record is correct when the set of predicted (source, target, "
        "category) equals the set of expected events with a non-null category. "
        f"Overall accuracy **{_pct(total.accuracy)}** ({total.correct}/{total.records}). "
        + PUBLISHED_NOTE, "",
        markdown_table(_HEAD, _rows(total, fams)), "",
        "*of which no-event*: correct records among those expecting no mapped event / such "
        "records; *expected ev.*: expected events with a category (null-category events are not counted: "
        f"{total.unmapped} of them); *predicted ev.*: distinct non-negated (agent, recipient, "
        f"category) events in the suite's categories ({', '.join(sorted(categories))}); *expected "
        "found* / *predicted right*: events matched on the other side (event-level recall and "
        "precision counts, for diagnosis only). Reading the symmetric relations (meetsWith, "
        "negotiatesWith, coordinatesWith, agreesWith) both ways, as the devset benchmark does but "
        f"the peer rule does not, would give {_pct(_sym(total))}.", "",
        "Decisions where `peer/README.md` leaves room: `actors.tsv` is converted at run time into a "
        "temporary gazetteer (one entry per actor code, agents left out; three-letter codes are "
        "States unless the name says organisation or carries a title); a predicted event stands for "
        "every expected event it matches (\"the Shire\" = FRO, BIL, SAM); a quoted phrase matches a "
        "label that contains it or that it contains, as whole words; a label naming no actor but an "
        "agent (\"the government\") counts as `---GOV`; a leading \"the\" of a name is optional; "
        "no relation is read as symmetric in the headline figure.", ""])


def _sym(t: Tally) -> float | None:
    return t.correct_symmetric / t.records if t.records else None


def print_verbose(scores: Sequence[RecordScore], matcher: ActorMatcher, out=None) -> None:
    out = out if out is not None else sys.stdout
    for s in scores:
        if s.correct:
            continue
        print(f"[{s.record.family}] {s.record.id}: {s.record.text}", file=out)
        for e in s.missed:
            print(f"    MISS  {e.source} -> {e.target}  {e.category}", file=out)
        for p in s.extra:
            print(f"    EXTRA {_label(p.agent, matcher)} -> {_label(p.recipient, matcher)}  "
                  f"{p.category} ({p.relation})", file=out)


# -- command line ---------------------------------------------------------------------------------

def evaluate(peer: Path, keep: Path | None = None, limit: int | None = None,
             records_file: str = "petrarch2-dev.jsonl") -> tuple[list[RecordScore], ActorMatcher, dict]:
    """Build and score the suite in ``peer``; returns the per-record scores, the matcher and
    facts for the report (categories, ignored interactions, gazetteer, seconds)."""
    from .api import open_store

    start = time.monotonic()
    records = read_records(peer / records_file)
    if limit:
        records = records[:limit]
    actors = read_actors(peer / "actors.tsv")
    categories = suite_categories(peer / "cameo-map.tsv", records)
    matcher = ActorMatcher(actors)
    with tempfile.TemporaryDirectory(prefix="graphbuild-peer-") as tmp:
        tmp = Path(tmp)
        gaz = write_gazetteer(actors, tmp / "peer-gazetteer.jsonl")
        articles = write_articles(records, tmp / "peer-records.jsonl")
        out = keep if keep is not None else tmp / "out"
        if keep is not None and (keep / "store").exists():
            import shutil
            shutil.rmtree(keep / "store")
        store_dir = run_build(articles, out, gaz)
        store = open_store(store_dir)
        predicted, skipped = read_predictions(store, categories)
        del store
    scores = [score_record(r, predicted.get(r.id, []), matcher) for r in records]
    info = {"categories": categories, "skipped": skipped, "gazetteer": gazetteer_entries(actors),
            "seconds": time.monotonic() - start}
    return scores, matcher, info


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graphbuild.evaluate_peer",
        description="Build PETRARCH2's unit-test records with graphbuild and score them as "
                    "../shared/peer/README.md says.")
    parser.add_argument("--shared", type=Path, default=_REPO.parent / "shared",
                        help="the shared folder (default: ../shared beside the repository)")
    parser.add_argument("--out-dir", type=Path, default=Path("eval-out"), metavar="DIR",
                        help="where peer.json and peer.md go (default: eval-out/)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build into DIR and keep it")
    parser.add_argument("--limit", type=int, metavar="N", help="score the first N records only")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list the wrong records with their missed and extra events")
    args = parser.parse_args(argv)

    peer = args.shared / "peer"
    if not (peer / "petrarch2-dev.jsonl").is_file() or not (peer / "actors.tsv").is_file():
        print(f"skipping the peer suite: {peer} not found (or incomplete)")
        return 0
    print(f"peer: building {peer / 'petrarch2-dev.jsonl'} ...", flush=True)
    try:
        scores, matcher, info = evaluate(peer, args.keep, args.limit)
    except BuildFailed as e:
        print(f"Error: {e}", file=sys.stderr)
        return 3
    from .evaluate import text_table
    from .io.atomic import atomic_write

    if args.verbose:
        print_verbose(scores, matcher)
    total, fams = tally(scores)
    print()
    print(text_table(_HEAD, [[c.replace("**", "") for c in r] for r in _rows(total, fams)]))
    print(f"\naccuracy {_pct(total.accuracy)} ({total.correct}/{total.records} records); "
          f"{_pct(_sym(total))} with symmetric relations read both ways. {PUBLISHED_NOTE}")
    doc = report_json(scores, matcher, info["categories"], info["skipped"], info["gazetteer"], info["seconds"])
    with atomic_write(args.out_dir / "peer.json") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with atomic_write(args.out_dir / "peer.md") as f:
        f.write(report_markdown(scores, info["categories"]))
    print(f"wrote {args.out_dir / 'peer.json'} and {args.out_dir / 'peer.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
