// On every page, progressive enhancement only (the site works without it): sheets queued on this
// device while the network was down are sent when it returns (on the `online` event, on this
// page's load, and again after a while as long as some wait); the service worker (/sw.js) is
// installed and told which page this is, so that it keeps a copy for when the network fails;
// "I am someone else" forgets what the device kept. Strings come from #offline-status's data
// attributes (translated in base.html). Shared with sheet.js through window.igfOffline.
(function () {
  "use strict";
  var QUEUE_KEY = "igf-sheet-queue";
  var DRAFT_PREFIX = "igf-sheet-draft:";
  var TIMEOUT_MS = 15000;
  var status = document.getElementById("offline-status");
  var sending = false;
  var retryDelay = 15000;
  var retryTimer = null;

  function storage() {
    try {
      window.localStorage.setItem("igf-test", "1");
      window.localStorage.removeItem("igf-test");
      return window.localStorage;
    } catch (error) {
      return null; // Storage refused (private mode): nothing can be kept.
    }
  }
  var store = storage();

  function readQueue() {
    if (!store) {
      return {};
    }
    try {
      return JSON.parse(store.getItem(QUEUE_KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function writeQueue(queue) {
    if (!store) {
      return;
    }
    if (Object.keys(queue).length) {
      store.setItem(QUEUE_KEY, JSON.stringify(queue));
    } else {
      store.removeItem(QUEUE_KEY);
    }
  }

  function say(kind, extra) {
    if (!status || !status.dataset[kind]) {
      return;
    }
    status.textContent = status.dataset[kind] + (extra ? " " + extra : "");
    status.className = "offline-status alert " + (kind === "refused" ? "alert-danger" : "alert-info");
  }

  // A POST with a time limit: resolves with the response, rejects on a network failure or timeout.
  function post(action, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return window
      .fetch(action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        signal: controller ? controller.signal : undefined,
      })
      .then(function (response) {
        window.clearTimeout(timer);
        return response;
      }, function (error) {
        window.clearTimeout(timer);
        throw error;
      });
  }

  // What the server said on a refusal: the alerts of its page, else its heading.
  function serverMessage(response) {
    return response.text().then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var parts = [];
      doc.querySelectorAll("main .alert, main .error-summary").forEach(function (node) {
        parts.push(node.textContent.replace(/\s+/g, " ").trim());
      });
      if (!parts.length && doc.querySelector("main h1")) {
        parts.push(doc.querySelector("main h1").textContent.trim());
      }
      return parts.join(" ");
    });
  }

  function forgetSheet(action) {
    var queue = readQueue();
    delete queue[action];
    writeQueue(queue);
    if (store) {
      store.removeItem(DRAFT_PREFIX + action);
    }
  }

  var handlers = { sent: [], refused: [] };

  // Send what waits, one sheet after the other. A 5xx or a network failure keeps it for later; a
  // refusal (4xx) drops it from the queue at once (never retried) and keeps the answers kept.
  function flush() {
    var queue = readQueue();
    var actions = Object.keys(queue);
    if (sending || !actions.length || !window.fetch) {
      return;
    }
    sending = true;
    var action = actions[0];
    post(action, queue[action].body)
      .then(function (response) {
        sending = false;
        if (response.ok) {
          forgetSheet(action);
          retryDelay = 15000;
          handlers.sent.forEach(function (handler) { handler(action, response.url); });
          if (!handlers.sent.length) {
            say("sent");
          }
          flush();
        } else if (response.status >= 500) {
          later();
        } else {
          var left = readQueue();
          delete left[action];
          writeQueue(left);
          serverMessage(response).then(function (message) {
            handlers.refused.forEach(function (handler) { handler(action, message); });
            if (!handlers.refused.length) {
              say("refused", message);
            }
          });
          flush();
        }
      })
      .catch(function () {
        sending = false;
        later();
      });
  }

  function later() {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 300000);
  }

  function enqueue(action, body) {
    if (!store) {
      return false;
    }
    var queue = readQueue();
    queue[action] = { body: body, at: new Date().toISOString() };
    writeQueue(queue);
    later();
    return true;
  }

  function worker(message) {
    if (!navigator.serviceWorker || !navigator.serviceWorker.controller) {
      return;
    }
    navigator.serviceWorker.controller.postMessage(message);
  }

  window.igfOffline = {
    store: store,
    draftKey: function (action) { return DRAFT_PREFIX + action; },
    post: post,
    serverMessage: serverMessage,
    enqueue: enqueue,
    flush: flush,
    forgetSheet: forgetSheet,
    say: say,
    handlers: handlers,
  };

  // A page the server confirmed as sent (the thank-you page): the device's copy is done with.
  var sent = document.querySelector("[data-sent-sheet]");
  if (sent) {
    forgetSheet(sent.dataset.sentSheet);
  }

  // A copy the worker served while the network was down: say how old it is.
  var copyAt = document.body.dataset.offlineCopy;
  if (copyAt && status && status.dataset.copy) {
    var when = new Date(copyAt);
    var time = when.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    status.textContent = status.dataset.copy.replace("__time__", time);
    status.className = "offline-status alert alert-warning";
  }

  // "I am someone else": the next person finds nothing of the previous one on this device.
  document.querySelectorAll("form.someone-else").forEach(function (form) {
    form.addEventListener("submit", function () {
      if (store) {
        Object.keys(store).forEach(function (key) {
          if (key === QUEUE_KEY || key.indexOf(DRAFT_PREFIX) === 0) {
            store.removeItem(key);
          }
        });
      }
      worker({ type: "forget" });
    });
  });

  if ("serviceWorker" in navigator && document.body.dataset.serviceWorker) {
    navigator.serviceWorker.register(document.body.dataset.serviceWorker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // This very page, first visit included, and the files it loaded.
      var urls = [window.location.href];
      if (window.performance && performance.getEntriesByType) {
        performance.getEntriesByType("resource").forEach(function (entry) {
          if (entry.name.indexOf(window.location.origin + "/static/") === 0) {
            urls.push(entry.name);
          }
        });
      }
      if (registration.active && !copyAt) {
        registration.active.postMessage({ type: "keep", urls: urls });
      }
    }).catch(function () {
      // No worker (an old browser, a private window): the site works as before.
    });
  }

  window.addEventListener("online", flush);
  window.addEventListener("load", flush);
})();
