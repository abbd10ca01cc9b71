// The rating sheet, progressive enhancement only (it works without this script):
// - counts the rated issues in the bar at the bottom as marks are picked;
// - keeps the marks and comments not yet sent on the device (localStorage, keyed by sheet) as
//   they are made, so that a reload, a language switch or a closed tab brings them back, with a
//   notice; they are forgotten once the server has confirmed the sheet (offline.js, on the
//   thank-you page);
// - sends the sheet itself: online the browser still ends on the thank-you page; with no
//   network, a failure or no answer in 15 s, the sheet is queued on the device (offline.js
//   sends it when the network returns) and stays on screen; a refusal (the sheet closed, a
//   form too old…) is shown with the answers kept, and never retried.
(function () {
  "use strict";
  var form = document.querySelector("form.rating-sheet");
  var progress = document.getElementById("sheet-progress");
  var offline = window.igfOffline;
  if (!form) {
    return;
  }
  var action = form.getAttribute("action");
  var store = offline ? offline.store : null;
  var draftKey = offline ? offline.draftKey(action) : null;

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

  // The marks and comments only: never the contact details (a shared device) nor the token.
  function unsent() {
    var state = {};
    form.querySelectorAll("input[type=radio][name^='mark_']:checked").forEach(function (radio) {
      state[radio.name] = radio.value;
    });
    form.querySelectorAll("textarea[name^='comment_'], textarea[name=overall_comment]").forEach(function (area) {
      if (area.value) {
        state[area.name] = area.value;
      }
    });
    return state;
  }

  function keep() {
    if (!store) {
      return;
    }
    var state = unsent();
    if (Object.keys(state).length) {
      store.setItem(draftKey, JSON.stringify(state));
    } else {
      store.removeItem(draftKey);
    }
  }

  function restore() {
    var state;
    try {
      state = JSON.parse(store.getItem(draftKey) || "null");
    } catch (error) {
      state = null;
    }
    if (!state || !Object.keys(state).length) {
      return false;
    }
    Object.keys(state).forEach(function (name) {
      if (name.indexOf("mark_") === 0) {
        form.querySelectorAll("input[type=radio]").forEach(function (radio) {
          if (radio.name === name) {
            radio.checked = radio.value === state[name];
          }
        });
      } else {
        var area = form.elements.namedItem(name);
        if (area && area.tagName === "TEXTAREA") {
          area.value = state[name];
        }
      }
    });
    return true;
  }

  var note = document.getElementById("language-unsent-note");
  if (store && note && note.dataset.kept) {
    note.textContent = note.dataset.kept;
  }

  function showThanks(url) {
    window.location.assign(url);
  }

  function refused(message) {
    offline.say("refused", message);
    if (button) {
      button.disabled = false;
    }
  }

  var button = form.querySelector("button[type=submit]");

  function queue(body) {
    if (offline.enqueue(action, body)) {
      offline.say("queued");
    } else {
      offline.say("failed");
    }
    button.disabled = false;
  }

  if (offline && store && window.fetch && window.URLSearchParams) {
    if (restore()) {
      offline.say("restored");
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    offline.handlers.sent.push(function (sentAction, url) {
      if (sentAction === action) {
        showThanks(url);
      }
    });
    offline.handlers.refused.push(function (refusedAction, message) {
      if (refusedAction === action) {
        refused(message);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keep();
      var body = new URLSearchParams(new FormData(form)).toString();
      button.disabled = true;
      if (navigator.onLine === false) {
        queue(body);
        return;
      }
      offline.post(action, body).then(function (response) {
        if (response.ok) {
          offline.forgetSheet(action);
          showThanks(response.url);
        } else if (response.status >= 500) {
          queue(body);
        } else if (response.status === 400) {
          // Marks the server cannot take: its page shows the errors beside the fields, with the
          // answers kept, exactly as without this script.
          form.submit();
        } else {
          offline.serverMessage(response).then(refused);
        }
      }, function () {
        queue(body);
      });
    });
  }

  form.addEventListener("change", update);
  update();
})();
