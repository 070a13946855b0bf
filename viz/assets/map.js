/* paperkg page: the map. vis-network (inlined from pyvis) draws the nodes and links at
 * positions computed in Python and handles pan, zoom, hover and clicks; overlay.js
 * draws the labels and the selection on the same canvas.
 *
 * Nodes other than the map's entities (papers, rarer entities) are shown on demand,
 * placed around what they hang off ("expand in place"): on the first free spot of a
 * spiral around it.
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes, N = PK.N, container = document.getElementById("graph");
  var GOLDEN = Math.PI * (3 - Math.sqrt(5)), EXPAND_MAX = 60;
  var SIZE = PK.meta.size || [4, 24], maxCount = 1;
  for (var i = 0; i < N; i++) if (!PK.isPaper(i)) maxCount = Math.max(maxCount, PK.papersOf[i].length);

  var X = new Float64Array(N).fill(NaN), Y = new Float64Array(N).fill(NaN);
  for (i = 0; i < PK.onMapCount; i++) { X[i] = nodes.x[i]; Y[i] = nodes.y[i]; }
  var present = new Uint8Array(N), hidden = new Uint8Array(N), pins = new Int32Array(N);
  var shown = [];     // the present nodes, as a list (the map's first)
  var addedBy = {};   // expanded node -> nodes it added
  var slots = {};     // anchor node -> satellites placed around it so far

  function size(i) {
    if (PK.isPaper(i)) return 5;
    return SIZE[0] + SIZE[1] * Math.sqrt(PK.count(i) / maxCount);
  }
  function importance(i) {
    if (i === PK.state.selected) return 1e9;
    return PK.isPaper(i) ? 0.5 : PK.count(i) + (addedBy[i] ? 1e6 : 0);
  }
  function visible(i) {
    if (!present[i]) return false;
    if (i === PK.state.selected) return true;
    if (!PK.shownType(i)) return false;
    return PK.isPaper(i) ? PK.yearOk(i) : PK.count(i) > 0;
  }

  // ---------------------------------------------------------------- vis-network
  /* The vis-network item of node i (and whether it is hidden, remembered in `hidden`). */
  function nodeItem(i) {
    var c = PK.colorOf(i);
    hidden[i] = visible(i) ? 0 : 1;
    return {
      id: i, x: X[i], y: Y[i], shape: PK.STYLE[PK.typeOf(i)].shape, size: size(i), hidden: !!hidden[i],
      color: { background: c, border: "#ffffff", highlight: { background: c, border: "#ffffff" }, hover: { background: c, border: "#1f2933" } },
      borderWidth: PK.isPaper(i) ? 1 : 1.5
    };
  }
  var mapW = PK.data.map.w, maxW = Math.max.apply(null, [1].concat(mapW));
  var nodeSet = new vis.DataSet(), edgeSet = new vis.DataSet();
  var mapEdges = [];
  for (i = 0; i < PK.onMapCount; i++) { present[i] = 1; shown.push(i); }
  var items = [];
  for (i = 0; i < PK.onMapCount; i++) items.push(nodeItem(i));
  nodeSet.add(items);
  PK.data.map.s.forEach(function (a, k) {
    var b = PK.data.map.d[k], w = mapW[k], f = Math.sqrt(w / maxW);
    mapEdges.push({ id: "m" + k, from: a, to: b, width: 0.6 + 2.4 * f,
                    color: { color: "#7b8794", opacity: 0.22 + 0.45 * f } });
  });
  edgeSet.add(mapEdges);
  var big = PK.onMapCount > 800;
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false, keyboard: false, zoomSpeed: 0.6 },
    nodes: { chosen: false, font: { size: 0 } },
    edges: { chosen: false, smooth: false, arrows: { to: { enabled: false } } }
  });

  // ---------------------------------------------------------------- showing nodes on demand
  function mentionEdge(k) {
    var rel = PK.RELS[PK.edges.r[k]];
    return { id: "e" + k, from: PK.edges.s[k], to: PK.edges.d[k], width: 1.2,
             color: { color: PK.REL_COLOR[rel], opacity: 0.75 }, dashes: rel === "USES" ? [4, 3] : false };
  }
  function show(i, x, y) {
    if (present[i]) return false;
    present[i] = 1; X[i] = x; Y[i] = y; shown.push(i);
    nodeSet.add(nodeItem(i));
    var links = [];
    if (PK.isPaper(i)) PK.entsOf[i].forEach(function (er) { if (present[er[0]]) links.push(mentionEdge(er[2])); });
    else PK.papersOf[i].forEach(function (p) {
      PK.entsOf[p].forEach(function (er) { if (er[0] === i && present[p]) links.push(mentionEdge(er[2])); });
    });
    edgeSet.add(links);
    return true;
  }
  function hide(i) {
    present[i] = 0;
    shown.splice(shown.indexOf(i), 1);
    nodeSet.remove(i);
    var gone = [];
    if (PK.isPaper(i)) PK.entsOf[i].forEach(function (er) { gone.push("e" + er[2]); });
    else PK.papersOf[i].forEach(function (p) { PK.entsOf[p].forEach(function (er) { if (er[0] === i) gone.push("e" + er[2]); }); });
    edgeSet.remove(gone);
  }
  /* The first spot on a sunflower spiral around node a where node i overlaps nothing shown. */
  function around(a, i) {
    var ri = size(i), spot;
    for (var tries = 0; tries < 400; tries++) {
      var k = slots[a] = (slots[a] || 0) + 1;
      var r = size(a) + ri + 10 + 12 * Math.sqrt(k), t = k * GOLDEN;
      spot = [X[a] + r * Math.cos(t), Y[a] + r * Math.sin(t)];
      if (free(spot, ri)) break;
    }
    return spot;
  }
  function free(p, r) {
    for (var s = 0; s < shown.length; s++) {
      var j = shown[s], dx = X[j] - p[0], dy = Y[j] - p[1], need = size(j) + r + 4;
      if (dx * dx + dy * dy < need * need) return false;
    }
    return true;
  }
  /* Where a node not on the map goes: by the present nodes it is linked to, else beside the map. */
  function spotFor(i) {
    var linked = PK.isPaper(i) ? PK.entsOf[i].map(function (er) { return er[0]; })
      : Object.keys(PK.cooccurring(i)).map(Number).concat(PK.papersOf[i]);
    var anchor = -1;
    linked.forEach(function (j) { if (present[j] && (anchor < 0 || importance(j) > importance(anchor))) anchor = j; });
    if (anchor >= 0) return around(anchor, i);
    var box = bounds();
    return [box.x2 + 120, (box.y1 + box.y2) / 2 + (slots.edge = (slots.edge || 0) + 1) * 40];
  }
  function bounds() {
    var b = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    shown.forEach(function (j) {
      b.x1 = Math.min(b.x1, X[j]); b.x2 = Math.max(b.x2, X[j]); b.y1 = Math.min(b.y1, Y[j]); b.y2 = Math.max(b.y2, Y[j]);
    });
    return isFinite(b.x1) ? b : { x1: 0, y1: 0, x2: 0, y2: 0 };
  }
  function pin(i) {
    if (!present[i]) { var s = spotFor(i); show(i, s[0], s[1]); }
    pins[i]++;
  }
  function unpin(i) {
    if (pins[i] > 0) pins[i]--;
    if (pins[i] === 0 && present[i] && !PK.onMap(i) && i !== PK.state.selected) {
      if (addedBy[i]) collapse(i);
      hide(i);
    }
  }
  function neighboursToShow(i) {
    if (PK.isPaper(i)) return PK.entsOf[i].map(function (er) { return er[0]; });
    var papers = PK.papersIn(i).slice();
    papers.sort(function (a, b) { return (nodes.year[b] || 0) - (nodes.year[a] || 0) || (nodes.name[a] < nodes.name[b] ? -1 : 1); });
    return papers.slice(0, EXPAND_MAX);
  }
  function expand(i) {
    if (addedBy[i]) return;
    if (!present[i]) pin(i);
    addedBy[i] = [];
    neighboursToShow(i).forEach(function (j) {
      if (!present[j]) { var s = around(i, j); show(j, s[0], s[1]); }
      pins[j]++;
      addedBy[i].push(j);
    });
    refresh();
  }
  function collapse(i) {
    var list = addedBy[i];
    if (!list) return;
    delete addedBy[i];
    slots[i] = 0;
    list.forEach(unpin);
    refresh();
  }

  // ---------------------------------------------------------------- visibility, years, types
  function applyVisibility() {
    var updates = [];
    for (var j = 0; j < N; j++) if (present[j]) {
      var h = visible(j) ? 0 : 1;
      updates.push({ id: j, hidden: !!h, size: size(j) });
      hidden[j] = h;
    }
    nodeSet.update(updates);
  }

  // ---------------------------------------------------------------- events
  network.on("click", function (p) {
    if (p.nodes.length) PK.select(p.nodes[0], { centre: false });
    else if (!p.edges.length) PK.select(-1);
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) PK.toggleExpand(p.nodes[0]); });
  function pointer(p) {
    var r = container.getBoundingClientRect();
    return [r.left + p.pointer.DOM.x, r.top + p.pointer.DOM.y];
  }
  network.on("hoverNode", function (p) { var s = pointer(p); PK.emit("hoverNode", p.node, s[0], s[1]); });
  network.on("hoverEdge", function (p) {
    var s = pointer(p), id = String(p.edge), k = Number(id.slice(1));
    if (id[0] === "m") PK.emit("hoverLink", PK.data.map.s[k], PK.data.map.d[k], mapW[k], s[0], s[1]);
    else PK.emit("hoverEdge", k, s[0], s[1]);
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, function () { PK.emit("hoverOut"); }); });
  var moving = false;
  network.on("animationFinished", function () { moving = false; });

  function refresh() { PK.overlay.refresh(); network.redraw(); }
  function refreshWhenRanged() { applyVisibility(); refresh(); }

  PK.map = {
    network: network, frames: 0, labels: [], X: X, Y: Y, maxCount: maxCount,
    isHidden: function (i) { return hidden[i] === 1; }, importance: importance,
    expand: expand, collapse: collapse, isExpanded: function (i) { return !!addedBy[i]; },
    isPresent: function (i) { return !!present[i]; },
    isVisible: function (i) { return present[i] === 1 && !hidden[i]; },
    highlighted: function () { return PK.overlay.lit(); },
    pin: pin, unpin: unpin,
    highlight: function () { refresh(); },
    applyVisibility: refreshWhenRanged,
    /* Centre on node i, zoomed so that what it appears with fits (but never past 1.6x). */
    focusOn: function (i, animate) {
      if (!present[i]) return;
      var panel = document.getElementById("details"), side = panel.hidden ? 0 : panel.offsetWidth;
      var reach = size(i) * 4;
      PK.overlay.linked().forEach(function (l) {
        reach = Math.max(reach, Math.abs(X[l[0]] - X[i]) * 2 + 2 * size(l[0]), Math.abs(Y[l[0]] - Y[i]) * 2 + 2 * size(l[0]));
      });
      var room = Math.min(container.clientWidth - side - 120, container.clientHeight - 60);
      var scale = Math.min(1.6, Math.max(room, 100) / reach);
      moving = !!animate;
      network.moveTo({ position: { x: X[i], y: Y[i] }, scale: scale,
                       offset: { x: -side / 2, y: 0 },
                       animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false });
    },
    /* Show every visible node, in the part of the map the details panel leaves free. */
    fit: function () {
      var b = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }, panel = document.getElementById("details");
      for (var j = 0; j < N; j++) if (present[j] && !hidden[j]) {
        var r = size(j);
        b.x1 = Math.min(b.x1, X[j] - r); b.x2 = Math.max(b.x2, X[j] + r); b.y1 = Math.min(b.y1, Y[j] - r); b.y2 = Math.max(b.y2, Y[j] + r);
      }
      if (!isFinite(b.x1)) return;
      var side = panel.hidden ? 0 : panel.offsetWidth, w = container.clientWidth - side - 160, h = container.clientHeight - 60;
      var scale = Math.min(1.4, Math.max(w, 100) / Math.max(b.x2 - b.x1, 1), Math.max(h, 100) / Math.max(b.y2 - b.y1, 1));
      network.moveTo({ position: { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 }, scale: scale,
                       offset: { x: -side / 2, y: 0 }, animation: false });
    },
    idle: function () { return !moving; },
    position: function (i) { return present[i] ? [X[i], Y[i]] : null; },
    screen: function (i) {
      if (!present[i]) return null;
      var s = network.canvasToDOM({ x: X[i], y: Y[i] }), r = container.getBoundingClientRect();
      return [r.left + s.x, r.top + s.y];
    },
    sizeOf: size,
    resize: function () { network.setSize("100%", "100%"); network.redraw(); }
  };
})();
