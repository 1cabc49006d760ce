// A job's progress (templates/jobs/_progress.html): ask its JSON status every two seconds until it
// is done or failed, and show the server's sentence. Without script the page refreshes itself.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || (box.dataset.status !== "queued" && box.dataset.status !== "running")) { return; }
  var bar = document.getElementById("job-progress");
  var status = document.getElementById("job-status");
  var download = document.getElementById("job-download");
  var reload = document.getElementById("job-reload");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        bar.max = job.total || 1;
        bar.value = job.done || 0;
        status.textContent = job.message;
        if (job.status === "done" && box.hasAttribute("data-reload-when-done")) {
          window.location.reload();
        } else if (job.status === "done" || job.status === "failed") {
          if (download && job.download) { download.href = job.download; download.hidden = false; }
          if (reload) { reload.hidden = true; }
        } else {
          setTimeout(poll, 2000);
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
