/* paperkg renderer for large graphs: the project's own small WebGL renderer.
 *
 * Nodes are GL points (shape drawn in the fragment shader), edges GL lines, all in
 * buffers uploaded once; panning and zooming only change three uniforms, so a
 * 100,000-node graph pans smoothly. A 2D canvas on top draws labels and the
 * selection. Picking scans the arrays on the CPU (a few ms at 100k nodes). When
 * WebGL is not available the same scene is drawn, more slowly, with a 2D canvas.
 */
(function () {
  "use strict";
  window.PaperKGRenderers = window.PaperKGRenderers || {};
  var SHAPE = { dot: 0, square: 1, diamond: 2, triangle: 3 };
  var NODE_VS = [
    "attribute vec2 a_pos; attribute vec3 a_color; attribute float a_size; attribute float a_shape;",
    "uniform vec2 u_centre; uniform float u_scale; uniform vec2 u_view; uniform float u_dpr;",
    "varying vec3 v_color; varying float v_shape; varying float v_px;",
    "void main() {",
    "  vec2 p = (a_pos - u_centre) * u_scale;",
    "  gl_Position = a_size < 0.0 ? vec4(2.0, 2.0, 2.0, 1.0)",
    "                             : vec4(p.x * 2.0 / u_view.x, -p.y * 2.0 / u_view.y, 0.0, 1.0);",
    "  float px = clamp(2.0 * a_size * u_scale, 2.5, 84.0) * u_dpr;",
    "  gl_PointSize = px; v_color = a_color; v_shape = a_shape; v_px = px;",
    "}"].join("\n");
  var NODE_FS = [
    "precision mediump float;",
    "varying vec3 v_color; varying float v_shape; varying float v_px;",
    "void main() {",
    "  vec2 q = gl_PointCoord * 2.0 - 1.0; float d;",
    "  if (v_shape < 0.5) d = length(q);",
    "  else if (v_shape < 1.5) d = max(abs(q.x), abs(q.y)) * 1.15;",
    "  else if (v_shape < 2.5) d = abs(q.x) + abs(q.y);",
    "  else d = max(q.y / 0.8, abs(q.x) * 1.8 / max(q.y + 1.0, 0.001));",
    "  if (d > 1.0) discard;",
    "  bool rim = v_px > 7.0 && d > 1.0 - 3.0 / v_px;",
    "  gl_FragColor = vec4(rim ? vec3(1.0) : v_color, 1.0);",
    "}"].join("\n");
  var EDGE_VS = [
    "attribute vec2 a_pos; attribute vec4 a_color;",
    "uniform vec2 u_centre; uniform float u_scale; uniform vec2 u_view; varying vec4 v_color;",
    "void main() {",
    "  vec2 p = (a_pos - u_centre) * u_scale;",
    "  gl_Position = vec4(p.x * 2.0 / u_view.x, -p.y * 2.0 / u_view.y, 0.0, 1.0); v_color = a_color;",
    "}"].join("\n");
  var EDGE_FS = "precision mediump float; varying vec4 v_color; void main() { gl_FragColor = v_color; }";

  function rgb(hex) { return [1, 3, 5].map(function (o) { return parseInt(hex.substr(o, 2), 16); }); }

  function compile(gl, vs, fs) {
    var prog = gl.createProgram();
    [[gl.VERTEX_SHADER, vs], [gl.FRAGMENT_SHADER, fs]].forEach(function (s) {
      var sh = gl.createShader(s[0]);
      gl.shaderSource(sh, s[1]); gl.compileShader(sh);
      if (!gl.getShaderParameter(sh, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(sh));
      gl.attachShader(prog, sh);
    });
    gl.linkProgram(prog);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(prog));
    return prog;
  }

  window.PaperKGRenderers.webgl = function (container, model, events) {
    var d = model.data, nodes = d.nodes, edges = d.edges, N = model.N, E = model.E;
    var X = Float32Array.from(nodes.x), Y = Float32Array.from(nodes.y);
    var R = new Float32Array(N), shown = new Uint8Array(N).fill(1), edgeShown = new Uint8Array(E).fill(1);
    for (var i = 0; i < N; i++) R[i] = model.sizeOf(i) * (model.typeOf(i) === "Paper" ? 0.8 : 1);
    var byDegree = Array.from({ length: N }, function (_, j) { return j; })
      .sort(function (a, b) { return nodes.deg[b] - nodes.deg[a]; });
    var drawOrder = byDegree.slice().reverse();
    var glCanvas = document.createElement("canvas"), overlay = document.createElement("canvas");
    [glCanvas, overlay].forEach(function (c) {
      c.style.position = "absolute"; c.style.left = "0"; c.style.top = "0";
      container.appendChild(c);
    });
    var ctx = overlay.getContext("2d");
    // Software GL (no GPU) spends most of a frame on edges: multisampling only for small graphs.
    var gl = glCanvas.getContext("webgl", { antialias: E <= 20000, alpha: false, preserveDrawingBuffer: false });
    var LIGHT_PAN = E > 20000, moving = false, settle = 0;
    var cam = { x: 0, y: 0, s: 1 }, W = 1, H = 1, dpr = window.devicePixelRatio || 1;
    var edgeAlpha = Math.round(255 * Math.min(0.5, Math.max(0.07, 0.5 * Math.sqrt(2000 / Math.max(E, 1)))));
    var gpu = gl ? setupGL() : null;
    var notes = gl ? [] : ["WebGL is not available in this browser: drawing with a slower 2D canvas."];

    function setupGL() {
      var nodeProg = compile(gl, NODE_VS, NODE_FS), edgeProg = compile(gl, EDGE_VS, EDGE_FS);
      var pos = new Float32Array(N * 2), col = new Uint8Array(N * 3), shp = new Float32Array(N);
      drawOrder.forEach(function (j, slot) {
        pos[2 * slot] = X[j]; pos[2 * slot + 1] = Y[j];
        col.set(rgb(model.colorOf(j)), 3 * slot);
        shp[slot] = SHAPE[model.STYLE[model.typeOf(j)].shape];
      });
      var epos = new Float32Array(E * 4);
      for (var k = 0; k < E; k++) {
        epos[4 * k] = X[edges.s[k]]; epos[4 * k + 1] = Y[edges.s[k]];
        epos[4 * k + 2] = X[edges.d[k]]; epos[4 * k + 3] = Y[edges.d[k]];
      }
      function buffer(arr) { var b = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b); gl.bufferData(gl.ARRAY_BUFFER, arr, gl.STATIC_DRAW); return b; }
      return { nodeProg: nodeProg, edgeProg: edgeProg, pos: buffer(pos), col: buffer(col), shp: buffer(shp),
               size: gl.createBuffer(), epos: buffer(epos), ecol: gl.createBuffer() };
    }
    function uploadVisibility() {
      if (!gpu) return;
      var size = new Float32Array(N), ecol = new Uint8Array(E * 8);
      drawOrder.forEach(function (j, slot) { size[slot] = shown[j] ? R[j] : -1; });
      for (var k = 0; k < E; k++) {
        var c = rgb(model.REL_STYLE[model.RELS[edges.r[k]]].color), a = edgeShown[k] ? edgeAlpha : 0;
        ecol.set([c[0], c[1], c[2], a, c[0], c[1], c[2], a], 8 * k);
      }
      gl.bindBuffer(gl.ARRAY_BUFFER, gpu.size); gl.bufferData(gl.ARRAY_BUFFER, size, gl.DYNAMIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, gpu.ecol); gl.bufferData(gl.ARRAY_BUFFER, ecol, gl.DYNAMIC_DRAW);
    }
    function attrib(prog, name, buf, n, type, norm) {
      var loc = gl.getAttribLocation(prog, name);
      gl.bindBuffer(gl.ARRAY_BUFFER, buf);
      gl.enableVertexAttribArray(loc);
      gl.vertexAttribPointer(loc, n, type, norm, 0, 0);
      return loc;
    }
    function uniforms(prog) {
      gl.uniform2f(gl.getUniformLocation(prog, "u_centre"), cam.x, cam.y);
      gl.uniform1f(gl.getUniformLocation(prog, "u_scale"), cam.s);
      gl.uniform2f(gl.getUniformLocation(prog, "u_view"), W, H);
      var u = gl.getUniformLocation(prog, "u_dpr");
      if (u) gl.uniform1f(u, dpr);
    }
    function drawGL() {
      gl.viewport(0, 0, glCanvas.width, glCanvas.height);
      gl.clearColor(0.984, 0.988, 0.992, 1); gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND); gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
      var used = [];
      gl.useProgram(gpu.edgeProg); uniforms(gpu.edgeProg);
      used.push(attrib(gpu.edgeProg, "a_pos", gpu.epos, 2, gl.FLOAT, false));
      used.push(attrib(gpu.edgeProg, "a_color", gpu.ecol, 4, gl.UNSIGNED_BYTE, true));
      if (!(moving && LIGHT_PAN)) gl.drawArrays(gl.LINES, 0, E * 2);
      used.forEach(function (l) { gl.disableVertexAttribArray(l); }); used = [];
      gl.useProgram(gpu.nodeProg); uniforms(gpu.nodeProg);
      used.push(attrib(gpu.nodeProg, "a_pos", gpu.pos, 2, gl.FLOAT, false));
      used.push(attrib(gpu.nodeProg, "a_color", gpu.col, 3, gl.UNSIGNED_BYTE, true));
      used.push(attrib(gpu.nodeProg, "a_size", gpu.size, 1, gl.FLOAT, false));
      used.push(attrib(gpu.nodeProg, "a_shape", gpu.shp, 1, gl.FLOAT, false));
      gl.drawArrays(gl.POINTS, 0, N);
      used.forEach(function (l) { gl.disableVertexAttribArray(l); });
    }

    // ------------------------------------------------------------ 2D helpers
    function sx(x) { return (x - cam.x) * cam.s + W / 2; }
    function sy(y) { return (y - cam.y) * cam.s + H / 2; }
    function radiusPx(j) { return Math.min(42, Math.max(1.25, R[j] * cam.s)); }
    function shapePath(j, r) {
      var x = sx(X[j]), y = sy(Y[j]), kind = model.STYLE[model.typeOf(j)].shape;
      ctx.beginPath();
      if (kind === "dot") ctx.arc(x, y, r, 0, 2 * Math.PI);
      else if (kind === "square") ctx.rect(x - r * 0.87, y - r * 0.87, r * 1.74, r * 1.74);
      else if (kind === "diamond") { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); }
      else { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + 0.8 * r); ctx.lineTo(x - r, y + 0.8 * r); ctx.closePath(); }
    }
    function draw2D() {  // the whole scene, when there is no WebGL
      ctx.fillStyle = "#fbfcfd"; ctx.fillRect(0, 0, W, H);
      ctx.lineWidth = 1; ctx.globalAlpha = edgeAlpha / 255;
      model.RELS.forEach(function (rel, ri) {
        ctx.strokeStyle = model.REL_STYLE[rel].color; ctx.beginPath();
        for (var k = 0; k < E; k++) {
          if (edges.r[k] !== ri || !edgeShown[k]) continue;
          ctx.moveTo(sx(X[edges.s[k]]), sy(Y[edges.s[k]])); ctx.lineTo(sx(X[edges.d[k]]), sy(Y[edges.d[k]]));
        }
        ctx.stroke();
      });
      ctx.globalAlpha = 1;
      drawOrder.forEach(function (j) {
        if (!shown[j]) return;
        ctx.fillStyle = model.colorOf(j); shapePath(j, radiusPx(j)); ctx.fill();
      });
    }
    function inView(j, pad) { var x = sx(X[j]), y = sy(Y[j]); return x > -pad && y > -pad && x < W + pad && y < H + pad; }
    function drawLabels(sel) {
      ctx.font = "12px system-ui, sans-serif"; ctx.textBaseline = "middle";
      var taken = {}, placed = 0, cellW = 90, cellH = 16;
      function put(j, force) {
        var r = radiusPx(j), x = sx(X[j]) + r + 3, y = sy(Y[j]);
        var cx = Math.floor(x / cellW), cy = Math.floor(y / cellH), key = cx + ":" + cy;
        if (!force && (taken[key] || taken[(cx + 1) + ":" + cy])) return;
        taken[key] = taken[(cx + 1) + ":" + cy] = 1;
        var text = nodes.name[j];
        if (text.length > 34) text = text.slice(0, 32) + "\u2026";
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(251,252,253,.9)"; ctx.strokeText(text, x, y);
        ctx.fillStyle = model.typeOf(j) === "Paper" ? "#52606d" : "#1f2933"; ctx.fillText(text, x, y);
        placed++;
      }
      if (sel >= 0) neighbours(sel).forEach(function (j) { if (shown[j] && inView(j, 0)) put(j, true); });
      for (var n = 0; n < byDegree.length && n < 30000 && placed < 160; n++) {
        var j = byDegree[n];
        if (!shown[j] || !inView(j, 0)) continue;
        if (model.typeOf(j) === "Paper" && radiusPx(j) < 9) continue;
        put(j, false);
      }
    }
    function neighbours(i) {
      var out = [i];
      model.outEdges[i].forEach(function (k) { if (edgeShown[k]) out.push(edges.d[k]); });
      model.inEdges[i].forEach(function (k) { if (edgeShown[k]) out.push(edges.s[k]); });
      return out;
    }
    function drawSelection(i) {
      if (i < 0 || !shown[i]) return;
      ctx.strokeStyle = "#1f2933"; ctx.lineWidth = 1.6; ctx.beginPath();
      model.outEdges[i].concat(model.inEdges[i]).forEach(function (k) {
        if (!edgeShown[k]) return;
        ctx.moveTo(sx(X[edges.s[k]]), sy(Y[edges.s[k]])); ctx.lineTo(sx(X[edges.d[k]]), sy(Y[edges.d[k]]));
      });
      ctx.stroke();
      shapePath(i, radiusPx(i) + 4); ctx.lineWidth = 3; ctx.stroke();
    }

    // ------------------------------------------------------------ frame loop
    var pending = false, first = true;
    function frame() {
      pending = false;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (gpu) { drawGL(); ctx.clearRect(0, 0, W, H); } else draw2D();
      drawSelection(model.selected);
      drawLabels(model.selected);
      if (first) {
        first = false;
        if (gpu) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        events.firstRender();
      }
    }
    function redraw() { if (!pending) { pending = true; requestAnimationFrame(frame); } }
    function interact() {  // big graphs pan with nodes only; edges return when the view rests
      moving = true;
      clearTimeout(settle);
      settle = setTimeout(function () { moving = false; redraw(); }, 180);
      redraw();
    }
    function resize() {
      W = Math.max(1, container.clientWidth); H = Math.max(1, container.clientHeight);
      [glCanvas, overlay].forEach(function (c) {
        c.width = Math.round(W * dpr); c.height = Math.round(H * dpr);
        c.style.width = W + "px"; c.style.height = H + "px";
      });
      redraw();
    }
    function fit() {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var j = 0; j < N; j++) {
        if (!shown[j]) continue;
        x0 = Math.min(x0, X[j]); x1 = Math.max(x1, X[j]); y0 = Math.min(y0, Y[j]); y1 = Math.max(y1, Y[j]);
      }
      if (x0 === Infinity) return;
      cam.x = (x0 + x1) / 2; cam.y = (y0 + y1) / 2;
      cam.s = Math.min(W / (x1 - x0 + 80), H / (y1 - y0 + 80), 2);
    }

    // ------------------------------------------------------------ picking and input
    function pickNode(mx, my) {
      var best = -1, bestD = Infinity;
      for (var j = 0; j < N; j++) {
        if (!shown[j]) continue;
        var dx = sx(X[j]) - mx, dy = sy(Y[j]) - my, r = radiusPx(j) + 3, d2 = dx * dx + dy * dy;
        if (d2 <= r * r && d2 < bestD) { best = j; bestD = d2; }
      }
      return best;
    }
    function pickEdge(mx, my) {
      var best = -1, bestD = 16;
      for (var k = 0; k < E; k++) {
        if (!edgeShown[k]) continue;
        var ax = sx(X[edges.s[k]]), ay = sy(Y[edges.s[k]]), bx = sx(X[edges.d[k]]), by = sy(Y[edges.d[k]]);
        if (Math.max(ax, bx) < mx - 4 || Math.min(ax, bx) > mx + 4 || Math.max(ay, by) < my - 4 || Math.min(ay, by) > my + 4) continue;
        var vx = bx - ax, vy = by - ay, len = vx * vx + vy * vy || 1;
        var t = Math.max(0, Math.min(1, ((mx - ax) * vx + (my - ay) * vy) / len));
        var dx = ax + t * vx - mx, dy = ay + t * vy - my, d2 = dx * dx + dy * dy;
        if (d2 < bestD) { best = k; bestD = d2; }
      }
      return best;
    }
    var drag = null, hoverQueued = null;
    function local(ev) { var r = overlay.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
    overlay.addEventListener("mousedown", function (ev) {
      drag = { x: ev.clientX, y: ev.clientY, moved: false };
      events.hoverOut();
    });
    window.addEventListener("mousemove", function (ev) {
      if (drag) {
        var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
        if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
          drag.moved = true; cam.x -= dx / cam.s; cam.y -= dy / cam.s;
          drag.x = ev.clientX; drag.y = ev.clientY; interact();
        }
        return;
      }
      if (ev.target !== overlay) return;
      if (!hoverQueued) requestAnimationFrame(hover);
      hoverQueued = ev;
    });
    function hover() {
      var ev = hoverQueued; hoverQueued = null;
      if (!ev) return;
      var p = local(ev), j = pickNode(p[0], p[1]);
      if (j >= 0) { overlay.style.cursor = "pointer"; events.nodeHover(j, ev.clientX, ev.clientY); return; }
      overlay.style.cursor = "default";
      var k = E <= 400000 ? pickEdge(p[0], p[1]) : -1;
      if (k >= 0) events.edgeHover(k, ev.clientX, ev.clientY); else events.hoverOut();
    }
    window.addEventListener("mouseup", function (ev) {
      if (drag && !drag.moved && ev.target === overlay) {
        var p = local(ev), j = pickNode(p[0], p[1]);
        if (j >= 0) events.nodeClick(j); else events.backgroundClick();
      }
      drag = null;
    });
    overlay.addEventListener("mouseleave", function () { events.hoverOut(); });
    overlay.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = local(ev), gx = (p[0] - W / 2) / cam.s + cam.x, gy = (p[1] - H / 2) / cam.s + cam.y;
      cam.s = Math.min(20, Math.max(1e-4, cam.s * Math.exp(-ev.deltaY * 0.0015)));
      cam.x = gx - (p[0] - W / 2) / cam.s; cam.y = gy - (p[1] - H / 2) / cam.s;
      interact();
    }, { passive: false });
    if (window.ResizeObserver) new ResizeObserver(resize).observe(container);
    else window.addEventListener("resize", resize);

    resize();
    uploadVisibility();
    fit();
    redraw();
    return {
      description: gpu ? "WebGL renderer \u00b7 layout from Python" : "2D canvas renderer (no WebGL)",
      notes: notes,
      applyVisibility: function () {
        for (var j = 0; j < N; j++) shown[j] = model.nodeVisible(j) ? 1 : 0;
        for (var k = 0; k < E; k++) edgeShown[k] = model.edgeVisible(k) ? 1 : 0;
        uploadVisibility(); redraw();
      },
      highlight: function () { redraw(); },
      focus: function (i) {
        cam.x = X[i]; cam.y = Y[i]; cam.s = Math.max(cam.s, 0.9); redraw();
      },
      isShown: function (i) { return shown[i] === 1; },
      nodePosition: function (i) { return [X[i], Y[i]]; },
      centre: function () { return [cam.x, cam.y]; },
      screenPosition: function (i) {
        var r = container.getBoundingClientRect();
        return [r.left + sx(X[i]), r.top + sy(Y[i])];
      }
    };
  };
})();
