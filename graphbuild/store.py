"""The persistent store: a pyoxigraph on-disk store with one named graph per article.

* ``GraphStore.put_article(facts)`` replaces the article's named graph in **one transaction**
  (one SPARQL update request, which Oxigraph applies atomically), so an interrupted build
  leaves every article either fully old or fully new (clarifications §2).
* **The default graph holds the union** of all named graphs as a *set*: every triple stated
  by at least one graph (article or ontology), once. The same update that replaces an
  article's graph removes from the default graph the triples no other graph states and adds
  the new ones. Query the default graph (``use_default_graph_as_union=False``, what
  :func:`graphbuild.api.run_query` does): a triple many articles state (an actor's label, its
  type) then matches once. Oxigraph 0.5's ``use_default_graph_as_union=True`` is a *bag*
  (the triple matches once per graph, oxigraph issue #1919), which multiplies rows and makes
  joins on shared actor triples explode at scale; it stays correct (if slower) for
  ``SELECT DISTINCT`` queries, and a store written before the default graph was kept is
  upgraded the first time it is opened for writing.
* ``GraphStore.is_current(article)`` compares the content hash stored with the article, so
  a rebuild of a grown folder only extracts new and changed articles.
* ``GraphStore.export(path, fmt)`` writes the union (the default graph; ontology included),
  or the named graphs for N-Quads and TriG, atomically (temp file, then rename).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize

from .errors import GraphbuildError
from .io.atomic import atomic_write
from .model import Article, ArticleFacts
from .rdf import vocab as V
from .rdf.build import article_quads

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
_HASH = NamedNode(V.GEO + "contentHash")
LOCK_NAME = "graphbuild.lock"

FORMATS = {
    "turtle": (RdfFormat.TURTLE, ".ttl"),
    "ttl": (RdfFormat.TURTLE, ".ttl"),
    "ntriples": (RdfFormat.N_TRIPLES, ".nt"),
    "nt": (RdfFormat.N_TRIPLES, ".nt"),
    "nquads": (RdfFormat.N_QUADS, ".nq"),
    "nq": (RdfFormat.N_QUADS, ".nq"),
    "trig": (RdfFormat.TRIG, ".trig"),
    "jsonld": (getattr(RdfFormat, "JSON_LD", None), ".jsonld"),
}


def ontology_files() -> list[Path]:
    """The ontology's Turtle files (``ontology/*.ttl``, SHACL shapes excluded)."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if "shape" not in p.name)


def _term(t) -> str:
    return str(t)


