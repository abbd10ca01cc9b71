// The rating sheet, progressive enhancement only (it works without this script):
// - counts the rated issues in the bar at the bottom as marks are picked;
// - keeps the marks and comments not yet sent on the device (sessionStorage) when the language
//   is changed, and puts them back once the sheet comes back in the new language.
(function () {
  "use strict";
  var form = document.querySelector("form.rating-sheet");
  var progress = document.getElementById("sheet-progress");
  if (!form) {
    return;
  }
  var storageKey = "igf-sheet-unsent:" + form.getAttribute("action");

  function markNames() {
    var names = {};
    form.querySelectorAll("input[type=radio][name^='mark_']").forEach(function (radio) {
      names[radio.name] = true;
    });
    return Object.keys(names);
  }

  function update() {
    if (!progress) {
      return;
    }
    var done = markNames().filter(function (name) {
      return form.querySelector("input[name='" + name + "']:checked");
    }).length;
    progress.textContent = progress.dataset.template
      .replace("__done__", done)
      .replace("__total__", progress.dataset.total);
  }

  function unsent() {
    var state = {};
    form.querySelectorAll("input[type=radio][name^='mark_']:checked").forEach(function (radio) {
      state[radio.name] = radio.value;
    });
    form.querySelectorAll("textarea[name^='comment_']").forEach(function (area) {
      state[area.name] = area.value;
    });
    return state;
  }

  function restore() {
    var saved;
    try {
      saved = window.sessionStorage.getItem(storageKey);
      window.sessionStorage.removeItem(storageKey);
    } catch (error) {
      return; // Storage refused (private mode): nothing was kept.
    }
    if (!saved) {
      return;
    }
    var state = JSON.parse(saved);
    Object.keys(state).forEach(function (name) {
      if (name.indexOf("mark_") === 0) {
        form.querySelectorAll("input[type=radio]").forEach(function (radio) {
          if (radio.name === name && radio.value === state[name]) {
            radio.checked = true;
          }
        });
      } else if (name.indexOf("comment_") === 0) {
        var area = form.elements.namedItem(name);
        if (area && state[name]) {
          area.value = state[name];
        }
      }
    });
  }

  var switcher = document.querySelector("form.language-switcher");
  var note = document.getElementById("language-unsent-note");
  var storageWorks = false;
  try {
    window.sessionStorage.setItem(storageKey + ":test", "1");
    window.sessionStorage.removeItem(storageKey + ":test");
    storageWorks = true;
  } catch (error) {
    storageWorks = false;
  }
  if (switcher && storageWorks) {
    if (note && note.dataset.kept) {
      note.textContent = note.dataset.kept;
    }
    switcher.addEventListener("submit", function () {
      window.sessionStorage.setItem(storageKey, JSON.stringify(unsent()));
    });
  }

  restore();
  form.addEventListener("change", update);
  update();
})();
