// Import progress: poll the status endpoint and update the bar and the aria-live text.
// Without JavaScript the page refreshes itself (meta refresh) and shows the same figures.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var text = document.getElementById("import-state");
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        bar.max = status.total || 1;
        bar.value = status.done;
        if (status.state === "done" || status.state === "failed") {
          window.location.reload();
          return;
        }
        text.textContent = box.dataset.template.replace("{done}", status.done).replace("{total}", status.total);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (box.dataset.state === "running" || box.dataset.state === "uploaded") { poll(); }
})();
