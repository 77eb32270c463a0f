"""The Python API: what the CLI and the notebooks call.

>>> from graphbuild import api                                   # doctest: +SKIP
>>> result = api.build(["seeds"], out="out")                     # doctest: +SKIP
>>> api.query("out/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # doctest: +SKIP
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputError
from .model import Article


@dataclass
class BuildResult:
    """What a build did."""

    articles: int = 0              # articles extracted in this build
    unchanged: int = 0             # articles skipped because their content hash is unchanged
    rejected: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    actors: int = 0                # distinct actors in the whole graph
    interactions: int = 0          # interactions in the whole graph
    triples: int = 0
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        from .errors import EXIT_NOTHING_BUILT, EXIT_OK, EXIT_PARTIAL
        if self.articles + self.unchanged == 0:
            return EXIT_NOTHING_BUILT
        return EXIT_PARTIAL if self.rejected else EXIT_OK

    def summary(self) -> str:
        s = (f"{self.articles} articles extracted, {self.unchanged} unchanged, "
             f"{len(self.rejected)} rejected; {self.actors} actors, {self.interactions} interactions, "
             f"{self.triples} triples in {self.seconds:.1f} s")
        return s


def build(paths: Iterable[str | Path], out: str | Path = "out", *, store: str | Path | None = None,
          gazetteer: Iterable[Path] = (), lang: str | None = None, model: str | None = None,
          formats: Iterable[str] = ("turtle",), html: bool = True, max_nodes: int | None = None,
          strict: bool = False, progress: bool = True,
          on_error: Callable[[InputError], None] | None = None,
          on_warning: Callable[[str], None] | None = None) -> BuildResult:
    """Extract the articles of ``paths`` into the store and write the graph files into ``out``.

    Args:
        paths: files (.txt, .jsonl, .html) or folders.
        out: output folder: ``graph.ttl``, ``graph.html`` (and other formats asked for).
        store: the on-disk store (default ``<out>/store``); articles whose content is unchanged
            since the last build are skipped, changed ones replaced.
        gazetteer: extra gazetteer files.
        lang: force ``fr`` or ``en`` (default: the article's own ``lang``, else detected).
        model: a spaCy model name to use instead of the default (for ``lang`` or every language).
        formats: export formats (turtle, ntriples, nquads, trig, jsonld).
        html: write the network page.
        strict: stop at the first bad input (raises the InputError).
    Returns:
        a :class:`BuildResult`.
    """
    from .extract import Pipeline
    from .io.readers import iter_articles
    from .store import FORMATS, GraphStore

    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = BuildResult()
    warn = on_warning or (lambda m: None)

    def _warn(msg: str) -> None:
        result.warnings.append(msg)
        warn(msg)

    models = {}
    if model:
        models = {lang: model} if lang else {"fr": model, "en": model}
    pipe = Pipeline(gazetteer=gazetteer, lang=lang, models=models)
    gs = GraphStore(Path(store) if store else out / "store")
    gs.lock("build")
    try:
        gs.load_ontology()
        todo: list[Article] = []

        def articles():
            for item in iter_articles(paths, warn=_warn):
                if isinstance(item, InputError):
                    if strict:
                        raise item
                    result.rejected.append(item)
                    if on_error:
                        on_error(item)
                    continue
                if gs.is_current(item):
                    result.unchanged += 1
                    continue
                yield item

        bar = None
        if progress:
            from tqdm import tqdm
            bar = tqdm(unit=" articles", file=sys.stderr, desc="extracting", leave=False,
                       disable=not sys.stderr.isatty() and progress != "always")
        for facts in pipe.process(articles()):
            gs.put_article(facts)
            result.articles += 1
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        gs.flush()
        for fmt in formats:
            _, suffix = FORMATS[fmt]
            result.outputs[fmt] = gs.export(out / f"graph{suffix}", fmt)
        if html:
            from .export.html import write_html
            result.outputs["html"] = write_html(gs.store, out / "graph.html", max_nodes=max_nodes)
        counts = _counts(gs)
        result.actors, result.interactions, result.triples = counts
    finally:
        gs.unlock()
    result.seconds = time.perf_counter() - t0
    return result


def _counts(gs) -> tuple[int, int, int]:
    from .rdf import vocab as V
    q = f"""SELECT (COUNT(DISTINCT ?a) AS ?actors) WHERE {{
        GRAPH ?g {{ ?a a ?t }} FILTER(?t IN (<{V.GEO}Person>, <{V.GEO}State>, <{V.GEO}Organization>, <{V.GEO}Institution>)) }}"""
    actors = int(next(iter(gs.store.query(q)))["actors"].value)
    q2 = f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{ ?i a <{V.GEO}Interaction> }} }}"
    inter = int(next(iter(gs.store.query(q2)))["n"].value)
    return actors, inter, len(gs)


def open_store(graph: str | Path):
    """A pyoxigraph Store for a store folder or an RDF file (loaded in memory)."""
    from pyoxigraph import RdfFormat, Store
    p = Path(graph)
    if p.is_dir():
        try:
            return Store.read_only(str(p))
        except OSError:
            return Store(str(p))
    fmt = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
           ".trig": RdfFormat.TRIG}.get(p.suffix.lower(), RdfFormat.TURTLE)
    st = Store()
    with open(p, "rb") as f:
        st.bulk_load(f, fmt)
    return st


def query(graph: str | Path, sparql: str):
    """Run a SPARQL query on a store folder or an RDF file; returns pyoxigraph results."""
    from .rdf.vocab import PREFIXES
    st = open_store(graph)
    return st.query(sparql, use_default_graph_as_union=True, prefixes=dict(PREFIXES))
