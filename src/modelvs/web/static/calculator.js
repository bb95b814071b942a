// Live calculator for forms marked data-live-fragment: as the workload is edited, the URL is
// updated (history.replaceState, so the state can be shared) and the page's regions named by
// data-live-target (ids, space separated) are replaced with the server's HTML fragment for the
// new query: an element of the fragment with a region's id replaces that region (a comparison
// page swaps every workload-dependent section), else the fragment becomes the region's content
// (the calculator). Open <details> stay open. Without JavaScript the form submits normally
// (GET). Server HTML is parsed with DOMParser and moved in as nodes; no markup string is ever
// assigned to an element.
(function () {
  "use strict";
  var DELAY = 350;

  function query(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
    });
    return params.toString();
  }

  function attach(form) {
    var ids = (form.getAttribute("data-live-target") || "").split(" ").filter(Boolean);
    var url = form.getAttribute("data-live-fragment");
    var status = form.querySelector("[role=status]");
    var targets = ids.map(function (id) { return document.getElementById(id); });
    if (!targets.length || targets.indexOf(null) !== -1 || !url || !window.fetch || !window.DOMParser) return;
    var timer = null, seq = 0, last = query(form), controller = null, broken = false;

    function say(text) { if (status) status.textContent = text; }

    function update(force) {
      var qs = query(form);
      if (qs === last && !force) return;
      last = qs;
      var mine = ++seq;
      history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      targets.forEach(function (t) { t.setAttribute("aria-busy", "true"); });
      say("Recalculating…");
      fetch(url + (qs ? "?" + qs : ""), {
        headers: { "Accept": "text/html" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, status: response.status, text: text }; });
      }).then(function (result) {
        if (mine !== seq) return;
        var doc = new DOMParser().parseFromString(result.text, "text/html");
        if (result.ok) {
          swap(doc);
          say("Updated.");
        } else if (result.status === 422) {
          say("Not recalculated: " + doc.body.textContent.trim());
        } else {
          broken = true;
          say("Could not recalculate here; press Recalculate to reload the page.");
        }
        targets.forEach(function (t) { t.removeAttribute("aria-busy"); });
      }).catch(function (err) {
        if (mine !== seq || (err && err.name === "AbortError")) return;
        targets.forEach(function (t) { t.removeAttribute("aria-busy"); });
        broken = true;
        say("Could not recalculate here; press Recalculate to reload the page.");
      });
    }

    function keepOpen(from, to) {
      var before = from.querySelectorAll("details"), after = to.querySelectorAll("details");
      for (var i = 0; i < before.length && i < after.length; i++) { after[i].open = before[i].open; }
    }

    function swap(doc) {
      var whole = true;
      targets.forEach(function (t) { if (!doc.getElementById(t.id)) whole = false; });
      if (!whole) {  // one region: the fragment is its content
        var nodes = Array.prototype.slice.call(doc.body.childNodes).map(function (n) {
          return document.adoptNode(n);
        });
        targets[0].replaceChildren.apply(targets[0], nodes);
        return;
      }
      targets = targets.map(function (t) {
        var fresh = document.adoptNode(doc.getElementById(t.id));
        keepOpen(t, fresh);
        t.replaceWith(fresh);
        return fresh;
      });
    }

    function later() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; update(false); }, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function (event) {
      if (broken) return; // the fragment endpoint is unavailable: submit the form as without JS
      event.preventDefault();
      if (timer) { clearTimeout(timer); timer = null; }
      update(true);
    });
    form.setAttribute("data-live", "on");
  }

  function init() {
    var forms = document.querySelectorAll("form[data-live-fragment]");
    for (var i = 0; i < forms.length; i++) attach(forms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
