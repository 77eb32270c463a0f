"""`--executor dask`: a 2-worker local Dask cluster writes exactly the graph of a
single-process build (the articles' named graphs, compared as sorted N-Quads)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from graphbuild import api  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ONTOLOGY_GRAPH = "<https://w3id.org/geokg/ontology> ."


def make_corpus(root: Path) -> Path:
    """The seed, a copy of it under another identity and date, and a .jsonl of two."""
    src = root / "corpus"
    src.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text("utf-8")
    (src / "seed.txt").write_text(seed, "utf-8")
    body = seed.split(" ", 3)[3] if seed.lstrip().startswith("date") else seed
    (src / "copy-a.txt").write_text("date 2022-01-10\n\n" + body, "utf-8")
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
    lines = [ln for ln in nq.read_text("utf-8").splitlines() if ln and not ln.endswith(ONTOLOGY_GRAPH)]
    assert not any("_:" in ln for ln in lines), "article graphs must not contain blank nodes"
    return sorted(lines)


def test_dask_local_cluster_same_graph_as_single_process(tmp_path):
    corpus = make_corpus(tmp_path)
    r1 = api.build([corpus], tmp_path / "single", formats=("nquads",), html=False, progress=False)
    rd = api.build([corpus], tmp_path / "dask", formats=("nquads",), html=False, progress=False,
                   executor="dask", workers=2)
    assert r1.articles == rd.articles == 4
    assert rd.exit_code == 0
    assert r1.interactions > 0
    assert article_quads(tmp_path / "dask" / "graph.nq") == article_quads(tmp_path / "single" / "graph.nq")
    assert (rd.actors, rd.interactions, rd.triples) == (r1.actors, r1.interactions, r1.triples)


def test_dask_unreachable_scheduler_is_one_line_error(tmp_path):
    import dask

    from graphbuild.errors import UsageError
    corpus = make_corpus(tmp_path)
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), \
            pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        api.build([corpus], tmp_path / "out", html=False, progress=False, executor="dask",
                  scheduler="tcp://127.0.0.1:9")
