"""One event, many reports: group the interactions that report the same real-world event.

Several articles tell the same summit; each yields its own ``geo:Interaction`` (a *report*).
This module groups them into one ``geo:Event`` node per real-world event (clarifications §16):

* reports join one event when their **key** agrees -- agent and object collapsed to the State
  they stand for (a person to the gazetteer's ``state``, an institution to its ``part_of``),
  and the relation, the two ends of a symmetric relation (meetsWith...) taken in either
  order -- and their day-precise dates are equal;
* a month-precise report joins the day-precise event of its key and month only when exactly
  one candidate exists, so the grouping does not depend on the order of articles;
* a report's date is never after its article's (a hypothetical, planned report may be).

The rules and the reason for each are data: ``graphbuild/data/events.json``.

An event node, in the named graph :data:`EVENTS_GRAPH`::

    id:event/<sha1 of the key and date> a geo:Event ;
        geo:agent <the person when any report names one> ; geo:relation geo:meetsWith ;
        geo:recipient <...> (or geo:theme) ; geo:date "2021-06-16"^^xsd:date ;
        geo:reportCount 3 ;                     # distinct articles
        geo:firstReported "2021-06-16"^^xsd:date ; geo:lastReported "2021-06-18"^^xsd:date ;
        geo:contested false ; geo:reportedBy <interaction>, <interaction>, <interaction> .

Event IRIs are minted from the key and the date (:func:`graphbuild.rdf.vocab.event_iri`), so
the result does not depend on the order of articles or builds.

**Incremental update.** :func:`update_events` recomputes only the events whose keys the
changed articles touch, and gives the same graph, triple for triple, as computing every event
from scratch (:func:`rebuild_events`). To know what changed without hooks inside the build
loop, the events graph keeps a ledger: for each article whose reports it accounts for, the
triple ``<article> geo:contentHash "<hash>"`` (the same triple as in the article's own graph,
so the union graph is unchanged). Articles whose hash differs from the ledger's, or that
are missing from either side, are the touched articles; the events that report their old or
new interactions are recomputed, with every other report of the same keys, in one
transaction together with the ledger. A build killed before the update leaves the ledger
behind, and the next update catches up. The events graph also records a fingerprint of the
rules and of the gazetteer fields collapsing reads (``<graph/events> dcterms:conformsTo
<urn:graphbuild:events:…>``): events computed with other ones are recomputed in full.

>>> from graphbuild.events import update_events        # doctest: +SKIP
>>> update_events(GraphStore("out/store"))              # doctest: +SKIP
EventUpdate(articles=3, keys=2, removed=0, added=2, full=True)
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from pyoxigraph import Literal, NamedNode, Quad

from .rdf import vocab as V

#: The named graph that holds the events (and the ledger of the articles they account for).
EVENTS_GRAPH = V.ID + "graph/events"
RULES_FILE = "data/events.json"

_ACTOR = V.ID + "actor/"
_XSD_DATE = NamedNode(V.XSD + "date")
_XSD_GYM = NamedNode(V.XSD + "gYearMonth")
_XSD_INT = NamedNode(V.XSD + "integer")
_XSD_BOOL = NamedNode(V.XSD + "boolean")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}")
_PREFIX = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in V.PREFIXES.items())
#: VALUES rows per query when reading by key or by IRI (keeps query strings bounded).
_CHUNK = 500


def _g(local: str) -> NamedNode:
    return NamedNode(V.GEO + local)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rules:
    """The grouping rules of ``data/events.json`` (values only; the file gives the reasons)."""

    collapse: Mapping[str, str]
    symmetric: frozenset[str]
    day_tolerance: int = 0
    month_join: str = "unique_candidate"
    undated_join: str = "unique_candidate"
    not_after_article: bool = True
    prefer_person: bool = True
    contested_ignores_hypothetical: bool = True
    report_count: str = "distinct_articles"
    keep_actors_within_a_state: bool = True

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Rules":
        """Read the rules from ``path`` (default: the packaged ``data/events.json``)."""
        if path is None:
            text = resources.files("graphbuild").joinpath(RULES_FILE).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        raw = json.loads(text)
        val = {k: v["value"] for k, v in raw.items() if isinstance(v, dict) and "value" in v}
        for k in ("month_join", "undated_join"):
            if val.get(k, "unique_candidate") != "unique_candidate":
                raise ValueError(f"{path or RULES_FILE}: {k} must be 'unique_candidate'")
        if val.get("report_count", "distinct_articles") not in ("distinct_articles", "interactions"):
            raise ValueError(f"{path or RULES_FILE}: report_count must be distinct_articles or interactions")
        return cls(collapse=dict(val["collapse"]), symmetric=frozenset(val["symmetric_relations"]),
                   day_tolerance=int(val.get("day_tolerance_days", 0)),
                   month_join=val.get("month_join", "unique_candidate"),
                   undated_join=val.get("undated_join", "unique_candidate"),
                   not_after_article=bool(val.get("not_after_article", True)),
                   prefer_person=bool(val.get("prefer_person", True)),
                   contested_ignores_hypothetical=bool(val.get("contested_ignores_hypothetical", True)),
                   report_count=val.get("report_count", "distinct_articles"),
                   keep_actors_within_a_state=bool(val.get("keep_actors_within_a_state", True)))


    def fingerprint(self) -> str:
        """A hash of the rule values (the events graph records the one it was computed with)."""
        import hashlib
        doc = {k: (sorted(v) if isinstance(v, frozenset) else dict(sorted(v.items()))
                   if isinstance(v, Mapping) else v) for k, v in self.__dict__.items()}
        return hashlib.sha1(json.dumps(doc, sort_keys=True).encode("utf-8")).hexdigest()


class Collapser:
    """Maps an actor IRI to the IRI of the actor it stands for (the rules' ``collapse``).

    Topics, places and actors the gazetteer does not know stand for themselves.
    """

    def __init__(self, gazetteer=None, rules: Rules | None = None):
        if gazetteer is None:
            from .gazetteer import Gazetteer
            gazetteer = Gazetteer.load()
        self.gaz = gazetteer
        self.rules = rules or Rules.load()
        self._cache: dict[str, str] = {}
        self._inverse: dict[str, set[str]] | None = None

    def __call__(self, iri: str | None) -> str:
        if not iri:
            return ""
        hit = self._cache.get(iri)
        if hit is None:
            hit = self._cache[iri] = self._collapse(iri)
        return hit

    def _collapse(self, iri: str) -> str:
        if not iri.startswith(_ACTOR):
            return iri
        entry = self.gaz.get(iri[len(_ACTOR):])
        if entry is None:
            return iri
        how = self.rules.collapse.get(entry.type, "self")
        target = None
        if how == "state":
            target = self.gaz.state_of(entry.id)
        elif how == "part_of":
            target = entry.part_of if entry.part_of in self.gaz else self.gaz.state_of(entry.id)
        return V.actor_iri(target) if target else iri

    def fingerprint(self) -> str:
        """A hash of the rules and of what collapsing reads from the gazetteer (type, state,
        part_of of every entry): events computed with another one are recomputed."""
        import hashlib
        h = hashlib.sha1(self.rules.fingerprint().encode("utf-8"))
        for e in sorted(self.gaz, key=lambda e: e.id):
            h.update(f"\x1e{e.id}\x1f{e.type}\x1f{e.state or ''}\x1f{e.part_of or ''}".encode("utf-8"))
        return h.hexdigest()

    def inverse(self, iri: str) -> set[str]:
        """Every IRI that collapses to ``iri`` (itself included)."""
        if self._inverse is None:
            inv: dict[str, set[str]] = defaultdict(set)
            for e in self.gaz:
                a = V.actor_iri(e.id)
                inv[self(a)].add(a)
            self._inverse = inv
        return self._inverse.get(iri, set()) | {iri}


# --------------------------------------------------------------------------------------------
# Reports and events (pure)
# --------------------------------------------------------------------------------------------

def _date_kind(lex: str | None) -> str | None:
    if not lex:
        return None
    if _DAY.match(lex):
        return "day"
    if _MONTH.match(lex):
        return "month"
    return None


def _norm_date(lex: str | None) -> str | None:
    kind = _date_kind(lex)
    return lex[:10] if kind == "day" else lex[:7] if kind == "month" else None


def _not_after(d: str, limit: str | None) -> bool:
    """Is the date ``d`` (day or month) on or before ``limit`` (day or month, None: no limit)?"""
    if not limit:
        return True
    if len(d) == 10 and len(limit) == 10:
        return d <= limit
    return d[:7] <= limit[:7]


@dataclass(frozen=True)
class Report:
    """One interaction as the grouping sees it (IRIs and lexical dates)."""

    iri: str
    article: str                      # the article IRI (its named graph)
    agent: str
    relation: str                     # local name, e.g. "meetsWith"
    recipient: str | None = None
    theme: str | None = None
    date: str | None = None           # "YYYY-MM-DD" or "YYYY-MM"
    negated: bool = False
    hypothetical: bool = False
    article_date: str | None = None   # "YYYY-MM-DD" or "YYYY-MM"
    persons: frozenset[str] = frozenset()   # which of agent/object are geo:Person

    @property
    def object(self) -> str | None:
        """The object of the act: the recipient if any, else the theme."""
        return self.recipient or self.theme

    def effective_date(self, rules: Rules) -> str | None:
        """The report's date, never after its article's unless hypothetical (events.json:
        ``not_after_article``)."""
        d, ad = _norm_date(self.date), _norm_date(self.article_date)
        if d and ad and rules.not_after_article and not self.hypothetical and not _not_after(d, ad):
            return ad
        return d


@dataclass(frozen=True)
class Event:
    """One ``geo:Event``: what :func:`event_quads` writes."""

    iri: str
    key: tuple[str, str, str]         # (collapsed agent, relation, collapsed object)
    agent: str
    relation: str
    object: str | None
    object_role: str                  # "recipient" | "theme"
    date: str | None                  # "YYYY-MM-DD", "YYYY-MM" or None
    reports: tuple[str, ...]          # interaction IRIs, sorted
    report_count: int
    first_reported: str | None
    last_reported: str | None
    contested: bool


def _ends(r: Report, collapse: Collapser, rules: Rules) -> tuple[str, str]:
    """The two ends of a report's key, in the report's own order: its agent and object
    collapsed, or the actors themselves when both stand for the same State."""
    a, o = collapse(r.agent), collapse(r.object)
    if o and a == o and rules.keep_actors_within_a_state:
        return r.agent, r.object or ""   # « Clinton soutient Trump » is not the United States' act
    return a, o


def report_key(r: Report, collapse: Collapser, rules: Rules) -> tuple[str, str, str]:
    """(collapsed agent, relation, collapsed object); the ends of a symmetric relation sorted.
    When both ends collapse to the same State, the actors themselves are kept."""
    a, o = _ends(r, collapse, rules)
    if r.relation in rules.symmetric and o and o < a:
        a, o = o, a
    return a, r.relation, o


def key_of_event(agent: str, relation: str, obj: str | None, collapse: Collapser,
                 rules: Rules) -> tuple[str, str, str]:
    """The key of an event node (the same as its reports': collapsing does not use dates)."""
    return report_key(Report("", "", agent, relation, recipient=obj), collapse, rules)


def group_reports(reports: Iterable[Report], *, collapse: Collapser | None = None,
                  rules: Rules | None = None) -> list[Event]:
    """Group reports into events (pure; the result does not depend on the input order).

    Returns:
        the events, sorted by IRI.
    """
    rules = rules or (collapse.rules if collapse else Rules.load())
    collapse = collapse or Collapser(rules=rules)
    by_key: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for r in {r.iri: r for r in reports}.values():
        by_key[report_key(r, collapse, rules)].append(r)
    events: list[Event] = []
    for key in sorted(by_key):
        events.extend(_group_key(key, sorted(by_key[key], key=lambda r: r.iri), collapse, rules))
    return sorted(events, key=lambda e: e.iri)


def _group_key(key, reports: list[Report], collapse: Collapser, rules: Rules) -> list[Event]:
    eff = {r.iri: r.effective_date(rules) for r in reports}
    day_reports = [r for r in reports if _date_kind(eff[r.iri]) == "day"]
    month_reports = [r for r in reports if _date_kind(eff[r.iri]) == "month"]
    undated = [r for r in reports if eff[r.iri] is None]

    # 1. day-precise reports: runs of days no more than day_tolerance apart (0: equal days)
    groups: list[tuple[str, list[Report]]] = []   # (event date, reports)
    days = sorted({eff[r.iri] for r in day_reports})
    runs: list[list[str]] = []
    for d in days:
        if runs and (date.fromisoformat(d) - date.fromisoformat(runs[-1][-1])).days <= rules.day_tolerance:
            runs[-1].append(d)
        else:
            runs.append([d])
    for run in runs:
        members = [r for r in day_reports if eff[r.iri] in run]
        support = Counter(eff[r.iri] for r in members)
        best = min(support, key=lambda d: (-support[d], d))   # best-supported day, then earliest
        groups.append((best, members))
    day_events = list(groups)   # the candidates: formed from day-precise reports alone

    # 2. month-precise reports: join the only candidate of their month, else a month event
    by_month: dict[str, list[Report]] = defaultdict(list)
    for r in month_reports:
        m = eff[r.iri]
        cands = [g for g in day_events if g[0][:7] == m and _eligible(g[0], r, rules)]
        if len(cands) == 1:
            cands[0][1].append(r)
        else:
            by_month[m].append(r)
    groups.extend((m, rs) for m, rs in sorted(by_month.items()))

    # 3. undated reports: join the only event of the key, else one undated event
    if undated:
        cands = [g for g in groups]
        lone: list[Report] = []
        for r in undated:
            ok = [g for g in cands if _eligible(g[0], r, rules)]
            if len(ok) == 1:
                ok[0][1].append(r)
            else:
                lone.append(r)
        if lone:
            groups.append(("", lone))
    return [_make_event(key, d, rs, collapse, rules) for d, rs in groups]


def _eligible(event_date: str, r: Report, rules: Rules) -> bool:
    """May report ``r`` join an event dated ``event_date``? Not when the event comes after the
    report's article (unless the report is hypothetical: a plan precedes its event)."""
    if not event_date or r.hypothetical or not rules.not_after_article:
        return True
    return _not_after(event_date, _norm_date(r.article_date))


def _best(counts: Counter, persons: set[str], prefer_person: bool, side: str) -> str | None:
    """The person most reports name (``prefer_person``), else the actor most reports name;
    ties go to ``side`` (the State the event is keyed on), then to the smallest IRI."""
    pool = [a for a in counts if a in persons] if prefer_person else []
    pool = pool or list(counts)
    if not pool:
        return None
    return min(pool, key=lambda a: (-counts[a], a != side, a))


def _make_event(key, event_date: str, reports: list[Report], collapse: Collapser,
                rules: Rules) -> Event:
    a_key, rel, o_key = key
    agents: Counter = Counter()
    objects: Counter = Counter()
    recipients: set[str] = set()
    persons: set[str] = set()
    for r in reports:
        persons |= r.persons
        ag, ob = r.agent, r.object
        # a symmetric act is written from the end whose key sorts first, whoever told it
        if rel in rules.symmetric and a_key != o_key and _ends(r, collapse, rules)[0] != a_key:
            ag, ob = ob, ag
        agents[ag] += 1
        if ob:
            objects[ob] += 1
        if r.recipient:
            recipients.add(r.recipient)
    agent = _best(agents, persons, rules.prefer_person, a_key)
    obj = _best(objects, persons, rules.prefer_person, o_key)
    # the object is a recipient when a report has it as one, or when it is the other party
    # of a symmetric act (each end of a meeting is an actor)
    sym_actor = rel in rules.symmetric and bool(obj) and obj.startswith(_ACTOR)
    role = "recipient" if obj and (obj in recipients or sym_actor) else "theme"
    arts = {r.article for r in reports}
    adates = sorted({d for d in (_norm_date(r.article_date) for r in reports) if d})
    told = [r for r in reports if not (rules.contested_ignores_hypothetical and r.hypothetical)]
    contested = any(r.negated for r in told) and any(not r.negated for r in told)
    count = len(arts) if rules.report_count == "distinct_articles" else len(reports)
    return Event(iri=V.event_iri(a_key, rel, o_key, event_date), key=key, agent=agent,
                 relation=rel, object=obj, object_role=role, date=event_date or None,
                 reports=tuple(sorted(r.iri for r in reports)), report_count=count,
                 first_reported=adates[0] if adates else None,
                 last_reported=adates[-1] if adates else None, contested=contested)


def _date_lit(d: str) -> Literal:
    return Literal(d, datatype=_XSD_DATE if len(d) == 10 else _XSD_GYM)


def event_quads(events: Iterable[Event], graph: str = EVENTS_GRAPH) -> list[Quad]:
    """The quads of the events, in the events graph."""
    g = NamedNode(graph)
    q: list[Quad] = []
    for e in events:
        s = NamedNode(e.iri)
        add = lambda p, o: q.append(Quad(s, p, o, g))  # noqa: E731
        add(NamedNode(V.RDF + "type"), _g("Event"))
        add(_g("agent"), NamedNode(e.agent))
        add(_g("relation"), _g(e.relation))
        if e.object:
            add(_g(e.object_role), NamedNode(e.object))
        if e.date:
            add(_g("date"), _date_lit(e.date))
        add(_g("reportCount"), Literal(str(e.report_count), datatype=_XSD_INT))
        if e.first_reported:
            add(_g("firstReported"), _date_lit(e.first_reported))
        if e.last_reported:
            add(_g("lastReported"), _date_lit(e.last_reported))
        add(_g("contested"), Literal("true" if e.contested else "false", datatype=_XSD_BOOL))
        for i in e.reports:
            add(_g("reportedBy"), NamedNode(i))
    return q


# --------------------------------------------------------------------------------------------
# Reading the store
# --------------------------------------------------------------------------------------------

def _ox(store):
    """The pyoxigraph Store of a GraphStore, or the Store itself."""
    return getattr(store, "store", store)


def _select(st, query: str):
    return st.query(_PREFIX + query)


def _chunks(items: Sequence, n: int = _CHUNK) -> Iterator[Sequence]:
    for k in range(0, len(items), n):
        yield items[k:k + n]


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


_REPORT_PATTERN = """
    GRAPH ?g {
        ?i a geo:Interaction ; geo:agent ?agent ; geo:relation ?rel .
        OPTIONAL { ?i geo:recipient ?rec }
        OPTIONAL { ?i geo:theme ?theme }
        OPTIONAL { ?i geo:date ?date }
        OPTIONAL { ?i geo:negated ?neg }
        OPTIONAL { ?i geo:hypothetical ?hyp }
        OPTIONAL { ?g dcterms:date ?adate }
    }"""


def _reports_from(st, where: str) -> list[Report]:
    q = f"SELECT ?i ?g ?agent ?rel ?rec ?theme ?date ?neg ?hyp ?adate WHERE {{ {where} {_REPORT_PATTERN} }}"
    rows: dict[str, dict[str, str]] = {}
    for s in _select(st, q):
        i = s["i"]
        if not isinstance(i, NamedNode) or not s["rel"].value.startswith(V.GEO):
            continue
        row = rows.setdefault(i.value, {})
        for var in ("g", "agent", "rel", "rec", "theme", "date", "neg", "hyp", "adate"):
            t = s[var]
            if t is not None and (var not in row or t.value < row[var]):
                row[var] = t.value   # the smallest value when a property repeats: deterministic
    actors = {row[k] for row in rows.values() for k in ("agent", "rec", "theme") if k in row}
    persons = _persons(st, sorted(a for a in actors if a.startswith(_ACTOR)))
    out = []
    for iri, row in rows.items():
        ends = {row.get(k) for k in ("agent", "rec", "theme")} & persons
        out.append(Report(iri=iri, article=row["g"], agent=row["agent"],
                          relation=row["rel"][len(V.GEO):], recipient=row.get("rec"),
                          theme=row.get("theme"), date=row.get("date"),
                          negated=row.get("neg", "false").strip().lower() in ("true", "1"),
                          hypothetical=row.get("hyp", "false").strip().lower() in ("true", "1"),
                          article_date=row.get("adate"), persons=frozenset(ends)))
    return out


def _persons(st, iris: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(iris):
        q = f"SELECT DISTINCT ?a WHERE {{ {_values('a', chunk)} GRAPH ?g {{ ?a a geo:Person }} }}"
        found |= {s["a"].value for s in _select(st, q)}
    return found


def read_reports(store, *, articles: Iterable[str] | None = None) -> list[Report]:
    """The interactions of the store (or of the given article IRIs) as reports."""
    st = _ox(store)
    if articles is None:
        return _reports_from(st, "")
    out: list[Report] = []
    for chunk in _chunks(sorted(set(articles))):
        out += _reports_from(st, _values("g", chunk))
    return out


def reports_of_keys(store, keys: Iterable[tuple[str, str, str]], collapse: Collapser) -> list[Report]:
    """Every report in the store whose key is one of ``keys``: read by (relation, agent) with
    the agents that collapse to either end, then filtered on the exact key."""
    st, rules = _ox(store), collapse.rules
    keys = set(keys)
    pairs: set[tuple[str, str]] = set()
    for a, rel, o in keys:
        ends = [a, o] if rel in rules.symmetric and o else [a]
        for end in ends:
            pairs.update((rel, x) for x in collapse.inverse(end))
    out: dict[str, Report] = {}
    for chunk in _chunks(sorted(pairs)):
        rows = " ".join(f"(geo:{rel} <{agent}>)" for rel, agent in chunk)
        for r in _reports_from(st, f"VALUES (?rel ?agent) {{ {rows} }}"):
            if report_key(r, collapse, rules) in keys:
                out[r.iri] = r
    return sorted(out.values(), key=lambda r: r.iri)


def read_events(store) -> list[dict[str, object]]:
    """The events of the store as dictionaries (``iri``, ``agent``, ``relation``, ``object``,
    ``date``, ``reportCount``, ``contested``, ``reports``), sorted by IRI."""
    st = _ox(store)
    q = f"""SELECT ?e ?p ?o WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e a geo:Event ; ?p ?o }} }}"""
    ev: dict[str, dict[str, object]] = {}
    names = {"agent": "agent", "relation": "relation", "recipient": "object", "theme": "object",
             "date": "date", "reportCount": "reportCount", "contested": "contested",
             "firstReported": "firstReported", "lastReported": "lastReported"}
    for s in _select(st, q):
        d = ev.setdefault(s["e"].value, {"iri": s["e"].value, "reports": []})
        p = s["p"].value
        if p == V.GEO + "reportedBy":
            d["reports"].append(s["o"].value)   # type: ignore[union-attr]
        elif p.startswith(V.GEO) and p[len(V.GEO):] in names:
            v = s["o"].value
            name = names[p[len(V.GEO):]]
            d[name] = (int(v) if name == "reportCount" else v == "true" if name == "contested"
                       else v[len(V.GEO):] if name == "relation" else v)
    for d in ev.values():
        d["reports"] = sorted(d["reports"])  # type: ignore[arg-type]
    return [ev[k] for k in sorted(ev)]


# --------------------------------------------------------------------------------------------
# Writing: full and incremental
# --------------------------------------------------------------------------------------------

@dataclass
class EventUpdate:
    """What :func:`update_events` did."""

    articles: int = 0        # touched articles (new, changed or removed since the last update)
    keys: int = 0            # event keys recomputed
    removed: int = 0         # event nodes dropped (some re-made identical)
    added: int = 0           # event nodes written
    full: bool = False       # everything was recomputed
    events: int = 0          # events in the store afterwards
    reports: int = 0         # interactions in the store afterwards
    details: dict = field(default_factory=dict)


def _article_hashes(st) -> dict[str, str | None]:
    q = "SELECT ?g ?h WHERE { GRAPH ?g { ?g a geo:Article OPTIONAL { ?g geo:contentHash ?h } } }"
    out: dict[str, str | None] = {}
    for s in _select(st, q):
        h = s["h"].value if s["h"] is not None else None
        g = s["g"].value
        out[g] = min(filter(None, (out.get(g), h)), default=None)
    return out


_CONFORMS = V.DCTERMS + "conformsTo"
_RULES_URN = "urn:graphbuild:events:"


def _rules_stamp(st) -> str | None:
    """The fingerprint of the rules and gazetteer the events graph was computed with."""
    q = f"SELECT ?v WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ <{EVENTS_GRAPH}> <{_CONFORMS}> ?v }} }}"
    vals = sorted(s["v"].value for s in _select(st, q))
    return vals[0][len(_RULES_URN):] if len(vals) == 1 and vals[0].startswith(_RULES_URN) else None


def _stamp_quad(fp: str) -> Quad:
    g = NamedNode(EVENTS_GRAPH)
    return Quad(g, NamedNode(_CONFORMS), NamedNode(_RULES_URN + fp), g)


def _ledger(st) -> dict[str, str]:
    q = f"SELECT ?a ?h WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?a geo:contentHash ?h }} }}"
    return {s["a"].value: s["h"].value for s in _select(st, q)}


def _nt(q: Quad) -> str:
    return f"{q.subject} {q.predicate} {q.object} ."


def _ledger_quads(arts: Mapping[str, str | None], which: Iterable[str]) -> list[Quad]:
    g = NamedNode(EVENTS_GRAPH)
    return [Quad(NamedNode(a), _g("contentHash"), Literal(arts[a]), g)
            for a in sorted(which) if arts.get(a)]


def _keeps_union(store) -> bool:
    """Does the store keep the union of its named graphs in its default graph (a
    :class:`graphbuild.store.GraphStore` does; then the events must be written there too)?"""
    from .store import has_default_graph
    has_union = getattr(store, "has_union", None)
    return bool(has_union()) if callable(has_union) else has_default_graph(_ox(store))


def _drop_ops(where: str | None, union: bool) -> list[str]:
    """Updates removing the events-graph triples ``?s ?p ?o`` that match ``where`` (None: all),
    and, when the store keeps the union, removing them from the default graph unless
    another named graph states them (as :meth:`GraphStore._replace` does)."""
    ev = f"<{EVENTS_GRAPH}>"
    if where is None:
        ops = [f"DROP SILENT GRAPH {ev}"]
        where = ""
    else:
        ops = [f"DELETE {{ GRAPH {ev} {{ ?s ?p ?o }} }} WHERE {{ {where} GRAPH {ev} {{ ?s ?p ?o }} }}"]
    if union:
        ops.insert(0, f"DELETE {{ ?s ?p ?o }} WHERE {{ {where} GRAPH {ev} {{ ?s ?p ?o }} "
                      f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {ev}) }} }}")
    return ops


