/* paperkg page: the details panel (an entity, a paper, or the papers of a matrix cell).
 *
 * A paper shows where to read it (its own link, DOI, arXiv) and its title and abstract
 * with every mention of its entities marked where the extractor found it (the links'
 * offsets); each mark selects that entity. A graph without offsets (gold records, older
 * builds) gets its entities' names marked wherever they occur in the abstract.
 */
(function () {
  "use strict";
  var PK = window.PaperKG, nodes = PK.nodes, el = PK.el;
  var panel = document.getElementById("details"), body = document.getElementById("details-body");
  document.getElementById("details-close").addEventListener("click", function () { PK.select(-1); });

  function chip(i, extra) {
    var b = el("button", "chip", nodes.name[i] + (extra ? " (" + extra + ")" : ""));
    b.type = "button"; b.style.borderColor = PK.colorOf(i); b.style.color = PK.colorOf(i);
    b.title = PK.typeOf(i);
    b.addEventListener("click", function () { PK.select(i, { centre: true }); });
    return b;
  }
  function paperItem(i) {
    var li = el("li"), b = el("button", "link", nodes.name[i]);
    b.type = "button";
    b.addEventListener("click", function () { PK.select(i, { centre: true }); });
    li.appendChild(b);
    if (nodes.year[i]) li.appendChild(el("span", "meta", " " + nodes.year[i]));
    return li;
  }
  function byYear(list) {
    return list.slice().sort(function (a, b) {
      return (nodes.year[b] || 0) - (nodes.year[a] || 0) || (nodes.name[a] < nodes.name[b] ? -1 : 1);
    });
  }
  function section(title, items, make, limit) {
    if (!items.length) return;
    limit = limit || 40;
    body.appendChild(el("h4", null, title + " (" + items.length + ")"));
    var papers = make === paperItem, box = el(papers ? "ul" : "div", papers ? "papers" : "chips");
    items.slice(0, limit).forEach(function (it) { box.appendChild(make(it)); });
    if (items.length > limit) box.appendChild(el(papers ? "li" : "span", "meta", "\u2026 and " + (items.length - limit) + " more"));
    body.appendChild(box);
  }
  function expandButton(i, what) {
    var open = PK.map.isExpanded(i);
    var b = el("button", "action", open ? "Hide its " + what + " from the map" : "Show its " + what + " on the map");
    b.type = "button"; b.id = "expand";
    b.setAttribute("aria-pressed", open ? "true" : "false");
    b.addEventListener("click", function () { PK.toggleExpand(i); });
    body.appendChild(b);
  }
  function yearsNote() {
    var y = PK.state.years;
    return y ? (y[0] === y[1] ? " in " + y[0] : " in " + y[0] + "\u2013" + y[1]) : "";
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  /* The abstract as text nodes, with each name or alias of the paper's entities marked. */
  function markMentions(box, text, ents) {
    var forms = [], owner = {};
    ents.forEach(function (er) {
      [nodes.name[er[0]]].concat(nodes.aliases[er[0]] || []).forEach(function (f) {
        var key = String(f).toLowerCase();
        if (f && f.length > 1 && !(key in owner)) { owner[key] = er[0]; forms.push(f); }
      });
    });
    forms.sort(function (a, b) { return b.length - a.length; });
    var last = 0, found = 0;
    if (forms.length) {
      var re = new RegExp("(?<![\\p{L}\\p{N}])(?:" + forms.map(escapeRe).join("|") + ")(?![\\p{L}\\p{N}])", "giu"), m;
      while ((m = re.exec(text)) !== null) {
        var e = owner[m[0].toLowerCase()];
        if (e === undefined) continue;
        if (m.index > last) box.appendChild(document.createTextNode(text.slice(last, m.index)));
        box.appendChild(mention(m[0], e));
        last = re.lastIndex; found++;
      }
    }
    box.appendChild(document.createTextNode(text.slice(last)));
    return found;
  }
  /* Paper i's mentions as [start, end, entity], in UTF-16 units of title + "\n" +
   * abstract (edges.m holds start and length per link, converted from code points when
   * the page was written), in reading order, longest first where two start together. */
  function spansOf(i) {
    var spans = [], m = PK.edges.m || [];
    PK.entsOf[i].forEach(function (er) {
      var offsets = m[er[2]];
      for (var j = 0; offsets && j + 1 < offsets.length; j += 2) spans.push([offsets[j], offsets[j] + offsets[j + 1], er[0]]);
    });
    return spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  }
  /* Text nodes and marks for the piece of the paper's text that starts at `base`; a
   * mention overlapping one already marked, or outside the piece, is skipped. */
  function markSpans(box, text, base, spans) {
    var last = 0, found = 0;
    spans.forEach(function (sp) {
      var a = sp[0] - base, b = sp[1] - base;
      if (a < last || b > text.length) return;
      if (a > last) box.appendChild(document.createTextNode(text.slice(last, a)));
      box.appendChild(mention(text.slice(a, b), sp[2]));
      last = b; found++;
    });
    box.appendChild(document.createTextNode(text.slice(last)));
    return found;
  }
  function mention(text, e) {
    var mark = el("mark", "mention", text);
    mark.style.setProperty("--c", PK.colorOf(e));
    mark.title = PK.typeOf(e) + ": " + nodes.name[e];
    mark.setAttribute("data-id", nodes.id[e]);
    mark.tabIndex = 0; mark.setAttribute("role", "button");
    mark.addEventListener("click", function () { PK.select(e, { centre: true }); });
    mark.addEventListener("keydown", function (ev) { if (ev.key === "Enter") PK.select(e, { centre: true }); });
    return mark;
  }

  function showPaper(i) {
    var meta = ["Paper"];
    if (nodes.year[i]) meta.push(String(nodes.year[i]));
    body.appendChild(el("p", "meta", meta.join(" \u00b7 ")));
    if (nodes.authors[i] && nodes.authors[i].length) body.appendChild(el("p", "meta authors", nodes.authors[i].join(", ")));
    var links = (nodes.links[i] || []).filter(function (l) { return PK.safeUrl(l[1]); }), found = links.length;
    if (!found) {  // no link known: search for the title where papers are
      var q = encodeURIComponent(nodes.name[i]);
      links = [["arXiv", "https://arxiv.org/search/?searchtype=title&query=" + q],
               ["Hugging Face", "https://huggingface.co/papers?q=" + q]];
    }
    if (links.length) {
      var p = el("p", "links");
      p.appendChild(el("span", "meta", found ? "Read it: " : "Find it: "));
      links.forEach(function (l, j) {
        var a = el("a", found ? "paper-link" : "search-link", found ? l[0] : l[0] + " search");
        a.href = l[1]; a.target = "_blank"; a.rel = "noopener noreferrer"; a.title = l[1];
        if (j) p.appendChild(document.createTextNode(" \u00b7 "));
        p.appendChild(a);
      });
      body.appendChild(p);
    }
    var spans = spansOf(i), title = nodes.name[i];
    if (spans.length) {  // the heading is the title: its mentions are marked there
      var h = body.querySelector("h2");
      h.textContent = "";
      markSpans(h, title, 0, spans);
    }
    if (nodes.abstract[i]) {
      var abs = el("p", "abstract");
      if (spans.length) markSpans(abs, nodes.abstract[i], title.length + 1, spans);
      else markMentions(abs, nodes.abstract[i], PK.entsOf[i]);
      body.appendChild(abs);
    }
    if (PK.entsOf[i].length) expandButton(i, "entities");
    var groups = { INTRODUCES: [], EVALUATES_ON: [], USES: [] };
    PK.entsOf[i].forEach(function (er) { groups[er[1]].push(er[0]); });
    section("Introduces", groups.INTRODUCES, function (j) { return chip(j); });
    section("Evaluates on", groups.EVALUATES_ON, function (j) { return chip(j); });
    section("Uses", groups.USES, function (j) { return chip(j); });
    section("Cites", byYear(PK.citesOut[i]), paperItem);
    section("Cited by", byYear(PK.citesIn[i]), paperItem);
  }
  function showEntity(i) {
    var papers = byYear(PK.papersIn(i));
    body.appendChild(el("p", "meta", PK.typeOf(i) + " \u00b7 " + PK.plural(papers.length, "paper", "papers") + yearsNote()));
    var aliases = nodes.aliases[i] || [];
    if (aliases.length) {
      body.appendChild(el("h4", null, "Also called"));
      var box = el("div", "chips");
      aliases.forEach(function (a) { box.appendChild(el("span", "chip static", a)); });
      body.appendChild(box);
    }
    if (papers.length) expandButton(i, papers.length === 1 ? "paper" : "papers");
    var intro = papers.filter(function (p) {
      return PK.entsOf[p].some(function (er) { return er[0] === i && er[1] === "INTRODUCES"; });
    });
    var co = PK.cooccurring(i), partners = Object.keys(co).map(Number).sort(function (a, b) {
      return co[b] - co[a] || PK.papersOf[b].length - PK.papersOf[a].length || a - b;
    });
    section("Introduced by", intro, paperItem);
    section("Papers", papers, paperItem, 60);
    section("Appears with", partners, function (j) { return chip(j, co[j]); }, 24);
    section("Family", PK.family[i], function (j) { return chip(j); });
  }
  function heading(text, colour) {
    body.textContent = "";
    var h = el("h2", null, text);
    if (colour) { h.style.borderLeft = "5px solid " + colour; h.style.paddingLeft = "8px"; }
    body.appendChild(h);
  }
  function open() { panel.hidden = false; panel.scrollTop = 0; }

  PK.details = {
    show: function (i) {
      if (i < 0) { panel.hidden = true; body.textContent = ""; return; }
      heading(nodes.name[i], PK.colorOf(i));
      if (PK.isPaper(i)) showPaper(i); else showEntity(i);
      open();
    },
    /* The papers of one matrix cell. */
    showCell: function (row, col, papers) {
      heading(nodes.name[row] + " \u00d7 " + nodes.name[col]);
      body.appendChild(el("p", "meta", PK.plural(papers.length, "paper mentions", "papers mention") + " both" + yearsNote()));
      var links = el("div", "chips");
      links.appendChild(chip(row)); links.appendChild(chip(col));
      body.appendChild(links);
      section("Papers", byYear(papers), paperItem, 200);
      open();
    },
    markMentions: markMentions
  };
})();