class StoreLocked(GraphbuildError):
    """Another process (``graphbuild serve``, another build) holds the store."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    except OSError:
        return False
    return True


def lock_holder(path: Path | str) -> tuple[int, str] | None:
    """``(pid, who)`` of the live process holding the store's lock file, else None.

    The lock file ``<store>/graphbuild.lock`` holds one line ``<pid> <who>``. A lock whose
    process is gone (a build killed with SIGKILL) is stale: it is removed and None returned.
    """
    lock = Path(path) / LOCK_NAME
    try:
        text = lock.read_text("utf-8")
    except OSError:
        return None
    try:
        pid_s, who = text.split(maxsplit=1)
        pid = int(pid_s)
    except ValueError:
        pid, who = -1, ""
    if pid > 0 and _pid_alive(pid):
        return pid, who.strip()
    lock.unlink(missing_ok=True)  # stale lock
    return None


def check_lock(path: Path | str) -> None:
    """Raise :class:`StoreLocked` (one line naming the holder) while the store is held."""
    held = lock_holder(path)
    if held is not None and held[0] != os.getpid():
        pid, who = held
        raise StoreLocked(f"{path}: store in use by {who} (pid {pid}); stop it first")


def acquire_lock(path: Path | str, owner: str, pid: int | None = None) -> None:
    """Write the lock file ``<pid> <owner>`` (default: this process), refusing if held."""
    path = Path(path)
    check_lock(path)
    path.mkdir(parents=True, exist_ok=True)
    lock = path / LOCK_NAME
    line = f"{pid or os.getpid()} {owner}\n".encode("utf-8")
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        held = lock_holder(path)
        if held is not None and held[0] == os.getpid():
            fd = os.open(lock, os.O_WRONLY | os.O_TRUNC)  # ours: re-label it
        else:
            check_lock(path)  # another process won the race: refuse with its name
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(line)


def release_lock(path: Path | str, pid: int | None = None) -> None:
    """Remove the lock file if it is held by ``pid`` (default: this process)."""
    held = lock_holder(path)
    if held is not None and held[0] == (pid or os.getpid()):
        (Path(path) / LOCK_NAME).unlink(missing_ok=True)


def has_default_graph(store: Store) -> bool:
    """Whether the default graph of ``store`` holds any triple."""
    return any(True for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))


def union_triples(store: Store) -> Iterator:
    """The distinct triples of all the graphs of ``store``: its default graph when it holds
    the union (a graphbuild store, what ``api.open_store`` loads), else computed."""
    if has_default_graph(store) or not any(True for _ in store.named_graphs()):
        for q in store.quads_for_pattern(None, None, None, DefaultGraph()):
            yield q.triple
        return
    seen = set()  # a store written by an older graphbuild, opened read-only
    for q in store.quads_for_pattern(None, None, None, None):
        t = q.triple
        if t not in seen:
            seen.add(t)
            yield t


class GraphStore:
    """A graphbuild store at ``path`` (created if needed); ``path=None`` for in-memory."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self.store = Store()
        elif read_only:
            self.store = Store.read_only(str(self.path))
        else:
            # Oxigraph lets a read-write opening succeed while `oxigraph serve-read-only` reads
            # the same folder (undefined behaviour, clarifications §3): check the lock first.
            check_lock(self.path)
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = Store(str(self.path))
            self._ensure_union()

    # -- locking -------------------------------------------------------------------------

    def lock(self, owner: str = "build") -> None:
        """Refuse to build while another process (a `graphbuild serve`) holds the store."""
        if self.path is not None:
            acquire_lock(self.path, owner)

    def unlock(self) -> None:
        if self.path is not None:
            release_lock(self.path)

    # -- writing -------------------------------------------------------------------------

    def load_ontology(self) -> None:
        g = NamedNode(V.ONTOLOGY_GRAPH)
        quads = []
        for p in ontology_files():
            with open(p, "rb") as f:
                quads.extend(Quad(t.subject, t.predicate, t.object, g)
                             for t in parse(f, RdfFormat.TURTLE))
        self._replace_graph(g, quads)

    def _replace_graph(self, g: NamedNode, quads: list[Quad]) -> None:
        body = "\n".join(f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)} ." for q in quads)
        self._replace(g.value, body)

    def _replace(self, graph: str, body: str | None) -> None:
        """In one update request (one transaction): remove from the default graph the
        triples of ``graph`` that no other named graph states, drop ``graph``, insert
        ``body`` (N-Triples lines; None to only remove) into ``graph``, then copy ``graph``
        into the default graph (the body is parsed once; its blank nodes stay the same)."""
        g = f"<{graph}>"
        ops = [
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }}",
            f"DROP SILENT GRAPH {g}",
        ]
        if body is not None and body.strip():
            ops.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
            ops.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        self.store.update(" ;\n".join(ops))

    def has_union(self) -> bool:
        """Whether the default graph holds the union (always, once the store was opened for
        writing by this version; False for an older store opened read-only)."""
        return has_default_graph(self.store) or not any(True for _ in self.store.named_graphs())

    def _ensure_union(self) -> None:
        """Upgrade a store written before the default graph held the union."""
        if not has_default_graph(self.store) and any(True for _ in self.store.named_graphs()):
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def is_current(self, article: Article) -> bool:
        g = NamedNode(V.article_iri(article.id))
        for q in self.store.quads_for_pattern(g, _HASH, None, g):
            return q.object.value == article.content_hash
        return False

    def put_article(self, facts: ArticleFacts) -> int:
        """Replace the article's named graph with its facts, in one transaction."""
        g = NamedNode(V.article_iri(facts.article.id))
        quads = article_quads(facts)
        self._replace_graph(g, quads)
        return len(quads)

    def put_graph(self, graph) -> int:
        """Replace one article's named graph with ``graph`` (a
        :class:`graphbuild.parallel.ArticleGraph`: its IRI and its triples as N-Triples text,
        made by a worker process), in one transaction."""
        self._replace(graph.graph, graph.triples)
        return graph.count

    def remove_article(self, identity: str) -> bool:
        """Drop the named graph of the article ``identity`` (or of the article IRI given);
        False when the store has no such article."""
        iri = identity if identity.startswith(V.ID + "article/") else V.article_iri(identity)
        g = NamedNode(iri)
        if not self.store.contains_named_graph(g):
            return False
        self._replace(iri, None)
        return True

    def article_ids(self) -> list[str]:
        q = f"SELECT ?id WHERE {{ GRAPH ?g {{ ?g a <{V.GEO}Article> ; <{V.DCTERMS}identifier> ?id }} }}"
        return sorted(s["id"].value for s in self.store.query(q))

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # -- reading -------------------------------------------------------------------------

    def triples(self) -> Iterator:
        """The union of all graphs as distinct triples (the default graph)."""
        return union_triples(self.store)

    def named_quads(self) -> Iterator[Quad]:
        """The quads of the named graphs (articles and ontology), without the default graph."""
        for q in self.store.quads_for_pattern(None, None, None, None):
            if not isinstance(q.graph_name, DefaultGraph):
                yield q

    def __len__(self) -> int:
        """Number of distinct triples of the union."""
        return sum(1 for _ in self.triples())

    def export(self, path: Path, fmt: str = "turtle") -> Path:
        """Write the graph atomically. Triple formats get the union of all graphs; N-Quads and
        TriG keep the per-article named graphs (and only them)."""
        rdf_format, _ = FORMATS[fmt]
        if rdf_format is None:
            raise GraphbuildError(f"format {fmt!r} needs a newer pyoxigraph")
        prefixes = dict(V.SERIALIZE_PREFIXES)
        with atomic_write(path, "wb") as f:
            if fmt in ("nquads", "nq", "trig"):
                serialize(self.named_quads(), f, rdf_format,
                          **({"prefixes": prefixes} if fmt == "trig" else {}))
            else:
                kw = {"prefixes": prefixes} if fmt in ("turtle", "ttl") else {}
                serialize(self.triples(), f, rdf_format, **kw)
        return path
