/* graphbuild network page.
 *
 * Safety rule: every string from the data (labels, evidence, titles, identifiers) reaches the
 * DOM through textContent, createTextNode, option.value or vis-network's plain-text `title`
 * (which vis renders with innerText). This file never assigns innerHTML/outerHTML and never
 * calls insertAdjacentHTML or document.write.
 */
(function () {
  "use strict";

  var T = window.gbTimings = { start: performance.now() };
  var DATA = JSON.parse(document.getElementById("gb-data").textContent);
  T.parsed = performance.now();
  var NODES = DATA.nodes;
  var INTER = DATA.interactions;
  var STYLE = DATA.style;
  var N = NODES.length;
  var BIG = N > 600 || INTER.length > 2000;
  var WIKIDATA_PAGE = "https://www.wikidata.org/wiki/";
  var QID = /^Q[1-9][0-9]*$/;

  function $(id) { return document.getElementById(id); }

  /* el("li", {class: "x"}, "text", childNode) – strings become text nodes, never markup. */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "class") e.className = attrs[k];
        else if (k === "text") e.textContent = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  // ------------------------------------------------------------------ indexes
  var nodeById = new Map();
  var byNode = new Map();
  NODES.forEach(function (n) { nodeById.set(n.id, n); byNode.set(n.id, []); });
  INTER.forEach(function (it, i) {
    byNode.get(it.f).push(i);
    if (it.t !== it.f) byNode.get(it.t).push(i);
    // date bounds for range filtering: "2021-12" covers 2021-12-01 .. 2021-12-31
    if (it.date && /^\d{4}(-\d{2}(-\d{2})?)?/.test(it.date)) {
      var d = it.date.slice(0, 10);
      it._d0 = d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d;
      it._d1 = d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d;
    } else {
      it._d0 = it._d1 = null;
    }
    var q = (it.quad || "unknown").split("-");
    it._mode = q.length === 2 ? q[0] : null;
    it._pol = q.length === 2 ? q[1] : null;
  });

  function quadColor(quad) { return STYLE.quads[quad] || STYLE.quads.unknown; }

  // ------------------------------------------------------------------ filter state
  var state = {
    cats: new Set(), pol: new Set(["coop", "conflict"]), mode: new Set(["verbal", "material"]),
    types: new Set(Object.keys(STYLE.types)), from: "", to: "", undated: true,
    hyp: true, neg: false, hideIsolated: false
  };
  var categories = Array.from(new Set(INTER.map(function (it) { return it.cat; }))).sort();
  categories.forEach(function (c) { state.cats.add(c); });

  function passes(it) {
    if (it.neg && !state.neg) return false;
    if (it.hyp && !state.hyp) return false;
    if (!state.cats.has(it.cat)) return false;
    if (it._pol && !state.pol.has(it._pol)) return false;
    if (it._mode && !state.mode.has(it._mode)) return false;
    if (!state.types.has(nodeById.get(it.f).type) || !state.types.has(nodeById.get(it.t).type)) return false;
    if (state.from || state.to) {
      if (it._d0 === null) return state.undated;
      if (state.from && it._d1 < state.from) return false;
      if (state.to && it._d0 > state.to) return false;
    } else if (it._d0 === null && !state.undated) {
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ edges (folded)
  function interactionLine(it) {
    var parts = [it.rel];
    if (it.date) parts.push(it.date);
    if (it.hyp) parts.push("hypothetical");
    if (it.neg) parts.push("negated");
    return parts.join(" · ");
  }

  /* The event an interaction reports (DATA.events, graphbuild.events): "e<index>", or
     "i<index>" when the graph has none for it, so that it counts as an event of its own. */
  function eventKey(i) { var it = INTER[i]; return it.evt === null || it.evt === undefined ? "i" + i : "e" + it.evt; }

  /* The folded interactions grouped by event, in order of first appearance. */
  function eventGroups(items) {
    var groups = new Map();
    items.forEach(function (i) {
      var k = eventKey(i), g = groups.get(k);
      if (!g) { g = []; groups.set(k, g); }
      g.push(i);
    });
    return Array.from(groups.values());
  }

  function edgeFor(key, items) {
    var first = INTER[items[0]];
    var from = nodeById.get(first.f), to = nodeById.get(first.t);
    var relCount = new Map(), pols = new Set(), material = false, allHyp = true, neg = first.neg;
    var events = eventGroups(items);
    events.forEach(function (g) {  // the label counts events, not reports
      var rel = INTER[g[0]].rel;
      relCount.set(rel, (relCount.get(rel) || 0) + 1);
    });
    items.forEach(function (i) {
      var it = INTER[i];
      pols.add(it._pol || "unknown");
      if (it._mode === "material") material = true;
      if (!it.hyp) allHyp = false;
    });
    var rels = Array.from(relCount.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    var label = rels.slice(0, 2).map(function (r) { return r[1] > 1 ? r[0] + " ×" + r[1] : r[0]; }).join(", ");
    if (rels.length > 2) label += " +" + (rels.length - 2);
    var color;
    if (neg) color = quadColor("negated");
    else if (pols.size === 1 && pols.has("coop")) color = quadColor(material ? "material-coop" : "verbal-coop");
    else if (pols.size === 1 && pols.has("conflict")) color = quadColor(material ? "material-conflict" : "verbal-conflict");
    else if (pols.has("coop") && pols.has("conflict")) color = quadColor("mixed");
    else color = quadColor("unknown");
    var head = from.label + " → " + to.label + " — " + plural(events.length, neg ? "negated event" : "event");
    if (items.length > events.length) head += " (" + plural(items.length, "interaction") + ")";
    var lines = [head];
    var shown = events.slice(0, 8);
    shown.forEach(function (g) {  // each event once, with its report count
      var it = INTER[g[0]];
      var ev = it.evt === null || it.evt === undefined ? null : DATA.events[it.evt];
      var line = "• " + interactionLine(it);
      if (ev && ev.n) line += " · " + plural(ev.n, "report");
      if (ev && ev.c) line += " · contested";
      lines.push(line);
      var text = null, arts = [];
      g.forEach(function (i) {
        var x = INTER[i];
        if (!text && x.ev) text = x.ev;
        if (x.art && arts.indexOf(x.art) < 0) arts.push(x.art);
      });
      if (text) lines.push("   “" + truncate(text, 280) + "”");
      if (arts.length) lines.push("   " + (arts.length > 1 ? "articles: " : "article: ") + truncate(arts.join(", "), 200));
    });
    if (events.length > shown.length) lines.push("… and " + (events.length - shown.length) + " more (click the edge)");
    return {
      id: key, from: first.f, to: first.t, label: label, title: lines.join("\n"),
      width: Math.min(12, 1.5 + 2 * Math.log2(events.length)),
      color: { color: color, highlight: color, hover: color, opacity: neg ? 0.8 : 1 },
      dashes: neg ? [2, 4] : (allHyp ? [8, 5] : false),
      gbItems: items, gbEvents: events.length, gbNegated: neg
    };
  }

  /* Group the interactions that pass the filters by (agent, target[, negated]): one edge each. */
  function foldVisible() {
    var groups = new Map(), count = 0;
    for (var i = 0; i < INTER.length; i++) {
      var it = INTER[i];
      if (!passes(it)) continue;
      count++;
      var key = it.f + ">" + it.t + (it.neg ? "~neg" : "");
      var g = groups.get(key);
      if (!g) { g = []; groups.set(key, g); }
      g.push(i);
    }
    return { groups: groups, interactions: count };
  }

  // ------------------------------------------------------------------ nodes
  var hiddenState = new Map();
  function nodeFor(n) {
    var st = STYLE.types[n.type] || STYLE.types.Actor || { color: "#999", shape: "dot" };
    var o = {
      id: n.id, label: truncate(n.label, 40), shape: st.shape, size: n.size,
      title: n.label + "\n" + n.type + " · " + plural(n.deg, "interaction"),
      color: { background: st.color, border: "#333", highlight: { background: st.color, border: "#000" },
               hover: { background: st.color, border: "#000" } },
      hidden: false
    };
    if ("x" in n) { o.x = n.x; o.y = n.y; }
    return o;
  }

  var initial = foldVisible();
  var shownSig = new Map();  // edge id -> the interactions it folds, as "i,j,k"
  var initialEdges = [];
  initial.groups.forEach(function (items, key) { shownSig.set(key, items.join(",")); initialEdges.push(edgeFor(key, items)); });
  var nodes = new vis.DataSet(NODES.map(nodeFor));
  var edges = new vis.DataSet(initialEdges);
  NODES.forEach(function (n) { hiddenState.set(n.id, false); });

  /* Re-fold after a filter change; only edges whose set of interactions changed are touched,
     so that toggling a filter on a big graph stays quick. */
  function applyFilters() {
    clearFocus();
    var r = foldVisible();
    var add = [], change = [], gone = [], sig = new Map(), connected = new Set();
    r.groups.forEach(function (items, key) {
      var s = items.join(",");
      sig.set(key, s);
      var old = shownSig.get(key);
      if (old === undefined) add.push(edgeFor(key, items));
      else if (old !== s) change.push(edgeFor(key, items));
      var it = INTER[items[0]];
      connected.add(it.f); connected.add(it.t);
    });
    shownSig.forEach(function (s, key) { if (!sig.has(key)) gone.push(key); });
    shownSig = sig;
    if (gone.length) edges.remove(gone);
    if (change.length) edges.update(change);
    if (add.length) edges.add(add);
    var updates = [], visibleNodes = 0;
    NODES.forEach(function (n) {
      var hidden = !state.types.has(n.type) || (state.hideIsolated && !connected.has(n.id));
      if (!hidden) visibleNodes++;
      if (hiddenState.get(n.id) !== hidden) { updates.push({ id: n.id, hidden: hidden }); hiddenState.set(n.id, hidden); }
    });
    if (updates.length) nodes.update(updates);
    setStatus(visibleNodes, sig.size, r.interactions);
  }

  function setStatus(nv, ne, ni) {
    var s = DATA.stats;
    var text = plural(nv, "node") + ", " + plural(ne, "edge") + " (" + plural(ni, "interaction") + ")";
    if (s.nodes_shown < s.nodes_total) text += " — the " + s.nodes_shown + " most connected of " + s.nodes_total + " nodes";
    $("gb-status").textContent = text;
  }

  // ------------------------------------------------------------------ network
  var container = $("gb-network");
  // Physics lays the graph out, then stops for good (see settle()). Big graphs arrive with
  // seeded positions (page_data) and get a coarser Barnes-Hut (theta), few iterations and a
  // deadline (layoutDeadline below), so the page is interactive within seconds on any machine.
  var physics = {
    enabled: true,
    solver: "barnesHut",
    barnesHut: BIG
      ? { theta: 1.0, gravitationalConstant: -5000, centralGravity: 0.1, springLength: 110, springConstant: 0.04, damping: 0.5, avoidOverlap: 0 }
      : { gravitationalConstant: -14000, centralGravity: 0.25, springLength: 190, springConstant: 0.03, damping: 0.3, avoidOverlap: 0.6 },
    maxVelocity: 60,
    minVelocity: 0.75,
    timestep: 0.5,
    stabilization: {
      enabled: true,
      iterations: N <= 200 ? 800 : Math.max(60, Math.min(400, Math.round(2000000 / (N + INTER.length)))),
      updateInterval: BIG ? 5 : 25,
      fit: true
    }
  };
  var options = {
    autoResize: true,
    layout: { improvedLayout: !NODES.some(function (n) { return "x" in n; }), randomSeed: 42 },
    physics: physics,
    interaction: {
      hover: true, tooltipDelay: 120, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
      navigationButtons: false, keyboard: false, multiselect: false, selectConnectedEdges: true
    },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      font: { size: 14, face: "system-ui, sans-serif", color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { enabled: false } }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { size: 10, face: "system-ui, sans-serif", color: "#444", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: BIG ? false : { enabled: true, type: "curvedCW", roundness: 0.15 },
      selectionWidth: 2, hoverWidth: 1
    }
  };
  T.datasets = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  T.network = performance.now();
  // The layout stops at this deadline even if not converged: about 2.6 s after the page script
  // started for big graphs (never less than 0.6 s of layout), 6 s of layout for small ones.
  var layoutDeadline = BIG ? Math.max(T.network + 600, T.start + 2600) : T.network + 6000;
  window.gbNetwork = network;
  window.gbNodes = nodes;
  window.gbEdges = edges;
  window.gbData = DATA;
  window.gbReady = false;

  var settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    T.stabilized = performance.now();
    network.setOptions({ physics: false });
    network.once("afterDrawing", function () {
      window.gbReady = true;
      window.gbReadyAt = T.ready = performance.now();
    });
    network.redraw();
    setStatus(N, initialEdges.length, initial.interactions);
  }
  network.on("stabilizationProgress", function (p) {
    if (performance.now() > layoutDeadline) network.stopSimulation();
    $("gb-status").textContent = "Laying out the graph… " + Math.round(100 * p.iterations / p.total) + " %";
  });
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  if (N === 0) settle();

  // ------------------------------------------------------------------ side panel
  var panel = $("gb-panel"), panelBody = $("gb-panel-body");
  function openPanel() { panel.hidden = false; }
  function closePanel() { panel.hidden = true; clear(panelBody); }
  $("gb-panel-close").addEventListener("click", closePanel);

  function interactionItem(i, perspective) {
    var it = INTER[i];
    var from = nodeById.get(it.f), to = nodeById.get(it.t);
    var head = el("div", { class: "gb-int-head" });
    if (perspective === undefined) head.appendChild(document.createTextNode(from.label + " "));
    else if (it.f !== perspective) head.appendChild(document.createTextNode(from.label + " → "));
    head.appendChild(el("span", { text: it.rel }));
    if (perspective === undefined || it.f === perspective) head.appendChild(document.createTextNode(" → " + to.label));
    if (it.hyp) head.appendChild(el("span", { class: "gb-flag", text: "hypothetical" }));
    if (it.neg) head.appendChild(el("span", { class: "gb-flag", text: "negated" }));
    var meta = [it.cat, it.quad];
    if (it.date) meta.push(it.date);
    if (typeof it.conf === "number") meta.push("confidence " + it.conf);
    var evt = it.evt === null || it.evt === undefined ? null : DATA.events[it.evt];
    if (evt && evt.n) meta.push("event told by " + plural(evt.n, "article") + (evt.c ? ", contested" : ""));
    var li = el("li", null, head, el("div", { class: "gb-int-meta", text: meta.join(" · ") }));
    if (it.ev) li.appendChild(el("p", { class: "gb-evidence", text: it.ev, lang: it.lang || "" }));
    if (it.art) {
      var src = "article: " + it.art + (it.title ? " — " + it.title : "");
      li.appendChild(el("div", { class: "gb-int-meta", text: src }));
    }
    return li;
  }

  function interactionList(indices, perspective) {
    var ul = el("ul");
    var LIMIT = 200;
    indices.slice(0, LIMIT).forEach(function (i) { ul.appendChild(interactionItem(i, perspective)); });
    if (indices.length > LIMIT) ul.appendChild(el("li", { text: "… and " + (indices.length - LIMIT) + " more" }));
    return ul;
  }

  function showNodePanel(id) {
    var n = nodeById.get(id);
    if (!n) return;
    clear(panelBody);
    panelBody.appendChild(el("h2", { text: n.label }));
    var dl = el("dl");
    function row(term, value) { dl.appendChild(el("dt", { text: term })); dl.appendChild(el("dd", null, value)); }
    row("type", n.type);
    row("English", n.en.length ? n.en.join(" · ") : "—");
    row("French", n.fr.length ? n.fr.join(" · ") : "—");
    if (n.wd && QID.test(n.wd)) {
      var a = el("a", { text: n.wd, target: "_blank", rel: "noopener noreferrer" });
      a.href = WIKIDATA_PAGE + n.wd;  // only a validated Q-id is ever put in a URL
      row("Wikidata", a);
    } else {
      row("Wikidata", "—");
    }
    row("IRI", n.iri);
    row("degree", String(n.deg));
    panelBody.appendChild(dl);
    var mine = byNode.get(id).filter(function (i) { return passes(INTER[i]); });
    var all = byNode.get(id).length;
    panelBody.appendChild(el("h3", { text: "Interactions (" + mine.length + (mine.length < all ? " shown of " + all : "") + ")" }));
    panelBody.appendChild(interactionList(mine, id));
    openPanel();
  }

  function showEdgePanel(edgeId) {
    var e = edges.get(edgeId);
    if (!e) return;
    var from = nodeById.get(e.from), to = nodeById.get(e.to);
    clear(panelBody);
    panelBody.appendChild(el("h2", { text: from.label + " → " + to.label }));
    panelBody.appendChild(el("h3", { text: plural(e.gbEvents, e.gbNegated ? "negated event" : "event") + ", " + plural(e.gbItems.length, "interaction") }));
    panelBody.appendChild(interactionList(e.gbItems));
    openPanel();
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNodePanel(params.nodes[0]);
    else if (params.edges.length) showEdgePanel(params.edges[0]);
    else { closePanel(); clearFocus(); }
  });

  // ------------------------------------------------------------------ search & focus
  function norm(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); }
  var searchIndex = NODES.map(function (n) {
    return { id: n.id, deg: n.deg, keys: [n.label].concat(n.en, n.fr).map(norm) };
  });
  var datalist = $("gb-actor-list");
  var seenLabels = new Set();
  NODES.slice().sort(function (a, b) { return b.deg - a.deg; }).forEach(function (n) {
    [n.label].concat(n.fr).forEach(function (l) {
      if (seenLabels.has(l)) return;
      seenLabels.add(l);
      var o = document.createElement("option");
      o.value = l;
      datalist.appendChild(o);
    });
  });

  function findNode(query) {
    var q = norm(query);
    if (!q) return null;
    var best = null, bestRank = 9, bestDeg = -1;
    searchIndex.forEach(function (e) {
      var rank = 9;
      for (var k = 0; k < e.keys.length; k++) {
        var key = e.keys[k];
        var r = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 9;
        if (r < rank) rank = r;
      }
      if (rank < bestRank || (rank === bestRank && rank < 9 && e.deg > bestDeg)) { best = e.id; bestRank = rank; bestDeg = e.deg; }
    });
    return bestRank < 9 ? best : null;
  }

  var focused = null;
  function clearFocus() {
    if (focused === null) return;
    focused = null;
    nodes.update(NODES.map(function (n) { return { id: n.id, opacity: 1 }; }));
  }

  function focusNode(id) {
    var msg = $("gb-search-msg");
    msg.textContent = "";
    var n = nodeById.get(id);
    if (hiddenState.get(id)) msg.textContent = n.label + " is hidden by the current filters.";
    var around = new Set([id].concat(network.getConnectedNodes(id)));
    focused = id;
    nodes.update(NODES.map(function (m) { return { id: m.id, opacity: around.has(m.id) ? 1 : 0.15 }; }));
    network.selectNodes([id], true);
    network.fit({ nodes: Array.from(around), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNodePanel(id);
  }

  function runSearch() {
    var q = $("gb-search").value;
    if (!norm(q)) { clearFocus(); network.unselectAll(); $("gb-search-msg").textContent = ""; return; }
    var id = findNode(q);
    if (id === null) { $("gb-search-msg").textContent = "No actor matches “" + q + "”."; return; }
    focusNode(id);
  }
  $("gb-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); runSearch(); } });
  $("gb-search").addEventListener("change", runSearch);
  $("gb-search-go").addEventListener("click", runSearch);

  // ------------------------------------------------------------------ controls
  function checkbox(parent, text, checked, onChange, swatch, count) {
    var input = el("input", { type: "checkbox" });
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); applyFilters(); });
    var label = el("label", null, input);
    if (swatch) label.appendChild(swatch);
    label.appendChild(el("span", { text: text }));
    if (count !== undefined) label.appendChild(el("span", { class: "gb-count", text: String(count) }));
    parent.appendChild(label);
    return input;
  }
  function lineSwatch(color, dashed) {
    var s = el("span", { class: "gb-line" });
    s.style.borderTopColor = color;
    if (dashed) s.style.borderTopStyle = dashed;
    return s;
  }
  function nodeSwatch(type) {
    var st = STYLE.types[type];
    var s = el("span", { class: "gb-swatch gb-" + st.shape });
    s.style.backgroundColor = st.color;
    return s;
  }
  function toggler(set, key) { return function (on) { if (on) set.add(key); else set.delete(key); }; }

  var countBy = function (f) { var m = new Map(); INTER.forEach(function (it) { var k = f(it); m.set(k, (m.get(k) || 0) + 1); }); return m; };
  var polCount = countBy(function (it) { return it._pol; });
  var modeCount = countBy(function (it) { return it._mode; });
  var catCount = countBy(function (it) { return it.cat; });
  var typeCount = new Map();
  NODES.forEach(function (n) { typeCount.set(n.type, (typeCount.get(n.type) || 0) + 1); });

  var polBox = $("gb-filter-polarity");
  polBox.dataset.kind = "polarity";
  [["coop", "cooperation", "verbal-coop"], ["conflict", "conflict", "verbal-conflict"]].forEach(function (p) {
    var inp = checkbox(polBox, p[1], true, toggler(state.pol, p[0]), lineSwatch(quadColor(p[2])), polCount.get(p[0]) || 0);
    inp.id = "gb-pol-" + p[0];
  });
  var modeBox = $("gb-filter-mode");
  [["verbal", "verbal"], ["material", "material"]].forEach(function (p) {
    var inp = checkbox(modeBox, p[1], true, toggler(state.mode, p[0]), null, modeCount.get(p[0]) || 0);
    inp.id = "gb-mode-" + p[0];
  });
  var catBox = $("gb-filter-category");
  var catInputs = [];
  categories.forEach(function (c, k) {
    var inp = checkbox(catBox, c, true, toggler(state.cats, c), null, catCount.get(c) || 0);
    inp.id = "gb-cat-" + k;
    inp.dataset.category = c;
    catInputs.push(inp);
  });
  function setAllCats(on) {
    catInputs.forEach(function (inp) { inp.checked = on; if (on) state.cats.add(inp.dataset.category); else state.cats.delete(inp.dataset.category); });
    applyFilters();
  }
  $("gb-cat-all").addEventListener("click", function () { setAllCats(true); });
  $("gb-cat-none").addEventListener("click", function () { setAllCats(false); });
  var typeBox = $("gb-filter-type");
  Object.keys(STYLE.types).forEach(function (t) {
    var inp = checkbox(typeBox, t, true, toggler(state.types, t), nodeSwatch(t), typeCount.get(t) || 0);
    inp.id = "gb-type-" + t;
  });

  var dates = INTER.map(function (it) { return it._d0; }).filter(Boolean).sort();
  var dFrom = $("gb-date-from"), dTo = $("gb-date-to");
  if (dates.length) {
    var lastDates = INTER.map(function (it) { return it._d1; }).filter(Boolean).sort();
    dFrom.min = dTo.min = dates[0];
    dFrom.max = dTo.max = lastDates[lastDates.length - 1];
  }
  function onDate() { state.from = dFrom.value || ""; state.to = dTo.value || ""; applyFilters(); }
  dFrom.addEventListener("change", onDate);
  dTo.addEventListener("change", onDate);
  $("gb-undated").addEventListener("change", function (e) { state.undated = e.target.checked; applyFilters(); });
  $("gb-show-hyp").addEventListener("change", function (e) { state.hyp = e.target.checked; applyFilters(); });
  $("gb-show-neg").addEventListener("change", function (e) { state.neg = e.target.checked; applyFilters(); });
  $("gb-hide-isolated").addEventListener("change", function (e) { state.hideIsolated = e.target.checked; applyFilters(); });
  $("gb-reset").addEventListener("click", function () {
    clearFocus(); network.unselectAll(); closePanel(); network.fit({ animation: false });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clearFocus(); network.unselectAll(); closePanel(); }
  });

  // ------------------------------------------------------------------ legend
  var legend = $("gb-legend");
  Object.keys(STYLE.types).forEach(function (t) {
    legend.appendChild(el("div", { class: "gb-legend-row" }, nodeSwatch(t), el("span", { text: t })));
  });
  [["verbal-coop", "cooperation, verbal", null], ["material-coop", "cooperation, material", null],
   ["verbal-conflict", "conflict, verbal", null], ["material-conflict", "conflict, material", null],
   ["mixed", "both (folded edge)", null], ["verbal-conflict", "hypothetical", "dashed"],
   ["negated", "negated (when shown)", "dotted"]].forEach(function (r) {
    legend.appendChild(el("div", { class: "gb-legend-row" }, lineSwatch(quadColor(r[0]), r[2]), el("span", { text: r[1] })));
  });
  legend.appendChild(el("div", { class: "gb-note", text: "Node size: number of interactions. Edge width: distinct events folded into it (the reports of one event count once). Click a node or an edge for details." }));
  legend.lastChild.style.color = "#666";
})();
