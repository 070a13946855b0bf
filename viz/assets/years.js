/* paperkg page: the years panel, shown when papers have two years or more: a bar per
 * year (click one to see only that year) and a from/to range. Narrowing the range
 * leaves out papers without a year, and says how many.
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes, el = PK.el;
  var perYear = {}, noYear = 0, withYear = 0;
  for (var p = 0; p < PK.N; p++) {
    if (!PK.isPaper(p)) continue;
    var y = nodes.year[p];
    if (y === null || y === undefined) noYear++;
    else { perYear[y] = (perYear[y] || 0) + 1; withYear++; }
  }
  var years = Object.keys(perYear).map(Number).sort(function (a, b) { return a - b; });
  PK.yearSpan = years.length >= 2 ? [years[0], years[years.length - 1]] : null;
  if (!PK.yearSpan) { PK.yearsPanel = { update: function () {} }; return; }

  var section = document.getElementById("years"), bars = document.getElementById("year-bars");
  var from = document.getElementById("year-from"), to = document.getElementById("year-to");
  var note = document.getElementById("year-note");
  var lo = PK.yearSpan[0], hi = PK.yearSpan[1], top = Math.max.apply(null, years.map(function (y) { return perYear[y]; }));
  var barFor = {};
  for (var year = lo; year <= hi; year++) {
    var n = perYear[year] || 0, bar = el("button", "bar");
    bar.type = "button";
    bar.title = year + ": " + PK.plural(n, "paper", "papers");
    bar.setAttribute("aria-label", bar.title);
    bar.setAttribute("data-year", year);
    bar.style.height = (n ? 4 + 40 * n / top : 1) + "px";
    bar.addEventListener("click", (function (yr) {
      return function () {
        var r = PK.state.years;
        PK.setYears(r && r[0] === yr && r[1] === yr ? null : [yr, yr]);
      };
    })(year));
    bars.appendChild(bar);
    barFor[year] = bar;
    from.appendChild(new Option(String(year), String(year)));
    to.appendChild(new Option(String(year), String(year)));
  }
  var axis = el("div", "axis");
  axis.appendChild(el("span", null, lo)); axis.appendChild(el("span", null, hi));
  bars.parentNode.insertBefore(axis, bars.nextSibling);
  function changed() {
    var a = Number(from.value), b = Number(to.value);
    if (a > b) { var t = a; a = b; b = t; }
    PK.setYears([a, b]);
  }
  from.addEventListener("change", changed);
  to.addEventListener("change", changed);

  function update() {
    var r = PK.state.years || PK.yearSpan;
    from.value = String(r[0]); to.value = String(r[1]);
    for (var yr in barFor) barFor[yr].classList.toggle("off", Number(yr) < r[0] || Number(yr) > r[1]);
    if (!PK.state.years) {
      note.textContent = "All years: " + PK.plural(withYear + noYear, "paper", "papers") +
        (noYear ? " (" + noYear.toLocaleString("en") + " without a year)" : "") + ".";
    } else {
      var shown = 0;
      for (var y2 = r[0]; y2 <= r[1]; y2++) shown += perYear[y2] || 0;
      note.textContent = PK.plural(shown, "paper", "papers") + (r[0] === r[1] ? " from " + r[0] : " from " + r[0] + "\u2013" + r[1]) +
        (noYear ? "; " + noYear.toLocaleString("en") + " without a year left out" : "") + ".";
      var reset = el("button", "link", "all years");
      reset.type = "button";
      reset.addEventListener("click", function () { PK.setYears(null); });
      note.appendChild(document.createTextNode(" "));
      note.appendChild(reset);
    }
  }
  section.hidden = false;
  PK.yearsPanel = { update: update };
  update();
})();
