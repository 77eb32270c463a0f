"""Development-set scorer behind ``make eval``.

Each development set (the shared one in ``../shared/devset``, our own in ``eval/devset``, the
seed article) is built with the real command line, exactly as the benchmark harness does it
(clarifications §7: ``graphbuild build DIR --out D``); ``D/graph.ttl`` is then read together
with the Turtle files of ``ontology/`` and scored the way ``../shared/devset/README.md`` says
the hidden benchmark scores:

- set level, per language: the unique (subject, relation, object) direct triples of the graph
  whose predicate is an interaction relation or ``leaderOf`` (also through
  ``rdfs:subPropertyOf``), against the union of the gold facts of that language's articles;
- a graph node matches an entity by ``owl:sameAs`` Wikidata id, else by a label equal to an
  alias after :func:`normalise`; a Topic or Place entity also matches when one of its aliases
  (4+ characters once normalised) appears inside the node's label;
- ``meetsWith``, ``negotiatesWith``, ``coordinatesWith`` and ``agreesWith`` are symmetric;
  ``memberOf``, ``alliedWith`` and ``partOf`` are not scored;
- *strict* compares subject, relation and object; *lenient* replaces actors by the State they
  stand for (``entities.tsv`` column ``state``) and relations by their category, which is read
  from the ontology's ``rdfs:subPropertyOf`` (never from a table in code);
- precision = predicted facts that are gold forms / predicted facts; recall = gold events found
  / gold events, where the lines sharing ``event=N`` in one article are one event and identical
  events of several articles count once. ``neg`` lines are not gold forms: predicting one is a
  false positive.

Decisions where the rules leave room:

- a fact's language is its article's (the ``fr``/``en`` token of the identity, else
  ``dcterms:language``): through the ``geo:Interaction`` behind it, or, for ``leaderOf``, the
  article graphs of the store the build leaves in ``D/store``; without a store, the languages
  the subject was seen in (interactions, language-tagged ``skos:altLabel``);
- a predicted node matching several entities counts as right when any of them makes a gold
  form; nodes matching nothing stay distinct facts; predicted facts are unique after matching;
- ``neg`` and ``hyp`` lines: ``neg`` lines are neither forms nor events; ``hyp`` lines are both;
- the gold events are the same in both modes (groups compared in strict terms), lenient only
  changes what finds them and which predicted facts are one; it collapses ``leaderOf`` like
  everything else (a head of state leaderOf his State becomes that State leaderOf itself); a symmetric relation
  stays symmetric under its category;
- per relation, an event counts under the relation of its first gold line;
- the total is the sum of the counts of the sets scored (an event in two sets counts twice).

Usage::

    python -m graphbuild.evaluate --shared ../shared            # make eval
    python -m graphbuild.evaluate --only own --verbose --keep /tmp/eval-graphs
    python -m graphbuild.evaluate --graph own=/tmp/g/graph.ttl  # score a graph, build nothing

Writes ``eval-out/scores.json`` and ``eval-out/scores.md`` (the README table).
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

GEO = "https://w3id.org/geokg/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBPROP = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
_LABEL_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
)
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_DC_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_DC_LANGUAGE = "http://purl.org/dc/terms/language"

#: Scoring rules of the benchmark (devset README), not ontology facts: these four relations
#: match in either direction, these three are never scored.
SYMMETRIC = frozenset({"meetsWith", "negotiatesWith", "coordinatesWith", "agreesWith"})
UNSCORED = frozenset({"memberOf", "alliedWith", "partOf"})
LEADER_OF = "leaderOf"
LANGUAGES = ("fr", "en")
MODES = ("strict", "lenient")
SET_ORDER = ("shared", "own", "seed")

_REPO = Path(__file__).resolve().parent.parent
_WIKIDATA_ID = re.compile(r"wikidata\.org/(?:entity|wiki)/(Q[0-9]+)$")
_LANG_IN_ID = re.compile(r"(?<![a-z])(fr|en)(?![a-z])")
_DATE_LINE = re.compile(r"^date \d{4}-\d{2}-\d{2}$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|le|la|les|l|un|une|des) (?=\S)")
_FRENCH_WORDS = frozenset("le la les des du une est et que qui dans pour sur avec aux ont".split())
_ENGLISH_WORDS = frozenset("the of and to in that is was for on with has have said".split())


# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Compare form of a label or alias: case, accents, punctuation and a leading article ignored.

    Dots vanish (``U.S.`` = ``US``); any other punctuation separates words (``l'Otan`` =
    ``Otan``, ``Maison-Blanche`` = ``Maison Blanche``).

    >>> normalise("l'Élysée")
    'elysee'
    >>> normalise("the U.S.")
    'us'
    >>> normalise("Maison-Blanche")
    'maison blanche'
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace(".", "")
    s = "".join(c if c.isalnum() else " " for c in s)
    s = " ".join(s.split())
    return _LEADING_ARTICLE.sub("", s, count=1)


def language_of_id(identifier: str) -> str | None:
    """``fr``/``en`` when the article identity carries it as a token (``own_fr_001``)."""
    m = _LANG_IN_ID.search(identifier.lower())
    return m.group(1) if m else None


def guess_language(text: str) -> str:
    """French or English by counting function words: only for gold articles whose id says neither."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in _FRENCH_WORDS for w in words)
    en = sum(w in _ENGLISH_WORDS for w in words)
    return "fr" if fr >= en else "en"


