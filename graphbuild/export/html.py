"""The interactive network page (``graph.html``) and the NetworkX view of the graph.

``graph_to_networkx(store)`` reads actors, themes and interactions from the store with SPARQL
(``use_default_graph_as_union=True``, which in Oxigraph covers the default graph *and* every
named graph, so a store loaded from plain Turtle works the same as the per-article store).

``write_html(store, out_path)`` writes one self-contained HTML file:

* vis-network 9.1.2 is inlined from the copy pyvis ships (what pyvis' ``cdn_resources="in_line"``
  does), but pyvis' own template is not used: it links Bootstrap from a CDN and fills its
  popups with ``innerHTML``. The page loads nothing from the network: no remote
  script, stylesheet, font or image, and a Content-Security-Policy (``default-src 'none'``,
  scripts allowed only by the SHA-256 hashes of the two inline scripts) enforces it.
* The data is one JSON document in ``<script type="application/json">`` with ``<``, ``>``
  and ``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026``, so article text cannot close the
  tag. The page script builds every tooltip and panel with ``textContent``/``createElement``.
* Negated interactions are kept in the data but not drawn by default; the "negated" switch
  draws them as grey dotted edges.
* An edge folds the interactions of one (agent, target) pair; its width is the number of
  distinct events they report (``geo:Event``, :mod:`graphbuild.events`: three articles
  telling one summit count once) and its tooltip lists each event once with its report count.
"""
from __future__ import annotations

import base64
import hashlib
import html as _html
import json
import math
import os
import random
import re
import uuid
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from graphbuild.rdf.vocab import (
    ACTOR_TYPES,
    DCTERMS,
    GEO,
    ID,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    RELATIONS,
    SKOS,
    WD,
    XSD,
    actor_iri,
    article_iri,
    interaction_iri,
    topic_iri,
)

__all__ = [
    "graph_to_networkx",
    "write_html",
    "page_data",
    "render_page",
    "synthetic_store",
    "TYPE_STYLE",
    "QUAD_COLORS",
]

#: Node colour and vis-network shape per node type (actors are dots, themes other shapes).
TYPE_STYLE: dict[str, dict[str, str]] = {
    "State": {"color": "#4e79a7", "shape": "dot"},
    "Person": {"color": "#f28e2b", "shape": "dot"},
    "Organization": {"color": "#b07aa1", "shape": "dot"},
    "Institution": {"color": "#59a1a0", "shape": "dot"},
    "Actor": {"color": "#9d9d9d", "shape": "dot"},
    "Topic": {"color": "#e3b505", "shape": "diamond"},
    "Place": {"color": "#9c755f", "shape": "triangle"},
}
THEME_TYPES = ("Topic", "Place")
NODE_TYPES = tuple(TYPE_STYLE)

#: Edge colours: green-ish cooperation, red-ish conflict; material acts darker than verbal ones.
QUAD_COLORS: dict[str, str] = {
    "verbal-coop": "#5cb85c",
    "material-coop": "#1b6e2a",
    "verbal-conflict": "#e8605d",
    "material-conflict": "#9b1418",
    "mixed": "#8e6bbf",  # a folded edge holding both cooperation and conflict
    "unknown": "#8c8c8c",  # a relation that is in neither the ontology nor vocab.RELATIONS
    "negated": "#b5b5b5",  # drawn dotted, only when the "negated" switch is on
}

_QID = re.compile(r"^Q[1-9][0-9]*$")
_VIS_DIR = ("templates", "lib", "vis-9.1.2")

_PREFIX_BLOCK = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

_INTERACTION_PROPS = {
    GEO + "agent": "agent",
    GEO + "relation": "relation",
    GEO + "recipient": "recipient",
    GEO + "theme": "theme",
    GEO + "date": "date",
    GEO + "negated": "negated",
    GEO + "hypothetical": "hypothetical",
    GEO + "confidence": "confidence",
    GEO + "evidence": "evidence",
    GEO + "cue": "cue",
    PROV + "wasDerivedFrom": "article",
}


# --------------------------------------------------------------------------------------------
# Reading the store
# --------------------------------------------------------------------------------------------

