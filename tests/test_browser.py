"""The network page in headless Debian chromium (playwright): offline, filters, search, escaping.

Every non-file request is aborted and recorded; each test fails if any was attempted, if a
dialog opened, or if the page logged an error (a Content-Security-Policy violation included).
Waiting is done by polling with page.evaluate: page.wait_for_function evaluates its predicate
with eval(), which the page's CSP refuses.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

import pyoxigraph as ox  # noqa: E402

from graphbuild.export import html as page_mod  # noqa: E402
from graphbuild.rdf.vocab import PREFIXES  # noqa: E402
from test_html import HOSTILE_EVIDENCE, HOSTILE_LABEL, make_fixture_store  # noqa: E402

PREFIX = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items())


def store_counts(store: ox.Store) -> tuple[int, int]:
    """(nodes, folded edges) straight from the store, independently of the page code."""
    actors = next(iter(store.query(PREFIX + """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?a a ?t . FILTER(?t IN (geo:Person, geo:State, geo:Organization, geo:Institution)) }""",
        use_default_graph_as_union=True)))["n"]
    themes = next(iter(store.query(PREFIX + """SELECT (COUNT(DISTINCT ?th) AS ?n) WHERE {
        ?i a geo:Interaction ; geo:theme ?th . FILTER NOT EXISTS { ?i geo:recipient ?r }
        FILTER NOT EXISTS { ?th a ?t . FILTER(?t IN (geo:Person, geo:State, geo:Organization, geo:Institution)) } }""",
        use_default_graph_as_union=True)))["n"]
    pairs = next(iter(store.query(PREFIX + """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?o WHERE {
        ?i a geo:Interaction ; geo:agent ?a .
        OPTIONAL { ?i geo:recipient ?r } OPTIONAL { ?i geo:theme ?th }
        BIND(COALESCE(?r, ?th) AS ?o) FILTER(BOUND(?o))
        FILTER NOT EXISTS { ?i geo:negated true } } }""", use_default_graph_as_union=True)))["n"]
    return int(actors.value) + int(themes.value), int(pairs.value)


# ------------------------------------------------------------------ fixtures and helpers

@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return make_fixture_store()


@pytest.fixture(scope="module")
def html_file(store, tmp_path_factory) -> Path:
    return page_mod.write_html(store, tmp_path_factory.mktemp("browser") / "graph.html",
                               title="fixture <graph>")


class Watch:
    def __init__(self, page) -> None:
        self.remote: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"console {m.type}: {m.text}"))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert self.remote == [], f"the page tried to reach the network: {self.remote}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.errors == [], self.errors


def wait_for(page, expr: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(expr):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expr} still false after {timeout} s")
        time.sleep(0.05)


def open_page(browser, html: Path, viewport=(1400, 900)):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    watch = Watch(page)
    page.goto(html.as_uri())
    wait_for(page, "window.gbReady === true")
    return page, watch


@pytest.fixture
def loaded(browser, html_file):
    page, watch = open_page(browser, html_file)
    yield page, watch
    watch.check()
    page.close()


def node_id(page, label: str) -> int:
    return page.evaluate("(l) => gbData.nodes.find(n => n.label === l).id", label)


def node_point(page, nid: int) -> tuple[float, float]:
    return tuple(page.evaluate("""(id) => {
        const p = gbNetwork.getPositions([id])[id];
        const d = gbNetwork.canvasToDOM(p);
        const r = document.getElementById('gb-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""", nid))


def edge_point(page, edge_id: str, t: float) -> tuple[float, float]:
    return tuple(page.evaluate("""([id, t]) => {
        const e = gbNetwork.body.edges[id];
        let p;
        if (e && e.edgeType && e.edgeType.getPoint) p = e.edgeType.getPoint(t);
        else {
            const ps = gbNetwork.getPositions([e.fromId, e.toId]);
            const a = ps[e.fromId], b = ps[e.toId];
            p = {x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)};
        }
        const d = gbNetwork.canvasToDOM(p);
        const r = document.getElementById('gb-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""", [edge_id, t]))


def edge_count(page) -> int:
    return page.evaluate("gbEdges.length")


# ------------------------------------------------------------------ tests

def test_loads_offline_and_matches_store(loaded, store):
    page, watch = loaded
    nodes, edges = store_counts(store)
    assert page.evaluate("gbNodes.length") == nodes == 9
    assert edge_count(page) == edges == 9
    assert page.evaluate("gbNetwork.physics.options.enabled") is False  # physics stopped
    assert page.evaluate("document.title") == "fixture <graph>"
    assert page.evaluate("typeof vis.Network") == "function"
    # no element loads anything: no <link>, no <img>, no iframe, no src'd script
    assert page.evaluate("document.querySelectorAll('link, img, iframe, script[src], object, embed').length") == 0
    # the legend lists the node types and the cooperation / conflict colours
    legend = page.inner_text("#gb-legend")
    for word in ("State", "Person", "Organization", "Institution", "Topic", "Place",
                 "cooperation", "conflict", "negated"):
        assert word in legend
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 10_000


def test_two_interactions_fold_into_one_edge(loaded):
    page, _ = loaded
    biden, putin = node_id(page, "Joe Biden"), node_id(page, "Vladimir Putin")
    e = page.evaluate("(id) => gbEdges.get(id)", f"{biden}>{putin}")
    assert len(e["gbItems"]) == 2  # warns + meetsWith; the negated promise is not drawn
    assert set(e["label"].split(", ")) == {"warns", "meetsWith"}
    single = page.evaluate("(id) => gbEdges.get(id)", f"{putin}>{biden}")
    assert e["width"] > single["width"]
    assert "warns" in e["title"] and "meetsWith" in e["title"] and "lemonde-2021-12-07" in e["title"]
    assert e["color"]["color"] == page_mod.QUAD_COLORS["mixed"]
    nato, ukraine = node_id(page, "NATO"), node_id(page, "Ukraine")
    coop = page.evaluate("(id) => gbEdges.get(id)", f"{nato}>{ukraine}")
    assert coop["color"]["color"] == page_mod.QUAD_COLORS["material-coop"]
    assert page.evaluate("gbEdges.get().some(e => e.id.endsWith('~neg'))") is False


def test_quad_and_category_filters(loaded):
    page, _ = loaded
    before = edge_count(page)
    page.click("#gb-pol-conflict")
    after = edge_count(page)
    assert 0 < after < before
    assert page.evaluate("""gbEdges.get().every(e => e.gbItems.every(
        i => gbData.interactions[i].quad.endsWith('-coop')))""")
    page.click("#gb-pol-conflict")
    assert edge_count(page) == before
    # relation category: switch off "threaten"
    page.click("input[data-category='threaten']")
    biden, putin = node_id(page, "Joe Biden"), node_id(page, "Vladimir Putin")
    e = page.evaluate("(id) => gbEdges.get(id)", f"{biden}>{putin}")
    assert e["label"] == "meetsWith"
    hostile, nato = node_id(page, HOSTILE_LABEL), node_id(page, "NATO")
    assert page.evaluate("(id) => gbEdges.get(id)", f"{hostile}>{nato}") is None
    assert edge_count(page) == before - 1
    page.click("#gb-cat-none")
    assert edge_count(page) == 0
    page.click("#gb-cat-all")
    assert edge_count(page) == before


def test_type_date_and_negated_filters(loaded):
    page, _ = loaded
    before = edge_count(page)
    page.click("#gb-type-Person")
    hidden = page.evaluate("gbNodes.get().filter(n => n.hidden).map(n => n.label)")
    assert sorted(hidden) == ["Joe Biden", "Vladimir Putin"]
    assert page.evaluate("""gbEdges.get().every(e =>
        gbData.nodes[e.from].type !== 'Person' && gbData.nodes[e.to].type !== 'Person')""")
    page.click("#gb-type-Person")
    assert edge_count(page) == before
    # date range: from 2022-01-01 keeps the 2022 interactions and the undated one
    page.fill("#gb-date-from", "2022-01-01")
    page.dispatch_event("#gb-date-from", "change")
    assert edge_count(page) == 3
    page.click("#gb-undated")
    assert edge_count(page) == 2
    page.fill("#gb-date-to", "2022-01-12")
    page.dispatch_event("#gb-date-to", "change")
    assert edge_count(page) == 1  # only the accusation of 2022-01-10
    page.fill("#gb-date-from", "")
    page.fill("#gb-date-to", "")
    page.dispatch_event("#gb-date-to", "change")
    page.click("#gb-undated")
    assert edge_count(page) == before
    # negated interactions: off by default, drawn grey and dotted on demand
    page.click("#gb-show-neg")
    neg = page.evaluate("gbEdges.get().filter(e => e.id.endsWith('~neg'))")
    assert len(neg) == 1 and neg[0]["dashes"] and neg[0]["color"]["color"] == page_mod.QUAD_COLORS["negated"]
    assert "promises" in neg[0]["title"]
    page.click("#gb-show-neg")
    assert edge_count(page) == before


def test_search_focuses_actor_and_neighbours(loaded):
    page, _ = loaded
    putin = node_id(page, "Vladimir Putin")
    page.fill("#gb-search", "poutine")  # French alias, lower case
    page.press("#gb-search", "Enter")
    wait_for(page, f"gbNetwork.getSelectedNodes().includes({putin})", timeout=5)
    around = set(page.evaluate(f"gbNetwork.getConnectedNodes({putin})")) | {putin}
    dim = page.evaluate("gbNodes.get().filter(n => n.opacity < 1).map(n => n.id)")
    assert dim and not (set(dim) & around)
    panel = page.inner_text("#gb-panel")
    assert "Vladimir Putin" in panel and "Vladimir Poutine" in panel and "Poutine" in panel
    href = page.get_attribute("#gb-panel a", "href")
    assert href == "https://www.wikidata.org/wiki/Q7747"
    page.fill("#gb-search", "no such actor")
    page.press("#gb-search", "Enter")
    assert "No actor matches" in page.inner_text("#gb-search-msg")


def test_hostile_strings_stay_text(loaded):
    page, _ = loaded
    hostile, ukraine = node_id(page, HOSTILE_LABEL), node_id(page, "Ukraine")
    edge_id = f"{hostile}>{ukraine}"
    tooltip = ""
    for t in (0.3, 0.4, 0.25, 0.6, 0.7):
        x, y = edge_point(page, edge_id, t)
        page.mouse.move(x - 6, y - 6)
        page.mouse.move(x, y, steps=4)
        try:
            wait_for(page, """(() => { const t = document.querySelector('div.vis-tooltip');
                return t && getComputedStyle(t).visibility === 'visible' && t.textContent.length > 0; })()""",
                     timeout=2)
        except TimeoutError:
            continue
        tooltip = page.evaluate("document.querySelector('div.vis-tooltip').textContent")
        if HOSTILE_LABEL in tooltip:
            break
    assert HOSTILE_LABEL in tooltip  # the literal "<img ..." text
    assert HOSTILE_EVIDENCE in tooltip
    # vis sets a string title with innerText: the only elements are the <br> of line breaks
    assert page.evaluate("""Array.from(document.querySelector('div.vis-tooltip').querySelectorAll('*'))
        .every(e => e.tagName === 'BR')""")
    # the node's side panel
    x, y = node_point(page, hostile)
    page.mouse.click(x, y)
    wait_for(page, "!document.getElementById('gb-panel').hidden", timeout=5)
    assert page.inner_text("#gb-panel h2") == HOSTILE_LABEL
    panel = page.inner_text("#gb-panel")
    assert "<b>gras</b>" in panel and HOSTILE_EVIDENCE in panel
    assert page.evaluate("document.querySelectorAll('#gb-panel b, #gb-panel a').length") == 0  # no Q-id, no link
    # nothing ran, nothing was created from the data
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-panel.png"))
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 3


def test_labels_do_not_overlap_at_default_zoom(loaded):
    page, _ = loaded
    boxes = page.evaluate("""gbNodes.getIds().map(id => {
        const b = gbNetwork.getBoundingBox(id); return [id, b.left, b.top, b.right, b.bottom]; })""")
    overlaps = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                overlaps.append((a[0], b[0]))
    assert overlaps == []


def test_max_nodes_page(browser, store, tmp_path):
    html = page_mod.write_html(store, tmp_path / "top.html", max_nodes=4)
    page, watch = open_page(browser, html)
    try:
        assert page.evaluate("gbNodes.length") == 4
        assert "most connected of 9" in page.inner_text("#gb-status")
        watch.check()
    finally:
        page.close()


def test_empty_store_page(browser, tmp_path):
    html = page_mod.write_html(ox.Store(), tmp_path / "empty.html")
    page, watch = open_page(browser, html)
    try:
        assert page.evaluate("[gbNodes.length, gbEdges.length]") == [0, 0]
        assert "0 nodes" in page.inner_text("#gb-status")
        watch.check()
    finally:
        page.close()


def test_medium_synthetic_page(browser, tmp_path):
    st = page_mod.synthetic_store(1000, 3000, seed=3)
    G = page_mod.graph_to_networkx(st)
    pairs = {(u, v) for u, v, d in G.edges(data=True) if not d["negated"]}
    html = page_mod.write_html(st, tmp_path / "medium.html")
    page, watch = open_page(browser, html)
    try:
        assert page.evaluate("gbNodes.length") == G.number_of_nodes()
        assert edge_count(page) == len(pairs)
        assert page.evaluate("gbNetwork.physics.options.enabled") is False
        assert page.evaluate("window.gbReadyAt") / 1000 < 10
        watch.check()
    finally:
        page.close()


@pytest.mark.slow
def test_page_bench_5000_actors(browser, tmp_path):
    """The bench target: 5,000 actors / 15,000 interactions interactive in < 5 s."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from page_bench import time_page

    html = page_mod.write_html(page_mod.synthetic_store(5000, 15000), tmp_path / "big.html")
    r = time_page(html, browser=browser)
    assert r["nodes"] >= 5000
    assert r["ready"] < 5.0, r
