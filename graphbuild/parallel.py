"""Extraction in several processes: a local process pool, or a Dask distributed cluster.

The unit of work is a *chunk*: a list of :class:`~graphbuild.model.Article` read by the main
process. A worker turns it into a list of :class:`ArticleGraph` — the article's named graph as
ready N-Triples text (the N-Quads of that graph, graph name factored out) — so what crosses
the process boundary is a few kilobytes of text per article, never a spaCy ``Doc``. The main
process writes each ``ArticleGraph`` into the store in its own transaction
(:meth:`graphbuild.store.GraphStore.put_graph`), in whatever order chunks complete: every
article's graph is independent of the others, so the store ends up the same.

Each worker process loads the gazetteer and the spaCy pipeline once (a module-level cache keyed
by the :class:`ExtractConfig`), for every executor.

* ``executor="process", workers=1``: everything in the calling process (no pickling at all).
* ``executor="process", workers=N``: a ``ProcessPoolExecutor`` of N spawned processes.
* ``executor="dask"``: tasks on a Dask distributed cluster (``scheduler="tcp://host:8786"``),
  or on a ``LocalCluster`` of N single-threaded worker processes when no scheduler is given.

Memory does not grow with the corpus: articles are read lazily, at most ``max_in_flight``
chunks are submitted and not yet written, and results are written as they arrive.

>>> from graphbuild.parallel import ExtractConfig, iter_graphs   # doctest: +SKIP
>>> for g in iter_graphs(articles, ExtractConfig(), workers=2):  # doctest: +SKIP
...     store.put_graph(g)
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import UsageError
from .model import Article, ArticleFacts

#: Articles per task (and per ``nlp.pipe`` batch inside a worker).
CHUNK = 32
EXECUTORS = ("process", "dask")


# -- what travels ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ExtractConfig:
    """Everything a worker needs to build its :class:`~graphbuild.extract.Pipeline` (picklable).

    Attributes:
        gazetteer: user gazetteer files (absolute paths), in order.
        gazetteer_data: ``(file name, bytes)`` of those files, for workers on other machines
            (set by :meth:`shipped`); when present the worker reads these instead of the paths.
        lang: forced language, or None.
        models: ``(("fr", "fr_core_news_md"), ...)`` model overrides.
        batch_size: ``nlp.pipe`` batch size.
    """

    gazetteer: tuple[str, ...] = ()
    gazetteer_data: tuple[tuple[str, bytes], ...] | None = None
    lang: str | None = None
    models: tuple[tuple[str, str], ...] = ()
    batch_size: int = CHUNK

    @classmethod
    def make(cls, gazetteer: Iterable[Path | str] = (), lang: str | None = None,
             models: dict[str, str] | None = None, batch_size: int = CHUNK) -> "ExtractConfig":
        return cls(gazetteer=tuple(str(Path(p).resolve()) for p in gazetteer), lang=lang,
                   models=tuple(sorted((models or {}).items())), batch_size=batch_size)

    def shipped(self) -> "ExtractConfig":
        """The same config carrying the gazetteer files' contents (for remote workers)."""
        if self.gazetteer_data is not None or not self.gazetteer:
            return self
        return replace(self, gazetteer_data=tuple((Path(p).name, Path(p).read_bytes())
                                                   for p in self.gazetteer))

    def resolved(self) -> "ExtractConfig":
        """The same config naming the spaCy model of every language this machine can resolve
        (``--model``, ``GRAPHBUILD_MODEL_XX``, else the first installed default), so that
        remote workers use the very models the client would, or fail saying which is missing."""
        from .nlp import DEFAULT_MODELS, model_name
        models = dict(self.models)
        for lang in DEFAULT_MODELS:
            if lang not in models:
                try:
                    models[lang] = model_name(lang)
                except UsageError:
                    continue
        return replace(self, models=tuple(sorted(models.items())))

    def key(self) -> str:
        return hashlib.sha1(pickle.dumps((self.gazetteer, self.gazetteer_data, self.lang,
                                          self.models))).hexdigest()[:16]

    def pipeline(self):
        """A new :class:`~graphbuild.extract.Pipeline` for this config."""
        from .extract import Pipeline
        paths: tuple[Path, ...] = tuple(Path(p) for p in self.gazetteer)
        if self.gazetteer_data is not None:
            folder = Path(tempfile.gettempdir()) / f"graphbuild-gazetteer-{self.key()}"
            folder.mkdir(parents=True, exist_ok=True)
            paths = []
            for i, (name, data) in enumerate(self.gazetteer_data):
                p = folder / f"{i:02d}-{name}"
                if not p.exists() or p.read_bytes() != data:
                    p.write_bytes(data)
                paths.append(p)
            paths = tuple(paths)
        return Pipeline(gazetteer=paths, lang=self.lang, models=dict(self.models))


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph, ready for the store.

    Attributes:
        id: the article's identity (clarifications §1).
        graph: the article IRI, which names its graph.
        triples: the graph's triples as N-Triples lines.
        count: how many triples.
    """

    id: str
    graph: str
    triples: str
    count: int

    def nquads(self) -> str:
        """The graph as N-Quads text."""
        g = f"<{self.graph}>"
        return "".join(line[:-1] + g + " .\n" for line in self.triples.splitlines() if line)


def article_graph(facts: ArticleFacts) -> ArticleGraph:
    """The named graph of one article's facts, as text (see :mod:`graphbuild.rdf.build`)."""
    from .rdf import vocab as V
    from .rdf.build import article_quads
    quads = article_quads(facts)
    body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    return ArticleGraph(id=facts.article.id, graph=V.article_iri(facts.article.id), triples=body,
                        count=len(quads))


