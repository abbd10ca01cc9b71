// The rating sheet: counts the rated issues in the bar at the bottom as marks are picked.
// Progressive enhancement: without it the bar shows the count the page was sent with.
(function () {
  "use strict";
  var form = document.querySelector("form.rating-sheet");
  var progress = document.getElementById("sheet-progress");
  if (!form || !progress) {
    return;
  }
  function markNames() {
    var names = {};
    form.querySelectorAll("input[type=radio][name^='mark_']").forEach(function (radio) {
      names[radio.name] = true;
    });
    return Object.keys(names);
  }
  function update() {
    var done = markNames().filter(function (name) {
      return form.querySelector("input[name='" + name + "']:checked");
    }).length;
    progress.textContent = progress.dataset.template
      .replace("__done__", done)
      .replace("__total__", progress.dataset.total);
  }
  form.addEventListener("change", update);
  update();
})();
