// kg view: draws the graph embedded in the page (a force layout in SVG) and shows
// each entity's and relation's evidence. Plain JS, no libraries, no network: every
// string from the graph goes into the page through textContent, never as HTML.
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var COLORS = {Person: "#4e79a7", State: "#e15759", Organisation: "#59a14f", Place: "#f28e2b", Event: "#b07aa1"};
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = data.nodes, edges = data.edges, docs = data.documents, symmetric = {};
  data.symmetric.forEach(function (t) { symmetric[t] = true; });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; n.edges = []; });
  edges.forEach(function (e) { byId[e.source].edges.push(e); if (e.target !== e.source) byId[e.target].edges.push(e); });

  var svg = document.getElementById("graph"), viewport = svg.querySelector("#viewport");
  var view = {x: 0, y: 0, k: 1}, hiddenTypes = {}, hiddenRels = {}, selected = null;

  function el(tag, attrs, text) {
    var e = tag.indexOf("svg:") === 0 ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function radius(n) { return Math.min(28, 5 + 3 * Math.sqrt(n.mentions)); }
  function color(type) { return COLORS[type] || "#888"; }

  // --- layout: Fruchterman-Reingold, deterministic (spiral start), sized to the graph ---
  function layout() {
    var n = nodes.length, k = 150, temp = 10 * Math.sqrt(n + 1) * 4;
    var iterations = Math.max(40, Math.min(400, Math.floor(4e7 / Math.max(1, n * n))));
    nodes.forEach(function (d, i) {
      var r = k * Math.sqrt(i + 0.5), a = i * 2.399963;
      d.x = r * Math.cos(a); d.y = r * Math.sin(a);
    });
    for (var it = 0; it < iterations; it++) {
      nodes.forEach(function (d) {  // gravity keeps parts together, and unlinked nodes close in
        var g = d.edges.length ? 0.05 : 0.2;
        d.dx = -d.x * g; d.dy = -d.y * g;
      });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j], vx = a.x - b.x, vy = a.y - b.y;
          var d2 = Math.max(vx * vx + vy * vy, 1);
          if (d2 > 6 * k * k) continue;  // no push from afar, so unlinked nodes stay near the rest
          var f = k * k / d2;
          a.dx += vx * f; a.dy += vy * f; b.dx -= vx * f; b.dy -= vy * f;
        }
      }
      edges.forEach(function (e) {
        var a = byId[e.source], b = byId[e.target], vx = a.x - b.x, vy = a.y - b.y;
        var d = Math.max(Math.sqrt(vx * vx + vy * vy), 0.01), f = d / (2.2 * k);  // longer springs: room for labels
        a.dx -= vx * f; a.dy -= vy * f; b.dx += vx * f; b.dy += vy * f;
      });
      nodes.forEach(function (d) {
        var len = Math.sqrt(d.dx * d.dx + d.dy * d.dy) || 1, step = Math.min(len, temp);
        d.x += d.dx / len * step; d.y += d.dy / len * step;
      });
      temp *= 0.985;
    }
  }

  // --- drawing ---
  var edgeLayer = el("svg:g", {"class": "edges"}), nodeLayer = el("svg:g", {"class": "nodes"});
  viewport.appendChild(edgeLayer); viewport.appendChild(nodeLayer);

  function pairIndex() {  // edges between the same two nodes bend apart so their labels do not overlap
    var count = {}, seen = {};
    function key(e) { return [e.source, e.target].sort().join("\u0000"); }
    edges.forEach(function (e) { count[key(e)] = (count[key(e)] || 0) + 1; });
    edges.forEach(function (e) {
      var k = key(e), i = seen[k] = (seen[k] || 0) + 1;
      // Offsets are measured on the pair's sorted direction, so A->B and B->A bend apart too.
      e.bend = (i - 1 - (count[k] - 1) / 2) * 48 * (e.source < e.target ? 1 : -1);
    });
  }

  function drawEdge(e) {
    var g = el("svg:g", {"class": "edge", "data-id": e.id});
    g.appendChild(el("svg:path", {"class": "line", "marker-end": symmetric[e.type] ? "" : "url(#arrow)"}));
    g.appendChild(el("svg:path", {"class": "hit"}));
    g.appendChild(el("svg:text", {"text-anchor": "middle"}, e.type));
    g.appendChild(el("svg:title", {}, e.type + ": " + byId[e.source].name + " \u2192 " + byId[e.target].name));
    g.addEventListener("click", function (ev) { ev.stopPropagation(); select(e); });
    e.g = g; edgeLayer.appendChild(g);
  }

  function drawNode(d) {
    var g = el("svg:g", {"class": "node", "data-id": d.id});
    g.appendChild(el("svg:circle", {r: radius(d), fill: color(d.type)}));
    g.appendChild(el("svg:text", {x: 0, y: radius(d), dy: "1.05em", "text-anchor": "middle"}, d.name));
    g.appendChild(el("svg:title", {}, d.name + " (" + d.type + ", " + d.mentions + " mentions)"));
    g.addEventListener("mousedown", function (ev) { startDrag(ev, d); });
    d.g = g; nodeLayer.appendChild(g);
  }

  function place() {
    nodes.forEach(function (d) { d.g.setAttribute("transform", "translate(" + d.x + "," + d.y + ")"); });
    edges.forEach(function (e) {
      var a = byId[e.source], b = byId[e.target], vx = b.x - a.x, vy = b.y - a.y;
      var len = Math.sqrt(vx * vx + vy * vy) || 1, ux = vx / len, uy = vy / len;
      var mx = (a.x + b.x) / 2 - uy * e.bend, my = (a.y + b.y) / 2 + ux * e.bend;
      var ra = radius(a), rb = radius(b) + 3;
      var sx = a.x + ux * ra, sy = a.y + uy * ra, tx = b.x - ux * rb, ty = b.y - uy * rb;
      var d = "M" + sx + "," + sy + " Q" + mx + "," + my + " " + tx + "," + ty;
      e.g.childNodes[0].setAttribute("d", d); e.g.childNodes[1].setAttribute("d", d);
      var lx = (sx + 2 * mx + tx) / 4, ly = (sy + 2 * my + ty) / 4;  // the curve's midpoint
      var angle = Math.atan2(uy, ux) * 180 / Math.PI;
      if (angle > 90) angle -= 180; else if (angle < -90) angle += 180;  // keep labels upright
      var label = e.g.childNodes[2];
      label.setAttribute("x", lx); label.setAttribute("y", ly); label.setAttribute("dy", "-3");
      label.setAttribute("transform", "rotate(" + angle + " " + lx + " " + ly + ")");
    });
  }

  function applyView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    // Zoomed out, labels grow in graph units so that they stay readable on screen.
    var grow = 1 / Math.min(1, view.k);
    nodeLayer.style.fontSize = (11 * grow) + "px"; edgeLayer.style.fontSize = (10 * grow) + "px";
  }

  function fit() {
    var shown = nodes.filter(visible);
    if (!shown.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    shown.forEach(function (d) { var r = radius(d) + 20; x0 = Math.min(x0, d.x - r); y0 = Math.min(y0, d.y - r); x1 = Math.max(x1, d.x + r); y1 = Math.max(y1, d.y + r); });
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    view.k = Math.min(2, 0.92 * Math.min(w / (x1 - x0), h / (y1 - y0)));
    view.x = w / 2 - view.k * (x0 + x1) / 2; view.y = h / 2 - view.k * (y0 + y1) / 2;
    applyView();
  }

  // --- pan, zoom, drag ---
  var drag = null;
  function toGraph(ev) { var r = svg.getBoundingClientRect(); return {x: (ev.clientX - r.left - view.x) / view.k, y: (ev.clientY - r.top - view.y) / view.k}; }
  function startDrag(ev, d) { ev.stopPropagation(); drag = {node: d, sx: ev.clientX, sy: ev.clientY, moved: false}; }
  svg.addEventListener("mousedown", function (ev) { drag = {pan: true, sx: ev.clientX, sy: ev.clientY, vx: view.x, vy: view.y, moved: false}; svg.classList.add("panning"); });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    if (Math.abs(ev.clientX - drag.sx) + Math.abs(ev.clientY - drag.sy) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.pan) { view.x = drag.vx + ev.clientX - drag.sx; view.y = drag.vy + ev.clientY - drag.sy; applyView(); }
    else { var p = toGraph(ev); drag.node.x = p.x; drag.node.y = p.y; place(); }
  });
  window.addEventListener("mouseup", function () {
    if (drag && drag.node && !drag.moved) select(drag.node);
    else if (drag && drag.pan && !drag.moved) select(null);
    drag = null; svg.classList.remove("panning");
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top;
    var k = Math.max(0.05, Math.min(8, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = px - (px - view.x) * k / view.k; view.y = py - (py - view.y) * k / view.k; view.k = k;
    applyView();
  }, {passive: false});
  document.getElementById("fit").addEventListener("click", fit);

  // --- filters and search ---
  function visible(d) { return !hiddenTypes[d.type]; }
  function edgeVisible(e) { return !hiddenRels[e.type] && visible(byId[e.source]) && visible(byId[e.target]); }

  function refresh() {
    var n = 0, m = 0;
    nodes.forEach(function (d) { var v = visible(d); d.g.style.display = v ? "" : "none"; n += v; });
    edges.forEach(function (e) { var v = edgeVisible(e); e.g.style.display = v ? "" : "none"; m += v; });
    document.getElementById("count-nodes").textContent = n;
    document.getElementById("count-edges").textContent = m;
    search();
  }

  function filterList(containerId, counts, hidden, swatches) {
    var box = document.getElementById(containerId);
    Object.keys(counts).sort().forEach(function (t) {
      var label = el("label"), box2 = el("input", {type: "checkbox", "data-type": t});
      box2.checked = true;
      box2.addEventListener("change", function () { hidden[t] = !box2.checked; refresh(); });
      label.appendChild(box2);
      if (swatches) { var s = el("span", {"class": "swatch"}); s.style.background = color(t); label.appendChild(s); }
      label.appendChild(el("span", {}, t));
      label.appendChild(el("span", {"class": "n"}, counts[t]));
      box.appendChild(label);
    });
  }

  function matches(d, q) {
    if (!q) return false;
    return [d.name].concat(d.aliases).some(function (s) { return s.toLowerCase().indexOf(q) >= 0; });
  }

  function search() {
    var q = document.getElementById("search").value.trim().toLowerCase(), found = [];
    nodes.forEach(function (d) {
      var hit = visible(d) && matches(d, q);
      if (hit) found.push(d);
      d.g.classList.toggle("match", hit);
      d.g.classList.toggle("dim", !!q && !hit);
    });
    edges.forEach(function (e) { e.g.classList.toggle("dim", !!q); });
    document.getElementById("search-result").textContent = q ? found.length + (found.length === 1 ? " match" : " matches") + (found.length ? " (Enter: show the first)" : "") : "";
    return found;
  }
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("input", search);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var found = search();
    if (found.length) { select(found[0]); centre(found[0]); }
  });
  function centre(d) {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    view.x = w / 2 - view.k * d.x; view.y = h / 2 - view.k * d.y; applyView();
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
  function link(text, target) {
    var b = el("button", {"class": "link"}, text);
    b.addEventListener("click", function () { select(target); if (target.x !== undefined) centre(target); });
    return b;
  }
  function list(items) { var ul = el("ul"); items.forEach(function (i) { var li = el("li"); li.appendChild(i instanceof Node ? i : document.createTextNode(i)); ul.appendChild(li); }); return ul; }
  function section(title, content) { details.appendChild(el("h2", {}, title)); details.appendChild(content); }

  function showNode(d) {
    details.appendChild(el("h1", {}, d.name));
    details.appendChild(el("div", {"class": "kind"}, d.type + " \u00b7 " + d.mentions + (d.mentions === 1 ? " mention" : " mentions")));
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
    if (selected) selected.g.classList.remove("selected");
    selected = item;
    details.textContent = "";
    if (!item) { details.appendChild(el("p", {"class": "empty"}, "Click an entity or a relation to see its evidence.")); return; }
    item.g.classList.add("selected");
    if (item.edges) showNode(item); else showEdge(item);
  }

  // --- start ---
  var typeCounts = {}, relCounts = {};
  nodes.forEach(function (d) { typeCounts[d.type] = (typeCounts[d.type] || 0) + 1; });
  edges.forEach(function (e) { relCounts[e.type] = (relCounts[e.type] || 0) + 1; });
  filterList("entity-types", typeCounts, hiddenTypes, true);
  filterList("relation-types", relCounts, hiddenRels, false);
  layout(); pairIndex();
  edges.forEach(drawEdge); nodes.forEach(drawNode);
  place(); refresh(); fit(); select(null);
  window.addEventListener("resize", fit);
  document.body.setAttribute("data-ready", "true");  // the browser test waits for this
})();