def _insert_ops(quads: Sequence[Quad], union: bool) -> list[str]:
    if not quads:
        return []
    body = "\n".join(_nt(q) for q in quads)
    return [f"INSERT DATA {{ GRAPH <{EVENTS_GRAPH}> {{\n{body}\n}}" + (f"\n{body}\n" if union else "") + "}"]


def rebuild_events(store, *, gazetteer=None, rules: Rules | None = None) -> EventUpdate:
    """Recompute every event from scratch (replaces the events graph, one transaction)."""
    return update_events(store, gazetteer=gazetteer, rules=rules, full=True)


def update_events(store, *, gazetteer: Iterable[Path | str] | object = (), rules: Rules | None = None,
                  full: bool = False) -> EventUpdate:
    """Bring the events graph up to date with the articles of the store.

    Call it after articles were added, replaced or removed (``api.build``, ``api.remove``).
    Only the events of the keys the touched articles' old and new interactions have are
    recomputed; the result equals :func:`rebuild_events` triple for triple.

    Args:
        store: a :class:`graphbuild.store.GraphStore` or a ``pyoxigraph.Store``.
        gazetteer: extra gazetteer files (as ``api.build`` takes them), or a loaded
            :class:`graphbuild.gazetteer.Gazetteer`.
        rules: grouping rules (default: ``data/events.json``).
        full: recompute everything.
    Returns:
        an :class:`EventUpdate`.
    """
    from .gazetteer import Gazetteer
    st = _ox(store)
    rules = rules or Rules.load()
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else _load_gazetteer(
        tuple((str(p), *_stamp(p)) for p in (gazetteer or ())))
    collapse = Collapser(gaz, rules)
    arts = _article_hashes(st)
    ledger = _ledger(st)
    touched = {a for a, h in arts.items() if h is None or ledger.get(a) != h}
    touched |= set(ledger) - set(arts)
    result = EventUpdate(articles=len(touched))
    ev = f"<{EVENTS_GRAPH}>"
    union = _keeps_union(store)
    fp = collapse.fingerprint()
    full = full or _rules_stamp(st) != fp   # other rules or gazetteer: recompute everything
    if not touched and not full:
        return _totals(st, result)
    if full or not ledger or all(a in touched for a in arts):
        reports = read_reports(st)
        events = group_reports(reports, collapse=collapse, rules=rules)
        quads = event_quads(events) + _ledger_quads(arts, arts) + [_stamp_quad(fp)]
        st.update(" ;\n".join(_drop_ops(None, union) + _insert_ops(quads, union)))
        result.full, result.keys = True, len({e.key for e in events})
        result.added, result.articles = len(events), len(touched | set(arts))
        return _totals(st, result)

    present = sorted(a for a in touched if a in arts)
    new_reports = read_reports(st, articles=present)
    # events that report an interaction of a touched article, or one that no longer exists
    stale: set[str] = set()
    for chunk in _chunks(present):
        q = f"""SELECT DISTINCT ?e WHERE {{ {_values('g', chunk)}
                GRAPH ?g {{ ?i a geo:Interaction }} GRAPH {ev} {{ ?e geo:reportedBy ?i }} }}"""
        stale |= {s["e"].value for s in _select(st, q)}
    q = f"""SELECT DISTINCT ?e WHERE {{ GRAPH {ev} {{ ?e geo:reportedBy ?i }}
            FILTER NOT EXISTS {{ GRAPH ?g {{ ?i a geo:Interaction }} }} }}"""
    stale |= {s["e"].value for s in _select(st, q)}
    keys = {report_key(r, collapse, rules) for r in new_reports}
    keys |= set(_event_keys(st, sorted(stale), collapse, rules).values())
    reports = reports_of_keys(st, keys, collapse)
    events = group_reports(reports, collapse=collapse, rules=rules)
    old = set(stale)
    for chunk in _chunks([r.iri for r in reports]):
        q = f"SELECT DISTINCT ?e WHERE {{ {_values('i', chunk)} GRAPH {ev} {{ ?e geo:reportedBy ?i }} }}"
        old |= {s["e"].value for s in _select(st, q)}
    ops: list[str] = []
    for chunk in _chunks(sorted(old)):
        ops += _drop_ops(f"{_values('s', chunk)}", union)
    for chunk in _chunks(sorted(touched)):
        ops += _drop_ops(f"{_values('s', chunk)} FILTER(?p = geo:contentHash)", union)
    ops += _insert_ops(event_quads(events) + _ledger_quads(arts, present), union)
    if ops:  # one request, one transaction: events, ledger and the union together
        st.update(" ;\n".join(ops), prefixes=dict(V.PREFIXES))
    result.keys, result.removed, result.added = len(keys), len(old), len(events)
    return _totals(st, result)