# --------------------------------------------------------------------------------------------
# Development sets
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entity:
    """One row of ``entities.tsv``."""

    key: str
    type: str
    wikidata: str | None
    state: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GoldLine:
    """One line of a ``gold/<id>.tsv`` file."""

    article: str
    subject: str
    relation: str
    object: str
    event: str | None = None
    neg: bool = False
    hyp: bool = False
    line: int = 0


@dataclass
class DevSet:
    """A folder of articles, their gold facts and the entity table they use."""

    name: str
    articles_dir: Path
    gold: dict[str, list[GoldLine]]
    entities: dict[str, Entity]
    article_texts: dict[str, str] = field(default_factory=dict)

    def language_of(self, article: str, built: Mapping[str, str] | None = None) -> str:
        """The article's language: its id, else the built graph's ``dcterms:language``, else a guess."""
        lang = language_of_id(article)
        if lang is None and built:
            lang = built.get(article)
        if lang is None:
            lang = guess_language(self.article_texts.get(article, ""))
        return lang


class DevSetError(ValueError):
    """A development-set file is malformed (``path:line: problem``)."""


def read_entities(path: Path) -> dict[str, Entity]:
    """Read ``entities.tsv`` (``key type wikidata state aliases``, header line first)."""
    entities: dict[str, Entity] = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            row = raw.rstrip("\n").split("\t")
            if n == 1 and row[0] == "key":
                continue
            if not raw.strip():
                continue
            if len(row) < 5:
                raise DevSetError(f"{path}:{n}: expected 5 tab-separated columns, got {len(row)}")
            key, type_, wikidata, state, aliases = (c.strip() for c in row[:5])
            entities[key] = Entity(
                key=key, type=type_, wikidata=wikidata or None, state=state or None,
                aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
            )
    return entities


def read_gold(path: Path, article: str) -> list[GoldLine]:
    """Read one gold file (``subject relation object flags``) as the facts of ``article``."""
    lines: list[GoldLine] = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            row = raw.rstrip("\n").split("\t")
            if len(row) < 3:
                raise DevSetError(f"{path}:{n}: expected subject, relation, object and flags")
            flags = [x.strip() for x in (row[3] if len(row) > 3 else "").split(",") if x.strip()]
            event = next((x.split("=", 1)[1] for x in flags if x.startswith("event=")), None)
            unknown = [x for x in flags if x not in ("neg", "hyp") and not x.startswith("event=")]
            if unknown:
                raise DevSetError(f"{path}:{n}: unknown flag {unknown[0]!r}")
            lines.append(GoldLine(article, row[0].strip(), row[1].strip(), row[2].strip(),
                                  event, "neg" in flags, "hyp" in flags, n))
    return lines


def _article_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def load_devset(name: str, root: Path) -> DevSet:
    """Load a set laid out like ``../shared/devset`` (``articles/``, ``gold/``, ``entities.tsv``)."""
    articles = root / "articles"
    gold = {p.stem: read_gold(p, p.stem) for p in sorted((root / "gold").glob("*.tsv"))}
    texts = {p.stem: _article_text(p) for p in sorted(articles.glob("*.txt"))}
    return DevSet(name, articles, gold, read_entities(root / "entities.tsv"), texts)


def subset(devset: DevSet, pattern: "re.Pattern[str]", folder: Path) -> DevSet:
    """The articles of ``devset`` whose id matches ``pattern``, linked into ``folder``."""
    keep = sorted(a for a in devset.gold if pattern.search(a))
    (folder / "articles").mkdir(parents=True)
    for a in keep:
        src = devset.articles_dir / f"{a}.txt"
        if src.is_file():
            (folder / "articles" / src.name).symlink_to(src.resolve())
    return DevSet(devset.name, folder / "articles", {a: devset.gold[a] for a in keep}, devset.entities,
                  {a: t for a, t in devset.article_texts.items() if a in keep})


def load_seed(seed_article: Path, gold: Path, entities: Path) -> DevSet:
    """The seed article as a one-article set; its gold and entities live in ``../shared``."""
    article = seed_article.stem
    return DevSet("seed", seed_article.parent, {article: read_gold(gold, article)},
                  read_entities(entities), {article: _article_text(seed_article)})


# --------------------------------------------------------------------------------------------
# Ontology: which predicates are scored, and their categories
# --------------------------------------------------------------------------------------------

