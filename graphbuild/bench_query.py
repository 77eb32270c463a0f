"""Query latency at 1M triples (clarifications §14): ``python -m graphbuild.bench_query``.

1. **Data.** The seed article is extracted once with the real pipeline; its quads (its named
   graph, :func:`graphbuild.rdf.build.article_quads`) are then replicated under distinct
   article ids until the union holds at least ``--triples`` distinct triples (default
   1,000,000): per copy the graph name, the article's identifier and the interaction IRIs are
   rewritten, the dates shifted, and — unless ``--no-rotate`` — each actor is replaced by a
   gazetteer actor of the same type (the copy's labels and Wikidata links with it). Copy 0 is
   the seed as extracted. Without rotation every copy names the same four actors, so every
   query, even "what does Russia demand", returns one row per copy: rotation keeps the
   selective queries selective, as in a real corpus. The quads go into an on-disk Oxigraph
   store (``bulk_load`` of N-Quads), each triple also into the default graph (the union, as
   ``GraphStore`` keeps it), ontology included: the store a build of that corpus would make.
2. **graphbuild.** The store is opened read-only with :func:`graphbuild.api.open_store`, and
   each example query of ``queries/*.rq`` (the README's) runs through the code path of
   ``graphbuild query``: :func:`graphbuild.api.run_query` then
   :func:`graphbuild.api.format_results` (the table is built, all rows read). One warm-up run,
   then the median (and min) of ``--runs`` runs, in this process. The CLI's start-up
   (``graphbuild --version``, and ``graphbuild query STORE 'ASK {}'``: interpreter, imports,
   store opening) is timed separately, as the wall time of the subprocess.
3. **rdflib.** The same data (the union, written by ``GraphStore.export(..., "ntriples")``,
   the code path of ``graph.nt``) is parsed once into an in-memory ``rdflib.Graph`` in a
   child process; its parse time is reported and each query is run in a fork of it (once, or
   three times when it takes under two seconds), stopped after ``--rdflib-query-timeout``
   seconds (reported as ``> N``), selective queries first, within ``--rdflib-budget``.
   Slow graphbuild queries get fewer runs (3 when over 1 s, the first run alone over 5 s),
   so that the whole benchmark takes about five minutes.

Prints a table and writes ``bench-out/query.json``. Target: selective queries < 100 ms median.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
SEEDS = ROOT / "seeds"

#: What each example query asks of the store. "selective": the answer is about one actor or
#: fact (the < 100 ms target); "listing": every match of a pattern over the whole corpus;
#: "aggregate": a GROUP BY over every interaction.
KINDS = {
    "russia-or-its-leader-demands.rq": "selective",
    "evidence-for-a-fact.rq": "selective",
    "who-warned-whom.rq": "listing",
    "sameas-wikidata.rq": "listing",
    "conflicts-by-date.rq": "listing",
    "interactions-by-category.rq": "aggregate",
    "reports-by-dyad-and-month.rq": "aggregate",
    "events-by-dyad-and-month.rq": "aggregate",
}
TARGET_MS = 100.0


# --------------------------------------------------------------------------------------------
# 1. Data
# --------------------------------------------------------------------------------------------

def seed_quads(seeds: Path = SEEDS) -> list:
    """The seed article's quads, extracted by the pipeline (one article expected)."""
    from .extract import Pipeline
    from .io.readers import iter_articles
    from .model import Article
    from .rdf.build import article_quads
    articles = [a for a in iter_articles([seeds]) if isinstance(a, Article)]
    if not articles:
        raise SystemExit(f"{seeds}: no article")
    facts = next(iter(Pipeline().process(articles[:1])))
    return article_quads(facts)


_LEADER_ROLES = {"president", "monarch", "supreme_leader", "prime_minister", "leader"}


