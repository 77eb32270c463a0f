"""The Python API: what the CLI and the notebooks call.

* :func:`build` -- articles in, graph out (``graphbuild build``);
* :func:`query` / :func:`query_rows` -- SPARQL, as pyoxigraph results or as a list of dicts
  (``graphbuild query``);
* :func:`to_networkx` -- the interactions as a ``networkx.MultiDiGraph``;
* :func:`render` -- the offline network page (``graph.html``).

Wherever a function takes ``graph``, it may be a build's output folder, a store folder, an RDF
file or (except for :func:`query`) an open ``pyoxigraph.Store``.

>>> from graphbuild import api                                   # doctest: +SKIP
>>> result = api.build(["seeds"], out="out")                     # doctest: +SKIP
>>> api.query_rows("out", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # doctest: +SKIP
[{'n': '709'}]
>>> G = api.to_networkx("out")                                   # doctest: +SKIP
>>> api.render("out", "out/page.html")                           # doctest: +SKIP
PosixPath('out/page.html')

The notebooks in ``notebooks/`` are a guided tour; ``make test`` runs them.
"""
from __future__ import annotations

import dataclasses
import hashlib

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


def extractor_fingerprint(gazetteer: Iterable[Path] = (), lang: str | None = None,
                          models: dict | None = None) -> str:
    """A hash of what extraction depends on besides the text: graphbuild's version, its data
    files (lexicons, gazetteer), the user's gazetteer files and the models asked for."""
    from . import __version__
    h = hashlib.sha256(f"{__version__}|{lang}|{sorted((models or {}).items())}".encode())
    data = Path(__file__).parent / "data"
    for p in sorted(data.rglob("*")) + [Path(g) for g in gazetteer]:
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def build(paths: Iterable[str | Path], out: str | Path = "out", *, store: str | Path | None = None,
          gazetteer: Iterable[Path] = (), lang: str | None = None, model: str | None = None,
          formats: Iterable[str] = ("turtle",), html: bool = True, max_nodes: int | None = None,
          strict: bool = False, progress: bool = True,
          on_error: Callable[[InputError], None] | None = None,
          on_warning: Callable[[str], None] | None = None, workers: int | None = None,
          executor: str = "process", scheduler: str | None = None) -> BuildResult:
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
        workers: extraction processes (default 1: in this process; with ``executor="dask"``
            and no ``scheduler``, the LocalCluster's size, default 2). Articles stream
            through: memory does not grow with the corpus (see :mod:`graphbuild.parallel`).
            Worker processes are spawned: a script that calls ``build(workers=2)`` needs the
            usual ``if __name__ == "__main__":`` guard (notebooks need nothing).
        executor: ``"process"`` (a local process pool) or ``"dask"`` (a Dask cluster).
        scheduler: address of a running Dask scheduler, e.g. ``tcp://10.0.0.5:8786``.
    Returns:
        a :class:`BuildResult`.
    """
    from .io.readers import iter_articles
    from .parallel import ExtractConfig, iter_graphs
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
    gazetteer = tuple(gazetteer)
    config = ExtractConfig.make(gazetteer, lang=lang, models=models)
    workers = workers or (2 if executor == "dask" else 1)
    pipe = None
    if executor == "process" and workers == 1:
        from .extract import Pipeline  # imports spaCy: only where extraction runs
        pipe = Pipeline(gazetteer=gazetteer, lang=lang, models=models)
    else:
        from .gazetteer import Gazetteer
        Gazetteer.load(gazetteer)  # report a bad gazetteer file here, before any worker starts
    gs = GraphStore(Path(store) if store else out / "store")
    gs.lock("build")
    try:
        gs.load_ontology()
        todo: list[Article] = []

        fingerprint = extractor_fingerprint(gazetteer, lang, models)

        def articles():
            for item in iter_articles(paths, warn=_warn):
                if isinstance(item, InputError):
                    if strict:
                        raise item
                    result.rejected.append(item)
                    if on_error:
                        on_error(item)
                    continue
                # the stored hash covers the extractor too: new rules, lexicons, gazetteer or
                # model re-extract every article on the next build
                item = dataclasses.replace(item, content_hash=hashlib.sha256(
                    (item.content_hash + fingerprint).encode("utf-8")).hexdigest())
                if gs.is_current(item):
                    result.unchanged += 1
                    continue
                yield item

        bar = None
        if progress:
            from tqdm import tqdm
            bar = tqdm(unit=" articles", file=sys.stderr, desc="extracting", leave=False,
                       disable=not sys.stderr.isatty() and progress != "always")
        for graph in iter_graphs(articles(), config, workers=workers, executor=executor,
                                 scheduler=scheduler, pipeline=pipe):
            gs.put_graph(graph)  # one transaction per article, in completion order
            result.articles += 1
            if result.articles % STORE_FLUSH_EVERY == 0:
                gs.flush()  # else RocksDB's write buffers grow with the corpus (~17 MB / 1,000 articles)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        from .events import update_events
        update_events(gs, gazetteer=gazetteer)  # regroup only the events the articles touched
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


#: Articles between two flushes of the store during a build: keeps memory flat.
STORE_FLUSH_EVERY = 500


def _counts(gs) -> tuple[int, int, int]:
    from .rdf import vocab as V
    q = f"""SELECT (COUNT(DISTINCT ?a) AS ?actors) WHERE {{
        GRAPH ?g {{ ?a a ?t }} FILTER(?t IN (<{V.GEO}Person>, <{V.GEO}State>, <{V.GEO}Organization>, <{V.GEO}Institution>)) }}"""
    actors = int(next(iter(gs.store.query(q)))["actors"].value)
    q2 = f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{ ?i a <{V.GEO}Interaction> }} }}"
    inter = int(next(iter(gs.store.query(q2)))["n"].value)
    return actors, inter, len(gs)


#: File suffix -> RDF format for :func:`open_store` (anything else is read as Turtle).
_SUFFIX_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
                   ".trig": "TRIG", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML",
                   ".owl": "RDF_XML", ".n3": "N3"}


def store_dir(path: str | Path) -> Path:
    """The store folder of ``path``: the folder itself when it is an Oxigraph store, or
    ``<path>/store`` when ``path`` is a build's output folder.

    Raises:
        GraphbuildError: ``path`` is neither (one line naming it).
    """
    from .errors import GraphbuildError
    p = Path(path)
    if (p / "CURRENT").is_file():
        return p
    if (p / "store" / "CURRENT").is_file():
        return p / "store"
    raise GraphbuildError(f"{p}: not a graphbuild store (nor an output folder with store/)")


def open_store(graph: str | Path):
    """A pyoxigraph Store for a store folder, a build's output folder, or an RDF file.

    A store folder is opened read-only (several readers may share it); its default graph holds
    the union of its named graphs (see :mod:`graphbuild.store`). An RDF file is loaded into an
    in-memory store: triple formats (Turtle, N-Triples, JSON-LD) into the default graph; TriG
    and N-Quads with their named graphs, and their union is copied into the default graph. So
    in every case the default graph is the whole graph, each triple once, and
    :func:`run_query` gives the same answers on a store, ``graph.ttl`` or ``graph.nq``.
    """
    from pyoxigraph import RdfFormat, Store
    from .errors import GraphbuildError, InputError
    p = Path(graph)
    if p.is_dir():
        from .store import StoreLocked, lock_holder
        d = store_dir(p)
        held = lock_holder(d)
        if held is not None and not held[1].startswith("graphbuild serve"):
            # Oxigraph: reading a store while another process writes it is undefined
            raise StoreLocked(f"{d}: store in use by {held[1]} (pid {held[0]}); "
                              "query its graph.ttl, or wait until it is done")
        try:
            return Store.read_only(str(d))
        except (OSError, RuntimeError) as e:
            raise GraphbuildError(f"{d}: cannot open the store: {' '.join(str(e).split())[:200]}") from None
    if not p.is_file():
        raise InputError(p, "no such file or store folder")
    fmt = getattr(RdfFormat, _SUFFIX_FORMATS.get(p.suffix.lower(), "TURTLE"))
    st = Store()
    try:
        with open(p, "rb") as f:
            st.bulk_load(f, fmt)
    except SyntaxError as e:
        raise InputError(p, f"not valid {fmt.name}: {' '.join(str(e).split())[:200]}") from None
    if fmt.supports_datasets and any(True for _ in st.named_graphs()):
        st.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return st


def run_query(store, sparql: str):
    """Run SPARQL on an open pyoxigraph Store whose default graph is the union of all graphs
    (a graphbuild store, or what :func:`open_store` loads), with the prefixes geo:, id:, rdf:,
    rdfs:, owl:, xsd:, skos:, prov:, dcterms:, wd: predefined. ``GRAPH ?g { }`` still reaches
    each article's named graph.

    For a store whose default graph is empty (written by an older graphbuild and opened
    read-only) the default graph is Oxigraph's union of the named graphs instead, in which a
    triple stated by n articles matches n times: use ``SELECT DISTINCT`` there.

    This is the code path of ``graphbuild query`` once the store is open (the query benchmark
    times exactly this plus :func:`format_results`).

    Raises:
        SyntaxError: the query is not valid SPARQL.
    """
    from .rdf.vocab import PREFIXES
    from .store import has_default_graph
    union = not has_default_graph(store) and any(True for _ in store.named_graphs())
    return store.query(sparql, use_default_graph_as_union=union, prefixes=dict(PREFIXES))


def query(graph: str | Path, sparql: str):
    """Run a SPARQL query on a store folder, an output folder or an RDF file; returns
    pyoxigraph results (``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``)."""
    return run_query(open_store(graph), sparql)


def _short(term, prefixes: list[tuple[str, str]]) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", str(term))
    if type(term).__name__ == "NamedNode":
        for prefix, ns in prefixes:
            if value.startswith(ns) and len(value) > len(ns):
                return f"{prefix}:{value[len(ns):]}"
    elif type(term).__name__ == "BlankNode":
        return "_:" + value
    return value


def result_rows(res, *, short: bool = False) -> tuple[list[str], list[list[str]]]:
    """``(column names, rows of strings)`` of SELECT results (IRIs and literal values; with
    ``short=True`` IRIs are written with the predefined prefixes, ``id:actor/russia``)."""
    from .rdf.vocab import PREFIXES
    prefixes = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])) if short else []
    names = [v.value for v in res.variables]
    cache: dict = {}   # terms repeat a lot (relations, agents): convert each once

    def text(term) -> str:
        try:
            return cache[term]
        except KeyError:
            s = cache[term] = _short(term, prefixes)
            return s
        except TypeError:  # pragma: no cover - unhashable term
            return _short(term, prefixes)

    rows = [[text(sol[n]) for n in names] for sol in res]
    return names, rows


def format_results(res, fmt: str = "table") -> str:
    """Results as text: ``table`` (aligned, IRIs prefixed, long cells cut at 60 characters),
    ``csv``, ``tsv`` (full IRIs) or ``json`` (a list of objects, full IRIs). ASK gives
    ``true``/``false``; CONSTRUCT/DESCRIBE give N-Triples lines."""
    import csv
    import io
    import json
    kind = type(res).__name__
    if isinstance(res, bool) or kind == "QueryBoolean":
        return "true\n" if bool(res) else "false\n"
    if kind == "QueryTriples":
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in res)
    names, rows = result_rows(res, short=(fmt == "table"))
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        r = [" ".join(c.split()) if ("\n" in c or "\t" in c) else c for c in r]
        lines.append("  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w)
                               for c, w in zip(r, widths)).rstrip())
    return "\n".join(lines) + "\n"


# -- store maintenance ---------------------------------------------------------------------

#: Export files a build may write into its output folder, by format.
_EXPORT_FILES = {"turtle": "graph.ttl", "ntriples": "graph.nt", "nquads": "graph.nq",
                 "trig": "graph.trig", "jsonld": "graph.jsonld"}


@dataclass
class RemoveResult:
    """What :func:`remove` did."""

    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: int = 0


def export_outputs(gs, out: str | Path, formats: Iterable[str] = ("turtle",), *,
                   html: bool = True, max_nodes: int | None = None) -> dict[str, Path]:
    """Write ``graph.<ext>`` for each format (and ``graph.html``) of the GraphStore ``gs``
    into ``out``, each atomically."""
    from .store import FORMATS
    out = Path(out)
    outputs: dict[str, Path] = {}
    for fmt in formats:
        _, suffix = FORMATS[fmt]
        outputs[fmt] = gs.export(out / f"graph{suffix}", fmt)
    if html:
        from .export.html import write_html
        outputs["html"] = write_html(gs.store, out / "graph.html", max_nodes=max_nodes)
    return outputs


def remove(article_ids: Iterable[str], *, out: str | Path | None = None,
           store: str | Path | None = None) -> RemoveResult:
    """Drop the named graph of each article (its identity, clarifications §1, or its IRI)
    from the store, in one transaction per article, then re-export the graph files of ``out``.

    Args:
        article_ids: article identities (``dcterms:identifier``), e.g. ``fr_001``.
        out: the build's output folder; its store is ``<out>/store`` unless ``store`` is given,
            and the files it holds (``graph.ttl``, always, ``graph.html``, ``graph.nq``...)
            are re-written. Without ``out`` only the store changes.
        store: the store folder.
    Raises:
        GraphbuildError: the store is missing or held by ``graphbuild serve``.
    """
    from .store import GraphStore
    if store is None and out is None:
        raise ValueError("remove needs out or store")
    sdir = store_dir(store if store is not None else out)
    result = RemoveResult()
    gs = GraphStore(sdir)
    gs.lock("graphbuild remove")
    try:
        for ident in article_ids:
            (result.removed if gs.remove_article(ident) else result.missing).append(ident)
        from .events import update_events
        update_events(gs)  # regroup the events the removed articles reported
        gs.flush()
        if out is not None and result.removed:
            out = Path(out)
            formats = [f for f, name in _EXPORT_FILES.items() if f == "turtle" or (out / name).exists()]
            result.outputs = export_outputs(gs, out, formats, html=(out / "graph.html").exists())
        result.triples = len(gs)
    finally:
        gs.unlock()
    return result


# -- the graph in use: rows, NetworkX, the network page (notebooks/ shows them) -------------

def _as_store(graph):
    """An open pyoxigraph Store for ``graph``: a Store is used as it is, anything else goes
    through :func:`open_store` (store folder, build output folder or RDF file)."""
    from pyoxigraph import Store
    return graph if isinstance(graph, Store) else open_store(graph)


def query_rows(graph, sparql: str) -> list[dict[str, str]]:
    """Run a SPARQL SELECT query and return its rows as plain dictionaries.

    Each row maps every variable of the query to a string: the full IRI of a resource, the
    lexical form of a literal (``"2021-12-07"``, ``"true"``, the evidence sentence), ``_:id``
    for a blank node, ``""`` when the variable is unbound, the same strings as
    ``graphbuild query --format json``. As with :func:`query`, the default graph is the union
    of all graphs and the prefixes ``geo:``, ``id:``, ``rdfs:``, ``owl:``, ``prov:``,
    ``dcterms:``, ``skos:``, ``xsd:``, ``wd:`` are predefined.

    Args:
        graph: a build's output folder, a store folder, an RDF file (``graph.ttl``...) or an
            open ``pyoxigraph.Store``.
        sparql: a SELECT query.

    Returns:
        one ``dict`` per solution, in the order the query gives them.

    Raises:
        SyntaxError: the query is not valid SPARQL.
        ValueError: the query is not a SELECT (use :func:`query` for ASK, CONSTRUCT, DESCRIBE).

    >>> rows = query_rows("out", '''
    ...     SELECT ?leader ?state WHERE {
    ...         ?p geo:leaderOf ?s . ?p rdfs:label ?leader . ?s rdfs:label ?state }''')
    ...                                                      # doctest: +SKIP
    >>> {(r["leader"], r["state"]) for r in rows}            # doctest: +SKIP
    {('Joe Biden', 'United States'), ('Vladimir Putin', 'Russia')}
    """
    res = run_query(_as_store(graph), sparql)
    if type(res).__name__ != "QuerySolutions":
        raise ValueError("query_rows needs a SELECT query; use query() for ASK, CONSTRUCT, DESCRIBE")
    names, rows = result_rows(res)
    return [dict(zip(names, r)) for r in rows]


def to_networkx(graph):
    """The interaction graph as a ``networkx.MultiDiGraph``, for network analysis.

    Nodes are actors (keyed by IRI) plus the topics and places that are the target of an
    interaction without a recipient; node attributes include ``label``, ``type`` (``"State"``,
    ``"Person"``, ``"Organization"``, ``"Institution"``, ``"Topic"``, ``"Place"``) and
    ``wikidata``. There is one edge per ``geo:Interaction``, from the agent to the recipient
    (or the theme), keyed by the interaction IRI, with ``relation``, ``category``, ``quad``
    (``"verbal-coop"``, ``"material-conflict"``...), ``date``, ``negated``,
    ``hypothetical``, ``confidence``, ``evidence`` and ``article``. Negated interactions are
    edges too: filter on ``negated`` for what did happen. Structural facts
    (``geo:leaderOf``...) are not edges; query them with :func:`query_rows`.
    This is :func:`graphbuild.network.to_networkx` (the network ``graphbuild stats`` and
    the page use); the attributes are described in
    :func:`graphbuild.export.html.graph_to_networkx`.

    Args:
        graph: a build's output folder, a store folder, an RDF file or an open
            ``pyoxigraph.Store``.

    Returns:
        a ``networkx.MultiDiGraph``.

    >>> G = to_networkx("out")                                # doctest: +SKIP
    >>> sorted(G.nodes[n]["label"] for n in G.successors(
    ...     "https://w3id.org/geokg/id/actor/vladimir-putin"))  # doctest: +SKIP
    ['Joe Biden', 'NATO', ...]
    """
    from .network import to_networkx as network_of
    return network_of(_as_store(graph))


def render(graph, out_path: str | Path, *, max_nodes: int | None = None) -> Path:
    """Write the interactive network page (the ``graph.html`` of a build) to ``out_path``.

    The page is one self-contained HTML file: it loads nothing from the network, so it opens
    offline, from disk, and can be shown inline in Jupyter (see
    ``notebooks/03-explore.ipynb``). The file is written atomically.

    Args:
        graph: a build's output folder, a store folder, an RDF file or an open
            ``pyoxigraph.Store``.
        out_path: where to write the page.
        max_nodes: keep only the N most connected nodes (ties broken by label).

    Returns:
        ``out_path`` as a ``Path``.

    >>> page = render("out", "out/ukraine.html", max_nodes=50)   # doctest: +SKIP
    >>> page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # doctest: +SKIP
    True
    """
    from .export.html import write_html
    return write_html(_as_store(graph), Path(out_path), max_nodes=max_nodes)
