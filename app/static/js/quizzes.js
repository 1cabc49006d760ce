// Quizzes: save each answer as it changes, and count down to the server's deadline.
// Progressive enhancement: without this file the Save / Next buttons post the form.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form[data-autosave]");
  var status = document.querySelector(".quiz-save-status");
  var csrf = form ? form.querySelector("input[name=csrf_token]") : null;

  function say(text) { if (status) { status.textContent = text; } }

  function saveQuestion(fieldset) {
    var data = new FormData();
    data.append("shown", fieldset.getAttribute("data-question"));
    fieldset.querySelectorAll("input").forEach(function (input) {
      if (!input.name || input.name === "shown") { return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      data.append(input.name, input.value);
    });
    say(form.getAttribute("data-saving") || "…");
    return fetch(form.getAttribute("data-autosave"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "", "X-Requested-With": "fetch" }
    }).then(function (response) {
      say(response.ok ? (form.getAttribute("data-saved") || "✓") : (form.getAttribute("data-refused") || "✗"));
    }).catch(function () {
      say(form.getAttribute("data-offline") || "✗");
    });
  }

  if (form) {
    var timers = {};
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("fieldset[data-question]");
      if (fieldset) { saveQuestion(fieldset); }
    });
    form.addEventListener("input", function (event) {
      var fieldset = event.target.closest("fieldset[data-question]");
      if (!fieldset || event.target.type !== "text") { return; }
      var id = fieldset.getAttribute("data-question");
      clearTimeout(timers[id]);
      timers[id] = setTimeout(function () { saveQuestion(fieldset); }, 800);
    });
  }

  var timer = document.querySelector(".quiz-timer[data-deadline]");
  if (timer) {
    var deadline = Date.parse(timer.getAttribute("data-deadline"));
    var display = timer.querySelector(".quiz-countdown");
    var announce = timer.querySelector(".quiz-countdown-announce");
    var lastMinute = null;
    display.hidden = false;
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      display.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (announce && minutes !== lastMinute && (minutes <= 5 || minutes % 5 === 0)) {
        announce.textContent = display.textContent;
        lastMinute = minutes;
      }
      if (left === 0) {
        timer.classList.add("expired");
        clearInterval(handle);
      }
    };
    var handle = setInterval(tick, 1000);
    tick();
  }
})();
