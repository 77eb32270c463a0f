"""Map extracted facts to RDF quads (pyoxigraph terms), one named graph per article.

Pure: no I/O. The shape is documented in DEVELOPERS.md ("RDF shape").
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from ..model import ActorRef, ArticleFacts, Interaction, TopicRef
from . import vocab as V

_T = NamedNode(V.RDF + "type")
_LABEL = NamedNode(V.RDFS + "label")
_ALT = NamedNode(V.SKOS + "altLabel")
_PREF = NamedNode(V.SKOS + "prefLabel")
_SAME = NamedNode(V.OWL + "sameAs")
_XSD_BOOL = NamedNode(V.XSD + "boolean")
_XSD_DEC = NamedNode(V.XSD + "decimal")
_XSD_DATE = NamedNode(V.XSD + "date")
_XSD_GYM = NamedNode(V.XSD + "gYearMonth")
_DERIVED = NamedNode(V.PROV + "wasDerivedFrom")


def G(local: str) -> NamedNode:
    return NamedNode(V.GEO + local)


def _clean(text: str) -> str:
    """Text safe for any RDF serialisation: no control characters but tab and newline, no
    lone surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return "".join(c for c in text if c >= " " or c in "\t\n")


def date_literal(d: date, precision: str | None) -> Literal:
    if precision == "month":
        return Literal(f"{d.year:04d}-{d.month:02d}", datatype=_XSD_GYM)
    return Literal(d.isoformat(), datatype=_XSD_DATE)


def _bool(b: bool) -> Literal:
    return Literal("true" if b else "false", datatype=_XSD_BOOL)


def actor_node(a: ActorRef) -> NamedNode:
    return NamedNode(V.actor_iri(a.key))


def topic_node(t: TopicRef) -> NamedNode:
    return NamedNode(V.place_iri(t.label) if t.type == "Place" else V.topic_iri(t.label))


def object_node(o) -> NamedNode:
    return actor_node(o) if isinstance(o, ActorRef) else topic_node(o)


def article_quads(facts: ArticleFacts) -> list[Quad]:
    """All quads an article yields, in its own named graph."""
    a = facts.article
    g = NamedNode(V.article_iri(a.id))
    q: list[Quad] = []
    add = lambda s, p, o: q.append(Quad(s, p, o, g))  # noqa: E731

    # the article
    add(g, _T, G("Article"))
    add(g, NamedNode(V.DCTERMS + "identifier"), Literal(_clean(a.id)))
    if a.title:
        add(g, NamedNode(V.DCTERMS + "title"), Literal(_clean(a.title)))
    if a.date:
        add(g, NamedNode(V.DCTERMS + "date"), date_literal(a.date, a.date_precision))
    add(g, NamedNode(V.DCTERMS + "language"), Literal(facts.lang))
    if a.url:
        add(g, NamedNode(V.DCTERMS + "source"), Literal(_clean(a.url), datatype=NamedNode(V.XSD + "anyURI")))
    if a.content_hash:
        add(g, G("contentHash"), Literal(a.content_hash))

    # actors
    for key, ref in sorted(facts.actors.items()):
        s = actor_node(ref)
        add(s, _T, G(ref.type))
        add(s, _LABEL, Literal(_clean(ref.label), language="en"))
        if ref.wikidata:
            add(s, _SAME, NamedNode(V.WD + ref.wikidata))
        for lang, name in ref.pref_labels:
            add(s, _PREF, Literal(_clean(name), language=lang))
        for text, lang in sorted(facts.surface_forms.get(key, ())):
            t = _clean(" ".join(text.split()))
            if t:
                add(s, _ALT, Literal(t, language=lang))

    # interactions
    for it in facts.interactions:
        q.extend(interaction_quads(it, g))

    # structural facts
    for st in facts.structural:
        add(actor_node(st.subject), G(st.relation), actor_node(st.object))
    return q


def interaction_quads(it: Interaction, g: NamedNode) -> list[Quad]:
    q: list[Quad] = []
    add = lambda s, p, o: q.append(Quad(s, p, o, g))  # noqa: E731
    obj = it.object
    okey = obj.key if isinstance(obj, ActorRef) else (obj.label if obj else "")
    node = NamedNode(V.interaction_iri(it.article_id, it.sent_start, it.cue, it.agent.key,
                                       it.relation, okey, it.negated))
    add(node, _T, G("Interaction"))
    add(node, G("agent"), actor_node(it.agent))
    add(node, G("relation"), G(it.relation))
    if it.recipient is not None:
        add(node, G("recipient"), actor_node(it.recipient))
    if it.theme is not None:
        tn = object_node(it.theme)
        add(node, G("theme"), tn)
        if isinstance(it.theme, TopicRef):
            add(tn, _T, G(it.theme.type))
            add(tn, _LABEL, Literal(_clean(it.theme.label), language=it.theme.lang))
            if it.theme.core:
                add(tn, _ALT, Literal(_clean(it.theme.core), language=it.theme.lang))
        else:
            add(tn, _T, G(it.theme.type))
            add(tn, _LABEL, Literal(_clean(it.theme.label), language="en"))
    if it.date:
        add(node, G("date"), date_literal(it.date, it.date_precision))
    add(node, G("negated"), _bool(it.negated))
    add(node, G("hypothetical"), _bool(it.hypothetical))
    add(node, G("confidence"), Literal(str(Decimal(str(it.confidence)).quantize(Decimal("0.01"))), datatype=_XSD_DEC))
    add(node, G("evidence"), Literal(_clean(it.sentence), language=it.lang))
    if it.cue:
        add(node, G("cue"), Literal(_clean(it.cue)))
    add(node, _DERIVED, g)
    if not it.negated and obj is not None:
        add(actor_node(it.agent), G(it.relation), object_node(obj))
    return q
