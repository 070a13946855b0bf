/* paperkg page: the data model every other script shares (window.PaperKG).
 *
 * Every string from the graph is user data: it reaches the DOM only through
 * textContent or setAttribute, never through innerHTML. Nodes come map entities
 * first (with a position), then every other entity and paper (placed on demand).
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("paperkg-data").textContent);
  var nodes = data.nodes, edges = data.edges, TYPES = data.types, RELS = data.rels;
  var N = nodes.id.length, E = edges.s.length, PAPER = TYPES.indexOf("Paper");
  var STYLE = {
    Paper: { color: "#4e79a7", shape: "dot", plural: "papers" },
    Benchmark: { color: "#e8710a", shape: "diamond", plural: "benchmarks" },
    Model: { color: "#3f8f3a", shape: "square", plural: "models" },
    Method: { color: "#a2529a", shape: "triangle", plural: "methods" }
  };
  var REL_TEXT = {
    INTRODUCES: "introduces", EVALUATES_ON: "evaluates on", USES: "uses",
    CITES: "cites", VARIANT_OF: "is a variant of"
  };
  var REL_COLOR = {
    INTRODUCES: "#d1495b", EVALUATES_ON: "#e8710a", USES: "#8d99a6", CITES: "#4e9f9a", VARIANT_OF: "#3f8f3a"
  };
  var MENTION = { INTRODUCES: 1, EVALUATES_ON: 1, USES: 1 };

  // paper -> [[entity, rel]], entity -> [paper], plus citations and model families
  var entsOf = [], papersOf = [], citesOut = [], citesIn = [], family = [];
  for (var i = 0; i < N; i++) { entsOf.push([]); papersOf.push([]); citesOut.push([]); citesIn.push([]); family.push([]); }
  for (var k = 0; k < E; k++) {
    var a = edges.s[k], b = edges.d[k], rel = RELS[edges.r[k]];
    if (MENTION[rel]) { entsOf[a].push([b, rel, k]); papersOf[b].push(a); }
    else if (rel === "CITES") { citesOut[a].push(b); citesIn[b].push(a); }
    else if (rel === "VARIANT_OF") { family[a].push(b); family[b].push(a); }
  }
  var onMap = 0;
  while (onMap < N && nodes.x[onMap] !== null && nodes.t[onMap] !== PAPER) onMap++;

  var handlers = {};
  var PK = window.PaperKG = {
    data: data, meta: data.meta || {}, nodes: nodes, edges: edges, TYPES: TYPES, RELS: RELS,
    N: N, E: E, PAPER: PAPER, STYLE: STYLE, REL_TEXT: REL_TEXT, REL_COLOR: REL_COLOR,
    entsOf: entsOf, papersOf: papersOf, citesOut: citesOut, citesIn: citesIn, family: family,
    onMapCount: onMap,
    state: { selected: -1, years: null, typeOn: TYPES.map(function () { return true; }), view: "map", cols: "Model" },
    on: function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
    emit: function (name) {
      var args = Array.prototype.slice.call(arguments, 1);
      (handlers[name] || []).forEach(function (fn) { fn.apply(null, args); });
    }
  };

  PK.el = function (tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  PK.isPaper = function (i) { return nodes.t[i] === PAPER; };
  PK.typeOf = function (i) { return TYPES[nodes.t[i]]; };
  PK.colorOf = function (i) { return STYLE[TYPES[nodes.t[i]]].color; };
  PK.onMap = function (i) { return i < onMap; };
  PK.indexOf = function (id) { return nodes.id.indexOf(id); };

  /* Years: null means every paper, with or without a year. */
  PK.yearOk = function (p) {
    var y = PK.state.years;
    if (!y) return true;
    var year = nodes.year[p];
    return year !== null && year >= y[0] && year <= y[1];
  };
  PK.papersIn = function (e) { return papersOf[e].filter(PK.yearOk); };
  /* How many papers (in the year range) mention entity e. */
  PK.count = function (e) {
    if (!PK.state.years) return papersOf[e].length;
    var c = 0, list = papersOf[e];
    for (var j = 0; j < list.length; j++) if (PK.yearOk(list[j])) c++;
    return c;
  };
  PK.shownType = function (i) { return PK.state.typeOn[nodes.t[i]]; };
  /* Entities that share a paper (in range) with e -> number of shared papers. */
  PK.cooccurring = function (e) {
    var counts = {};
    PK.papersIn(e).forEach(function (p) {
      entsOf[p].forEach(function (er) { if (er[0] !== e) counts[er[0]] = (counts[er[0]] || 0) + 1; });
    });
    return counts;
  };
  PK.plural = function (n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); };
  PK.safeUrl = function (u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; };
})();