def _select(store: ox.Store, query: str) -> Iterable[Any]:
    return store.query(_PREFIX_BLOCK + query, use_default_graph_as_union=True)


def _local(iri: str) -> str:
    """The readable tail of an IRI: after '#' if any, else after the last '/'."""
    tail = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail) or iri


def _lit_bool(term: Any) -> bool:
    return isinstance(term, ox.Literal) and term.value.strip().lower() in ("true", "1")


def _lit_float(term: Any) -> float | None:
    try:
        v = float(term.value)
    except (AttributeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _sort_key(term: Any) -> tuple[str, str]:
    return (str(getattr(term, "language", "") or ""), term.value)


def _relation_table(store: ox.Store) -> dict[str, tuple[str, str]]:
    """Map relation IRI -> (category local name, quad) from the ontology, vocab as fallback.

    The category is the ancestor (via rdfs:subPropertyOf, any depth) that is itself a direct
    sub-property of geo:interactsWith; the quadrant comes from vocab.RELATIONS for the nearest
    ancestor listed there (or for the category). Missing ontology => vocab.RELATIONS alone.
    """
    parents: dict[str, set[str]] = {}
    for row in _select(store, "SELECT DISTINCT ?p ?q WHERE { ?p rdfs:subPropertyOf ?q }"):
        p, q = row["p"], row["q"]
        if isinstance(p, ox.NamedNode) and isinstance(q, ox.NamedNode):
            parents.setdefault(p.value, set()).add(q.value)
    categories = {p for p, qs in parents.items() if GEO + "interactsWith" in qs}
    cat_quad: dict[str, str] = {}
    for cat, quad in RELATIONS.values():
        cat_quad.setdefault(cat, quad)

    table: dict[str, tuple[str, str]] = {}
    # every relation the ontology or the vocab knows
    candidates = set(parents) | {GEO + r for r in RELATIONS}
    for rel in candidates:
        if rel in categories:
            continue
        # breadth-first walk up the hierarchy
        seen, frontier, order = {rel}, [rel], [rel]
        while frontier:
            nxt = []
            for node in frontier:
                for q in sorted(parents.get(node, ())):
                    if q not in seen:
                        seen.add(q)
                        nxt.append(q)
                        order.append(q)
            frontier = nxt
        category = next((_local(a) for a in order if a in categories), None)
        quad = next(
            (RELATIONS[a[len(GEO):]][1] for a in order
             if a.startswith(GEO) and a[len(GEO):] in RELATIONS),
            None,
        )
        if category is None:
            category = next(
                (RELATIONS[a[len(GEO):]][0] for a in order
                 if a.startswith(GEO) and a[len(GEO):] in RELATIONS),
                None,
            )
        if category is None:
            continue  # not an interaction relation (labels, structural relations...)
        table[rel] = (category, quad or cat_quad.get(category, "unknown"))
    return table


def _read_nodes(store: ox.Store, iris: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Types, labels and Wikidata ids of typed actors/themes (or of the given IRIs)."""
    if iris is None:
        types = ", ".join(f"geo:{t}" for t in ("Actor", *ACTOR_TYPES, *THEME_TYPES))
        q = f"""SELECT DISTINCT ?n ?p ?o WHERE {{
            ?n a ?t . FILTER(?t IN ({types}))
            ?n ?p ?o . FILTER(?p IN (rdf:type, rdfs:label, skos:altLabel, owl:sameAs))
        }}"""
    else:
        iris = sorted(set(iris))
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in iris)
        q = f"""SELECT DISTINCT ?n ?p ?o WHERE {{
            VALUES ?n {{ {values} }}
            ?n ?p ?o . FILTER(?p IN (rdf:type, rdfs:label, skos:altLabel, owl:sameAs))
        }}"""
    raw: dict[str, dict[str, list[Any]]] = {}
    for row in _select(store, q):
        n = row["n"]
        if not isinstance(n, ox.NamedNode):
            continue
        raw.setdefault(n.value, {}).setdefault(row["p"].value, []).append(row["o"])
    out: dict[str, dict[str, Any]] = {}
    for iri, props in raw.items():
        out[iri] = _node_attrs(iri, props)
    return out


def _node_attrs(iri: str, props: dict[str, list[Any]]) -> dict[str, Any]:
    type_locals = {t.value[len(GEO):] for t in props.get(RDF + "type", ())
                   if isinstance(t, ox.NamedNode) and t.value.startswith(GEO)}
    ntype = next((t for t in (*ACTOR_TYPES, *THEME_TYPES) if t in type_locals), None)
    if ntype is None:
        ntype = _type_from_iri(iri)
    labels = sorted((t for t in props.get(RDFS + "label", ()) if isinstance(t, ox.Literal)),
                    key=_sort_key)
    alts = sorted((t for t in props.get(SKOS + "altLabel", ()) if isinstance(t, ox.Literal)),
                  key=_sort_key)
    en_main = [t.value for t in labels if (t.language or "").lower().startswith("en")]
    label = (en_main or [t.value for t in labels] or [t.value for t in alts] or [_local(iri)])[0]

    def by_lang(prefix: str) -> list[str]:
        seen: list[str] = []
        for t in (*labels, *alts):
            if (t.language or "").lower().split("-")[0] == prefix and t.value not in seen:
                seen.append(t.value)
        if prefix == "en" and label in seen:
            seen.remove(label)
            seen.insert(0, label)
        return seen

    wikidata = None
    for t in sorted(props.get(OWL + "sameAs", ()), key=lambda t: t.value):
        if isinstance(t, ox.NamedNode) and t.value.startswith(WD):
            qid = t.value[len(WD):]
            if _QID.match(qid):
                wikidata = qid
                break
    return {"label": label, "type": ntype, "wikidata": wikidata,
            "labels_en": by_lang("en"), "labels_fr": by_lang("fr")}


def _type_from_iri(iri: str) -> str:
    if iri.startswith(ID + "topic/"):
        return "Topic"
    if iri.startswith(ID + "place/"):
        return "Place"
    return "Actor"


def graph_to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """The interaction graph as a ``networkx.MultiDiGraph``.

    Nodes are keyed by IRI: every typed actor (geo:Person/State/Organization/Institution, or
    plain geo:Actor), plus the Topic/Place nodes that are the theme of an interaction without a
    recipient. Node attributes: ``label`` (canonical English name), ``type`` (local name of the
    class: "State", ..., "Topic", "Place"; "Actor" when untyped), ``wikidata`` (the Q-id such
    as "Q159", or None), ``labels_en`` / ``labels_fr`` (canonical label first, then every
    surface form in that language), ``degree`` (number of non-negated interactions the node
    takes part in, the centrality the page uses).

    One edge per geo:Interaction, keyed by the interaction IRI, from geo:agent to geo:recipient
    (or to geo:theme when there is no recipient). Edge attributes: ``relation`` (local name,
    e.g. "warns"), ``category`` (e.g. "threaten", from the ontology's rdfs:subPropertyOf, vocab
    as fallback), ``quad`` ("verbal-coop", "material-conflict", ...; "unknown" for unknown
    relations), ``date`` (lexical form or None), ``evidence``, ``evidence_lang``, ``article``
    (dcterms:identifier of the source article, else its IRI), ``article_title``,
    ``article_iri``, ``negated``, ``hypothetical``, ``confidence`` (float or None), ``theme``
    (IRI or None), ``target_role`` ("recipient" or "theme"), ``event`` (the IRI of the
    geo:Event the interaction reports, see :mod:`graphbuild.events`, or None),
    ``event_reports`` (its geo:reportCount) and ``event_contested``. Interactions with neither
    recipient nor theme cannot be drawn: their count is ``G.graph["skipped_interactions"]``.
    """
    relations = _relation_table(store)
    nodes = _read_nodes(store)

    inter: dict[str, dict[str, list[Any]]] = {}
    prop_filter = ", ".join(f"<{p}>" for p in _INTERACTION_PROPS)
    q = f"""SELECT DISTINCT ?i ?p ?o WHERE {{
        ?i a geo:Interaction ; ?p ?o . FILTER(?p IN ({prop_filter}))
    }}"""
    for row in _select(store, q):
        i = row["i"]
        key = i.value if isinstance(i, ox.NamedNode) else "_:" + i.value
        inter.setdefault(key, {}).setdefault(_INTERACTION_PROPS[row["p"].value], []).append(
            row["o"])

    articles: dict[str, dict[str, str]] = {}
    for row in _select(store, """SELECT DISTINCT ?a ?p ?o WHERE {
            ?a ?p ?o . FILTER(?p IN (dcterms:identifier, dcterms:title)) }"""):
        a = row["a"]
        if isinstance(a, ox.NamedNode) and isinstance(row["o"], ox.Literal):
            field = "identifier" if row["p"].value == DCTERMS + "identifier" else "title"
            articles.setdefault(a.value, {}).setdefault(field, row["o"].value)

    # geo:Event nodes (graphbuild.events): the event each interaction reports, if any
    event_of: dict[str, dict[str, Any]] = {}
    for row in _select(store, """SELECT DISTINCT ?e ?i ?n ?c WHERE {
            ?e a geo:Event ; geo:reportedBy ?i .
            OPTIONAL { ?e geo:reportCount ?n } OPTIONAL { ?e geo:contested ?c } }"""):
        e, i = row["e"], row["i"]
        if isinstance(e, ox.NamedNode) and isinstance(i, ox.NamedNode):
            n = _lit_float(row["n"]) if row["n"] is not None else None
            info = {"event": e.value, "event_reports": int(n) if n else None,
                    "event_contested": _lit_bool(row["c"])}
            if i.value not in event_of or e.value < event_of[i.value]["event"]:
                event_of[i.value] = info

    def first(props: dict[str, list[Any]], name: str, kind: type | None = None) -> Any:
        vals = [v for v in props.get(name, ()) if kind is None or isinstance(v, kind)]
        return min(vals, key=_sort_key) if vals else None

    G = nx.MultiDiGraph(name="graphbuild")
    for iri in sorted(nodes):
        attrs = nodes[iri]
        if attrs["type"] in THEME_TYPES:
            continue  # themes are added when an interaction points at them
        G.add_node(iri, **attrs, degree=0)

    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    missing: set[str] = set()
    skipped = 0
    for key in sorted(inter):
        props = inter[key]
        agent = first(props, "agent", ox.NamedNode)
        rel = first(props, "relation", ox.NamedNode)
        recipient = first(props, "recipient", ox.NamedNode)
        theme = first(props, "theme", ox.NamedNode)
        target = recipient or theme
        if agent is None or rel is None or target is None:
            skipped += 1
            continue
        category, quad = relations.get(rel.value, (None, "unknown"))
        if category is None:
            category = "other"
        art = first(props, "article", ox.NamedNode)
        art_info = articles.get(art.value, {}) if art is not None else {}
        evidence = first(props, "evidence", ox.Literal)
        date = first(props, "date", ox.Literal)
        conf = first(props, "confidence", ox.Literal)
        attrs = {
            "relation": _local(rel.value),
            "category": category,
            "quad": quad,
            "date": date.value if date is not None else None,
            "evidence": evidence.value if evidence is not None else None,
            "evidence_lang": (evidence.language if evidence is not None else None) or None,
            "article": art_info.get("identifier") or (art.value if art is not None else None),
            "article_title": art_info.get("title"),
            "article_iri": art.value if art is not None else None,
            "negated": any(_lit_bool(v) for v in props.get("negated", ())),
            "hypothetical": any(_lit_bool(v) for v in props.get("hypothetical", ())),
            "confidence": _lit_float(conf) if conf is not None else None,
            "theme": theme.value if theme is not None else None,
            "target_role": "recipient" if recipient is not None else "theme",
            "event": None, "event_reports": None, "event_contested": False,
        }
        attrs.update(event_of.get(key, {}))
        for n in (agent.value, target.value):
            if n not in G and n not in nodes:
                missing.add(n)
        edges.append((agent.value, target.value, key, attrs))

    found = _read_nodes(store, missing) if missing else {}
    for u, v, key, attrs in edges:
        for n in (u, v):
            if n not in G:
                a = nodes.get(n) or found.get(n)
                if a is None:
                    a = {"label": _local(n), "type": _type_from_iri(n), "wikidata": None,
                         "labels_en": [], "labels_fr": []}
                G.add_node(n, **a, degree=0)
        G.add_edge(u, v, key=key, **attrs)
        if not attrs["negated"]:
            G.nodes[u]["degree"] += 1
            G.nodes[v]["degree"] += 1
    G.graph["skipped_interactions"] = skipped
    return G


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------

def page_data(G: nx.MultiDiGraph, *, max_nodes: int | None = None,
              title: str = "graphbuild") -> dict[str, Any]:
    """The JSON document the page reads: the kept nodes, the interactions between them and
    the events those interactions report (``evt``: index into ``events``, or null when the
    graph has no event for it; the page then counts the interaction as an event of its own).

    ``max_nodes`` keeps the N nodes (actors and themes alike) with the highest degree, ties
    broken by label then IRI; interactions survive when both their ends are kept.
    """
    if max_nodes is not None and max_nodes < 0:
        raise ValueError(f"max_nodes must be >= 0, not {max_nodes}")
    ranked = sorted(G.nodes, key=lambda n: (-G.nodes[n]["degree"],
                                            G.nodes[n]["label"].casefold(), n))
    kept = ranked if max_nodes is None else ranked[:max_nodes]
    kept_sorted = sorted(kept)
    index = {iri: i for i, iri in enumerate(kept_sorted)}
    max_deg = max((G.nodes[n]["degree"] for n in kept), default=0) or 1

    nodes = []
    for iri in kept_sorted:
        a = G.nodes[iri]
        deg = a["degree"]
        nodes.append({
            "id": index[iri], "iri": iri, "label": a["label"], "type": a["type"],
            "wd": a["wikidata"], "en": a["labels_en"], "fr": a["labels_fr"], "deg": deg,
            # node size by degree centrality: area grows with degree
            "size": round(10 + 30 * math.sqrt(deg / max_deg), 2),
        })
    interactions = []
    kept_edges = [(u, v, key, e) for u, v, key, e in
                  sorted(G.edges(keys=True, data=True), key=lambda x: x[2])
                  if u in index and v in index]
    # the events the kept interactions report: the page sizes edges by distinct events
    events = sorted({e["event"]: (e.get("event_reports"), bool(e.get("event_contested")))
                     for *_, e in kept_edges if e.get("event")}.items())
    event_index = {iri: i for i, (iri, _) in enumerate(events)}
    for u, v, key, e in kept_edges:
        interactions.append({
            "f": index[u], "t": index[v], "rel": e["relation"], "cat": e["category"],
            "quad": e["quad"], "date": e["date"], "ev": e["evidence"],
            "lang": e["evidence_lang"], "art": e["article"], "title": e["article_title"],
            "neg": e["negated"], "hyp": e["hypothetical"], "conf": e["confidence"], "iri": key,
            "evt": event_index.get(e.get("event")),
        })
    if len(nodes) > IMPROVED_LAYOUT_MAX:
        for n, (x, y) in zip(nodes, _seed_layout(nodes, interactions)):
            n["x"], n["y"] = x, y
    types_present = sorted({n["type"] for n in nodes}, key=NODE_TYPES.index)
    return {
        "title": title,
        "stats": {"nodes_total": G.number_of_nodes(), "nodes_shown": len(nodes),
                  "interactions_total": G.number_of_edges(),
                  "interactions_shown": len(interactions)},
        "style": {"types": {t: TYPE_STYLE[t] for t in types_present}, "quads": QUAD_COLORS},
        "nodes": nodes,
        "interactions": interactions,
        # geo:Event nodes: iri, n = reports (distinct articles), c = contested
        "events": [{"iri": iri, "n": n, "c": c} for iri, (n, c) in events],
    }


#: Up to this many nodes the page lets vis-network compute the initial layout itself
#: (``improvedLayout``, Kamada-Kawai on clusters: good but quadratic); above, ``page_data``
#: seeds positions with ``_seed_layout`` and the browser only refines them.
IMPROVED_LAYOUT_MAX = 150
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _seed_layout(nodes: list[dict[str, Any]], interactions: list[dict[str, Any]],
                 spacing: float = 70.0, seed: int = 0) -> list[tuple[float, float]]:
    """Initial positions for big graphs, linear time: the physics then has little to do.

    Nodes are taken by decreasing degree. A node none of whose neighbours is placed yet (the
    hubs, and the first node of every component) gets the next slot of a sunflower spiral
    around the origin, so hubs sit near the centre and components spread evenly. Any other
    node takes the next slot of a small sunflower around its strongest placed neighbour, so
    that communities start together and neighbours of a hub do not start on top of each other.
    """
    rng = random.Random(seed)
    adj: list[dict[int, int]] = [{} for _ in nodes]
    for it in interactions:
        if it["neg"] or it["f"] == it["t"]:
            continue
        f, t = it["f"], it["t"]
        adj[f][t] = adj[f].get(t, 0) + 1
        adj[t][f] = adj[t].get(f, 0) + 1
    order = sorted(range(len(nodes)), key=lambda i: (-len(adj[i]), i))
    pos: list[tuple[float, float] | None] = [None] * len(nodes)
    children = [0] * len(nodes)
    turn = [rng.random() * 2 * math.pi for _ in nodes]
    slot = 0
    for i in order:
        anchor = max((j for j in adj[i] if pos[j] is not None),
                     key=lambda j: (adj[i][j], len(adj[j]), -j), default=None)
        if anchor is None:
            r = spacing * 2.5 * math.sqrt(slot + 0.5)
            a = slot * _GOLDEN_ANGLE
            pos[i] = (r * math.cos(a), r * math.sin(a))
            slot += 1
            continue
        k = children[anchor] = children[anchor] + 1
        ax, ay = pos[anchor]  # type: ignore[misc]
        r = spacing * (0.9 + 0.55 * math.sqrt(k))
        a = turn[anchor] + k * _GOLDEN_ANGLE
        pos[i] = (ax + r * math.cos(a), ay + r * math.sin(a))
    return [(round(p[0], 1), round(p[1], 1)) for p in pos]  # type: ignore[index]


def json_for_script(obj: Any) -> str:
    """JSON safe to put inside ``<script type="application/json">``: no '<', '>' or '&'."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _package_text(*parts: str) -> str:
    return resources.files("graphbuild").joinpath(*parts).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    return resources.files("pyvis").joinpath(*_VIS_DIR, name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_page(data: dict[str, Any]) -> str:
    """The complete HTML text for ``page_data(...)``."""
    vis_js, vis_css = _vis_asset("vis-network.min.js"), _vis_asset("vis-network.css")
    app_js, app_css = _package_text("static", "graph.js"), _package_text("static", "graph.css")
    for name, text in (("vis-network.min.js", vis_js), ("graph.js", app_js)):
        if re.search(r"</script|<!--", text, re.I):
            raise RuntimeError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    for name, text in (("vis-network.css", vis_css), ("graph.css", app_css)):
        if re.search(r"</style", text, re.I):
            raise RuntimeError(f"{name} contains '</style' and cannot be inlined")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-src 'none'",
        "object-src 'none'",
    ])
    values = {
        "TITLE": _html.escape(str(data.get("title", "graphbuild")), quote=True),
        "CSP": _html.escape(csp, quote=True),
        "VIS_CSS": vis_css,
        "APP_CSS": app_css,
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": json_for_script(data),
    }
    template = _package_text("templates", "graph.html")
    # one pass, so that text inserted for one placeholder is never searched for another
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], template)