class RelationIndex:
    """Maps a predicate to the scored relation it counts as, and a relation to its category.

    Everything is read from ``rdfs:subPropertyOf`` in the given graph: the categories are the
    direct sub-properties of ``geo:interactsWith``, the relations the direct sub-properties of a
    category; any other property counts as the first relation it reaches.
    """

    def __init__(self, graph, fallback_relations: Iterable[str] = ()):
        from rdflib import URIRef

        self._parents: dict[str, list[str]] = defaultdict(list)
        for s, o in graph.subject_objects(URIRef(_SUBPROP)):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                self._parents[str(s)].append(str(o))
        for parents in self._parents.values():
            parents.sort()
        interacts = GEO + "interactsWith"
        self.categories = {s for s, ps in self._parents.items() if interacts in ps and s != interacts}
        self.relations: dict[str, str] = {}          # relation IRI -> category local name
        for s, ps in sorted(self._parents.items()):
            if s in self.categories or s == interacts:
                continue
            cats = [p for p in ps if p in self.categories]
            if cats:
                self.relations[s] = _local(cats[0])
        self.fallback = not self.relations
        self._fallback_names = frozenset(fallback_relations) - UNSCORED if self.fallback else frozenset()
        self._cache: dict[str, str | None] = {}

    def relation_of(self, predicate: str) -> str | None:
        """Local name of the scored relation ``predicate`` counts as (``leaderOf`` included), or None."""
        if predicate not in self._cache:
            self._cache[predicate] = self._resolve(predicate)
        return self._cache[predicate]

    def _resolve(self, predicate: str) -> str | None:
        seen, queue = set(), [predicate]
        while queue:
            p = queue.pop(0)
            if p in seen:
                continue
            seen.add(p)
            if p == GEO + LEADER_OF:
                return LEADER_OF
            if p in self.relations:
                return _local(p)
            if self.fallback and p.startswith(GEO) and _local(p) in self._fallback_names:
                return _local(p)
            queue.extend(self._parents.get(p, ()))
        return None

    def category_of(self, relation: str) -> str:
        """The category of a relation local name; the name itself when the ontology has none."""
        return self.relations.get(GEO + relation, relation)

    def knows(self, relation: str) -> bool:
        return relation == LEADER_OF or GEO + relation in self.relations


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


# --------------------------------------------------------------------------------------------
# The predicted graph
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class InteractionNode:
    iri: str
    agent: str
    relation: str
    objects: tuple[str, ...]
    articles: tuple[str, ...]        # article identities
    evidence: str


@dataclass(frozen=True)
class Triple:
    """A scored direct triple of the output graph."""

    subject: str
    predicate: str
    object: str
    relation: str                     # the relation local name it counts as
    languages: frozenset[str]
    articles: tuple[str, ...]         # articles of the interactions behind it (may be empty)
    evidence: tuple[str, ...]


class PredictedGraph:
    """What a built ``graph.ttl`` says: scored triples with their languages, node labels and ids."""

    def __init__(self, graph, relations: RelationIndex, gold_languages: Mapping[str, str] | None = None,
                 provenance: Mapping[tuple[str, str, str], frozenset[str]] | None = None):
        from rdflib import BNode, Literal, URIRef

        self.relations = relations
        self.labels: dict[str, list[str]] = defaultdict(list)
        self.alt_label_langs: dict[str, set[str]] = defaultdict(set)
        self.wikidata: dict[str, set[str]] = defaultdict(set)
        for pred in _LABEL_PREDICATES:
            for s, o in graph.subject_objects(URIRef(pred)):
                if isinstance(o, Literal):
                    self.labels[str(s)].append(str(o))
                    if pred == _ALT_LABEL and o.language:
                        self.alt_label_langs[str(s)].add(o.language.lower()[:2])
        for s, o in graph.subject_objects(URIRef(_SAME_AS)):
            m = _WIKIDATA_ID.search(str(o))
            if m:
                self.wikidata[str(s)].add(m.group(1))

        # Articles: identity and language.
        self.article_ids = {str(a): str(i) for a, i in graph.subject_objects(URIRef(_DC_IDENTIFIER))}
        self.article_langs = built_languages(graph)
        gold_languages = gold_languages or {}

        def lang_of_article(ident: str) -> str | None:
            return language_of_id(ident) or self.article_langs.get(ident) or gold_languages.get(ident)

        # Interactions: agent, relation, object(s), article, evidence.
        self.interactions: list[InteractionNode] = []
        by_triple: dict[tuple[str, str, str], list[InteractionNode]] = defaultdict(list)
        node_langs: dict[str, set[str]] = defaultdict(set)
        for node in set(graph.subjects(URIRef(GEO + "agent"), None)):
            agent = graph.value(node, URIRef(GEO + "agent"))
            rel = graph.value(node, URIRef(GEO + "relation"))
            if agent is None or rel is None:
                continue
            objects = tuple(str(o) for p in ("recipient", "theme")
                            for o in graph.objects(node, URIRef(GEO + p)))
            arts = tuple(sorted(self.article_ids.get(str(a), str(a))
                                for a in graph.objects(node, URIRef(_DERIVED_FROM))))
            evidence = " ".join(str(e) for e in graph.objects(node, URIRef(GEO + "evidence")))
            it = InteractionNode(str(node), str(agent), str(rel), objects, arts, evidence)
            self.interactions.append(it)
            for o in objects:
                by_triple[(it.agent, it.relation, o)].append(it)
            langs = {lang_of_article(a) for a in arts} - {None}
            for n in (it.agent, *objects):
                node_langs[n] |= langs

        all_langs = frozenset({lang_of_article(a) for a in set(self.article_ids.values())} - {None}
                              | set(gold_languages.values()))
        self.triples: list[Triple] = []
        for s, p, o in graph:
            if not isinstance(p, URIRef) or not isinstance(o, (URIRef, BNode)):
                continue
            rel = relations.relation_of(str(p))
            if rel is None:
                continue
            behind = by_triple.get((str(s), str(p), str(o)), [])
            graphs = (provenance or {}).get((str(s), str(p), str(o)), frozenset())
            arts = tuple(sorted({a for it in behind for a in it.articles}
                                | {self.article_ids.get(g, g) for g in graphs}))
            langs = {lang_of_article(a) for a in arts} - {None}
            if not langs:
                # leaderOf and triples with no interaction: the languages of the articles the
                # subject was seen in (its interactions, its language-tagged surface forms).
                langs = (node_langs.get(str(s), set()) | self.alt_label_langs.get(str(s), set())) & set(LANGUAGES)
            if not langs:
                langs = set(all_langs) or set(LANGUAGES)
            self.triples.append(Triple(str(s), str(p), str(o), rel, frozenset(langs), arts,
                                       tuple(it.evidence for it in behind if it.evidence)))


