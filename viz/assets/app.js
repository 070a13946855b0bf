/* paperkg graph page: the UI around a renderer (search, filters, legend, details, tooltips).
 *
 * Every string from the graph is user data: it reaches the DOM only through
 * textContent or setAttribute, never through innerHTML. Renderers (vis-network for
 * small graphs, the project's WebGL renderer for large ones) register themselves in
 * window.PaperKGRenderers and talk to this file through `model` and `events`.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("paperkg-data").textContent);
  var meta = data.meta || {};
  var TYPES = data.types, RELS = data.rels, nodes = data.nodes, edges = data.edges;
  var N = nodes.id.length, E = edges.s.length, PAPER = TYPES.indexOf("Paper");
  var STYLE = {
    Paper: { color: "#4e79a7", shape: "dot" },
    Benchmark: { color: "#f28e2b", shape: "diamond" },
    Model: { color: "#59a14f", shape: "square" },
    Method: { color: "#b15fa3", shape: "triangle" }
  };
  var REL_STYLE = {
    INTRODUCES: { color: "#e15759", text: "introduces" },
    EVALUATES_ON: { color: "#f28e2b", text: "evaluates on" },
    USES: { color: "#8d99a6", text: "uses" },
    CITES: { color: "#4e9f9a", text: "cites" },
    VARIANT_OF: { color: "#59a14f", text: "is a variant of" }
  };

  // ---------------------------------------------------------------- the model
  var outEdges = [], inEdges = [];
  for (var i = 0; i < N; i++) { outEdges.push([]); inEdges.push([]); }
  for (var e = 0; e < E; e++) { outEdges[edges.s[e]].push(e); inEdges[edges.d[e]].push(e); }
  var typeOn = TYPES.map(function () { return true; });
  var relOn = RELS.map(function () { return true; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function typeOf(i) { return TYPES[nodes.t[i]]; }
  function colorOf(i) { return STYLE[typeOf(i)].color; }
  function sizeOf(i) { return Math.min(42, 7 + 3.2 * Math.sqrt(nodes.deg[i])); }
  function nodeVisible(i) { return typeOn[nodes.t[i]]; }
  function edgeVisible(k) {
    return relOn[edges.r[k]] && typeOn[nodes.t[edges.s[k]]] && typeOn[nodes.t[edges.d[k]]];
  }
  function edgeText(k) {
    var rel = RELS[edges.r[k]], via = edges.via[String(k)];
    var parts = { from: nodes.name[edges.s[k]], rel: REL_STYLE[rel].text, to: nodes.name[edges.d[k]] };
    if (via && via.length) parts.via = "inferred: uses " + via.join(", ") + " that it introduces";
    return parts;
  }

  var model = {
    data: data, N: N, E: E, TYPES: TYPES, RELS: RELS, STYLE: STYLE, REL_STYLE: REL_STYLE,
    typeOf: typeOf, colorOf: colorOf, sizeOf: sizeOf, nodeVisible: nodeVisible,
    edgeVisible: edgeVisible, outEdges: outEdges, inEdges: inEdges, selected: -1
  };

  // ---------------------------------------------------------------- tooltip
  var tooltip = document.getElementById("tooltip");
  function showTooltip(x, y, build) {
    tooltip.textContent = "";
    build(tooltip);
    tooltip.hidden = false;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    tooltip.style.left = Math.min(x + 14, window.innerWidth - w - 8) + "px";
    tooltip.style.top = Math.min(y + 14, window.innerHeight - h - 8) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }

  var events = {
    nodeClick: function (i) { select(i, false); },
    backgroundClick: function () { hideTooltip(); },
    nodeHover: function (i, x, y) {
      showTooltip(x, y, function (box) {
        box.appendChild(el("div", null, nodes.name[i]));
        box.appendChild(el("div", "rel", typeOf(i) + " · " + nodes.deg[i] + " links"));
      });
    },
    edgeHover: function (k, x, y) {
      var t = edgeText(k);
      showTooltip(x, y, function (box) {
        box.appendChild(el("div", null, t.from));
        box.appendChild(el("div", "rel", "\u2192 " + t.rel + " \u2192"));
        box.appendChild(el("div", null, t.to));
        if (t.via) box.appendChild(el("div", "via", t.via));
      });
    },
    hoverOut: hideTooltip,
    firstRender: function () {
      window.paperkgReady = performance.now();
      document.body.setAttribute("data-ready", "1");
    }
  };

  // ---------------------------------------------------------------- renderer
  var which = meta.renderer || "vis";
  var factories = window.PaperKGRenderers || {};
  if (!factories[which]) which = Object.keys(factories)[0];
  var view = factories[which](document.getElementById("graph"), model, events);
  document.getElementById("renderer-name").textContent = view.description;

  // ---------------------------------------------------------------- header and notes
  var typeCounts = TYPES.map(function () { return 0; });
  for (i = 0; i < N; i++) typeCounts[nodes.t[i]]++;
  var relCounts = RELS.map(function () { return 0; });
  for (e = 0; e < E; e++) relCounts[edges.r[e]]++;
  document.getElementById("counts").textContent =
    N.toLocaleString("en") + " nodes \u00b7 " + E.toLocaleString("en") + " links";
  var notes = (meta.notes || []).concat(view.notes || []);
  if (notes.length) {
    var box = document.getElementById("notes");
    notes.forEach(function (n) { box.appendChild(el("div", null, n)); });
    box.hidden = false;
    document.body.classList.add("has-notes");
  }

  // ---------------------------------------------------------------- legend and filters
  var SVGNS = "http://www.w3.org/2000/svg";
  function shapeIcon(type, px) {
    var svg = document.createElementNS(SVGNS, "svg"), c = px / 2, r = px / 2 - 1, shape;
    svg.setAttribute("width", px); svg.setAttribute("height", px);
    var kind = STYLE[type].shape;
    if (kind === "dot") {
      shape = document.createElementNS(SVGNS, "circle");
      shape.setAttribute("cx", c); shape.setAttribute("cy", c); shape.setAttribute("r", r);
    } else {
      var pts = kind === "square" ? [[1, 1], [px - 1, 1], [px - 1, px - 1], [1, px - 1]]
        : kind === "diamond" ? [[c, 0], [px, c], [c, px], [0, c]]
        : [[c, 1], [px - 1, px - 1], [1, px - 1]];
      shape = document.createElementNS(SVGNS, "polygon");
      shape.setAttribute("points", pts.map(function (p) { return p.join(","); }).join(" "));
    }
    shape.setAttribute("fill", STYLE[type].color);
    svg.appendChild(shape);
    return svg;
  }
  function lineIcon(color) {
    var svg = document.createElementNS(SVGNS, "svg"), line = document.createElementNS(SVGNS, "line");
    svg.setAttribute("width", 22); svg.setAttribute("height", 10);
    line.setAttribute("x1", 1); line.setAttribute("y1", 5); line.setAttribute("x2", 21); line.setAttribute("y2", 5);
    line.setAttribute("stroke", color); line.setAttribute("stroke-width", 3);
    svg.appendChild(line);
    return svg;
  }
  function filterRow(container, name, icon, count, onChange) {
    var label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = name;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box); label.appendChild(icon); label.appendChild(el("span", null, name));
    label.appendChild(el("span", "count", count.toLocaleString("en")));
    container.appendChild(label);
    return box;
  }
  var typeBoxes = TYPES.map(function (t, ti) {
    var box = filterRow(document.getElementById("type-filters"), t, shapeIcon(t, 14), typeCounts[ti],
      function (on) { typeOn[ti] = on; view.applyVisibility(); });
    box.id = "filter-type-" + t.toLowerCase();
    return box;
  });
  RELS.forEach(function (r, ri) {
    var box = filterRow(document.getElementById("rel-filters"), r.replace("_", " ").toLowerCase(),
      lineIcon(REL_STYLE[r].color), relCounts[ri], function (on) { relOn[ri] = on; view.applyVisibility(); });
    box.id = "filter-rel-" + r.toLowerCase();
  });
  [1, 10, 50].forEach(function (d) {
    var wrap = el("span"), s = Math.min(42, 7 + 3.2 * Math.sqrt(d)), svg = document.createElementNS(SVGNS, "svg");
    var c = document.createElementNS(SVGNS, "circle");
    svg.setAttribute("width", s); svg.setAttribute("height", s);
    c.setAttribute("cx", s / 2); c.setAttribute("cy", s / 2); c.setAttribute("r", s / 2 - 1);
    c.setAttribute("fill", "#cbd2d9"); svg.appendChild(c);
    wrap.appendChild(svg); wrap.appendChild(el("div", null, d + " link" + (d > 1 ? "s" : "")));
    document.getElementById("size-legend").appendChild(wrap);
  });

  // ---------------------------------------------------------------- search
  function key(s) { return String(s).normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""); }
  var index = [];  // [key, node, alias or null]
  for (i = 0; i < N; i++) {
    index.push([key(nodes.name[i]), i, null]);
    (nodes.aliases[i] || []).forEach(function (a) { index.push([key(a), i, a]); });
  }
  var input = document.getElementById("search"), list = document.getElementById("suggestions");
  var current = [], active = -1;

  function suggest(q) {
    var k = key(q), hits = [], seen = {};
    if (!k) return hits;
    for (var j = 0; j < index.length; j++) {
      var entry = index[j], pos = entry[0].indexOf(k);
      if (pos < 0) continue;
      var rank = (entry[0] === k ? 0 : pos === 0 ? 1 : 2) * 2 + (nodes.t[entry[1]] === PAPER ? 1 : 0);
      var prev = seen[entry[1]];
      if (prev !== undefined && prev.rank <= rank) continue;
      seen[entry[1]] = { rank: rank, node: entry[1], alias: entry[2] };
    }
    for (var n in seen) hits.push(seen[n]);
    hits.sort(function (a, b) { return a.rank - b.rank || nodes.deg[b.node] - nodes.deg[a.node]; });
    return hits.slice(0, 12);
  }
  function renderSuggestions() {
    list.textContent = "";
    current.forEach(function (h, j) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", j === active ? "true" : "false");
      var badge = el("span", "badge", typeOf(h.node));
      badge.style.background = colorOf(h.node);
      li.appendChild(badge);
      li.appendChild(el("span", "s-name", nodes.name[h.node]));
      if (h.alias) li.appendChild(el("span", "s-alias", "alias: " + h.alias));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(j); });
      list.appendChild(li);
    });
    list.hidden = current.length === 0;
  }
  function choose(j) {
    var h = current[j >= 0 ? j : 0];
    if (!h) return;
    list.hidden = true;
    input.value = nodes.name[h.node];
    select(h.node, true);
  }
  input.addEventListener("input", function () { current = suggest(input.value); active = -1; renderSuggestions(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!current.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      renderSuggestions(); ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!current.length) current = suggest(input.value);
      choose(active); ev.preventDefault();
    } else if (ev.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", function () { list.hidden = true; });

  // ---------------------------------------------------------------- details panel
  var panel = document.getElementById("details"), body = document.getElementById("details-body");
  document.getElementById("details-close").addEventListener("click", function () {
    panel.hidden = true; model.selected = -1; view.highlight(-1);
  });
  function chip(i, extra) {
    var b = el("button", "chip", nodes.name[i] + (extra ? " (" + extra + ")" : ""));
    b.type = "button"; b.style.borderColor = colorOf(i); b.style.color = colorOf(i);
    b.title = typeOf(i);
    b.addEventListener("click", function () { select(i, true); });
    return b;
  }
  function paperLink(i) {
    var li = el("li"), b = el("button", "link", nodes.name[i]);
    b.type = "button";
    b.addEventListener("click", function () { select(i, true); });
    li.appendChild(b);
    if (nodes.year[i]) li.appendChild(el("span", "meta", " (" + nodes.year[i] + ")"));
    return li;
  }
  function section(title, items, make, limit) {
    if (!items.length) return;
    body.appendChild(el("h4", null, title + " (" + items.length + ")"));
    var papers = make === paperLink, box = el(papers ? "ul" : "div", papers ? "papers" : "chips");
    items.slice(0, limit || 40).forEach(function (it) { box.appendChild(make(it)); });
    if (items.length > (limit || 40)) box.appendChild(el("span", "meta", "\u2026 and " + (items.length - (limit || 40)) + " more"));
    body.appendChild(box);
  }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }
  function showPaper(i) {
    var metaLine = ["Paper"];
    if (nodes.year[i]) metaLine.push(String(nodes.year[i]));
    body.appendChild(el("p", "meta", metaLine.join(" \u00b7 ")));
    var url = safeUrl(nodes.url[i]);
    if (url) {
      var a = el("a", null, url); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      var p = el("p"); p.appendChild(a); body.appendChild(p);
    }
    if (nodes.authors[i] && nodes.authors[i].length) body.appendChild(el("p", "meta", nodes.authors[i].join(", ")));
    if (nodes.abstract[i]) body.appendChild(el("p", "abstract", nodes.abstract[i]));
    var groups = {};
    outEdges[i].forEach(function (k) { (groups[RELS[edges.r[k]]] = groups[RELS[edges.r[k]]] || []).push(edges.d[k]); });
    section("Introduces", groups.INTRODUCES || [], function (j) { return chip(j); });
    section("Evaluates on", groups.EVALUATES_ON || [], function (j) { return chip(j); });
    section("Uses", groups.USES || [], function (j) { return chip(j); });
    section("Cites", groups.CITES || [], paperLink);
    section("Cited by", inEdges[i].filter(function (k) { return RELS[edges.r[k]] === "CITES"; })
      .map(function (k) { return edges.s[k]; }), paperLink);
  }
  function showEntity(i) {
    body.appendChild(el("p", "meta", typeOf(i) + " \u00b7 " + nodes.deg[i] + " links"));
    var aliases = nodes.aliases[i] || [];
    if (aliases.length) {
      body.appendChild(el("h4", null, "Also called"));
      var box = el("div", "chips");
      aliases.forEach(function (a) { box.appendChild(el("span", "chip static", a)); });
      body.appendChild(box);
    }
    var intro = [], users = [], counts = {};
    inEdges[i].forEach(function (k) {
      var p = edges.s[k];
      if (nodes.t[p] !== PAPER) return;
      (RELS[edges.r[k]] === "INTRODUCES" ? intro : users).push(p);
      outEdges[p].forEach(function (k2) {
        var o = edges.d[k2];
        if (o !== i && nodes.t[o] !== PAPER) counts[o] = (counts[o] || 0) + 1;
      });
    });
    var co = Object.keys(counts).map(Number).sort(function (a, b) {
      return counts[b] - counts[a] || (nodes.name[a] < nodes.name[b] ? -1 : 1);
    });
    var variants = [];
    outEdges[i].concat(inEdges[i]).forEach(function (k) {
      if (RELS[edges.r[k]] === "VARIANT_OF") variants.push(edges.s[k] === i ? edges.d[k] : edges.s[k]);
    });
    section("Introduced by", intro, paperLink);
    section("Used by", users, paperLink, 30);
    section("Co-occurs with", co.slice(0, 15), function (j) { return chip(j, counts[j]); });
    section("Family", variants, function (j) { return chip(j); });
  }
  function showDetails(i) {
    body.textContent = "";
    var h = el("h2", null, nodes.name[i]);
    h.style.borderLeft = "5px solid " + colorOf(i); h.style.paddingLeft = "8px";
    body.appendChild(h);
    if (nodes.t[i] === PAPER) showPaper(i); else showEntity(i);
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function select(i, centre) {
    if (!typeOn[nodes.t[i]]) { typeOn[nodes.t[i]] = true; typeBoxes[nodes.t[i]].checked = true; view.applyVisibility(); }
    model.selected = i;
    showDetails(i);
    view.highlight(i);
    if (centre) view.focus(i);
  }

  // ---------------------------------------------------------------- a small API for tests and power users
  window.paperkg = {
    renderer: which,
    select: function (id) { var i = nodes.id.indexOf(id); if (i >= 0) select(i, true); return i; },
    selected: function () { return model.selected >= 0 ? nodes.id[model.selected] : null; },
    visibleCount: function (type) {
      var c = 0;
      for (var j = 0; j < N; j++) if (typeOf(j) === type && view.isShown(j)) c++;
      return c;
    },
    nodePosition: function (id) { return view.nodePosition(nodes.id.indexOf(id)); },
    viewCentre: function () { return view.centre(); },
    screenPosition: function (id) { return view.screenPosition(nodes.id.indexOf(id)); }
  };
})();
