// Search suggestions for inputs marked data-suggest: fetches /api/v1/search as you type.
// Works on the last comma-separated name; the form still works without JavaScript.
(function () {
  "use strict";
  function attach(input) {
    var list = document.createElement("ul");
    var listId = input.id + "-suggestions";
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
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
        fetch("/api/v1/search?q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (d) { if (current() === q) { show(d.results || []); } })
          .catch(close);
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
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
  });
})();