def load_graph(paths: Sequence[Path]):
    """Parse the files into one rdflib graph: Turtle (TriG when Turtle fails), or by suffix."""
    from rdflib import Dataset, Graph

    graph = Graph()
    for path in paths:
        fmt = {".trig": "trig", ".nq": "nquads", ".nt": "nt"}.get(path.suffix, "turtle")
        if fmt in ("turtle", "nt"):
            try:
                graph.parse(path, format=fmt)
                continue
            except Exception:
                if fmt != "turtle":
                    raise
                fmt = "trig"
        ds = Dataset()
        ds.parse(path, format=fmt)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            graph.add((s, p, o))
    return graph


def store_provenance(store_dir: Path) -> dict[tuple[str, str, str], frozenset[str]] | None:
    """Which named graphs (article IRIs) hold each ``geo:`` triple of a built store, or None.

    ``graph.ttl`` is the union of the articles' graphs, so it cannot say which article yielded a
    structural triple such as ``leaderOf``; the store the build leaves beside it can. It is read
    only to place facts in a language: the facts scored are those of ``graph.ttl``.
    """
    if not (store_dir / "CURRENT").is_file():
        return None
    try:
        from pyoxigraph import NamedNode, Store
        store = Store.read_only(str(store_dir))
    except Exception:                                 # no pyoxigraph, or not a store we can read
        return None
    out: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        if (isinstance(q.graph_name, NamedNode) and isinstance(q.subject, NamedNode)
                and isinstance(q.object, NamedNode) and q.predicate.value.startswith(GEO)):
            out[(q.subject.value, q.predicate.value, q.object.value)].add(q.graph_name.value)
    return {k: frozenset(v) for k, v in out.items()}


def built_languages(graph) -> dict[str, str]:
    """Article identity -> ``fr``/``en`` from the built graph's ``dcterms:language``."""
    from rdflib import URIRef

    ids = {str(a): str(i) for a, i in graph.subject_objects(URIRef(_DC_IDENTIFIER))}
    out = {}
    for art, lang in graph.subject_objects(URIRef(_DC_LANGUAGE)):
        code = _local(str(lang)).lower()[:2]
        if code in LANGUAGES:
            out[ids.get(str(art), str(art))] = code
    return out


# --------------------------------------------------------------------------------------------
# Matching nodes to entities
# --------------------------------------------------------------------------------------------

class EntityMatcher:
    """Which ``entities.tsv`` keys a graph node matches (README: id first, labels otherwise)."""

    def __init__(self, entities: Mapping[str, Entity]):
        self.entities = entities
        self._by_qid: dict[str, set[str]] = defaultdict(set)
        self._by_alias: dict[str, set[str]] = defaultdict(set)
        self._substrings: list[tuple[str, str]] = []      # (normalised alias, key) of Topic/Place
        for e in entities.values():
            if e.wikidata:
                self._by_qid[e.wikidata].add(e.key)
            for alias in e.aliases:
                norm = normalise(alias)
                if not norm:
                    continue
                self._by_alias[norm].add(e.key)
                if e.type in ("Topic", "Place") and len(norm) >= 4:
                    self._substrings.append((norm, e.key))

    def match(self, qids: Iterable[str], labels: Iterable[str]) -> frozenset[str]:
        by_id = set().union(*(self._by_qid.get(q, set()) for q in qids)) if qids else set()
        if by_id:
            return frozenset(by_id)
        keys: set[str] = set()
        for label in labels:
            norm = normalise(label)
            keys |= self._by_alias.get(norm, set())
            keys |= {k for alias, k in self._substrings if alias in norm}
        return frozenset(keys)

    def state_of(self, key: str) -> str:
        e = self.entities.get(key)
        return e.state if e is not None and e.state else key


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------

Fact = tuple[str, str, str]


@dataclass(frozen=True)
class Form:
    """A fact as compared in one mode; ``sym`` facts match in both directions."""

    subject: str
    relation: str
    object: str
    sym: bool

    def orientations(self) -> set[Fact]:
        out = {(self.subject, self.relation, self.object)}
        if self.sym:
            out.add((self.object, self.relation, self.subject))
        return out

    def canonical(self) -> "Form":
        if self.sym and self.object < self.subject:
            return Form(self.object, self.relation, self.subject, True)
        return self


