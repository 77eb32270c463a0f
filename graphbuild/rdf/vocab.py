"""Namespaces and deterministic IRI minting.

Every IRI graphbuild writes is minted here, from stable keys, so that two builds of the same
input give the same IRIs and the same actor gets one IRI across articles and languages.

>>> actor_iri("russia")
'https://w3id.org/geokg/id/actor/russia'
>>> slug("Sergueï  Lavrov")
'serguei-lavrov'
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

GEO = "https://w3id.org/geokg/ontology#"
ONTOLOGY_GRAPH = "https://w3id.org/geokg/ontology"
ID = "https://w3id.org/geokg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "geo": GEO, "id": ID, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "skos": SKOS, "prov": PROV, "dcterms": DCTERMS, "wd": WD,
}
#: Prefixes for written files: one per kind of instance, so that no prefixed name needs an
#: escaped "/" (``actor:vladimir-putin``, not ``id:actor\/vladimir-putin``), which some
#: triple stores' Turtle parsers do not accept.
SERIALIZE_PREFIXES = {
    **{k: v for k, v in PREFIXES.items() if k != "id"},
    "actor": ID + "actor/", "topic": ID + "topic/", "place": ID + "place/",
    "article": ID + "article/", "interaction": ID + "interaction/", "event": ID + "event/",
}

#: The interaction relations of ontology-core.md, with their category and quadrant.
#: (The ontology file is the source of truth; tests/test_ontology.py checks they agree.)
RELATIONS: dict[str, tuple[str, str]] = {
    "meetsWith": ("consult", "verbal-coop"),
    "negotiatesWith": ("consult", "verbal-coop"),
    "proposes": ("cooperate", "verbal-coop"),
    "promises": ("cooperate", "verbal-coop"),
    "coordinatesWith": ("cooperate", "verbal-coop"),
    "agreesWith": ("agree", "verbal-coop"),
    "supports": ("support", "verbal-coop"),
    "demands": ("request", "verbal-conflict"),
    "rejects": ("reject", "verbal-conflict"),
    "expressesConcern": ("accuse", "verbal-conflict"),
    "denounces": ("accuse", "verbal-conflict"),
    "accuses": ("accuse", "verbal-conflict"),
    "warns": ("threaten", "verbal-conflict"),
    "threatens": ("threaten", "verbal-conflict"),
    "sanctions": ("sanction", "material-conflict"),
    "deploysForces": ("mobilize", "material-conflict"),
    "attacks": ("assault", "material-conflict"),
    "aids": ("aid", "material-coop"),
    "expandsTowards": ("mobilize", "material-conflict"),
    "concedes": ("concede", "material-coop"),
}
SYMMETRIC = frozenset({"meetsWith", "negotiatesWith", "coordinatesWith", "agreesWith"})
STRUCTURAL = ("leaderOf", "memberOf", "alliedWith", "partOf")
ACTOR_TYPES = ("Person", "State", "Organization", "Institution")

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 80) -> str:
    """A lowercase ASCII slug: accents dropped, runs of other characters turned into '-'.

    Never empty: text with no ASCII letter or digit gets a short hash instead.
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = _NON_SLUG.sub("-", ascii_.lower()).strip("-")[:max_len].strip("-")
    return s or "h" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def actor_iri(key: str) -> str:
    """IRI of an actor from its gazetteer id (or ``x-<slug>`` for actors the gazetteer lacks)."""
    return f"{ID}actor/{key}"


def topic_iri(label: str) -> str:
    return f"{ID}topic/{slug(label)}"


def place_iri(label: str) -> str:
    return f"{ID}place/{slug(label)}"


def article_iri(identity: str) -> str:
    """IRI of an article from its identity (clarifications §1), percent-encoded, always valid.

    A final "." is encoded too: Turtle writers escape it (``id:article\\/a\\.``), which rdflib
    cannot read back.

    >>> article_iri("a/b.")
    'https://w3id.org/geokg/id/article/a%2Fb%2E'
    """
    local = quote(identity.encode("utf-8", "surrogatepass"), safe="-._~")
    if local.endswith("."):
        local = local[:-1] + "%2E"
    return f"{ID}article/{local}"


def interaction_iri(*parts: object) -> str:
    """IRI of an interaction: a hash of what identifies it (article, sentence, cue, roles)."""
    h = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{ID}interaction/{h}"


def event_iri(*parts: object) -> str:
    h = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{ID}event/{h}"


def geo(local: str) -> str:
    return GEO + local
