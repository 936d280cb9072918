// Which names the kg view writes beside their nodes: as many as fit, the most important first,
// none over another name, a more important node or another component's node, as graph tools do. Sigma's own label grid keeps
// one name per cell of the screen but lets a long name run across the next cells into other
// names, so the page turns the grid off (labelDensity 0) and forces exactly the names chosen here.
(function () {
  "use strict";
  var CELL = 96, PAD = 2;  // px: the cells of the search grid; the space kept around a name

  function Boxes() { this.cells = {}; }
  Boxes.prototype.each = function (box, visit) {
    for (var i = Math.floor(box.x0 / CELL); i <= Math.floor(box.x1 / CELL); i++)
      for (var j = Math.floor(box.y0 / CELL); j <= Math.floor(box.y1 / CELL); j++)
        if (visit(i + "," + j) === false) return false;
    return true;
  };
  Boxes.prototype.free = function (box, blocks) {  // blocks(other): whether that box counts
    var cells = this.cells;
    return this.each(box, function (key) {
      return !(cells[key] || []).some(function (other) { return overlap(box, other) && (!blocks || blocks(other)); });
    });
  };
  Boxes.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) { (cells[key] = cells[key] || []).push(box); });
  };
  function overlap(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

  var widths = {}, context = document.createElement("canvas").getContext("2d");
  function textWidth(text, font) {
    var key = font + "\u0000" + text;
    if (!(key in widths)) { context.font = font; widths[key] = context.measureText(text).width; }
    return widths[key];
  }

  // The screen boxes of a node's disc and of its name as sigma's drawDiscNodeLabel writes it: the
  // text starts 3 px right of the disc, its baseline a third of the font size below the centre.
  function boxes(id, p, r, label, settings, font) {
    var h = settings.labelSize, x0 = p.x + r + 3;
    return [{x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r, id: id},
            {x0: x0 - PAD, x1: x0 + textWidth(label, font) + PAD, y0: p.y - 0.45 * h - PAD, y1: p.y + 0.55 * h + PAD, text: true}];
  }
  // A name goes over no name nor named node, and no name goes over its node (discs may overlap).
  function fits(placed, b) { return placed.free(b[0], function (other) { return other.text; }) && placed.free(b[1]); }

  // A relation's name, written along its line (or its curve, @sigma/edge-curve's quadratic one)
  // between the two discs: small squares along the middle of the line, as long as the name. None
  // when sigma would cut the name short.
  function edgeBoxes(a, b, curvature, width, settings) {
    var dx = b.p.x - a.p.x, dy = b.p.y - a.p.y, d = Math.sqrt(dx * dx + dy * dy);
    if (width > d - a.r - b.r - 2 * PAD) return null;
    var anchor = {x: (a.p.x + b.p.x) / 2 + dy * curvature, y: (a.p.y + b.p.y) / 2 - dx * curvature};
    var h = settings.edgeLabelSize, half = 0.6 * h + PAD + 2, steps = Math.ceil(width / h), out = [];
    var length = curvature ? d * (1 + curvature * curvature) : d;  // near enough for a gentle bend
    for (var i = 0; i <= steps; i++) {
      var t = 0.5 + (i / steps - 0.5) * width / length, u = 1 - t;
      var x = u * u * a.p.x + 2 * u * t * anchor.x + t * t * b.p.x, y = u * u * a.p.y + 2 * u * t * anchor.y + t * t * b.p.y;
      out.push({x0: x - half, x1: x + half, y0: y - half, y1: y + half, text: true});
    }
    return out;
  }

  // nodes: [{id, x, y (graph coordinates), size, label, rank, group}] most important first; a node of
  // rank 0 whose disc is drawn smaller than `threshold` px gets no name. edges: [{id, source,
  // target, label, curvature, rank}] most important first; a relation's name is written where it
  // fits whole and both its ends are named (or it has a rank). Returns {nodes: {id: true}, edges: ...}.
  function choose(renderer, nodes, edges, threshold) {
    var settings = renderer.getSettings(), placed = new Boxes(), chosen = {nodes: {}, edges: {}}, at = {};
    // (the camera as it is now: a camera's update comes before the renderer's matrix follows it)
    var camera = {cameraState: renderer.getCamera().getState()};
    var font = settings.labelWeight + " " + settings.labelSize + "px " + settings.labelFont;
    var edgeFont = settings.edgeLabelWeight + " " + settings.edgeLabelSize + "px " + settings.edgeLabelFont;
    // A name covers no disc of a node ranked before it or of another component (group), and a
    // disc under a name gets no name.
    var discs = new Boxes();
    nodes.forEach(function (node, i) {
      var r = renderer.scaleSize(node.size), p = renderer.graphToViewport(node, camera);
      at[node.id] = {p: p, r: r};
      discs.add({x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r, rank: i, group: node.group});
    });
    nodes.forEach(function (node, i) {
      var a = at[node.id], b = boxes(node.id, a.p, a.r, node.label, settings, font);
      function blocks(disc) { return disc.rank < i || disc.group !== node.group; }
      if (node.label && (node.rank || a.r >= threshold) && fits(placed, b) && discs.free(b[1], blocks)) {
        b.forEach(function (one) { placed.add(one); });
        chosen.nodes[node.id] = true;
      }
    });
    edges.forEach(function (edge) {
      var a = at[edge.source], b = at[edge.target];
      if (!a || !b || !edge.label || edge.source === edge.target) return;
      if (!edge.rank && !(chosen.nodes[edge.source] && chosen.nodes[edge.target])) return;
      var e = edgeBoxes(a, b, edge.curvature || 0, textWidth(edge.label, edgeFont), settings);
      function blocks(other) { return other.id !== edge.source && other.id !== edge.target; }  // its own ends' discs
      if (e && e.every(function (one) { return placed.free(one, blocks); })) {
        e.forEach(function (one) { placed.add(one); });
        chosen.edges[edge.id] = true;
      }
    });
    return chosen;
  }

  function nameWidth(renderer, label) {
    var settings = renderer.getSettings();
    return textWidth(label, settings.labelWeight + " " + settings.labelSize + "px " + settings.labelFont);
  }

  globalThis.KgLabels = {choose: choose, nameWidth: nameWidth};
})();