def _stamp(path) -> tuple[int, int]:
    try:
        st = Path(path).stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _load_gazetteer(files: tuple[tuple[str, int, int], ...]):
    """The gazetteer with extra ``files`` (path, mtime, size: a changed file is re-read)."""
    from .gazetteer import Gazetteer
    return Gazetteer.load(tuple(f[0] for f in files))


def _event_keys(st, iris: Sequence[str], collapse: Collapser, rules: Rules) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for chunk in _chunks(iris):
        q = f"""SELECT ?e ?agent ?rel ?obj WHERE {{ {_values('e', chunk)}
                GRAPH <{EVENTS_GRAPH}> {{ ?e geo:agent ?agent ; geo:relation ?rel .
                OPTIONAL {{ ?e geo:recipient|geo:theme ?obj }} }} }}"""
        for s in _select(st, q):
            obj = s["obj"].value if s["obj"] is not None else None
            out[s["e"].value] = key_of_event(s["agent"].value, s["rel"].value[len(V.GEO):], obj,
                                             collapse, rules)
    return out


def _totals(st, result: EventUpdate) -> EventUpdate:
    n = next(iter(_select(st, f"SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e a geo:Event }} }}")))
    result.events = int(n["n"].value)
    n = next(iter(_select(st, "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { GRAPH ?g { ?i a geo:Interaction } }")))
    result.reports = int(n["n"].value)
    return result


