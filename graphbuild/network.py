"""The graph as a NetworkX network: centrality, dyads, and GraphML/GEXF files for Gephi.

>>> from graphbuild.network import to_networkx, network_stats   # doctest: +SKIP
>>> G = to_networkx("out")                                     # doctest: +SKIP
>>> network_stats(G, top=5).actors[0].label                    # doctest: +SKIP
'Vladimir Putin'

``to_networkx`` reuses :func:`graphbuild.export.html.graph_to_networkx` (the network the page
draws): one node per actor (and per topic/place that is the target of an interaction), one
edge per ``geo:Interaction`` from its agent to its recipient (else its theme), keyed by the
interaction's IRI. Each edge's quadrant (``verbal-coop``, ``material-conflict``...) is read
from the ontology's ``geo:quad`` of the relation's category (``rdfs:subPropertyOf*``), with
``graphbuild.rdf.vocab.RELATIONS`` as fallback when the graph carries no ontology.

Statistics leave out negated interactions (reported as not having happened); hypothetical
ones count.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from .rdf.vocab import ACTOR_TYPES, GEO

#: ``geo:VerbalConflict`` -> ``verbal-conflict`` (the names vocab.RELATIONS and the page use).
_QUAD_NAMES = {
    GEO + "VerbalCooperation": "verbal-coop",
    GEO + "MaterialCooperation": "material-coop",
    GEO + "VerbalConflict": "verbal-conflict",
    GEO + "MaterialConflict": "material-conflict",
}
COOPERATION = frozenset({"verbal-coop", "material-coop"})
CONFLICT = frozenset({"verbal-conflict", "material-conflict"})


def _open(store_or_path: Any):
    """A pyoxigraph Store from a Store, a GraphStore, or a path (file, store, output folder)."""
    import pyoxigraph as ox
    if isinstance(store_or_path, ox.Store):
        return store_or_path
    inner = getattr(store_or_path, "store", None)
    if isinstance(inner, ox.Store):
        return inner
    from .api import open_store
    return open_store(Path(store_or_path))


def ontology_quads(store) -> dict[str, str]:
    """Relation IRI -> quadrant name, from the ontology's ``geo:quad`` of its category (the
    ``rdfs:subPropertyOf*`` ancestor that is a direct sub-property of ``geo:interactsWith``)."""
    from .api import run_query
    q = """SELECT DISTINCT ?rel ?quad WHERE {
        ?cat rdfs:subPropertyOf geo:interactsWith ; geo:quad ?quad .
        ?rel rdfs:subPropertyOf* ?cat .
    }"""
    table: dict[str, str] = {}
    for row in run_query(store, q):
        name = _QUAD_NAMES.get(row["quad"].value)
        if name is not None:
            table.setdefault(row["rel"].value, name)
    return table


def to_networkx(store_or_path: Any) -> nx.MultiDiGraph:
    """The interaction network of a store, a store/output folder or an RDF file.

    Node attributes: ``label``, ``type`` (State, Person, Organization, Institution, Topic,
    Place, Actor), ``wikidata``, ``labels_en``, ``labels_fr``, ``degree``. Edge attributes:
    ``relation``, ``category``, ``quad``, ``date``, ``evidence``, ``article``, ``negated``,
    ``hypothetical``, ``confidence``... (see ``graph_to_networkx``).
    """
    from .export.html import graph_to_networkx
    store = _open(store_or_path)
    G = graph_to_networkx(store)
    quads = ontology_quads(store)
    for _, _, data in G.edges(data=True):
        rel = data.get("relation")
        q = quads.get(GEO + rel) if rel else None
        if q is not None:
            data["quad"] = q
    return G


def pagerank(W: nx.DiGraph, alpha: float = 0.85, weight: str = "weight",
             tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank by power iteration, in pure Python (``nx.pagerank`` needs SciPy, which
    graphbuild does not depend on). Same definition as NetworkX: damping ``alpha``, uniform
    teleport, the rank of dangling nodes spread uniformly."""
    nodes = list(W)
    n = len(nodes)
    if n == 0:
        return {}
    out_w = {u: sum(d.get(weight, 1) for _, _, d in W.out_edges(u, data=True)) for u in nodes}
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(x[u] for u in nodes if out_w[u] == 0) / n
        nxt = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v, d in W.edges(data=True):
            nxt[v] += alpha * x[u] * d.get(weight, 1) / out_w[u]
        err = sum(abs(nxt[u] - x[u]) for u in nodes)
        x = nxt
        if err < n * tol:
            break
    return x


