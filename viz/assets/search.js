/* paperkg page: forgiving search over names, aliases and titles.
 *
 * A query matches a name when its compact form (letters and digits only) equals,
 * starts or is inside the name's; or when each of its words starts, is inside, or
 * is one or two typing errors away from a word of the name or title ("webarna"
 * finds WebArena, "agent browse" finds "An Agent That Browses"). Entities rank
 * before papers, closer matches first, then the most mentioned.
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes;

  function compact(s) { return String(s).normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""); }
  function words(s) {
    return String(s).normalize("NFKC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  /* Typing errors allowed for a word of this length. */
  function tolerance(len) { return len < 4 ? 0 : len < 8 ? 1 : 2; }

  /* Optimal-string-alignment distance, or max + 1 as soon as it must exceed max. */
  function distance(a, b, max) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= lb; j++) prev.push(j);
    for (var i = 1; i <= la; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= lb; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[lb];
  }

  var index = [];  // {node, text, alias, key, words}
  for (var i = 0; i < PK.N; i++) {
    index.push({ node: i, alias: null, key: compact(nodes.name[i]), words: words(nodes.name[i]) });
    (nodes.aliases[i] || []).forEach(function (a) {
      index.push({ node: i, alias: a, key: compact(a), words: words(a) });
    });
  }

  /* How well one query word matches a word list: 0 exact, 1 prefix, 2 inside, 3 typo, -1 none. */
  function wordScore(q, list) {
    var best = -1, tol = tolerance(q.length);
    for (var j = 0; j < list.length; j++) {
      var w = list[j], s = -1;
      if (w === q) return 0;
      if (w.indexOf(q) === 0) s = 1;
      else if (q.length > 2 && w.indexOf(q) > 0) s = 2;
      else if (tol && (distance(q, w, tol) <= tol ||
               (w.length > q.length && distance(q, w.slice(0, q.length), tol) <= tol))) s = 3;
      if (s >= 0 && (best < 0 || s < best)) best = s;
    }
    return best;
  }

  /* Rank of an index entry for a query (lower is better), or -1. */
  function score(entry, qkey, qwords) {
    if (!qkey) return -1;
    if (entry.key === qkey) return 0;
    if (entry.key.indexOf(qkey) === 0) return 1;
    if (qkey.length > 2 && entry.key.indexOf(qkey) > 0) return 2;
    var total = 0;
    for (var j = 0; j < qwords.length; j++) {
      var s = wordScore(qwords[j], entry.words);
      if (s < 0) { total = -1; break; }
      total = Math.max(total, s);
    }
    if (total >= 0 && qwords.length && total < 3) return 3;
    var tol = tolerance(qkey.length);
    if (tol && entry.key.length < 40 && distance(qkey, entry.key, tol) <= tol) return 4;
    return total >= 0 && qwords.length ? 5 : -1;
  }

  PK.search = function (query, limit) {
    var qkey = compact(query), qwords = words(query), best = {};
    if (!qkey) return [];
    for (var j = 0; j < index.length; j++) {
      var entry = index[j], s = score(entry, qkey, qwords);
      if (s < 0) continue;
      var rank = s * 2 + (PK.isPaper(entry.node) ? 1 : 0), prev = best[entry.node];
      if (prev === undefined || rank < prev.rank) best[entry.node] = { node: entry.node, rank: rank, alias: entry.alias };
    }
    var hits = Object.keys(best).map(function (n) { return best[n]; });
    hits.sort(function (a, b) {
      return a.rank - b.rank || PK.papersOf[b.node].length - PK.papersOf[a.node].length ||
        (nodes.name[a.node] < nodes.name[b.node] ? -1 : 1);
    });
    return hits.slice(0, limit || 12);
  };
  PK.distance = distance;

  // ---------------------------------------------------------------- the search box
  var input = document.getElementById("search"), list = document.getElementById("suggestions");
  var current = [], active = -1;
  function render() {
    list.textContent = "";
    if (!current.length) {
      if (input.value.trim()) {
        var none = PK.el("li", "none", "No match for \u201c" + input.value.trim() + "\u201d");
        none.setAttribute("role", "status");
        list.appendChild(none);
      }
      list.hidden = !input.value.trim();
      return;
    }
    current.forEach(function (h, j) {
      var li = PK.el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", j === active ? "true" : "false");
      var badge = PK.el("span", "badge", PK.typeOf(h.node));
      badge.style.background = PK.colorOf(h.node);
      li.appendChild(badge);
      li.appendChild(PK.el("span", "s-name", nodes.name[h.node]));
      if (h.alias) li.appendChild(PK.el("span", "s-alias", "alias: " + h.alias));
      if (!PK.isPaper(h.node)) li.appendChild(PK.el("span", "s-count", PK.plural(PK.papersOf[h.node].length, "paper", "papers")));
      else if (nodes.year[h.node]) li.appendChild(PK.el("span", "s-count", nodes.year[h.node]));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(j); });
      list.appendChild(li);
    });
    list.hidden = false;
  }
  function choose(j) {
    var h = current[j >= 0 ? j : 0];
    if (!h) return;
    list.hidden = true;
    input.value = nodes.name[h.node];
    PK.select(h.node, { centre: true });
  }
  input.addEventListener("input", function () { current = PK.search(input.value); active = -1; render(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!current.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      render(); ev.preventDefault();
    } else if (ev.key === "Enter") {
      current = active >= 0 ? current : PK.search(input.value);
      if (current.length) choose(active); else render();
      ev.preventDefault();
    } else if (ev.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", function () { list.hidden = true; });
})();