@dataclass
class Counts:
    tp: int = 0           # predicted facts that are gold forms
    predicted: int = 0
    found: int = 0        # gold events found
    events: int = 0
    neg_hits: int = 0     # predicted facts equal to a `neg` line (and to no gold form)

    def add(self, other: "Counts") -> None:
        for k in ("tp", "predicted", "found", "events", "neg_hits"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.events if self.events else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": _round(self.precision), "recall": _round(self.recall),
                "f1": _round(self.f1), "tp": self.tp, "predicted": self.predicted,
                "found": self.found, "events": self.events, "neg_hits": self.neg_hits}


@dataclass
class Miss:
    articles: tuple[str, ...]
    forms: tuple[GoldLine, ...]


@dataclass
class FalsePositive:
    subject: str
    relation: str
    object: str
    keys: tuple[str, str]           # what the nodes matched ("?" when nothing)
    neg: bool
    articles: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass
class LanguageScore:
    scores: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MODES})
    relations: dict[str, Counts] = field(default_factory=dict)   # strict, per relation
    false_positives: list[FalsePositive] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)


def _gold_form(line: GoldLine, mode: str, rel_index: RelationIndex, matcher: EntityMatcher) -> Form:
    if mode == "strict":
        return Form(line.subject, line.relation, line.object, line.relation in SYMMETRIC).canonical()
    return Form(matcher.state_of(line.subject), rel_index.category_of(line.relation),
                matcher.state_of(line.object), line.relation in SYMMETRIC).canonical()


def _events(lines: Sequence[GoldLine]) -> Iterator[list[GoldLine]]:
    """An article's positive lines grouped into events (``event=N`` lines together)."""
    groups: dict[str, list[GoldLine]] = {}
    for line in lines:
        if line.neg or line.relation in UNSCORED:
            continue
        key = f"event={line.event}" if line.event is not None else f"line={line.line}"
        groups.setdefault(key, []).append(line)
    yield from groups.values()


def score_language(devset: DevSet, lang: str, predicted: PredictedGraph, matcher: EntityMatcher,
                   rel_index: RelationIndex, built_langs: Mapping[str, str] | None = None) -> LanguageScore:
    """Score the predicted triples attributed to ``lang`` against the gold of that language."""
    result = LanguageScore()
    articles = [a for a in devset.gold if devset.language_of(a, built_langs) == lang]
    triples = [t for t in predicted.triples if lang in t.languages]

    # Predicted nodes -> entity keys (empty: matches nothing; the IRI keeps it distinct).
    node_keys: dict[str, frozenset[str]] = {}
    for node in {n for t in triples for n in (t.subject, t.object)}:
        node_keys[node] = matcher.match(predicted.wikidata.get(node, ()), predicted.labels.get(node, ()))

    # Gold events, defined once (strict forms) for both modes: identical groups count once.
    events: dict[frozenset[Form], list[tuple[str, list[GoldLine]]]] = {}
    for art in articles:
        for group in _events(devset.gold[art]):
            forms = frozenset(_gold_form(g, "strict", rel_index, matcher) for g in group)
            events.setdefault(forms, []).append((art, group))

    for mode in MODES:
        def transform(key: str) -> str:
            return key if mode == "strict" else matcher.state_of(key)

        def rel_of(rel: str) -> str:
            return rel if mode == "strict" else rel_index.category_of(rel)

        # Gold forms (and `neg` lines) as compared in this mode.
        gold_orient: set[Fact] = set()
        neg_orient: set[Fact] = set()
        for art in articles:
            for line in devset.gold[art]:
                if line.relation in UNSCORED:
                    continue
                target = neg_orient if line.neg else gold_orient
                target |= _gold_form(line, mode, rel_index, matcher).orientations()

        # Unique predicted facts in this mode.
        facts: dict[tuple, list[Triple]] = defaultdict(list)
        for t in triples:
            s_keys = frozenset(transform(k) for k in node_keys[t.subject]) or frozenset({"<" + t.subject + ">"})
            o_keys = frozenset(transform(k) for k in node_keys[t.object]) or frozenset({"<" + t.object + ">"})
            sym = t.relation in SYMMETRIC
            ident = (s_keys, rel_of(t.relation), o_keys, sym)
            if sym:
                ident = min(ident, (o_keys, rel_of(t.relation), s_keys, sym), key=_sort_key)
            facts[ident].append(t)

        counts = result.scores[mode]
        predicted_orient: set[Fact] = set()
        rel_counts: dict[str, Counts] = defaultdict(Counts)
        for (s_keys, rel, o_keys, sym), behind in facts.items():
            cands = {f for s, o in itertools.product(s_keys, o_keys)
                     for f in Form(s, rel, o, sym).orientations()}
            predicted_orient |= cands
            correct = bool(cands & gold_orient)
            counts.predicted += 1
            counts.tp += correct
            if not correct and cands & neg_orient:
                counts.neg_hits += 1
            if mode == "strict":
                rc = rel_counts[rel]
                rc.predicted += 1
                rc.tp += correct
                if not correct:
                    t = behind[0]
                    result.false_positives.append(FalsePositive(
                        t.subject, rel, t.object,
                        ("|".join(sorted(node_keys[t.subject])) or "?",
                         "|".join(sorted(node_keys[t.object])) or "?"),
                        bool(cands & neg_orient),
                        tuple(sorted({a for b in behind for a in b.articles
                                      if devset.language_of(a, built_langs) == lang})),
                        tuple(dict.fromkeys(e for b in behind for e in b.evidence))))

        for where in events.values():
            forms = [_gold_form(g, mode, rel_index, matcher) for g in where[0][1]]
            found_by = {f.relation for f in forms if f.orientations() & predicted_orient}
            counts.events += 1
            counts.found += bool(found_by)
            if mode == "strict":
                # Per relation, an event counts under the relation of its first gold line.
                primary = rel_counts[where[0][1][0].relation]
                primary.events += 1
                primary.found += bool(found_by)
                if not found_by:
                    result.misses.append(Miss(tuple(a for a, _ in where), tuple(where[0][1])))
        if mode == "strict":
            result.relations = dict(sorted(rel_counts.items()))
    return result


