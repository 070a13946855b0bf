/* paperkg page: wiring. Header, legend and filters, tooltips, the Map/Matrix tabs,
 * selection, and the URL hash that reopens what was on screen
 * (#sel=ID&open=ID&view=matrix&cols=Method&years=2021-2023&cell=ROW|COL).
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes, el = PK.el, state = PK.state, meta = PK.meta;

  // ---------------------------------------------------------------- header, notes, legend
  var papers = meta.papers || 0, entities = meta.entities || 0;
  document.getElementById("counts").textContent =
    PK.plural(papers, "paper", "papers") + " \u00b7 " + PK.plural(entities, "entity", "benchmarks, models and methods");
  var notes = (meta.notes || []).slice();
  if (notes.length) {
    var box = document.getElementById("notes");
    notes.forEach(function (n) { box.appendChild(el("div", null, n)); });
    box.hidden = false;
    document.body.classList.add("has-notes");
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function shapeIcon(type, px) {
    var svg = document.createElementNS(SVGNS, "svg"), c = px / 2, r = px / 2 - 1, shape;
    svg.setAttribute("width", px); svg.setAttribute("height", px); svg.setAttribute("aria-hidden", "true");
    var kind = PK.STYLE[type].shape;
    if (kind === "dot") {
      shape = document.createElementNS(SVGNS, "circle");
      shape.setAttribute("cx", c); shape.setAttribute("cy", c); shape.setAttribute("r", r);
    } else {
      var pts = kind === "square" ? [[1, 1], [px - 1, 1], [px - 1, px - 1], [1, px - 1]]
        : kind === "diamond" ? [[c, 0], [px, c], [c, px], [0, c]] : [[c, 1], [px - 1, px - 1], [1, px - 1]];
      shape = document.createElementNS(SVGNS, "polygon");
      shape.setAttribute("points", pts.map(function (p) { return p.join(","); }).join(" "));
    }
    shape.setAttribute("fill", PK.STYLE[type].color);
    svg.appendChild(shape);
    return svg;
  }
  var onMapByType = PK.TYPES.map(function () { return 0; }), allByType = PK.TYPES.map(function () { return 0; });
  for (var i = 0; i < PK.N; i++) { allByType[nodes.t[i]]++; if (PK.onMap(i)) onMapByType[nodes.t[i]]++; }
  var typeBoxes = PK.TYPES.map(function (t, ti) {
    var label = el("label"), cb = el("input");
    cb.type = "checkbox"; cb.checked = true; cb.id = "filter-type-" + t.toLowerCase();
    cb.addEventListener("change", function () { state.typeOn[ti] = cb.checked; PK.map.applyVisibility(); });
    label.appendChild(cb); label.appendChild(shapeIcon(t, 14));
    label.appendChild(el("span", null, t === "Paper" ? "Papers" : PK.STYLE[t].plural.replace(/^./, function (c) { return c.toUpperCase(); })));
    var count = t === "Paper" ? allByType[ti] : onMapByType[ti];
    var c = el("span", "count", count.toLocaleString("en"));
    if (t !== "Paper" && allByType[ti] > count) c.title = count + " on the map of " + allByType[ti];
    label.appendChild(c);
    document.getElementById("type-filters").appendChild(label);
    return cb;
  });
  var left = entities - PK.onMapCount;
  if (left > 0) {
    document.getElementById("size-hint").textContent += " The map shows " + PK.onMapCount.toLocaleString("en") +
      " of " + entities.toLocaleString("en") + " (those in two papers or more, and what appears with them); search finds all.";
  }
  var maxCount = 1;
  for (i = 0; i < PK.N; i++) if (!PK.isPaper(i)) maxCount = Math.max(maxCount, PK.papersOf[i].length);
  [1, Math.round(Math.sqrt(maxCount)), maxCount].filter(function (v, j, a) { return a.indexOf(v) === j; }).forEach(function (v) {
    var size = meta.size || [4, 24], r = size[0] + size[1] * Math.sqrt(v / maxCount);
    var wrap = el("span"), s = Math.round(2 * r * 0.8) + 2, svg = document.createElementNS(SVGNS, "svg");
    var circle = document.createElementNS(SVGNS, "circle");
    svg.setAttribute("width", s); svg.setAttribute("height", s);
    circle.setAttribute("cx", s / 2); circle.setAttribute("cy", s / 2); circle.setAttribute("r", s / 2 - 1);
    circle.setAttribute("fill", "#cbd2d9"); svg.appendChild(circle);
    wrap.appendChild(svg); wrap.appendChild(el("div", null, PK.plural(v, "paper", "papers")));
    document.getElementById("size-legend").appendChild(wrap);
  });

  // ---------------------------------------------------------------- tooltip
  var tooltip = document.getElementById("tooltip");
  function showTooltip(x, y, lines) {
    tooltip.textContent = "";
    lines.forEach(function (l) { tooltip.appendChild(el("div", l[1] || null, l[0])); });
    tooltip.hidden = false;
    tooltip.style.left = Math.min(x + 14, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(y + 14, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  }
  PK.on("hoverNode", function (i, x, y) {
    var what = PK.isPaper(i) ? "Paper" + (nodes.year[i] ? " \u00b7 " + nodes.year[i] : "")
      : PK.typeOf(i) + " \u00b7 " + PK.plural(PK.count(i), "paper", "papers");
    showTooltip(x, y, [[nodes.name[i]], [what, "rel"]]);
  });
  PK.on("hoverLink", function (a, b, w, x, y) {
    showTooltip(x, y, [[nodes.name[a] + " \u2194 " + nodes.name[b]], [PK.plural(w, "paper mentions", "papers mention") + " both", "rel"]]);
  });
  PK.on("hoverEdge", function (k, x, y) {
    var rel = PK.RELS[PK.edges.r[k]];
    showTooltip(x, y, [[nodes.name[PK.edges.s[k]]], ["\u2192 " + PK.REL_TEXT[rel] + " \u2192", "rel"], [nodes.name[PK.edges.d[k]]]]);
  });
  PK.on("hoverOut", function () { tooltip.hidden = true; });

  // ---------------------------------------------------------------- selection and views
  var pinnedBySelection = -1;
  PK.select = function (i, opts) {
    opts = opts || {};
    if (pinnedBySelection >= 0 && pinnedBySelection !== i) { var old = pinnedBySelection; pinnedBySelection = -1; state.selected = i; PK.map.unpin(old); }
    state.selected = i;
    if (i >= 0) {
      if (!state.typeOn[nodes.t[i]]) { state.typeOn[nodes.t[i]] = true; typeBoxes[nodes.t[i]].checked = true; PK.map.applyVisibility(); }
      if (!PK.map.isPresent(i) && pinnedBySelection !== i) { PK.map.pin(i); pinnedBySelection = i; }
    }
    if (state.cell && (i < 0 || (i !== state.cell[0] && i !== state.cell[1] && !PK.isPaper(i)))) state.cell = null;
    PK.map.highlight();
    PK.details.show(i);
    if (i >= 0 && opts.centre && state.view === "map") PK.map.focusOn(i, opts.animate !== false);
    writeHash();
  };
  PK.toggleExpand = function (i) {
    if (PK.map.isExpanded(i)) PK.map.collapse(i); else PK.map.expand(i);
    if (state.selected === i) PK.details.show(i);
    writeHash();
  };
  PK.setYears = function (range) {
    var span = PK.yearSpan;
    state.years = !range || !span || (range[0] <= span[0] && range[1] >= span[1]) ? null : range;
    PK.map.applyVisibility();
    PK.yearsPanel.update();
    if (state.view === "matrix") PK.matrix.render();
    if (state.selected >= 0) PK.details.show(state.selected);
    writeHash();
  };
  PK.setColumns = function (type) {
    state.cols = type === "Method" ? "Method" : "Model";
    state.cell = null;
    PK.matrix.render();
    writeHash();
  };
  PK.openCell = function (row, col) {
    state.cell = [row, col];
    PK.matrix.render();
    PK.details.showCell(row, col, PK.matrix.papersOf(row, col));
    writeHash();
  };
  PK.setView = function (view) {
    state.view = view === "matrix" ? "matrix" : "map";
    var matrix = state.view === "matrix";
    document.getElementById("graph").hidden = matrix;
    document.getElementById("matrix").hidden = !matrix;
    document.getElementById("side").classList.toggle("matrix-side", matrix);
    document.getElementById("tab-map").setAttribute("aria-pressed", matrix ? "false" : "true");
    document.getElementById("tab-matrix").setAttribute("aria-pressed", matrix ? "true" : "false");
    if (matrix) PK.matrix.render(); else PK.map.resize();
    writeHash();
  };
  document.getElementById("tab-map").addEventListener("click", function () { PK.setView("map"); });
  document.getElementById("tab-matrix").addEventListener("click", function () { PK.setView("matrix"); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.activeElement !== document.getElementById("search")) PK.select(-1);
  });

  // ---------------------------------------------------------------- the URL hash
  var applying = false, written = null;
  function writeHash() {
    if (applying) return;
    var q = new URLSearchParams();
    if (state.selected >= 0) q.set("sel", nodes.id[state.selected]);
    for (var j = 0; j < PK.N; j++) if (PK.map.isExpanded(j)) q.append("open", nodes.id[j]);
    if (state.view !== "map") q.set("view", state.view);
    if (state.cols !== "Model") q.set("cols", state.cols);
    if (state.years) q.set("years", state.years[0] + "-" + state.years[1]);
    if (state.cell) q.set("cell", nodes.id[state.cell[0]] + "|" + nodes.id[state.cell[1]]);
    written = q.toString();
    var url = location.href.split("#")[0] + (written ? "#" + written : "");
    try { history.replaceState(null, "", url); } catch (err) { location.hash = written; }
  }
  function readHash() {
    var raw = location.hash.replace(/^#/, "");
    if (raw === written) return;
    var q = new URLSearchParams(raw), index = function (id) { return id === null ? -1 : PK.indexOf(id); };
    applying = true;
    try {
      var years = /^(\d{1,4})-(\d{1,4})$/.exec(q.get("years") || "");
      PK.setYears(years ? [Number(years[1]), Number(years[2])] : null);
      state.cols = q.get("cols") === "Method" ? "Method" : "Model";
      for (var j = 0; j < PK.N; j++) if (PK.map.isExpanded(j)) PK.map.collapse(j);
      q.getAll("open").forEach(function (id) { var e = index(id); if (e >= 0) PK.map.expand(e); });
      PK.select(index(q.get("sel")), { centre: true, animate: false });
      var cell = (q.get("cell") || "").split("|");
      var r = index(cell[0] || null), c = index(cell[1] || null);
      PK.setView(q.get("view"));
      if (r >= 0 && c >= 0 && state.view === "matrix") PK.openCell(r, c);
    } finally { applying = false; }
    writeHash();
  }
  window.addEventListener("hashchange", readHash);

  // ---------------------------------------------------------------- start
  PK.map.fit();
  if (location.hash.length > 1) readHash();
  else if (meta.focus && PK.indexOf(meta.focus) >= 0) {
    var f = PK.indexOf(meta.focus);
    if (!PK.isPaper(f)) PK.map.expand(f);
    PK.select(f, { centre: false });
    PK.map.fit();
  }
  PK.on("drawn", function () {
    window.paperkgReady = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
  if (PK.map.frames > 0 || state.view === "matrix") PK.emit("drawn");

  // ---------------------------------------------------------------- a small API for tests and power users
  window.paperkg = {
    select: function (id) { var j = PK.indexOf(id); PK.select(j, { centre: true, animate: false }); return j; },
    selected: function () { return state.selected >= 0 ? nodes.id[state.selected] : null; },
    labels: function () {
      return PK.map.labels.map(function (l) { return { id: l.id, text: l.text, x: l.x, y: l.y, w: l.w, h: l.h, size: l.size }; });
    },
    shown: function () { var out = []; for (var j = 0; j < PK.N; j++) if (PK.map.isVisible(j)) out.push(nodes.id[j]); return out; },
    /* Every visible node with its centre on screen and its radius in pixels. */
    onScreen: function () {
      var out = [], scale = PK.map.network.getScale();
      for (var j = 0; j < PK.N; j++) if (PK.map.isVisible(j)) {
        var s = PK.map.screen(j);
        out.push({ id: nodes.id[j], x: s[0], y: s[1], r: PK.map.sizeOf(j) * scale });
      }
      return out;
    },
    highlighted: function () { return PK.map.highlighted().map(function (j) { return nodes.id[j]; }); },
    expanded: function () { var out = []; for (var j = 0; j < PK.N; j++) if (PK.map.isExpanded(j)) out.push(nodes.id[j]); return out; },
    position: function (id) { return PK.map.position(PK.indexOf(id)); },
    screen: function (id) { return PK.map.screen(PK.indexOf(id)); },
    size: function (id) { return PK.map.sizeOf(PK.indexOf(id)); },
    centre: function () { var p = PK.map.network.getViewPosition(); return [p.x, p.y]; },
    zoom: function (scale) { PK.map.network.moveTo({ scale: scale, animation: false }); },
    scale: function () { return PK.map.network.getScale(); },
    idle: function () { return PK.map.idle(); },
    frames: function () { return PK.map.frames; },
    search: function (q) { return PK.search(q).map(function (h) { return nodes.name[h.node]; }); },
    view: function () { return state.view; }
  };
})();
