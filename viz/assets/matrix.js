/* paperkg page: the matrix, "who is evaluated on what": benchmarks down the side,
 * models (or methods) across, and in each cell the number of papers that mention
 * both. A cell lists those papers; a name selects that entity. Years apply.
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes, el = PK.el;
  var ROWS = 40, COLS = 30;
  var table = document.getElementById("matrix-table"), note = document.getElementById("matrix-note");
  var BENCH = PK.TYPES.indexOf("Benchmark");
  var current = null;

  /* Rows, columns and cell counts for benchmarks x entities of type `colType`, in the year range. */
  function compute(colType) {
    var colT = PK.TYPES.indexOf(colType), cells = {}, rowScore = {}, colScore = {};
    for (var p = 0; p < PK.N; p++) {
      if (!PK.isPaper(p) || !PK.yearOk(p)) continue;
      var rows = [], cols = [];
      PK.entsOf[p].forEach(function (er) {
        if (nodes.t[er[0]] === BENCH) rows.push(er[0]); else if (nodes.t[er[0]] === colT) cols.push(er[0]);
      });
      if (!rows.length || !cols.length) continue;
      rows.forEach(function (r) {
        rowScore[r] = (rowScore[r] || 0) + 1;
        cols.forEach(function (c) { cells[r + "," + c] = (cells[r + "," + c] || 0) + 1; });
      });
      cols.forEach(function (c) { colScore[c] = (colScore[c] || 0) + 1; });
    }
    function top(score, n) {
      return Object.keys(score).map(Number).sort(function (a, b) {
        return score[b] - score[a] || (nodes.name[a].toLowerCase() < nodes.name[b].toLowerCase() ? -1 : 1);
      }).slice(0, n);
    }
    // the columns first, then the rows that have papers in those columns: no empty rows
    var cols = top(colScore, COLS), shown = {}, inCols = {};
    cols.forEach(function (c) { shown[c] = 1; });
    Object.keys(cells).forEach(function (key) {
      var rc = key.split(",");
      if (shown[rc[1]]) inCols[rc[0]] = (inCols[rc[0]] || 0) + cells[key];
    });
    return { rows: top(inCols, ROWS), cols: cols, cells: cells,
             nRows: Object.keys(rowScore).length, nCols: Object.keys(colScore).length };
  }
  function papersOf(row, col) {
    return PK.papersIn(row).filter(function (p) {
      return PK.entsOf[p].some(function (er) { return er[0] === col; });
    });
  }
  function nameButton(i, cls) {
    var b = el("button", "name " + cls, nodes.name[i]);
    b.type = "button"; b.title = nodes.name[i] + " \u00b7 " + PK.plural(PK.count(i), "paper", "papers");
    b.addEventListener("click", function () { PK.select(i, { centre: false }); });
    return b;
  }
  function render() {
    var colType = PK.state.cols, m = current = compute(colType), plural = PK.STYLE[colType].plural;
    table.textContent = "";
    document.getElementById("matrix-models").setAttribute("aria-pressed", colType === "Model" ? "true" : "false");
    document.getElementById("matrix-methods").setAttribute("aria-pressed", colType === "Method" ? "true" : "false");
    if (!m.rows.length) {
      note.textContent = "No paper" + (PK.state.years ? " in these years" : "") + " mentions both a benchmark and one of the " + plural + ".";
      return;
    }
    note.textContent = "Numbers are papers that mention both. " +
      (m.nRows > m.rows.length ? "Top " + m.rows.length + " of " + m.nRows : m.rows.length) + " benchmarks \u00d7 " +
      (m.nCols > m.cols.length ? "top " + m.cols.length + " of " + m.nCols : m.cols.length) + " " + plural + ".";
    var max = 1;
    m.rows.forEach(function (r) { m.cols.forEach(function (c) { max = Math.max(max, m.cells[r + "," + c] || 0); }); });
    var head = el("thead"), tr = el("tr"), corner = el("th", "corner", "benchmark \\ " + colType.toLowerCase());
    tr.appendChild(corner);
    m.cols.forEach(function (c) { var th = el("th", "col"); th.scope = "col"; th.appendChild(nameButton(c, "col-name")); tr.appendChild(th); });
    head.appendChild(tr); table.appendChild(head);
    var tbody = el("tbody");
    m.rows.forEach(function (r) {
      var row = el("tr"), th = el("th", "row");
      th.scope = "row"; th.appendChild(nameButton(r, "row-name"));
      row.appendChild(th);
      m.cols.forEach(function (c) {
        var v = m.cells[r + "," + c] || 0, td = el("td");
        if (v) {
          var b = el("button", "cell", v), a = 0.12 + 0.78 * Math.sqrt(v / max);
          b.type = "button";
          b.setAttribute("data-row", nodes.id[r]); b.setAttribute("data-col", nodes.id[c]);
          b.setAttribute("aria-label", nodes.name[r] + " \u00d7 " + nodes.name[c] + ": " + PK.plural(v, "paper", "papers"));
          b.style.background = "rgba(232, 113, 10, " + a.toFixed(2) + ")";
          if (a > 0.55) b.classList.add("dark");
          if (PK.state.cell && PK.state.cell[0] === r && PK.state.cell[1] === c) b.classList.add("active");
          b.addEventListener("click", function () { PK.openCell(r, c); });
          td.appendChild(b);
        } else td.className = "empty";
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
  }
  document.getElementById("matrix-models").addEventListener("click", function () { PK.setColumns("Model"); });
  document.getElementById("matrix-methods").addEventListener("click", function () { PK.setColumns("Method"); });

  PK.matrix = {
    render: render, papersOf: papersOf, compute: compute,
    current: function () { return current; }
  };
})();
