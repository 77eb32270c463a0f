"""The persistent store: a pyoxigraph on-disk store with one named graph per article.

* ``GraphStore.put_article(facts)`` replaces the article's named graph in **one transaction**
  (a SPARQL update ``DROP GRAPH ... ; INSERT DATA ...``), so an interrupted build leaves every
  article either fully old or fully new (clarifications §2).
* ``GraphStore.is_current(article)`` compares the content hash stored with the article, so
  a rebuild of a grown folder only extracts new and changed articles.
* ``GraphStore.export(path, fmt)`` writes the union of all graphs (ontology included)
  atomically (temp file, then rename).
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
    pass


class GraphStore:
    """A graphbuild store at ``path`` (created if needed); ``path=None`` for in-memory."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self.store = Store()
        elif read_only:
            self.store = Store.read_only(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = Store(str(self.path))

    # -- locking -------------------------------------------------------------------------

    def lock(self, owner: str = "build") -> None:
        """Refuse to build while another process (a `graphbuild serve`) holds the store."""
        if self.path is None:
            return
        lock = self.path / LOCK_NAME
        if lock.exists():
            try:
                pid, who = lock.read_text().split(maxsplit=1)
                os.kill(int(pid), 0)
            except (ValueError, OSError):
                lock.unlink(missing_ok=True)  # stale lock
            else:
                raise StoreLocked(f"{self.path}: store in use by {who.strip()} (pid {pid}); stop it first")
        lock.write_text(f"{os.getpid()} {owner}\n")

    def unlock(self) -> None:
        if self.path is not None:
            (self.path / LOCK_NAME).unlink(missing_ok=True)

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
        update = f"DROP SILENT GRAPH {_term(g)} ;\nINSERT DATA {{ GRAPH {_term(g)} {{\n{body}\n}} }}"
        self.store.update(update)

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

    def remove_article(self, identity: str) -> bool:
        g = NamedNode(V.article_iri(identity))
        if not self.store.contains_named_graph(g):
            return False
        self.store.update(f"DROP GRAPH {_term(g)}")
        return True

    def article_ids(self) -> list[str]:
        q = f"SELECT ?id WHERE {{ GRAPH ?g {{ ?g a <{V.GEO}Article> ; <{V.DCTERMS}identifier> ?id }} }}"
        return sorted(s["id"].value for s in self.store.query(q))

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # -- reading -------------------------------------------------------------------------

    def triples(self) -> Iterator:
        """The union of all graphs as distinct triples."""
        seen = set()
        for q in self.store.quads_for_pattern(None, None, None, None):
            t = q.triple
            if t not in seen:
                seen.add(t)
                yield t

    def __len__(self) -> int:
        return sum(1 for _ in self.triples())

    def export(self, path: Path, fmt: str = "turtle") -> Path:
        """Write the graph atomically. Triple formats get the union of all graphs; N-Quads and
        TriG keep the per-article named graphs."""
        rdf_format, _ = FORMATS[fmt]
        if rdf_format is None:
            raise GraphbuildError(f"format {fmt!r} needs a newer pyoxigraph")
        prefixes = {k: v for k, v in V.PREFIXES.items()}
        with atomic_write(path, "wb") as f:
            if fmt in ("nquads", "nq", "trig"):
                data = self.store.quads_for_pattern(None, None, None, None)
                serialize(data, f, rdf_format, **({"prefixes": prefixes} if fmt == "trig" else {}))
            else:
                kw = {"prefixes": prefixes} if fmt in ("turtle", "ttl", "jsonld") and fmt != "jsonld" else {}
                serialize(self.triples(), f, rdf_format, **kw)
        return path