def _sort_key(ident: tuple) -> tuple:
    s, rel, o, sym = ident
    return (sorted(s), rel, sorted(o), sym)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# --------------------------------------------------------------------------------------------
# Running a set: build, read, score
# --------------------------------------------------------------------------------------------

@dataclass
class SetResult:
    name: str
    status: str                       # "ok", "skipped", "failed"
    message: str = ""
    languages: dict[str, LanguageScore] = field(default_factory=dict)
    seconds: float = 0.0
    articles: dict[str, int] = field(default_factory=dict)


class BuildFailed(RuntimeError):
    pass


def run_build(articles_dir: Path, out: Path) -> Path:
    """``python -m graphbuild build DIR --out OUT`` in a subprocess (the benchmark's harness).

    Exit 0 and 4 (partial success) are accepted; the path of ``OUT/graph.ttl`` is returned.
    """
    cmd = [sys.executable, "-m", "graphbuild", "build", str(articles_dir), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=_REPO)
    if proc.returncode not in (0, 4):
        last = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or ["no output"])[-1]
        raise BuildFailed(f"`{' '.join(cmd[1:])}` exited {proc.returncode}: {last}")
    if proc.returncode == 4:
        for line in proc.stderr.strip().splitlines():
            print(f"  warning: {line}", file=sys.stderr)
    graph = out / "graph.ttl"
    if not graph.is_file():
        raise BuildFailed(f"the build wrote no {graph}")
    return graph


def ontology_files(ontology_dir: Path) -> list[Path]:
    return sorted(ontology_dir.glob("*.ttl")) if ontology_dir.is_dir() else []


def score_set(devset: DevSet, graph_paths: Sequence[Path], store_dir: Path | None = None) -> SetResult:
    """Score one built set (its ``graph.ttl`` plus the ontology files; its store, when given,
    tells which article each triple came from)."""
    graph = load_graph(graph_paths)
    provenance = store_provenance(store_dir) if store_dir is not None else None
    gold_relations = {l.relation for lines in devset.gold.values() for l in lines}
    rel_index = RelationIndex(graph, fallback_relations=gold_relations)
    if rel_index.fallback:
        print(f"  warning: no relation hierarchy under geo:interactsWith in the ontology: "
              f"predicates are scored by local name and lenient relations equal strict ones",
              file=sys.stderr)
    else:
        unknown = sorted(r for r in gold_relations - UNSCORED if not rel_index.knows(r))
        if unknown:
            print(f"  warning: gold relations unknown to the ontology: {', '.join(unknown)}", file=sys.stderr)
    return score_graph(devset, graph, rel_index, provenance)


def score_graph(devset: DevSet, graph, rel_index: RelationIndex,
                provenance: Mapping[tuple[str, str, str], frozenset[str]] | None = None) -> SetResult:
    """Score an rdflib graph already loaded (ontology included) against ``devset``."""
    built_langs = built_languages(graph)
    gold_langs = {a: devset.language_of(a, built_langs) for a in devset.gold}
    pre = PredictedGraph(graph, rel_index, gold_langs, provenance)
    matcher = EntityMatcher(devset.entities)
    result = SetResult(devset.name, "ok")
    for lang in LANGUAGES:
        result.languages[lang] = score_language(devset, lang, pre, matcher, rel_index, built_langs)
        result.articles[lang] = sum(1 for a in gold_langs.values() if a == lang)
    return result


def run_set(devset: DevSet, ontology: Sequence[Path], keep: Path | None,
            given_graph: Path | None = None) -> SetResult:
    start = time.monotonic()
    try:
        if given_graph is not None:
            result = score_set(devset, [given_graph, *ontology], given_graph.parent / "store")
        elif keep is not None:
            out = keep / devset.name
            if out.exists():             # a previous run's graphs: start afresh, not incrementally
                shutil.rmtree(out)
            out.mkdir(parents=True)
            result = score_set(devset, [run_build(devset.articles_dir, out), *ontology], out / "store")
        else:
            with tempfile.TemporaryDirectory(prefix=f"graphbuild-eval-{devset.name}-") as tmp:
                out = Path(tmp) / "out"
                result = score_set(devset, [run_build(devset.articles_dir, out), *ontology], out / "store")
    except BuildFailed as e:
        return SetResult(devset.name, "failed", str(e), seconds=time.monotonic() - start)
    except Exception as e:                                     # unreadable graph: say which
        return SetResult(devset.name, "failed", f"{type(e).__name__}: {e}",
                         seconds=time.monotonic() - start)
    result.seconds = time.monotonic() - start
    return result


