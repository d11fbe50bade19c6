// Suggest existing skills for the last entry of the comma-separated skills field.
// The <datalist> alone would only complete the whole value; this rewrites its options
// as "what you typed so far, suggestion" so the browser's list completes the last one.
(function () {
  "use strict";
  var input = document.querySelector("input[list='skill-suggestions']");
  var list = document.getElementById("skill-suggestions");
  if (!input || !list) { return; }
  var names = Array.prototype.map.call(list.options, function (o) { return o.value; });

  function refresh() {
    var parts = input.value.split(",");
    var last = parts.pop().trim().toLowerCase();
    var head = parts.map(function (p) { return p.trim(); }).filter(Boolean);
    var taken = head.map(function (p) { return p.toLowerCase(); });
    var prefix = head.length ? head.join(", ") + ", " : "";
    list.innerHTML = "";
    names.filter(function (name) {
      var lower = name.toLowerCase();
      return taken.indexOf(lower) === -1 && (!last || lower.indexOf(last) !== -1);
    }).slice(0, 20).forEach(function (name) {
      var option = document.createElement("option");
      option.value = prefix + name;
      list.appendChild(option);
    });
  }
  input.addEventListener("input", refresh);
  input.addEventListener("focus", refresh);
})();