# --------------------------------------------------------------------------------------------
# Command line: reports vs events of a built store
# --------------------------------------------------------------------------------------------

def summary(store) -> dict[str, object]:
    """Reports (interactions), events, and how many reports the events have."""
    st = _ox(store)
    events = read_events(st)
    n_reports = _totals(st, EventUpdate()).reports
    counts = Counter(int(e.get("reportCount", 0)) for e in events)
    return {"reports": n_reports, "events": len(events),
            "events_with_2plus_articles": sum(v for k, v in counts.items() if k >= 2),
            "contested": sum(1 for e in events if e.get("contested")),
            "report_count_histogram": dict(sorted(counts.items())),
            "reports_per_event": round(n_reports / len(events), 3) if events else None}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graphbuild.events OUT [--rebuild] [--json]``: reports vs events of a build."""
    import argparse
    import sys
    ap = argparse.ArgumentParser(prog="python -m graphbuild.events", description=main.__doc__)
    ap.add_argument("graph", help="a build's output folder or its store folder")
    ap.add_argument("--update", action="store_true",
                    help="bring the events up to date first (opens the store read-write)")
    ap.add_argument("--rebuild", action="store_true", help="recompute every event first")
    ap.add_argument("--gazetteer", action="append", default=[], help="extra gazetteer file")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from .api import store_dir
    from .errors import GraphbuildError
    try:
        sdir = store_dir(args.graph)
        if args.update or args.rebuild:
            from .store import GraphStore
            gs = GraphStore(sdir)
            gs.lock("graphbuild events")
            try:
                update_events(gs, gazetteer=args.gazetteer, full=args.rebuild)
                gs.flush()
            finally:
                gs.unlock()
            del gs
        from pyoxigraph import Store
        s = summary(Store.read_only(str(sdir)))
    except (GraphbuildError, OSError) as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(s, indent=1))
    else:
        print(f"reports (interactions): {s['reports']}")
        print(f"events:                 {s['events']}")
        print(f"reports per event:      {s['reports_per_event']}")
        print(f"events told by 2+ articles: {s['events_with_2plus_articles']}")
        print(f"contested events:       {s['contested']}")
        print("articles per event:     " + ", ".join(f"{k}: {v}" for k, v in s["report_count_histogram"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