def write_html(store: ox.Store, out_path: Path, *, max_nodes: int | None = None,
               title: str = "graphbuild") -> Path:
    """Write the interactive network page for ``store`` to ``out_path`` (atomically)."""
    out_path = Path(out_path)
    text = render_page(page_data(graph_to_networkx(store), max_nodes=max_nodes, title=title))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # a unique name (two builds writing pages side by side do not collide), created with the
    # user's umask like any output
    tmp = out_path.parent / f".{out_path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path


# --------------------------------------------------------------------------------------------
# Synthetic data for the page benchmark
# --------------------------------------------------------------------------------------------

_SYLLABLES = ("ka", "lo", "mi", "ra", "tse", "vo", "an", "dre", "ol", "su", "ne", "gor",
              "bel", "ia", "tan", "ur", "ve", "zi", "pa", "no")


def synthetic_store(n_actors: int, n_edges: int, seed: int = 0) -> ox.Store:
    """An in-memory store shaped like a real build, with ``n_actors`` actors and ``n_edges``
    interactions (about 5 % negated, 10 % hypothetical, 5 % aimed at a theme instead of an
    actor), spread over one named graph per article (20 interactions an article). Degrees
    follow a preferential-attachment-like distribution, as news graphs do.
    """
    rng = random.Random(seed)
    nn, lit = ox.NamedNode, ox.Literal
    a_type, label, alt, same = (nn(RDF + "type"), nn(RDFS + "label"), nn(SKOS + "altLabel"),
                                nn(OWL + "sameAs"))
    g_ = lambda local: nn(GEO + local)  # noqa: E731
    xsd_bool, xsd_date, xsd_dec = nn(XSD + "boolean"), nn(XSD + "date"), nn(XSD + "decimal")
    rels = sorted(RELATIONS)

    def name() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    actors = []
    for i in range(n_actors):
        t = rng.choices(ACTOR_TYPES, weights=(4, 3, 2, 1))[0]
        lab = f"{name()} {name()}" if t == "Person" else name()
        actors.append((nn(actor_iri(f"syn-{i}")), t, lab, f"Q{1000 + i}" if i % 3 else None))
    topics = [(nn(topic_iri(f"topic {i}")), f"topic {i}") for i in range(max(1, min(50, n_actors // 100)))]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]
    quads: list[ox.Quad] = []
    per_article = 20
    for k in range(n_edges):
        art = nn(article_iri(f"synthetic-{k // per_article}"))
        g = art
        if k % per_article == 0:
            quads += [ox.Quad(art, a_type, g_("Article"), g),
                      ox.Quad(art, nn(DCTERMS + "identifier"), lit(f"synthetic-{k // per_article}"), g),
                      ox.Quad(art, nn(DCTERMS + "title"), lit(f"Synthetic article {k // per_article}", language="en"), g)]
        ai, ri = rng.choices(range(n_actors), weights=weights, k=2)
        if ai == ri:
            ri = (ri + 1) % n_actors
        rel = rng.choice(rels)
        neg, hyp, to_theme = rng.random() < 0.05, rng.random() < 0.10, rng.random() < 0.05
        it = nn(interaction_iri("synthetic", k))
        day = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        quads += [
            ox.Quad(it, a_type, g_("Interaction"), g),
            ox.Quad(it, g_("agent"), actors[ai][0], g),
            ox.Quad(it, g_("relation"), g_(rel), g),
            ox.Quad(it, g_("date"), lit(day, datatype=xsd_date), g),
            ox.Quad(it, g_("negated"), lit("true" if neg else "false", datatype=xsd_bool), g),
            ox.Quad(it, g_("hypothetical"), lit("true" if hyp else "false", datatype=xsd_bool), g),
            ox.Quad(it, g_("confidence"), lit("0.8", datatype=xsd_dec), g),
            ox.Quad(it, g_("evidence"), lit(f"{actors[ai][2]} {rel} {actors[ri][2]} ({k}).", language="en"), g),
            ox.Quad(it, nn(PROV + "wasDerivedFrom"), art, g),
        ]
        if to_theme:
            obj = rng.choice(topics)[0]
            quads.append(ox.Quad(it, g_("theme"), obj, g))
        else:
            obj = actors[ri][0]
            quads.append(ox.Quad(it, g_("recipient"), obj, g))
        if not neg:
            quads.append(ox.Quad(actors[ai][0], g_(rel), obj, g))
    # actor descriptions, in the graph of a (fake) gazetteer article so every actor exists
    gz = nn(article_iri("synthetic-gazetteer"))
    for iri, t, lab, qid in actors:
        quads += [ox.Quad(iri, a_type, g_(t), gz), ox.Quad(iri, label, lit(lab, language="en"), gz),
                  ox.Quad(iri, alt, lit(lab, language="fr"), gz)]
        if qid:
            quads.append(ox.Quad(iri, same, nn(WD + qid), gz))
    for iri, lab in topics:
        quads += [ox.Quad(iri, a_type, g_("Topic"), gz), ox.Quad(iri, label, lit(lab, language="en"), gz)]
    store = ox.Store()
    store.extend(quads)
    return store
