"""The records that flow between stages.

They hold strings, offsets and dates, never spaCy objects: hashable, picklable (they cross
process boundaries), easy to compare in tests. This module imports neither spaCy nor rdflib.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One input document.

    Attributes:
        id: its identity (clarifications §1): the ``.jsonl`` id, else the path relative to the
            input argument without suffix for ``.txt`` (``fr_001.txt`` -> ``fr_001``).
        text: the body text (the date marker removed).
        lang: ``"fr"``/``"en"`` or ``None`` (detected later).
        date: publication date, if known.
        date_precision: ``"day"`` or ``"month"``.
        source: where it was read (path, and ``#L<n>`` for a jsonl line).
    """

    id: str
    text: str
    lang: str | None = None
    date: date | None = None
    date_precision: str | None = None
    title: str | None = None
    url: str | None = None
    source: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class ActorRef:
    """An actor as extracted: its stable key and what the graph should say about it."""

    key: str                      # gazetteer id, or x-<slug>
    type: str                     # Person | State | Organization | Institution
    label: str                    # canonical (English when known)
    wikidata: str | None = None
    pref_labels: tuple[tuple[str, str], ...] = ()   # (lang, preferred name) from the gazetteer


@dataclass(frozen=True)
class TopicRef:
    """A topic or place: what an interaction is about when it is not an actor."""

    label: str
    type: str = "Topic"           # Topic | Place
    lang: str = "fr"
    head: str = ""                # lemma of the head noun
    named: bool = False           # a named place (« la province d'Idlib »), not a common noun
    core: str = ""                # the label without intensifiers (« fin des combats »), when it differs


@dataclass(frozen=True)
class Interaction:
    """One reported act: who did what to whom, in one sentence of one article."""

    article_id: str
    agent: ActorRef
    relation: str                 # ontology local name, e.g. "warns"
    recipient: ActorRef | None
    theme: ActorRef | TopicRef | None
    sentence: str
    lang: str
    date: date | None = None
    date_precision: str | None = None   # "day" | "month"
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    cue: str = ""
    sent_start: int = 0

    @property
    def object(self) -> ActorRef | TopicRef | None:
        """The object of the direct triple: the recipient if any, else the theme."""
        return self.recipient if self.recipient is not None else self.theme


@dataclass(frozen=True)
class Structural:
    """A structural fact (leaderOf, partOf, memberOf, alliedWith) between two actors."""

    subject: ActorRef
    relation: str
    object: ActorRef


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    lang: str
    actors: dict[str, ActorRef] = field(default_factory=dict)
    surface_forms: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # key -> {(text, lang)}
    interactions: list[Interaction] = field(default_factory=list)
    structural: list[Structural] = field(default_factory=list)