# -- what runs in a worker -------------------------------------------------------------------

_PIPELINES: dict[str, object] = {}


def pipeline_for(config: ExtractConfig):
    """This process's Pipeline for ``config``, built on first use (once per worker)."""
    key = config.key()
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = _PIPELINES[key] = config.pipeline()
    return pipe


def extract_batch(articles: list[Article], config: ExtractConfig) -> list[ArticleGraph]:
    """Worker task: parse and extract ``articles``; return their graphs as text."""
    pipe = pipeline_for(config)
    return [article_graph(f) for f in pipe.process(articles, batch_size=config.batch_size)]


def parse_batch(articles: list[Article], config: ExtractConfig) -> list[ArticleGraph]:
    """Worker task for the benchmark's ceiling: spaCy only (same model, same components, same
    batches, same transport), no extraction; returns one empty graph per article."""
    from .extract import BATCH_CHARS
    from .nlp import load_nlp
    pipe = pipeline_for(config)
    out = []
    by_lang: dict[str, list[tuple[str, Article]]] = {}
    for a in articles:
        by_lang.setdefault(pipe.lang_of(a), []).append((a.text, a))
    for lang, items in by_lang.items():
        nlp = load_nlp(lang, dict(config.models).get(lang))
        batch: list[tuple[str, Article]] = []
        chars = 0
        for item in items + [None]:  # the batches Pipeline.process makes
            if batch and (item is None or chars + len(item[0]) > BATCH_CHARS
                          or len(batch) >= config.batch_size):
                for _doc, a in nlp.pipe(batch, as_tuples=True, batch_size=config.batch_size):
                    out.append(ArticleGraph(id=a.id, graph="", triples="", count=0))
                batch, chars = [], 0
            if item is not None:
                batch.append(item)
                chars += len(item[0])
    return out


TASKS: dict[str, Callable[[list[Article], ExtractConfig], list[ArticleGraph]]] = {
    "extract": extract_batch, "parse": parse_batch}


def _init_worker(config: ExtractConfig) -> None:
    # a worker of the process pool: build the pipeline (gazetteer, lexicons) up front
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    pipeline_for(config)


# -- the main process: chunking, back-pressure, order-independence -------------------------------

