// A job's progress page: ask the JSON status every two seconds until done or failed.
// Without script the page refreshes itself (meta refresh) and offers a reload link.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var bar = document.getElementById("job-progress");
  var status = document.getElementById("job-status");
  var download = document.getElementById("job-download");
  var reload = document.getElementById("job-reload");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.total) { bar.max = job.total; }
        bar.value = job.done || 0;
        if (job.status === "done") {
          status.textContent = status.dataset.done;
          download.hidden = false;
          if (reload) { reload.hidden = true; }
        } else if (job.status === "failed") {
          status.textContent = status.dataset.failed;
        } else {
          status.textContent = status.dataset.running + " " + (job.done || 0) + (job.total ? " / " + job.total : "");
          setTimeout(poll, 2000);
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