def _gazetteer_pool() -> tuple[dict[str, list[tuple[str, str, str | None]]], list[tuple]]:
    """Gazetteer actors by type, ``(id, label, wikidata)``, and the leader pairs
    ``(person, state)`` its roles give (what ``geo:leaderOf`` is derived from)."""
    pool: dict[str, list] = {}
    entries = {}
    with open(ROOT / "graphbuild" / "data" / "gazetteer.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                entries[e["id"]] = e
                pool.setdefault(e["type"], []).append((e["id"], e["label"], e.get("wikidata")))
    pairs = set()
    for e in entries.values():
        for r in e.get("roles") or ():
            of = entries.get(r.get("of") or "")
            if r.get("role") in _LEADER_ROLES and of is not None:
                pairs.add(((e["id"], e["label"], e.get("wikidata")),
                           (of["id"], of["label"], of.get("wikidata"))))
    return pool, sorted(pairs)


class Replicator:
    """Writes copy ``k`` of the seed quads as N-Quads text (see the module docstring)."""

    def __init__(self, quads: list, rotate: bool = True):
        from .rdf import vocab as V
        self.V = V
        self.rotate = rotate
        self.graph = quads[0].graph_name.value
        self.pool, self.leader_pairs = _gazetteer_pool() if rotate else ({}, [])
        actor_ns = V.ID + "actor/"
        self.actors: dict[str, str] = {}   # seed actor key -> type
        self.leaders: list[tuple[str, str]] = []   # the seed's leaderOf facts (person, state)
        for q in quads:
            if q.predicate.value == V.RDF + "type" and q.subject.value.startswith(actor_ns):
                self.actors[q.subject.value[len(actor_ns):]] = q.object.value[len(V.GEO):]
            if q.predicate.value == V.GEO + "leaderOf":
                self.leaders.append((q.subject.value[len(actor_ns):], q.object.value[len(actor_ns):]))
        self.leaders.sort()
        self.actor_ns = actor_ns
        # each quad as (subject, predicate, object) tokens: a fixed N-Triples string or a
        # tuple naming what to rewrite
        self.template = [(self._tok(q.subject, q, "s"), str(q.predicate), self._tok(q.object, q, "o"))
                         for q in quads]

    def _tok(self, term, q, pos):
        V = self.V
        kind = type(term).__name__
        if kind == "NamedNode":
            v = term.value
            if v == self.graph:
                return ("article",)
            if v.startswith(V.ID + "interaction/"):
                return ("interaction", v)
            if v.startswith(self.actor_ns) and v[len(self.actor_ns):] in self.actors:
                return ("actor", v[len(self.actor_ns):])
            if (pos == "o" and v.startswith(V.WD) and q.predicate.value == V.OWL + "sameAs"
                    and q.subject.value.startswith(self.actor_ns)):
                return ("wikidata", q.subject.value[len(self.actor_ns):], v)
            return str(term)
        if kind == "Literal":
            p = q.predicate.value
            subj = q.subject.value
            if p == V.DCTERMS + "identifier":
                return ("identifier", str(term))
            if p == V.RDFS + "label" and subj.startswith(self.actor_ns):
                return ("label", subj[len(self.actor_ns):], str(term))
            if p == V.SKOS + "altLabel" and subj.startswith(self.actor_ns):
                return ("altlabel", subj[len(self.actor_ns):], str(term))
            dt = term.datatype.value if term.datatype is not None else ""
            if dt == V.XSD + "date":
                return ("date", term.value)
            if dt == V.XSD + "gYearMonth":
                return ("month", term.value)
        return str(term)

    def mapping(self, k: int) -> dict[str, tuple[str, str, str | None]]:
        """Seed actor key -> (key, label, wikidata) in copy ``k``."""
        if k == 0 or not self.rotate:
            return {}
        rng = random.Random(k)
        used: set[str] = set()
        out = {}
        # a leaderOf fact of the seed becomes a leader pair of the gazetteer, so that the
        # copies' leaderOf facts stay true (Russia keeps a handful of leaders, not hundreds)
        for person, state in self.leaders:
            if person in out or state in out or not self.leader_pairs:
                continue
            for _ in range(50):
                P, S = rng.choice(self.leader_pairs)
                if P[0] not in used and S[0] not in used:
                    out[person], out[state] = P, S
                    used.update((P[0], S[0]))
                    break
        for key, typ in sorted(self.actors.items()):
            if key in out:
                continue
            cands = self.pool.get(typ) or []
            for _ in range(20):
                c = rng.choice(cands) if cands else None
                if c is not None and c[0] not in used:
                    used.add(c[0])
                    out[key] = c
                    break
        return out

    def copy(self, k: int) -> str:
        V = self.V
        ident = f"bench-{k:07d}"
        g = f"<{self.graph}>" if k == 0 else f"<{V.article_iri(ident)}>"
        m = self.mapping(k)
        days = 0 if k == 0 else (k * 37) % 7300 - 3650       # within +-10 years
        lines = []
        for s, p, o in self.template:
            parts = []
            drop = False
            for t in (s, o):
                if isinstance(t, str):
                    parts.append(t)
                    continue
                kind = t[0]
                if kind == "article":
                    parts.append(g)
                elif kind == "interaction":
                    parts.append(f"<{t[1]}>" if k == 0 else f"<{t[1]}-{k}>")
                elif kind == "actor":
                    new = m.get(t[1])
                    parts.append(f"<{self.actor_ns}{new[0] if new else t[1]}>")
                elif kind == "wikidata":
                    new = m.get(t[1])
                    if new is None:
                        parts.append(f"<{t[2]}>")
                    elif new[2]:
                        parts.append(f"<{V.WD}{new[2]}>")
                    else:
                        drop = True
                elif kind == "identifier":
                    parts.append(t[1] if k == 0 else json.dumps(ident))
                elif kind == "label":
                    new = m.get(t[1])
                    parts.append(t[2] if new is None else json.dumps(new[1], ensure_ascii=False) + "@en")
                elif kind == "altlabel":
                    new = m.get(t[1])
                    parts.append(t[2] if new is None else json.dumps(new[1], ensure_ascii=False) + "@en")
                elif kind == "date":
                    d = date.fromisoformat(t[1]) + timedelta(days=days)
                    parts.append(f'"{d.isoformat()}"^^<{V.XSD}date>')
                elif kind == "month":
                    y, mo = map(int, t[1].split("-"))
                    n = y * 12 + mo - 1 + days // 30
                    parts.append(f'"{n // 12:04d}-{n % 12 + 1:02d}"^^<{V.XSD}gYearMonth>')
            if not drop:  # the article's graph, and the union (the default graph)
                lines.append(f"{parts[0]} {p} {parts[1]} {g} .\n{parts[0]} {p} {parts[1]} .\n")
        return "".join(lines)


def make_store(path: Path, target_triples: int, rotate: bool = True, log=print) -> dict:
    """Create the benchmark store at ``path``; returns what was made."""
    import pyoxigraph as ox
    from .store import GraphStore
    t0 = time.perf_counter()
    quads = seed_quads()
    t_extract = time.perf_counter() - t0
    rep = Replicator(quads, rotate=rotate)
    if path.exists():
        shutil.rmtree(path)
    gs = GraphStore(path)
    gs.load_ontology()
    st = gs.store
    # distinct triples added per copy: those naming the copy's article or interactions (the
    # rest, actor labels and topics, repeat across copies)
    per_copy = sum(1 for s, _, o in rep.template
                   if any(isinstance(t, tuple) and t[0] in ("article", "interaction") for t in (s, o)))
    copies = max(1, -(-target_triples // max(1, per_copy)))
    t1 = time.perf_counter()
    chunk = 500
    k = 0
    while k < copies:
        text = "".join(rep.copy(i) for i in range(k, min(copies, k + chunk)))
        st.bulk_load(text.encode("utf-8"), ox.RdfFormat.N_QUADS)
        k += chunk
    gs.flush()
    st.optimize()
    t_load = time.perf_counter() - t1
    n_quads = sum(1 for _ in gs.named_quads())
    n_triples = len(gs)   # the default graph: the union, each triple once
    del gs, st
    info = {"copies": copies, "quads": n_quads, "triples": n_triples, "seed_quads": len(quads),
            "rotate_actors": rotate, "extract_seconds": round(t_extract, 2),
            "generate_and_load_seconds": round(t_load, 2)}
    log(f"store: {copies} copies of the seed article, {n_quads:,} quads, {n_triples:,} distinct "
        f"triples (extraction {t_extract:.1f} s, generation + bulk load {t_load:.1f} s)")
    return info


# --------------------------------------------------------------------------------------------
# 2. graphbuild (oxigraph)
# --------------------------------------------------------------------------------------------

def load_queries(names: list[str] | None = None) -> dict[str, str]:
    files = sorted(QUERY_DIR.glob("*.rq"))
    return {p.name: p.read_text("utf-8") for p in files if names is None or p.name in names}


def time_graphbuild(store_path: Path, queries: dict[str, str], runs: int) -> tuple[dict, float]:
    """Median/min ms of run_query + format_results per query, on the store opened once."""
    from . import api
    t0 = time.perf_counter()
    store = api.open_store(store_path)
    t_open = time.perf_counter() - t0
    out = {}
    for name, q in queries.items():
        def once() -> tuple[float, int]:
            t = time.perf_counter()
            text = api.format_results(api.run_query(store, q), "table")
            return (time.perf_counter() - t) * 1000, max(0, text.count("\n") - 2)
        first, rows = once()  # warm-up
        # keep the whole benchmark within minutes: slow (listing, aggregate) queries get
        # fewer runs; a query slower than 5 s is reported by its one (first) run
        n = runs if first < 1000 else 3 if first < 5000 else 0
        times = []
        for _ in range(n):
            ms, rows = once()
            times.append(ms)
        if not times:
            times = [first]
        out[name] = {"median_ms": statistics.median(times), "min_ms": min(times), "rows": rows,
                     "runs": len(times)}
    return out, t_open


def time_cli(store_path: Path, runs: int) -> dict:
    """Wall time of the CLI: bare start-up, and a trivial query on the store."""
    exe = Path(sys.executable).parent / "graphbuild"
    cmd_base = [str(exe)] if exe.exists() else [sys.executable, "-m", "graphbuild"]

    def wall(args: list[str]) -> float:
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd_base + args, check=True, capture_output=True)
            ts.append((time.perf_counter() - t) * 1000)
        return statistics.median(ts)

    return {"version_ms": wall(["--version"]),
            "ask_on_store_ms": wall(["query", str(store_path), "ASK {}"]),
            "runs": runs}


# --------------------------------------------------------------------------------------------
# 3. rdflib
# --------------------------------------------------------------------------------------------

def _rdflib_worker(nt_path: str, queries: dict[str, str], per_query: float, conn) -> None:
    """Parse once, then run each query in a forked copy of this process (the parsed graph is
    shared copy-on-write) that is killed after ``per_query`` seconds."""
    import rdflib
    from .rdf.vocab import PREFIXES
    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(nt_path, format="nt")
    conn.send(("parse", (time.perf_counter() - t) * 1000, len(g)))
    ns = dict(PREFIXES)
    for name, q in queries.items():
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run the query, write "median rows"
            os.close(r)
            times, rows = [], 0
            for _ in range(3):
                t = time.perf_counter()
                rows = sum(1 for _ in g.query(q, initNs=ns))
                times.append((time.perf_counter() - t) * 1000)
                if times[0] > 2000:
                    break
            os.write(w, f"{statistics.median(times)} {rows}".encode())
            os._exit(0)
        os.close(w)
        deadline = time.monotonic() + per_query
        data = b""
        import select
        while time.monotonic() < deadline:
            ready, _, _ = select.select([r], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                chunk = os.read(r, 1024)
                if not chunk:
                    break
                data += chunk
        os.close(r)
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        if data:
            ms, rows = data.decode().split()
            conn.send(("query", name, float(ms), int(rows)))
        else:
            conn.send(("timeout", name, per_query * 1000))
    conn.send(("done",))


def time_rdflib(nt_path: Path, queries: dict[str, str], budget: float, per_query: float,
                log=print) -> dict:
    """rdflib's parse and query times (see the module docstring); selective queries first."""
    order = {"selective": 0, "listing": 1, "aggregate": 2}
    queries = dict(sorted(queries.items(), key=lambda kv: (order.get(KINDS.get(kv[0], "listing"), 1), kv[0])))
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_worker, args=(str(nt_path), queries, per_query, child), daemon=True)
    proc.start()
    child.close()
    deadline = time.monotonic() + budget
    out: dict = {"parse_ms": None, "triples": None, "queries": {}, "timeouts": [],
                 "per_query_timeout_s": per_query}
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not parent.poll(left):
                out["budget_spent"] = True
                log(f"rdflib: time budget of {budget:.0f} s spent; the rest is not measured")
                break
            msg = parent.recv()
            if msg[0] == "parse":
                out["parse_ms"], out["triples"] = msg[1], msg[2]
                log(f"rdflib: parsed {msg[2]:,} triples in {msg[1] / 1000:.1f} s")
            elif msg[0] == "query":
                out["queries"][msg[1]] = {"median_ms": msg[2], "rows": msg[3]}
            elif msg[0] == "timeout":
                out["timeouts"].append(msg[1])
            else:
                break
    except EOFError:
        out["error"] = "the rdflib process died (memory?)"
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(10)
    return out


# --------------------------------------------------------------------------------------------

def _fmt_ms(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v:,.1f}" if v < 1000 else f"{v:,.0f}"


def report_table(res: dict) -> str:
    head = ["query", "kind", "rows", "oxigraph median ms", "min ms", "rdflib ms", "rdflib/oxigraph", "target"]
    rows = []
    for name, r in res["graphbuild"].items():
        kind = KINDS.get(name, "listing")
        rl = res["rdflib"]["queries"].get(name)
        rl_ms = rl["median_ms"] if rl else None
        if rl_ms and r["median_ms"] > 0:
            ratio = f"{rl_ms / r['median_ms']:,.0f}x"
        elif name in res["rdflib"].get("timeouts", ()):
            t = res["rdflib"]["per_query_timeout_s"]
            ratio = f"> {t * 1000 / r['median_ms']:,.0f}x"
        else:
            ratio = "-"
        target = ("ok" if r["median_ms"] < TARGET_MS else "MISSED") if kind == "selective" else ""
        if rl and rl["rows"] != r["rows"]:
            ratio += f" (rows {rl['rows']})"
        rl_text = _fmt_ms(rl_ms)
        if name in res["rdflib"].get("timeouts", ()):
            rl_text = f"> {res['rdflib']['per_query_timeout_s'] * 1000:,.0f}"
        rows.append([name.removesuffix(".rq"), kind, f"{r['rows']:,}", _fmt_ms(r["median_ms"]),
                     _fmt_ms(r["min_ms"]), rl_text, ratio, target])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="distinct triples to reach")
    ap.add_argument("--runs", type=int, default=9, help="timed runs per query (median)")
    ap.add_argument("--cli-runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--reuse", action="store_true", help="reuse bench-out/query-store if present")
    ap.add_argument("--no-rotate", dest="rotate", action="store_false",
                    help="replicate the seed's actors as they are (every query returns one row per copy)")
    ap.add_argument("--rdflib-budget", type=float, default=200.0,
                    help="seconds for rdflib (parse + queries) before it is stopped")
    ap.add_argument("--rdflib-query-timeout", type=float, default=20.0,
                    help="seconds for one rdflib query before it is stopped")
    ap.add_argument("--no-rdflib", action="store_true")
    args = ap.parse_args(argv)

    t_all = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    store_path = args.out / "query-store"
    info_path = args.out / "query-store.json"
    if args.reuse and (store_path / "CURRENT").exists() and info_path.exists():
        data = json.loads(info_path.read_text())
        print(f"store: reusing {store_path} ({data['triples']:,} triples)")
    else:
        data = make_store(store_path, args.triples, rotate=args.rotate)
        info_path.write_text(json.dumps(data, indent=1))

    queries = load_queries()
    for name in [n for n, q in queries.items() if "geo:Event" in q]:
        # the replicated store has no events graph (graphbuild.events groups the reports of
        # a build; copies of one article would all be one event)
        print(f"{name}: skipped (needs the events graph)")
        del queries[name]
    gb, t_open = time_graphbuild(store_path, queries, args.runs)
    cli = time_cli(store_path, args.cli_runs)

    from .store import GraphStore
    nt = args.out / "query-union.nt"
    t = time.perf_counter()
    GraphStore(store_path, read_only=True).export(nt, "ntriples")
    t_export = time.perf_counter() - t
    print(f"export of the union as N-Triples (GraphStore.export): {t_export:.1f} s")
    rl = {"queries": {}} if args.no_rdflib else time_rdflib(
        nt, queries, args.rdflib_budget, args.rdflib_query_timeout)

    import pyoxigraph
    import rdflib
    res = {
        "data": data,
        "store_open_ms": t_open * 1000,
        "export_ntriples_seconds": round(t_export, 2),
        "graphbuild": gb,
        "cli": cli,
        "rdflib": rl,
        "kinds": KINDS,
        "target_ms_selective": TARGET_MS,
        "env": {"python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__,
                "rdflib": rdflib.__version__, "cpus": os.cpu_count(), "machine": platform.machine()},
        "seconds": round(time.perf_counter() - t_all, 1),
    }
    (args.out / "query.json").write_text(json.dumps(res, indent=1))
    nt.unlink(missing_ok=True)

    print()
    print(f"Query latency on {data['triples']:,} triples ({data['quads']:,} quads in "
          f"{data['copies']:,} article graphs), graphbuild query's code path in one process "
          f"(store opened once: {t_open * 1000:.0f} ms), median of {args.runs} runs:")
    print(report_table(res))
    if rl.get("parse_ms") is not None:
        print(f"rdflib: parse of the same data (N-Triples, in memory) {rl['parse_ms'] / 1000:.1f} s")
    print(f"CLI start-up (wall, median of {cli['runs']}): `graphbuild --version` "
          f"{cli['version_ms']:.0f} ms; `graphbuild query STORE 'ASK {{}}'` {cli['ask_on_store_ms']:.0f} ms")
    sel = [r for n, r in gb.items() if KINDS.get(n) == "selective"]
    ok = all(r["median_ms"] < TARGET_MS for r in sel)
    print(f"selective queries < {TARGET_MS:.0f} ms median: {'yes' if ok else 'NO'}; "
          f"total {res['seconds']:.0f} s; written {args.out / 'query.json'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
