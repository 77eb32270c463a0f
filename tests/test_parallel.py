"""Streaming and the process pool: `--workers 2` writes exactly the graph of `--workers 1`.

A handful of articles (the seed and variants of it under other identities, plus two short
.jsonl articles), so the test costs two model loads and a few seconds of parsing.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild import api
from graphbuild.model import Article
from graphbuild.parallel import ArticleGraph, _chunks, _Latest, iter_graphs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ONTOLOGY_GRAPH = "<https://w3id.org/geokg/ontology> ."


def make_corpus(root: Path) -> Path:
    """The seed, two copies of it under other identities and dates, and a .jsonl of two."""
    src = root / "corpus"
    src.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text("utf-8")
    (src / "seed.txt").write_text(seed, "utf-8")
    body = seed.split(" ", 3)[3] if seed.lstrip().startswith("date") else seed
    (src / "copy-a.txt").write_text("date 2022-01-10\n\n" + body, "utf-8")
    (src / "copy-b.txt").write_text("date 2022-02-03\n\n" + body[: len(body) // 2], "utf-8")
    lines = [
        {"id": "gen-1", "date": "2022-02-21", "lang": "fr", "title": "Tensions",
         "text": "Vladimir Poutine a menacé l'Ukraine. Joe Biden a condamné la Russie."},
        {"id": "gen-2", "date": "2022-03-01", "lang": "fr", "title": "Sanctions",
         "text": "L'Union européenne a sanctionné la Russie. Emmanuel Macron a appelé Vladimir Poutine."},
    ]
    (src / "more.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                   "utf-8")
    return src


def article_quads(nq: Path) -> list[str]:
    """The sorted N-Quads lines of the articles' graphs (the ontology graph, which holds the
    only blank nodes, is the same file in every build)."""
    lines = [ln for ln in nq.read_text("utf-8").splitlines() if ln and not ln.endswith(ONTOLOGY_GRAPH)]
    assert not any("_:" in ln for ln in lines), "article graphs must not contain blank nodes"
    return sorted(lines)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("parallel"))


@pytest.fixture(scope="module")
def single(corpus) -> tuple[api.BuildResult, list[str]]:
    out = corpus.parent / "w1"
    r = api.build([corpus], out, formats=("nquads",), html=False, progress=False, workers=1)
    return r, article_quads(out / "graph.nq")


def test_two_workers_same_graph_as_one(corpus, single, monkeypatch):
    """Two articles per task on 2 processes: tasks complete in any order, each graph whole."""
    from graphbuild import parallel

    monkeypatch.setattr(parallel, "CHUNK", 2)
    r1, q1 = single
    out = corpus.parent / "w2"
    r2 = api.build([corpus], out, formats=("nquads",), html=False, progress=False, workers=2)
    assert r1.articles == r2.articles == 5
    assert r2.exit_code == 0
    assert r1.interactions > 0
    assert article_quads(out / "graph.nq") == q1
    assert (r2.actors, r2.interactions, r2.triples) == (r1.actors, r1.interactions, r1.triples)


def test_rebuild_skips_unchanged(corpus, single):
    out = corpus.parent / "w1"
    r = api.build([corpus], out, formats=("nquads",), html=False, progress=False, workers=2)
    assert (r.articles, r.unchanged) == (0, 5)


def test_bad_workers_is_a_usage_error(corpus, tmp_path):
    from graphbuild.errors import UsageError
    with pytest.raises(UsageError):
        list(iter_graphs([], workers=0))
    with pytest.raises(UsageError):
        list(iter_graphs([], executor="threads"))


# -- the bookkeeping that keeps results order-independent (no model needed) -------------------

def _a(ident: str, text: str = "x") -> Article:
    return Article(id=ident, text=text)


def test_chunks_keep_the_later_duplicate_and_bound_the_size():
    chunks = list(_chunks([_a("a", "1"), _a("b"), _a("a", "2"), _a("c"), _a("d")], 3))
    assert [[x.id for x in c] for c in chunks] == [["b", "a", "c"], ["d"]]
    assert chunks[0][1].text == "2"


def test_an_identity_in_flight_twice_keeps_the_later():
    g = lambda i, t: ArticleGraph(id=i, graph=f"urn:{i}", triples=t, count=1)  # noqa: E731
    # the newer version completes first: the older one must not overwrite it
    latest = _Latest()
    latest.submitted(0, [_a("x"), _a("y")])
    latest.submitted(1, [_a("x")])
    assert [x.triples for x in latest.done(1, [g("x", "new")])] == ["new"]
    assert [x.id for x in latest.done(0, [g("x", "old"), g("y", "y")])] == ["y"]
    assert latest.latest == {}
    # the older version completes first: it is dropped, the newer one is written
    latest = _Latest()
    latest.submitted(0, [_a("x")])
    latest.submitted(1, [_a("x")])
    assert list(latest.done(0, [g("x", "old")])) == []
    assert [x.triples for x in latest.done(1, [g("x", "new")])] == ["new"]
    assert latest.latest == {}
