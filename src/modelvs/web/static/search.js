// Search suggestions for inputs marked data-suggest: fetches /api/v1/search as you type.
// Works on the last comma-separated name; the form still works without JavaScript.
// On a static export there is no API: suggestions come from /search-index.json, ordered as the
// server orders them (catalog.search), and the form goes straight to the canonical comparison
// page (slugs sorted), as the server would, when the build wrote that page; otherwise it says so
// and links the models' own pages. "a vs b" is two names, as on the server.
(function () {
  "use strict";
  var index = null;  // null: not needed yet; a promise once the API has failed
  var built = null;  // the comparison pages the static build wrote (from the index)
  var NAMED = 100, EXACT = 3, OWN_WORD = 2, OWN = 1;  // catalog.search's bonuses

  function key(text) {  // catalog.names.name_key: case and the separators _ : . / @ do not matter
    return text.trim().toLowerCase().replace(/[\s_:.\/@]+/g, "-").replace(/^-+|-+$/g, "");
  }
  function tight(text) {  // catalog.names.model_key, near enough: every separator dropped
    return key(text).replace(/[^a-z0-9]/g, "");
  }
  function both(names) {
    var out = [];
    names.forEach(function (n) { out.push(key(n), tight(n)); });
    return out;
  }
  function loadIndex() {
    if (!index) {
      index = fetch("/search-index.json")
        .then(function (r) { return r.ok ? r.json() : { models: [] }; })
        .then(function (d) {
          built = d.pairs || null;
          return (d.models || []).map(function (m) {
            return {
              id: m.id, slug: m.slug, name: m.name, lab: m.lab, n: m.n || 0, retired: !!m.retired,
              display: both([m.name]),
              own: both([m.name, m.id, m.id.split("/").pop(), m.slug]),
              other: both(m.aliases || [])
            };
          });
        })
        .catch(function () { return []; });
    }
    return index;
  }
  function bonus(m, text) {  // catalog.search._bonus
    var best = null;
    for (var i = 0; i < m.own.length; i++) {
      var k = m.own[i];
      if (k === text) { return EXACT; }
      var at = k.indexOf(text);
      if (at === 0 || (at > 0 && k.charAt(at - 1) === "-")) { best = OWN_WORD; }
      else if (at > 0 && best === null) { best = OWN; }
    }
    if (best !== null) { return best; }
    for (var j = 0; j < m.other.length; j++) {
      if (m.other[j] === text) { return EXACT; }
      if (m.other[j].indexOf(text) !== -1) { best = 0; }
    }
    return best;
  }
  function searchIndex(q) {  // the server's order: a name typed in full, then notability plus match
    var typed = [key(q), tight(q)].filter(Boolean), exact = q.trim().toLowerCase();
    return loadIndex().then(function (models) {
      var found = [];
      if (!typed.length) { return found; }
      models.forEach(function (m) {
        var named = m.id === exact || m.slug === exact ||
          typed.some(function (t) { return m.display.indexOf(t) !== -1; });
        var b = named ? NAMED : null;
        if (!named) {
          typed.forEach(function (t) { var x = bonus(m, t); if (x !== null && (b === null || x > b)) { b = x; } });
        }
        if (b === null || (m.retired && !named)) { return; }
        found.push({ m: m, s: m.n + b });
      });
      found.sort(function (a, b) { return (b.s - a.s) || (a.m.id < b.m.id ? -1 : 1); });
      return found.slice(0, 8).map(function (x) { return x.m; });
    });
  }
  function lookup(q) {
    return fetch("/api/v1/search?q=" + encodeURIComponent(q))
      .then(function (r) { if (!r.ok) { throw new Error("no api"); } return r.json(); })
      .then(function (d) { return d.results || []; })
      .catch(function () { return searchIndex(q); });
  }
  function say(form, parts) {  // parts: strings and [text, href] links, set as text nodes only
    var box = form.querySelector(".search-status");
    if (!box) {
      box = document.createElement("p");
      box.className = "search-status";
      box.setAttribute("role", "status");
      form.appendChild(box);
    }
    box.textContent = "";
    parts.forEach(function (p) {
      if (typeof p === "string") { box.appendChild(document.createTextNode(p)); return; }
      var a = document.createElement("a");
      a.href = p[1];
      a.textContent = p[0];
      box.appendChild(a);
    });
  }
  function staticSubmit(form, input) {
    form.addEventListener("submit", function (e) {
      var names = [];
      input.value.split(",").forEach(function (part) {
        part.split(/\s+vs\.?\s+/i).forEach(function (n) { if (n.trim()) { names.push(n.trim()); } });
      });
      if (!names.length) { return; }
      e.preventDefault();
      // One lookup tells a live site (the API answers: let the server canonicalise) from a static one.
      lookup(names[0]).then(function () {
        if (!index) { form.submit(); return; }
        goStatic(form, names);
      });
    });
  }
  function goStatic(form, names) {
    Promise.all(names.map(searchIndex)).then(function (found) {
      var models = [];
      found.forEach(function (r) {
        if (r.length && models.every(function (m) { return m.slug !== r[0].slug; })) { models.push(r[0]); }
      });
      var missing = names.filter(function (n, i) { return !found[i].length; });
      if (missing.length) { say(form, ["No model matches " + missing.join(", ") + "."]); return; }
      if (models.length === 1) { window.location.href = "/models/" + models[0].slug + "/"; return; }
      var pair = models.map(function (m) { return m.slug; }).sort().join("-vs-");
      if (models.length === 2 && (!built || built.indexOf(pair) !== -1)) {
        window.location.href = "/compare/" + pair + "/";
        return;
      }
      var parts = [models.length === 2
        ? "This copy of the site has no page comparing " + models[0].name + " and " + models[1].name + "; see "
        : "This copy of the site has comparison pages of two models only; see "];
      models.forEach(function (m, i) {
        if (i) { parts.push(i === models.length - 1 ? " and " : ", "); }
        parts.push([m.name, "/models/" + m.slug + "/"]);
      });
      parts.push(".");
      say(form, parts);
    });
  }
  function attach(input) {
    // The list opens right under its input: both in a box of their own that it is placed in.
    var box = document.createElement("span");
    box.className = "suggest-box";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    var list = document.createElement("ul");
    var listId = input.id + "-suggestions";
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");
    var timer = null, active = -1, items = [];

    var VERSUS = /^(.*\s+vs\.?\s+)(.*)$/i;  // "a vs b": the name being typed is b
    function current() {
      var parts = input.value.split(",");
      var last = parts[parts.length - 1], m = VERSUS.exec(last);
      return (m ? m[2] : last).trim();
    }
    function choose(slug) {
      var parts = input.value.split(",");
      var m = VERSUS.exec(parts[parts.length - 1]);
      parts[parts.length - 1] = m ? m[1] + slug : slug;
      input.value = parts.map(function (p) { return p.trim(); }).join(", ") + ", ";
      close();
      input.focus();
    }
    function close() {
      list.hidden = true; active = -1; items = [];
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) {
        li.setAttribute("aria-selected", j === i ? "true" : "false");
      });
      if (i >= 0) { input.setAttribute("aria-activedescendant", list.children[i].id); }
    }
    function show(results) {
      list.textContent = "";
      items = results;
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = r.name + " (" + r.lab + ", " + r.slug + ")";  // textContent: never HTML
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(r.slug); });
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = current();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        lookup(q).then(function (results) { if (current() === q) { show(results); } }).catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(items[active].slug); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), function (input) {
      attach(input);
      if (input.form) { staticSubmit(input.form, input); }
    });
  });
})();
