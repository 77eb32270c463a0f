#!/usr/bin/env python3
"""Time the network page: seconds from navigation to ``window.gbReady`` in headless chromium.

    .venv/bin/python scripts/page_bench.py                 # 5,000 actors, 15,000 interactions
    .venv/bin/python scripts/page_bench.py --actors 1000 --edges 3000 --repeat 5

Prints one line per run and a summary line ``page_ready_seconds median=... min=... max=...``
(the page's own ``performance.now()`` at gbReady, i.e. parse + layout + first paint after
physics stopped). Needs /usr/bin/chromium (Debian package) and the playwright Python package.
Exit code 0, or 3 when chromium is missing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphbuild.export.html import synthetic_store, write_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def wait_ready(page, timeout_s: float = 60.0, poll_s: float = 0.05) -> None:
    """Wait for ``window.gbReady``. Polls with page.evaluate (CDP), not page.wait_for_function,
    whose in-page predicate needs eval and is refused by the page's Content-Security-Policy."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate("window.gbReady === true"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"window.gbReady not set after {timeout_s} s")
        time.sleep(poll_s)


def time_page(html: Path, *, browser=None, timeout_s: float = 120.0,
              viewport=(1400, 900)) -> dict:
    """Open ``html`` from file:// in headless chromium; return the timings in seconds.

    ``browser``: a launched playwright Browser to reuse (the tests pass theirs); by default a
    fresh chromium is launched and closed.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return time_page(html, browser=b, timeout_s=timeout_s, viewport=viewport)
            finally:
                b.close()
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        remote: list[str] = []

        def guard(route):
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                remote.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        t0 = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        wait_ready(page, timeout_s)
        wall = time.perf_counter() - t0
        ready_at = page.evaluate("window.gbReadyAt") / 1000.0
        n = page.evaluate("[gbNodes.length, gbEdges.length]")
        timings = page.evaluate("window.gbTimings")
        if remote:
            raise RuntimeError(f"the page tried to load {remote}")
        return {"ready": ready_at, "wall": wall, "nodes": n[0], "edges": n[1],
                "timings": {k: round(v / 1000.0, 3) for k, v in timings.items()}}
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--actors", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-nodes", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="also copy the page here")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Error: {CHROMIUM}: not found (apt-get install chromium)", file=sys.stderr)
        return 3
    t = time.perf_counter()
    store = synthetic_store(args.actors, args.edges, seed=args.seed)
    t_store = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "graph.html"
        t = time.perf_counter()
        write_html(store, html, max_nodes=args.max_nodes, title="page bench")
        t_write = time.perf_counter() - t
        size_mb = html.stat().st_size / 1e6
        if args.keep:
            args.keep.write_bytes(html.read_bytes())
        print(f"store {t_store:.2f} s, write_html {t_write:.2f} s, page {size_mb:.1f} MB")
        readies = []
        for k in range(args.repeat):
            r = time_page(html)
            readies.append(r["ready"])
            print(f"run {k + 1}: gbReady after {r['ready']:.2f} s (wall {r['wall']:.2f} s), "
                  f"{r['nodes']} nodes, {r['edges']} edges in the vis DataSets; "
                  f"marks (s): {r['timings']}")
    print(f"page_ready_seconds median={statistics.median(readies):.2f} "
          f"min={min(readies):.2f} max={max(readies):.2f} "
          f"actors={args.actors} interactions={args.edges}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
