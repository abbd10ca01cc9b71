/* The results on the room's screen (/feedback/results/projector/), progressive enhancement: the
 * server-rendered page is complete without this file.
 *
 * Every data-refresh-seconds seconds (20) fetch the page again and swap the content of
 * #projector-main for the new one, without reloading (no flash, no lost scroll position); never
 * <meta http-equiv="refresh">, which WCAG 2.2.1 and 3.2.5 rule out. While the tab is hidden it
 * does not fetch; shown again, it fetches at once. If a fetch fails (network, logged out), the
 * figures stay and the status line says they are not fresh (data-stale-text). No inline scripts
 * (CSP).
 */
(function () {
  "use strict";

  var DEFAULT_SECONDS = 20;
  var main = document.getElementById("projector-main");
  if (!main || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(main.dataset.refreshSeconds, 10);
  if (!(seconds >= 1)) seconds = DEFAULT_SECONDS;
  var busy = false;

  function stale() {
    var status = document.getElementById("projector-status");
    if (!status || status.classList.contains("projector-stale")) return;
    status.classList.add("projector-stale");
    status.append(" " + main.dataset.staleText);
  }

  function refresh() {
    if (busy || document.visibilityState !== "visible") return;
    busy = true;
    fetch(window.location.href, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "text/html" }
    })
      .then(function (response) {
        // A redirect is the log-in page: the session is over, keep what is shown.
        if (!response.ok || response.redirected) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("projector-main");
        if (!fresh) throw new Error("no content");
        main.replaceChildren.apply(main, Array.prototype.map.call(fresh.childNodes, function (node) {
          return document.importNode(node, true);
        }));
      })
      .catch(stale)
      .finally(function () { busy = false; });
  }

  window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") refresh();
  });
})();
