/* paperkg renderer for small and medium graphs: vis-network (inlined from the pyvis
 * package), with positions computed in Python. Physics runs only on small graphs.
 * Labels are drawn on the canvas, so they are never parsed as HTML; tooltips are
 * drawn by app.js with textContent (vis-network's own `title` tooltips are not used).
 */
(function () {
  "use strict";
  window.PaperKGRenderers = window.PaperKGRenderers || {};
  window.PaperKGRenderers.vis = function (container, model, events) {
    var d = model.data, nodes = d.nodes, edges = d.edges, meta = d.meta || {};
    var physics = !!meta.physics;
    function label(i) {
      var name = nodes.name[i];
      if (model.typeOf(i) === "Paper") return name.length > 28 ? name.slice(0, 26) + "\u2026" : name;
      return name;
    }
    var nodeItems = [];
    for (var i = 0; i < model.N; i++) {
      var size = model.sizeOf(i), paper = model.typeOf(i) === "Paper";
      nodeItems.push({
        id: i, x: nodes.x[i], y: nodes.y[i], label: label(i),
        shape: model.STYLE[model.typeOf(i)].shape, size: paper ? size * 0.8 : size,
        color: { background: model.colorOf(i), border: "#ffffff",
                 highlight: { background: model.colorOf(i), border: "#1f2933" },
                 hover: { background: model.colorOf(i), border: "#1f2933" } },
        borderWidth: 1, borderWidthSelected: 3,
        font: { size: paper ? 10 : Math.max(12, size * 0.7), color: paper ? "#616e7c" : "#1f2933" }
      });
    }
    var edgeItems = [];
    for (var k = 0; k < model.E; k++) {
      var rel = model.RELS[edges.r[k]];
      edgeItems.push({ id: k, from: edges.s[k], to: edges.d[k],
                       color: { color: model.REL_STYLE[rel].color, opacity: 0.55, highlight: "#1f2933", hover: "#1f2933" },
                       dashes: rel === "CITES" });
    }
    var nodeSet = new vis.DataSet(nodeItems), edgeSet = new vis.DataSet(edgeItems);
    var big = model.N > 1500 || model.E > 2500;
    var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 7 },
      physics: physics ? { enabled: true, solver: "forceAtlas2Based",
                           forceAtlas2Based: { gravitationalConstant: -40, springLength: 80, avoidOverlap: 0.3 },
                           stabilization: { enabled: true, iterations: 150, fit: true } }
                       : { enabled: false },
      interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                     multiselect: false, navigationButtons: false, keyboard: false },
      nodes: { scaling: { label: { enabled: false } }, font: { face: "system-ui, sans-serif" } },
      edges: { smooth: false, width: 1, selectionWidth: 2, hoverWidth: 1.5,
               arrows: { to: { enabled: true, scaleFactor: 0.35 } } }
    });
    network.once("afterDrawing", function () { events.firstRender(); });
    network.on("click", function (p) {
      if (p.nodes.length) events.nodeClick(p.nodes[0]); else events.backgroundClick();
    });
    function screen(p) {
      var r = container.getBoundingClientRect();
      return [r.left + p.pointer.DOM.x, r.top + p.pointer.DOM.y];
    }
    network.on("hoverNode", function (p) { var s = screen(p); events.nodeHover(p.node, s[0], s[1]); });
    network.on("hoverEdge", function (p) { var s = screen(p); events.edgeHover(p.edge, s[0], s[1]); });
    network.on("blurNode", events.hoverOut);
    network.on("blurEdge", events.hoverOut);
    network.on("dragStart", events.hoverOut);

    var shown = new Uint8Array(model.N).fill(1);
    return {
      description: "vis-network \u00b7 " + (physics ? "physics on" : "layout from Python, physics off"),
      applyVisibility: function () {
        var nodeUpdates = [], edgeUpdates = [];
        for (var j = 0; j < model.N; j++) {
          var on = model.nodeVisible(j) ? 1 : 0;
          if (on !== shown[j]) { shown[j] = on; nodeUpdates.push({ id: j, hidden: !on }); }
        }
        for (var m = 0; m < model.E; m++) edgeUpdates.push({ id: m, hidden: !model.edgeVisible(m) });
        nodeSet.update(nodeUpdates);
        edgeSet.update(edgeUpdates);
      },
      highlight: function (i) {
        if (i < 0) network.unselectAll(); else network.selectNodes([i], true);
      },
      focus: function (i) {
        network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: false });
      },
      isShown: function (i) { return shown[i] === 1; },
      nodePosition: function (i) { var p = network.getPositions([i])[i]; return p ? [p.x, p.y] : null; },
      centre: function () { var p = network.getViewPosition(); return [p.x, p.y]; },
      screenPosition: function (i) {
        var p = network.getPositions([i])[i], s = network.canvasToDOM(p), r = container.getBoundingClientRect();
        return [r.left + s.x, r.top + s.y];
      }
    };
  };
})();
