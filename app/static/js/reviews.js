// Autosave of the self-review draft: posts the form (FormData) a second after the last
// keystroke; on a dropped connection keeps retrying, and the text stays in the page meanwhile.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  var script = document.getElementById("reviews-script");
  if (!form || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  var dirty = false;

  function save() {
    timer = null;
    dirty = false;
    var data = new FormData(form);
    data.delete("action");
    fetch(form.dataset.autosave, {method: "POST", body: data, credentials: "same-origin",
                                  headers: {"X-CSRFToken": data.get("csrf_token")}})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        status.textContent = script.dataset.saved;
      })
      .catch(function () {
        status.textContent = script.dataset.failed;
        dirty = true;
        schedule(5000);
      });
  }

  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, delay);
  }

  form.addEventListener("input", function () { dirty = true; schedule(1000); });
  form.addEventListener("change", function () { dirty = true; schedule(300); });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  form.addEventListener("submit", function () { dirty = false; });
})();