def _weighted(H: nx.MultiDiGraph) -> nx.DiGraph:
    """Parallel edges folded into one, ``weight`` = their number; self-loops dropped."""
    W = nx.DiGraph()
    W.add_nodes_from(H)
    for u, v in H.edges():
        if u != v:
            W.add_edge(u, v, weight=W.get_edge_data(u, v, {}).get("weight", 0) + 1)
    return W


def is_actor(G: nx.MultiDiGraph, n: str) -> bool:
    return G.nodes[n].get("type") in (*ACTOR_TYPES, "Actor")


def _happened(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The edges that were not negated."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                     if not d.get("negated"))
    return H


@dataclass
class ActorRank:
    iri: str
    label: str
    type: str
    degree: int          # interactions it takes part in (as agent or target)
    pagerank: float      # on the directed interaction graph, weighted by interactions


@dataclass
class Dyad:
    a: str               # IRI (the pair is unordered: a < b by label)
    b: str
    a_label: str
    b_label: str
    interactions: int    # in either direction
    a_to_b: int
    b_to_a: int
    cooperation: int     # verbal + material cooperation
    conflict: int        # verbal + material conflict
    relations: dict[str, int] = field(default_factory=dict)

    @property
    def balance(self) -> float | None:
        """(cooperation - conflict) / (cooperation + conflict), from -1 (all conflict) to +1;
        None when no interaction of the pair has a known quadrant."""
        n = self.cooperation + self.conflict
        return (self.cooperation - self.conflict) / n if n else None


@dataclass
class NetworkStats:
    actors: list[ActorRank]          # by degree, then PageRank
    pagerank: list[ActorRank]        # by PageRank, then degree
    dyads: list[Dyad]                # by number of interactions
    n_actors: int
    n_interactions: int              # not negated
    n_negated: int

    def as_dict(self) -> dict[str, Any]:
        from dataclasses import asdict
        d = {k: v for k, v in asdict(self).items() if k != "dyads"}
        d["dyads"] = [{**asdict(x), "balance": x.balance} for x in self.dyads]
        return d


def network_stats(G: nx.MultiDiGraph, top: int | None = 10) -> NetworkStats:
    """Most central actors (degree, PageRank) and strongest dyads with their
    cooperation/conflict balance. ``top=None`` keeps all."""
    H = _happened(G)
    actors = [n for n in H if is_actor(H, n)]
    pr = pagerank(_weighted(H))

    def rank(n: str) -> ActorRank:
        d = H.nodes[n]
        return ActorRank(n, d.get("label") or n, d.get("type", "Actor"), H.degree(n), pr.get(n, 0.0))

    ranks = [rank(n) for n in actors]
    by_degree = sorted(ranks, key=lambda r: (-r.degree, -r.pagerank, r.label))
    by_pr = sorted(ranks, key=lambda r: (-r.pagerank, -r.degree, r.label))

    dyads: dict[tuple[str, str], Dyad] = {}
    for u, v, d in H.edges(data=True):
        if u == v or not (is_actor(H, u) and is_actor(H, v)):
            continue
        lu, lv = H.nodes[u].get("label") or u, H.nodes[v].get("label") or v
        a, b = (u, v) if (lu, u) <= (lv, v) else (v, u)
        dy = dyads.get((a, b))
        if dy is None:
            dy = dyads[(a, b)] = Dyad(a, b, H.nodes[a].get("label") or a,
                                      H.nodes[b].get("label") or b, 0, 0, 0, 0, 0, {})
        dy.interactions += 1
        if u == a:
            dy.a_to_b += 1
        else:
            dy.b_to_a += 1
        quad = d.get("quad")
        dy.cooperation += quad in COOPERATION
        dy.conflict += quad in CONFLICT
        rel = d.get("relation") or "?"
        dy.relations[rel] = dy.relations.get(rel, 0) + 1
    dyad_list = sorted(dyads.values(), key=lambda x: (-x.interactions, x.a_label, x.b_label))
    cut = (lambda xs: xs[:top]) if top is not None else (lambda xs: xs)
    n_neg = sum(1 for *_, d in G.edges(data=True) if d.get("negated"))
    return NetworkStats(cut(by_degree), cut(by_pr), cut(dyad_list), len(actors),
                        H.number_of_edges(), n_neg)


def format_stats(st: NetworkStats) -> str:
    """The statistics as three plain-text tables."""
    out = [f"{st.n_actors} actors, {st.n_interactions} interactions "
           f"({st.n_negated} negated, not counted)", ""]

    def table(title: str, head: list[str], rows: list[list[str]]) -> None:
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
        out.append(title)
        out.append("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
        out.append("  ".join("-" * w for w in widths))
        for r in rows:
            out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if not rows:
            out.append("(none)")
        out.append("")

    table("Most central actors (degree = interactions taken part in)",
          ["actor", "type", "degree", "pagerank"],
          [[r.label, r.type, str(r.degree), f"{r.pagerank:.3f}"] for r in st.actors])
    table("By PageRank", ["actor", "type", "pagerank", "degree"],
          [[r.label, r.type, f"{r.pagerank:.3f}", str(r.degree)] for r in st.pagerank])
    table("Strongest dyads (cooperation/conflict balance: +1 all cooperation, -1 all conflict)",
          ["actor A", "actor B", "interactions", "A->B", "B->A", "coop", "conflict", "balance",
           "relations"],
          [[d.a_label, d.b_label, str(d.interactions), str(d.a_to_b), str(d.b_to_a),
            str(d.cooperation), str(d.conflict),
            "n/a" if d.balance is None else f"{d.balance:+.2f}",
            ", ".join(f"{k} {v}" for k, v in sorted(d.relations.items()))] for d in st.dyads])
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Files for Gephi
# --------------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A value GraphML/GEXF can hold: lists joined with " | ", None dropped (returns None)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set)):
        return " | ".join(map(str, value))
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def for_export(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (plus ``pagerank`` on nodes), ready for writers."""
    pr = pagerank(_weighted(_happened(G)))
    X = nx.MultiDiGraph()
    X.graph.update({k: _plain(v) for k, v in G.graph.items() if _plain(v) is not None})
    for n, d in G.nodes(data=True):
        attrs = {k: _plain(v) for k, v in d.items()}
        attrs = {k: v for k, v in attrs.items() if v is not None}
        attrs["pagerank"] = float(pr.get(n, 0.0))
        X.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {a: _plain(x) for a, x in d.items()}
        X.add_edge(u, v, key=k, **{a: x for a, x in attrs.items() if x is not None})
    return X


def write_network(G: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``G`` as GraphML (``.graphml``) or GEXF (``.gexf``), atomically."""
    from .io.atomic import atomic_write
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    X = for_export(G)
    with atomic_write(path, "wb") as f:
        if fmt == "graphml":
            nx.write_graphml(X, f, named_key_ids=True)
        elif fmt == "gexf":
            nx.write_gexf(X, f)
        else:
            raise ValueError(f"{path}: unknown network format {fmt!r} (graphml or gexf)")
    return path
