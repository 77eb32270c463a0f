"""`make bench`: throughput and memory of `graphbuild build`, beside plain spaCy.

    python -m graphbuild.bench --shared ../shared            # ~15 min on 2 cores
    python -m graphbuild.bench --shared ../shared --quick    # ~3 min

Every measured run is a fresh subprocess, timed from start to exit (model loading included,
for the builds and for the baselines alike):

* ``plain``: ``nlp.pipe`` over the corpus texts with the model and components graphbuild uses
  (``graphbuild.nlp.model_name``, ``EXCLUDE``), one process — the first baseline;
* ``full``: the same with the model's default full pipeline (the second baseline; it is the
  same run when ``EXCLUDE`` is empty);
* ``build w1`` / ``build w2``: ``python -m graphbuild build CORPUS --workers N`` end to end
  (reading, extraction, store, Turtle and page);
* ``plain w2``: spaCy alone in 2 processes with graphbuild's worker design (chunks of
  articles out, a small result back) — the ceiling for ``build w2``;
* ``mem 1k`` / ``mem 10k``: ``build`` on 1,000 and on 10,000 articles (the corpus replicated
  under distinct identities), peak RSS summed over the build process and its children.

CPU time (user + system of the process tree, from ``wait4``) is reported beside wall time:
the machine may be shared, and the ratio of CPU times is the one other processes disturb least.
Results: a Markdown table on stdout and ``bench-out/bench.json``. The HTML page benchmark
(``scripts/page_bench.py``) and the query benchmark (``graphbuild.bench_query``) run too when
they exist.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_NAME = "corpus/winer-fr.jsonl"


# -- corpus ---------------------------------------------------------------------------------

def _records(path: Path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _seed_records(n: int):
    """``n`` articles made from the seeds/ texts, each under its own identity."""
    from .io.readers import split_date_marker
    texts = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text, d, _prec, _ = split_date_marker(p.read_text("utf-8"))
        texts.append((p.stem, text.strip(), d.isoformat() if d else None))
    if not texts:
        raise SystemExit("Error: seeds/: no .txt article to generate a corpus from")
    for i in range(n):
        stem, text, d = texts[i % len(texts)]
        yield {"id": f"{stem}~{i:05d}", "date": d, "lang": "fr", "title": stem, "text": text}


def write_corpus(records, path: Path, n: int) -> dict:
    """Write ``n`` records to ``path``, cycling through ``records`` under distinct identities
    (``<id>~r<k>`` for the k-th replica). Returns the counts."""
    base = list(records)
    words = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            rec = dict(base[i % len(base)])
            k = i // len(base)
            if k:
                rec["id"] = f"{rec['id']}~r{k}"
            words += len(rec["text"].split())
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"path": str(path), "articles": n, "words": words}


# -- running and measuring one subprocess -----------------------------------------------------

def _cpu_pressure() -> float | None:
    """Microseconds some task waited for a CPU since boot (Linux PSI), or None."""
    try:
        text = Path("/proc/pressure/cpu").read_text()
    except OSError:
        return None
    m = re.search(r"some .*total=(\d+)", text)
    return float(m.group(1)) if m else None


def run(cmd: list[str], label: str, poll: float = 0.05) -> dict:
    """Run ``cmd``; wall time, CPU time of the process tree, peak summed RSS of the tree."""
    import psutil

    env = dict(os.environ, PYTHONUNBUFFERED="1")
    p0 = _cpu_pressure()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    peak = {"rss": 0, "procs": 0}
    cpu_seen: dict[int, float] = {}  # pid -> last seen user+system CPU seconds
    stop = threading.Event()

    def watch() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total, n = 0, 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.Error:
                break
            for pr in procs:
                try:
                    total += pr.memory_info().rss
                    ct = pr.cpu_times()
                    cpu_seen[pr.pid] = ct.user + ct.system
                    n += 1
                except psutil.Error:
                    pass
            if total > peak["rss"]:
                peak["rss"] = total
            peak["procs"] = max(peak["procs"], n)
            stop.wait(poll)

    th = threading.Thread(target=watch, daemon=True)
    th.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
               for s, b in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    p1 = _cpu_pressure()
    stdout = b"".join(out_chunks).decode("utf-8", "replace")
    stderr = b"".join(err_chunks).decode("utf-8", "replace")
    if proc.returncode not in (0, 4):
        raise SystemExit(f"Error: {label}: `{' '.join(cmd)}` exited with {proc.returncode}:\n"
                         f"{stderr[-3000:]}")
    cpu = ru.ru_utime + ru.ru_stime
    busiest = max(cpu_seen.values(), default=cpu)
    res = {"label": label, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
           "busiest_process_cpu_s": round(busiest, 2),
           # the wall time this run would take with os.cpu_count() cores to itself: no less than
           # its busiest process's CPU time, nor than its total CPU time spread over the cores
           "ideal_wall_s": round(max(busiest, cpu / (os.cpu_count() or 1)), 2),
           "peak_rss_mb": round(peak["rss"] / 2**20, 1), "max_rss_one_process_mb": round(ru.ru_maxrss / 1024, 1),
           "processes": peak["procs"]}
    if p0 is not None and p1 is not None:
        res["cpu_pressure"] = round((p1 - p0) / 1e6 / wall, 2)  # share of the wall time some task waited
    last = stdout.strip().splitlines()[-1:] if stdout.strip() else []
    if last and last[0].startswith("{"):
        res["inner"] = json.loads(last[0])
    return res


# -- the plain spaCy baselines (run as subprocesses of the bench) ------------------------------

def _plain(corpus: Path, full: bool) -> None:
    import spacy

    from .nlp import load_nlp, model_name
    t0 = time.perf_counter()
    name = model_name("fr")
    # same components: graphbuild's own loader (EXCLUDE applied, its sentence-boundary rule
    # added); full: the package's default pipeline, as a user's script loads it
    nlp = spacy.load(name) if full else load_nlp("fr")
    t_load = time.perf_counter() - t0
    n = 0
    t1 = time.perf_counter()
    for _doc in nlp.pipe((r["text"].strip() for r in _records(corpus)), batch_size=32):
        n += 1
    print(json.dumps({"model": name, "components": nlp.pipe_names, "load_s": round(t_load, 2),
                      "pipe_s": round(time.perf_counter() - t1, 2), "articles": n}))


def _plain_workers(corpus: Path, workers: int) -> None:
    from .io.readers import iter_articles
    from .parallel import ExtractConfig, iter_graphs
    t0 = time.perf_counter()
    arts = (a for a in iter_articles([corpus]) if not isinstance(a, Exception))
    n = sum(1 for _ in iter_graphs(arts, ExtractConfig.make(lang="fr"), workers=workers, task="parse"))
    print(json.dumps({"workers": workers, "articles": n, "seconds": round(time.perf_counter() - t0, 2)}))


def _breakdown(corpus: Path, n: int) -> None:
    """In one process, on the first ``n`` articles: where the CPU time of a build goes."""
    from .export.html import write_html
    from .extract import Pipeline
    from .io.readers import iter_articles
    from .parallel import article_graph
    from .store import GraphStore

    arts = []
    for a in iter_articles([corpus]):
        if not isinstance(a, Exception):
            arts.append(a)
        if len(arts) >= n:
            break
    pipe = Pipeline(lang="fr")
    nlp = pipe.nlp("fr")
    list(nlp.pipe([arts[0].text]))  # warm up
    t = {}
    c = time.process_time()
    docs = list(nlp.pipe([a.text for a in arts], batch_size=32))
    t["parse"] = time.process_time() - c
    c = time.process_time()
    facts = [pipe.facts(d, a, "fr") for d, a in zip(docs, arts)]
    t["extract (Pipeline.facts)"] = time.process_time() - c
    del docs
    c = time.process_time()
    graphs = [article_graph(f) for f in facts]
    t["RDF text (article_graph)"] = time.process_time() - c
    with tempfile.TemporaryDirectory() as tmp:
        gs = GraphStore(Path(tmp) / "store")
        gs.load_ontology()
        c = time.process_time()
        for g in graphs:
            gs.put_graph(g)
        gs.flush()
        t["store (one update per article)"] = time.process_time() - c
        c = time.process_time()
        gs.export(Path(tmp) / "graph.ttl", "turtle")
        t["Turtle export"] = time.process_time() - c
        c = time.process_time()
        write_html(gs.store, Path(tmp) / "graph.html")
        t["page"] = time.process_time() - c
        # the alternative: several articles' graphs in one update (still whole per article)
        gs2 = GraphStore(Path(tmp) / "store2")
        c = time.process_time()
        for i in range(0, len(graphs), 32):
            gs2.store.update(" ;\n".join(
                f"DROP SILENT GRAPH <{g.graph}> ;\nINSERT DATA {{ GRAPH <{g.graph}> {{\n{g.triples}\n}} }}"
                for g in graphs[i:i + 32]))
        gs2.flush()
        t["store, 32 articles per update (not used)"] = time.process_time() - c
    prof = _profile_facts(pipe, nlp, arts[: min(len(arts), 100)])
    print(json.dumps({"articles": len(arts), "words": sum(len(a.text.split()) for a in arts),
                      "seconds": {k: round(v, 3) for k, v in t.items()}, "extract_hotspots": prof}))


def _profile_facts(pipe, nlp, arts) -> list[list]:
    """The functions of extraction with the most cumulative time (cProfile), as a share of
    ``Pipeline.facts``: what limits the overhead ratio."""
    import cProfile
    import pstats
    docs = list(nlp.pipe([a.text for a in arts]))
    pr = cProfile.Profile()
    pr.enable()
    for d, a in zip(docs, arts):
        pipe.facts(d, a, "fr")
    pr.disable()
    st = pstats.Stats(pr)
    total = sum(v[3] for k, v in st.stats.items() if k[2] == "facts") or 1.0
    rows = sorted(((k, v) for k, v in st.stats.items()
                   if "graphbuild" in k[0] and k[2] not in ("facts", "_facts", "build")),
                  key=lambda kv: -kv[1][3])
    return [[f"{Path(k[0]).name}:{k[2]}", round(v[3] / total, 2)] for k, v in rows[:6]]


def _article_quads(nq: Path) -> list[str]:
    """Sorted N-Quads lines of the article graphs (the ontology graph has blank nodes)."""
    with open(nq, encoding="utf-8") as f:
        return sorted(ln for ln in f if not ln.rstrip().endswith("<https://w3id.org/geokg/ontology> ."))


# -- the report -------------------------------------------------------------------------------

def _rate(r: dict, corpus: dict) -> tuple[str, str]:
    return f"{corpus['articles'] / r['wall_s']:.1f}", f"{corpus['words'] / r['wall_s']:,.0f}"


def _side_benches(quick: bool) -> dict:
    out: dict = {}
    page = ROOT / "scripts" / "page_bench.py"
    if page.exists():
        cmd = [sys.executable, str(page)] + (["--repeat", "1"] if quick else [])
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        m = re.search(r"page_ready_seconds median=([\d.]+).*", p.stdout)
        out["page"] = {"command": " ".join(cmd[1:]), "exit_code": p.returncode,
                       "summary": m.group(0) if m else None,
                       "median_s": float(m.group(1)) if m else None,
                       "tail": (p.stdout + p.stderr).strip().splitlines()[-6:]}
    else:
        out["page"] = {"skipped": "scripts/page_bench.py not found"}
    if (ROOT / "graphbuild" / "bench_query.py").exists():
        cmd = [sys.executable, "-m", "graphbuild.bench_query"]
        helptext = subprocess.run(cmd + ["--help"], capture_output=True, text=True, cwd=ROOT).stdout
        if quick and "--quick" in helptext:
            cmd.append("--quick")
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        out["query"] = {"command": " ".join(cmd[1:]), "exit_code": p.returncode,
                        "output": p.stdout.strip().splitlines()[-25:],
                        "stderr": p.stderr.strip().splitlines()[-5:]}
    else:
        out["query"] = {"skipped": "graphbuild/bench_query.py not found"}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graphbuild.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared folder holding corpus/winer-fr.jsonl (default ../shared)")
    ap.add_argument("--quick", action="store_true",
                    help="300 articles, memory at 300 and 3,000, one repetition (~3 min)")
    ap.add_argument("--out", type=Path, default=Path("bench-out"), help="where bench.json goes")
    ap.add_argument("--repeat", type=int, default=None,
                    help="repetitions of the throughput runs, best wall time kept (default 2, quick 1)")
    ap.add_argument("--workers", type=int, default=2, help="the parallel run's workers (default 2)")
    ap.add_argument("--no-side", action="store_true", help="skip the page and query benchmarks")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    # internal modes (subprocesses of the bench)
    ap.add_argument("--_plain", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_full", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_plain-workers", dest="plain_workers", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_breakdown", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_n", type=int, default=2, help=argparse.SUPPRESS)
    ap.add_argument("--sizes", help=argparse.SUPPRESS)  # "throughput,mem-small,mem-big" (smoke tests)
    args = ap.parse_args(argv)
    if args._plain:
        _plain(args._plain, args._full)
        return 0
    if args.plain_workers:
        _plain_workers(args.plain_workers, args._n)
        return 0
    if args._breakdown:
        _breakdown(args._breakdown, args._n)
        return 0

    t_start = time.perf_counter()
    repeat = args.repeat or (1 if args.quick else 2)
    n_main, n_small, n_big = (300, 300, 3000) if args.quick else (None, 1000, 10000)
    if args.sizes:
        n_main, n_small, n_big = (int(x) for x in args.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="graphbuild-bench-"))
    src = args.shared / CORPUS_NAME
    if src.exists():
        base = list(_records(src))
        corpus_note = f"{src} ({len(base)} articles)"
    else:
        base = list(_seed_records(1200))
        corpus_note = (f"generated from seeds/ ({len(base)} copies of the seed articles under "
                       f"distinct identities) because {src} is absent")
        print(f"Note: {src} not found: benchmarking a corpus {corpus_note.split(' because')[0]}; "
              f"figures are not comparable with WiNER's.", file=sys.stderr)
    if n_main:
        base = base[:n_main]
    corpus = write_corpus(base, work / "corpus.jsonl", len(base))
    small = write_corpus(base, work / "mem-small.jsonl", n_small)
    big = write_corpus(base, work / "mem-big.jsonl", n_big)
    from .nlp import EXCLUDE, model_name
    model = model_name("fr")
    py = sys.executable
    me = [py, "-m", "graphbuild.bench"]

    def build_cmd(path: str, workers: int, out: str) -> list[str]:
        return [py, "-m", "graphbuild", "build", path, "--out", str(work / out), "--workers",
                str(workers), "--format", "turtle", "--format", "nquads", "-q"]

    print(f"corpus: {corpus_note}; model {model}, EXCLUDE={list(EXCLUDE)}; "
          f"{os.cpu_count()} CPUs; temp {work}", file=sys.stderr)
    runs: dict[str, list[dict]] = {}

    def measure(key: str, cmd: list[str], fresh: str | None = None) -> dict:
        if fresh:
            shutil.rmtree(work / fresh, ignore_errors=True)
        r = run(cmd, key)
        runs.setdefault(key, []).append(r)
        print(f"  {key:<10} wall {r['wall_s']:7.2f} s  cpu {r['cpu_s']:7.2f} s  "
              f"peak {r['peak_rss_mb']:7.1f} MB  pressure {r.get('cpu_pressure', '?')}", file=sys.stderr)
        return r

    w = args.workers
    for k in range(repeat):
        print(f"throughput, round {k + 1}/{repeat}:", file=sys.stderr)
        measure("plain", me + ["--_plain", corpus["path"]])
        measure("build w1", build_cmd(corpus["path"], 1, "b1"), fresh="b1")
        measure("full", me + ["--_plain", corpus["path"], "--_full"])
        measure(f"plain w{w}", me + ["--_plain-workers", corpus["path"], "--_n", str(w)])
        measure(f"build w{w}", build_cmd(corpus["path"], w, "b2"), fresh="b2")
    same_graph = _article_quads(work / "b1" / "graph.nq") == _article_quads(work / "b2" / "graph.nq")
    print(f"build w1 and build w{w} wrote the same article graphs: {same_graph}", file=sys.stderr)
    print("memory:", file=sys.stderr)
    measure("mem small", build_cmd(small["path"], 1, "m1"), fresh="m1")
    measure("mem big", build_cmd(big["path"], 1, "m2"), fresh="m2")
    print("breakdown:", file=sys.stderr)
    bd = measure("breakdown", me + ["--_breakdown", corpus["path"], "--_n", "200"])["inner"]
    side = {} if args.no_side else _side_benches(args.quick)

    best = {k: min(v, key=lambda r: r["wall_s"]) for k, v in runs.items()}
    cpu = {k: min(r["cpu_s"] for r in v) for k, v in runs.items()}
    ideal = {k: min(r["ideal_wall_s"] for r in v) for k, v in runs.items()}
    b1, b2, p1, p2, full = best["build w1"], best[f"build w{w}"], best["plain"], best[f"plain w{w}"], best["full"]
    wb, wp = f"build w{w}", f"plain w{w}"
    ratios = {
        "build_w1_vs_plain_same_components": round(p1["wall_s"] / b1["wall_s"], 3),
        "build_w1_vs_plain_same_components_cpu": round(cpu["plain"] / cpu["build w1"], 3),
        "build_w1_vs_default_full_pipeline": round(full["wall_s"] / b1["wall_s"], 3),
        "build_w1_vs_default_full_pipeline_cpu": round(cpu["full"] / cpu["build w1"], 3),
        f"build_w{w}_vs_w1": round(b1["wall_s"] / b2["wall_s"], 3),
        f"build_w{w}_vs_w1_cpu_estimate": round(ideal["build w1"] / ideal[wb], 3),
        f"plain_w{w}_vs_plain_w1_ceiling": round(p1["wall_s"] / p2["wall_s"], 3),
        f"plain_w{w}_vs_plain_w1_ceiling_cpu_estimate": round(ideal["plain"] / ideal[wp], 3),
        "peak_rss_big_vs_small": round(best["mem big"]["peak_rss_mb"] / best["mem small"]["peak_rss_mb"], 3),
    }
    ratios[f"build_w{w}_share_of_ceiling"] = round(
        ratios[f"build_w{w}_vs_w1"] / ratios[f"plain_w{w}_vs_plain_w1_ceiling"], 3)
    ratios[f"build_w{w}_share_of_ceiling_cpu_estimate"] = round(
        ratios[f"build_w{w}_vs_w1_cpu_estimate"] / ratios[f"plain_w{w}_vs_plain_w1_ceiling_cpu_estimate"], 3)
    pressure = max(r.get("cpu_pressure", 0) for v in runs.values() for r in v)
    rows = [
        ("plain `nlp.pipe`, same components, 1 process", p1, corpus),
        ("plain `nlp.pipe`, default full pipeline, 1 process", full, corpus),
        ("`graphbuild build --workers 1`", b1, corpus),
        (f"plain spaCy, {w} worker processes (ceiling)", p2, corpus),
        (f"`graphbuild build --workers {w}`", b2, corpus),
        (f"`graphbuild build`, {small['articles']:,} articles", best["mem small"], small),
        (f"`graphbuild build`, {big['articles']:,} articles", best["mem big"], big),
    ]
    lines = [
        f"Corpus: {corpus_note}; {corpus['articles']:,} articles, {corpus['words']:,} words "
        f"(whitespace-separated, bodies). Model `{model}`, components "
        f"{', '.join(p1.get('inner', {}).get('components', []))}"
        + (" (EXCLUDE is empty: the default pipeline plus graphbuild's newline sentence-boundary rule)"
           if not EXCLUDE else "") + ". "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. Wall time from process start "
        f"to exit, model loading included; best of {repeat}. The {w}-worker build wrote "
        + ("exactly the same article graphs as the 1-worker build (sorted N-Quads)." if same_graph
           else "**different** article graphs from the 1-worker build (a bug)."),
        "",
        "| run | articles/s | words/s | wall s | CPU s | words/s, CPU estimate | peak RSS MB | CPU pressure |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r, c in rows:
        a_s, w_s = _rate(r, c)
        lines.append(f"| {name} | {a_s} | {w_s} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | "
                     f"{c['words'] / r['ideal_wall_s']:,.0f} | "
                     f"{r['peak_rss_mb']:,.0f} | {r.get('cpu_pressure', '')} |")
    lines += [
        "",
        "| ratio | wall time | CPU time (contention-free estimate) | target |",
        "| --- | ---: | ---: | ---: |",
        f"| build w1 / plain `nlp.pipe`, same components | {ratios['build_w1_vs_plain_same_components']:.2f} | "
        f"{ratios['build_w1_vs_plain_same_components_cpu']:.2f} | ≥ 0.85 |",
        f"| build w1 / plain `nlp.pipe`, default full pipeline | {ratios['build_w1_vs_default_full_pipeline']:.2f} | "
        f"{ratios['build_w1_vs_default_full_pipeline_cpu']:.2f} | |",
        f"| build w{w} / build w1 | {ratios[f'build_w{w}_vs_w1']:.2f}× | "
        f"{ratios[f'build_w{w}_vs_w1_cpu_estimate']:.2f}× | 1.7× |",
        f"| ceiling: plain spaCy in {w} worker processes / 1 process | "
        f"{ratios[f'plain_w{w}_vs_plain_w1_ceiling']:.2f}× | "
        f"{ratios[f'plain_w{w}_vs_plain_w1_ceiling_cpu_estimate']:.2f}× | |",
        f"| build speed-up as a share of the ceiling's | {ratios[f'build_w{w}_share_of_ceiling']:.0%} | "
        f"{ratios[f'build_w{w}_share_of_ceiling_cpu_estimate']:.0%} | |",
        f"| peak RSS, {big['articles']:,} / {small['articles']:,} articles | "
        f"{ratios['peak_rss_big_vs_small']:.2f} | | ≤ 1.20 |",
        "",
        "CPU-time column: ratios of CPU seconds (user + system, whole process tree) for one "
        "process; for N processes, the wall time each run would take with the machine's cores "
        "to itself, max(busiest process's CPU, total CPU / cores)."
        + (f" **The machine was shared during this run** (CPU pressure up to {pressure:.2f}: "
           "the share of wall time some task waited for a CPU); the wall-time column is then "
           "unreliable." if pressure > 0.2 else ""),
    ]
    if bd:
        secs = bd["seconds"]
        parse = secs["parse"]
        lines += ["", f"Where a build's CPU time goes (one process, {bd['articles']} articles, "
                      f"{bd['words']:,} words; share of the spaCy parse time):", "",
                  "| step | CPU s | / parse |", "| --- | ---: | ---: |"]
        for k, v in secs.items():
            lines.append(f"| {k} | {v:.2f} | {v / parse:.0%} |")
        if bd.get("extract_hotspots"):
            lines += ["", "Extraction hot spots (cumulative time, share of `Pipeline.facts`): "
                      + ", ".join(f"`{n}` {s:.0%}" for n, s in bd["extract_hotspots"])]
    if side.get("page", {}).get("summary"):
        lines += ["", f"Page benchmark (`scripts/page_bench.py`): {side['page']['summary']}"]
    elif side.get("page"):
        lines += ["", f"Page benchmark: {side['page'].get('skipped') or side['page'].get('tail')}"]
    if side.get("query", {}).get("output"):
        lines += ["", "Query benchmark (`python -m graphbuild.bench_query`):", "", "```",
                  *side["query"]["output"], "```"]
    elif side.get("query"):
        lines += ["", f"Query benchmark: {side['query'].get('skipped') or side['query']}"]
    total = time.perf_counter() - t_start
    lines += ["", f"Bench wall time: {total / 60:.1f} min."]
    report = "\n".join(lines)
    print(report)
    args.out.mkdir(parents=True, exist_ok=True)
    data = {"corpus": corpus_note, "corpus_articles": corpus["articles"], "corpus_words": corpus["words"],
            "memory_corpora": [small, big], "model": model, "exclude": list(EXCLUDE),
            "cpus": os.cpu_count(), "repeat": repeat, "quick": args.quick, "runs": runs,
            "best": best, "ratios": ratios, "same_graph_w1_w2": same_graph, "breakdown": bd, "side": side,
            "bench_seconds": round(total, 1), "report_markdown": report,
            "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    (args.out / "bench.json").write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    print(f"\nwritten: {args.out / 'bench.json'}", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
