// Practice questions checked in place: the answers are posted as the form would post them and
// the feedback appears under the questions, so the learner stays in the lesson. Without this
// script the form opens the result page instead.
(function () {
  "use strict";
  var form = document.querySelector("form.practice-form");
  var result = document.getElementById("practice-result");
  if (!form || !result || !window.fetch) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      result.innerHTML = html;
      result.focus();
    }).catch(function () {
      result.textContent = form.getAttribute("data-failed");
    }).then(function () {
      if (button) { button.disabled = false; }
    });
  });
}());
