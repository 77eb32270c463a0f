"""The network page without a browser: graph_to_networkx, the page's data, structure, escaping."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.export import html as page
from graphbuild.rdf.vocab import (
    DCTERMS, GEO, ONTOLOGY_GRAPH, OWL, PROV, RDF, RDFS, SKOS, WD, XSD,
    actor_iri, article_iri, interaction_iri, place_iri, topic_iri,
)

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_EVIDENCE = '"</script><script>window.__pwned=1</script>'
HOSTILE_TITLE = "<script>alert(2)</script> & co"

ACTORS = {
    # key: (type, English label, {lang: [alt labels]}, wikidata)
    "vladimir-putin": ("Person", "Vladimir Putin", {"fr": ["Vladimir Poutine", "Poutine"], "en": ["Putin"]}, "Q7747"),
    "joe-biden": ("Person", "Joe Biden", {"fr": ["Joe Biden"], "en": ["Biden"]}, "Q6279"),
    "russia": ("State", "Russia", {"fr": ["Russie", "Moscou"]}, "Q159"),
    "nato": ("Organization", "NATO", {"fr": ["OTAN", "Alliance atlantique"]}, "Q7184"),
    "ukraine": ("State", "Ukraine", {"fr": ["Ukraine", "Kiev"]}, "Q212"),
    "kremlin": ("Institution", "Kremlin", {"fr": ["Kremlin"]}, None),
    "x-hostile": ("Organization", HOSTILE_LABEL, {"fr": ["<b>gras</b>"]}, None),
}
ARTICLES = {
    "lemonde-2021-12-07": ("Joe Biden menace Vladimir Poutine", "fr"),
    "hostile-1": (HOSTILE_TITLE, "en"),
}
THEME_LABELS = {"Topic": "garanties de sécurité", "Place": "frontière ukrainienne"}
TOPIC_GUARANTEES = topic_iri(THEME_LABELS["Topic"])
PLACE_BORDER = place_iri(THEME_LABELS["Place"])
# (article, agent, relation, recipient, theme, date, negated, hypothetical, evidence)
INTERACTIONS = [
    ("lemonde-2021-12-07", "joe-biden", "warns", "vladimir-putin", None, "2021-12-07", False, True,
     "Joe Biden a averti Vladimir Poutine que la Russie s'exposerait à des sanctions."),
    ("lemonde-2021-12-07", "joe-biden", "meetsWith", "vladimir-putin", None, "2021-12-07", False, False,
     "Joe Biden et Vladimir Poutine se sont entretenus lors d'un sommet virtuel."),
    ("lemonde-2021-12-07", "russia", "deploysForces", None, PLACE_BORDER, "2021-12", False, False,
     "La Russie masse des troupes à la frontière ukrainienne."),
    ("lemonde-2021-12-07", "vladimir-putin", "denounces", "nato", None, "2021-12-07", False, False,
     "Vladimir Poutine a dénoncé l'OTAN."),
    ("lemonde-2021-12-07", "vladimir-putin", "demands", None, TOPIC_GUARANTEES, "2021-12-07", False, False,
     "Poutine exige des garanties de sécurité."),
    ("lemonde-2021-12-07", "joe-biden", "promises", "vladimir-putin", None, "2021-12-07", True, False,
     "Joe Biden n'a pas fait de promesses à Vladimir Poutine."),
    ("lemonde-2021-12-07", "vladimir-putin", "proposes", "joe-biden", None, "2021-12-07", False, False,
     "Poutine a proposé à Biden de lever les mesures de rétorsion."),
    ("lemonde-2021-12-07", "kremlin", "rejects", "nato", None, "2021-12-17", False, False,
     "Le Kremlin a rejeté les demandes de l'OTAN."),
    ("hostile-1", "x-hostile", "accuses", "ukraine", None, "2022-01-10", False, False, HOSTILE_EVIDENCE),
    ("hostile-1", "nato", "supports", "ukraine", None, "2022-01-15", False, False,
     "NATO backed Ukraine."),
    ("hostile-1", "nato", "aids", "ukraine", None, "2022-02", False, False,
     "NATO sent weapons to Ukraine."),
    ("hostile-1", "x-hostile", "threatens", "nato", None, None, False, False,
     "<b>The group</b> threatened NATO & its allies."),
]
# the ontology part the page relies on (a custom sub-relation tests inheritance)
ONTOLOGY = [
    ("threaten", "interactsWith"), ("warns", "threaten"), ("threatens", "threaten"),
    ("consult", "interactsWith"), ("meetsWith", "consult"),
]


def make_fixture_store(*, named_graphs: bool = True) -> ox.Store:
    """A small store in the shape of DEVELOPERS.md: 7 actors, 12 interactions, 2 articles."""
    nn, lit = ox.NamedNode, ox.Literal
    quads: list[ox.Quad] = []
    onto = nn(ONTOLOGY_GRAPH)
    for sub, sup in ONTOLOGY:
        quads.append(ox.Quad(nn(GEO + sub), nn(RDFS + "subPropertyOf"), nn(GEO + sup), onto))
    for ident, (title, lang) in ARTICLES.items():
        a = nn(article_iri(ident))
        quads += [ox.Quad(a, nn(RDF + "type"), nn(GEO + "Article"), a),
                  ox.Quad(a, nn(DCTERMS + "identifier"), lit(ident), a),
                  ox.Quad(a, nn(DCTERMS + "title"), lit(title, language=lang), a)]
    used: dict[str, set[str]] = {a: set() for a in ARTICLES}
    for k, (art, agent, rel, rec, theme, date, neg, hyp, ev) in enumerate(INTERACTIONS):
        g = nn(article_iri(art))
        used[art].update(x for x in (agent, rec) if x)
        i = nn(interaction_iri(art, k))
        t = lambda p, o: quads.append(ox.Quad(i, nn(p), o, g))  # noqa: E731
        t(RDF + "type", nn(GEO + "Interaction"))
        t(GEO + "agent", nn(actor_iri(agent)))
        t(GEO + "relation", nn(GEO + rel))
        if rec:
            t(GEO + "recipient", nn(actor_iri(rec)))
        if theme:
            t(GEO + "theme", nn(theme))
            ttype = "Topic" if "/topic/" in theme else "Place"
            quads += [ox.Quad(nn(theme), nn(RDF + "type"), nn(GEO + ttype), g),
                      ox.Quad(nn(theme), nn(RDFS + "label"), lit(THEME_LABELS[ttype], language="fr"), g)]
        if date:
            t(GEO + "date", lit(date, datatype=nn(XSD + ("date" if len(date) == 10 else "gYearMonth"))))
        t(GEO + "negated", lit(str(neg).lower(), datatype=nn(XSD + "boolean")))
        t(GEO + "hypothetical", lit(str(hyp).lower(), datatype=nn(XSD + "boolean")))
        t(GEO + "confidence", lit("0.9", datatype=nn(XSD + "decimal")))
        t(GEO + "evidence", lit(ev, language=ARTICLES[art][1]))
        t(PROV + "wasDerivedFrom", nn(article_iri(art)))
        if not neg:
            quads.append(ox.Quad(nn(actor_iri(agent)), nn(GEO + rel), nn(actor_iri(rec) if rec else theme), g))
    # actor descriptions, repeated in every article graph that mentions the actor
    for art, keys in used.items():
        g = nn(article_iri(art))
        for key in sorted(keys):
            typ, label, alts, qid = ACTORS[key]
            s = nn(actor_iri(key))
            quads += [ox.Quad(s, nn(RDF + "type"), nn(GEO + typ), g),
                      ox.Quad(s, nn(RDFS + "label"), lit(label, language="en"), g)]
            for lang, names in alts.items():
                quads += [ox.Quad(s, nn(SKOS + "altLabel"), lit(n, language=lang), g) for n in names]
            if qid:
                quads.append(ox.Quad(s, nn(OWL + "sameAs"), nn(WD + qid), g))
    store = ox.Store()
    if named_graphs:
        store.extend(quads)
    else:  # as when graph.ttl is loaded: everything in the default graph
        ttl = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                           format=ox.RdfFormat.TURTLE)
        store.load(ttl, format=ox.RdfFormat.TURTLE)
    return store


def expected_counts() -> dict[str, int]:
    """What the page should show by default: nodes, folded edges (non-negated)."""
    themes = {x[4] for x in INTERACTIONS if x[4] and not x[3]}
    pairs = {(x[1], x[3] or x[4]) for x in INTERACTIONS if not x[6]}
    return {"nodes": len(ACTORS) + len(themes), "edges": len(pairs),
            "interactions": len(INTERACTIONS)}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return make_fixture_store()


@pytest.fixture(scope="module")
def G(store):
    return page.graph_to_networkx(store)


@pytest.fixture(scope="module")
def html_file(store, tmp_path_factory) -> Path:
    return page.write_html(store, tmp_path_factory.mktemp("page") / "graph.html", title="Test <page>")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script, self._buf = dict(attrs), []

    def handle_data(self, data):
        if self._in_script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._buf)))
            self._in_script = None


def parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    c.close()
    return c


def page_json(path: Path) -> dict:
    c = parse(path)
    data = [body for attrs, body in c.scripts if attrs.get("type") == "application/json"]
    assert len(data) == 1
    return json.loads(data[0])


# ------------------------------------------------------------------ graph_to_networkx

def test_networkx_nodes(G):
    c = expected_counts()
    assert G.number_of_nodes() == c["nodes"]
    putin = G.nodes[actor_iri("vladimir-putin")]
    assert putin["label"] == "Vladimir Putin"
    assert putin["type"] == "Person"
    assert putin["wikidata"] == "Q7747"
    assert putin["labels_fr"] == ["Poutine", "Vladimir Poutine"]
    assert putin["labels_en"] == ["Vladimir Putin", "Putin"]  # canonical first, no duplicates
    assert G.nodes[actor_iri("kremlin")]["wikidata"] is None
    assert G.nodes[actor_iri("x-hostile")]["label"] == HOSTILE_LABEL  # raw: escaping is the page's job
    assert G.nodes[TOPIC_GUARANTEES]["type"] == "Topic"
    assert G.nodes[PLACE_BORDER]["type"] == "Place"
    assert G.nodes[PLACE_BORDER]["label"] == "frontière ukrainienne"
    assert G.nodes[PLACE_BORDER]["labels_fr"] == ["frontière ukrainienne"]
    # degree counts non-negated interactions: warns, meetsWith, denounces, demands, proposes
    assert putin["degree"] == 5


def test_networkx_edges(G):
    assert G.number_of_edges() == len(INTERACTIONS)
    assert G.graph["skipped_interactions"] == 0
    e = G.get_edge_data(actor_iri("joe-biden"), actor_iri("vladimir-putin"))
    assert len(e) == 3  # warns, meetsWith, the negated promise
    by_rel = {d["relation"]: d for d in e.values()}
    assert by_rel["warns"]["category"] == "threaten"
    assert by_rel["warns"]["quad"] == "verbal-conflict"
    assert by_rel["warns"]["hypothetical"] is True
    assert by_rel["warns"]["date"] == "2021-12-07"
    assert by_rel["warns"]["article"] == "lemonde-2021-12-07"
    assert by_rel["warns"]["evidence_lang"] == "fr"
    assert by_rel["promises"]["negated"] is True
    assert by_rel["meetsWith"]["quad"] == "verbal-coop"
    aids = G.get_edge_data(actor_iri("nato"), actor_iri("ukraine"))
    assert {d["quad"] for d in aids.values()} == {"verbal-coop", "material-coop"}
    # an interaction with no recipient goes to its theme
    demands = G.get_edge_data(actor_iri("vladimir-putin"), TOPIC_GUARANTEES)
    (d,) = demands.values()
    assert d["target_role"] == "theme" and d["category"] == "request"
    hostile = G.get_edge_data(actor_iri("x-hostile"), actor_iri("ukraine"))
    (d,) = hostile.values()
    assert d["evidence"] == HOSTILE_EVIDENCE
    assert d["article_title"] == HOSTILE_TITLE


def test_default_graph_store_gives_same_graph(G):
    """pyoxigraph's union default graph includes the default graph: Turtle-loaded data works."""
    G2 = page.graph_to_networkx(make_fixture_store(named_graphs=False))
    assert dict(G2.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(G2.edges(keys=True)) == sorted(G.edges(keys=True))


def test_category_from_ontology_subproperty():
    store = make_fixture_store()
    nn = ox.NamedNode
    store.add(ox.Quad(nn(GEO + "issuesUltimatum"), nn(RDFS + "subPropertyOf"), nn(GEO + "warns"),
                      nn(ONTOLOGY_GRAPH)))
    i, g = nn(interaction_iri("extra")), nn(article_iri("extra"))
    store.extend([ox.Quad(i, nn(RDF + "type"), nn(GEO + "Interaction"), g),
                  ox.Quad(i, nn(GEO + "agent"), nn(actor_iri("russia")), g),
                  ox.Quad(i, nn(GEO + "relation"), nn(GEO + "issuesUltimatum"), g),
                  ox.Quad(i, nn(GEO + "recipient"), nn(actor_iri("ukraine")), g),
                  ox.Quad(i, nn(PROV + "wasDerivedFrom"), g, g)])
    G = page.graph_to_networkx(store)
    (d,) = G.get_edge_data(actor_iri("russia"), actor_iri("ukraine")).values()
    assert (d["relation"], d["category"], d["quad"]) == ("issuesUltimatum", "threaten", "verbal-conflict")
    assert d["article"] == article_iri("extra")  # no dcterms:identifier: falls back to the IRI


def test_empty_store(tmp_path):
    G = page.graph_to_networkx(ox.Store())
    assert G.number_of_nodes() == 0
    out = page.write_html(ox.Store(), tmp_path / "empty.html")
    data = page_json(out)
    assert data["nodes"] == [] and data["interactions"] == []


# ------------------------------------------------------------------ the page

def test_page_is_offline(html_file):
    text = html_file.read_text(encoding="utf-8")
    c = parse(html_file)
    for tag, attrs in c.tags:
        for name in ("src", "href", "srcset", "poster", "data", "action", "background"):
            value = (attrs.get(name) or "").strip().lower()
            assert not re.match(r"(https?:)?//", value), (tag, name, value)
    # the same, on the raw text, script bodies included
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"""<link\b""", text, re.I)
    assert not re.search(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert "cdn.jsdelivr" not in text and "cdnjs" not in text
    assert all("src" not in attrs for attrs, _ in c.scripts)  # every script is inline
    assert any("vis.Network" in body or "Network=" in body for _, body in c.scripts)


def test_csp_allows_only_the_inline_scripts(html_file):
    c = parse(html_file)
    metas = [a for t, a in c.tags if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1
    csp = metas[0]["content"]
    assert "default-src 'none'" in csp
    executable = [body for attrs, body in c.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 2
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_structure_and_escaping(html_file):
    text = html_file.read_text(encoding="utf-8")
    c = parse(html_file)
    # exactly the three scripts of the template: data, vis-network, page code
    assert len(c.scripts) == 3
    assert len(re.findall(r"</script", text, re.I)) == 3
    assert "<!--" not in text  # no comment-open that could put a script in double-escaped state
    for needle in (HOSTILE_LABEL, "<img", "window.__pwned=1</script>", "<b>gras", "<script>alert(2)"):
        assert needle not in text
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in text
    # the title is escaped in <title> and <h1>
    assert "<title>Test &lt;page&gt;</title>" in text
    ids = [a.get("id") for _, a in c.tags if a.get("id")]
    for needed in ("gb-network", "gb-search", "gb-legend", "gb-panel", "gb-date-from", "gb-date-to",
                   "gb-filter-category", "gb-filter-polarity", "gb-filter-type", "gb-show-neg"):
        assert needed in ids
    assert len(ids) == len(set(ids))


def test_page_data_round_trip(html_file, G):
    data = page_json(html_file)
    c = expected_counts()
    assert len(data["nodes"]) == c["nodes"]
    assert len(data["interactions"]) == c["interactions"]
    labels = {n["label"] for n in data["nodes"]}
    assert HOSTILE_LABEL in labels
    assert HOSTILE_EVIDENCE in {i["ev"] for i in data["interactions"]}
    assert HOSTILE_TITLE in {i["title"] for i in data["interactions"]}
    putin = next(n for n in data["nodes"] if n["label"] == "Vladimir Putin")
    assert putin["wd"] == "Q7747" and "Poutine" in putin["fr"]
    assert putin["size"] == max(n["size"] for n in data["nodes"])  # the most central actor
    assert sum(i["neg"] for i in data["interactions"]) == 1
    assert set(data["style"]["types"]) == {"Person", "State", "Organization", "Institution", "Topic", "Place"}


def test_json_for_script_escapes():
    s = page.json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": "</script><!-- & \u2028"}


def test_page_script_never_uses_html_sinks():
    js = (Path(page.__file__).parents[1] / "static" / "graph.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code


def test_max_nodes_keeps_most_central(store, tmp_path):
    out = page.write_html(store, tmp_path / "top.html", max_nodes=3)
    data = page_json(out)
    assert {n["label"] for n in data["nodes"]} == {"Vladimir Putin", "Joe Biden", "NATO"}
    assert data["stats"]["nodes_total"] == expected_counts()["nodes"]
    ids = {n["id"] for n in data["nodes"]}
    assert data["interactions"] and all(i["f"] in ids and i["t"] in ids for i in data["interactions"])
    with pytest.raises(ValueError):
        page.write_html(store, tmp_path / "bad.html", max_nodes=-1)


def test_write_is_atomic(store, tmp_path, monkeypatch):
    out = tmp_path / "sub" / "graph.html"
    page.write_html(store, out)
    before = out.read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]  # no temporary file left

    def boom(fh_text: str) -> None:
        raise OSError("disk full")

    real_open = open

    class Failing:
        def __init__(self, *a, **k):
            self.fh = real_open(*a, **k)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            self.fh.write(text[:100])
            boom(text)

    monkeypatch.setattr(page, "open", Failing, raising=False)
    with pytest.raises(OSError):
        page.write_html(store, out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_output_is_deterministic(store, tmp_path):
    a = page.write_html(store, tmp_path / "a.html").read_bytes()
    b = page.write_html(make_fixture_store(), tmp_path / "b.html").read_bytes()
    assert a == b


def test_synthetic_store_size():
    st = page.synthetic_store(300, 900, seed=1)
    G = page.graph_to_networkx(st)
    actors = [n for n, d in G.nodes(data=True) if d["type"] in ("Person", "State", "Organization", "Institution")]
    assert len(actors) == 300
    assert G.number_of_edges() == 900
    assert 0 < sum(d["negated"] for *_, d in G.edges(data=True)) < 900
