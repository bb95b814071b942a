// Live calculator for forms marked data-live-fragment: as the workload is edited, the URL is
// updated (history.replaceState, so the state can be shared) and the results region named by
// data-live-target is replaced with the server's HTML fragment for the new query. Without
// JavaScript the form submits normally (GET). Server HTML is parsed with DOMParser and moved in
// as nodes; no markup string is ever assigned to an element.
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
    var target = document.getElementById(form.getAttribute("data-live-target"));
    var url = form.getAttribute("data-live-fragment");
    var status = form.querySelector("[role=status]");
    if (!target || !url || !window.fetch || !window.DOMParser) return;
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
      target.setAttribute("aria-busy", "true");
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
          var nodes = Array.prototype.slice.call(doc.body.childNodes).map(function (n) {
            return document.adoptNode(n);
          });
          target.replaceChildren.apply(target, nodes);
          say("Updated.");
        } else if (result.status === 422) {
          say("Not recalculated: " + doc.body.textContent.trim());
        } else {
          broken = true;
          say("Could not recalculate here; press Recalculate to reload the page.");
        }
        target.removeAttribute("aria-busy");
      }).catch(function (err) {
        if (mine !== seq || (err && err.name === "AbortError")) return;
        target.removeAttribute("aria-busy");
        broken = true;
        say("Could not recalculate here; press Recalculate to reload the page.");
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
