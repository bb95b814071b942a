// Search suggestions for inputs marked data-suggest: fetches /api/v1/search as you type.
// Works on the last comma-separated name; the form still works without JavaScript.
// On a static export there is no API: suggestions come from /search-index.json, and the
// form goes straight to the canonical comparison page (slugs sorted), as the server would,
// when the build wrote that page; otherwise it says so and links the models' own pages.
(function () {
  "use strict";
  var index = null;  // null: not needed yet; a promise once the API has failed
  var built = null;  // the comparison pages the static build wrote (from the index)

  function key(text) {  // catalog.names.name_key: case and the separators _ : . / @ do not matter
    return text.trim().toLowerCase().replace(/[\s_:.\/@]+/g, "-").replace(/^-+|-+$/g, "");
  }
  function loadIndex() {
    if (!index) {
      index = fetch("/search-index.json")
        .then(function (r) { return r.ok ? r.json() : { models: [] }; })
        .then(function (d) {
          built = d.pairs || null;
          return (d.models || []).map(function (m) {
            var keys = [m.id, m.id.split("/").pop(), m.slug, m.name].concat(m.aliases || []).map(key);
            return { id: m.id, slug: m.slug, name: m.name, lab: m.lab, keys: keys };
          });
        })
        .catch(function () { return []; });
    }
    return index;
  }
  function searchIndex(q) {  // the server's rules: exact match, then prefix by length, then contains
    var k = key(q);
    return loadIndex().then(function (models) {
      var prefix = [], contains = [];
      models.forEach(function (m) {
        if (m.keys.some(function (x) { return x.indexOf(k) === 0; })) { prefix.push(m); }
        else if (m.keys.some(function (x) { return x.indexOf(k) !== -1; })) { contains.push(m); }
      });
      prefix.sort(function (a, b) {
        var ea = a.keys.indexOf(k) === -1, eb = b.keys.indexOf(k) === -1;
        return (ea - eb) || (a.slug.length - b.slug.length) || (a.slug < b.slug ? -1 : 1);
      });
      contains.sort(function (a, b) { return a.slug < b.slug ? -1 : 1; });
      return prefix.concat(contains).slice(0, 8);
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
      var names = input.value.split(",").map(function (n) { return n.trim(); }).filter(Boolean);
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

    function current() {
      var parts = input.value.split(",");
      return parts[parts.length - 1].trim();
    }
    function choose(slug) {
      var parts = input.value.split(",");
      parts[parts.length - 1] = slug;
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
