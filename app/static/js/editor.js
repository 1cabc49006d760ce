// Live preview for the course editor: sends the text as it is typed (debounced) and shows
// the sanitised preview and the checks. Without JS the "Preview" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  if (!form || !window.fetch) { return; }
  var text = form.querySelector("textarea[name=text]");
  var panel = document.getElementById("preview-panel");
  var status = document.getElementById("preview-status");
  var timer = null;
  var sent = 0;

  function refresh() {
    var ticket = ++sent;
    var data = new FormData(form);
    data.delete("action");
    status.textContent = status.dataset.busy || "…";
    fetch(form.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        if (ticket !== sent) { return; } // an older answer arriving late
        panel.innerHTML = html; // sanitised on the server by the learner page's pipeline
        status.textContent = "";
      })
      .catch(function () { status.textContent = "⚠"; });
  }

  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
})();