# --------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------

def totals(results: Sequence[SetResult]) -> dict[str, dict[str, Counts]]:
    """Counts summed over the sets that were scored (micro-average)."""
    out = {lang: {m: Counts() for m in MODES} for lang in LANGUAGES}
    for r in results:
        for lang, ls in r.languages.items():
            for m in MODES:
                out[lang][m].add(ls.scores[m])
    return out


def relation_totals(results: Sequence[SetResult]) -> dict[str, dict[str, Counts]]:
    out: dict[str, dict[str, Counts]] = {lang: defaultdict(Counts) for lang in LANGUAGES}
    for r in results:
        for lang, ls in r.languages.items():
            for rel, c in ls.relations.items():
                out[lang][rel].add(c)
    return {lang: dict(sorted(d.items())) for lang, d in out.items()}


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _rows(results: Sequence[SetResult]) -> list[list[str]]:
    rows = []
    scored = [r for r in results if r.status == "ok"]
    for r in results:
        if r.status != "ok":
            continue
        for lang in LANGUAGES:
            for m in MODES:
                c = r.languages[lang].scores[m]
                rows.append([r.name, lang, m, _fmt(c.precision), _fmt(c.recall), _fmt(c.f1),
                             f"{c.tp}/{c.predicted}", f"{c.found}/{c.events}", str(c.neg_hits)])
    tot = totals(scored)
    for lang in LANGUAGES:
        for m in MODES:
            c = tot[lang][m]
            rows.append(["total", lang, m, _fmt(c.precision), _fmt(c.recall), _fmt(c.f1),
                         f"{c.tp}/{c.predicted}", f"{c.found}/{c.events}", str(c.neg_hits)])
    return rows


_HEAD = ["set", "lang", "mode", "P", "R", "F1", "correct/predicted", "found/events", "neg hits"]
_REL_HEAD = ["lang", "relation", "P", "R", "F1", "correct/predicted", "found/support"]


def _rel_rows(results: Sequence[SetResult]) -> list[list[str]]:
    rows = []
    for lang, rels in relation_totals([r for r in results if r.status == "ok"]).items():
        for rel, c in rels.items():
            rows.append([lang, rel, _fmt(c.precision), _fmt(c.recall), _fmt(c.f1),
                         f"{c.tp}/{c.predicted}", f"{c.found}/{c.events}"])
    return rows


def text_table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda row: "  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip()
    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, rows)])


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def report_json(results: Sequence[SetResult]) -> dict:
    scored = [r for r in results if r.status == "ok"]
    doc: dict = {"sets": {}, "total": {}, "relations": {}}
    for r in results:
        entry: dict = {"status": r.status}
        if r.message:
            entry["message"] = r.message
        if r.status == "ok":
            entry["seconds"] = round(r.seconds, 2)
            entry["languages"] = {
                lang: {"articles": r.articles.get(lang, 0),
                       **{m: ls.scores[m].as_dict() for m in MODES},
                       "relations": {rel: c.as_dict() for rel, c in ls.relations.items()}}
                for lang, ls in r.languages.items()}
        doc["sets"][r.name] = entry
    for lang, modes in totals(scored).items():
        doc["total"][lang] = {m: c.as_dict() for m, c in modes.items()}
    for lang, rels in relation_totals(scored).items():
        doc["relations"][lang] = {rel: c.as_dict() for rel, c in rels.items()}
    return doc


def report_markdown(results: Sequence[SetResult]) -> str:
    notes = [f"- `{r.name}`: {r.status}" + (f" ({r.message})" if r.message else "")
             for r in results if r.status != "ok"]
    parts = ["### Extraction quality (`make eval`)", "",
             "P = correct predicted facts / predicted facts; R = gold events found / gold events "
             "(set level per language, scored as `../shared/devset/README.md` says).", "",
             markdown_table(_HEAD, _rows(results)), "",
             "#### Per relation (strict, all sets)", "",
             markdown_table(_REL_HEAD, _rel_rows(results))]
    if notes:
        parts += ["", *notes]
    return "\n".join(parts) + "\n"