def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of ``size`` articles; within one chunk an identity occurs once (the later wins)."""
    chunk: dict[str, Article] = {}
    for a in articles:
        chunk.pop(a.id, None)
        chunk[a.id] = a
        if len(chunk) >= size:
            yield list(chunk.values())
            chunk = {}
    if chunk:
        yield list(chunk.values())


class _Latest:
    """Keeps the last-submitted version of an identity when several are in flight at once (the
    same identity read from two inputs): the result of an older chunk is dropped whether it
    completes before or after the newer one, as a sequential build would have overwritten it.
    Holds only the identities in flight."""

    def __init__(self) -> None:
        self.latest: dict[str, list[int]] = {}  # id -> [seq of the latest version, versions in flight]

    def submitted(self, seq: int, chunk: list[Article]) -> None:
        for a in chunk:
            entry = self.latest.get(a.id)
            if entry is None:
                self.latest[a.id] = [seq, 1]
            else:
                entry[0] = seq
                entry[1] += 1

    def done(self, seq: int, graphs: list[ArticleGraph]) -> Iterator[ArticleGraph]:
        for g in graphs:
            entry = self.latest.get(g.id)
            if entry is None:  # pragma: no cover - every result was submitted
                yield g
                continue
            entry[1] -= 1
            if entry[1] <= 0:
                del self.latest[g.id]
            if entry[0] == seq:
                yield g


def iter_graphs(articles: Iterable[Article], config: ExtractConfig | None = None, *,
                workers: int = 1, executor: str = "process", scheduler: str | None = None,
                chunk: int | None = None, max_in_flight: int | None = None,
                task: str = "extract", pipeline=None) -> Iterator[ArticleGraph]:
    """Extract ``articles`` and yield one :class:`ArticleGraph` per article, as they complete.

    Args:
        articles: a (lazy) iterable of articles.
        config: pipeline settings (default: built-in gazetteer, default models).
        workers: worker processes (local pool, or the LocalCluster when ``executor="dask"``
            and no ``scheduler``); 1 with ``executor="process"`` runs in this process.
        executor: ``"process"`` or ``"dask"``.
        scheduler: address of a running Dask scheduler (``tcp://host:8786``); implies Dask.
        chunk: articles per task (default :data:`CHUNK`).
        max_in_flight: tasks submitted and not yet written (default 2 per worker); bounds memory.
        task: ``"extract"``; ``"parse"`` runs spaCy only (benchmark ceiling).
        pipeline: the :class:`~graphbuild.extract.Pipeline` to use when running in this
            process (default: one built from ``config``, cached).
    Raises:
        UsageError: bad ``workers``/``executor``, or no Dask scheduler at ``scheduler``.
    """
    config = config or ExtractConfig()
    chunk = chunk or CHUNK
    if workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r} (use {' or '.join(EXECUTORS)})")
    if scheduler:
        executor = "dask"
    fn = TASKS[task]
    if executor == "process" and workers == 1:
        if task == "extract":
            pipe = pipeline or pipeline_for(config)
            for facts in pipe.process(articles, batch_size=config.batch_size):
                yield article_graph(facts)
        else:
            for c in _chunks(articles, chunk):
                yield from fn(c, config)
        return
    in_flight = max_in_flight or 2 * workers
    run = _pool if executor == "process" else _dask
    latest = _Latest()

    def numbered() -> Iterator[tuple[int, list[Article]]]:
        for seq, c in enumerate(_chunks(articles, chunk)):
            latest.submitted(seq, c)
            yield seq, c

    for seq, graphs in run(numbered(), fn, config, workers=workers, scheduler=scheduler,
                           in_flight=in_flight):
        yield from latest.done(seq, graphs)


def _pool(chunks, fn, config, *, workers, scheduler, in_flight):
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn, not fork: the parent holds an open RocksDB store and its threads
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                             initializer=_init_worker, initargs=(config,))
    pending: dict = {}
    try:
        for seq, c in chunks:
            pending[ex.submit(fn, c, config)] = seq
            while len(pending) >= in_flight:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield pending.pop(f), f.result()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield pending.pop(f), f.result()
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _dask(chunks, fn, config, *, workers, scheduler, in_flight):
    import logging

    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - distributed is a dependency of the dask extra
        raise UsageError("--executor dask needs the 'distributed' package "
                         "(pip install 'dask[distributed]')") from None
    config = config.shipped().resolved()
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)  # timeout: dask's distributed.comm.timeouts.connect
        except (OSError, TimeoutError) as e:
            raise UsageError(f"{scheduler}: cannot reach the Dask scheduler: {e}") from None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        ac = as_completed(with_results=False)
        seqs: dict[str, int] = {}
        for seq, c in chunks:
            fut = client.submit(fn, c, config, pure=False)
            seqs[fut.key] = seq
            ac.add(fut)
            while ac.count() >= in_flight:
                f = next(ac)
                yield seqs.pop(f.key), f.result()
                f.release()
        for f in ac:
            yield seqs.pop(f.key), f.result()
            f.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
