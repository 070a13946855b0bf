/* paperkg page: what is drawn over the map, on its canvas, after every frame.
 *
 * - Labels, placed every frame by importance (the selection and what it appears with
 *   first, then the most mentioned) on the first free side of their node, so no two
 *   labels overlap, no label covers a more important node, and zooming in makes room
 *   for more. Sizes are screen pixels: readable at any zoom.
 * - The selection: a veil dims everything, then the node, the lines to what it
 *   appears with and those nodes are drawn again on top of it.
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes, N = PK.N, M = PK.map, network = M.network;
  var X = M.X, Y = M.Y, size = M.sizeOf, importance = M.importance, maxCount = M.maxCount;
  var MAX_LABELS = 300, LINES = 30;
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  function present(i) { return M.isPresent(i); }

  var focus = { node: -1, set: {}, list: [] };
  function computeFocus() {
    var s = PK.state.selected;
    focus = { node: s, set: {}, list: [] };
    if (s < 0 || !present(s)) return;
    var linked = [];
    if (PK.isPaper(s)) {
      PK.entsOf[s].forEach(function (er) { linked.push([er[0], PK.REL_COLOR[er[1]], 1.6, true]); });
      PK.citesOut[s].concat(PK.citesIn[s]).forEach(function (p) { linked.push([p, PK.REL_COLOR.CITES, 1.2, true]); });
    } else {
      // every entity it appears with is lit; lines go to the strongest few, so a hub is not a hairball
      var co = PK.cooccurring(s), partners = Object.keys(co).map(Number), top = 1;
      partners.sort(function (a, b) { return co[b] - co[a] || PK.papersOf[b].length - PK.papersOf[a].length; });
      partners.forEach(function (j) { top = Math.max(top, co[j]); });
      partners.forEach(function (j, n) { linked.push([j, "#3e4c59", 0.8 + 3 * Math.sqrt(co[j] / top), n < LINES]); });
      PK.papersIn(s).forEach(function (p) {
        var rel = PK.entsOf[p].filter(function (er) { return er[0] === s; })[0][1];
        linked.push([p, PK.REL_COLOR[rel], 1.4, true]);
      });
    }
    linked.forEach(function (l) {
      if (M.isVisible(l[0]) && !focus.set[l[0]]) { focus.set[l[0]] = 1; focus.list.push(l); }
    });
    focus.set[s] = 1;
  }
  var order = null;  // present nodes, most important first
  function labelOrder() {
    if (order) return order;
    order = [];
    for (var j = 0; j < N; j++) if (present(j)) order.push(j);
    order.sort(function (a, b) { return importance(b) - importance(a) || a - b; });
    return order;
  }
  function screenOf(i, view) {
    return [(X[i] - view.cx) * view.scale + view.w / 2, (Y[i] - view.cy) * view.scale + view.h / 2];
  }
  function fontSize(i) {
    if (PK.isPaper(i)) return 11.5;
    return Math.round(12 + 7 * Math.sqrt(PK.count(i) / maxCount));
  }
  function labelText(i) {
    var t = nodes.name[i];
    var max = PK.isPaper(i) ? 42 : 40;
    return t.length > max ? t.slice(0, max - 1) + "\u2026" : t;
  }
  var widths = {};
  function measure(ctx, i, font, fs) {
    var key = i + "|" + font;
    if (widths[key] === undefined) { ctx.font = font; widths[key] = ctx.measureText(labelText(i)).width; }
    return widths[key];
  }
  function Grid() { this.cells = {}; }
  Grid.prototype.free = function (r) {
    for (var gx = Math.floor(r[0] / 64); gx <= Math.floor((r[0] + r[2]) / 64); gx++)
      for (var gy = Math.floor(r[1] / 64); gy <= Math.floor((r[1] + r[3]) / 64); gy++) {
        var list = this.cells[gx + "," + gy];
        if (list) for (var j = 0; j < list.length; j++) {
          var o = list[j];
          if (r[0] < o[0] + o[2] && o[0] < r[0] + r[2] && r[1] < o[1] + o[3] && o[1] < r[1] + r[3]) return false;
        }
      }
    return true;
  };
  Grid.prototype.add = function (r) {
    for (var gx = Math.floor(r[0] / 64); gx <= Math.floor((r[0] + r[2]) / 64); gx++)
      for (var gy = Math.floor(r[1] / 64); gy <= Math.floor((r[1] + r[3]) / 64); gy++)
        (this.cells[gx + "," + gy] = this.cells[gx + "," + gy] || []).push(r);
  };
  function onScreen(p, view) { return p[0] > -50 && p[1] > -20 && p[0] < view.w + 50 && p[1] < view.h + 20; }
  function placeLabels(ctx, view) {
    var grid = new Grid(), placed = [], candidates = labelOrder(), panel = document.getElementById("details");
    if (!panel.hidden) grid.add([view.w - panel.offsetWidth, -40, panel.offsetWidth + 80, view.h + 80]);  // under the panel
    if (focus.node >= 0) candidates = [focus.node].concat(candidates.filter(function (j) { return focus.set[j] && j !== focus.node; }));
    for (var c = 0; c < candidates.length && placed.length < MAX_LABELS; c++) {
      var i = candidates[c];
      if (M.isHidden(i) && i !== focus.node) continue;
      var p = screenOf(i, view), r = size(i) * view.scale;
      if (!onScreen(p, view)) continue;
      var fs = fontSize(i), bold = i === focus.node || (!PK.isPaper(i) && PK.count(i) >= maxCount / 3);
      var font = (bold ? "600 " : "") + fs + "px " + FONT, w = measure(ctx, i, font, fs), h = fs + 2;
      var spots = [[p[0] + r + 4, p[1] - h / 2], [p[0] - r - 4 - w, p[1] - h / 2],
                   [p[0] - w / 2, p[1] + r + 2], [p[0] - w / 2, p[1] - r - 2 - h]];
      for (var s = 0; s < spots.length; s++) {
        var rect = [spots[s][0], spots[s][1], w, h];
        if (!grid.free(rect)) continue;
        grid.add(rect);
        placed.push({ node: i, id: nodes.id[i], text: labelText(i), x: rect[0], y: rect[1], w: w, h: h, size: fs, font: font });
        break;
      }
      // a node keeps its shape visible from the labels of every less important node
      grid.add([p[0] - r, p[1] - r, 2 * r, 2 * r]);
    }
    return placed;
  }
  function drawShape(ctx, i, x, y, r) {
    var shape = PK.STYLE[PK.typeOf(i)].shape;
    ctx.beginPath();
    if (shape === "dot") ctx.arc(x, y, r, 0, 2 * Math.PI);
    else if (shape === "square") ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else if (shape === "diamond") { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); }
    else {  // as vis-network draws it: a little larger, and lowered
      r *= 1.15; y += 0.275 * r;
      var ir = Math.sqrt(3) / 6 * 2 * r, h = Math.sqrt(3) * r;
      ctx.moveTo(x, y - (h - ir)); ctx.lineTo(x + r, y + ir); ctx.lineTo(x - r, y + ir);
    }
    ctx.closePath();
  }
  function drawFocus(ctx) {
    var s = focus.node;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(250, 251, 252, 0.86)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var scale = network.getScale();
    focus.list.forEach(function (l) {
      if (!l[3]) return;
      ctx.beginPath(); ctx.moveTo(X[s], Y[s]); ctx.lineTo(X[l[0]], Y[l[0]]);
      ctx.strokeStyle = l[1]; ctx.globalAlpha = 0.8; ctx.lineWidth = l[2] / scale; ctx.stroke();
    });
    ctx.globalAlpha = 1;
    focus.list.map(function (l) { return l[0]; }).concat([s]).forEach(function (j) {
      drawShape(ctx, j, X[j], Y[j], size(j));
      ctx.fillStyle = PK.colorOf(j); ctx.fill();
      ctx.lineWidth = (j === s ? 3 : 1.5) / scale; ctx.strokeStyle = j === s ? "#1f2933" : "#ffffff"; ctx.stroke();
    });
  }
  function drawLabels(ctx) {
    var canvas = ctx.canvas, w = canvas.clientWidth, h = canvas.clientHeight;
    var centre = network.getViewPosition();
    var view = { cx: centre.x, cy: centre.y, scale: network.getScale(), w: w, h: h };
    var placed = placeLabels(ctx, view);
    ctx.save();
    ctx.setTransform(canvas.width / w, 0, 0, canvas.height / h, 0, 0);
    ctx.textBaseline = "top"; ctx.lineJoin = "round";
    placed.forEach(function (l) {
      ctx.font = l.font;
      ctx.lineWidth = 3.5; ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
      ctx.strokeText(l.text, l.x, l.y + 1);
      ctx.fillStyle = PK.isPaper(l.node) ? "#3e4c59" : "#1f2933";
      ctx.fillText(l.text, l.x, l.y + 1);
    });
    ctx.restore();
    M.labels = placed;
  }
  network.on("afterDrawing", function (ctx) {
    if (focus.node >= 0) drawFocus(ctx);
    drawLabels(ctx);
    M.frames++;
  });
  network.once("afterDrawing", function () { PK.emit("drawn"); });

  PK.overlay = {
    /* Recompute what is lit and the label order (after a selection, expansion or filter). */
    refresh: function () { order = null; computeFocus(); },
    lit: function () { return Object.keys(focus.set).map(Number); },
    linked: function () { return focus.list; }
  };
})();