def print_verbose(results: Sequence[SetResult], out=None) -> None:
    """False positives (with their evidence sentences) and missed events, per article."""
    out = out if out is not None else sys.stdout
    for r in results:
        if r.status != "ok":
            continue
        for lang, ls in r.languages.items():
            by_article: dict[str, list[str]] = defaultdict(list)
            for fp in ls.false_positives:
                tag = "FP(neg)" if fp.neg else "FP"
                text = f"  {tag}  {fp.keys[0]} --{fp.relation}--> {fp.keys[1]}   [{_short(fp.subject)} -> {_short(fp.object)}]"
                for ev in fp.evidence[:2]:
                    text += f"\n        evidence: {ev}"
                for art in fp.articles or ("(no interaction: structural or unattributed)",):
                    by_article[art].append(text)
            for miss in ls.misses:
                forms = " | ".join(f"{g.subject} --{g.relation}--> {g.object}" + (" (hyp)" if g.hyp else "")
                                   for g in miss.forms)
                for art in miss.articles:
                    by_article[art].append(f"  MISS {forms}")
            for art in sorted(by_article):
                print(f"[{r.name}/{lang}] {art}", file=out)
                for line in by_article[art]:
                    print(line, file=out)


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def discover(shared: Path, only: str | None, own: Path | None = None,
             repo: Path = _REPO) -> tuple[list[DevSet], list[SetResult]]:
    """The sets to score, and the ones skipped with the reason."""
    sets: list[DevSet] = []
    skipped: list[SetResult] = []
    want = lambda name: only is None or only == name
    if want("shared"):
        root = shared / "devset"
        if (root / "gold").is_dir():
            sets.append(load_devset("shared", root))
        else:
            skipped.append(SetResult("shared", "skipped", f"{root} not found"))
    if want("own"):
        root = own if own is not None else repo / "eval" / "devset"
        if (root / "gold").is_dir():
            sets.append(load_devset("own", root))
        else:
            skipped.append(SetResult("own", "skipped", f"{root} not found"))
    if want("seed"):
        article = repo / "seeds" / "seed-article-2021-12-biden-putin.txt"
        gold, ents = shared / "seed-gold.tsv", shared / "seed-entities.tsv"
        missing = [str(p) for p in (article, gold, ents) if not p.is_file()]
        if missing:
            skipped.append(SetResult("seed", "skipped", f"{missing[0]} not found"))
        else:
            sets.append(load_seed(article, gold, ents))
    return sets, skipped


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graphbuild.evaluate",
        description="Build the development sets with `graphbuild build` and score the graphs "
                    "as the hidden benchmark does (../shared/devset/README.md).")
    parser.add_argument("--shared", type=Path, default=_REPO.parent / "shared",
                        help="the shared folder (default: ../shared beside the repository)")
    parser.add_argument("--only", choices=SET_ORDER, help="score one set only")
    parser.add_argument("--own", type=Path, default=_REPO / "eval" / "devset", metavar="DIR",
                        help="our own development set (default: eval/devset)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build into DIR/<set>/ and keep the graphs")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list false positives (with their evidence) and misses per article")
    parser.add_argument("--ontology", type=Path, default=_REPO / "ontology", metavar="DIR",
                        help="folder of the ontology's Turtle files (default: ontology/)")
    parser.add_argument("--out-dir", type=Path, default=Path("eval-out"), metavar="DIR",
                        help="where scores.json and scores.md go (default: eval-out/)")
    parser.add_argument("--graph", action="append", default=[], metavar="SET=FILE",
                        help="score FILE as SET's graph instead of building (repeatable)")
    parser.add_argument("--articles", metavar="REGEX",
                        help="only the articles whose id matches REGEX, e.g. 'own_.._01[3-9]|own_.._02' "
                             "(the articles written after the extractor, see README)")
    args = parser.parse_args(argv)
    try:
        pattern = re.compile(args.articles) if args.articles else None
    except re.error as e:
        parser.error(f"--articles {args.articles!r}: {e}")

    given: dict[str, Path] = {}
    for item in args.graph:
        name, sep, path = item.partition("=")
        if not sep or name not in SET_ORDER:
            parser.error(f"--graph wants SET=FILE with SET one of {', '.join(SET_ORDER)}: {item!r}")
        if not Path(path).is_file():
            parser.error(f"--graph {item}: no such file")
        given[name] = Path(path)

    try:
        sets, skipped = discover(args.shared, args.only, args.own)
    except (OSError, DevSetError) as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    for s in skipped:
        print(f"skipping the {s.name} set: {s.message}")
    ontology = ontology_files(args.ontology)
    if not ontology:
        print(f"note: no ontology files in {args.ontology}; relying on the ontology inside graph.ttl",
              file=sys.stderr)

    results: list[SetResult] = []
    with tempfile.TemporaryDirectory(prefix="graphbuild-eval-subset-") as subsets:
        for devset in sets:
            if pattern is not None and devset.name != "seed":
                devset = subset(devset, pattern, Path(subsets) / devset.name)
            how = f"scoring {given[devset.name]}" if devset.name in given else f"building {devset.articles_dir}"
            print(f"{devset.name}: {how} ...", flush=True)
            result = run_set(devset, ontology, args.keep, given.get(devset.name))
            if result.status != "ok":
                print(f"  {devset.name}: {result.status}: {result.message}")
            results.append(result)
    ordered = sorted(results + skipped, key=lambda r: SET_ORDER.index(r.name))

    if args.verbose:
        print_verbose(ordered)
    print()
    print(text_table(_HEAD, _rows(ordered)))
    print()
    print("per relation (strict, all sets):")
    print(text_table(_REL_HEAD, _rel_rows(ordered)))

    from graphbuild.io.atomic import atomic_write

    with atomic_write(args.out_dir / "scores.json") as f:
        json.dump(report_json(ordered), f, indent=2, ensure_ascii=False)
        f.write("\n")
    with atomic_write(args.out_dir / "scores.md") as f:
        f.write(report_markdown(ordered))
    print(f"\nwrote {args.out_dir / 'scores.json'} and {args.out_dir / 'scores.md'}")
    return 0 if any(r.status == "ok" for r in results) else 3


if __name__ == "__main__":
    sys.exit(main())
