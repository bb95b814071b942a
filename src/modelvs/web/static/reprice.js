// /reprice with JavaScript: a file dropped on the drop zone (or chosen, or pasted) is posted as the
// body of /reprice/fragment, and the results (the server's HTML, parsed with DOMParser and moved
// in as nodes; no markup string is ever assigned) replace the results region. Without
// JavaScript the form posts the file (multipart) and the page comes back with the results.
(function () {
  "use strict";
  var form = document.getElementById("reprice-form");
  if (!form || !window.fetch || !window.FormData || !window.DOMParser || !window.URLSearchParams) return;
  var target = document.getElementById(form.getAttribute("data-target"));
  var drop = document.getElementById("reprice-drop");
  var hint = document.getElementById("reprice-drop-hint");
  var file = document.getElementById("reprice-file");
  var pasted = document.getElementById("reprice-text");
  var status = document.getElementById("reprice-status");
  var dropped = null;
  if (!target || !drop || !file || !pasted || !status) return;
  if (hint) hint.hidden = false;

  function say(text) { status.textContent = text; }

  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length) {
      dropped = files[0];
      say("Ready: " + dropped.name + ". Press Re-price.");
    }
  });
  file.addEventListener("change", function () { dropped = null; });

  function query() {
    var params = new URLSearchParams();
    var fields = new FormData(form);
    String(fields.get("as") || "").split(",").forEach(function (name) {
      if (name.trim()) params.append("as", name.trim());
    });
    ["routes", "input_format", "columns"].forEach(function (name) {
      var value = String(fields.get(name) || "").trim();
      if (value) params.append(name, value);
    });
    return params.toString();
  }

  form.addEventListener("submit", function (event) {
    var body = dropped || (file.files && file.files[0]) || null;
    if (!body && pasted.value.trim()) body = new Blob([pasted.value], { type: "text/plain" });
    event.preventDefault();
    if (!body) { say("Choose a usage log, drop one, or paste one."); return; }
    var url = form.getAttribute("data-fragment");
    var qs = query();
    target.setAttribute("aria-busy", "true");
    say("Re-pricing…");
    fetch(url + (qs ? "?" + qs : ""), {
      method: "POST",
      body: body,
      headers: { "Content-Type": "application/octet-stream", "Accept": "text/html" }
    }).then(function (response) {
      return response.text().then(function (text) { return { ok: response.ok, text: text }; });
    }).then(function (result) {
      var doc = new DOMParser().parseFromString(result.text, "text/html");
      var nodes = Array.prototype.slice.call(doc.body.childNodes).map(function (node) {
        return document.adoptNode(node);
      });
      target.replaceChildren.apply(target, nodes);
      target.removeAttribute("aria-busy");
      say(result.ok ? "Re-priced." : "Not re-priced: see the message below.");
    }).catch(function () {
      target.removeAttribute("aria-busy");
      say("Could not reach the site; sending the form instead.");
      form.submit();
    });
  });
})();
