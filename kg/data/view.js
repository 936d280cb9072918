// kg view: draws the graph embedded in the page with sigma.js (WebGL; KgRenderer comes from the
// bundle that precedes this script) at the positions kg/layout.py saved in it, and shows each
// entity's and relation's evidence. No network: every string from the graph goes into the page
// through textContent, never as HTML.
(function () {
  "use strict";
  var COLORS = {Person: "#4e79a7", State: "#e15759", Organisation: "#59a14f", Place: "#f28e2b", Event: "#b07aa1"};
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  var DIM = "#e4e4e4", NO_PLOVER = "(none)";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = data.nodes, edges = data.edges, docs = data.documents, symmetric = {};
  data.symmetric.forEach(function (t) { symmetric[t] = true; });
  var byId = {}, edgeById = {};
  nodes.forEach(function (n) { byId[n.id] = n; n.edges = []; });
  edges.forEach(function (e) {
    edgeById[e.id] = e;
    e.plover = (e.properties && typeof e.properties.plover === "string") ? e.properties.plover : NO_PLOVER;
    byId[e.source].edges.push(e);
    if (e.target !== e.source) byId[e.target].edges.push(e);
  });
  // A large graph starts on its most connected entities; "Show neighbours" grows it.
  var grown = null;
  if (data.start) { grown = {}; data.start.forEach(function (id) { grown[id] = true; }); }

  var state = {hiddenTypes: {}, hiddenRels: {}, hiddenPlover: {}, lone: false, colour: "type",
               hovered: null, selected: null, matches: null};

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // Sizes by mentions relative to the most mentioned entity, smaller the more entities there are.
  var mostMentions = nodes.reduce(function (m, n) { return Math.max(m, n.mentions); }, 1);
  var maxSize = nodes.length > 2000 ? 12 : nodes.length > 300 ? 16 : 22, minSize = nodes.length > 2000 ? 2 : 4;
  function size(n) { return minSize + (maxSize - minSize) * Math.sqrt(n.mentions / mostMentions); }
  function colour(n) {
    if (state.colour === "community" && n.community !== undefined && n.community !== null)
      return PALETTE[n.community % PALETTE.length];
    return COLORS[n.type] || "#888";
  }
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  // --- what is shown ---
  function nodeShown(n) {
    if (state.hiddenTypes[n.type]) return false;
    if (!n.edges.length) return state.lone;
    return !grown || !!grown[n.id];
  }
  function edgeShown(e) {
    return !state.hiddenRels[e.type] && !state.hiddenPlover[e.plover] && nodeShown(byId[e.source]) && nodeShown(byId[e.target]);
  }

  // --- the renderer ---
  var Graph = KgRenderer.Graph, Sigma = KgRenderer.Sigma;
  var graph = new Graph({multi: true, type: "directed", allowSelfLoops: true});
  nodes.forEach(function (n) { graph.addNode(n.id, {x: n.x, y: -n.y, size: size(n), label: n.name, color: colour(n)}); });
  edges.forEach(function (e) {
    graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {label: e.type, size: 2, color: "#aaa"});
  });
  // Relations between the same two entities bend apart, so that each line and label can be seen.
  KgRenderer.indexParallelEdgesIndex(graph, {edgeIndexAttribute: "pi", edgeMinIndexAttribute: "pmin", edgeMaxIndexAttribute: "pmax"});
  function curvature(index, maxIndex) {
    var amplitude = 3.5, most = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * KgRenderer.DEFAULT_EDGE_CURVATURE;
    return most * index / maxIndex;
  }
  graph.forEachEdge(function (id, attrs) {
    var bent = typeof attrs.pi === "number" && attrs.pi !== 0 && attrs.pmax > 0;
    var sym = symmetric[edgeById[id].type];
    graph.mergeEdgeAttributes(id, {type: bent ? (sym ? "curvedLine" : "curvedArrow") : (sym ? "line" : "arrow"),
                                   curvature: bent ? curvature(attrs.pi, Math.max(attrs.pmax, -attrs.pmin)) : 0});
  });
  var neighbours = null;  // of the hovered node, while one is
  var labelled = {}, edgesLabelled = {};  // the nodes and relations whose names are written (chooseLabels)
  function focusId() { return state.hovered || (state.selected && state.selected.edges ? state.selected.id : null); }
  function dimmed(id) {
    var focus = focusId();
    return !!(focus && neighbours && id !== focus && !neighbours[id]) || !!(state.matches && !state.matches[id]);
  }
  function nodeReducer(id, attrs) {
    var n = byId[id], out = Object.assign({}, attrs);
    if (!nodeShown(n)) { out.hidden = true; return out; }
    out.color = colour(n);
    out.forceLabel = !!labelled[id];
    if (dimmed(id)) { out.color = DIM; out.label = ""; out.zIndex = 0; }
    else if (focusId()) out.zIndex = 1;
    if ((state.matches && state.matches[id]) || state.selected === n) out.highlighted = true;
    return out;
  }
  function edgeReducer(id, attrs) {
    var e = edgeById[id], out = Object.assign({}, attrs);
    if (!edgeShown(e)) { out.hidden = true; return out; }
    var focus = focusId();
    if (focus && e.source !== focus && e.target !== focus) out.color = "#f0f0f0";
    else if (focus) { out.color = "#555"; out.size = 2; }
    if (state.selected === e) { out.color = "#111"; out.size = 3; }
    if (state.matches) out.color = "#f0f0f0";
    out.forceLabel = !!edgesLabelled[id];
    if (!out.forceLabel) out.label = "";
    return out;
  }
  var container = document.getElementById("graph");
  var renderer = new Sigma(graph, container, {
    renderEdgeLabels: true, enableEdgeEvents: true, zIndex: true,
    labelDensity: 0, stagePadding: 60, pickingDownSizingRatio: 1,  // names: chooseLabels, not sigma's grid
    labelFont: "system-ui, sans-serif", edgeLabelFont: "system-ui, sans-serif", edgeLabelSize: 11,
    defaultEdgeType: "arrow", edgeProgramClasses: KgRenderer.programs, nodeReducer: nodeReducer, edgeReducer: edgeReducer,
    minCameraRatio: 0.01, maxCameraRatio: 20, itemSizesReference: "screen", zoomToSizeRatioFunction: function (r) { return Math.sqrt(r); }
  });

  // Names only where they fit (KgLabels, labels.js): the focus first, then its neighbours and the
  // search's matches, then the larger nodes; chosen again when the zoom changes.
  var ranked = {nodes: [], edges: []}, labelRatio = null, LABEL_SIZE_MIN = nodes.length < 300 ? 0 : 3;
  function byRank(a, b) { return b.rank - a.rank || b.size - a.size || (a.id < b.id ? -1 : 1); }
  function rankLabels() {
    var focus = focusId(), picked = focus || state.matches;
    ranked = {nodes: [], edges: []};
    graph.forEachNode(function (id, attrs) {
      if (!nodeShown(byId[id]) || dimmed(id)) return;
      ranked.nodes.push({id: id, x: attrs.x, y: attrs.y, size: attrs.size, label: attrs.label, group: byId[id].group,
                         rank: id === focus ? 2 : picked || state.selected === byId[id] ? 1 : 0});
    });
    graph.forEachEdge(function (id, attrs, source, target) {
      var e = edgeById[id], near = focus && (source === focus || target === focus);
      if (!edgeShown(e) || (focus && !near) || state.matches) return;
      ranked.edges.push({id: id, source: source, target: target, label: attrs.label, curvature: attrs.curvature,
                         size: 0, rank: state.selected === e ? 2 : near ? 1 : 0});
    });
    ranked.nodes.sort(byRank);
    ranked.edges.sort(byRank);
  }
  function changes(before, after) {
    return Object.keys(before).filter(function (id) { return !after[id]; })
      .concat(Object.keys(after).filter(function (id) { return !before[id]; }));
  }
  function chooseLabels(schedule) {
    var chosen = KgLabels.choose(renderer, ranked.nodes, ranked.edges, LABEL_SIZE_MIN);
    var nodesChanged = changes(labelled, chosen.nodes), edgesChanged = changes(edgesLabelled, chosen.edges);
    labelled = chosen.nodes;
    edgesLabelled = chosen.edges;
    labelRatio = renderer.getCamera().ratio;
    if (nodesChanged.length || edgesChanged.length)
      renderer.refresh({partialGraph: {nodes: nodesChanged, edges: edgesChanged}, skipIndexation: true, schedule: !!schedule});
  }
  function redraw() {  // after a change of what is shown or in focus
    renderer.refresh({skipIndexation: true});
    rankLabels();
    chooseLabels(false);
  }
  renderer.getCamera().on("updated", function (camera) {
    if (labelRatio !== null && Math.abs(Math.log(camera.ratio / labelRatio)) > 0.01) chooseLabels(true);
  });

  function setNeighbours(id) {
    neighbours = null;
    if (id === null) return;
    neighbours = {};
    byId[id].edges.forEach(function (e) { if (edgeShown(e)) { neighbours[e.source] = true; neighbours[e.target] = true; } });
  }
  function focusChanged() {
    setNeighbours(focusId());
    redraw();
  }
  renderer.on("enterNode", function (ev) { state.hovered = ev.node; focusChanged(); container.style.cursor = "pointer"; });
  renderer.on("leaveNode", function () { state.hovered = null; focusChanged(); container.style.cursor = ""; });
  renderer.on("enterEdge", function () { container.style.cursor = "pointer"; });
  renderer.on("leaveEdge", function () { container.style.cursor = ""; });
  renderer.on("clickNode", function (ev) { select(byId[ev.node]); });
  renderer.on("clickEdge", function (ev) { select(edgeById[ev.edge]); });
  renderer.on("clickStage", function () { select(null); });

  function centre(n) {
    var p = renderer.getNodeDisplayData(n.id);
    if (p) renderer.getCamera().animate({x: p.x, y: p.y, ratio: Math.min(renderer.getCamera().ratio, 0.5)}, {duration: 300});
  }
  function fit() { renderer.getCamera().animatedReset({duration: 300}); }
  document.getElementById("fit").addEventListener("click", fit);

  // --- filters, counts and search ---
  function refresh() {
    var n = 0, m = 0;
    nodes.forEach(function (d) { n += nodeShown(d) ? 1 : 0; });
    edges.forEach(function (e) { m += edgeShown(e) ? 1 : 0; });
    document.getElementById("count-nodes").textContent = n;
    document.getElementById("count-edges").textContent = m;
    var hidden = grown ? nodes.filter(function (d) { return d.edges.length && !grown[d.id] && !state.hiddenTypes[d.type]; }).length : 0;
    var more = document.getElementById("partial");
    more.textContent = hidden ? "Showing the most connected entities; " + hidden + " more with relations (Show neighbours on an entity, or " : "";
    if (hidden) { more.appendChild(link("show all", null, showAll)); more.appendChild(document.createTextNode(")")); }
    if (state.hovered !== null || state.selected) setNeighbours(focusId());
    redraw();
  }
  function showAll() { grown = null; refresh(); frame(); }
  function frame() {  // the camera frames what is drawn (not the entities filtered out), names too
    var shown = nodes.filter(nodeShown), box = null;
    if (shown.length) {
      var xs = shown.map(function (n) { return n.x; }), ys = shown.map(function (n) { return -n.y; });
      box = {x: [Math.min.apply(null, xs), Math.max.apply(null, xs)], y: [Math.min.apply(null, ys), Math.max.apply(null, ys)]};
      box.x[1] = box.x[0] + framedWidth(shown, box);
    }
    renderer.setCustomBBox(box);
    renderer.getCamera().setState({x: 0.5, y: 0.5, ratio: 1, angle: 0});
    redraw();  // the names that fit at this scale
  }
  // The width to frame so that the names that may be written at this scale (of nodes drawn at least
  // LABEL_SIZE_MIN px, each name at most a quarter of the screen) end inside it: the scale follows
  // the height, or else the width, which the names then widen.
  function framedWidth(shown, box) {
    var dims = renderer.getDimensions(), pad = 2 * renderer.getSetting("stagePadding");
    var across = Math.max(1, dims.width - pad), perPx = (box.y[1] - box.y[0]) / Math.max(1, dims.height - pad);
    var named = shown.filter(function (n) { return size(n) >= LABEL_SIZE_MIN; }).map(function (n) {
      return {dx: n.x - box.x[0], px: Math.min(across / 4, size(n) + 3 + KgLabels.nameWidth(renderer, n.name))};
    });
    var width = named.reduce(function (w, n) { return Math.max(w, n.dx + perPx * n.px); }, box.x[1] - box.x[0]);
    if (width / across <= perPx) return width;
    return named.reduce(function (w, n) { return Math.max(w, n.dx / (1 - n.px / across)); }, box.x[1] - box.x[0]);
  }

  function filterList(containerId, counts, hidden, swatches, onChange) {
    var box = document.getElementById(containerId);
    box.textContent = "";
    Object.keys(counts).sort().forEach(function (t) {
      var label = el("label"), check = el("input", {type: "checkbox", "data-type": t});
      check.checked = !hidden[t];
      check.addEventListener("change", function () { hidden[t] = !check.checked; (onChange || refresh)(); });
      label.appendChild(check);
      if (swatches) { var s = el("span", {"class": "swatch"}); s.style.background = COLORS[t] || "#888"; label.appendChild(s); }
      label.appendChild(el("span", {}, t));
      label.appendChild(el("span", {"class": "n"}, counts[t]));
      box.appendChild(label);
    });
  }

  function matches(d, q) {
    return [d.name].concat(d.aliases).some(function (s) { return fold(s).indexOf(q) >= 0; });
  }
  function search() {
    var q = fold(document.getElementById("search").value.trim()), found = [];
    state.matches = null;
    if (q) {
      state.matches = {};
      nodes.forEach(function (d) {
        if (!state.hiddenTypes[d.type] && matches(d, q)) { found.push(d); state.matches[d.id] = true; }
      });
      found.sort(function (a, b) { return b.edges.length - a.edges.length || b.mentions - a.mentions || (a.id < b.id ? -1 : 1); });
    }
    document.getElementById("search-result").textContent = q ? found.length + (found.length === 1 ? " match" : " matches") + (found.length ? " (Enter: show the first)" : "") : "";
    redraw();
    return found;
  }
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("input", search);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var found = search();
    if (found.length) { reveal(found[0]); select(found[0]); centre(found[0]); }
  });
  function reveal(n) {  // a match outside what is drawn is added to it
    if (!n.edges.length && !state.lone) { state.lone = true; document.getElementById("lone").checked = true; frame(); }
    if (grown) grown[n.id] = true;
    refresh();
  }
  function grow(n) {
    grown[n.id] = true;
    n.edges.forEach(function (e) { grown[e.source] = true; grown[e.target] = true; });
    refresh(); select(n);
  }

  // --- details of the selected entity or relation ---
  var details = document.getElementById("details");
  function docLabel(ev) {
    var doc = docs[ev.doc] || {}, parts = [doc.title || ev.doc];
    var date = ev.date || doc.date;
    if (date) parts.push(date);
    if (doc.publisher) parts.push(doc.publisher);
    return parts.join(" \u00b7 ");
  }
  function evidenceBox(ev) {
    var box = el("div", {"class": "evidence"});
    box.appendChild(el("p", {"class": "sentence"}, ev.sentence));
    box.appendChild(el("div", {"class": "meta"}, docLabel(ev)));
    return box;
  }
  function link(text, target, action) {
    var b = el("button", {"class": "link", type: "button"}, text);
    b.addEventListener("click", action || function () {
      if (target.edges) { reveal(target); centre(target); }
      select(target);
    });
    return b;
  }
  function list(items) {
    var ul = el("ul");
    items.forEach(function (i) { var li = el("li"); li.appendChild(i instanceof Node ? i : document.createTextNode(i)); ul.appendChild(li); });
    return ul;
  }
  function section(title, content) { details.appendChild(el("h2", {}, title)); details.appendChild(content); }

  function showNode(d) {
    details.appendChild(el("h1", {}, d.name));
    var kind = d.type + " \u00b7 " + d.mentions + (d.mentions === 1 ? " mention" : " mentions");
    if (d.community !== undefined && d.community !== null) kind += " \u00b7 community " + d.community;
    details.appendChild(el("div", {"class": "kind"}, kind));
    if (grown) {
      var hidden = d.edges.filter(function (e) { return !grown[e.source] || !grown[e.target]; }).length;
      if (hidden) { var b = link("Show neighbours (" + hidden + " more relations)", null, function () { grow(d); }); b.id = "grow"; details.appendChild(b); }
    }
    if (d.aliases.length) section("Aliases", list(d.aliases));
    if (d.roles.length) section("Roles", list(d.roles));
    var docIds = Object.keys(d.docs);
    if (docIds.length) section("Mentioned in", list(docIds.map(function (id) { return docLabel({doc: id}) + " (" + d.docs[id] + ")"; })));
    if (d.edges.length) {
      section("Relations", list(d.edges.map(function (e) {
        var other = byId[e.source === d.id ? e.target : e.source], out = e.source === d.id;
        return link((out ? "\u2192 " : "\u2190 ") + e.type + (e.properties.role ? " (" + e.properties.role + ")" : "") + " " + other.name, e);
      })));
      var seen = {}, box = el("div");
      d.edges.forEach(function (e) {
        e.evidence.forEach(function (ev) {
          var key = ev.doc + "\u0000" + ev.start + "\u0000" + ev.sentence;
          if (!seen[key]) { seen[key] = true; box.appendChild(evidenceBox(ev)); }
        });
      });
      section("Evidence", box);
    }
  }

  function showEdge(e) {
    var a = byId[e.source], b = byId[e.target];
    details.appendChild(el("h1", {}, e.type));
    var h = el("div", {"class": "kind"});
    h.appendChild(link(a.name, a)); h.appendChild(document.createTextNode(symmetric[e.type] ? " \u2194 " : " \u2192 ")); h.appendChild(link(b.name, b));
    h.appendChild(document.createTextNode(" \u00b7 confidence " + e.confidence));
    details.appendChild(h);
    var props = Object.keys(e.properties);
    if (props.length) section("Properties", list(props.map(function (k) { return k + ": " + (typeof e.properties[k] === "string" ? e.properties[k] : JSON.stringify(e.properties[k])); })));
    var box = el("div");
    e.evidence.forEach(function (ev) { box.appendChild(evidenceBox(ev)); });
    section("Evidence (" + e.evidence.length + ")", box);
  }

  function select(item) {
    state.selected = item || null;
    details.textContent = "";
    if (!item) details.appendChild(el("p", {"class": "empty"}, "Click an entity or a relation to see its evidence."));
    else if (item.edges) showNode(item);
    else showEdge(item);
    focusChanged();
  }

  // --- start ---
  var typeCounts = {}, relCounts = {}, ploverCounts = {}, lone = 0;
  nodes.forEach(function (d) { typeCounts[d.type] = (typeCounts[d.type] || 0) + 1; if (!d.edges.length) lone++; });
  edges.forEach(function (e) {
    relCounts[e.type] = (relCounts[e.type] || 0) + 1;
    ploverCounts[e.plover] = (ploverCounts[e.plover] || 0) + 1;
  });
  filterList("entity-types", typeCounts, state.hiddenTypes, true);
  filterList("relation-types", relCounts, state.hiddenRels, false);
  if (Object.keys(ploverCounts).some(function (k) { return k !== NO_PLOVER; })) filterList("plover-types", ploverCounts, state.hiddenPlover, false);
  else document.getElementById("plover-section").style.display = "none";
  var loneBox = document.getElementById("lone");
  document.getElementById("lone-count").textContent = lone;
  loneBox.addEventListener("change", function () { state.lone = loneBox.checked; refresh(); frame(); });
  var colourBy = document.getElementById("colour-by");
  if (!nodes.some(function (d) { return d.community !== undefined && d.community !== null; })) colourBy.parentNode.style.display = "none";
  colourBy.addEventListener("change", function () { state.colour = colourBy.value; refresh(); });
  if (data.colour === "community") { colourBy.value = "community"; state.colour = "community"; }
  refresh(); frame(); select(null);
  // The browser tests read this: the renderer, the graph and how long drawing took.
  window.kgView = {renderer: renderer, graph: graph, shown: function () { return graph.filterNodes(function (id) { return nodeShown(byId[id]); }); },
                   selected: function () { return state.selected ? state.selected.id : null; },
                   shownEdges: function () { return graph.filterEdges(function (id) { return edgeShown(edgeById[id]); }); }};
  requestAnimationFrame(function () {
    document.body.setAttribute("data-drawn-ms", String(Math.round(performance.now())));
    document.body.setAttribute("data-ready", "true");
  });
})();
