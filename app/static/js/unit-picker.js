// Unit pickers: a unit-code box offers the matching units (by name or code) as the person types.
// Without this script the box takes a typed code as before; the server checks scope either way.
(function () {
  "use strict";
  var endpoint = document.currentScript && document.currentScript.dataset.endpoint;
  var inputs = document.querySelectorAll("input[data-unit-picker]");
  if (!endpoint || !inputs.length) { return; }
  inputs.forEach(function (input, index) {
    var list = document.createElement("datalist");
    list.id = "unit-options-" + index;
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var asked = null;
    function fill(units) {
      list.replaceChildren.apply(list, units.map(function (unit) {
        var option = document.createElement("option");
        option.value = unit.code;
        option.label = unit.name + " (" + unit.code + ")";
        return option;
      }));
    }
    function ask() {
      var text = input.value.trim();
      if (text === asked) { return; }
      asked = text;
      fetch(endpoint + "?q=" + encodeURIComponent(text), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {units: []}; })
        .then(function (data) { if (asked === text) { fill(data.units || []); } })
        .catch(function () { /* the box still takes a typed code */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("focus", ask);
  });
}());
