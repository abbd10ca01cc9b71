// The service worker, served as /sw.js (igfsession.agenda.offline_views) so that its scope is the
// whole site. Network first, always: online, a participant gets the server's current page; the
// copy kept here serves only when the network fails, marked with the time it was kept (the page
// says "as of 16:42", offline.js). It keeps only the participants' pages: the sheets list, the
// sheets and their paper versions, the agenda and the home page, and the static files; never a
// results page, an organiser's or a coordinator's page, nor any answer sent "private" or
// "no-store" (everything with a logged-in user's or a participant's own data is).
"use strict";

var CACHE = "igf-pages-v1";
var KEPT = [
  /^\/$/,
  /^\/agenda\/$/,
  /^\/agenda\/now\/$/,
  /^\/feedback\/$/,
  /^\/feedback\/(?!results|debate|report|responses)[^/]+\/$/,
  /^\/feedback\/(?!results|debate|report|responses)[^/]+\/print\/$/,
  /^\/static\//,
];

function keptPath(url) {
  var parsed = new URL(url);
  if (parsed.origin !== self.location.origin || parsed.search) {
    return false;
  }
  return KEPT.some(function (pattern) { return pattern.test(parsed.pathname); });
}

function mayKeep(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) {
    return false;
  }
  var control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return control.indexOf("private") === -1 && control.indexOf("no-store") === -1;
}

// Kept with the time it was kept, in a header of our own.
function keep(request, response) {
  return response.clone().blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("X-IGF-Kept-At", new Date().toISOString());
    var copy = new Response(body, { status: 200, statusText: "OK", headers: headers });
    return caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
  });
}

// A kept page says it is a copy: its <body> carries the time (read by offline.js).
function served(copy) {
  var type = copy.headers.get("Content-Type") || "";
  if (type.indexOf("text/html") !== 0) {
    return copy;
  }
  return copy.text().then(function (html) {
    var at = copy.headers.get("X-IGF-Kept-At") || "";
    return new Response(html.replace("<body", '<body data-offline-copy="' + at + '"'), {
      status: 200,
      headers: copy.headers,
    });
  });
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !keptPath(request.url)) {
    return; // The browser's own handling: no copy is kept or served.
  }
  event.respondWith(
    fetch(request).then(function (response) {
      if (mayKeep(response)) {
        event.waitUntil(keep(request, response));
      } else if (response.status === 200) {
        // Now private (a log-in, one's own answers): an older copy must not outlive it.
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.delete(request); }));
      }
      return response;
    }, function (error) {
      return caches.match(request, { ignoreVary: true }).then(function (copy) {
        if (!copy) {
          throw error;
        }
        return served(copy);
      });
    })
  );
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    // The page a participant just opened, first visit included, and the files it loaded.
    event.waitUntil(Promise.all(data.urls.filter(keptPath).map(function (url) {
      var request = new Request(url, { credentials: "same-origin" });
      return fetch(request).then(function (response) {
        return mayKeep(response) ? keep(request, response) : null;
      }).catch(function () { return null; });
    })));
  } else if (data.type === "forget") {
    // "I am someone else": nothing of the previous person stays on the device.
    event.waitUntil(caches.delete(CACHE));
  }
});
